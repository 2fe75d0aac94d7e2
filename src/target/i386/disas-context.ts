// The i386 translator's DisasContext: the per-TB state and the helpers QEMU 10's
// target/i386/tcg/translate.c gives its emitters (registers, memory operands and segments, lazy
// condition codes, jumps and the end of a TB, exceptions, the stack, string instructions). The
// emitters (emit-int.ts, emit-x87.ts, emit-sse.ts) work on it as QEMU's gen_* functions work on
// their DisasContext; translate.ts is the TranslatorOps on top.
//
// Conventions (as QEMU's): T0/T1 hold operands 1/2 as loaded and the result; A0 the memory address.
// A memory operand is an address temp plus a constant offset (tciemu's fused qemu_ld/st form), so
// [ebx+8] costs no add; 32-bit addresses wrap at 2^32 in the *_a32 bytecodes.
import type { TcgBuilder } from "../../tcg/builder.ts";
import type { Op, Temp } from "../../tcg/context.ts";
import { Cond, MO_ALIGN, MO_SIGN, Opc, Type, invertCond } from "../../tcg/opcodes.ts";
import { DisasJump, type DisasContext } from "../../exec/translator.ts";
import type { I386CpuModel } from "./cpu-model.ts";
import {
  CC_C,
  CC_O,
  CC_S,
  CC_Z,
  CcOp,
  CC_OP_POPCNT,
  CS_BASE,
  DF,
  EFLAGS,
  HFLAGS,
  HF_ADDSEG_MASK,
  HF_INHIBIT_IRQ_MASK,
  HF_RF_MASK,
  HF_SS32_MASK,
  HF_TF_MASK,
  I386Excp,
  RF_MASK,
  TB_FLAGS,
  ccOpHasEflags,
  ccOpSize,
  segSel,
} from "./cpu-state.ts";
import { I386Decoder } from "./decode.ts";
import {
  Fault,
  I386Insn,
  MO_16,
  MO_32,
  MO_8,
  PREFIX_LOCK,
  PREFIX_REPNZ,
  PREFIX_REPZ,
  R_DS,
  R_ECX,
  R_EDI,
  R_ES,
  R_ESI,
  R_SS,
  Special,
  Unit,
} from "./insn.ts";

const I32 = Type.I32;

/** The TCG globals of the i386 CPU state (created by I386Cpu.initGlobals). */
export interface I386Globals {
  eip: Temp;
  regs: Temp[];
  ccDst: Temp;
  ccSrc: Temp;
  ccSrc2: Temp;
  ccOp: Temp;
  segBase: Temp[];
  /** A global bound to the engine's always-zero slot: the base of absolute addresses. */
  zero: Temp;
}

/** Why translation of a TB stops (QEMU's DisasJumpType values for i386). */
export const enum Dj {
  Next = DisasJump.Next,
  TooMany = DisasJump.TooMany,
  NoReturn = DisasJump.NoReturn,
  /** Point EIP to the next instruction and end the TB (hflags may have changed). */
  EobNext = 3, // DisasJump.Target (explicit values: esbuild does not auto-increment after an imported member)
  /** As EobNext, and set HF_INHIBIT_IRQ (mov/pop to SS). */
  EobInhibitIrq = 4,
  /** Return to the main loop; EIP is already updated; no lookup_and_goto_ptr. */
  EobOnly = 5,
  /** EIP already updated: lookup_and_goto_ptr. */
  Jump = 6,
}

/** A memory operand: the address is (t + off) mod 2^32. */
export interface Ea {
  t: Temp;
  off: number;
}

/** gen_prepare_cc's answer: how to test a condition. */
export interface CCPrepare {
  cond: Cond;
  reg: Temp;
  reg2: Temp;
  imm: number;
  useReg2: boolean;
  noSetcond: boolean;
}

/** QEMU's USES_CC_* bits and cc_op_live. */
const USES_CC_DST = 1,
  USES_CC_SRC = 2,
  USES_CC_SRC2 = 4,
  USES_CC_SRCT = 8;
export function ccOpLive(op: number): number {
  if (op === CcOp.DYNAMIC) return USES_CC_DST | USES_CC_SRC | USES_CC_SRC2;
  if (op === CcOp.EFLAGS) return USES_CC_SRC;
  if (op === CcOp.ADCX) return USES_CC_DST | USES_CC_SRC;
  if (op === CcOp.ADOX) return USES_CC_SRC | USES_CC_SRC2;
  if (op === CcOp.ADCOX) return USES_CC_DST | USES_CC_SRC | USES_CC_SRC2;
  if (op >= CcOp.POPCNTB_ && op <= CcOp.POPCNTQ_) return USES_CC_DST;
  switch ((op - CcOp.MULB) >> 2) {
    case 2: // ADC
    case 4: // SBB
      return USES_CC_DST | USES_CC_SRC | USES_CC_SRC2;
    case 3: // SUB
      return USES_CC_DST | USES_CC_SRC | USES_CC_SRCT;
    case 5: // LOGIC
      return USES_CC_DST;
    default: // MUL ADD INC DEC SHL SAR BMILG BLSI
      return USES_CC_DST | USES_CC_SRC;
  }
}
export { USES_CC_DST, USES_CC_SRC, USES_CC_SRC2, USES_CC_SRCT };

/** JCC_* condition numbers (the low 3 bits of b >> 1). */
export const JCC_O = 0,
  JCC_B = 1,
  JCC_Z = 2,
  JCC_BE = 3,
  JCC_S = 4,
  JCC_P = 5,
  JCC_L = 6,
  JCC_LE = 7;

const REP_MAX = 65535;

/** Helper ids the translator calls, by name (registered by I386Cpu). */
export type I386HelperIds = Record<string, number>;

export class I386DisasContext {
  b!: TcgBuilder;
  db!: DisasContext;
  readonly insn = new I386Insn();
  readonly decoder: I386Decoder;

  // ---- DisasContext
  /** EIP of the instruction being translated and of the next one (s->base.pc_next and s->pc). */
  pcCur = 0;
  pc = 0;
  csBase = 0;
  /** TB flags (hflags and the eflags bits cpu_get_tb_cpu_state adds). */
  flags = 0;
  ccOp: number = CcOp.DYNAMIC;
  ccOpDirty = false;
  jmpOpt = true;
  isJmp: number = Dj.Next;
  prefix = 0;
  dflag = MO_32;
  aflag = MO_32;
  override = -1;
  /** The insn_start op of the instruction being translated (its cc_op word may be patched). */
  protected insnStartOp: Op | null = null;

  // per-TB temps
  T0 = 0;
  T1 = 0;
  A0 = 0;
  tmp0 = 0;
  tmp4 = 0;
  ccSrcT = 0;

  /** The memory operand of the instruction (after gen_lea_modrm). */
  ea: Ea = { t: 0, off: 0 };

  // ---- what the gen_* function left for the flags writeback (X86DecodedInsn's cc_* fields)
  decCcOp = -1;
  decCcDst: Temp | null = null;
  decCcSrc: Temp | null = null;
  decCcSrc2: Temp | null = null;
  decCcOpDynamic: Temp | null = null;

  constructor(
    readonly g: I386Globals,
    readonly H: I386HelperIds,
    readonly model: I386CpuModel,
  ) {
    this.decoder = new I386Decoder(model);
  }

  /** gen_writeback */
  genWriteback(insn: I386Insn, opn: number, v: Temp): void {
    switch (insn.unit[opn] as Unit) {
      case Unit.SKIP:
      case Unit.MMX:
      case Unit.SSE:
        break;
      case Unit.SEG:
        this.movlSeg(insn.n[opn], v, insn.n[opn] === R_SS);
        break;
      case Unit.INT:
        if (insn.hasEa[opn]) this.st(insn.ot[opn], v, this.ea);
        else this.movRegV(insn.ot[opn], insn.n[opn], v);
        break;
      default:
        throw new Error(`i386 translator: writeback to unit ${insn.unit[opn]}`);
    }
    insn.unit[opn] = Unit.SKIP;
  }

  // ---- helpers and env access

  call(name: string, out: Temp | null, ins: Temp[]): void {
    const id = this.H[name];
    if (id === undefined) throw new Error(`i386 translator: no helper ${name}`);
    this.b.gen_call(id, out, ins);
  }
  ldEnv(d: Temp, slot: number): void {
    this.b.gen_ld(Opc.ld, I32, d, slot * 4);
  }
  stEnv(v: Temp, slot: number): void {
    this.b.gen_st(Opc.st, I32, v, slot * 4);
  }
  k(v: number): Temp {
    return this.b.const_i32(v);
  }
  newTemp(): Temp {
    return this.b.temp_new_i32();
  }

  // ---- cc_op tracking (set_cc_op, assume_cc_op, gen_update_cc_op)

  private setCcOp1(op: number, dirty: boolean): void {
    if (this.ccOp === op) return;
    const dead = ccOpLive(this.ccOp) & ~ccOpLive(op);
    const b = this.b;
    if (dead & USES_CC_DST) b.ctx.emit(Opc.discard, I32, [this.g.ccDst]);
    if (dead & USES_CC_SRC) b.ctx.emit(Opc.discard, I32, [this.g.ccSrc]);
    if (dead & USES_CC_SRC2) b.ctx.emit(Opc.discard, I32, [this.g.ccSrc2]);
    if (dead & USES_CC_SRCT) b.ctx.emit(Opc.discard, I32, [this.ccSrcT]);
    if (dirty && this.ccOp === CcOp.DYNAMIC) b.ctx.emit(Opc.discard, I32, [this.g.ccOp]);
    this.ccOpDirty = dirty;
    this.ccOp = op;
  }
  setCcOp(op: number): void {
    this.setCcOp1(op, op !== CcOp.DYNAMIC);
  }
  assumeCcOp(op: number): void {
    this.setCcOp1(op, false);
  }
  updateCcOp(): void {
    if (this.ccOpDirty) {
      this.b.gen_movi_i32(this.g.ccOp, this.ccOp);
      this.ccOpDirty = false;
    }
  }
  /**
   * translator_io_start: the instruction is the last of its TB (QEMU treats FWAIT, FNOP and RDTSC
   * as I/O). Later instructions then start a TB with CC_OP_DYNAMIC, which the lazy flags (the
   * undefined ones included) follow.
   */
  ioStart(): void {
    if (this.isJmp === Dj.Next) this.isJmp = Dj.TooMany;
  }
  /** tcg_set_insn_start_param(insn_start, 1, CC_OP_DYNAMIC): a fault anywhere in it leaves cc_op alone. */
  markInsnCcOpDynamic(): void {
    if (this.insnStartOp) this.insnStartOp.args[2] = CcOp.DYNAMIC;
  }

  // ---- registers (gen_op_mov_reg_v, gen_op_mov_v_reg, gen_op_add_reg)

  /** gen_op_deposit_reg_v: the register written is returned; `dest` receives the result if given. */
  depositRegV(ot: number, reg: number, dest: Temp | null, t0: Temp): Temp {
    const b = this.b;
    const regs = this.g.regs;
    if (ot === MO_8) {
      if (reg >= 4) {
        b.gen_deposit(I32, dest ?? regs[reg - 4], regs[reg - 4], t0, 8, 8);
        return regs[reg - 4];
      }
      b.gen_deposit(I32, dest ?? regs[reg], regs[reg], t0, 0, 8);
    } else if (ot === MO_16) {
      b.gen_deposit(I32, dest ?? regs[reg], regs[reg], t0, 0, 16);
    } else {
      b.gen_mov_i32(dest ?? regs[reg], t0);
    }
    return regs[reg];
  }
  movRegV(ot: number, reg: number, t0: Temp): void {
    this.depositRegV(ot, reg, null, t0);
  }
  movVReg(ot: number, t0: Temp, reg: number): void {
    if (ot === MO_8 && reg >= 4) this.b.gen_shri_i32(t0, this.g.regs[reg - 4], 8);
    else this.b.gen_mov_i32(t0, this.g.regs[reg]);
  }
  addReg(size: number, reg: number, val: Temp): void {
    const b = this.b;
    if (size === MO_16) {
      const t = this.newTemp();
      b.gen_add_i32(t, this.g.regs[reg], val);
      this.movRegV(MO_16, reg, t);
    } else b.gen_add_i32(this.g.regs[reg], this.g.regs[reg], val);
  }
  addRegIm(size: number, reg: number, v: number): void {
    this.addReg(size, reg, this.k(v));
  }
  /** tcg_gen_ext_tl(d, s, size [| MO_SIGN]) for a 32-bit target. */
  extTl(d: Temp, s: Temp, size: number, sign: boolean): void {
    const b = this.b;
    if (size >= MO_32) b.gen_mov_i32(d, s);
    else if (sign) b.gen_sextract(I32, d, s, 0, 8 << size);
    else b.gen_extract(I32, d, s, 0, 8 << size);
  }

  // ---- guest memory (gen_op_ld_v / gen_op_st_v)

  ld(memop: number, v: Temp, ea: Ea): void {
    this.b.gen_qemu_ld(I32, v, ea.t, ea.off, memop, 0);
  }
  st(memop: number, v: Temp, ea: Ea): void {
    this.b.gen_qemu_st(I32, v, ea.t, ea.off, memop, 0);
  }
  /** The load of a locked read-modify-write: its faults are writes (QEMU probes for write access). */
  /**
   * The load of a LOCKed read-modify-write. QEMU's linux-user translates these without CF_PARALLEL
   * (one guest thread) as do_nonatomic_op: a plain load then a store, so an unreadable page faults
   * as a read (error code 4/5) and a read-only one as a write, exactly like the unlocked forms.
   */
  ldRmw(memop: number, v: Temp, ea: Ea): void {
    this.b.gen_qemu_ld(I32, v, ea.t, ea.off, memop, 0);
  }
  ld64(v: Temp, ea: Ea, align = false): void {
    this.b.gen_qemu_ld(Type.I64, v, ea.t, ea.off, 3 | (align ? MO_ALIGN : 0), 0);
  }
  st64(v: Temp, ea: Ea, align = false): void {
    this.b.gen_qemu_st(Type.I64, v, ea.t, ea.off, 3 | (align ? MO_ALIGN : 0), 0);
  }
  /** The address of ea as one value in A0 (helpers that take an address). */
  eaValue(ea: Ea): Temp {
    if (ea.off === 0) return ea.t;
    const t = this.newTemp(); // not A0: ea.t often is A0, and the operand is used again
    this.b.gen_addi_i32(t, ea.t, ea.off);
    return t;
  }
  /** gen_add_A0_im: the next field of a memory operand (linear addresses wrap at 2^32, as ext32u). */
  eaPlus(ea: Ea, n: number): Ea {
    return { t: ea.t, off: (ea.off + n) | 0 };
  }

  // ---- addresses (gen_lea_modrm_1, gen_lea_v_seg_dest)

  private get addseg(): boolean {
    return (this.flags & HF_ADDSEG_MASK) !== 0;
  }
  private get ss32(): boolean {
    return (this.flags & HF_SS32_MASK) !== 0;
  }
  /** mo_stacksize */
  get stackSize(): number {
    return this.ss32 ? MO_32 : MO_16;
  }

  /** gen_lea_modrm_1: base + index << scale into A0 (or a register), and the displacement. */
  leaModrm1(insn: I386Insn): Ea {
    const b = this.b;
    const regs = this.g.regs;
    let ea: Temp = -1;
    if (insn.memIndex >= 0) {
      if (insn.memScale === 0) ea = regs[insn.memIndex];
      else {
        b.gen_shli_i32(this.A0, regs[insn.memIndex], insn.memScale);
        ea = this.A0;
      }
      if (insn.memBase >= 0) {
        b.gen_add_i32(this.A0, ea, regs[insn.memBase]);
        ea = this.A0;
      }
    } else if (insn.memBase >= 0) ea = regs[insn.memBase];
    if (ea < 0) return { t: this.g.zero, off: insn.memDisp | 0 };
    if (ea !== this.A0) {
      // a copy, as QEMU's A0: the register may change before the last use of the address
      b.gen_mov_i32(this.A0, ea);
    }
    return { t: this.A0, off: insn.memDisp | 0 };
  }

  /** gen_lea_v_seg_dest into A0: applies the address size and the segment base. */
  leaVSeg(ea: Ea, aflag: number, defSeg: number, ovrSeg: number): Ea {
    const b = this.b;
    if (aflag === MO_32) {
      if (ovrSeg < 0 && this.addseg) ovrSeg = defSeg;
      if (ovrSeg < 0) return ea;
      // an absolute address (%gs:0x14, glibc's TLS and stack guard): the base is the address temp
      if (ea.t === this.g.zero) return { t: this.g.segBase[ovrSeg], off: ea.off };
      b.gen_add_i32(this.A0, ea.t, this.g.segBase[ovrSeg]);
      return { t: this.A0, off: ea.off };
    }
    // 16-bit addresses: wrap at 64 KiB before the segment base is added
    if (ea.off !== 0) b.gen_addi_i32(this.A0, ea.t, ea.off);
    else b.gen_mov_i32(this.A0, ea.t);
    b.gen_ext16u(I32, this.A0, this.A0);
    if (ovrSeg < 0) {
      if (this.addseg) ovrSeg = defSeg;
      else return { t: this.A0, off: 0 };
    }
    b.gen_add_i32(this.A0, this.A0, this.g.segBase[ovrSeg]);
    return { t: this.A0, off: 0 };
  }

  /** gen_lea_modrm: the memory operand's linear address (with BitTest's register offset). */
  genLeaModrm(insn: I386Insn): void {
    let ea = this.leaModrm1(insn);
    if (insn.special === Special.BitTest) {
      const b = this.b;
      const ot = insn.ot[1];
      const ofs = this.newTemp();
      b.gen_sextract(I32, ofs, this.g.regs[insn.n[2]], 3, (8 << ot) - 3);
      b.gen_andi_i32(ofs, ofs, -1 << ot);
      b.gen_add_i32(this.A0, ea.t, ofs);
      ea = { t: this.A0, off: ea.off };
    }
    this.ea = this.leaVSeg(ea, this.aflag, insn.memDefSeg, this.override);
  }

  /** gen_lea_ss_ofs: SS:(src + offset) at the stack address size. */
  leaSsOfs(src: Temp, offset: number): Ea {
    return this.leaVSeg({ t: src, off: offset | 0 }, this.stackSize, R_SS, -1);
  }
  stringEaEsi(): Ea {
    return this.leaVSeg({ t: this.g.regs[R_ESI], off: 0 }, this.aflag, R_DS, this.override);
  }
  stringEaEdi(): Ea {
    return this.leaVSeg({ t: this.g.regs[R_EDI], off: 0 }, this.aflag, R_ES, -1);
  }

  // ---- eip

  updateEipNext(): void {
    this.b.gen_movi_i32(this.g.eip, (this.pc - this.csBase) | 0);
  }
  updateEipCur(): void {
    this.b.gen_movi_i32(this.g.eip, (this.pcCur - this.csBase) | 0);
  }
  /** EIP of the next instruction as a constant. */
  eipNext(): Temp {
    return this.k((this.pc - this.csBase) | 0);
  }
  eipCur(): Temp {
    return this.k((this.pcCur - this.csBase) | 0);
  }
  get curInsnLen(): number {
    return (this.pc - this.pcCur) >>> 0;
  }
  jmpV(dest: Temp): void {
    this.b.gen_mov_i32(this.g.eip, dest);
  }

  // ---- exceptions

  /** gen_exception */
  genException(trapno: number): void {
    this.updateCcOp();
    this.updateEipCur();
    this.call("raise_exception", null, [this.k(trapno)]);
    this.isJmp = Dj.NoReturn;
  }
  illegal(): void {
    this.genException(I386Excp.ILLOP);
  }
  gpf(): void {
    this.genException(I386Excp.GPF);
  }
  /** gen_interrupt: int N / int3 (the IDT gate's DPL decides; EIP moves past the instruction). */
  genInterrupt(intno: number): void {
    this.updateCcOp();
    this.updateEipCur();
    this.call("raise_interrupt", null, [this.k(intno), this.k(this.curInsnLen)]);
    this.isJmp = Dj.NoReturn;
  }

  // ---- condition codes (gen_mov_eflags, gen_compute_eflags, gen_prepare_*)

  /** gen_mov_eflags: all arithmetic flags into reg. */
  movEflags(reg: Temp): void {
    const b = this.b;
    if (this.ccOp === CcOp.EFLAGS) {
      b.gen_mov_i32(reg, this.g.ccSrc);
      return;
    }
    let dst = this.g.ccDst,
      src1 = this.g.ccSrc,
      src2 = this.g.ccSrc2;
    const live = ccOpLive(this.ccOp) & ~USES_CC_SRCT;
    const dead = live ^ (USES_CC_DST | USES_CC_SRC | USES_CC_SRC2);
    if (dead) {
      const zero = this.k(0);
      if (dead & USES_CC_DST) dst = zero;
      if (dead & USES_CC_SRC) src1 = zero;
      if (dead & USES_CC_SRC2) src2 = zero;
    }
    const op = this.ccOp !== CcOp.DYNAMIC ? this.k(this.ccOp) : this.g.ccOp;
    this.call("cc_compute_all", reg, [dst, src1, src2, op]);
  }
  /** gen_compute_eflags */
  computeEflags(): void {
    this.movEflags(this.g.ccSrc);
    this.setCcOp(CcOp.EFLAGS);
  }

  private cc(cond: Cond, reg: Temp, imm = 0): CCPrepare {
    return { cond, reg, reg2: -1, imm, useReg2: false, noSetcond: false };
  }
  private cc2(cond: Cond, reg: Temp, reg2: Temp): CCPrepare {
    return { cond, reg, reg2, imm: 0, useReg2: true, noSetcond: false };
  }
  private ccNoSet(cond: Cond, reg: Temp): CCPrepare {
    return { cond, reg, reg2: -1, imm: 0, useReg2: false, noSetcond: true };
  }
  private prepareSignNz(src: Temp, size: number): CCPrepare {
    return size === MO_32 ? this.cc(Cond.LT, src) : this.cc(Cond.TSTNE, src, 1 << ((8 << size) - 1));
  }
  private prepareValNz(src: Temp, size: number, eqz: boolean): CCPrepare {
    if (size === MO_32) return this.cc(eqz ? Cond.EQ : Cond.NE, src);
    return this.cc(eqz ? Cond.TSTEQ : Cond.TSTNE, src, (1 << (8 << size)) - 1);
  }

  /** gen_prepare_eflags_c */
  prepareEflagsC(reg: Temp | null): CCPrepare {
    const b = this.b;
    const op = this.ccOp;
    if (op >= CcOp.SUBB && op <= CcOp.SUBQ) {
      const size = ccOpSize(op);
      this.extTl(this.ccSrcT, this.ccSrcT, size, false);
      this.extTl(this.g.ccSrc, this.g.ccSrc, size, false);
      return this.cc2(Cond.LTU, this.ccSrcT, this.g.ccSrc);
    }
    if (op >= CcOp.ADDB && op <= CcOp.ADDQ) {
      const size = ccOpSize(op);
      this.extTl(this.g.ccDst, this.g.ccDst, size, false);
      this.extTl(this.g.ccSrc, this.g.ccSrc, size, false);
      return this.cc2(Cond.LTU, this.g.ccDst, this.g.ccSrc);
    }
    if ((op >= CcOp.LOGICB && op <= CcOp.LOGICQ) || op === CC_OP_POPCNT) return this.cc(Cond.NEVER, this.g.ccDst);
    if (op >= CcOp.INCB && op <= CcOp.DECQ) return this.ccNoSet(Cond.NE, this.g.ccSrc);
    if (op >= CcOp.SHLB && op <= CcOp.SHLQ) return this.prepareSignNz(this.g.ccSrc, ccOpSize(op));
    if (op >= CcOp.MULB && op <= CcOp.MULQ) return this.cc(Cond.NE, this.g.ccSrc);
    if (op >= CcOp.BMILGB && op <= CcOp.BMILGQ) return this.prepareValNz(this.g.ccSrc, ccOpSize(op), true);
    if (op >= CcOp.BLSIB && op <= CcOp.BLSIQ) return this.prepareValNz(this.g.ccSrc, ccOpSize(op), false);
    if (op === CcOp.ADCX || op === CcOp.ADCOX) return this.ccNoSet(Cond.NE, this.g.ccDst);
    if (op === CcOp.EFLAGS || (op >= CcOp.SARB && op <= CcOp.SARQ)) return this.cc(Cond.TSTNE, this.g.ccSrc, CC_C);
    // CC_OP_DYNAMIC and the rest: the helper computes C alone
    this.updateCcOp();
    const r = reg ?? this.newTemp();
    this.call("cc_compute_c", r, [this.g.ccDst, this.g.ccSrc, this.g.ccSrc2, this.g.ccOp]);
    void b;
    return this.ccNoSet(Cond.NE, r);
  }

  /** gen_prepare_eflags_p */
  prepareEflagsP(): CCPrepare {
    this.computeEflags();
    return this.cc(Cond.TSTNE, this.g.ccSrc, 4);
  }

  /** gen_prepare_eflags_s */
  prepareEflagsS(): CCPrepare {
    const op = this.ccOp;
    if (op === CcOp.DYNAMIC) this.computeEflags();
    if (this.ccOp === CcOp.EFLAGS || this.ccOp === CcOp.ADCX || this.ccOp === CcOp.ADOX || this.ccOp === CcOp.ADCOX)
      return this.cc(Cond.TSTNE, this.g.ccSrc, CC_S);
    if (this.ccOp === CC_OP_POPCNT) return this.cc(Cond.NEVER, this.g.ccDst);
    return this.prepareSignNz(this.g.ccDst, ccOpSize(this.ccOp));
  }

  /** gen_prepare_eflags_o */
  prepareEflagsO(): CCPrepare {
    const op = this.ccOp;
    if (op === CcOp.ADOX || op === CcOp.ADCOX) return this.ccNoSet(Cond.NE, this.g.ccSrc2);
    if ((op >= CcOp.LOGICB && op <= CcOp.LOGICQ) || op === CC_OP_POPCNT) return this.cc(Cond.NEVER, this.g.ccDst);
    if (op >= CcOp.MULB && op <= CcOp.MULQ) return this.cc(Cond.NE, this.g.ccSrc);
    this.computeEflags();
    return this.cc(Cond.TSTNE, this.g.ccSrc, CC_O);
  }

  /** gen_prepare_eflags_z */
  prepareEflagsZ(reg: Temp | null): CCPrepare {
    const op = this.ccOp;
    if (op === CcOp.EFLAGS || op === CcOp.ADCX || op === CcOp.ADOX || op === CcOp.ADCOX) return this.cc(Cond.TSTNE, this.g.ccSrc, CC_Z);
    if (op === CcOp.DYNAMIC) {
      this.updateCcOp();
      const r = reg ?? this.newTemp();
      this.call("cc_compute_nz", r, [this.g.ccDst, this.g.ccSrc, this.g.ccOp]);
      return this.cc(Cond.EQ, r, 0);
    }
    if (op === CC_OP_POPCNT) return this.cc(Cond.EQ, this.g.ccDst);
    return this.prepareValNz(this.g.ccDst, ccOpSize(op), true);
  }

  /** gen_prepare_cc: how to test Jcc condition b (low nibble of the opcode). */
  prepareCc(b: number, reg: Temp | null): CCPrepare {
    const inv = b & 1;
    let jccOp = (b >> 1) & 7;
    let cc: CCPrepare | null = null;
    const op = this.ccOp;
    const B = this.b;
    if (op >= CcOp.SUBB && op <= CcOp.SUBQ) {
      const size = ccOpSize(op);
      if (jccOp === JCC_BE) {
        this.extTl(this.ccSrcT, this.ccSrcT, size, false);
        this.extTl(this.g.ccSrc, this.g.ccSrc, size, false);
        cc = this.cc2(Cond.LEU, this.ccSrcT, this.g.ccSrc);
      } else if (jccOp === JCC_L || jccOp === JCC_LE) {
        this.extTl(this.ccSrcT, this.ccSrcT, size, true);
        this.extTl(this.g.ccSrc, this.g.ccSrc, size, true);
        cc = this.cc2(jccOp === JCC_L ? Cond.LT : Cond.LE, this.ccSrcT, this.g.ccSrc);
      }
    } else if (op >= CcOp.LOGICB && op <= CcOp.LOGICQ) {
      const size = op - CcOp.LOGICB;
      if (jccOp === JCC_BE) jccOp = JCC_Z;
      else if (jccOp === JCC_L) jccOp = JCC_S;
      else if (jccOp === JCC_LE) {
        this.extTl(this.g.ccDst, this.g.ccDst, size, true);
        cc = this.cc(Cond.LE, this.g.ccDst);
      }
    }
    if (cc === null) {
      switch (jccOp) {
        case JCC_O:
          cc = this.prepareEflagsO();
          break;
        case JCC_B:
          cc = this.prepareEflagsC(reg);
          break;
        case JCC_Z:
          cc = this.prepareEflagsZ(reg);
          break;
        case JCC_BE:
          this.computeEflags();
          cc = this.cc(Cond.TSTNE, this.g.ccSrc, CC_Z | CC_C);
          break;
        case JCC_S:
          cc = this.prepareEflagsS();
          break;
        case JCC_P:
          cc = this.prepareEflagsP();
          break;
        case JCC_L: {
          this.computeEflags();
          const r = reg === null || reg === this.g.ccSrc ? this.newTemp() : reg;
          B.gen_addi_i32(r, this.g.ccSrc, CC_O - CC_S);
          cc = this.cc(Cond.TSTNE, r, CC_O);
          break;
        }
        default: {
          this.computeEflags();
          const r = reg === null || reg === this.g.ccSrc ? this.newTemp() : reg;
          B.gen_addi_i32(r, this.g.ccSrc, CC_O - CC_S);
          cc = this.cc(Cond.TSTNE, r, CC_O | CC_Z);
          break;
        }
      }
    }
    if (inv) cc.cond = invertCond(cc.cond);
    return cc;
  }

  /** gen_setcc */
  setcc(bcc: number, reg: Temp): void {
    const cc = this.prepareCc(bcc, reg);
    const b = this.b;
    if (cc.noSetcond) {
      if (cc.cond === Cond.EQ) b.gen_xori_i32(reg, cc.reg, 1);
      else b.gen_mov_i32(reg, cc.reg);
      return;
    }
    this.setcondCc(cc, reg);
  }
  private setcondCc(cc: CCPrepare, reg: Temp): void {
    const b = this.b;
    if (cc.cond === Cond.NEVER) b.gen_movi_i32(reg, 0);
    else if (cc.cond === Cond.ALWAYS) b.gen_movi_i32(reg, 1);
    else if (cc.useReg2) b.gen_setcond(I32, cc.cond, reg, cc.reg, cc.reg2);
    else b.gen_setcondi(I32, cc.cond, reg, cc.reg, cc.imm);
  }
  /** gen_compute_eflags_c */
  computeEflagsC(reg: Temp): void {
    this.setcc(JCC_B << 1, reg);
  }
  /** gen_jcc_noeob */
  jccNoeob(bcc: number, label: number): void {
    const cc = this.prepareCc(bcc, null);
    this.brcondCc(cc, label);
  }
  /** gen_jcc: the cc_op is written back before the branch (both paths leave the TB). */
  jcc(bcc: number, label: number): void {
    const cc = this.prepareCc(bcc, null);
    this.updateCcOp();
    this.brcondCc(cc, label);
  }
  private brcondCc(cc: CCPrepare, label: number): void {
    const b = this.b;
    if (cc.useReg2) b.gen_brcond(I32, cc.cond, cc.reg, cc.reg2, label);
    else b.gen_brcondi(I32, cc.cond, cc.reg, cc.imm, label);
  }
  /** gen_cmovcc */
  cmovcc(bcc: number, dest: Temp, src: Temp): void {
    const cc = this.prepareCc(bcc, null);
    const b = this.b;
    if (cc.cond === Cond.NEVER) return;
    if (cc.cond === Cond.ALWAYS) {
      b.gen_mov_i32(dest, src);
      return;
    }
    const reg2 = cc.useReg2 ? cc.reg2 : this.k(cc.imm);
    b.gen_movcond(I32, cc.cond, dest, cc.reg, reg2, src, dest);
  }

  // ---- jumps and the end of a TB (gen_jmp_rel, gen_eob)

  /** gen_jmp_rel: to EIP + diff (truncated to `ot`), chaining when allowed. */
  jmpRel(ot: number, diff: number, tbNum: 0 | 1): void {
    const b = this.b;
    let useGotoTb = this.jmpOpt;
    const mask = ot === MO_16 ? 0xffff : -1;
    const newEip = ((this.pc + diff - this.csBase) & mask) >>> 0;
    const newPc = (newEip + this.csBase) >>> 0;
    if (useGotoTb && this.db.useGotoTb(newPc | 0, 0)) {
      b.gen_goto_tb(tbNum);
      b.gen_movi_i32(this.g.eip, newEip | 0);
      b.gen_exit_tb(tbNum);
      this.isJmp = Dj.NoReturn;
    } else {
      b.gen_movi_i32(this.g.eip, newEip | 0);
      useGotoTb = this.jmpOpt;
      this.eob(useGotoTb ? Dj.Jump : Dj.EobOnly);
    }
  }
  /** gen_jmp_rel_csize (32-bit code) */
  jmpRelCsize(diff: number, tbNum: 0 | 1): void {
    this.jmpRel(MO_32, diff, tbNum);
  }
  /** gen_conditional_jump_labels */
  conditionalJumpLabels(diff: number, notTaken: number | null, taken: number): void {
    if (notTaken !== null) this.b.gen_set_label(notTaken);
    this.jmpRelCsize(0, 1);
    this.b.gen_set_label(taken);
    this.jmpRel(this.dflag, diff, 0);
  }

  /** gen_set_hflag / gen_reset_hflag (the TB flags word mirrors hflags) */
  setHflag(mask: number): void {
    if ((this.flags & mask) === 0) {
      this.orEnv(HFLAGS, mask);
      this.orEnv(TB_FLAGS, mask);
      this.flags |= mask;
    }
  }
  resetHflag(mask: number): void {
    if (this.flags & mask) {
      this.andEnv(HFLAGS, ~mask);
      this.andEnv(TB_FLAGS, ~mask);
      this.flags &= ~mask;
    }
  }
  /** gen_set_eflags / gen_reset_eflags (RF is also a TB flags bit) */
  setEflags(mask: number): void {
    this.orEnv(EFLAGS, mask);
    if (mask & RF_MASK) this.orEnv(TB_FLAGS, mask & RF_MASK);
  }
  resetEflags(mask: number): void {
    this.andEnv(EFLAGS, ~mask);
    if (mask & RF_MASK) this.andEnv(TB_FLAGS, ~(mask & RF_MASK));
  }
  private orEnv(slot: number, v: number): void {
    const t = this.newTemp();
    this.ldEnv(t, slot);
    this.b.gen_ori_i32(t, t, v);
    this.stEnv(t, slot);
  }
  private andEnv(slot: number, v: number): void {
    const t = this.newTemp();
    this.ldEnv(t, slot);
    this.b.gen_andi_i32(t, t, v);
    this.stEnv(t, slot);
  }

  /** gen_eob: ends the TB (interrupt shadow, RF, single-step trap, then chaining or the main loop). */
  eob(mode: number): void {
    const b = this.b;
    this.updateCcOp();
    let inhibitReset = false;
    if (this.flags & HF_INHIBIT_IRQ_MASK) {
      this.resetHflag(HF_INHIBIT_IRQ_MASK);
      inhibitReset = true;
    } else if (mode === Dj.EobInhibitIrq) {
      this.setHflag(HF_INHIBIT_IRQ_MASK);
    }
    if (this.flags & HF_RF_MASK) this.resetEflags(RF_MASK);
    if (this.flags & HF_TF_MASK) this.call("single_step", null, []);
    else if (mode === Dj.Jump && !inhibitReset) b.gen_lookup_and_goto_ptr();
    else b.gen_exit_tb(-1);
    this.isJmp = Dj.NoReturn;
  }

  // ---- segments (gen_movl_seg)

  /** gen_movl_seg: loads a segment register through the descriptor checks (never CS). */
  movlSeg(seg: number, src: Temp, inhibitIrq: boolean): void {
    this.call("load_seg", null, [this.k(seg), src]);
    // moves to SS change SS32; for 32-bit code, DS/ES/SS may change ADDSEG
    if (seg === R_SS || seg < 4) this.isJmp = Dj.EobNext;
    if (inhibitIrq) {
      this.isJmp = Dj.EobInhibitIrq;
      this.flags &= ~HF_TF_MASK;
    }
  }

  // ---- the stack (gen_push_v, gen_pop_T0, gen_stack_update)

  pushV(val: Temp): void {
    const b = this.b;
    const dOt = this.dflag;
    const aOt = this.stackSize;
    if (aOt === MO_32 && !this.addseg) {
      // flat 32-bit stack: store at ESP - size, then move ESP (a faulting store leaves ESP alone);
      // one op fewer than computing the new ESP into a temp first as QEMU's gen_push_v does
      this.st(dOt, val, { t: this.g.regs[4], off: -(1 << dOt) });
      b.gen_addi_i32(this.g.regs[4], this.g.regs[4], -(1 << dOt));
      return;
    }
    const newEsp = this.newTemp();
    b.gen_subi_i32(newEsp, this.g.regs[4], 1 << dOt);
    const ea = this.leaSsOfs(newEsp, 0);
    this.st(dOt, val, ea);
    this.movRegV(aOt, 4, newEsp);
  }
  /** gen_pop_T0: loads the top of the stack into T0 (ESP is updated separately, for precise faults). */
  popT0(): number {
    const dOt = this.dflag;
    const ea = this.leaVSeg({ t: this.g.regs[4], off: 0 }, this.stackSize, R_SS, -1);
    this.ld(dOt, this.T0, ea);
    return dOt;
  }
  stackUpdate(addend: number): void {
    this.addRegIm(this.stackSize, 4, addend);
  }

  // ---- string instructions (gen_movs ... do_gen_rep)

  /** DF as the per-element step: df << ot. */
  private dshift(ot: number): Temp {
    const t = this.newTemp();
    this.ldEnv(t, DF);
    if (ot) this.b.gen_shli_i32(t, t, ot);
    return t;
  }

  /** do_gen_string / do_gen_rep */
  genString(ot: number, fn: (ot: number, dshift: Temp) => void, isRepzNz: boolean): void {
    const dshift = this.dshift(ot);
    if (this.prefix & (PREFIX_REPZ | PREFIX_REPNZ)) this.genRep(ot, dshift, fn, isRepzNz);
    else fn(ot, dshift);
  }

  private genRep(ot: number, dshift: Temp, fn: (ot: number, dshift: Temp) => void, isRepzNz: boolean): void {
    const b = this.b;
    const last = b.label_new(),
      loop = b.label_new(),
      done = b.label_new();
    const cxMask = this.aflag === MO_16 ? 0xffff : -1;
    const cxNext = this.newTemp();
    const ecx = this.g.regs[R_ECX];
    const canLoop = !(this.flags & (HF_TF_MASK | HF_INHIBIT_IRQ_MASK));
    const hadRf = (this.flags & HF_RF_MASK) !== 0;
    this.flags &= ~HF_RF_MASK;
    this.updateCcOp();
    this.markInsnCcOpDynamic();
    b.gen_brcondi(I32, Cond.TSTEQ, ecx, cxMask, done);
    b.gen_subi_i32(cxNext, ecx, 1);
    if (canLoop) b.gen_brcondi(I32, Cond.TSTEQ, cxNext, cxMask, last);
    b.gen_set_label(loop);
    fn(ot, dshift);
    b.gen_mov_i32(ecx, cxNext);
    this.updateCcOp();
    if (isRepzNz) {
      const nz = this.prefix & PREFIX_REPNZ ? 1 : 0;
      this.jccNoeob((JCC_Z << 1) | (nz ^ 1), done);
    }
    if (canLoop) {
      b.gen_subi_i32(cxNext, cxNext, 1);
      b.gen_brcondi(I32, Cond.TSTNE, cxNext, REP_MAX, loop);
      b.gen_brcondi(I32, Cond.TSTEQ, cxNext, cxMask, last);
    }
    if (!hadRf) this.setEflags(RF_MASK);
    // back to the main loop, re-entering the same instruction
    this.jmpRelCsize(-this.curInsnLen, 0);
    if (canLoop) {
      b.gen_set_label(last);
      this.setCcOp(CcOp.DYNAMIC);
      fn(ot, dshift);
      b.gen_mov_i32(ecx, cxNext);
      this.updateCcOp();
    }
    b.gen_set_label(done);
    this.setCcOp(CcOp.DYNAMIC);
    if (hadRf) this.resetEflags(RF_MASK);
    this.jmpRelCsize(0, 1);
  }

  genMovs = (ot: number, dshift: Temp): void => {
    this.ld(ot, this.T0, this.stringEaEsi());
    this.st(ot, this.T0, this.stringEaEdi());
    this.addReg(this.aflag, R_ESI, dshift);
    this.addReg(this.aflag, R_EDI, dshift);
  };
  genStos = (ot: number, dshift: Temp): void => {
    this.st(ot, this.T0, this.stringEaEdi());
    this.addReg(this.aflag, R_EDI, dshift);
  };
  genLods = (ot: number, dshift: Temp): void => {
    this.ld(ot, this.T0, this.stringEaEsi());
    this.movRegV(ot, 0, this.T0);
    this.addReg(this.aflag, R_ESI, dshift);
  };
  genScas = (ot: number, dshift: Temp): void => {
    const b = this.b;
    this.ld(ot, this.T1, this.stringEaEdi());
    b.gen_mov_i32(this.g.ccSrc, this.T1);
    b.gen_mov_i32(this.ccSrcT, this.T0);
    b.gen_sub_i32(this.g.ccDst, this.T0, this.T1);
    this.setCcOp(CcOp.SUBB + ot);
    this.addReg(this.aflag, R_EDI, dshift);
  };
  genCmps = (ot: number, dshift: Temp): void => {
    const b = this.b;
    this.ld(ot, this.T1, this.stringEaEdi());
    this.ld(ot, this.T0, this.stringEaEsi());
    b.gen_mov_i32(this.g.ccSrc, this.T1);
    b.gen_mov_i32(this.ccSrcT, this.T0);
    b.gen_sub_i32(this.g.ccDst, this.T0, this.T1);
    this.setCcOp(CcOp.SUBB + ot);
    this.addReg(this.aflag, R_ESI, dshift);
    this.addReg(this.aflag, R_EDI, dshift);
  };
}
