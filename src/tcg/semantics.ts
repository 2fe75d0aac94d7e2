// The meaning of every arithmetic TCG op, evaluated exactly with bigints. The optimizer folds
// constants with it (translation time only, never in the interpreter).
//
// Where QEMU leaves a result undefined, tciemu defines it (and the interpreter does the same; see
// spec/tci/README.md):
//   - shift and rotate counts are taken modulo the width;
//   - divs/divu by zero give -1 (all ones); rems/remu by zero give the dividend;
//     divs(MIN, -1) gives MIN and rems(MIN, -1) gives 0  (these are also RISC-V's rules);
//   - bswap16/bswap32 zero-extend their result unless the sign-extend flag (4) is given.
import { Cond, Opc, Type } from "./opcodes.ts";

export function widthOf(t: Type): 32 | 64 {
  return t === Type.I32 ? 32 : 64;
}

const sx = (w: number, v: bigint) => BigInt.asIntN(w, v);
const zx = (w: number, v: bigint) => BigInt.asUintN(w, v);

export function evalCond(w: number, cond: Cond, a: bigint, b: bigint): boolean {
  const sa = sx(w, a),
    sb = sx(w, b),
    ua = zx(w, a),
    ub = zx(w, b);
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
      return sa >= sb;
    case Cond.LE:
      return sa <= sb;
    case Cond.GT:
      return sa > sb;
    case Cond.LTU:
      return ua < ub;
    case Cond.GEU:
      return ua >= ub;
    case Cond.LEU:
      return ua <= ub;
    case Cond.GTU:
      return ua > ub;
    case Cond.TSTEQ:
      return (ua & ub) === 0n;
    case Cond.TSTNE:
      return (ua & ub) !== 0n;
  }
  throw new Error(`bad cond ${cond}`);
}

function clz(w: number, a: bigint): number {
  const u = zx(w, a);
  return u === 0n ? w : w - u.toString(2).length;
}
function ctz(w: number, a: bigint): number {
  let u = zx(w, a);
  if (u === 0n) return w;
  let n = 0;
  while ((u & 1n) === 0n) {
    u >>= 1n;
    n++;
  }
  return n;
}
function bswap(bytes: number, a: bigint): bigint {
  let r = 0n;
  for (let i = 0; i < bytes; i++) r = (r << 8n) | ((a >> BigInt(8 * i)) & 0xffn);
  return r;
}

/**
 * Evaluates an op whose inputs are all known. Inputs and outputs are bigints holding the value
 * (any representative; outputs are normalized to signed width). Returns null for ops that are not
 * pure arithmetic (memory, calls, control flow).
 */
export function evalOp(opc: Opc, type: Type, ins: bigint[], consts: number[]): bigint[] | null {
  const w = widthOf(type);
  const W = BigInt(w);
  const [a, b] = ins;
  const r = (v: bigint) => [sx(w, v)];
  switch (opc) {
    case Opc.mov:
      return r(a);
    case Opc.add:
      return r(a + b);
    case Opc.sub:
      return r(a - b);
    case Opc.neg:
      return r(-a);
    case Opc.mul:
      return r(a * b);
    case Opc.mulu2: {
      const p = zx(w, a) * zx(w, b);
      return [sx(w, p), sx(w, p >> W)];
    }
    case Opc.muls2: {
      const p = sx(w, a) * sx(w, b);
      return [sx(w, p), sx(w, p >> W)];
    }
    case Opc.muluh:
      return r((zx(w, a) * zx(w, b)) >> W);
    case Opc.mulsh:
      return r((sx(w, a) * sx(w, b)) >> W);
    case Opc.divs: {
      const sa = sx(w, a),
        sb = sx(w, b);
      if (sb === 0n) return r(-1n);
      if (sb === -1n) return r(-sa);
      return r(sa / sb); // bigint division truncates toward zero
    }
    case Opc.divu:
      return zx(w, b) === 0n ? r(-1n) : r(zx(w, a) / zx(w, b));
    case Opc.rems: {
      const sa = sx(w, a),
        sb = sx(w, b);
      if (sb === 0n) return r(sa);
      if (sb === -1n) return r(0n);
      return r(sa % sb);
    }
    case Opc.remu:
      return zx(w, b) === 0n ? r(a) : r(zx(w, a) % zx(w, b));
    case Opc.and:
      return r(a & b);
    case Opc.or:
      return r(a | b);
    case Opc.xor:
      return r(a ^ b);
    case Opc.not:
      return r(~a);
    case Opc.andc:
      return r(a & ~b);
    case Opc.orc:
      return r(a | ~b);
    case Opc.eqv:
      return r(~(a ^ b));
    case Opc.nand:
      return r(~(a & b));
    case Opc.nor:
      return r(~(a | b));
    case Opc.shl:
      return r(a << (zx(w, b) % W));
    case Opc.shr:
      return r(zx(w, a) >> (zx(w, b) % W));
    case Opc.sar:
      return r(sx(w, a) >> (zx(w, b) % W));
    case Opc.rotl: {
      const n = zx(w, b) % W;
      return r((zx(w, a) << n) | (zx(w, a) >> (W - n)));
    }
    case Opc.rotr: {
      const n = zx(w, b) % W;
      return r((zx(w, a) >> n) | (zx(w, a) << (W - n)));
    }
    case Opc.clz:
      return zx(w, a) === 0n ? r(b) : r(BigInt(clz(w, a)));
    case Opc.ctz:
      return zx(w, a) === 0n ? r(b) : r(BigInt(ctz(w, a)));
    case Opc.ctpop:
      return r(BigInt([...zx(w, a).toString(2)].filter((c) => c === "1").length));
    case Opc.extract: {
      const [pos, len] = consts;
      return r(zx(len, zx(w, a) >> BigInt(pos)));
    }
    case Opc.sextract: {
      const [pos, len] = consts;
      return r(sx(len, zx(w, a) >> BigInt(pos)));
    }
    case Opc.deposit: {
      const [pos, len] = consts;
      const mask = ((1n << BigInt(len)) - 1n) << BigInt(pos);
      return r((zx(w, a) & ~mask) | ((zx(w, b) << BigInt(pos)) & mask));
    }
    case Opc.extract2: {
      const [pos] = consts;
      return r(((zx(w, b) << W) | zx(w, a)) >> BigInt(pos));
    }
    case Opc.bswap16:
    case Opc.bswap32: {
      const n = opc === Opc.bswap16 ? 2 : 4;
      const v = bswap(n, a);
      return r(consts[0] & 4 ? sx(8 * n, v) : v);
    }
    case Opc.bswap64:
      return r(bswap(8, a));
    case Opc.setcond:
      return r(evalCond(w, consts[0], a, b) ? 1n : 0n);
    case Opc.negsetcond:
      return r(evalCond(w, consts[0], a, b) ? -1n : 0n);
    case Opc.movcond:
      return r(evalCond(w, consts[0], a, b) ? ins[2] : ins[3]);
    case Opc.add2:
    case Opc.sub2: {
      const x = (zx(32, ins[1]) << 32n) | zx(32, ins[0]);
      const y = (zx(32, ins[3]) << 32n) | zx(32, ins[2]);
      const s = opc === Opc.add2 ? x + y : x - y;
      return [sx(32, s), sx(32, s >> 32n)];
    }
    case Opc.setcond2: {
      const x = (zx(32, ins[1]) << 32n) | zx(32, ins[0]);
      const y = (zx(32, ins[3]) << 32n) | zx(32, ins[2]);
      return [evalCond(64, consts[0], x, y) ? 1n : 0n];
    }
    case Opc.ext_i32_i64:
      return [sx(32, a)];
    case Opc.extu_i32_i64:
      return [zx(32, a)];
    case Opc.extrl_i64_i32:
      return [sx(32, a)];
    case Opc.extrh_i64_i32:
      return [sx(32, a >> 32n)];
  }
  return null;
}
