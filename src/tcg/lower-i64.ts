// Lowering of 64-bit ops to 32-bit ops on register pairs, as QEMU's tcg/tcg-op.c does on a 32-bit host
// (TCG_TARGET_REG_BITS == 32): add/sub become add2/sub2, mul becomes mulu2 plus cross products,
// comparisons become brcond2/setcond2, logic ops and constant shifts work per half.
//
// tciemu normally executes i64 ops directly as paired-slot bytecode (see spec/tci/README.md, "Why
// paired slots"); this pass exists to measure that choice (`npm run bench` runs both) and for hosts or
// tools that want a pure i32 op stream. Each i64 temp keeps its slot pair: its halves are i32 "views"
// of the same slots (TcgContext.halfOf), so ops with no cheap i32 recipe (variable shifts, div/rem,
// rotates, bit counts, byte swaps, guest memory, helper calls) stay i64 and run as pair ops, which is
// what QEMU's helper calls for those ops amount to.
import { TempKind, TcgContext, type Op, type Temp } from "./context.ts";
import { Cond, Opc, Type } from "./opcodes.ts";

export function lowerI64(ctx: TcgContext, ops: Op[]): Op[] {
  const out: Op[] = [];
  const emit = (opc: Opc, args: number[], nOut: number, nIn: number, type = Type.I32) => out.push({ opc, type, args, nOut, nIn });
  const lo = (t: Temp) => half(ctx, t, 0);
  const hi = (t: Temp) => half(ctx, t, 1);
  const mov = (d: Temp, s: Temp) => d !== s && emit(Opc.mov, [d, s], 1, 1);

  for (const op of ops) {
    if (op.type !== Type.I64 && op.opc !== Opc.extrl_i64_i32 && op.opc !== Opc.extrh_i64_i32) {
      out.push(op);
      continue;
    }
    const a = op.args;
    switch (op.opc) {
      case Opc.mov:
        mov(lo(a[0]), lo(a[1]));
        mov(hi(a[0]), hi(a[1]));
        break;
      case Opc.add:
      case Opc.sub:
        emit(op.opc === Opc.add ? Opc.add2 : Opc.sub2, [lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), lo(a[2]), hi(a[2])], 2, 4);
        break;
      case Opc.neg: {
        const z = ctx.constI32(0);
        emit(Opc.sub2, [lo(a[0]), hi(a[0]), z, z, lo(a[1]), hi(a[1])], 2, 4);
        break;
      }
      case Opc.and:
      case Opc.or:
      case Opc.xor:
      case Opc.andc:
      case Opc.orc:
      case Opc.eqv:
      case Opc.nand:
      case Opc.nor: {
        // Compute into fresh temps when the output aliases an input's other half.
        emit(op.opc, [lo(a[0]), lo(a[1]), lo(a[2])], 1, 2);
        emit(op.opc, [hi(a[0]), hi(a[1]), hi(a[2])], 1, 2);
        break;
      }
      case Opc.not:
        emit(Opc.not, [lo(a[0]), lo(a[1])], 1, 1);
        emit(Opc.not, [hi(a[0]), hi(a[1])], 1, 1);
        break;
      case Opc.mul: {
        // (ah:al) * (bh:bl) mod 2^64 = al*bl + ((al*bh + ah*bl) << 32)
        const tl = ctx.tempNew(Type.I32),
          th = ctx.tempNew(Type.I32),
          t1 = ctx.tempNew(Type.I32),
          t2 = ctx.tempNew(Type.I32);
        emit(Opc.mulu2, [tl, th, lo(a[1]), lo(a[2])], 2, 2);
        emit(Opc.mul, [t1, lo(a[1]), hi(a[2])], 1, 2);
        emit(Opc.mul, [t2, hi(a[1]), lo(a[2])], 1, 2);
        emit(Opc.add, [th, th, t1], 1, 2);
        emit(Opc.add, [hi(a[0]), th, t2], 1, 2);
        mov(lo(a[0]), tl);
        break;
      }
      case Opc.shl:
      case Opc.shr:
      case Opc.sar:
        if (!ctx.isConst(a[2])) {
          out.push(op);
          break;
        }
        lowerConstShift(ctx, op.opc, a[0], a[1], Number(ctx.constValue(a[2]) & 63n), emit, lo, hi);
        break;
      case Opc.brcond:
        emit(Opc.brcond2, [lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), a[2], a[3]], 0, 4);
        break;
      case Opc.setcond:
        emit(Opc.setcond2, [lo(a[0]), lo(a[1]), hi(a[1]), lo(a[2]), hi(a[2]), a[3]], 1, 4);
        emit(Opc.mov, [hi(a[0]), ctx.constI32(0)], 1, 1);
        break;
      case Opc.ext_i32_i64: {
        const t = ctx.tempNew(Type.I32);
        emit(Opc.mov, [t, a[1]], 1, 1);
        emit(Opc.mov, [lo(a[0]), t], 1, 1);
        emit(Opc.sar, [hi(a[0]), t, ctx.constI32(31)], 1, 2);
        break;
      }
      case Opc.extu_i32_i64:
        emit(Opc.mov, [lo(a[0]), a[1]], 1, 1);
        emit(Opc.mov, [hi(a[0]), ctx.constI32(0)], 1, 1);
        break;
      case Opc.extrl_i64_i32:
        emit(Opc.mov, [a[0], lo(a[1])], 1, 1);
        break;
      case Opc.extrh_i64_i32:
        emit(Opc.mov, [a[0], hi(a[1])], 1, 1);
        break;
      case Opc.extract:
      case Opc.sextract: {
        const [pos, len] = [a[2], a[3]];
        if (pos + len <= 32 && len < 32) {
          emit(op.opc, [lo(a[0]), lo(a[1]), pos, len], 1, 1);
        } else if (pos === 0 && len === 32) {
          emit(Opc.mov, [lo(a[0]), lo(a[1])], 1, 1);
        } else if (pos >= 32) {
          emit(op.opc, [lo(a[0]), hi(a[1]), pos - 32, len], 1, 1);
        } else {
          out.push(op);
          break;
        }
        if (op.opc === Opc.extract) emit(Opc.mov, [hi(a[0]), ctx.constI32(0)], 1, 1);
        else emit(Opc.sar, [hi(a[0]), lo(a[0]), ctx.constI32(31)], 1, 2);
        break;
      }
      default:
        out.push(op);
    }
  }
  return out;
}

function half(ctx: TcgContext, t: Temp, h: 0 | 1): Temp {
  if (ctx.kind[t] === TempKind.Const) return ctx.constI32(h === 0 ? ctx.cLo[t] : ctx.cHi[t]);
  return ctx.halfOf(t, h);
}

function lowerConstShift(
  ctx: TcgContext,
  opc: Opc,
  d: Temp,
  s: Temp,
  c: number,
  emit: (opc: Opc, args: number[], nOut: number, nIn: number) => void,
  lo: (t: Temp) => Temp,
  hi: (t: Temp) => Temp,
): void {
  const k = (v: number) => ctx.constI32(v);
  if (c === 0) {
    emit(Opc.mov, [lo(d), lo(s)], 1, 1);
    emit(Opc.mov, [hi(d), hi(s)], 1, 1);
    return;
  }
  if (c >= 32) {
    if (opc === Opc.shl) {
      emit(Opc.shl, [hi(d), lo(s), k(c - 32)], 1, 2);
      emit(Opc.mov, [lo(d), k(0)], 1, 1);
    } else {
      emit(opc, [lo(d), hi(s), k(c - 32)], 1, 2);
      if (opc === Opc.shr) emit(Opc.mov, [hi(d), k(0)], 1, 1);
      else emit(Opc.sar, [hi(d), hi(s), k(31)], 1, 2);
    }
    return;
  }
  // 0 < c < 32: bits cross between halves; extract2 takes a window of the concatenated pair.
  const tl = ctx.tempNew(Type.I32),
    th = ctx.tempNew(Type.I32);
  if (opc === Opc.shl) {
    emit(Opc.extract2, [th, lo(s), hi(s), 32 - c], 1, 2);
    emit(Opc.shl, [tl, lo(s), k(c)], 1, 2);
  } else {
    emit(Opc.extract2, [tl, lo(s), hi(s), c], 1, 2);
    emit(opc, [th, hi(s), k(c)], 1, 2);
  }
  emit(Opc.mov, [lo(d), tl], 1, 1);
  emit(Opc.mov, [hi(d), th], 1, 1);
}
