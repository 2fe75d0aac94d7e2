/**
 * Runs GNU objdump (Debian's binutils-riscv64-linux-gnu) over raw RISC-V
 * instruction bytes and returns the text of each decoded instruction.
 *
 * Why an ELF file and not `objdump -b binary -m riscv:rv64`: binutils 2.40
 * (Debian 12) has no `-M arch=` option and disassembles `-b binary` input as
 * plain rv64gc, so Zba/Zbb/Zbs would come out as `.4byte`.  The only way to
 * tell 2.40 about extensions is the Tag_RISCV_arch attribute of an ELF file,
 * so we wrap the bytes in a minimal relocatable ELF64 with a
 * `.riscv.attributes` section.  One function symbol at the start of .text
 * makes branch targets print as `1c <code+0x1c>` (absolute hex without 0x,
 * as in any real object file) rather than `-b binary`'s `0x1c`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const OBJDUMP = "riscv64-linux-gnu-objdump";

/** Returns objdump's version line, or null when it is not installed. */
export function objdumpVersion(): string | null {
  try {
    return execFileSync(OBJDUMP, ["--version"], { encoding: "utf8" }).split("\n")[0] ?? null;
  } catch {
    return null;
  }
}

/** Little-endian byte sink for building ELF structures. */
class Bytes {
  readonly b: number[] = [];
  u8(...v: number[]) {
    return this.bytes(v);
  }
  u16(v: number) {
    return this.u8(v & 0xff, (v >>> 8) & 0xff);
  }
  u32(v: number) {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  u64(v: bigint) {
    return this.u32(Number(v & 0xffffffffn)).u32(Number(v >> 32n));
  }
  uleb(v: number) {
    do {
      const byte = v & 0x7f;
      v >>>= 7;
      this.u8(v ? byte | 0x80 : byte);
    } while (v);
    return this;
  }
  str(s: string) {
    return this.u8(...Buffer.from(s, "latin1"), 0);
  }
  bytes(v: ArrayLike<number>) {
    for (let i = 0; i < v.length; i++) this.b.push(v[i]!);
    return this;
  }
  get length() {
    return this.b.length;
  }
}

/** The `.riscv.attributes` section body holding only Tag_RISCV_arch. */
function riscvAttributes(arch: string): number[] {
  const TAG_FILE = 1;
  const TAG_RISCV_ARCH = 5;
  const attrs = new Bytes().uleb(TAG_RISCV_ARCH).str(arch);
  const file = new Bytes()
    .uleb(TAG_FILE)
    .u32(1 + 4 + attrs.length)
    .bytes(attrs.b);
  const vendor = new Bytes().str("riscv").bytes(file.b);
  return new Bytes()
    .u8(0x41) // 'A': attribute format version
    .u32(4 + vendor.length)
    .bytes(vendor.b).b;
}

/** Wraps `code` as the .text (at address `base`) of a minimal ELF64 RISC-V object. */
export function buildElf(code: Uint8Array, arch: string, base = 0n): Uint8Array {
  const names = [".text", ".riscv.attributes", ".symtab", ".strtab", ".shstrtab"];
  const shstrtab = new Bytes().str("");
  const nameOff = names.map((n) => {
    const off = shstrtab.length;
    shstrtab.str(n);
    return off;
  });
  const strtab = new Bytes().str("").str("code");
  const symtab = new Bytes()
    .bytes(new Uint8Array(24)) // the null symbol
    .u32(1) // st_name: "code"
    .u8(0x12, 0) // STB_GLOBAL | STT_FUNC, st_other
    .u16(1) // st_shndx: .text
    .u64(base)
    .u64(BigInt(code.length));
  const bodies: ArrayLike<number>[] = [code, riscvAttributes(arch), symtab.b, strtab.b, shstrtab.b];

  const file = new Bytes();
  const ehdrSize = 64;
  const offsets: number[] = [];
  let off = ehdrSize;
  for (const body of bodies) {
    off = (off + 7) & ~7;
    offsets.push(off);
    off += body.length;
  }
  const shoff = (off + 7) & ~7;

  file
    .u8(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0) // ELF64, little-endian, version 1, SYSV
    .u8(...new Array<number>(8).fill(0))
    .u16(1) // ET_REL
    .u16(243) // EM_RISCV
    .u32(1) // EV_CURRENT
    .u64(0n) // e_entry
    .u64(0n) // e_phoff
    .u64(BigInt(shoff))
    .u32(0x5) // EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE
    .u16(ehdrSize)
    .u16(0) // e_phentsize
    .u16(0) // e_phnum
    .u16(64) // e_shentsize
    .u16(bodies.length + 1)
    .u16(5); // e_shstrndx
  bodies.forEach((body, i) => {
    while (file.length < offsets[i]!) file.u8(0);
    file.bytes(body);
  });
  while (file.length < shoff) file.u8(0);

  const SHT_PROGBITS = 1;
  const SHT_SYMTAB = 2;
  const SHT_STRTAB = 3;
  const SHT_RISCV_ATTRIBUTES = 0x70000003;
  const SHF_ALLOC_EXEC = 0x6;
  const sections: [type: number, flags: number, addr: bigint, link: number, info: number, align: number, entsize: number][] = [
    [SHT_PROGBITS, SHF_ALLOC_EXEC, base, 0, 0, 2, 0],
    [SHT_RISCV_ATTRIBUTES, 0, 0n, 0, 0, 1, 0],
    [SHT_SYMTAB, 0, 0n, 4, 1, 8, 24],
    [SHT_STRTAB, 0, 0n, 0, 0, 1, 0],
    [SHT_STRTAB, 0, 0n, 0, 0, 1, 0],
  ];
  file.bytes(new Uint8Array(64)); // the null section header
  sections.forEach(([type, flags, addr, link, info, align, entsize], i) => {
    file
      .u32(nameOff[i]!)
      .u32(type)
      .u64(BigInt(flags))
      .u64(addr)
      .u64(BigInt(offsets[i]!))
      .u64(BigInt(bodies[i]!.length))
      .u32(link)
      .u32(info)
      .u64(BigInt(align))
      .u64(BigInt(entsize));
  });
  return Uint8Array.from(file.b);
}

export interface ObjdumpLine {
  /** Byte offset of the instruction inside `code`. */
  offset: number;
  /** Mnemonic, a tab, operands; with ` <symbol>` and `# comment` removed. */
  text: string;
}

/**
 * Removes what a stateless disassembler cannot print: the ` <symbol+off>`
 * after addresses and the `# address` comments objdump derives from an
 * earlier auipc/lui.
 */
export function cleanObjdumpText(raw: string): string {
  return raw
    .replace(/\s*#.*$/, "")
    .replace(/ <[^>]*>/g, "")
    .trimEnd();
}

/** Disassembles `code`, placed at address `base`, with the extensions in `arch`. */
export function objdump(code: Uint8Array, arch: string, base = 0n): ObjdumpLine[] {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-objdump-"));
  try {
    const file = join(dir, "code.o");
    writeFileSync(file, buildElf(code, arch, base));
    // -z: print runs of zero bytes too, instead of eliding them as "...".
    const text = execFileSync(OBJDUMP, ["-d", "-z", "--no-show-raw-insn", file], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const lines: ObjdumpLine[] = [];
    for (const line of text.split("\n")) {
      const m = /^\s*([0-9a-f]+):\t(.*)$/.exec(line);
      if (m) {
        const offset = Number((BigInt("0x" + m[1]!) - base) & 0xffffffffffffffffn);
        lines.push({ offset, text: cleanObjdumpText(m[2]!) });
      }
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
