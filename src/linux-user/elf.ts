// ELF executables for Linux user mode (QEMU's linux-user/elfload.c): ELF32 and ELF64 little-endian
// parsing with clear one-line errors (checked against the running guest's machine and class),
// loading PT_LOAD segments into the guest address space, and the initial stack (argv, envp, auxv)
// laid out as the Linux kernel does, with the guest's word size.
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_WRITE } from "./address-space.ts";
import { PageCache, bytesSource, mapFile, type FileSource } from "./page-cache.ts";
import { byteStringToCString, bytesToByteString } from "./bytes.ts";

export class ElfError extends Error {}

/** parseElf was given the file's first bytes only and needs more of them (the kernel then reads the whole file). */
export class ElfNeedsMoreBytes extends Error {}

/** The guest an executable must be for (LinuxAbi.elf). */
export interface ElfTarget {
  readonly machine: number;
  readonly machineName: string;
  readonly elfClass: 1 | 2;
  readonly wrongClass: string;
  /** The stack is executable when there is no PT_GNU_STACK (QEMU's EXSTACK_DEFAULT: true for i386 and arm). */
  readonly execStackDefault?: boolean;
}

export const EM_RISCV = 243;
const PT_LOAD = 1,
  PT_INTERP = 3,
  PT_PHDR = 6,
  PT_GNU_STACK = 0x6474e551;
const PF_X = 1;
const ET_EXEC = 2,
  ET_DYN = 3;
const PAGE = 4096;

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
}

export interface ElfInfo {
  /** ELFCLASS32 (1) or ELFCLASS64 (2). */
  elfClass: 1 | 2;
  type: number;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  segments: ElfSegment[];
  interp: string | null;
  /** PT_GNU_STACK asks for an executable stack (PF_X); without PT_GNU_STACK the target's default (qemu's EXSTACK_DEFAULT). */
  execStack: boolean;
}

const MACHINES: Record<number, string> = {
  3: "i386",
  62: "x86-64",
  40: "ARM",
  183: "AArch64",
  8: "MIPS",
  20: "PowerPC",
  21: "PowerPC64",
  22: "S/390",
  2: "SPARC",
  243: "RISC-V",
};

/**
 * Parses and validates an ELF header and its program headers. With a target, the machine and
 * class must be the guest's (an x86-64 or ARM ELF given to tciemu-riscv64 says what it is). Throws
 * ElfError with a one-line reason.
 */
export function parseElf(data: Uint8Array, what = "file", target?: ElfTarget, fileSize = data.length): ElfInfo {
  if (data.length < 4 || data[0] !== 0x7f || data[1] !== 0x45 || data[2] !== 0x4c || data[3] !== 0x46)
    throw new ElfError(`${what}: not an ELF file`);
  const cls = data[4];
  const ehsize = cls === 1 ? 52 : 64;
  if (data.length < ehsize) throw new ElfError(`${what}: truncated ELF header`);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = data[5] === 1;
  const machine = le ? dv.getUint16(18, true) : dv.getUint16(18, false);
  if (target) {
    if (machine !== target.machine)
      throw new ElfError(`${what}: ELF for ${MACHINES[machine] ?? `machine ${machine}`}, not ${target.machineName}`);
    if (cls !== target.elfClass) throw new ElfError(`${what}: ${target.wrongClass}`);
  } else if (cls !== 1 && cls !== 2) throw new ElfError(`${what}: bad ELF class ${cls}`);
  if (!le) throw new ElfError(`${what}: big-endian ELF`);
  const type = dv.getUint16(16, true);
  if (type !== ET_EXEC && type !== ET_DYN) throw new ElfError(`${what}: not an executable (ELF type ${type})`);
  const elf64 = cls === 2;
  const word = (o: number) => (elf64 ? Number(dv.getBigUint64(o, true)) : dv.getUint32(o, true));
  const entry = word(24);
  const phoff = word(elf64 ? 32 : 28);
  const phentsize = dv.getUint16(elf64 ? 54 : 42, true);
  const phnum = dv.getUint16(elf64 ? 56 : 44, true);
  if (phentsize < (elf64 ? 56 : 32) || phnum === 0 || phoff + phnum * phentsize > fileSize)
    throw new ElfError(`${what}: truncated ELF (program headers beyond the end of the file)`);
  if (phoff + phnum * phentsize > data.length) throw new ElfNeedsMoreBytes();
  const segments: ElfSegment[] = [];
  let interp: string | null = null;
  let execStack = target?.execStackDefault ?? false;
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    // Elf64_Phdr: type, flags, offset, vaddr, paddr, filesz, memsz; Elf32_Phdr: type, offset,
    // vaddr, paddr, filesz, memsz, flags.
    const seg: ElfSegment = elf64
      ? {
          type: dv.getUint32(o, true),
          flags: dv.getUint32(o + 4, true),
          offset: word(o + 8),
          vaddr: word(o + 16),
          filesz: word(o + 32),
          memsz: word(o + 40),
        }
      : {
          type: dv.getUint32(o, true),
          flags: dv.getUint32(o + 24, true),
          offset: dv.getUint32(o + 4, true),
          vaddr: dv.getUint32(o + 8, true),
          filesz: dv.getUint32(o + 16, true),
          memsz: dv.getUint32(o + 20, true),
        };
    if (seg.type === PT_LOAD || seg.type === PT_INTERP) {
      if (seg.offset + seg.filesz > fileSize)
        throw new ElfError(`${what}: truncated ELF (segment ${i} extends beyond the end of the file)`);
      if (seg.memsz < seg.filesz) throw new ElfError(`${what}: malformed ELF (segment ${i} memsz < filesz)`);
    }
    if (seg.type === PT_INTERP) {
      if (seg.offset + seg.filesz > data.length) throw new ElfNeedsMoreBytes();
      let end = seg.offset;
      while (end < seg.offset + seg.filesz && data[end] !== 0) end++;
      interp = bytesToByteString(data.subarray(seg.offset, end));
    }
    if (seg.type === PT_GNU_STACK) execStack = (seg.flags & PF_X) !== 0;
    segments.push(seg);
  }
  if (!segments.some((s) => s.type === PT_LOAD)) throw new ElfError(`${what}: ELF has no loadable segment`);
  return { elfClass: elf64 ? 2 : 1, type, entry, phoff, phentsize, phnum, segments, interp, execStack };
}

export interface LoadedImage {
  bias: number;
  entry: number;
  phdr: number;
  /** Lowest and highest guest address of the image. */
  start: number;
  end: number;
}

/**
 * Maps an ELF's PT_LOAD segments at `bias` (0 for ET_EXEC) as Linux's elf_map does: the file pages
 * of each segment are mapped private (copy-on-write pages of the page cache, so every process
 * running the same file shares them), the part of the last file page beyond p_filesz is zeroed
 * when the segment has a bss, and the rest of p_memsz is anonymous zero memory. A later segment
 * replaces what an earlier one mapped on a shared page (MAP_FIXED). `data` as bytes maps copies.
 */
export function loadElfImage(as: AddressSpace, data: FileSource | Uint8Array, info: ElfInfo, bias: number, cache?: PageCache): LoadedImage {
  const src = data instanceof Uint8Array ? bytesSource(data) : data;
  const pc = cache ?? new PageCache(as.mem, 0);
  let start = Infinity,
    end = 0;
  let phdr = 0;
  for (const s of info.segments) {
    if (s.type !== PT_LOAD) continue;
    const prot = (s.flags & 4 ? PROT_READ : 0) | (s.flags & 2 ? PROT_WRITE : 0) | (s.flags & 1 ? PROT_EXEC : 0);
    const va = s.vaddr + bias;
    const pageStart = va - (va % PAGE);
    const pageEnd = Math.ceil((va + s.memsz) / PAGE) * PAGE;
    let anonStart = pageStart;
    if (s.filesz > 0 && s.offset % PAGE === va % PAGE) {
      const nFile = Math.ceil((va + s.filesz - pageStart) / PAGE);
      mapFile(as, pc, src, pageStart, nFile, s.offset - (va % PAGE), prot);
      const tail = (va + s.filesz) % PAGE;
      if (s.memsz > s.filesz && tail) as.write(va + s.filesz, new Uint8Array(PAGE - tail), true);
      anonStart = pageStart + nFile * PAGE;
    } else if (s.filesz > 0) {
      // Offset and address not congruent (Linux refuses such files; hand-made test ELFs have
      // them): copy the bytes into anonymous memory.
      as.map(pageStart, pageEnd - pageStart, prot);
      const bytes = new Uint8Array(s.filesz);
      src.read(s.offset, bytes);
      as.write(va, bytes, true);
      anonStart = pageEnd;
    }
    if (pageEnd > anonStart) as.map(anonStart, pageEnd - anonStart, prot);
    start = Math.min(start, pageStart);
    end = Math.max(end, va + s.memsz);
    if (s.offset <= info.phoff && info.phoff < s.offset + s.filesz) phdr = va + (info.phoff - s.offset);
  }
  const p = info.segments.find((s) => s.type === PT_PHDR);
  if (p) phdr = p.vaddr + bias;
  return { bias, entry: info.entry + bias, phdr, start, end };
}

/** Span of an ELF's PT_LOAD segments (for choosing a load address for ET_DYN). */
export function imageSpan(info: ElfInfo): { lo: number; hi: number } {
  let lo = Infinity,
    hi = 0;
  for (const s of info.segments) {
    if (s.type !== PT_LOAD) continue;
    lo = Math.min(lo, s.vaddr - (s.vaddr % PAGE));
    hi = Math.max(hi, s.vaddr + s.memsz);
  }
  return { lo, hi };
}

export const AT = {
  NULL: 0,
  PHDR: 3,
  PHENT: 4,
  PHNUM: 5,
  PAGESZ: 6,
  BASE: 7,
  FLAGS: 8,
  ENTRY: 9,
  UID: 11,
  EUID: 12,
  GID: 13,
  EGID: 14,
  PLATFORM: 15,
  HWCAP: 16,
  CLKTCK: 17,
  SECURE: 23,
  RANDOM: 25,
  HWCAP2: 26,
  EXECFN: 31,
  SYSINFO: 32,
  SYSINFO_EHDR: 33,
  MINSIGSTKSZ: 51,
} as const;

/**
 * The initial stack as QEMU's linux-user builds it (copy_elf_strings and create_elf_tables), for
 * ABIs with AddressLayout.qemuLayout: `top` is where the strings end (QEMU starts one host pointer
 * below the stack's end); the file name, envp and argv strings go below it (argv[0] lowest), then
 * the AT_PLATFORM string (word aligned), the 16 AT_RANDOM bytes (16-byte aligned), and at a 16-byte
 * aligned sp argc, argv[], envp[] and the auxv: `archAux` (ARCH_DLINFO) first, QEMU's 16 generic
 * entries, then AT_HWCAP2, AT_PLATFORM and AT_SYSINFO_EHDR when given.
 */
export function buildInitialStackQemu(
  as: AddressSpace,
  top: number,
  argv: string[],
  envp: string[],
  execfn: string,
  random: Uint8Array,
  wordBytes: 4 | 8,
  aux: {
    arch: Array<[number, number]>;
    phdr: number;
    phent: number;
    phnum: number;
    base: number;
    entry: number;
    uid: number;
    gid: number;
    hwcap: number;
    hwcap2: number | null;
    platform: string | null;
    sysinfoEhdr: number | null;
  },
): number {
  // argv, envp and the file name are byte strings (bytes.ts)
  const cstr = byteStringToCString;
  const write = (at: number, b: Uint8Array) => {
    if (!as.write(at, b)) throw new ElfError("stack overflow while building the initial stack");
  };
  let p = top;
  const strings = (list: string[]): number[] => {
    const addrs: number[] = new Array(list.length);
    for (let i = list.length - 1; i >= 0; i--) {
      const b = cstr(list[i]);
      p -= b.length;
      write(p, b);
      addrs[i] = p;
    }
    return addrs;
  };
  const [fileString] = strings([execfn]);
  const envAddrs = strings(envp);
  const argAddrs = strings(argv);
  if (top - p > 2 << 20) throw new ElfError("argument list too long");
  let sp = p;
  let uPlatform = 0;
  if (aux.platform !== null) {
    const b = cstr(aux.platform);
    sp -= (b.length + wordBytes - 1) & ~(wordBytes - 1);
    uPlatform = sp;
    write(sp, b);
  }
  sp -= sp % 16;
  sp -= 16;
  const uRandom = sp;
  write(sp, random);
  const pairs: Array<[number, number]> = [
    ...aux.arch,
    [AT.PHDR, aux.phdr],
    [AT.PHENT, aux.phent],
    [AT.PHNUM, aux.phnum],
    [AT.PAGESZ, PAGE],
    [AT.BASE, aux.base],
    [AT.FLAGS, 0],
    [AT.ENTRY, aux.entry],
    [AT.UID, aux.uid],
    [AT.EUID, aux.uid],
    [AT.GID, aux.gid],
    [AT.EGID, aux.gid],
    [AT.HWCAP, aux.hwcap],
    [AT.CLKTCK, 100],
    [AT.RANDOM, uRandom],
    [AT.SECURE, 0],
    [AT.EXECFN, fileString],
  ];
  if (aux.hwcap2 !== null) pairs.push([AT.HWCAP2, aux.hwcap2]);
  if (aux.platform !== null) pairs.push([AT.PLATFORM, uPlatform]);
  if (aux.sysinfoEhdr !== null) pairs.push([AT.SYSINFO_EHDR, aux.sysinfoEhdr]);
  pairs.push([AT.NULL, 0]);
  const words: number[] = [argv.length, ...argAddrs, 0, ...envAddrs, 0];
  for (const [k, v] of pairs) words.push(k, v);
  sp = sp - words.length * wordBytes;
  sp -= sp % 16;
  const buf = new Uint8Array(words.length * wordBytes);
  const dv = new DataView(buf.buffer);
  if (wordBytes === 8) words.forEach((w, i) => dv.setBigUint64(i * 8, BigInt(w), true));
  else words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  write(sp, buf);
  return sp;
}

/**
 * Builds the initial stack below `top` and returns the stack pointer, as Linux's create_elf_tables:
 * at the top the program's file name (AT_EXECFN), below it the argv and envp strings in ascending
 * order (argv[0] lowest), then the AT_PLATFORM string if any, the 16 AT_RANDOM bytes, and at the
 * 16-byte aligned sp argc, argv[], NULL, envp[], NULL and the auxv pairs ending with AT_NULL, all
 * words of `wordBytes`.
 */
export function buildInitialStack(
  as: AddressSpace,
  top: number,
  argv: string[],
  envp: string[],
  auxv: Array<[number, number]>,
  execfn: string,
  random: Uint8Array,
  wordBytes: 4 | 8 = 8,
  platform: string | null = null,
): number {
  let sp = top;
  const pushBytes = (b: Uint8Array) => {
    sp -= b.length;
    if (!as.write(sp, b)) throw new ElfError("stack overflow while building the initial stack");
    return sp;
  };
  // argv, envp and the file name are byte strings (bytes.ts)
  const cstr = byteStringToCString;
  const execfnAddr = pushBytes(cstr(execfn));
  const strs = [...argv, ...envp].map(cstr);
  const total = strs.reduce((n, s) => n + s.length, 0);
  if (total > 2 << 20) throw new ElfError("argument list too long");
  sp -= total;
  const addrs: number[] = [];
  let at = sp;
  for (const s of strs) {
    if (!as.write(at, s)) throw new ElfError("stack overflow while building the initial stack");
    addrs.push(at);
    at += s.length;
  }
  const argAddrs = addrs.slice(0, argv.length);
  const envAddrs = addrs.slice(argv.length);
  sp -= sp % 16;
  const platformAddr = platform === null ? 0 : pushBytes(cstr(platform));
  if (platform !== null) sp -= sp % 16;
  const randomAddr = pushBytes(random);
  sp -= sp % 16;
  const aux: Array<[number, number]> = [...auxv, [AT.RANDOM, randomAddr], [AT.EXECFN, execfnAddr]];
  if (platform !== null) aux.push([AT.PLATFORM, platformAddr]);
  aux.push([AT.NULL, 0]);
  const words: number[] = [argv.length, ...argAddrs, 0, ...envAddrs, 0];
  for (const [k, v] of aux) words.push(k, v);
  // keep the final sp 16-byte aligned
  const bytes = words.length * wordBytes;
  sp -= (16 - (bytes % 16)) % 16;
  sp -= bytes;
  const buf = new Uint8Array(bytes);
  const dv = new DataView(buf.buffer);
  if (wordBytes === 8) words.forEach((w, i) => dv.setBigUint64(i * 8, BigInt(w), true));
  else words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  if (!as.write(sp, buf)) throw new ElfError("stack overflow while building the initial stack");
  return sp;
}
