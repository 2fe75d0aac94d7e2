// The i386 vdso tciemu maps for its guests, built here from our own description (QEMU's
// linux-user/i386/vdso.S defines the same entry points; its vdso.so is not used): a one-page ELF32
// shared object whose dynamic symbol table, hash table and version definitions are what glibc's
// setup_vdso and dl_vdso_vsym read. Its functions are int $0x80 system calls, so a program behaves
// the same whether glibc calls them or makes the syscall itself:
//
//   LINUX_2.5: __kernel_vsyscall (AT_SYSINFO: int $0x80; ret), __kernel_sigreturn, __kernel_rt_sigreturn
//   LINUX_2.6: __vdso_clock_gettime, __vdso_clock_gettime64, __vdso_clock_getres, __vdso_gettimeofday,
//              __vdso_time, __vdso_getcpu
//
// (QEMU's __vdso_getcpu calls gettimeofday by mistake; this one calls getcpu, as Linux's.)
// The sigreturn entries carry the exact instruction sequences the kernel's have, which libgcc's
// unwinder recognizes as signal frames.

const PAGE = 4096;

/** Machine code of the entry points (i386). */
function syscallStub(nr: number, args: 0 | 1 | 2 | 3): number[] {
  const le32 = [nr & 0xff, (nr >> 8) & 0xff, 0, 0];
  switch (args) {
    case 1: // mov %ebx,%edx; mov 4(%esp),%ebx; mov $nr,%eax; int $0x80; mov %edx,%ebx; ret
      return [0x89, 0xda, 0x8b, 0x5c, 0x24, 0x04, 0xb8, ...le32, 0xcd, 0x80, 0x89, 0xd3, 0xc3];
    case 2: // ... and mov 8(%esp),%ecx
      return [0x89, 0xda, 0x8b, 0x5c, 0x24, 0x04, 0x8b, 0x4c, 0x24, 0x08, 0xb8, ...le32, 0xcd, 0x80, 0x89, 0xd3, 0xc3];
    case 3: // push %ebx; mov 8(%esp),%ebx; mov 12(%esp),%ecx; mov 16(%esp),%edx; mov $nr,%eax; int $0x80; pop %ebx; ret
      return [0x53, 0x8b, 0x5c, 0x24, 0x08, 0x8b, 0x4c, 0x24, 0x0c, 0x8b, 0x54, 0x24, 0x10, 0xb8, ...le32, 0xcd, 0x80, 0x5b, 0xc3];
    default:
      return [0xcd, 0x80, 0xc3];
  }
}

interface VdsoSymbol {
  name: string;
  version: 2 | 3;
  code: number[];
}

// In QEMU's order and at its offsets (text at 0x554, no padding), so AT_SYSINFO and the symbol
// addresses a program may print are those qemu-i386 gives.
const SYMBOLS: VdsoSymbol[] = [
  { name: "__kernel_vsyscall", version: 3, code: syscallStub(0, 0) },
  { name: "__vdso_clock_gettime", version: 2, code: syscallStub(265, 2) },
  { name: "__vdso_clock_gettime64", version: 2, code: syscallStub(403, 2) },
  { name: "__vdso_clock_getres", version: 2, code: syscallStub(266, 2) },
  { name: "__vdso_gettimeofday", version: 2, code: syscallStub(78, 2) },
  { name: "__vdso_time", version: 2, code: syscallStub(13, 1) },
  { name: "__vdso_getcpu", version: 2, code: syscallStub(318, 3) },
  // nop; popl %eax; movl $__NR_sigreturn,%eax; int $0x80 (the nop lets unwinders see the frame)
  { name: "__kernel_sigreturn", version: 3, code: [0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80] },
  { name: "__kernel_rt_sigreturn", version: 3, code: [0xb8, 173, 0, 0, 0, 0xcd, 0x80] },
];

/** The System V ELF hash (the verdef's vd_hash). */
function elfHash(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) {
    h = ((h << 4) + name.charCodeAt(i)) >>> 0;
    const g = h & 0xf0000000;
    if (g) h ^= g >>> 24;
    h &= ~g >>> 0;
  }
  return h >>> 0;
}

export interface VdsoImage {
  readonly bytes: Uint8Array;
  /** Offsets of the entry points the kernel side needs. */
  readonly vsyscall: number;
  readonly sigreturn: number;
  readonly rtSigreturn: number;
}

let cached: VdsoImage | null = null;

/** The vdso page (the same for every process; p_vaddr 0, so it works at any base). */
export function i386Vdso(): VdsoImage {
  if (cached) return cached;
  const img = new Uint8Array(PAGE);
  const dv = new DataView(img.buffer);
  const u8 = (o: number, v: number) => dv.setUint8(o, v);
  const u16 = (o: number, v: number) => dv.setUint16(o, v, true);
  const u32 = (o: number, v: number) => dv.setUint32(o, v >>> 0, true);
  // string table
  const strs: string[] = ["", "linux-gate.so.1", "LINUX_2.6", "LINUX_2.5", ...SYMBOLS.map((s) => s.name)];
  const strOff = new Map<string, number>();
  const STRTAB = 0x300;
  let so = 0;
  for (const s of strs) {
    strOff.set(s, so);
    for (let i = 0; i < s.length; i++) img[STRTAB + so + i] = s.charCodeAt(i);
    so += s.length + 1;
  }
  const strsz = so;
  // code
  const TEXT = 0x554;
  let to = TEXT;
  const addr = new Map<string, number>();
  for (const s of SYMBOLS) {
    if (s.name.startsWith("__kernel_") && s.name.endsWith("sigreturn")) img[to++] = 0x90; // the nop before the entry
    addr.set(s.name, to);
    img.set(s.code, to);
    to += s.code.length;
  }
  const codeSize = to - TEXT;
  // dynsym
  const SYMTAB = 0x200;
  const nsym = SYMBOLS.length + 1;
  SYMBOLS.forEach((s, i) => {
    const o = SYMTAB + 16 * (i + 1);
    u32(o, strOff.get(s.name)!);
    u32(o + 4, addr.get(s.name)!);
    u32(o + 8, s.code.length);
    u8(o + 12, 0x12); // STB_GLOBAL, STT_FUNC
    u8(o + 13, 0);
    u16(o + 14, 1); // defined (a section index, not SHN_ABS: glibc adds the load bias)
  });
  // hash: one bucket chaining every symbol
  const HASH = 0x100;
  u32(HASH, 1);
  u32(HASH + 4, nsym);
  u32(HASH + 8, nsym - 1);
  for (let i = 2; i < nsym; i++) u32(HASH + 12 + 4 * i, i - 1);
  // versym
  const VERSYM = 0x400;
  SYMBOLS.forEach((s, i) => u16(VERSYM + 2 * (i + 1), s.version));
  // verdef: base (1), LINUX_2.6 (2), LINUX_2.5 (3)
  const VERDEF = 0x440;
  const defs: Array<[string, number, number]> = [
    ["linux-gate.so.1", 1, 1],
    ["LINUX_2.6", 0, 2],
    ["LINUX_2.5", 0, 3],
  ];
  defs.forEach(([name, flags, ndx], i) => {
    const o = VERDEF + 28 * i;
    u16(o, 1);
    u16(o + 2, flags);
    u16(o + 4, ndx);
    u16(o + 6, 1);
    u32(o + 8, elfHash(name));
    u32(o + 12, 20);
    u32(o + 16, i < defs.length - 1 ? 28 : 0);
    u32(o + 20, strOff.get(name)!);
    u32(o + 24, 0);
  });
  // dynamic
  const DYNAMIC = 0x500;
  const dyn: Array<[number, number]> = [
    [4, HASH],
    [5, STRTAB],
    [6, SYMTAB],
    [10, strsz],
    [11, 16],
    [14, strOff.get("linux-gate.so.1")!],
    [0x6ffffff0, VERSYM],
    [0x6ffffffc, VERDEF],
    [0x6ffffffd, defs.length],
    [0, 0],
  ];
  dyn.forEach(([tag, val], i) => {
    u32(DYNAMIC + 8 * i, tag);
    u32(DYNAMIC + 8 * i + 4, val);
  });
  // ELF header and program headers (PT_LOAD of the page, PT_DYNAMIC)
  img.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0], 0);
  u16(16, 3); // ET_DYN
  u16(18, 3); // EM_386
  u32(20, 1);
  u32(24, addr.get("__kernel_vsyscall")!);
  u32(28, 52); // e_phoff
  u32(32, 0); // e_shoff
  u32(36, 0);
  u16(40, 52);
  u16(42, 32);
  u16(44, 2);
  u16(46, 40);
  u16(48, 0);
  u16(50, 0);
  const ph = (i: number, type: number, off: number, size: number, flags: number, align: number) => {
    const o = 52 + 32 * i;
    u32(o, type);
    u32(o + 4, off);
    u32(o + 8, off);
    u32(o + 12, off);
    u32(o + 16, size);
    u32(o + 20, size);
    u32(o + 24, flags);
    u32(o + 28, align);
  };
  ph(0, 1, 0, TEXT + codeSize, 5, PAGE);
  ph(1, 2, DYNAMIC, 8 * dyn.length, 4, 4);
  cached = {
    bytes: img,
    vsyscall: addr.get("__kernel_vsyscall")!,
    sigreturn: addr.get("__kernel_sigreturn")!,
    rtSigreturn: addr.get("__kernel_rt_sigreturn")!,
  };
  return cached;
}

/**
 * The vdso page relocated to `base`, as QEMU's load_elf_vdso does (gen-vdso's relocation list):
 * every program header's p_vaddr/p_paddr, the address entries of the dynamic section and every
 * dynamic symbol's st_value get the load address added (e_entry is left alone).
 */
export function i386VdsoAt(base: number): Uint8Array {
  const img = i386Vdso().bytes.slice();
  const dv = new DataView(img.buffer);
  const rel = (o: number) => dv.setUint32(o, (dv.getUint32(o, true) + base) >>> 0, true);
  const phoff = dv.getUint32(28, true);
  let dynOff = 0;
  for (let i = 0; i < dv.getUint16(44, true); i++) {
    const o = phoff + 32 * i;
    if (dv.getUint32(o, true) === 2) dynOff = dv.getUint32(o + 4, true);
    rel(o + 8);
    rel(o + 12);
  }
  let symtab = 0,
    hash = 0;
  for (let o = dynOff; ; o += 8) {
    const tag = dv.getUint32(o, true);
    if (tag === 0) break;
    if (tag === 6) symtab = dv.getUint32(o + 4, true);
    if (tag === 4) hash = dv.getUint32(o + 4, true);
    // DT_HASH, DT_STRTAB, DT_SYMTAB, DT_VERSYM, DT_VERDEF, DT_ADDRRNGLO..HI
    if (tag === 4 || tag === 5 || tag === 6 || tag === 0x6ffffff0 || tag === 0x6ffffffc || (tag >= 0x6ffffe00 && tag <= 0x6ffffeff))
      rel(o + 4);
  }
  const nsym = dv.getUint32(hash + 4, true);
  for (let i = 0; i < nsym; i++) rel(symtab + 16 * i + 4);
  return img;
}
