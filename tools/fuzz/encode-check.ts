// Cross-checks tools/fuzz/encode.ts against GNU binutils:
//  1. assemble the same instructions with riscv64-linux-gnu-as and compare the
//     bytes exactly (every instruction binutils knows);
//  2. disassemble our encodings (in an ELF from elf-writer.ts, with an ISA
//     attribute) with `objdump -d -M no-aliases,numeric` and check the
//     mnemonic of every instruction.
// Zicond is not known to binutils 2.40 (Debian bookworm); its two encodings
// are then checked against the constants of the ratified spec instead.
//
//   npx tsx tools/fuzz/encode-check.ts [samplesPerInsn] [seed]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asm, INSNS, sampleOperands, type InsnDef, type Operands } from "./encode.ts";
import { CodeBuffer, writeElf } from "./elf-writer.ts";
import { Rng } from "./rng.ts";

export const BINUTILS_PREFIX = "riscv64-linux-gnu-";

export interface CheckResult {
  checked: number;
  assembled: number;
  disassembled: number;
  skipped: string[];
  failures: string[];
}

function have(tool: string): boolean {
  const r = spawnSync(BINUTILS_PREFIX + tool, ["--version"], {
    encoding: "utf8",
  });
  return r.status === 0;
}

export function binutilsAvailable(): boolean {
  return have("as") && have("objdump") && have("objcopy");
}

function assemble(dir: string, src: string, march: string): { bytes?: Uint8Array; error?: string } {
  const s = join(dir, "t.s");
  const o = join(dir, "t.o");
  const bin = join(dir, "t.bin");
  writeFileSync(s, src);
  const a = spawnSync(BINUTILS_PREFIX + "as", [`-march=${march}`, "-mabi=lp64d", "-mno-relax", "-o", o, s], {
    encoding: "utf8",
  });
  if (a.status !== 0) return { error: a.stderr };
  const c = spawnSync(BINUTILS_PREFIX + "objcopy", ["-O", "binary", "-j", ".text", o, bin], { encoding: "utf8" });
  if (c.status !== 0) return { error: c.stderr };
  return { bytes: new Uint8Array(readFileSync(bin)) };
}

/** Words for one instruction in little-endian order. */
function bytesOf(word: number, size: 2 | 4): number[] {
  const b = [word & 0xff, (word >>> 8) & 0xff];
  if (size === 4) b.push((word >>> 16) & 0xff, (word >>> 24) & 0xff);
  return b;
}

// The exact conversions have an rm field that binutils 2.40 cannot express.
const EXACT_CVT = new Set(["fcvt.d.s", "fcvt.d.w", "fcvt.d.wu"]);

export function crossCheck(samplesPerInsn = 40, seed = 1): CheckResult {
  const rng = new Rng(seed);
  const res: CheckResult = {
    checked: 0,
    assembled: 0,
    disassembled: 0,
    skipped: [],
    failures: [],
  };
  const dir = mkdtempSync(join(tmpdir(), "tciemu-enc-"));
  try {
    const samples: { d: InsnDef; o: Operands; word: number }[] = [];
    for (const d of INSNS) {
      for (let i = 0; i < samplesPerInsn; i++) {
        const o = sampleOperands(d, (n) => rng.below(n));
        if (EXACT_CVT.has(d.name) && i % 2 === 0) o.rm = 0;
        samples.push({ d, o, word: d.enc(o) });
      }
    }
    res.checked = samples.length;

    // Which extensions does this binutils know?
    const zicondOk = assemble(dir, ".option norvc\nczero.eqz x1,x2,x3\n", "rv64gc_zicond").bytes !== undefined;
    const march = "rv64gc_zba_zbb_zbs" + (zicondOk ? "_zicond" : "");
    if (!zicondOk) {
      // Ratified Zicond: MATCH_CZERO_EQZ 0x0e005033, MATCH_CZERO_NEZ 0x0e007033, mask 0xfe00707f.
      for (const s of samples.filter((x) => x.d.ext === "Zicond")) {
        const match = s.d.name === "czero.eqz" ? 0x0e005033 : 0x0e007033;
        const fields = ((s.o.rs2! << 20) | (s.o.rs1! << 15) | (s.o.rd! << 7)) >>> 0;
        if ((s.word ^ match) >>> 0 !== fields) {
          res.failures.push(`${s.d.name} ${JSON.stringify(s.o)}: 0x${s.word.toString(16)} vs spec`);
        }
      }
      res.skipped.push("zicond (binutils has no Zicond; checked against the spec's MATCH constants)");
    }

    // 1. as round trip.
    const asmable = samples.filter((s) => (zicondOk || s.d.ext !== "Zicond") && !(EXACT_CVT.has(s.d.name) && s.o.rm !== 0));
    let src = ".option norelax\n.text\n";
    let lastRvc: boolean | undefined;
    for (const s of asmable) {
      const rvc = s.d.size === 2;
      if (rvc !== lastRvc) src += rvc ? ".option rvc\n" : ".option norvc\n";
      lastRvc = rvc;
      src += asm(s.d.name, s.o) + "\n";
    }
    const a = assemble(dir, src, march);
    if (a.bytes === undefined) {
      res.failures.push(`assembler failed:\n${a.error}`);
    } else {
      let p = 0;
      for (const s of asmable) {
        const want = bytesOf(s.word, s.d.size);
        const got = Array.from(a.bytes.subarray(p, p + want.length));
        if (got.length !== want.length || got.some((v, i) => v !== want[i])) {
          const hex = (b: number[]) => b.map((x) => x.toString(16).padStart(2, "0")).join("");
          res.failures.push(`${asm(s.d.name, s.o)}: ours ${hex(want)} binutils ${hex(got)}`);
          if (got.length !== want.length) break;
        }
        p += want.length;
        res.assembled++;
      }
      if (p !== a.bytes.length) res.failures.push(`assembled length ${a.bytes.length} != ours ${p}`);
    }

    // 2. objdump mnemonics of our own encodings.
    const code = new CodeBuffer(0x10000);
    for (const s of samples) code.emit(s.word, s.d.size);
    const elf = writeElf({
      text: code.toBytes(),
      textAddr: 0x10000,
      data: new Uint8Array(8),
      dataAddr: 0x200000,
      entry: 0x10000,
      arch: "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zba1p0_zbb1p0_zbs1p0",
    });
    const elfPath = join(dir, "ours.elf");
    writeFileSync(elfPath, elf);
    const od = spawnSync(BINUTILS_PREFIX + "objdump", ["-d", "-M", "no-aliases,numeric", elfPath], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (od.status !== 0) {
      res.failures.push(`objdump failed: ${od.stderr}`);
    } else {
      const lines = od.stdout.split("\n").filter((l) => /^\s+[0-9a-f]+:\t/.test(l));
      if (lines.length !== samples.length) {
        res.failures.push(`objdump printed ${lines.length} instructions, expected ${samples.length}`);
      }
      for (let i = 0; i < Math.min(lines.length, samples.length); i++) {
        const s = samples[i]!;
        const parts = lines[i]!.split("\t");
        const mnemonic = (parts[2] ?? "").trim();
        // objdump -M no-aliases prints c.nop as its base form.
        let want = s.d.name === "c.nop" ? "c.addi" : s.d.name;
        if (s.d.sig === "LR" || s.d.sig === "AMO") want += s.o.aq ? (s.o.rl ? ".aqrl" : ".aq") : s.o.rl ? ".rl" : "";
        if (s.d.ext === "Zicond" && !zicondOk) continue;
        // binutils 2.40 does not decode the exact conversions with rm != 0.
        if (EXACT_CVT.has(s.d.name) && s.o.rm !== 0) continue;
        if (mnemonic !== want) res.failures.push(`objdump: ${lines[i]!.trim()} ; expected ${want} ${JSON.stringify(s.o)}`);
        else res.disassembled++;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return res;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 40);
  const seed = Number(process.argv[3] ?? 1);
  const r = crossCheck(n, seed);
  for (const f of r.failures.slice(0, 50)) console.log("FAIL", f);
  for (const s of r.skipped) console.log("note:", s);
  console.log(
    `${INSNS.length} instructions, ${r.checked} encodings: ${r.assembled} match binutils as, ` +
      `${r.disassembled} mnemonics match objdump, ${r.failures.length} failures`,
  );
  process.exit(r.failures.length === 0 ? 0 : 1);
}
