// Runs generated i386 instructions under Debian trixie's qemu-i386 with -one-insn-per-tb -d in_asm and
// returns what QEMU logged for each TB: the reference for our decoder's lengths and for the disassembler.
// The program is testdata/i386/insn-harness.S with the instructions in its slots (tools/i386/insn-gen.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";
import { harnessSlots, SLOT_SHIFT, SLOTS, type GenInsn } from "../../tools/i386/insn-gen.ts";

export const CC = "i686-linux-gnu-gcc";
export const OBJDUMP = "i686-linux-gnu-objdump";
/** The CPU model every comparison runs QEMU with (tciemu-i386's default). */
export const QEMU_CPU = "qemu32,-sse3";

/** qemu-i386 from the cache, or an Error saying how to fetch it. */
export function requireQemuI386(): string {
  const q = trixieQemuUser("i386");
  if (q === undefined) throw new Error("qemu-i386 (Debian trixie, QEMU 10) is missing: run `bash tools/debian/fetch.sh qemu`");
  return q;
}

/** Throws with the install command when the i686 cross toolchain is missing. */
export function requireCrossTools(): void {
  for (const tool of [CC, OBJDUMP]) {
    const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${tool} is missing: apt-get install gcc-i686-linux-gnu binutils-i686-linux-gnu`);
  }
}

/** Builds the harness with `insns` in its slots; returns the ELF path inside `dir`. */
export function buildHarness(insns: GenInsn[], dir: string): string {
  writeFileSync(join(dir, "slots.inc"), harnessSlots(insns));
  const elf = join(dir, "harness.elf");
  execFileSync(
    CC,
    [
      "-nostdlib",
      "-static",
      `-Wl,--section-start=.slots=0x${SLOTS.toString(16)}`,
      `-DNSLOTS=${insns.length}`,
      `-DSLOTS=0x${SLOTS.toString(16)}`,
      `-DSLOT_SHIFT=${SLOT_SHIFT}`,
      `-Wa,-I${dir}`,
      "-o",
      elf,
      join(repoRoot(), "testdata", "i386", "insn-harness.S"),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return elf;
}

/** One TB of an in_asm log: its start address and the disassembly lines (as QEMU printed them). */
export interface InAsmBlock {
  pc: number;
  lines: string[];
}

/** Splits a -d in_asm log into TBs (the first translation of each start address wins). */
export function parseInAsm(log: string): Map<number, InAsmBlock> {
  const blocks = new Map<number, InAsmBlock>();
  const parts = log.split("----------------\n");
  for (const part of parts) {
    if (!part.startsWith("IN:")) continue;
    const lines = part.split("\n").slice(1);
    const end = lines.indexOf("");
    const body = end >= 0 ? lines.slice(0, end) : lines;
    if (body.length === 0) continue;
    const pc = parseInt(body[0]!.slice(2, 10), 16);
    if (!blocks.has(pc)) blocks.set(pc, { pc, lines: body });
  }
  return blocks;
}

/** The first signal a slot raised: 0 when none. */
export interface SlotOutcome {
  signal: number;
  /** low byte of si_code: SIGILL 2 = ILL_ILLOPN (#UD); SIGSEGV 0x80 = SI_KERNEL (#GP), 1/2 = page fault */
  code: number;
  eip: number;
}

export interface HarnessRun {
  blocks: Map<number, InAsmBlock>;
  outcomes: SlotOutcome[];
  status: number | null;
  stderr: string;
}

function parseOutcomes(out: Buffer): SlotOutcome[] {
  const res: SlotOutcome[] = [];
  for (let i = 0; i + 8 <= out.length; i += 8) {
    const w = out.readUInt32LE(i);
    res.push(w & 0x80000000 ? { signal: w & 0xff, code: (w >>> 8) & 0xff, eip: out.readUInt32LE(i + 4) } : { signal: 0, code: 0, eip: 0 });
  }
  return res;
}

/** Runs `elf` under qemu-i386 -one-insn-per-tb -d in_asm and returns the TBs it translated. */
export function runInAsm(elf: string, timeoutMs = 120_000): HarnessRun {
  const qemu = requireQemuI386();
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-log-"));
  try {
    const log = join(dir, "in_asm.log");
    const r = spawnSync(qemu, ["-cpu", QEMU_CPU, "-one-insn-per-tb", "-d", "in_asm", "-D", log, elf], {
      timeout: timeoutMs,
      maxBuffer: 64 << 20,
    });
    return {
      blocks: parseInAsm(readFileSync(log, "utf8")),
      outcomes: parseOutcomes(r.stdout),
      status: r.status,
      stderr: r.stderr.toString(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds and runs a harness for `insns` in a temporary directory. */
export function qemuInAsmFor(insns: GenInsn[]): HarnessRun {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-"));
  try {
    return runInAsm(buildHarness(insns, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
