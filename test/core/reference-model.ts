// An independent reference model of the TCG op set, written from QEMU's docs/devel/tcg-ops.rst
// (the "Arithmetic", "Logical", "Shifts/Rotates", "Misc", "Conditional moves", "Type conversions",
// "Multiword arithmetic" and "64-bit guest on 32-bit host" tables) plus the choices tciemu documents for
// the cases QEMU leaves undefined (src/tcg/semantics.ts header):
//   - shift and rotate counts are taken modulo the width;
//   - divs/divu by zero give all ones; rems/remu by zero give the dividend;
//     divs(MIN, -1) = MIN and rems(MIN, -1) = 0 (RISC-V's rules);
//   - bswap16/bswap32 results are zero-extended unless TCG_BSWAP_OS (4) is given.
//
// It deliberately does NOT import src/tcg/semantics.ts: everything here is re-derived with plain
// bigint arithmetic, bit loops and byte arrays, so that a mistake in one is unlikely to be repeated in
// the other. Values are bigints normalized to UNSIGNED w-bit integers (0 <= v < 2^w), both on input
// (callers may pass any representative) and on output.
import { Cond, MO_BSWAP, MO_SIGN, MO_SIZE, Opc } from "../../src/tcg/opcodes.ts";

export type Width = 32 | 64;

export const ones = (w: number): bigint => (1n << BigInt(w)) - 1n;
/** Unsigned w-bit representative. */
export const U = (w: number, v: bigint): bigint => v & ones(w);
/** Signed w-bit value. */
export const S = (w: number, v: bigint): bigint => {
  const u = U(w, v);
  return u >> BigInt(w - 1) ? u - (1n << BigInt(w)) : u;
};
export const MIN = (w: number): bigint => 1n << BigInt(w - 1); // unsigned representative of INT_MIN

/** Every comparison condition a guest may use (NEVER/ALWAYS are folded by the builder). */
export const ALL_CONDS: readonly Cond[] = [
  Cond.EQ,
  Cond.NE,
  Cond.LT,
  Cond.GE,
  Cond.LE,
  Cond.GT,
  Cond.LTU,
  Cond.GEU,
  Cond.LEU,
  Cond.GTU,
  Cond.TSTEQ,
  Cond.TSTNE,
];

export const CONDN: Record<number, string> = {
  [Cond.EQ]: "eq",
  [Cond.NE]: "ne",
  [Cond.LT]: "lt",
  [Cond.GE]: "ge",
  [Cond.LE]: "le",
  [Cond.GT]: "gt",
  [Cond.LTU]: "ltu",
  [Cond.GEU]: "geu",
  [Cond.LEU]: "leu",
  [Cond.GTU]: "gtu",
  [Cond.TSTEQ]: "tsteq",
  [Cond.TSTNE]: "tstne",
  [Cond.NEVER]: "never",
  [Cond.ALWAYS]: "always",
};

/** tcg-ops.rst "Conditions": t1 cond t2, signed or unsigned as the condition says. */
export function refCond(cond: Cond, w: number, a: bigint, b: bigint): boolean {
  const ua = U(w, a),
    ub = U(w, b);
  const sa = S(w, a),
    sb = S(w, b);
  switch (cond) {
    case Cond.NEVER:
      return false;
    case Cond.ALWAYS:
      return true;
    case Cond.EQ:
      return ua === ub;
    case Cond.NE:
      return ua !== ub;
    case Cond.LT:
      return sa < sb;
    case Cond.GE:
      return !(sa < sb);
    case Cond.LE:
      return !(sb < sa);
    case Cond.GT:
      return sb < sa;
    case Cond.LTU:
      return ua < ub;
    case Cond.GEU:
      return !(ua < ub);
    case Cond.LEU:
      return !(ub < ua);
    case Cond.GTU:
      return ub < ua;
    case Cond.TSTEQ:
      return (ua & ub) === 0n;
    case Cond.TSTNE:
      return (ua & ub) !== 0n;
  }
  throw new Error(`refCond: bad condition ${cond}`);
}

function bit(v: bigint, i: number): boolean {
  return ((v >> BigInt(i)) & 1n) === 1n;
}

/** Leading zeros of a non-zero w-bit value, by scanning down from the top bit. */
function leadingZeros(w: number, v: bigint): number {
  let n = 0;
  for (let i = w - 1; i >= 0 && !bit(v, i); i--) n++;
  return n;
}
function trailingZeros(w: number, v: bigint): number {
  let n = 0;
  for (let i = 0; i < w && !bit(v, i); i++) n++;
  return n;
}
function popcount(w: number, v: bigint): number {
  let n = 0;
  for (let i = 0; i < w; i++) if (bit(v, i)) n++;
  return n;
}

/** The low `bytes` bytes of v, least significant first. */
export function toBytes(v: bigint, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  return out;
}
export function fromBytes(bs: number[]): bigint {
  let v = 0n;
  for (let i = bs.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bs[i]);
  return v;
}
/** Reverses the low `bytes` bytes of v (the rest is dropped). */
function byteReverse(v: bigint, bytes: number): bigint {
  return fromBytes(toBytes(v, bytes).reverse());
}

/** Shift/rotate count: "taken modulo the width" (tciemu's definition of QEMU's unspecified cases). */
function count(w: number, b: bigint): number {
  return Number(U(w, b) % BigInt(w));
}

/**
 * The outputs of one op. `w` is the op's width (32 for i32 ops, 64 for i64 ops; the multiword
 * i32 ops add2/sub2/brcond2/setcond2 are w = 32). `consts` are the op's trailing constant args
 * (pos/len, cond, flags). For brcond/brcond2 the single output is 1 when the branch is taken.
 */
export function refOp(opc: Opc, w: Width, ins: bigint[], consts: number[] = []): bigint[] {
  const W = BigInt(w);
  const a = ins[0] ?? 0n,
    b = ins[1] ?? 0n;
  const ua = U(w, a),
    ub = U(w, b);
  const one = (v: bigint) => [U(w, v)];
  switch (opc) {
    case Opc.mov:
      return one(a);
    case Opc.add:
      return one(ua + ub);
    case Opc.sub:
      return one(ua - ub);
    case Opc.neg:
      return one(-ua);
    case Opc.mul:
      return one(ua * ub);
    case Opc.mulu2: {
      const p = ua * ub;
      return [U(w, p), U(w, p >> W)];
    }
    case Opc.muls2: {
      const p = S(w, a) * S(w, b);
      return [U(w, p), U(w, p >> W)];
    }
    case Opc.muluh:
      return one((ua * ub) >> W);
    case Opc.mulsh:
      return one((S(w, a) * S(w, b)) >> W);
    case Opc.divs: {
      if (ub === 0n) return one(-1n);
      if (ua === MIN(w) && ub === ones(w)) return one(MIN(w));
      return one(S(w, a) / S(w, b)); // bigint division truncates toward zero, as C
    }
    case Opc.divu:
      return ub === 0n ? one(-1n) : one(ua / ub);
    case Opc.rems: {
      if (ub === 0n) return one(ua);
      if (ua === MIN(w) && ub === ones(w)) return one(0n);
      return one(S(w, a) % S(w, b)); // sign of the dividend, as C
    }
    case Opc.remu:
      return ub === 0n ? one(ua) : one(ua % ub);
    case Opc.and:
      return one(ua & ub);
    case Opc.or:
      return one(ua | ub);
    case Opc.xor:
      return one(ua ^ ub);
    case Opc.not:
      return one(ones(w) ^ ua);
    case Opc.andc:
      return one(ua & (ones(w) ^ ub));
    case Opc.orc:
      return one(ua | (ones(w) ^ ub));
    case Opc.eqv:
      return one(ones(w) ^ (ua ^ ub));
    case Opc.nand:
      return one(ones(w) ^ (ua & ub));
    case Opc.nor:
      return one(ones(w) ^ (ua | ub));
    case Opc.shl:
      return one(ua << BigInt(count(w, b)));
    case Opc.shr:
      return one(ua >> BigInt(count(w, b)));
    case Opc.sar:
      return one(S(w, a) >> BigInt(count(w, b)));
    case Opc.rotl:
    case Opc.rotr: {
      let n = count(w, b);
      if (opc === Opc.rotr) n = (w - n) % w;
      // bit i of the result is bit (i - n) mod w of the input
      let r = 0n;
      for (let i = 0; i < w; i++) if (bit(ua, (i - n + w) % w)) r |= 1n << BigInt(i);
      return [r];
    }
    case Opc.clz:
      return ua === 0n ? [ub] : [BigInt(leadingZeros(w, ua))];
    case Opc.ctz:
      return ua === 0n ? [ub] : [BigInt(trailingZeros(w, ua))];
    case Opc.ctpop:
      return [BigInt(popcount(w, ua))];
    case Opc.extract: {
      const [pos, len] = consts;
      checkField(w, pos, len);
      return [(ua >> BigInt(pos)) & ones(len)];
    }
    case Opc.sextract: {
      const [pos, len] = consts;
      checkField(w, pos, len);
      const f = (ua >> BigInt(pos)) & ones(len);
      return one(bit(f, len - 1) ? f - (1n << BigInt(len)) : f);
    }
    case Opc.deposit: {
      // "dest = (t1 & ~(mask << pos)) | ((t2 << pos) & (mask << pos))"
      const [pos, len] = consts;
      checkField(w, pos, len);
      const m = ones(len) << BigInt(pos);
      return one((ua & (ones(w) ^ m)) | ((ub << BigInt(pos)) & m));
    }
    case Opc.extract2: {
      // "extract an N-bit quantity from the concatenation of t2:t1, beginning at pos"
      const [pos] = consts;
      if (pos < 0 || pos >= w) throw new Error(`extract2: pos ${pos}`);
      return one(((ub << W) | ua) >> BigInt(pos));
    }
    case Opc.bswap16:
    case Opc.bswap32: {
      const n = opc === Opc.bswap16 ? 2 : 4;
      const flags = consts[0] ?? 0;
      const v = byteReverse(ua, n);
      if (n * 8 === w) return [v]; // bswap32_i32: flags are ignored
      return flags & 4 ? one(S(8 * n, v)) : [v];
    }
    case Opc.bswap64:
      return [byteReverse(ua, 8)];
    case Opc.setcond:
      return [refCond(consts[0], w, a, b) ? 1n : 0n];
    case Opc.negsetcond:
      return [refCond(consts[0], w, a, b) ? ones(w) : 0n];
    case Opc.movcond:
      return one(refCond(consts[0], w, a, b) ? ins[2] : ins[3]);
    case Opc.brcond:
      return [refCond(consts[0], w, a, b) ? 1n : 0n];
    case Opc.add2:
    case Opc.sub2: {
      const x = (U(32, ins[1]) << 32n) | U(32, ins[0]);
      const y = (U(32, ins[3]) << 32n) | U(32, ins[2]);
      const r = U(64, opc === Opc.add2 ? x + y : x - y);
      return [U(32, r), r >> 32n];
    }
    case Opc.brcond2:
    case Opc.setcond2: {
      const x = (U(32, ins[1]) << 32n) | U(32, ins[0]);
      const y = (U(32, ins[3]) << 32n) | U(32, ins[2]);
      return [refCond(consts[0], 64, x, y) ? 1n : 0n];
    }
    case Opc.ext_i32_i64:
      return [U(64, S(32, a))];
    case Opc.extu_i32_i64:
      return [U(32, a)];
    case Opc.extrl_i64_i32:
      return [U(32, a)];
    case Opc.extrh_i64_i32:
      return [U(32, U(64, a) >> 32n)];
  }
  throw new Error(`refOp: no model for op ${opc}`);
}

function checkField(w: number, pos: number, len: number): void {
  if (!(len >= 1 && pos >= 0 && pos + len <= w)) throw new Error(`bad bit field pos=${pos} len=${len} for width ${w}`);
}

// ---- guest memory (qemu_ld / qemu_st) and env fields (ld* / st*)

/** Bytes accessed by a MemOp. */
export function memBytes(memop: number): number {
  return 1 << (memop & MO_SIZE);
}

/**
 * The register value of a guest load of `memop` into a w-bit register from little-endian memory
 * (MO_BSWAP: big-endian), zero- or sign-extended (MO_SIGN) from the access size.
 */
export function refLoad(mem: Uint8Array, addr: number, memop: number, w: Width): bigint {
  const n = memBytes(memop);
  let bs = Array.from(mem.subarray(addr, addr + n));
  if (memop & MO_BSWAP) bs = bs.reverse();
  const v = fromBytes(bs);
  return memop & MO_SIGN ? U(w, S(8 * n, v)) : U(w, v);
}

/** Applies a guest store of the low bytes of `value` to a memory image. */
export function refStore(mem: Uint8Array, addr: number, memop: number, value: bigint): void {
  const n = memBytes(memop);
  let bs = toBytes(value, n);
  if (memop & MO_BSWAP) bs = bs.reverse();
  for (let i = 0; i < n; i++) mem[addr + i] = bs[i];
}

/** tcg-ops.rst ld8u/ld8s/ld16u/ld16s/ld32u/ld32s/ld on host (env) memory. */
export function refEnvLoad(mem: Uint8Array, off: number, opc: Opc, w: Width): bigint {
  const [n, signed] = envAccess(opc, w);
  const v = fromBytes(Array.from(mem.subarray(off, off + n)));
  return signed ? U(w, S(8 * n, v)) : U(w, v);
}
export function refEnvStore(mem: Uint8Array, off: number, opc: Opc, w: Width, value: bigint): void {
  const [n] = envAccess(opc, w);
  const bs = toBytes(value, n);
  for (let i = 0; i < n; i++) mem[off + i] = bs[i];
}
/** Bytes and signedness of an env access. */
export function envAccess(opc: Opc, w: Width): [number, boolean] {
  switch (opc) {
    case Opc.ld8u:
      return [1, false];
    case Opc.ld8s:
      return [1, true];
    case Opc.ld16u:
      return [2, false];
    case Opc.ld16s:
      return [2, true];
    case Opc.ld32u:
      return [4, false];
    case Opc.ld32s:
      return [4, true];
    case Opc.ld:
      return [w / 8, false];
    case Opc.st8:
      return [1, false];
    case Opc.st16:
      return [2, false];
    case Opc.st32:
      return [4, false];
    case Opc.st:
      return [w / 8, false];
  }
  throw new Error(`envAccess: not an env op ${opc}`);
}

// ---- a small deterministic PRNG (xorshift128+ on bigints is slow; this is sfc32 on numbers)

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 16; i++) this.u32();
  }
  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)];
  }
  /** A w-bit value drawn from a mix of distributions that reach the interesting corners. */
  value(w: Width): bigint {
    const r64 = () => (BigInt(this.u32()) << 32n) | BigInt(this.u32());
    switch (this.below(8)) {
      case 0:
        return U(w, BigInt(this.below(256)) - 128n); // small, either sign
      case 1:
        return U(w, S(32, BigInt(this.u32()))); // sign-extended 32-bit
      case 2:
        return U(w, BigInt(this.u32())); // zero-extended 32-bit
      case 3:
        return U(w, 1n << BigInt(this.below(w))); // one bit
      case 4:
        return U(w, ones(w) ^ (1n << BigInt(this.below(w)))); // all but one bit
      case 5:
        return U(w, ones(this.below(w) + 1) << BigInt(this.below(w))); // a run of ones
      default:
        return U(w, r64());
    }
  }
}
