// Loading a program into a fresh address space (QEMU's linux-user/elfload.c load_elf_binary, as
// Linux's fs/binfmt_elf.c): the executable at its addresses or, for a PIE, at the layout's PIE
// base; its PT_INTERP interpreter from the sysroot just below mmap_base; brk after the image; the
// stack (executable if PT_GNU_STACK says so); the kernel's vector pages; and the initial stack with
// argv, envp and the auxiliary vector.
import type { LinuxAbi } from "./abi.ts";
import { PROT_EXEC, PROT_READ, PROT_WRITE, type AddressSpace, type MapFile } from "./address-space.ts";
import {
  AT,
  ElfError,
  ElfNeedsMoreBytes,
  buildInitialStack,
  buildInitialStackQemu,
  imageSpan,
  loadElfImage,
  parseElf,
  type ElfInfo,
  type ElfTarget,
} from "./elf.ts";
import type { AddressLayout } from "./layouts.ts";
import { bytesSource, type FileSource, type PageCache } from "./page-cache.ts";

/** An executable file to load: its first bytes (the ELF headers, or all of it) and its contents. */
export interface ElfFile {
  head: Uint8Array;
  src: FileSource;
  /** Releases the host file (after loading: the page cache has read what it needs). */
  close?(): void;
}

/** An executable held in memory (the CLI's program, an embedder's ELF); `name`: the host file it was read from. */
export function elfFileFromBytes(data: Uint8Array, id: string | null = null, version?: string, name?: MapFile): ElfFile {
  return { head: data, src: bytesSource(data, id, version, name) };
}

/** parseElf on an ElfFile, reading the whole file when its headers lie beyond the first bytes. */
export function parseElfFile(f: ElfFile, what: string, target: ElfTarget): ElfInfo {
  try {
    return parseElf(f.head, what, target, f.src.size);
  } catch (e) {
    if (!(e instanceof ElfNeedsMoreBytes)) throw e;
    const all = new Uint8Array(f.src.size);
    f.src.read(0, all);
    f.head = all;
    return parseElf(all, what, target);
  }
}

/**
 * QEMU's mmap_find_vma under a reserved address space (qemuLayout): the first free range of len
 * bytes at or above the hint (else the mmap base), else the first one from the bottom; -1 if none.
 */
export function qemuFindVma(as: AddressSpace, layout: AddressLayout, len: number, hint = 0): number {
  const min = layout.mmapMinAddr ?? 0x10000;
  const start = hint ? Math.floor(hint / 4096) * 4096 : layout.mmapBase;
  let at = start <= layout.taskSize ? as.findFreeUp(len, start, layout.taskSize) : -1;
  if (at < 0 && start > min) at = as.findFreeUp(len, min, Math.min(start - 1, layout.taskSize));
  return at;
}

export interface LoadRequest {
  exe: ElfFile;
  argv: string[];
  envp: string[];
  /** The executable's host path (/proc/self/exe) and the name given to exec (AT_EXECFN). */
  exePath: string;
  execfn: string;
  /** Opens PT_INTERP's interpreter (the kernel looks in the sysroot first, as qemu's -L); null if missing. */
  openInterp: (path: string) => ElfFile | null;
  /** Where the loaded pages come from (shared between processes). */
  cache: PageCache;
  /** Where a missing interpreter was looked for, for the error message. */
  sysroot?: string;
  /** The 16 AT_RANDOM bytes. */
  random: Uint8Array;
  uid: number;
  gid: number;
}

export interface LoadedProgram {
  entry: number;
  sp: number;
  brk: number;
  /** Where the next mmap without a hint looks (below the interpreter). */
  mmapNext: number;
  /** The signal trampoline (0: none). */
  sigtramp: number;
  /** The main executable's load bias (PIE), for symbols. */
  bias: number;
}

export function loadProgram(as: AddressSpace, abi: LinuxAbi, req: LoadRequest): LoadedProgram {
  const { layout } = abi;
  if (layout.qemuLayout) return loadProgramQemu(as, abi, req);
  const info = parseElfFile(req.exe, req.exePath, abi.elf);
  const bias = info.type === 3 ? layout.pieBase - imageSpan(info).lo : 0;
  const img = loadElfImage(as, req.exe.src, info, bias, req.cache);
  let entry = img.entry;
  let interpBase = 0;
  let mmapNext = layout.mmapBase;
  if (info.interp) {
    const interp = req.openInterp(info.interp);
    if (!interp)
      throw new ElfError(
        `${req.exePath}: cannot load interpreter ${info.interp}${req.sysroot ? ` (looked in ${req.sysroot})` : ""}: no such file`,
      );
    const ii = parseElfFile(interp, info.interp, abi.elf);
    const span = imageSpan(ii);
    const base = as.findFree(span.hi - span.lo + 4096, layout.mmapBase);
    if (base < 0) throw new ElfError(`${req.exePath}: no room for the interpreter`);
    const li = loadElfImage(as, interp.src, ii, base - span.lo, req.cache);
    interpBase = li.bias + span.lo;
    entry = li.entry;
    mmapNext = base;
  }
  const brk = Math.ceil(img.end / 4096) * 4096;
  as.map(layout.stackTop - layout.stackSize, layout.stackSize, PROT_READ | PROT_WRITE | (info.execStack ? PROT_EXEC : 0));
  const mv = abi.mapVectors(as);
  const sigtramp = typeof mv === "number" ? mv : mv.sigtramp;
  as.special = { stack: layout.stackTop - layout.stackSize, heap: brk, vdso: typeof mv === "number" ? 0 : mv.vdsoBase };
  const wordBytes = abi.layouts.wordBytes;
  const auxv: Array<[number, number]> = [
    [AT.HWCAP, abi.auxv.hwcap],
    [AT.PAGESZ, 4096],
    [AT.CLKTCK, 100],
    [AT.PHDR, img.phdr],
    [AT.PHENT, info.elfClass === 2 ? 56 : 32],
    [AT.PHNUM, info.phnum],
    [AT.BASE, interpBase],
    [AT.FLAGS, 0],
    [AT.ENTRY, img.entry],
    [AT.UID, req.uid],
    [AT.EUID, req.uid],
    [AT.GID, req.gid],
    [AT.EGID, req.gid],
    [AT.SECURE, 0],
    [AT.HWCAP2, abi.auxv.hwcap2],
    [AT.MINSIGSTKSZ, abi.auxv.minsigstksz],
  ];
  const sp = buildInitialStack(
    as,
    layout.stackTop - wordBytes,
    req.argv,
    req.envp,
    auxv,
    req.execfn,
    req.random,
    wordBytes,
    abi.auxv.platform,
  );
  return { entry, sp, brk, mmapNext, sigtramp, bias };
}

/**
 * loadProgram for ABIs with qemuLayout, in the order of QEMU's load_elf_binary: the executable (a
 * PIE at the first free range from pieBase), the stack (mmapped, with a guard page below it), the
 * interpreter, the vectors (vdso), then the initial stack as create_elf_tables lays it out.
 */
function loadProgramQemu(as: AddressSpace, abi: LinuxAbi, req: LoadRequest): LoadedProgram {
  const { layout } = abi;
  const alloc = (len: number, hint = 0) => {
    const at = qemuFindVma(as, layout, len, hint);
    if (at < 0) throw new ElfError(`${req.exePath}: no room in the guest address space`);
    return at;
  };
  const info = parseElfFile(req.exe, req.exePath, abi.elf);
  const span = imageSpan(info);
  const bias = info.type === 3 ? alloc(span.hi - span.lo, layout.pieBase + span.lo) - span.lo : 0;
  // load_elf_image reserves the image's whole span (PROT_NONE) before mapping the segments into it
  const reserve = (lo: number, hi: number) => as.map(lo, Math.ceil((hi - lo) / 4096) * 4096, 0);
  reserve(span.lo + bias, span.hi + bias);
  const img = loadElfImage(as, req.exe.src, info, bias, req.cache);
  const brk = Math.ceil((span.hi + bias) / 4096) * 4096;
  // setup_arg_pages: the stack and a guard page, mmapped
  const guard = 4096;
  const stackLow = alloc(layout.stackSize + guard);
  as.map(stackLow, guard, 0);
  as.map(stackLow + guard, layout.stackSize, PROT_READ | PROT_WRITE | (info.execStack ? PROT_EXEC : 0));
  const stackTop = stackLow + guard + layout.stackSize;
  let entry = img.entry;
  let interpBase = 0;
  if (info.interp) {
    const interp = req.openInterp(info.interp);
    if (!interp)
      throw new ElfError(
        `${req.exePath}: cannot load interpreter ${info.interp}${req.sysroot ? ` (looked in ${req.sysroot})` : ""}: no such file`,
      );
    const ii = parseElfFile(interp, info.interp, abi.elf);
    const is = imageSpan(ii);
    const base = alloc(is.hi - is.lo);
    reserve(base, base + is.hi - is.lo);
    const li = loadElfImage(as, interp.src, ii, base - is.lo, req.cache);
    interpBase = li.bias + is.lo;
    entry = li.entry;
  }
  const v = abi.mapVectors(as, (len) => alloc(len));
  const vec = typeof v === "number" ? { sigtramp: v, vdsoBase: 0, vdsoEntry: 0 } : v;
  as.special = { stack: stackLow + guard, heap: brk, vdso: vec.vdsoBase };
  const wordBytes = abi.layouts.wordBytes;
  const sp = buildInitialStackQemu(as, stackTop - 8, req.argv, req.envp, req.execfn, req.random, wordBytes, {
    arch: vec.vdsoEntry ? [[AT.SYSINFO, vec.vdsoEntry]] : [],
    phdr: img.phdr,
    phent: info.elfClass === 2 ? 56 : 32,
    phnum: info.phnum,
    base: interpBase,
    entry: img.entry,
    uid: req.uid,
    gid: req.gid,
    hwcap: abi.auxv.hwcap,
    hwcap2: abi.auxv.hwcap2 ? abi.auxv.hwcap2 : null,
    platform: abi.auxv.platform,
    sysinfoEhdr: vec.vdsoBase ? vec.vdsoBase : null,
  });
  return { entry, sp, brk, mmapNext: layout.mmapBase, sigtramp: vec.sigtramp, bias };
}
