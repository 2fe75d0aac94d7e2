// The RISC-V translator: guest instructions -> TCG ops, one TB at a time (QEMU's
// target/riscv/translate.c and insn_trans/*.c.inc). The decoder generated from spec/riscv/*.decode
// calls one trans_* method per instruction; each emits ops through the builder and returns false for
// encodings it rejects (which become illegal-instruction exceptions).
import type { TcgBuilder } from "../../tcg/builder.ts";
import type { Temp } from "../../tcg/context.ts";
import { Cond, MO_ALIGN, MO_RMW, MO_SB, MO_SL, MO_SW, MO_UB, MO_UL, MO_UQ, MO_UW, Opc, Type } from "../../tcg/opcodes.ts";
import { DisasJump, type DisasContext, type TranslatorOps } from "../../exec/translator.ts";
import { decodeInsn16, decodeInsn32 } from "./decode-generated.ts";
import type * as A from "./decode-generated.ts";
import { Excp, TBF_FS_SHIFT, TBF_MEMIDX_SHIFT, TBF_PRIV_MASK } from "./cpu-state.ts";

const I64 = Type.I64;
const I32 = Type.I32;

/** Helper ids the translator calls (registered by RiscvCpu). */
export interface RiscvHelperIds {
  raise: number; // (excp i32, tval i64)
  csr: number; // out = csr op (csrno|op<<12 i32, src i64)
  fp: Record<string, number>; // by instruction name
  orcb: number;
  mret: number;
  sret: number;
  wfi: number;
  sfence: number;
  fsDirty: number;
}

export interface RiscvGlobals {
  pc: Temp;
  x: Temp[]; // x[0] unused
  f: Temp[];
  loadRes: Temp;
  loadVal: Temp;
}

const enum Disas {
  Next = DisasJump.Next,
  /** The TB ends after this instruction, falling through to pc_next with a chainable exit. */
  TooMany = DisasJump.TooMany,
  /** The instruction emitted its own TB exit. */
  NoReturn = DisasJump.NoReturn,
  /** Update pc and exit to the main loop without chaining (state the TB depends on may have changed). */
  Exit = DisasJump.Target,
}

export class RiscvTranslator implements TranslatorOps, A.RiscvDecodeHandler {
  private b!: TcgBuilder;
  private db!: DisasContext;
  // The current instruction's pc as two int32 words (the next one's is the DisasContext's
  // pcNextLo/Hi): the translator computes pc-relative targets once per instruction, and word pairs
  // cost nothing there where bigints are heap objects (most TBs run a few times, in V8's baseline
  // tiers, where each bigint operation is a call).
  private pcLo = 0;
  private pcHi = 0;
  private isJmp: number = Disas.Next;
  private insnBits = 0;
  private flags = 0;
  private mmuIdx = 0;
  /** mstatus.FS was set to dirty earlier in this TB. */
  private fsMarked = false;

  constructor(
    private readonly g: RiscvGlobals,
    private readonly H: RiscvHelperIds,
  ) {}

  tbStart(db: DisasContext): void {
    this.db = db;
    this.b = db.b;
    this.flags = db.flags;
    this.mmuIdx = (db.flags >> TBF_MEMIDX_SHIFT) & 7;
    this.fsMarked = false;
  }

  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcNextLo, db.pcNextHi);
  }

  translateInsn(db: DisasContext): void {
    const lo = db.pcNextLo,
      hi = db.pcNextHi;
    // Fetch the whole instruction first (the loop may end the TB before it if it is unreadable).
    const h0 = db.code16(lo, hi);
    let insn = h0;
    let len = 2;
    if ((h0 & 3) === 3) {
      const lo2 = (lo + 2) | 0;
      insn = h0 | (db.code16(lo2, lo2 >>> 0 < lo >>> 0 ? (hi + 1) | 0 : hi) << 16) | 0;
      len = 4;
    }
    this.pcLo = lo;
    this.pcHi = hi;
    db.advance(len);
    this.insnBits = insn;
    this.isJmp = Disas.Next;
    const ok = len === 4 ? decodeInsn32(this, insn) : decodeInsn16(this, insn & 0xffff);
    if (!ok) this.genIllegal();
    db.isJmp = this.isJmp;
  }

  tbStop(db: DisasContext): void {
    switch (db.isJmp as Disas) {
      case Disas.Next:
      case Disas.TooMany:
        this.gotoTb(0, db.pcNextLo, db.pcNextHi);
        break;
      case Disas.Exit:
        // The TB flags may have changed (CSR write, fence.i...): look the next TB up by the current
        // (pc, flags) rather than chaining; lookup_tb reads the flags from the CPU state. A newly
        // deliverable interrupt has already made the budget negative, so the next TB start exits.
        this.b.gen_mov_i64(this.g.pc, this.pcNext());
        this.b.gen_lookup_and_goto_ptr();
        break;
      case Disas.NoReturn:
        break;
    }
  }

  // ---- helpers for trans_* methods

  private x(r: number): Temp {
    return r === 0 ? this.b.const_i64(0) : this.g.x[r];
  }
  /** Destination for rd: a scratch temp for x0 (the result is computed, then dropped). */
  private xd(r: number): Temp {
    return r === 0 ? this.b.temp_new_i64() : this.g.x[r];
  }
  /** The next instruction's pc, as an i64 constant. */
  private pcNext(): Temp {
    return this.b.const_i64_pair(this.db.pcNextLo, this.db.pcNextHi);
  }
  /** The high word of the current pc plus a signed 32-bit offset (wrapping at 2^64), given the sum's low word. */
  private pcPlusHi(lo: number, off: number): number {
    // the carry out of the low word, and the offset's sign extension into the high one
    return (this.pcHi + (off >> 31) + (lo >>> 0 < this.pcLo >>> 0 ? 1 : 0)) | 0;
  }
  /** The current pc plus a signed 32-bit offset, as an i64 constant. */
  private pcPlus(off: number): Temp {
    const lo = (this.pcLo + off) | 0;
    return this.b.const_i64_pair(lo, this.pcPlusHi(lo, off));
  }
  /** Continues at the current pc plus a signed 32-bit offset. */
  private gotoPcPlus(n: 0 | 1, off: number): void {
    const lo = (this.pcLo + off) | 0;
    this.gotoTb(n, lo, this.pcPlusHi(lo, off));
  }
  private gotoTb(n: 0 | 1, lo: number, hi: number): void {
    const b = this.b;
    const dest = b.const_i64_pair(lo, hi);
    // Chain only within the TB's page (the translator loop's rule): other pages may be remapped.
    if (this.db.useGotoTb(lo, hi)) {
      b.gen_goto_tb(n);
      b.gen_mov_i64(this.g.pc, dest);
      b.gen_exit_tb(n);
    } else {
      b.gen_mov_i64(this.g.pc, dest);
      b.gen_lookup_and_goto_ptr();
    }
  }
  private raise(excp: Excp, tval: number | Temp): void {
    const t = typeof tval === "number" ? this.b.const_i64(tval) : tval;
    this.b.gen_call(this.H.raise, null, [this.b.const_i32(excp), t]);
    this.isJmp = Disas.NoReturn;
  }
  private genIllegal(): void {
    this.raise(Excp.IllegalInsn, (this.insnBits & 3) === 3 ? this.insnBits >>> 0 : this.insnBits & 0xffff);
  }

  // ---- RV64I: upper immediates, jumps and branches
  trans_lui(a: A.ArgU): boolean {
    if (a.rd) this.b.gen_movi_i64(this.g.x[a.rd], a.imm);
    return true;
  }
  trans_auipc(a: A.ArgU): boolean {
    if (a.rd) this.b.gen_mov_i64(this.g.x[a.rd], this.pcPlus(a.imm));
    return true;
  }
  trans_jal(a: A.ArgJ): boolean {
    if (a.rd) this.b.gen_mov_i64(this.g.x[a.rd], this.pcNext());
    this.gotoPcPlus(0, a.imm);
    this.isJmp = Disas.NoReturn;
    return true;
  }
  trans_jalr(a: A.ArgI): boolean {
    const b = this.b;
    const t = b.temp_new_i64();
    b.gen_addi_i64(t, this.x(a.rs1), a.imm);
    b.gen_andi_i64(this.g.pc, t, -2);
    if (a.rd) b.gen_mov_i64(this.g.x[a.rd], this.pcNext());
    b.gen_lookup_and_goto_ptr();
    this.isJmp = Disas.NoReturn;
    return true;
  }
  private branch(a: A.ArgB, cond: Cond): boolean {
    const b = this.b;
    const taken = b.label_new();
    b.gen_brcond(I64, cond, this.x(a.rs1), this.x(a.rs2), taken);
    this.gotoTb(1, this.db.pcNextLo, this.db.pcNextHi);
    b.gen_set_label(taken);
    this.gotoPcPlus(0, a.imm);
    this.isJmp = Disas.NoReturn;
    return true;
  }
  trans_beq(a: A.ArgB) {
    return this.branch(a, Cond.EQ);
  }
  trans_bne(a: A.ArgB) {
    return this.branch(a, Cond.NE);
  }
  trans_blt(a: A.ArgB) {
    return this.branch(a, Cond.LT);
  }
  trans_bge(a: A.ArgB) {
    return this.branch(a, Cond.GE);
  }
  trans_bltu(a: A.ArgB) {
    return this.branch(a, Cond.LTU);
  }
  trans_bgeu(a: A.ArgB) {
    return this.branch(a, Cond.GEU);
  }

  // ---- loads and stores
  private load(a: A.ArgI, memop: number, t: Temp | null = null): boolean {
    const dst = t ?? this.xd(a.rd);
    this.b.gen_qemu_ld(I64, dst, this.x(a.rs1), a.imm, memop, this.mmuIdx);
    return true;
  }
  private store(a: A.ArgS, memop: number, v: Temp | null = null): boolean {
    this.b.gen_qemu_st(I64, v ?? this.x(a.rs2), this.x(a.rs1), a.imm, memop, this.mmuIdx);
    return true;
  }
  trans_lb(a: A.ArgI) {
    return this.load(a, MO_SB);
  }
  trans_lh(a: A.ArgI) {
    return this.load(a, MO_SW);
  }
  trans_lw(a: A.ArgI) {
    return this.load(a, MO_SL);
  }
  trans_ld(a: A.ArgI) {
    return this.load(a, MO_UQ);
  }
  trans_lbu(a: A.ArgI) {
    return this.load(a, MO_UB);
  }
  trans_lhu(a: A.ArgI) {
    return this.load(a, MO_UW);
  }
  trans_lwu(a: A.ArgI) {
    return this.load(a, MO_UL);
  }
  trans_sb(a: A.ArgS) {
    return this.store(a, MO_UB);
  }
  trans_sh(a: A.ArgS) {
    return this.store(a, MO_UW);
  }
  trans_sw(a: A.ArgS) {
    return this.store(a, MO_UL);
  }
  trans_sd(a: A.ArgS) {
    return this.store(a, MO_UQ);
  }

  // ---- integer register-immediate and register-register
  private opi(opc: Opc, a: A.ArgI): boolean {
    if (a.rd) this.b.binaryi(opc, I64, this.g.x[a.rd], this.x(a.rs1), a.imm);
    return true;
  }
  private opr(opc: Opc, a: A.ArgR): boolean {
    if (a.rd) this.b.binary(opc, I64, this.g.x[a.rd], this.x(a.rs1), this.x(a.rs2));
    return true;
  }
  trans_addi(a: A.ArgI) {
    return this.opi(Opc.add, a);
  }
  trans_xori(a: A.ArgI) {
    return this.opi(Opc.xor, a);
  }
  trans_ori(a: A.ArgI) {
    return this.opi(Opc.or, a);
  }
  trans_andi(a: A.ArgI) {
    return this.opi(Opc.and, a);
  }
  trans_slti(a: A.ArgI) {
    if (a.rd) this.b.gen_setcondi(I64, Cond.LT, this.g.x[a.rd], this.x(a.rs1), a.imm);
    return true;
  }
  trans_sltiu(a: A.ArgI) {
    if (a.rd) this.b.gen_setcondi(I64, Cond.LTU, this.g.x[a.rd], this.x(a.rs1), a.imm);
    return true;
  }
  private shifti(opc: Opc, a: A.ArgShift): boolean {
    if (a.shamt > 63) return false;
    if (a.rd) this.b.binaryi(opc, I64, this.g.x[a.rd], this.x(a.rs1), a.shamt);
    return true;
  }
  trans_slli(a: A.ArgShift) {
    return this.shifti(Opc.shl, a);
  }
  trans_srli(a: A.ArgShift) {
    return this.shifti(Opc.shr, a);
  }
  trans_srai(a: A.ArgShift) {
    return this.shifti(Opc.sar, a);
  }
  trans_add(a: A.ArgR) {
    return this.opr(Opc.add, a);
  }
  trans_sub(a: A.ArgR) {
    return this.opr(Opc.sub, a);
  }
  trans_sll(a: A.ArgR) {
    return this.opr(Opc.shl, a); // TCG shift counts are taken mod 64, as RISC-V requires
  }
  trans_srl(a: A.ArgR) {
    return this.opr(Opc.shr, a);
  }
  trans_sra(a: A.ArgR) {
    return this.opr(Opc.sar, a);
  }
  trans_xor(a: A.ArgR) {
    return this.opr(Opc.xor, a);
  }
  trans_or(a: A.ArgR) {
    return this.opr(Opc.or, a);
  }
  trans_and(a: A.ArgR) {
    return this.opr(Opc.and, a);
  }
  trans_slt(a: A.ArgR) {
    if (a.rd) this.b.gen_setcond(I64, Cond.LT, this.g.x[a.rd], this.x(a.rs1), this.x(a.rs2));
    return true;
  }
  trans_sltu(a: A.ArgR) {
    if (a.rd) this.b.gen_setcond(I64, Cond.LTU, this.g.x[a.rd], this.x(a.rs1), this.x(a.rs2));
    return true;
  }

  // ---- RV64 word ops: compute, then sign-extend bit 31 (the encoder fuses these into *w bytecode)
  private sext32(rd: number, t: Temp): void {
    this.b.gen_ext32s_i64(this.xd(rd), t);
  }
  trans_addiw(a: A.ArgI) {
    if (!a.rd) return true;
    const t = this.b.temp_new_i64();
    this.b.gen_addi_i64(t, this.x(a.rs1), a.imm);
    this.sext32(a.rd, t);
    return true;
  }
  trans_slliw(a: A.ArgShift) {
    if (a.shamt > 31) return false;
    if (!a.rd) return true;
    const t = this.b.temp_new_i64();
    this.b.gen_shli_i64(t, this.x(a.rs1), a.shamt);
    this.sext32(a.rd, t);
    return true;
  }
  trans_srliw(a: A.ArgShift) {
    if (a.shamt > 31) return false;
    if (!a.rd) return true;
    if (a.shamt === 0) this.b.gen_sextract(I64, this.g.x[a.rd], this.x(a.rs1), 0, 32);
    else this.b.gen_extract(I64, this.g.x[a.rd], this.x(a.rs1), a.shamt, 32 - a.shamt);
    return true;
  }
  trans_sraiw(a: A.ArgShift) {
    if (a.shamt > 31) return false;
    if (a.rd) this.b.gen_sextract(I64, this.g.x[a.rd], this.x(a.rs1), a.shamt, 32 - a.shamt);
    return true;
  }
  private opw(opc: Opc, a: A.ArgR): boolean {
    if (!a.rd) return true;
    const t = this.b.temp_new_i64();
    this.b.binary(opc, I64, t, this.x(a.rs1), this.x(a.rs2));
    this.sext32(a.rd, t);
    return true;
  }
  trans_addw(a: A.ArgR) {
    return this.opw(Opc.add, a);
  }
  trans_subw(a: A.ArgR) {
    return this.opw(Opc.sub, a);
  }
  trans_mulw(a: A.ArgR) {
    return this.opw(Opc.mul, a);
  }
  /** 32-bit op on the low words, result sign-extended (shifts count mod 32). */
  private op32(opc: Opc, a: A.ArgR): boolean {
    if (!a.rd) return true;
    const b = this.b;
    const x = b.temp_new_i32(),
      y = b.temp_new_i32(),
      r = b.temp_new_i32();
    b.gen_extrl_i64_i32(x, this.x(a.rs1));
    b.gen_extrl_i64_i32(y, this.x(a.rs2));
    b.binary(opc, I32, r, x, y);
    b.gen_ext_i32_i64(this.g.x[a.rd], r);
    return true;
  }
  trans_sllw(a: A.ArgR) {
    return this.op32(Opc.shl, a);
  }
  trans_srlw(a: A.ArgR) {
    return this.op32(Opc.shr, a);
  }
  trans_sraw(a: A.ArgR) {
    return this.op32(Opc.sar, a);
  }

  // ---- M
  trans_mul(a: A.ArgR) {
    return this.opr(Opc.mul, a);
  }
  trans_mulh(a: A.ArgR) {
    return this.opr(Opc.mulsh, a);
  }
  trans_mulhu(a: A.ArgR) {
    return this.opr(Opc.muluh, a);
  }
  trans_mulhsu(a: A.ArgR) {
    if (!a.rd) return true;
    // mulhsu(a, b) = mulhu(a, b) - (a < 0 ? b : 0)
    const b = this.b;
    const h = b.temp_new_i64(),
      s = b.temp_new_i64();
    b.binary(Opc.muluh, I64, h, this.x(a.rs1), this.x(a.rs2));
    b.gen_sari_i64(s, this.x(a.rs1), 63);
    b.gen_and_i64(s, s, this.x(a.rs2));
    b.gen_sub_i64(this.g.x[a.rd], h, s);
    return true;
  }
  // tciemu's division ops already give RISC-V's results for division by zero and overflow.
  trans_div(a: A.ArgR) {
    return this.opr(Opc.divs, a);
  }
  trans_divu(a: A.ArgR) {
    return this.opr(Opc.divu, a);
  }
  trans_rem(a: A.ArgR) {
    return this.opr(Opc.rems, a);
  }
  trans_remu(a: A.ArgR) {
    return this.opr(Opc.remu, a);
  }
  private divw(opc: Opc, a: A.ArgR, signed: boolean): boolean {
    if (!a.rd) return true;
    const b = this.b;
    const x = b.temp_new_i64(),
      y = b.temp_new_i64(),
      r = b.temp_new_i64();
    if (signed) {
      b.gen_ext32s_i64(x, this.x(a.rs1));
      b.gen_ext32s_i64(y, this.x(a.rs2));
    } else {
      b.gen_ext32u_i64(x, this.x(a.rs1));
      b.gen_ext32u_i64(y, this.x(a.rs2));
    }
    b.binary(opc, I64, r, x, y);
    this.sext32(a.rd, r);
    return true;
  }
  trans_divw(a: A.ArgR) {
    return this.divw(Opc.divs, a, true);
  }
  trans_divuw(a: A.ArgR) {
    return this.divw(Opc.divu, a, false);
  }
  trans_remw(a: A.ArgR) {
    return this.divw(Opc.rems, a, true);
  }
  trans_remuw(a: A.ArgR) {
    return this.divw(Opc.remu, a, false);
  }

  // ---- A. Guest threads run one at a time and switch only between TBs, so a load-op-store
  // sequence inside one instruction is atomic. rd is written last, so a faulting store leaves it intact.
  private lr(a: A.ArgAtomic, memop: number): boolean {
    if (a.rs2 !== 0) return false;
    const b = this.b;
    const v = b.temp_new_i64();
    b.gen_qemu_ld(I64, v, this.x(a.rs1), 0, memop | MO_ALIGN, this.mmuIdx);
    b.gen_mov_i64(this.g.loadRes, this.x(a.rs1));
    b.gen_mov_i64(this.g.loadVal, v);
    if (a.rd) b.gen_mov_i64(this.g.x[a.rd], v);
    return true;
  }
  private sc(a: A.ArgAtomic, memop: number): boolean {
    const b = this.b;
    const fail = b.label_new(),
      done = b.label_new();
    const addr = b.temp_new_i64(),
      cur = b.temp_new_i64(),
      res = b.temp_new_i64();
    b.gen_mov_i64(addr, this.x(a.rs1));
    b.gen_brcond(I64, Cond.NE, addr, this.g.loadRes, fail);
    b.gen_qemu_ld(I64, cur, addr, 0, memop | MO_ALIGN | MO_RMW, this.mmuIdx);
    b.gen_brcond(I64, Cond.NE, cur, this.g.loadVal, fail);
    b.gen_qemu_st(I64, this.x(a.rs2), addr, 0, memop | MO_ALIGN, this.mmuIdx);
    b.gen_movi_i64(res, 0);
    b.gen_br(done);
    b.gen_set_label(fail);
    b.gen_movi_i64(res, 1);
    b.gen_set_label(done);
    b.gen_movi_i64(this.g.loadRes, -1);
    if (a.rd) b.gen_mov_i64(this.g.x[a.rd], res);
    return true;
  }
  trans_lr_w(a: A.ArgAtomic) {
    return this.lr(a, MO_SL);
  }
  trans_lr_d(a: A.ArgAtomic) {
    return this.lr(a, MO_UQ);
  }
  trans_sc_w(a: A.ArgAtomic) {
    return this.sc(a, MO_SL);
  }
  trans_sc_d(a: A.ArgAtomic) {
    return this.sc(a, MO_UQ);
  }
  private amo(a: A.ArgAtomic, memop: number, fn: (n: Temp, old: Temp, src: Temp) => void): boolean {
    const b = this.b;
    const addr = b.temp_new_i64(),
      old = b.temp_new_i64(),
      nv = b.temp_new_i64(),
      src = b.temp_new_i64();
    b.gen_mov_i64(addr, this.x(a.rs1));
    b.gen_mov_i64(src, this.x(a.rs2));
    b.gen_qemu_ld(I64, old, addr, 0, memop | MO_ALIGN | MO_RMW, this.mmuIdx);
    fn(nv, old, src);
    b.gen_qemu_st(I64, nv, addr, 0, memop | MO_ALIGN, this.mmuIdx);
    if (a.rd) b.gen_mov_i64(this.g.x[a.rd], old);
    return true;
  }
  private amoOp(a: A.ArgAtomic, memop: number, opc: Opc) {
    return this.amo(a, memop, (n, o, s) => this.b.binary(opc, I64, n, o, s));
  }
  private amoMinMax(a: A.ArgAtomic, memop: number, cond: Cond, word: boolean) {
    return this.amo(a, memop, (n, o, s) => {
      const b = this.b;
      let cmp = s;
      if (word) {
        // compare as 32-bit values: the loaded `old` is sign- or zero-extended per memop; do the same to src
        cmp = b.temp_new_i64();
        if (cond === Cond.LTU || cond === Cond.GTU) {
          const o2 = b.temp_new_i64();
          b.gen_ext32u_i64(cmp, s);
          b.gen_ext32u_i64(o2, o);
          b.gen_movcond(I64, cond, n, o2, cmp, o, s);
          return;
        }
        b.gen_ext32s_i64(cmp, s);
      }
      b.gen_movcond(I64, cond, n, o, cmp, o, s);
    });
  }
  trans_amoswap_w(a: A.ArgAtomic) {
    return this.amo(a, MO_SL, (n, _o, s) => this.b.gen_mov_i64(n, s));
  }
  trans_amoadd_w(a: A.ArgAtomic) {
    return this.amoOp(a, MO_SL, Opc.add);
  }
  trans_amoxor_w(a: A.ArgAtomic) {
    return this.amoOp(a, MO_SL, Opc.xor);
  }
  trans_amoand_w(a: A.ArgAtomic) {
    return this.amoOp(a, MO_SL, Opc.and);
  }
  trans_amoor_w(a: A.ArgAtomic) {
    return this.amoOp(a, MO_SL, Opc.or);
  }
  trans_amomin_w(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_SL, Cond.LT, true);
  }
  trans_amomax_w(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_SL, Cond.GT, true);
  }
  trans_amominu_w(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_SL, Cond.LTU, true);
  }
  trans_amomaxu_w(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_SL, Cond.GTU, true);
  }
  trans_amoswap_d(a: A.ArgAtomic) {
    return this.amo(a, MO_UQ, (n, _o, s) => this.b.gen_mov_i64(n, s));
  }
  trans_amoadd_d(a: A.ArgAtomic) {
    return this.amoOp(a, MO_UQ, Opc.add);
  }
  trans_amoxor_d(a: A.ArgAtomic) {
    return this.amoOp(a, MO_UQ, Opc.xor);
  }
  trans_amoand_d(a: A.ArgAtomic) {
    return this.amoOp(a, MO_UQ, Opc.and);
  }
  trans_amoor_d(a: A.ArgAtomic) {
    return this.amoOp(a, MO_UQ, Opc.or);
  }
  trans_amomin_d(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_UQ, Cond.LT, false);
  }
  trans_amomax_d(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_UQ, Cond.GT, false);
  }
  trans_amominu_d(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_UQ, Cond.LTU, false);
  }
  trans_amomaxu_d(a: A.ArgAtomic) {
    return this.amoMinMax(a, MO_UQ, Cond.GTU, false);
  }

  // ---- system
  trans_fence(_a: A.ArgFence) {
    this.b.gen_mb(0);
    return true;
  }
  trans_fence_i(_a: A.ArgEmpty) {
    // Stores to code pages already invalidated the affected TBs; ending the TB here makes the
    // next instruction come from a fresh lookup (QEMU does the same).
    this.isJmp = Disas.Exit;
    return true;
  }
  trans_ecall(_a: A.ArgEmpty) {
    const priv = this.flags & 3; // 0 user, 1 supervisor, 3 machine
    this.raise(priv === 0 ? Excp.UEcall : priv === 1 ? Excp.SEcall : Excp.MEcall, 0);
    return true;
  }
  trans_ebreak(_a: A.ArgEmpty) {
    this.raise(Excp.Breakpoint, this.pcPlus(0));
    return true;
  }
  // Privileged instructions: illegal in U mode (so always in Linux user mode); the helpers check the
  // finer rules (TSR, TW, TVM) and change privilege, so the TB ends without chaining.
  private get priv(): number {
    return this.flags & TBF_PRIV_MASK;
  }
  private xret(helper: number): boolean {
    this.b.gen_call(helper, null, []);
    this.b.gen_lookup_and_goto_ptr();
    this.isJmp = Disas.NoReturn;
    return true;
  }
  trans_sret(_a: A.ArgEmpty) {
    return this.priv !== 0 && this.xret(this.H.sret);
  }
  trans_mret(_a: A.ArgEmpty) {
    return this.priv === 3 && this.xret(this.H.mret);
  }
  trans_wfi(_a: A.ArgEmpty) {
    if (this.priv === 0) return false;
    this.b.gen_mov_i64(this.g.pc, this.pcNext());
    this.b.gen_call(this.H.wfi, null, []);
    this.b.gen_exit_tb(-1);
    this.isJmp = Disas.NoReturn;
    return true;
  }
  trans_sfence_vma(a: A.ArgSfenceVma) {
    if (this.priv === 0) return false;
    // rs1 = x0 flushes everything; otherwise just the page of rs1 (the helper gets -1 for "all").
    this.b.gen_call(this.H.sfence, null, [a.rs1 === 0 ? this.b.const_i64(-1) : this.x(a.rs1)]);
    this.isJmp = Disas.Exit;
    return true;
  }
  private csrOp(a: A.ArgCsr, op: number, src: Temp, writes: boolean): boolean {
    const b = this.b;
    const rd = this.xd(a.rd);
    // op: 0 = write, 1 = set, 2 = clear; bit 2: the instruction writes the CSR; bit 3: it reads it
    const code = a.csr | (op << 12) | (writes ? 1 << 14 : 0) | (a.rd !== 0 || op !== 0 ? 1 << 15 : 0);
    b.gen_call(this.H.csr, rd, [b.const_i32(code), src]);
    // A CSR write may change what the translator specialised on: end the TB (QEMU does the same).
    if (writes) this.isJmp = Disas.Exit;
    return true;
  }
  trans_csrrw(a: A.ArgCsr) {
    return this.csrOp(a, 0, this.x(a.rs1), true);
  }
  trans_csrrs(a: A.ArgCsr) {
    return this.csrOp(a, 1, this.x(a.rs1), a.rs1 !== 0);
  }
  trans_csrrc(a: A.ArgCsr) {
    return this.csrOp(a, 2, this.x(a.rs1), a.rs1 !== 0);
  }
  trans_csrrwi(a: A.ArgCsr) {
    return this.csrOp(a, 0, this.b.const_i64(a.rs1), true);
  }
  trans_csrrsi(a: A.ArgCsr) {
    return this.csrOp(a, 1, this.b.const_i64(a.rs1), a.rs1 !== 0);
  }
  trans_csrrci(a: A.ArgCsr) {
    return this.csrOp(a, 2, this.b.const_i64(a.rs1), a.rs1 !== 0);
  }

  // ---- F and D: loads/stores and moves inline, arithmetic in helpers (fpu/)

  /** False (illegal instruction) when mstatus.FS is off. */
  private fpOn(): boolean {
    return ((this.flags >> TBF_FS_SHIFT) & 3) !== 0;
  }
  /** An instruction that writes FP state sets mstatus.FS to dirty (once per TB is enough). */
  private fpWrite(): boolean {
    if (!this.fpOn()) return false;
    if (((this.flags >> TBF_FS_SHIFT) & 3) !== 3 && !this.fsMarked) {
      this.b.gen_call(this.H.fsDirty, null, []);
      this.fsMarked = true;
    }
    return true;
  }
  trans_flw(a: A.ArgI) {
    if (!this.fpWrite()) return false;
    const b = this.b;
    const t = b.temp_new_i64();
    b.gen_qemu_ld(I64, t, this.x(a.rs1), a.imm, MO_UL, this.mmuIdx);
    b.gen_ori_i64(this.g.f[a.rd], t, -0x1_0000_0000); // NaN-box: upper 32 bits all ones
    return true;
  }
  trans_fsw(a: A.ArgS) {
    return this.fpOn() && this.store(a, MO_UL, this.g.f[a.rs2]);
  }
  trans_fld(a: A.ArgI) {
    if (!this.fpWrite()) return false;
    this.b.gen_qemu_ld(I64, this.g.f[a.rd], this.x(a.rs1), a.imm, MO_UQ, this.mmuIdx);
    return true;
  }
  trans_fsd(a: A.ArgS) {
    return this.fpOn() && this.store(a, MO_UQ, this.g.f[a.rs2]);
  }
  trans_fmv_x_w(a: A.ArgR2) {
    if (!this.fpOn()) return false;
    if (a.rd) this.b.gen_ext32s_i64(this.g.x[a.rd], this.g.f[a.rs1]);
    return true;
  }
  trans_fmv_w_x(a: A.ArgR2) {
    if (!this.fpWrite()) return false;
    const b = this.b;
    const t = b.temp_new_i64();
    b.gen_ext32u_i64(t, this.x(a.rs1));
    b.gen_ori_i64(this.g.f[a.rd], t, -0x1_0000_0000);
    return true;
  }
  trans_fmv_x_d(a: A.ArgR2) {
    if (!this.fpOn()) return false;
    if (a.rd) this.b.gen_mov_i64(this.g.x[a.rd], this.g.f[a.rs1]);
    return true;
  }
  trans_fmv_d_x(a: A.ArgR2) {
    if (!this.fpWrite()) return false;
    this.b.gen_mov_i64(this.g.f[a.rd], this.x(a.rs1));
    return true;
  }

  /** A helper-implemented FP op: out (f or x register), inputs, and a rounding-mode operand. */
  private fp(name: string, out: Temp, ins: Temp[], rm: number | null): boolean {
    if (rm !== null && (rm === 5 || rm === 6)) return false; // reserved static rounding modes
    if (!(name.startsWith("fclass") ? this.fpOn() : this.fpWrite())) return false;
    const b = this.b;
    const args = rm === null ? ins : [...ins, b.const_i32(rm)];
    b.gen_call(this.H.fp[name], out, args);
    return true;
  }
  private f(r: number): Temp {
    return this.g.f[r];
  }
  private fr4(name: string, a: A.ArgR4Rm) {
    return this.fp(name, this.f(a.rd), [this.f(a.rs1), this.f(a.rs2), this.f(a.rs3)], a.rm);
  }
  private frr(name: string, a: A.ArgRRm) {
    return this.fp(name, this.f(a.rd), [this.f(a.rs1), this.f(a.rs2)], a.rm);
  }
  private fr(name: string, a: A.ArgR) {
    return this.fp(name, this.f(a.rd), [this.f(a.rs1), this.f(a.rs2)], null);
  }
  private fcmp(name: string, a: A.ArgR) {
    return this.fp(name, this.xd(a.rd), [this.f(a.rs1), this.f(a.rs2)], null);
  }
  private f2x(name: string, a: A.ArgR2Rm) {
    return this.fp(name, this.xd(a.rd), [this.f(a.rs1)], a.rm);
  }
  private x2f(name: string, a: A.ArgR2Rm) {
    return this.fp(name, this.f(a.rd), [this.x(a.rs1)], a.rm);
  }
  private f2f(name: string, a: A.ArgR2Rm) {
    return this.fp(name, this.f(a.rd), [this.f(a.rs1)], a.rm);
  }
  trans_fmadd_s = (a: A.ArgR4Rm) => this.fr4("fmadd_s", a);
  trans_fmsub_s = (a: A.ArgR4Rm) => this.fr4("fmsub_s", a);
  trans_fnmsub_s = (a: A.ArgR4Rm) => this.fr4("fnmsub_s", a);
  trans_fnmadd_s = (a: A.ArgR4Rm) => this.fr4("fnmadd_s", a);
  trans_fadd_s = (a: A.ArgRRm) => this.frr("fadd_s", a);
  trans_fsub_s = (a: A.ArgRRm) => this.frr("fsub_s", a);
  trans_fmul_s = (a: A.ArgRRm) => this.frr("fmul_s", a);
  trans_fdiv_s = (a: A.ArgRRm) => this.frr("fdiv_s", a);
  trans_fsqrt_s = (a: A.ArgR2Rm) => this.f2f("fsqrt_s", a);
  trans_fsgnj_s = (a: A.ArgR) => this.fr("fsgnj_s", a);
  trans_fsgnjn_s = (a: A.ArgR) => this.fr("fsgnjn_s", a);
  trans_fsgnjx_s = (a: A.ArgR) => this.fr("fsgnjx_s", a);
  trans_fmin_s = (a: A.ArgR) => this.fr("fmin_s", a);
  trans_fmax_s = (a: A.ArgR) => this.fr("fmax_s", a);
  trans_fcvt_w_s = (a: A.ArgR2Rm) => this.f2x("fcvt_w_s", a);
  trans_fcvt_wu_s = (a: A.ArgR2Rm) => this.f2x("fcvt_wu_s", a);
  trans_fcvt_l_s = (a: A.ArgR2Rm) => this.f2x("fcvt_l_s", a);
  trans_fcvt_lu_s = (a: A.ArgR2Rm) => this.f2x("fcvt_lu_s", a);
  trans_fclass_s = (a: A.ArgR2) => this.fp("fclass_s", this.xd(a.rd), [this.f(a.rs1)], null);
  trans_feq_s = (a: A.ArgR) => this.fcmp("feq_s", a);
  trans_flt_s = (a: A.ArgR) => this.fcmp("flt_s", a);
  trans_fle_s = (a: A.ArgR) => this.fcmp("fle_s", a);
  trans_fcvt_s_w = (a: A.ArgR2Rm) => this.x2f("fcvt_s_w", a);
  trans_fcvt_s_wu = (a: A.ArgR2Rm) => this.x2f("fcvt_s_wu", a);
  trans_fcvt_s_l = (a: A.ArgR2Rm) => this.x2f("fcvt_s_l", a);
  trans_fcvt_s_lu = (a: A.ArgR2Rm) => this.x2f("fcvt_s_lu", a);
  trans_fmadd_d = (a: A.ArgR4Rm) => this.fr4("fmadd_d", a);
  trans_fmsub_d = (a: A.ArgR4Rm) => this.fr4("fmsub_d", a);
  trans_fnmsub_d = (a: A.ArgR4Rm) => this.fr4("fnmsub_d", a);
  trans_fnmadd_d = (a: A.ArgR4Rm) => this.fr4("fnmadd_d", a);
  trans_fadd_d = (a: A.ArgRRm) => this.frr("fadd_d", a);
  trans_fsub_d = (a: A.ArgRRm) => this.frr("fsub_d", a);
  trans_fmul_d = (a: A.ArgRRm) => this.frr("fmul_d", a);
  trans_fdiv_d = (a: A.ArgRRm) => this.frr("fdiv_d", a);
  trans_fsqrt_d = (a: A.ArgR2Rm) => this.f2f("fsqrt_d", a);
  trans_fsgnj_d = (a: A.ArgR) => this.fr("fsgnj_d", a);
  trans_fsgnjn_d = (a: A.ArgR) => this.fr("fsgnjn_d", a);
  trans_fsgnjx_d = (a: A.ArgR) => this.fr("fsgnjx_d", a);
  trans_fmin_d = (a: A.ArgR) => this.fr("fmin_d", a);
  trans_fmax_d = (a: A.ArgR) => this.fr("fmax_d", a);
  trans_fcvt_s_d = (a: A.ArgR2Rm) => this.f2f("fcvt_s_d", a);
  trans_fcvt_d_s = (a: A.ArgR2Rm) => this.f2f("fcvt_d_s", a);
  trans_feq_d = (a: A.ArgR) => this.fcmp("feq_d", a);
  trans_flt_d = (a: A.ArgR) => this.fcmp("flt_d", a);
  trans_fle_d = (a: A.ArgR) => this.fcmp("fle_d", a);
  trans_fclass_d = (a: A.ArgR2) => this.fp("fclass_d", this.xd(a.rd), [this.f(a.rs1)], null);
  trans_fcvt_w_d = (a: A.ArgR2Rm) => this.f2x("fcvt_w_d", a);
  trans_fcvt_wu_d = (a: A.ArgR2Rm) => this.f2x("fcvt_wu_d", a);
  trans_fcvt_l_d = (a: A.ArgR2Rm) => this.f2x("fcvt_l_d", a);
  trans_fcvt_lu_d = (a: A.ArgR2Rm) => this.f2x("fcvt_lu_d", a);
  trans_fcvt_d_w = (a: A.ArgR2Rm) => this.x2f("fcvt_d_w", a);
  trans_fcvt_d_wu = (a: A.ArgR2Rm) => this.x2f("fcvt_d_wu", a);
  trans_fcvt_d_l = (a: A.ArgR2Rm) => this.x2f("fcvt_d_l", a);
  trans_fcvt_d_lu = (a: A.ArgR2Rm) => this.x2f("fcvt_d_lu", a);

  // ---- Zba
  private shadd(a: A.ArgR, sh: number, uw: boolean): boolean {
    if (!a.rd) return true;
    const b = this.b;
    const t = b.temp_new_i64();
    if (uw) b.gen_ext32u_i64(t, this.x(a.rs1));
    else b.gen_mov_i64(t, this.x(a.rs1));
    if (sh) b.gen_shli_i64(t, t, sh);
    b.gen_add_i64(this.g.x[a.rd], t, this.x(a.rs2));
    return true;
  }
  trans_sh1add = (a: A.ArgR) => this.shadd(a, 1, false);
  trans_sh2add = (a: A.ArgR) => this.shadd(a, 2, false);
  trans_sh3add = (a: A.ArgR) => this.shadd(a, 3, false);
  trans_add_uw = (a: A.ArgR) => this.shadd(a, 0, true);
  trans_sh1add_uw = (a: A.ArgR) => this.shadd(a, 1, true);
  trans_sh2add_uw = (a: A.ArgR) => this.shadd(a, 2, true);
  trans_sh3add_uw = (a: A.ArgR) => this.shadd(a, 3, true);
  trans_slli_uw(a: A.ArgShift) {
    if (a.shamt > 63) return false;
    if (!a.rd) return true;
    const b = this.b;
    const t = b.temp_new_i64();
    b.gen_ext32u_i64(t, this.x(a.rs1));
    b.gen_shli_i64(this.g.x[a.rd], t, a.shamt);
    return true;
  }

  // ---- Zbb
  trans_andn = (a: A.ArgR) => this.opr(Opc.andc, a);
  trans_orn = (a: A.ArgR) => this.opr(Opc.orc, a);
  trans_xnor = (a: A.ArgR) => this.opr(Opc.eqv, a);
  private unary(a: A.ArgR2, f: (d: Temp, s: Temp) => void): boolean {
    if (a.rd) f(this.g.x[a.rd], this.x(a.rs1));
    return true;
  }
  trans_clz = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.binary(Opc.clz, I64, d, s, this.b.const_i64(64)));
  trans_ctz = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.binary(Opc.ctz, I64, d, s, this.b.const_i64(64)));
  trans_cpop = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.unary(Opc.ctpop, I64, d, s));
  trans_sext_b = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.gen_ext8s(I64, d, s));
  trans_sext_h = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.gen_ext16s(I64, d, s));
  trans_zext_h = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.gen_ext16u(I64, d, s));
  private unary32(a: A.ArgR2, opc: Opc.clz | Opc.ctz | Opc.ctpop): boolean {
    if (!a.rd) return true;
    const b = this.b;
    const t = b.temp_new_i32(),
      r = b.temp_new_i32();
    b.gen_extrl_i64_i32(t, this.x(a.rs1));
    if (opc === Opc.ctpop) b.unary(opc, I32, r, t);
    else b.binary(opc, I32, r, t, b.const_i32(32));
    b.gen_extu_i32_i64(this.g.x[a.rd], r);
    return true;
  }
  trans_clzw = (a: A.ArgR2) => this.unary32(a, Opc.clz);
  trans_ctzw = (a: A.ArgR2) => this.unary32(a, Opc.ctz);
  trans_cpopw = (a: A.ArgR2) => this.unary32(a, Opc.ctpop);
  private minmax(a: A.ArgR, cond: Cond): boolean {
    if (a.rd) this.b.gen_movcond(I64, cond, this.g.x[a.rd], this.x(a.rs1), this.x(a.rs2), this.x(a.rs1), this.x(a.rs2));
    return true;
  }
  trans_max = (a: A.ArgR) => this.minmax(a, Cond.GT);
  trans_maxu = (a: A.ArgR) => this.minmax(a, Cond.GTU);
  trans_min = (a: A.ArgR) => this.minmax(a, Cond.LT);
  trans_minu = (a: A.ArgR) => this.minmax(a, Cond.LTU);
  trans_orc_b = (a: A.ArgR2) => {
    if (a.rd) this.b.gen_call(this.H.orcb, this.g.x[a.rd], [this.x(a.rs1)]);
    return true;
  };
  trans_rev8 = (a: A.ArgR2) => this.unary(a, (d, s) => this.b.gen_bswap64_i64(d, s));
  trans_rol = (a: A.ArgR) => this.opr(Opc.rotl, a);
  trans_ror = (a: A.ArgR) => this.opr(Opc.rotr, a);
  trans_rori(a: A.ArgShift) {
    return this.shifti(Opc.rotr, a);
  }
  trans_rolw = (a: A.ArgR) => this.op32(Opc.rotl, a);
  trans_rorw = (a: A.ArgR) => this.op32(Opc.rotr, a);
  trans_roriw(a: A.ArgShift) {
    if (a.shamt > 31) return false;
    if (!a.rd) return true;
    const b = this.b;
    const t = b.temp_new_i32(),
      r = b.temp_new_i32();
    b.gen_extrl_i64_i32(t, this.x(a.rs1));
    b.binaryi(Opc.rotr, I32, r, t, a.shamt);
    b.gen_ext_i32_i64(this.g.x[a.rd], r);
    return true;
  }

  // ---- Zbs
  private bitOp(a: A.ArgR, opc: Opc.andc | Opc.or | Opc.xor): boolean {
    if (!a.rd) return true;
    const b = this.b;
    const m = b.temp_new_i64();
    b.binary(Opc.shl, I64, m, b.const_i64(1), this.x(a.rs2));
    b.binary(opc, I64, this.g.x[a.rd], this.x(a.rs1), m);
    return true;
  }
  private bitOpI(a: A.ArgShift, opc: Opc.and | Opc.or | Opc.xor): boolean {
    if (a.shamt > 63) return false;
    const bit = 1n << BigInt(a.shamt);
    if (a.rd) this.b.binaryi(opc, I64, this.g.x[a.rd], this.x(a.rs1), opc === Opc.and ? ~bit : bit);
    return true;
  }
  trans_bclr = (a: A.ArgR) => this.bitOp(a, Opc.andc);
  trans_bset = (a: A.ArgR) => this.bitOp(a, Opc.or);
  trans_binv = (a: A.ArgR) => this.bitOp(a, Opc.xor);
  trans_bclri(a: A.ArgShift) {
    return this.bitOpI(a, Opc.and);
  }
  trans_bseti(a: A.ArgShift) {
    return this.bitOpI(a, Opc.or);
  }
  trans_binvi(a: A.ArgShift) {
    return this.bitOpI(a, Opc.xor);
  }
  trans_bext(a: A.ArgR) {
    if (!a.rd) return true;
    const b = this.b;
    const t = b.temp_new_i64();
    b.binary(Opc.shr, I64, t, this.x(a.rs1), this.x(a.rs2));
    b.gen_andi_i64(this.g.x[a.rd], t, 1);
    return true;
  }
  trans_bexti(a: A.ArgShift) {
    if (a.shamt > 63) return false;
    if (a.rd) this.b.gen_extract(I64, this.g.x[a.rd], this.x(a.rs1), a.shamt, 1);
    return true;
  }

  // ---- Zicond
  trans_czero_eqz(a: A.ArgR) {
    if (a.rd) this.b.gen_movcond(I64, Cond.EQ, this.g.x[a.rd], this.x(a.rs2), this.b.const_i64(0), this.b.const_i64(0), this.x(a.rs1));
    return true;
  }
  trans_czero_nez(a: A.ArgR) {
    if (a.rd) this.b.gen_movcond(I64, Cond.NE, this.g.x[a.rd], this.x(a.rs2), this.b.const_i64(0), this.b.const_i64(0), this.x(a.rs1));
    return true;
  }
}
