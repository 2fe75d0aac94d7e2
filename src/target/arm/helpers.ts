// ARM integer helpers called from bytecode (QEMU's target/arm/tcg/op_helper.c, arith_helper.c and
// op_addsub.c.inc): shifts by register that set the carry, saturation (Q flag), the parallel
// add/subtract family (GE flags), SEL, USAD8, RBIT, the CPSR, and exceptions. Each receives R-file
// slot indices (see HelperFn) and reads/writes the guest state in R directly.
import { CALL_NO_RWG_SE, Type } from "../../tcg/opcodes.ts";
import type { HelperFn, HelperInfo } from "../../tcg/context.ts";
import { CF, CPSR_EXEC, Excp, Fsr, GE, PC, QF, cpsrRead, cpsrWrite } from "./cpu-state.ts";

export interface ArmHelperHost {
  R: Int32Array;
  /** Raises a guest exception with precise state (the faulting instruction is restored). */
  raise(excp: number, aux: number, auxHi: number): never;
  /** Raises a guest exception after the instruction (pc and IT state already stored by the TB). */
  raiseAfter(excp: number, aux: number, auxHi: number): never;
}

const I = Type.I32;

/** Saturating 16/8-bit lanes (arith_helper.c add16_sat ... sub8_usat). */
function add16Sat(a: number, b: number): number {
  a &= 0xffff;
  b &= 0xffff;
  let r = (a + b) & 0xffff;
  if ((r ^ a) & 0x8000 && !((a ^ b) & 0x8000)) r = a & 0x8000 ? 0x8000 : 0x7fff;
  return r;
}
function add8Sat(a: number, b: number): number {
  a &= 0xff;
  b &= 0xff;
  let r = (a + b) & 0xff;
  if ((r ^ a) & 0x80 && !((a ^ b) & 0x80)) r = a & 0x80 ? 0x80 : 0x7f;
  return r;
}
function sub16Sat(a: number, b: number): number {
  a &= 0xffff;
  b &= 0xffff;
  let r = (a - b) & 0xffff;
  if ((r ^ a) & 0x8000 && (a ^ b) & 0x8000) r = a & 0x8000 ? 0x8000 : 0x7fff;
  return r;
}
function sub8Sat(a: number, b: number): number {
  a &= 0xff;
  b &= 0xff;
  let r = (a - b) & 0xff;
  if ((r ^ a) & 0x80 && (a ^ b) & 0x80) r = a & 0x80 ? 0x80 : 0x7f;
  return r;
}
function add16USat(a: number, b: number): number {
  const r = (a & 0xffff) + (b & 0xffff);
  return r > 0xffff ? 0xffff : r;
}
function sub16USat(a: number, b: number): number {
  a &= 0xffff;
  b &= 0xffff;
  return a > b ? a - b : 0;
}
function add8USat(a: number, b: number): number {
  const r = (a & 0xff) + (b & 0xff);
  return r > 0xff ? 0xff : r;
}
function sub8USat(a: number, b: number): number {
  a &= 0xff;
  b &= 0xff;
  return a > b ? a - b : 0;
}

/**
 * One lane operation of a parallel add/subtract: returns the lane result (the low `width` bits are
 * used) and may set GE bits through `ge` (an accumulator the family function passes along).
 */
type Lane = (a: number, b: number, n: number, ge: { v: number }) => number;

/** The six functions of one op_addsub.c.inc instantiation (add16, add8, sub16, sub8, subaddx, addsubx). */
interface AddSubFamily {
  add16: Lane;
  sub16: Lane;
  add8: Lane;
  sub8: Lane;
}

const FAMILIES: Record<string, AddSubFamily> = {
  q: { add16: (a, b) => add16Sat(a, b), sub16: (a, b) => sub16Sat(a, b), add8: (a, b) => add8Sat(a, b), sub8: (a, b) => sub8Sat(a, b) },
  uq: {
    add16: (a, b) => add16USat(a, b),
    sub16: (a, b) => sub16USat(a, b),
    add8: (a, b) => add8USat(a, b),
    sub8: (a, b) => sub8USat(a, b),
  },
  s: {
    add16: (a, b, n, ge) => {
      const sum = ((a << 16) >> 16) + ((b << 16) >> 16);
      if (sum >= 0) ge.v |= 3 << (n * 2);
      return sum;
    },
    sub16: (a, b, n, ge) => {
      const sum = ((a << 16) >> 16) - ((b << 16) >> 16);
      if (sum >= 0) ge.v |= 3 << (n * 2);
      return sum;
    },
    add8: (a, b, n, ge) => {
      const sum = ((a << 24) >> 24) + ((b << 24) >> 24);
      if (sum >= 0) ge.v |= 1 << n;
      return sum;
    },
    sub8: (a, b, n, ge) => {
      const sum = ((a << 24) >> 24) - ((b << 24) >> 24);
      if (sum >= 0) ge.v |= 1 << n;
      return sum;
    },
  },
  u: {
    add16: (a, b, n, ge) => {
      const sum = (a & 0xffff) + (b & 0xffff);
      if (sum >>> 16 === 1) ge.v |= 3 << (n * 2);
      return sum;
    },
    sub16: (a, b, n, ge) => {
      const sum = ((a & 0xffff) - (b & 0xffff)) >>> 0;
      if (sum >>> 16 === 0) ge.v |= 3 << (n * 2);
      return sum;
    },
    add8: (a, b, n, ge) => {
      const sum = (a & 0xff) + (b & 0xff);
      if (sum >>> 8 === 1) ge.v |= 1 << n;
      return sum;
    },
    sub8: (a, b, n, ge) => {
      const sum = ((a & 0xff) - (b & 0xff)) >>> 0;
      if (sum >>> 8 === 0) ge.v |= 1 << n;
      return sum;
    },
  },
  sh: {
    add16: (a, b) => (((a << 16) >> 16) + ((b << 16) >> 16)) >> 1,
    sub16: (a, b) => (((a << 16) >> 16) - ((b << 16) >> 16)) >> 1,
    add8: (a, b) => (((a << 24) >> 24) + ((b << 24) >> 24)) >> 1,
    sub8: (a, b) => (((a << 24) >> 24) - ((b << 24) >> 24)) >> 1,
  },
  uh: {
    add16: (a, b) => ((a & 0xffff) + (b & 0xffff)) >>> 1,
    sub16: (a, b) => (((a & 0xffff) - (b & 0xffff)) >>> 0) >>> 1,
    add8: (a, b) => ((a & 0xff) + (b & 0xff)) >>> 1,
    sub8: (a, b) => (((a & 0xff) - (b & 0xff)) >>> 0) >>> 1,
  },
};

/** The helper names of the parallel add/subtract family (QEMU's gen_helper_<pfx><op>). */
export const PAR_ADDSUB_OPS = ["add16", "sub16", "add8", "sub8", "addsubx", "subaddx"] as const;
export type ParAddSubOp = (typeof PAR_ADDSUB_OPS)[number];
export const PAR_ADDSUB_PREFIXES = ["s", "q", "sh", "u", "uq", "uh"] as const;
export type ParAddSubPrefix = (typeof PAR_ADDSUB_PREFIXES)[number];

/** One parallel add/subtract (op_addsub.c.inc), with its GE result (or -1 for families without GE). */
function parAddSub(f: AddSubFamily, op: ParAddSubOp, a: number, b: number, ge: { v: number }): number {
  let res = 0;
  const R16 = (v: number, n: number) => {
    res |= (v & 0xffff) << (n * 16);
  };
  const R8 = (v: number, n: number) => {
    res |= (v & 0xff) << (n * 8);
  };
  switch (op) {
    case "add16":
      R16(f.add16(a, b, 0, ge), 0);
      R16(f.add16(a >>> 16, b >>> 16, 1, ge), 1);
      break;
    case "sub16":
      R16(f.sub16(a, b, 0, ge), 0);
      R16(f.sub16(a >>> 16, b >>> 16, 1, ge), 1);
      break;
    case "add8":
      for (let n = 0; n < 4; n++) R8(f.add8(a >>> (8 * n), b >>> (8 * n), n, ge), n);
      break;
    case "sub8":
      for (let n = 0; n < 4; n++) R8(f.sub8(a >>> (8 * n), b >>> (8 * n), n, ge), n);
      break;
    case "subaddx":
      R16(f.add16(a, b >>> 16, 0, ge), 0);
      R16(f.sub16(a >>> 16, b, 1, ge), 1);
      break;
    case "addsubx":
      R16(f.sub16(a, b >>> 16, 0, ge), 0);
      R16(f.add16(a >>> 16, b, 1, ge), 1);
      break;
  }
  return res | 0;
}

/** Signed saturation to `shift`+1 bits (op_helper.c do_ssat); sets Q when it saturates. */
function ssat(R: Int32Array, val: number, shift: number): number {
  const top = val >> shift;
  const mask = shift >= 31 ? 0x7fffffff : (1 << shift) - 1;
  if (top > 0) {
    R[QF] = 1;
    return mask;
  }
  if (top < -1) {
    R[QF] = 1;
    return ~mask;
  }
  return val;
}

/** Unsigned saturation to `shift` bits (do_usat). */
function usat(R: Int32Array, val: number, shift: number): number {
  const max = shift >= 32 ? 0xffffffff : 2 ** shift - 1;
  if (val < 0) {
    R[QF] = 1;
    return 0;
  }
  if (val > max) {
    R[QF] = 1;
    return max | 0;
  }
  return val;
}

/** Returns the helper table (name -> info) for a CPU. */
export function makeArmHelpers(host: ArmHelperHost): Map<string, HelperInfo> {
  const R = host.R;
  const out = new Map<string, HelperInfo>();
  const add = (name: string, fn: HelperFn, flags: number, outType: Type | null, ins: Type[]) =>
    out.set(name, { name, fn, flags, out: outType, ins });
  const pure = (name: string, f: (a: number, b: number) => number, nIn: 1 | 2) =>
    add(name, (o, a, b) => (R[o] = f(R[a], R[b])), CALL_NO_RWG_SE, I, nIn === 1 ? [I] : [I, I]);

  // ---- exceptions. Precise ones: the unwinder restores the instruction's pc and IT state.
  add("raise", (_o, e) => host.raise(R[e], 0, 0), 0, null, [I]);
  // PC alignment fault (an ARM-state branch to an address with bit 1 set): a prefetch abort
  add("pc_alignment", () => host.raise(Excp.PrefetchAbort, R[PC], Fsr.Alignment), 0, null, []);
  // A jump into the kuser helper page: the CPU loop emulates the helper (QEMU's do_kernel_trap)
  add("kernel_trap", () => host.raise(Excp.KernelTrap, R[PC], 0), 0, null, []);
  // SVC: raised after the instruction (the TB stored the next pc and the IT state)
  add("swi", () => host.raiseAfter(Excp.Swi, 0, 0), 0, null, []);

  // ---- shifts by register with carry out (op_helper.c shl_cc ... ror_cc); they write CF
  add(
    "shl_cc",
    (o, x, i) => {
      const v = R[x],
        s = R[i] & 0xff;
      if (s >= 32) {
        R[CF] = s === 32 ? v & 1 : 0;
        R[o] = 0;
      } else if (s !== 0) {
        R[CF] = (v >>> (32 - s)) & 1;
        R[o] = v << s;
      } else R[o] = v;
    },
    0,
    I,
    [I, I],
  );
  add(
    "shr_cc",
    (o, x, i) => {
      const v = R[x],
        s = R[i] & 0xff;
      if (s >= 32) {
        R[CF] = s === 32 ? v >>> 31 : 0;
        R[o] = 0;
      } else if (s !== 0) {
        R[CF] = (v >>> (s - 1)) & 1;
        R[o] = v >>> s;
      } else R[o] = v;
    },
    0,
    I,
    [I, I],
  );
  add(
    "sar_cc",
    (o, x, i) => {
      const v = R[x],
        s = R[i] & 0xff;
      if (s >= 32) {
        R[CF] = v >>> 31;
        R[o] = v >> 31;
      } else if (s !== 0) {
        R[CF] = (v >>> (s - 1)) & 1;
        R[o] = v >> s;
      } else R[o] = v;
    },
    0,
    I,
    [I, I],
  );
  add(
    "ror_cc",
    (o, x, i) => {
      const v = R[x],
        s1 = R[i] & 0xff,
        s = s1 & 0x1f;
      if (s === 0) {
        if (s1 !== 0) R[CF] = v >>> 31;
        R[o] = v;
      } else {
        R[CF] = (v >>> (s - 1)) & 1;
        R[o] = (v >>> s) | (v << (32 - s));
      }
    },
    0,
    I,
    [I, I],
  );

  // ---- saturation: they write QF
  add(
    "add_setq",
    (o, a, b) => {
      const x = R[a],
        y = R[b],
        r = (x + y) | 0;
      if ((r ^ x) & ~(x ^ y) & 0x80000000) R[QF] = 1;
      R[o] = r;
    },
    0,
    I,
    [I, I],
  );
  add(
    "add_saturate",
    (o, a, b) => {
      const x = R[a],
        y = R[b];
      let r = (x + y) | 0;
      if ((r ^ x) & ~(x ^ y) & 0x80000000) {
        R[QF] = 1;
        r = ~((x >> 31) ^ 0x80000000);
      }
      R[o] = r;
    },
    0,
    I,
    [I, I],
  );
  add(
    "sub_saturate",
    (o, a, b) => {
      const x = R[a],
        y = R[b];
      let r = (x - y) | 0;
      if ((r ^ x) & (x ^ y) & 0x80000000) {
        R[QF] = 1;
        r = ~((x >> 31) ^ 0x80000000);
      }
      R[o] = r;
    },
    0,
    I,
    [I, I],
  );
  add("ssat", (o, x, s) => (R[o] = ssat(R, R[x], R[s])), 0, I, [I, I]);
  add("usat", (o, x, s) => (R[o] = usat(R, R[x], R[s])), 0, I, [I, I]);
  add(
    "ssat16",
    (o, x, s) => {
      const v = R[x],
        sh = R[s];
      R[o] = (ssat(R, (v << 16) >> 16, sh) & 0xffff) | (ssat(R, v >> 16, sh) << 16);
    },
    0,
    I,
    [I, I],
  );
  add(
    "usat16",
    (o, x, s) => {
      const v = R[x],
        sh = R[s];
      R[o] = (usat(R, (v << 16) >> 16, sh) & 0xffff) | (usat(R, v >> 16, sh) << 16);
    },
    0,
    I,
    [I, I],
  );

  // ---- parallel add/subtract: the s and u families write GE
  const ge = { v: 0 };
  for (const pfx of PAR_ADDSUB_PREFIXES) {
    const fam = FAMILIES[pfx]!;
    const setsGe = pfx === "s" || pfx === "u";
    for (const op of PAR_ADDSUB_OPS) {
      if (setsGe)
        add(
          pfx + op,
          (o, a, b) => {
            ge.v = 0;
            R[o] = parAddSub(fam, op, R[a], R[b], ge);
            R[GE] = ge.v;
          },
          0,
          I,
          [I, I],
        );
      else pure(pfx + op, (a, b) => parAddSub(fam, op, a, b, ge), 2);
    }
  }

  // ---- pure data helpers
  pure(
    "usad8",
    (a, b) => {
      let sum = 0;
      for (let i = 0; i < 32; i += 8) {
        const x = (a >>> i) & 0xff,
          y = (b >>> i) & 0xff;
        sum += x > y ? x - y : y - x;
      }
      return sum;
    },
    2,
  );
  // sel_flags(flags, a, b)
  add(
    "sel_flags",
    (o, f, a, b) => {
      const g = R[f];
      const mask = (g & 1 ? 0xff : 0) | (g & 2 ? 0xff00 : 0) | (g & 4 ? 0xff0000 : 0) | (g & 8 ? 0xff000000 : 0);
      R[o] = (R[a] & mask) | (R[b] & ~mask);
    },
    CALL_NO_RWG_SE,
    I,
    [I, I, I],
  );
  pure(
    "rbit",
    (x) => {
      x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
      x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
      x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
      x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
      return (x >>> 16) | (x << 16);
    },
    1,
  );
  pure("sxtb16", (x) => (((x << 24) >> 24) & 0xffff) | (((x << 8) >> 24) << 16) | 0, 1);

  // ---- the CPSR (MRS, MSR): they read and write the flag globals and the TB flags word
  add("cpsr_read", (o) => (R[o] = cpsrRead(R) & ~CPSR_EXEC), 0, I, []);
  add("cpsr_write", (_o, v, m) => cpsrWrite(R, R[v], R[m]), 0, null, [I, I]);

  return out;
}
