// The integer operations of the i386 translator: QEMU 10's target/i386/tcg/emit.c.inc gen_* functions
// (plus gen_multi0F's user-mode cases from translate.c), one per stage-1 operation id, on the
// I386Translator's DisasContext. Each follows QEMU's use of the decoded operands: T0 = operand 1,
// T1 = operand 2 on entry, T0 = the result written back to operand 0; flags are left in
// s.decCc* for the writeback after the last memory access.
import type { Temp } from "../../tcg/context.ts";
import { Cond, MO_SIGN, Opc, Type } from "../../tcg/opcodes.ts";
import {
  CC_C,
  CC_O,
  CC_P,
  CC_Z,
  CcOp,
  DF,
  EFLAGS,
  I386Excp,
  IDT_BASE,
  IDT_LIMIT,
  GDT_BASE,
  GDT_LIMIT,
  LDT,
  TR,
  ccOpHasEflags,
  ccOpSize,
} from "./cpu-state.ts";
import { MO_16, MO_32, MO_8, PREFIX_DATA, PREFIX_LOCK, R_EAX, R_EBP, R_EBX, R_ECX, R_EDX, R_ESP, T, Unit, type I386Insn } from "./insn.ts";
import { Op } from "./ops.ts";
import { Dj, JCC_B, JCC_Z, USES_CC_DST, USES_CC_SRC, ccOpLive, type I386DisasContext as I386Translator } from "./disas-context.ts";

const I32 = Type.I32;
const I64 = Type.I64;

type Emit = (s: I386Translator, d: I386Insn) => void;
const EMIT: Emit[] = [];
const def = (op: number, f: Emit) => (EMIT[op] = f);

/** Runs the integer emitter of d.op; false if the operation is not an integer one. */
export function emitInt(s: I386Translator, d: I386Insn): boolean {
  const f = EMIT[d.op];
  if (!f) return false;
  f(s, d);
  return true;
}

// ---- flag bookkeeping (prepare_update*_cc)

function update1(s: I386Translator, op: number): void {
  s.decCcDst = s.T0;
  s.decCcOp = op;
}
function update2(s: I386Translator, op: number): void {
  s.decCcSrc = s.T1;
  s.decCcDst = s.T0;
  s.decCcOp = op;
}
function update3(s: I386Translator, op: number, reg: Temp): void {
  s.decCcSrc2 = reg;
  s.decCcSrc = s.T1;
  s.decCcDst = s.T0;
  s.decCcOp = op;
}
function updateIncDec(s: I386Translator, op: number): void {
  s.computeEflagsC(s.T1);
  update2(s, op);
}
/** prepare_update_cf: replace CF, keep the other flags. */
function updateCf(s: I386Translator, cf: Temp): void {
  const g = s.g;
  switch (s.ccOp) {
    case CcOp.ADOX:
    case CcOp.ADCOX:
      s.decCcSrc2 = g.ccSrc2;
      s.decCcSrc = g.ccSrc;
      s.decCcOp = CcOp.ADCOX;
      break;
    case CcOp.EFLAGS:
    case CcOp.ADCX:
      s.decCcSrc = g.ccSrc;
      s.decCcOp = CcOp.ADCX;
      break;
    default: {
      const t = s.newTemp();
      s.movEflags(t);
      s.decCcSrc = t;
      s.decCcOp = CcOp.ADCX;
    }
  }
  s.decCcDst = cf;
}

// ---- arithmetic

/** An "atomic" read-modify-write for LOCK prefixes: guest threads switch only between TBs. */
function lockedRmw(s: I386Translator, ot: number, f: (old: Temp) => void): Temp {
  const old = s.newTemp();
  s.ldRmw(ot, old, s.ea);
  f(old);
  s.st(ot, s.T0, s.ea);
  return old;
}

def(Op.ADD, (s, d) => {
  const ot = d.ot[1];
  if (s.prefix & PREFIX_LOCK) lockedRmw(s, ot, (old) => s.b.gen_add_i32(s.T0, old, s.T1));
  else s.b.gen_add_i32(s.T0, s.T0, s.T1);
  update2(s, CcOp.ADDB + ot);
});

def(Op.ADC, (s, d) => {
  const ot = d.ot[1];
  const b = s.b;
  const cIn = s.newTemp();
  s.computeEflagsC(cIn);
  if (s.prefix & PREFIX_LOCK) {
    lockedRmw(s, ot, (old) => {
      b.gen_add_i32(s.T0, old, s.T1);
      b.gen_add_i32(s.T0, s.T0, cIn);
    });
  } else {
    b.gen_add_i32(s.T0, s.T0, s.T1);
    b.gen_add_i32(s.T0, s.T0, cIn);
  }
  update3(s, CcOp.ADCB + ot, cIn);
});

def(Op.SUB, (s, d) => {
  const ot = d.ot[1];
  const b = s.b;
  if (s.prefix & PREFIX_LOCK) {
    const old = lockedRmw(s, ot, (o) => b.gen_sub_i32(s.T0, o, s.T1));
    b.gen_mov_i32(s.ccSrcT, old);
  } else {
    b.gen_mov_i32(s.ccSrcT, s.T0);
    b.gen_sub_i32(s.T0, s.T0, s.T1);
  }
  update2(s, CcOp.SUBB + ot);
});

def(Op.SBB, (s, d) => {
  const ot = d.ot[0];
  const b = s.b;
  const cIn = s.newTemp();
  s.computeEflagsC(cIn);
  if (s.prefix & PREFIX_LOCK) {
    lockedRmw(s, ot, (old) => {
      b.gen_sub_i32(s.T0, old, s.T1);
      b.gen_sub_i32(s.T0, s.T0, cIn);
    });
  } else {
    b.gen_sub_i32(s.T0, s.T0, s.T1);
    b.gen_sub_i32(s.T0, s.T0, cIn);
  }
  update3(s, CcOp.SBBB + ot, cIn);
});

function logic(op: number, opc: Opc.and | Opc.or | Opc.xor): void {
  def(op, (s, d) => {
    const ot = d.ot[1];
    if (s.prefix & PREFIX_LOCK) lockedRmw(s, ot, (old) => s.b.binary(opc, I32, s.T0, old, s.T1));
    else s.b.binary(opc, I32, s.T0, s.T0, s.T1);
    update1(s, CcOp.LOGICB + ot);
  });
}
logic(Op.AND, Opc.and);
logic(Op.OR, Opc.or);
def(Op.XOR, (s, d) => {
  // xor reg, reg: a known zero and known flags
  if (d.unit[1] === Unit.INT && d.unit[2] === Unit.INT && !d.hasEa[1] && !d.hasEa[2] && d.n[1] === d.n[2]) {
    s.b.gen_movi_i32(s.T0, 0);
    s.decCcOp = CcOp.EFLAGS;
    s.decCcSrc = s.k(CC_Z | CC_P);
    return;
  }
  const ot = d.ot[1];
  if (s.prefix & PREFIX_LOCK) lockedRmw(s, ot, (old) => s.b.gen_xor_i32(s.T0, old, s.T1));
  else s.b.gen_xor_i32(s.T0, s.T0, s.T1);
  update1(s, CcOp.LOGICB + ot);
});

function incdec(op: number, delta: number, ccop: number): void {
  def(op, (s, d) => {
    const ot = d.ot[1];
    s.b.gen_movi_i32(s.T1, delta);
    if (s.prefix & PREFIX_LOCK) lockedRmw(s, ot, (old) => s.b.gen_add_i32(s.T0, old, s.T1));
    else s.b.gen_add_i32(s.T0, s.T0, s.T1);
    updateIncDec(s, ccop + ot);
  });
}
incdec(Op.INC, 1, CcOp.INCB);
incdec(Op.DEC, -1, CcOp.DECB);

def(Op.NEG, (s, d) => {
  const ot = d.ot[0];
  const b = s.b;
  const oldv = s.newTemp();
  if (s.prefix & PREFIX_LOCK) {
    s.ldRmw(ot, oldv, s.ea);
    b.gen_neg_i32(s.T0, oldv);
    s.st(ot, s.T0, s.ea);
  } else {
    b.gen_mov_i32(oldv, s.T0);
    b.gen_neg_i32(s.T0, oldv);
  }
  s.decCcDst = s.T0;
  s.decCcSrc = oldv;
  b.gen_movi_i32(s.ccSrcT, 0);
  s.decCcOp = CcOp.SUBB + ot;
});

def(Op.NOT, (s, d) => {
  const ot = d.ot[0];
  if (s.prefix & PREFIX_LOCK) lockedRmw(s, ot, (old) => s.b.unary(Opc.not, I32, s.T0, old));
  else s.b.unary(Opc.not, I32, s.T0, s.T0);
});

def(Op.MUL, (s, d) => {
  const ot = d.ot[1];
  const b = s.b;
  const g = s.g;
  switch (ot) {
    case MO_8:
      b.gen_ext8u(I32, s.T1, s.T1);
      b.gen_mul_i32(s.T0, s.T0, s.T1);
      s.movRegV(MO_16, R_EAX, s.T0);
      b.gen_andi_i32(s.T1, s.T0, 0xff00);
      s.decCcDst = s.T0;
      s.decCcSrc = s.T1;
      break;
    case MO_16:
      b.gen_ext16u(I32, s.T1, s.T1);
      b.gen_mul_i32(s.T0, s.T0, s.T1);
      s.movRegV(MO_16, R_EAX, s.T0);
      b.gen_shri_i32(s.T1, s.T0, 16);
      s.movRegV(MO_16, R_EDX, s.T1);
      s.decCcDst = s.T0;
      s.decCcSrc = s.T1;
      break;
    default:
      b.gen_mulu2(I32, g.regs[R_EAX], g.regs[R_EDX], s.T0, s.T1);
      s.decCcDst = g.regs[R_EAX];
      s.decCcSrc = g.regs[R_EDX];
  }
  s.decCcOp = CcOp.MULB + ot;
});

def(Op.IMUL, (s, d) => {
  const ot = d.ot[1];
  const b = s.b;
  const g = s.g;
  let rhs: Temp;
  switch (ot) {
    case MO_8:
      b.gen_ext8s(I32, s.T1, s.T1);
      b.gen_mul_i32(s.T0, s.T0, s.T1);
      s.movRegV(MO_16, R_EAX, s.T0);
      b.gen_ext8s(I32, s.T1, s.T0);
      rhs = s.T0;
      break;
    case MO_16:
      b.gen_ext16s(I32, s.T1, s.T1);
      b.gen_mul_i32(s.T0, s.T0, s.T1);
      s.movRegV(MO_16, R_EAX, s.T0);
      b.gen_shri_i32(s.T1, s.T0, 16);
      s.movRegV(MO_16, R_EDX, s.T1);
      b.gen_ext16s(I32, s.T1, s.T0);
      rhs = s.T0;
      break;
    default:
      b.gen_muls2(I32, s.T0, g.regs[R_EDX], s.T0, s.T1);
      b.gen_mov_i32(g.regs[R_EAX], s.T0);
      b.gen_negsetcond(I32, Cond.LT, s.T1, s.T0, s.k(0));
      rhs = g.regs[R_EDX];
  }
  b.gen_sub_i32(s.T1, s.T1, rhs);
  update2(s, CcOp.MULB + ot);
});

def(Op.IMUL3, (s, d) => {
  const ot = d.ot[0];
  const b = s.b;
  let rhs: Temp;
  if (ot === MO_16) {
    b.gen_ext16s(I32, s.T1, s.T1);
    b.gen_mul_i32(s.T0, s.T0, s.T1);
    b.gen_ext16s(I32, s.T1, s.T0);
    rhs = s.T0;
  } else {
    const hi = s.newTemp();
    b.gen_muls2(I32, s.T0, hi, s.T0, s.T1);
    b.gen_sari_i32(s.T1, s.T0, 31);
    rhs = hi;
  }
  b.gen_sub_i32(s.T1, s.T1, rhs);
  update2(s, CcOp.MULB + ot);
});

function divide(op: number, names: string[]): void {
  def(op, (s, d) => {
    // the helpers raise #DE precisely (the eip and cc_op come from insn_start)
    s.call(names[d.ot[1]], null, [s.T0]);
  });
}
divide(Op.DIV, ["divb_AL", "divw_AX", "divl_EAX"]);
divide(Op.IDIV, ["idivb_AL", "idivw_AX", "idivl_EAX"]);

def(Op.CBW, (s, d) => {
  s.extTl(s.T0, s.T0, d.ot[0] - 1, true);
});
def(Op.CWD, (s, d) => {
  s.b.gen_sextract(I32, s.T0, s.T0, (8 << d.ot[0]) - 1, 1);
});

def(Op.CMPXCHG, (s, d) => {
  const ot = d.ot[2];
  const b = s.b;
  const g = s.g;
  const cmpv = s.newTemp(),
    oldv = s.newTemp(),
    newv = s.newTemp();
  s.extTl(cmpv, g.regs[R_EAX], ot, false);
  s.extTl(newv, s.T1, ot, false);
  if (s.prefix & PREFIX_LOCK) {
    s.ldRmw(ot, oldv, s.ea);
    const t = s.newTemp();
    b.gen_movcond(I32, Cond.EQ, t, oldv, cmpv, newv, oldv);
    s.st(ot, t, s.ea);
  } else {
    s.extTl(oldv, s.T0, ot, false);
    if (d.hasEa[0]) {
      // an unconditional store cycle, as the CPU does, before the accumulator changes
      b.gen_movcond(I32, Cond.EQ, newv, oldv, cmpv, newv, oldv);
      s.st(ot, newv, s.ea);
    } else {
      const dest = s.depositRegV(ot, d.n[0], newv, newv);
      b.gen_movcond(I32, Cond.EQ, dest, oldv, cmpv, newv, dest);
    }
    d.unit[0] = Unit.SKIP;
  }
  // EAX is written only if the exchange fails
  const dest = s.depositRegV(ot, R_EAX, s.T0, oldv);
  b.gen_movcond(I32, Cond.NE, dest, oldv, cmpv, s.T0, dest);
  b.gen_mov_i32(s.ccSrcT, cmpv);
  b.gen_sub_i32(cmpv, cmpv, oldv);
  s.decCcDst = cmpv;
  s.decCcSrc = oldv;
  s.decCcOp = CcOp.SUBB + ot;
});

def(Op.CMPXCHG8B, (s) => {
  const b = s.b;
  const g = s.g;
  // nonatomic_cmpxchg: load, compare, always store (the old value when unequal)
  const lo = s.newTemp(),
    hi = s.newTemp(),
    z = s.newTemp(),
    t = s.newTemp();
  const ea1 = s.eaPlus(s.ea, 4);
  // LOCK: an atomic cmpxchg (probed for writing); without it, a plain load then a store
  if (s.prefix & PREFIX_LOCK) {
    s.ldRmw(MO_32, lo, s.ea);
    s.ldRmw(MO_32, hi, ea1);
  } else {
    s.ld(MO_32, lo, s.ea);
    s.ld(MO_32, hi, ea1);
  }
  b.gen_xor_i32(z, lo, g.regs[R_EAX]);
  b.gen_xor_i32(t, hi, g.regs[R_EDX]);
  b.gen_or_i32(z, z, t);
  b.gen_setcondi(I32, Cond.EQ, z, z, 0);
  const nlo = s.newTemp(),
    nhi = s.newTemp();
  b.gen_movcond(I32, Cond.NE, nlo, z, s.k(0), g.regs[R_EBX], lo);
  b.gen_movcond(I32, Cond.NE, nhi, z, s.k(0), g.regs[R_ECX], hi);
  const v = b.temp_new_i64();
  b.ctx.emit(Opc.extu_i32_i64, I64, [v, nlo]);
  const vh = b.temp_new_i64();
  b.gen_extu_i32_i64(vh, nhi);
  b.gen_shli_i64(vh, vh, 32);
  b.gen_or_i64(v, v, vh);
  s.st64(v, s.ea);
  b.gen_mov_i32(g.regs[R_EAX], lo);
  b.gen_mov_i32(g.regs[R_EDX], hi);
  s.computeEflags();
  b.gen_deposit(I32, g.ccSrc, g.ccSrc, z, 6, 1);
});

def(Op.XADD, (s, d) => {
  const ot = d.ot[1];
  const b = s.b;
  const dst = s.newTemp();
  s.decCcDst = dst;
  s.decCcSrc = s.T1;
  s.decCcOp = CcOp.ADDB + ot;
  if (s.prefix & PREFIX_LOCK) {
    s.ldRmw(ot, s.T0, s.ea);
    b.gen_add_i32(dst, s.T0, s.T1);
    s.st(ot, dst, s.ea);
  } else {
    b.gen_add_i32(dst, s.T0, s.T1);
    // memory first (for faults), but "new result" wins for xadd ax, ax
    s.genWriteback(d, 0, dst);
  }
  if (d.hasEa[0] || d.n[2] !== d.n[0]) s.genWriteback(d, 2, s.T0);
});

def(Op.XCHG, (s, d) => {
  if (s.prefix & PREFIX_LOCK) {
    s.ldRmw(d.ot[0], s.T0, s.ea);
    s.st(d.ot[0], s.T1, s.ea);
    s.movRegV(d.ot[2], d.n[2], s.T0);
  } else {
    s.movRegV(d.ot[2], d.n[2], s.T0);
    s.b.gen_mov_i32(s.T0, s.T1);
  }
});

// ---- decimal

def(Op.AAA, (s) => {
  s.updateCcOp();
  s.call("aaa", null, []);
  s.assumeCcOp(CcOp.EFLAGS);
});
def(Op.AAS, (s) => {
  s.updateCcOp();
  s.call("aas", null, []);
  s.assumeCcOp(CcOp.EFLAGS);
});
def(Op.DAA, (s) => {
  s.updateCcOp();
  s.call("daa", null, []);
  s.assumeCcOp(CcOp.EFLAGS);
});
def(Op.DAS, (s) => {
  s.updateCcOp();
  s.call("das", null, []);
  s.assumeCcOp(CcOp.EFLAGS);
});
def(Op.AAD, (s) => {
  s.call("aad", s.T0, [s.T0, s.T1]);
  update1(s, CcOp.LOGICB);
});
def(Op.AAM, (s, d) => {
  if ((d.immediate & 0xff) === 0) s.genException(I386Excp.DIVZ);
  else {
    s.call("aam", s.T0, [s.T0, s.T1]);
    update1(s, CcOp.LOGICB);
  }
});

// ---- bits

def(Op.BSF, (s, d) => {
  s.decCcDst = s.newTemp();
  s.decCcOp = CcOp.LOGICB + d.ot[0];
  s.b.gen_mov_i32(s.decCcDst, s.T0);
  // a zero input leaves the destination unchanged (T1 holds it)
  s.b.binary(Opc.ctz, I32, s.T0, s.T0, s.T1);
});
def(Op.BSR, (s, d) => {
  const b = s.b;
  s.decCcDst = s.newTemp();
  s.decCcOp = CcOp.LOGICB + d.ot[0];
  b.gen_mov_i32(s.decCcDst, s.T0);
  b.gen_xori_i32(s.T1, s.T1, 31);
  b.binary(Opc.clz, I32, s.T0, s.T0, s.T1);
  b.gen_xori_i32(s.T0, s.T0, 31);
});
def(Op.BSWAP, (s) => {
  s.b.gen_bswap32(I32, s.T0, s.T0, 2);
});

function btMask(s: I386Translator, d: I386Insn): Temp {
  const ot = d.ot[1];
  const mask = s.newTemp();
  s.b.gen_andi_i32(s.T1, s.T1, (8 << ot) - 1);
  s.b.binary(Opc.shl, I32, mask, s.k(1), s.T1);
  return mask;
}
/** gen_bt_flags: C is the tested bit, Z unchanged, the others undefined (as QEMU leaves them). */
function btFlags(s: I386Translator, src: Temp, count: Temp, mask: Temp): void {
  if (s.ccOp === CcOp.DYNAMIC || ccOpHasEflags(s.ccOp)) {
    const cf = s.newTemp();
    s.b.gen_setcond(I32, Cond.TSTNE, cf, src, mask);
    updateCf(s, cf);
  } else {
    s.decCcSrc = s.newTemp();
    s.decCcDst = s.g.ccDst;
    s.decCcOp = CcOp.SARB + ccOpSize(s.ccOp);
    s.b.binary(Opc.shr, I32, s.decCcSrc, src, count);
  }
}
def(Op.BT, (s, d) => {
  let count = s.T1;
  let mask: Temp;
  if (d.type[2] === T.I) mask = btMask(s, d);
  else {
    const ot = d.ot[1];
    s.b.gen_andi_i32(s.T1, s.T1, (8 << ot) - 1);
    s.b.binary(Opc.shr, I32, s.T0, s.T0, s.T1);
    count = s.k(0);
    mask = s.k(1);
  }
  btFlags(s, s.T0, count, mask);
});
function btModify(op: number, f: (s: I386Translator, mask: Temp) => void): void {
  def(op, (s, d) => {
    const ot = d.ot[0];
    const old = s.newTemp();
    const mask = btMask(s, d);
    if (s.prefix & PREFIX_LOCK) {
      s.ldRmw(ot, old, s.ea);
      s.b.gen_mov_i32(s.T0, old);
      f(s, mask);
      s.st(ot, s.T0, s.ea);
    } else {
      s.b.gen_mov_i32(old, s.T0);
      f(s, mask);
    }
    btFlags(s, old, s.T1, mask);
  });
}
btModify(Op.BTC, (s, m) => s.b.gen_xor_i32(s.T0, s.T0, m));
btModify(Op.BTR, (s, m) => s.b.binary(Opc.andc, I32, s.T0, s.T0, m));
btModify(Op.BTS, (s, m) => s.b.gen_or_i32(s.T0, s.T0, m));

// ---- shifts and rotates

/** gen_shift_count_1: the count (null when an immediate count is 0), and whether it may be 0. */
function shiftCount(s: I386Translator, d: I386Insn, unit: number, mod: number): { count: Temp | null; canBeZero: boolean } {
  const ot = d.ot[0];
  const mask = ot <= MO_32 ? 0x1f : 0x3f;
  const b = s.b;
  if (unit === Unit.INT) {
    const count = s.newTemp();
    b.gen_andi_i32(count, s.g.regs[R_ECX], mask);
    if (mod < mask) {
      const temp = s.newTemp();
      if (mod * 2 < mask) {
        b.gen_subi_i32(temp, count, mod * 2);
        b.gen_movcond(I32, Cond.GE, count, temp, s.k(0), temp, count);
      }
      b.gen_subi_i32(temp, count, mod);
      b.gen_movcond(I32, Cond.GE, count, temp, s.k(0), temp, count);
    }
    return { count, canBeZero: true };
  }
  if (unit === Unit.IMM) {
    let imm = d.immediate & mask;
    if (mod < mask) imm %= mod;
    d.immediate = imm;
    if (imm === 0) return { count: null, canBeZero: false };
    const count = s.newTemp();
    b.gen_movi_i32(count, imm);
    return { count, canBeZero: false };
  }
  const count = s.newTemp();
  b.gen_movi_i32(count, 1);
  return { count, canBeZero: false };
}
const INT_MAX = 0x7fffffff;

/** gen_shift_dynamic_flags: a count of 0 keeps the previous flags (cc_op chosen at run time). */
function shiftDynamicFlags(s: I386Translator, count: Temp, ccop: number): void {
  const b = s.b;
  const g = s.g;
  s.decCcOp = CcOp.DYNAMIC;
  s.decCcOpDynamic = s.newTemp();
  const live = ccOpLive(s.ccOp);
  if (live & USES_CC_DST) {
    const nd = s.newTemp();
    b.gen_movcond(I32, Cond.EQ, nd, count, s.k(0), g.ccDst, s.T0);
    s.decCcDst = nd;
  }
  if (live & USES_CC_SRC) b.gen_movcond(I32, Cond.EQ, s.decCcSrc!, count, s.k(0), g.ccSrc, s.decCcSrc!);
  const oldOp = s.ccOp === CcOp.DYNAMIC ? g.ccOp : s.k(s.ccOp);
  b.gen_movcond(I32, Cond.EQ, s.decCcOpDynamic, count, s.k(0), oldOp, s.k(ccop));
}

function shift(op: number, ccBase: number, f: (s: I386Translator, dst: Temp, src: Temp, count: Temp) => void): void {
  def(op, (s, d) => {
    const { count, canBeZero } = shiftCount(s, d, d.unit[2], INT_MAX);
    if (!count) return;
    const ot = d.ot[0];
    const b = s.b;
    s.decCcDst = s.T0;
    const src = s.newTemp();
    s.decCcSrc = src;
    b.gen_subi_i32(src, count, 1);
    f(s, src, s.T0, src);
    f(s, s.T0, s.T0, count);
    if (canBeZero) shiftDynamicFlags(s, count, ccBase + ot);
    else s.decCcOp = ccBase + ot;
  });
}
shift(Op.SHL, CcOp.SHLB, (s, d, a, c) => s.b.binary(Opc.shl, I32, d, a, c));
shift(Op.SHR, CcOp.SARB, (s, d, a, c) => s.b.binary(Opc.shr, I32, d, a, c));
shift(Op.SAR, CcOp.SARB, (s, d, a, c) => s.b.binary(Opc.sar, I32, d, a, c));

/** gen_shiftd_rm_T1 (32-bit target) */
function shiftdRmT1(s: I386Translator, ot: number, isRight: boolean, count: Temp): void {
  const b = s.b;
  const mask = 31;
  if (ot === MO_16) {
    // Intel's behaviour for counts > 16: shrdw C, B, A shifts A:B:A >> C
    if (isRight) {
      b.gen_deposit(I32, s.tmp0, s.T0, s.T1, 16, 16);
      b.gen_mov_i32(s.T1, s.T0);
      b.gen_mov_i32(s.T0, s.tmp0);
    } else {
      b.gen_deposit(I32, s.T1, s.T0, s.T1, 16, 16);
    }
  }
  b.gen_subi_i32(s.tmp0, count, 1);
  if (isRight) {
    b.binary(Opc.shr, I32, s.tmp0, s.T0, s.tmp0);
    b.binary(Opc.sub, I32, s.tmp4, s.k(mask + 1), count);
    b.binary(Opc.shr, I32, s.T0, s.T0, count);
    b.binary(Opc.shl, I32, s.T1, s.T1, s.tmp4);
  } else {
    b.binary(Opc.shl, I32, s.tmp0, s.T0, s.tmp0);
    if (ot === MO_16) {
      b.binary(Opc.sub, I32, s.tmp4, s.k(33), count);
      b.binary(Opc.shr, I32, s.tmp4, s.T1, s.tmp4);
      b.gen_or_i32(s.tmp0, s.tmp0, s.tmp4);
    }
    b.binary(Opc.sub, I32, s.tmp4, s.k(mask + 1), count);
    b.binary(Opc.shl, I32, s.T0, s.T0, count);
    b.binary(Opc.shr, I32, s.T1, s.T1, s.tmp4);
  }
  b.gen_movi_i32(s.tmp4, 0);
  b.gen_movcond(I32, Cond.EQ, s.T1, count, s.tmp4, s.tmp4, s.T1);
  b.gen_or_i32(s.T0, s.T0, s.T1);
}
function shiftd(op: number, isRight: boolean): void {
  def(op, (s, d) => {
    const unit = d.hasOp3Imm ? Unit.IMM : Unit.INT;
    const { count, canBeZero } = shiftCount(s, d, unit, INT_MAX);
    if (!count) return;
    const ot = d.ot[0];
    s.decCcDst = s.T0;
    s.decCcSrc = s.tmp0;
    shiftdRmT1(s, ot, isRight, count);
    const ccBase = isRight ? CcOp.SARB : CcOp.SHLB;
    if (canBeZero) shiftDynamicFlags(s, count, ccBase + ot);
    else s.decCcOp = ccBase + ot;
  });
}
shiftd(Op.SHLD, false);
shiftd(Op.SHRD, true);

/** gen_eflags_adcox: flags for rotates (CC_OP_ADCOX: C in cc_dst, O in cc_src2, the rest in cc_src). */
function eflagsAdcox(s: I386Translator, wantCarry: boolean, needFlags: boolean): boolean {
  const b = s.b;
  const g = s.g;
  let gotCf = false,
    gotOf = false;
  const dst = s.newTemp(),
    src = s.newTemp(),
    src2 = s.newTemp();
  s.decCcDst = dst;
  s.decCcSrc = src;
  s.decCcSrc2 = src2;
  s.decCcOp = CcOp.ADCOX;
  const op = s.ccOp;
  if (op === CcOp.ADCOX) {
    b.gen_mov_i32(src, g.ccSrc);
    if (needFlags) {
      b.gen_mov_i32(src2, g.ccSrc2);
      gotOf = true;
    }
    if (wantCarry || needFlags) {
      b.gen_mov_i32(dst, g.ccDst);
      gotCf = true;
    }
  } else if (op >= CcOp.LOGICB && op <= CcOp.LOGICQ) {
    s.movEflags(src);
    if (needFlags) {
      b.gen_movi_i32(src2, 0);
      gotOf = true;
    }
    if (wantCarry || needFlags) {
      b.gen_movi_i32(dst, 0);
      gotCf = true;
    }
  } else if (op >= CcOp.SARB && op <= CcOp.SARQ) {
    if (wantCarry || needFlags) {
      b.gen_andi_i32(dst, g.ccSrc, 1);
      gotCf = true;
    }
    s.movEflags(src);
  } else if (op >= CcOp.SHLB && op <= CcOp.SHLQ) {
    if (wantCarry && (!needFlags || op === CcOp.SHLL)) {
      b.gen_shri_i32(dst, g.ccSrc, (8 << ccOpSize(op)) - 1);
      gotCf = true;
    }
    s.movEflags(src);
  } else {
    s.movEflags(src);
  }
  if (needFlags) {
    if (!gotOf) {
      b.gen_extract(I32, src2, src, 11, 1);
      gotOf = true;
    }
    if (!gotCf) {
      b.gen_extract(I32, dst, src, 0, 1);
      gotCf = true;
    }
  }
  return gotCf;
}

function rotOverflow(s: I386Translator, d: I386Insn, result: Temp, old: Temp, canBeZero: boolean, count: Temp | null): void {
  const b = s.b;
  const ot = d.ot[0];
  const temp = canBeZero ? s.newTemp() : s.decCcSrc2!;
  b.gen_xor_i32(temp, old, result);
  b.gen_extract(I32, temp, temp, (8 << ot) - 1, 1);
  if (canBeZero) b.gen_movcond(I32, Cond.EQ, s.decCcSrc2!, count!, s.k(0), s.decCcSrc2!, temp);
}
function rotCarry(s: I386Translator, result: Temp, canBeZero: boolean, count: Temp, bit: number): void {
  const b = s.b;
  if (!canBeZero) b.gen_extract(I32, s.decCcDst!, result, bit, 1);
  else {
    const temp = s.newTemp();
    b.gen_extract(I32, temp, result, bit, 1);
    b.gen_movcond(I32, Cond.EQ, s.decCcDst!, count, s.k(0), s.decCcDst!, temp);
  }
}
/** gen_rot_replicate: 8/16-bit rotates as 32-bit ones on a replicated value (null for 32 bits). */
function rotReplicate(s: I386Translator, ot: number, input: Temp): Temp | null {
  const b = s.b;
  if (ot === MO_8) {
    const t = s.newTemp();
    b.gen_muli_i32(t, input, 0x01010101);
    return t;
  }
  if (ot === MO_16) {
    const t = s.newTemp();
    b.gen_deposit(I32, t, input, input, 16, 16);
    return t;
  }
  return null;
}
function rotate(op: number, left: boolean): void {
  def(op, (s, d) => {
    const { count, canBeZero } = shiftCount(s, d, d.unit[2], INT_MAX);
    if (!count) return;
    const ot = d.ot[0];
    const b = s.b;
    const old = s.newTemp();
    eflagsAdcox(s, false, canBeZero);
    b.gen_mov_i32(old, s.T0);
    const t32 = rotReplicate(s, ot, s.T0);
    const opc = left ? Opc.rotl : Opc.rotr;
    if (t32 !== null) {
      b.binary(opc, I32, t32, t32, count);
      b.gen_mov_i32(s.T0, t32);
    } else b.binary(opc, I32, s.T0, s.T0, count);
    rotCarry(s, s.T0, canBeZero, count, left ? 0 : 31);
    rotOverflow(s, d, s.T0, old, canBeZero, count);
  });
}
rotate(Op.ROL, true);
rotate(Op.ROR, false);

function rotateCarry(op: number, left: boolean): void {
  def(op, (s, d) => {
    const ot = d.ot[0];
    const { count, canBeZero } = shiftCount(s, d, d.unit[2], (8 << ot) + 1);
    if (!count) return;
    const b = s.b;
    const low = s.newTemp(),
      high = s.newTemp(),
      cnt2 = s.newTemp();
    const have1bit = eflagsAdcox(s, true, canBeZero);
    let zeroLabel = -1;
    if (canBeZero) {
      zeroLabel = b.label_new();
      b.gen_brcondi(I32, Cond.EQ, count, 0, zeroLabel);
    }
    const cin = have1bit ? s.decCcDst! : s.decCcSrc!;
    b.gen_deposit(I32, high, cin, s.T0, 1, 31);
    b.gen_subi_i32(count, count, 1);
    if (left) {
      b.binary(Opc.shl, I32, high, high, count);
      b.gen_xori_i32(cnt2, count, (8 << ot) - 1);
      b.binary(Opc.shr, I32, low, s.T0, cnt2);
      b.gen_andi_i32(s.decCcDst!, low, 1);
      b.gen_shri_i32(low, low, 1);
    } else {
      b.binary(Opc.shr, I32, low, s.T0, count);
      b.gen_andi_i32(s.decCcDst!, low, 1);
      b.gen_shri_i32(low, low, 1);
      b.gen_xori_i32(cnt2, count, (8 << ot) - 1);
      b.binary(Opc.shl, I32, high, high, cnt2);
    }
    b.gen_mov_i32(s.decCcSrc2!, s.T0);
    b.gen_or_i32(s.T0, low, high);
    rotOverflow(s, d, s.T0, s.decCcSrc2!, false, null);
    if (zeroLabel >= 0) b.gen_set_label(zeroLabel);
  });
}
rotateCarry(Op.RCL, true);
rotateCarry(Op.RCR, false);

// ---- flags

def(Op.CLC, (s) => {
  s.computeEflags();
  s.b.gen_andi_i32(s.g.ccSrc, s.g.ccSrc, ~CC_C);
});
def(Op.STC, (s) => {
  s.computeEflags();
  s.b.gen_ori_i32(s.g.ccSrc, s.g.ccSrc, CC_C);
});
def(Op.CMC, (s) => {
  s.computeEflags();
  s.b.gen_xori_i32(s.g.ccSrc, s.g.ccSrc, CC_C);
});
def(Op.CLD, (s) => s.stEnv(s.k(1), DF));
def(Op.STD, (s) => s.stEnv(s.k(-1), DF));
def(Op.LAHF, (s) => {
  s.computeEflags();
  s.b.gen_ori_i32(s.T0, s.g.ccSrc, 0x02);
  s.b.gen_deposit(I32, s.g.regs[R_EAX], s.g.regs[R_EAX], s.T0, 8, 8);
});
def(Op.SAHF, (s) => {
  const b = s.b;
  b.gen_shri_i32(s.T0, s.g.regs[R_EAX], 8);
  s.computeEflags();
  b.gen_andi_i32(s.g.ccSrc, s.g.ccSrc, CC_O);
  b.gen_andi_i32(s.T0, s.T0, 0xd5);
  b.gen_or_i32(s.g.ccSrc, s.g.ccSrc, s.T0);
});
def(Op.SALC, (s) => {
  s.computeEflagsC(s.T0);
  s.b.gen_neg_i32(s.T0, s.T0);
});
def(Op.SETcc, (s, d) => {
  const before = s.ccOp;
  s.setcc(d.b & 0xf, s.T0);
  // QEMU bug not copied: gen_compute_eflags overwrites cc_src but the insn_start keeps the old
  // cc_op, so a fault in the byte store recomputes EFLAGS from a mix (QEMU's result depends on which
  // stale globals its register allocator left in env). Linux reports the flags before SETcc: keep
  // cc_op in env and the restore out of it.
  if (d.mod !== 3 && s.ccOp !== before) {
    s.updateCcOp();
    s.markInsnCcOpDynamic();
  }
});
def(Op.CMOVcc, (s, d) => s.cmovcc(d.b & 0xf, s.T0, s.T1));
def(Op.PUSHF, (s) => {
  s.updateCcOp();
  s.call("read_eflags", s.T0, []);
  s.pushV(s.T0);
});
def(Op.POPF, (s) => {
  // CPL 3, IOPL 0: IF and IOPL are not writable
  let mask = 0x100 | 0x40000 | 0x200000 | 0x4000; // TF AC ID NT
  if (s.dflag === MO_16) mask &= 0xffff;
  const ot = s.popT0();
  s.call("write_eflags", null, [s.T0, s.k(mask)]);
  s.stackUpdate(1 << ot);
  s.setCcOp(CcOp.EFLAGS);
  s.isJmp = Dj.EobNext;
});

// ---- moves, stack, addresses

def(Op.MOV, () => {});
def(Op.NOP, () => {});
def(Op.LEA, (s, d) => {
  const ea = s.leaModrm1(d);
  const b = s.b;
  if (s.aflag === MO_32) {
    if (ea.off) b.gen_addi_i32(s.T0, ea.t, ea.off);
    else b.gen_mov_i32(s.T0, ea.t);
  } else {
    b.gen_addi_i32(s.T0, ea.t, ea.off);
    b.gen_ext16u(I32, s.T0, s.T0);
  }
});
def(Op.XLAT, (s) => {
  s.b.gen_add_i32(s.A0, s.g.regs[R_EBX], s.T0);
  const ea = s.leaVSeg({ t: s.A0, off: 0 }, s.aflag, 3 /* R_DS */, s.override);
  s.ld(MO_8, s.T0, ea);
});
def(Op.PUSH, (s) => s.pushV(s.T0));
def(Op.POP, (s, d) => {
  const ot = s.popT0();
  if (d.hasEa[0] || d.unit[0] === Unit.SEG) s.genWriteback(d, 0, s.T0);
  s.stackUpdate(1 << ot);
});
def(Op.PUSHA, (s) => {
  const dOt = s.dflag;
  const size = 1 << dOt;
  for (let i = 0; i < 8; i++) {
    const ea = s.leaSsOfs(s.g.regs[R_ESP], (i - 8) * size);
    s.st(dOt, s.g.regs[7 - i], ea);
  }
  s.stackUpdate(-8 * size);
});
def(Op.POPA, (s) => {
  const dOt = s.dflag;
  const size = 1 << dOt;
  for (let i = 0; i < 8; i++) {
    if (7 - i === R_ESP) continue;
    const ea = s.leaSsOfs(s.g.regs[R_ESP], i * size);
    s.ld(dOt, s.T0, ea);
    s.movRegV(dOt, 7 - i, s.T0);
  }
  s.stackUpdate(8 * size);
});
def(Op.ENTER, (s, d) => {
  const b = s.b;
  const g = s.g;
  // QEMU passes the sign-extended Iw (a frame of 32 KiB or more shrinks the stack the other way)
  const espAddend = d.opImm[1];
  let level = d.opImm[2];
  const dOt = s.dflag;
  const aOt = s.stackSize;
  const size = 1 << dOt;
  b.gen_subi_i32(s.T1, g.regs[R_ESP], size);
  s.st(dOt, g.regs[R_EBP], s.leaSsOfs(s.T1, 0));
  level &= 31;
  if (level !== 0) {
    for (let i = 1; i < level; i++) {
      s.ld(dOt, s.tmp0, s.leaSsOfs(g.regs[R_EBP], -size * i));
      s.st(dOt, s.tmp0, s.leaSsOfs(s.T1, -size * i));
    }
    s.st(dOt, s.T1, s.leaSsOfs(s.T1, -size * level));
  }
  s.movRegV(dOt, R_EBP, s.T1);
  b.gen_subi_i32(s.T1, s.T1, espAddend + size * level);
  s.movRegV(aOt, R_ESP, s.T1);
});
def(Op.LEAVE, (s) => {
  const g = s.g;
  const dOt = s.dflag;
  const aOt = s.stackSize;
  s.ld(dOt, s.T0, s.leaSsOfs(g.regs[R_EBP], 0));
  s.b.gen_addi_i32(s.T1, g.regs[R_EBP], 1 << dOt);
  s.movRegV(dOt, R_EBP, s.T0);
  s.movRegV(aOt, R_ESP, s.T1);
});
def(Op.BOUND, (s, d) => {
  s.call(d.ot[1] === MO_16 ? "boundw" : "boundl", null, [s.eaValue(s.ea), s.T0]);
});

/** gen_lxx_seg: the offset is already in T0; the selector follows it. */
function lxxSeg(seg: number): Emit {
  return (s, d) => {
    const ot = d.ot[0];
    const ea = s.eaPlus(s.ea, 1 << ot);
    s.ld(MO_16, s.T1, ea);
    s.movlSeg(seg, s.T1, false);
  };
}
def(Op.LES, lxxSeg(0));
def(Op.LDS, lxxSeg(3));
def(Op.LSS, lxxSeg(2));
def(Op.LFS, lxxSeg(4));
def(Op.LGS, lxxSeg(5));

// ---- control transfer

def(Op.JMP, (s, d) => {
  s.updateCcOp();
  s.jmpRel(s.dflag, d.immediate, 0);
});
def(Op.JMP_m, (s) => {
  s.jmpV(s.T0);
  s.isJmp = Dj.Jump;
});
def(Op.CALL, (s, d) => {
  s.pushV(s.eipNext());
  s.updateCcOp();
  s.jmpRel(s.dflag, d.immediate, 0);
});
def(Op.CALL_m, (s) => {
  s.pushV(s.eipNext());
  s.jmpV(s.T0);
  s.isJmp = Dj.Jump;
});
def(Op.RET, (s, d) => {
  const adjust = d.type[1] === T.I ? (d.immediate << 16) >> 16 : 0;
  const ot = s.popT0();
  s.stackUpdate(adjust + (1 << ot));
  s.jmpV(s.T0);
  s.isJmp = Dj.Jump;
});
def(Op.Jcc, (s, d) => {
  const taken = s.b.label_new();
  s.jcc(d.b & 0xf, taken);
  s.conditionalJumpLabels(d.immediate, null, taken);
});
def(Op.JCXZ, (s, d) => {
  const taken = s.b.label_new();
  s.updateCcOp();
  jEcx(s, Cond.EQ, taken);
  s.conditionalJumpLabels(d.immediate, null, taken);
});
function jEcx(s: I386Translator, cond: Cond, label: number): void {
  const ecx = s.g.regs[R_ECX];
  if (s.aflag === MO_16) {
    const t = s.newTemp();
    s.b.gen_ext16u(I32, t, ecx);
    s.b.gen_brcondi(I32, cond, t, 0, label);
  } else s.b.gen_brcondi(I32, cond, ecx, 0, label);
}
def(Op.LOOP, (s, d) => {
  const taken = s.b.label_new();
  s.updateCcOp();
  s.addRegIm(s.aflag, R_ECX, -1);
  jEcx(s, Cond.NE, taken);
  s.conditionalJumpLabels(d.immediate, null, taken);
});
function loopz(op: number, nz: number): void {
  def(op, (s, d) => {
    const taken = s.b.label_new(),
      notTaken = s.b.label_new();
    s.updateCcOp();
    s.addRegIm(s.aflag, R_ECX, -1);
    jEcx(s, Cond.EQ, notTaken);
    s.jcc((JCC_Z << 1) | nz, taken);
    s.conditionalJumpLabels(d.immediate, notTaken, taken);
  });
}
loopz(Op.LOOPE, 0);
loopz(Op.LOOPNE, 1);

// far transfers: protected-mode helpers (the selector checks decide; user code rarely has others)
function farCall(s: I386Translator): void {
  s.updateCcOp();
  s.updateEipCur();
  s.call("lcall_protected", null, [s.T1, s.T0, s.k(s.dflag - 1), s.eipNext()]);
  s.isJmp = Dj.Jump;
}
function farJmp(s: I386Translator): void {
  s.updateCcOp();
  s.updateEipCur();
  s.call("ljmp_protected", null, [s.T1, s.T0, s.eipNext()]);
  s.isJmp = Dj.Jump;
}
def(Op.CALLF, farCall);
def(Op.JMPF, farJmp);
def(Op.CALLF_m, (s, d) => {
  const ot = d.ot[1];
  s.ld(ot, s.T0, s.ea);
  s.ld(MO_16, s.T1, s.eaPlus(s.ea, 1 << ot));
  farCall(s);
});
def(Op.JMPF_m, (s, d) => {
  const ot = d.ot[1];
  s.ld(ot, s.T0, s.ea);
  s.ld(MO_16, s.T1, s.eaPlus(s.ea, 1 << ot));
  farJmp(s);
});
def(Op.RETF, (s, d) => {
  const adjust = d.type[1] === T.I ? (d.immediate << 16) >> 16 : 0;
  s.updateCcOp();
  s.updateEipCur();
  s.call("lret_protected", null, [s.k(s.dflag - 1), s.k(adjust)]);
  s.isJmp = Dj.EobOnly;
});
def(Op.IRET, (s) => {
  s.updateCcOp();
  s.updateEipCur();
  s.call("iret_protected", null, [s.k(s.dflag - 1), s.eipNext()]);
  s.assumeCcOp(CcOp.EFLAGS);
  s.isJmp = Dj.EobOnly;
});

// ---- traps, system and misc

def(Op.INT, (s, d) => s.genInterrupt(d.immediate & 0xff));
def(Op.INT3, (s) => s.genInterrupt(I386Excp.INT3));
def(Op.INT1, (s) => {
  s.updateCcOp();
  s.updateEipNext();
  s.call("icebp", null, []);
  s.isJmp = Dj.NoReturn;
});
def(Op.INTO, (s) => {
  s.updateCcOp();
  s.updateEipCur();
  s.call("into", null, [s.k(s.curInsnLen)]);
});
def(Op.UD, (s) => s.illegal());
def(Op.HLT, (s) => s.gpf());
def(Op.CLI, (s) => s.gpf());
def(Op.STI, (s) => s.gpf());
def(Op.IN, (s) => s.gpf());
def(Op.OUT, (s) => s.gpf());
def(Op.INS, (s) => s.gpf());
def(Op.OUTS, (s) => s.gpf());
def(Op.RDPMC, (s) => {
  // CR4.PCE is clear: #GP at CPL 3
  s.updateCcOp();
  s.updateEipCur();
  s.call("raise_exception", null, [s.k(I386Excp.GPF)]);
  s.isJmp = Dj.NoReturn;
});
def(Op.SYSENTER, (s) => {
  // no SYSENTER_CS MSR in user mode: #GP
  s.call("raise_exception", null, [s.k(I386Excp.GPF)]);
  s.isJmp = Dj.EobOnly;
});
def(Op.RDPKRU, (s) => s.call("raise_exception", null, [s.k(I386Excp.ILLOP)]));
def(Op.WRPKRU, (s) => s.call("raise_exception", null, [s.k(I386Excp.ILLOP)]));
def(Op.PAUSE, (s) => {
  s.updateCcOp();
  s.updateEipNext();
  s.call("pause", null, []);
  s.isJmp = Dj.NoReturn;
});
def(Op.WAIT, (s) => {
  s.ioStart();
  s.call("fwait", null, []);
});
def(Op.CPUID, (s) => {
  s.updateCcOp();
  s.updateEipCur();
  s.call("cpuid", null, []);
});
def(Op.RDTSC, (s) => {
  s.updateCcOp();
  s.updateEipCur();
  s.ioStart();
  s.call("rdtsc", null, []);
});
def(Op.LFENCE, (s) => s.b.gen_mb(0));
def(Op.MFENCE, (s) => s.b.gen_mb(0));
def(Op.SFENCE, (s) => s.b.gen_mb(0));
def(Op.ARPL, (s) => {
  // #UD in protected mode outside vm86? No: ARPL is valid in 32-bit protected mode.
  const b = s.b;
  const zf = s.newTemp(),
    flags = s.newTemp();
  s.movEflags(flags);
  b.gen_deposit(I32, s.T1, s.T0, s.T1, 0, 2);
  b.gen_setcond(I32, Cond.LTU, zf, s.T0, s.T1);
  b.gen_deposit(I32, flags, flags, zf, 6, 1);
  b.gen_movcond(I32, Cond.GTU, s.T0, s.T0, s.T1, s.T0, s.T1);
  s.decCcSrc = flags;
  s.decCcOp = CcOp.EFLAGS;
});
function larLsl(op: number, helper: string): void {
  def(op, (s, d) => {
    const ot = d.ot[0];
    const result = s.newTemp();
    s.computeEflags();
    s.updateCcOp();
    s.call(helper, result, [s.T0]);
    d.unit[0] = Unit.SKIP;
    const dest = s.depositRegV(ot, d.n[0], result, result);
    s.b.gen_movcond(I32, Cond.TSTNE, dest, s.g.ccSrc, s.k(CC_Z), result, dest);
  });
}
larLsl(Op.LAR, "lar");
larLsl(Op.LSL, "lsl");

/** gen_ld_modrm / gen_st_modrm for the multi0F group (which computes its own address). */
function ldModrm(s: I386Translator, d: I386Insn, ot: number): void {
  if (d.mod === 3) s.movVReg(ot, s.T0, d.rm);
  else {
    s.genLeaModrm(d);
    s.ld(ot, s.T0, s.ea);
  }
}
function stModrm(s: I386Translator, d: I386Insn, ot: number): void {
  if (d.mod === 3) s.movRegV(ot, d.rm, s.T0);
  else {
    s.genLeaModrm(d);
    s.st(ot, s.T0, s.ea);
  }
}
def(Op.SLDT, (s, d) => {
  s.ldEnv(s.T0, LDT);
  stModrm(s, d, d.mod === 3 ? s.dflag : MO_16);
});
def(Op.STR, (s, d) => {
  s.ldEnv(s.T0, TR);
  stModrm(s, d, d.mod === 3 ? s.dflag : MO_16);
});
def(Op.SMSW, (s, d) => {
  s.b.gen_movi_i32(s.T0, 0x80010001 | 0); // CR0 = PG | WP | PE in user mode
  stModrm(s, d, d.mod !== 3 ? MO_16 : s.dflag);
});
function sxdt(op: number, base: number, limit: number): void {
  def(op, (s, d) => {
    s.genLeaModrm(d);
    s.ldEnv(s.T0, limit);
    s.st(MO_16, s.T0, s.ea);
    const ea = s.eaPlus(s.ea, 2);
    s.ldEnv(s.T0, base);
    s.st(MO_32, s.T0, ea);
  });
}
sxdt(Op.SGDT, GDT_BASE, GDT_LIMIT);
sxdt(Op.SIDT, IDT_BASE, IDT_LIMIT);
function verrw(op: number, helper: string): void {
  def(op, (s, d) => {
    ldModrm(s, d, MO_16);
    s.updateCcOp();
    s.call(helper, null, [s.T0]);
    s.assumeCcOp(CcOp.EFLAGS);
  });
}
verrw(Op.VERR, "verr");
verrw(Op.VERW, "verw");

// string instructions
def(Op.MOVS, (s, d) => s.genString(d.ot[2], s.genMovs, false));
def(Op.STOS, (s, d) => s.genString(d.ot[1], s.genStos, false));
def(Op.LODS, (s, d) => s.genString(d.ot[1], s.genLods, false));
def(Op.SCAS, (s, d) => s.genString(d.ot[2], s.genScas, true));
def(Op.CMPS, (s, d) => s.genString(d.ot[2], s.genCmps, true));

// FXSAVE/FXRSTOR, LDMXCSR/STMXCSR, EMMS: the FPU state block helpers
def(Op.FXSAVE, (s) => s.call("fxsave", null, [s.eaValue(s.ea)]));
def(Op.FXRSTOR, (s) => s.call("fxrstor", null, [s.eaValue(s.ea)]));
def(Op.LDMXCSR, (s) => s.call("ldmxcsr", null, [s.T0]));
def(Op.STMXCSR, (s) => s.call("stmxcsr", s.T0, []));
def(Op.EMMS, (s) => s.call("emms", null, []));
