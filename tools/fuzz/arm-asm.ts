// A tiny ARM assembler for the fixed parts of the ARM fuzz programs (arm-generate.ts): the prologue,
// the state-dump routine, the signal handler and the glue around random blocks. It encodes only
// the forms those use, A32 and a few T32/T16 ones, by hand; the random instructions themselves
// come from spec/arm's patterns.

/** Condition field "always". */
const AL = 0xe;

/** A32 modified immediate: the (imm8, rot) pair for v, or null if v is not encodable. */
export function a32Imm(v: number): number | null {
  v >>>= 0;
  for (let rot = 0; rot < 16; rot++) {
    const r = ((v << (2 * rot)) | (v >>> (32 - 2 * rot))) >>> 0;
    if (r < 256) return (rot << 8) | r;
  }
  return null;
}

export const A32 = {
  /** movw rd, #imm16 */
  movw: (rd: number, imm: number) => ((AL << 28) | 0x03000000 | ((imm & 0xf000) << 4) | (rd << 12) | (imm & 0xfff)) >>> 0,
  /** movt rd, #imm16 */
  movt: (rd: number, imm: number) => ((AL << 28) | 0x03400000 | ((imm & 0xf000) << 4) | (rd << 12) | (imm & 0xfff)) >>> 0,
  /** add/sub rd, rn, #imm (modified immediate of |imm|) */
  addi(rd: number, rn: number, imm: number): number {
    const sub = imm < 0;
    const e = a32Imm(Math.abs(imm));
    if (e === null) throw new Error(`a32 add: immediate ${imm} not encodable`);
    return ((AL << 28) | (sub ? 0x02400000 : 0x02800000) | (rn << 16) | (rd << 12) | e) >>> 0;
  },
  /** Data processing with a modified immediate: op is the 4-bit opcode (and 0, orr 12, bic 14, cmp 10, mov 13...). */
  dpi(op: number, s: boolean, rd: number, rn: number, imm: number): number {
    const e = a32Imm(imm);
    if (e === null) throw new Error(`a32 dp: immediate ${imm} not encodable`);
    return ((AL << 28) | 0x02000000 | (op << 21) | (s ? 1 << 20 : 0) | (rn << 16) | (rd << 12) | e) >>> 0;
  },
  /** mov rd, rm, <shift> #n (shift: 0 lsl, 1 lsr, 2 asr, 3 ror) */
  movsh: (rd: number, rm: number, shift: number, n: number) => ((AL << 28) | 0x01a00000 | (rd << 12) | (n << 7) | (shift << 5) | rm) >>> 0,
  /** Data processing, register operand: op as dpi. */
  dpr: (op: number, s: boolean, rd: number, rn: number, rm: number) =>
    ((AL << 28) | (op << 21) | (s ? 1 << 20 : 0) | (rn << 16) | (rd << 12) | rm) >>> 0,
  /** ldr/str rt, [rn, #imm] (imm in -4095..4095) */
  ldr: (rt: number, rn: number, imm: number) =>
    ((AL << 28) | 0x05100000 | (imm >= 0 ? 1 << 23 : 0) | (rn << 16) | (rt << 12) | Math.abs(imm)) >>> 0,
  str: (rt: number, rn: number, imm: number) =>
    ((AL << 28) | 0x05000000 | (imm >= 0 ? 1 << 23 : 0) | (rn << 16) | (rt << 12) | Math.abs(imm)) >>> 0,
  /** ldr rt, [rn, rm, lsl #n] / str */
  ldrr: (rt: number, rn: number, rm: number, lsl: number) => ((AL << 28) | 0x07900000 | (rn << 16) | (rt << 12) | (lsl << 7) | rm) >>> 0,
  strr: (rt: number, rn: number, rm: number, lsl: number) => ((AL << 28) | 0x07800000 | (rn << 16) | (rt << 12) | (lsl << 7) | rm) >>> 0,
  /** ldrh rt, [rn] */
  ldrh: (rt: number, rn: number) => ((AL << 28) | 0x01d000b0 | (rn << 16) | (rt << 12)) >>> 0,
  /** ldm/stm rn, {list} (increment after, no writeback) */
  ldm: (rn: number, list: number) => ((AL << 28) | 0x08900000 | (rn << 16) | list) >>> 0,
  stm: (rn: number, list: number) => ((AL << 28) | 0x08800000 | (rn << 16) | list) >>> 0,
  /** vldmia / vstmia rn, {d<first>..d<first+n-1>} */
  vldm: (rn: number, first: number, n: number) => ((AL << 28) | 0x0c900b00 | (rn << 16) | (first << 12) | (2 * n)) >>> 0,
  vstm: (rn: number, first: number, n: number) => ((AL << 28) | 0x0c800b00 | (rn << 16) | (first << 12) | (2 * n)) >>> 0,
  /** mrs rd, apsr */
  mrs: (rd: number) => ((AL << 28) | 0x010f0000 | (rd << 12)) >>> 0,
  /** msr apsr_nzcvqg, rn */
  msr: (rn: number) => ((AL << 28) | 0x012cf000 | rn) >>> 0,
  /** vmrs rd, fpscr / vmsr fpscr, rd */
  vmrs: (rd: number) => ((AL << 28) | 0x0ef10a10 | (rd << 12)) >>> 0,
  vmsr: (rd: number) => ((AL << 28) | 0x0ee10a10 | (rd << 12)) >>> 0,
  svc0: () => 0xef000000,
  bx: (rm: number) => (0xe12fff10 | rm) >>> 0,
  /** b/bl/b<cond> from `at` to `target` */
  b: (at: number, target: number, cond = AL) => (((cond << 28) | 0x0a000000 | (((target - at - 8) >> 2) & 0xffffff)) >>> 0) >>> 0,
  bl: (at: number, target: number) => ((AL << 28) | 0x0b000000 | (((target - at - 8) >> 2) & 0xffffff)) >>> 0,
  /** blx to Thumb code at `target` (halfword aligned) */
  blxi(at: number, target: number): number {
    const off = target - at - 8;
    return (0xfa000000 | ((off & 2) << 23) | ((off >> 2) & 0xffffff)) >>> 0;
  },
  /** ldr rt, [pc, #...] loading the literal at `lit` */
  ldrLit(at: number, rt: number, lit: number): number {
    return A32.ldr(rt, 15, lit - (at + 8));
  },
  nop: () => 0xe320f000,
};

/** T32 branch offset fields (S, J1, J2, imm10, imm11) for B.W/BL/BLX. */
function t32BranchFields(off: number): number {
  const s = off < 0 ? 1 : 0;
  const i1 = (off >> 23) & 1,
    i2 = (off >> 22) & 1;
  // I1 = NOT(J1 XOR S), so J1 = NOT(I1) XOR S (and the same for J2)
  const j1 = i1 ^ 1 ^ s,
    j2 = i2 ^ 1 ^ s;
  const imm10 = (off >> 12) & 0x3ff,
    imm11 = (off >> 1) & 0x7ff;
  return ((s << 26) | (imm10 << 16) | (j1 << 13) | (j2 << 11) | imm11) >>> 0;
}

/** Thumb encodings; 32-bit ones are returned as (first halfword << 16 | second). */
export const T32 = {
  /** str.w rt, [rn, #imm12] / ldr.w */
  str: (rt: number, rn: number, imm: number) => (0xf8c00000 | (rn << 16) | (rt << 12) | imm) >>> 0,
  ldr: (rt: number, rn: number, imm: number) => (0xf8d00000 | (rn << 16) | (rt << 12) | imm) >>> 0,
  /** addw/subw rd, rn, #imm12 */
  addw(rd: number, rn: number, imm: number): number {
    const sub = imm < 0;
    const v = Math.abs(imm);
    return ((sub ? 0xf2a00000 : 0xf2000000) | ((v & 0x800) << 15) | (rn << 16) | ((v & 0x700) << 4) | (rd << 8) | (v & 0xff)) >>> 0;
  },
  /** movw rd, #imm16 */
  movw: (rd: number, imm: number) =>
    (0xf2400000 | ((imm & 0x800) << 15) | ((imm & 0xf000) << 4) | ((imm & 0x700) << 4) | (rd << 8) | (imm & 0xff)) >>> 0,
  /** bl from `at` to Thumb `target` */
  bl: (at: number, target: number) => (0xf000d000 | t32BranchFields(target - at - 4)) >>> 0,
  /** blx from `at` to ARM `target` (4-aligned): the offset is from Align(pc, 4) */
  blx: (at: number, target: number) => (0xf000c000 | t32BranchFields(target - ((at + 4) & ~3))) >>> 0,
  /** b.w from `at` to `target` */
  bw: (at: number, target: number) => (0xf0009000 | t32BranchFields(target - at - 4)) >>> 0,
};

export const T16 = {
  /** b.n from `at` to `target` */
  b: (at: number, target: number) => 0xe000 | (((target - at - 4) >> 1) & 0x7ff),
  /** b<cond>.n */
  bcond: (at: number, target: number, cond: number) => 0xd000 | (cond << 8) | (((target - at - 4) >> 1) & 0xff),
  /** cbz/cbnz rn, target (forward, 0..126) */
  cbz(at: number, target: number, rn: number, nz: boolean): number {
    const off = target - at - 4;
    return 0xb100 | (nz ? 0x800 : 0) | ((off & 0x40) << 3) | (((off >> 1) & 0x1f) << 3) | rn;
  },
  bx: (rm: number) => 0x4700 | (rm << 3),
  nop: () => 0xbf00,
  /** adr rd, target (4-aligned, forward, from Align(pc,4)) */
  adr: (at: number, rd: number, target: number) => 0xa000 | (rd << 8) | ((target - ((at + 4) & ~3)) >> 2),
};
