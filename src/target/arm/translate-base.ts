// The ARM translator's DisasContext and everything its trans_* functions share (QEMU's
// target/arm/tcg/translate.c up to the decoders, and its TranslatorOps at the end): register
// access with the pc-relative reads of r15, the condition codes, the IT-block state machine,
// guest memory accesses, branches and interworking, exceptions, and the TB's start and end.
//
// IT state: as in QEMU, the condexec bits are part of the TB flags (R[TB_FLAGS] bits 31:24), a TB
// that starts inside an IT block zeroes them at its start and writes the right value back only
// when it leaves (gen_set_condexec), and every insn_start records them in its extra word, so a
// fault inside the block restores them (restoreState).
import type { TcgBuilder } from "../../tcg/builder.ts";
import type { Label, Temp } from "../../tcg/context.ts";
import { Cond, MO_64, MO_ALIGN, MO_BSWAP, MO_SIZE, Opc, Type } from "../../tcg/opcodes.ts";
import type { DisasContext, TranslatorOps } from "../../exec/translator.ts";
import { PAGE_MASK, PAGE_SIZE } from "../../tci/state.ts";
import {
  Excp,
  TBF_ALIGN_MEM,
  TBF_BE_DATA,
  TBF_CONDEXEC_SHIFT,
  TBF_MMUIDX_MASK,
  TBF_MMUIDX_SHIFT,
  TBF_THUMB,
  TBF_THUMB_SHIFT,
  TBF2_VECLEN_MASK,
  TBF2_VECSTRIDE_SHIFT,
  TBF2_VFPEN,
} from "./cpu-state.ts";

export const I32 = Type.I32;
export const I64 = Type.I64;

/** The TCG globals of the ARM CPU (QEMU's cpu_R, cpu_NF... and the KONST table). */
export interface ArmGlobals {
  /** r0..r15 (r[15] is the pc). */
  r: Temp[];
  nf: Temp;
  zf: Temp;
  cf: Temp;
  vf: Temp;
  qf: Temp;
  ge: Temp;
  /** The TB flags word (Thumb bit, IT state, endianness) and the second flags word. */
  flags: Temp;
  flags2: Temp;
  exclAddr: Temp;
  exclVal: Temp;
  /** Read-only words holding 0..255: helper operands that need no materialized constant. */
  k: Temp[];
}

/** Helper ids by name (registered by ArmCpu). */
export type ArmHelperIds = Readonly<Record<string, number>>;

/**
 * QEMU's DisasJumpType values the ARM translator uses (DISAS_TARGET_0...). The first three are
 * the loop's DisasJump values; the numbers are literal because a const enum member that refers to
 * another module's const enum is not a constant for per-file compilers (tsx, esbuild).
 */
export const enum Dj {
  Next = 0,
  TooMany = 1,
  NoReturn = 2,
  /** The pc (and Thumb bit) were written: look the next TB up (DISAS_JUMP). */
  Jump = 3,
  /** Write the next pc and leave to the main loop (DISAS_UPDATE_EXIT). */
  UpdateExit = 4,
  /** Write the next pc and look the next TB up (DISAS_UPDATE_NOCHAIN). */
  UpdateNoChain = 5,
  /** The pc is written: look the next TB up by the (changed) CPU state (DISAS_EXIT). */
  Exit = 6,
  /** SVC: the exception is raised after the instruction (DISAS_SWI). */
  Swi = 7,
  /** WFI, WFE, YIELD: in user mode they yield to the main loop and continue. */
  Yield = 8,
}

/** A comparison of a flag expression with 0 (QEMU's DisasCompare). */
interface Compare {
  cond: Cond;
  value: Temp;
}

export abstract class ArmDisas implements TranslatorOps {
  b!: TcgBuilder;
  db!: DisasContext;
  // ---- per TB (QEMU's DisasContext fields)
  thumb = false;
  condexecMask = 0;
  condexecCond = 0;
  /** MO_BSWAP when data accesses are big-endian (CPSR.E). */
  beData = 0;
  alignMem = false;
  mmuIdx = 0;
  /** PL0: Linux user mode (mmu index 0). */
  user = true;
  /**
   * System mode (the privileged CPU of src/target/arm/translate-system.ts): no kuser-helper trap,
   * and privileged instructions call the system helpers instead of being UNDEFINED.
   */
  system = false;
  vecLen = 0;
  vecStride = 0;
  vfpEnabled = true;
  // ---- per instruction
  /** Address of the instruction being translated (QEMU's pc_curr). */
  pcCurr = 0;
  /** Its length in bytes (curr_insn_len). */
  insnLen = 4;
  insn = 0;
  isJmp: number = Dj.Next;
  /** A conditional instruction jumps to condlabel when its condition fails (QEMU's condjmp). */
  condjmp = false;
  condlabel: Label = -1;
  svcImm = 0;

  constructor(
    readonly g: ArmGlobals,
    readonly H: ArmHelperIds,
  ) {}

  /** Decodes one instruction of the current state (the subclass's decoder calls). */
  protected abstract decodeArm(insn: number): boolean;
  protected abstract decodeThumb32(insn: number): boolean;
  protected abstract decodeThumb16(insn: number): boolean;

  // ================================================================ TranslatorOps

  tbStart(db: DisasContext): void {
    this.db = db;
    this.b = db.b;
    const f = db.flags,
      f2 = db.csBase;
    this.thumb = (f & TBF_THUMB) !== 0;
    this.beData = f & TBF_BE_DATA ? MO_BSWAP : 0;
    this.alignMem = (f & TBF_ALIGN_MEM) !== 0;
    this.mmuIdx = (f & TBF_MMUIDX_MASK) >>> TBF_MMUIDX_SHIFT;
    this.user = this.mmuIdx === 0;
    this.vecLen = f2 & TBF2_VECLEN_MASK;
    this.vecStride = (f2 >>> TBF2_VECSTRIDE_SHIFT) & 3;
    this.vfpEnabled = (f2 & TBF2_VFPEN) !== 0;
    const condexec = (f >>> TBF_CONDEXEC_SHIFT) & 0xff;
    this.condexecMask = (condexec & 0xf) << 1;
    this.condexecCond = condexec >>> 4;
    this.condjmp = false;
    // arm_tr_tb_start: zero the IT bits in the CPU state now; gen_set_condexec restores the right
    // value whenever the TB is left.
    if (condexec !== 0) this.setCondexecBits(0);
  }

  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcNextLo, 0, (this.condexecCond << 4) | (this.condexecMask >>> 1));
  }

  translateInsn(db: DisasContext): void {
    if (this.thumb) this.translateThumb(db);
    else this.translateArm(db);
    db.isJmp = this.isJmp;
  }

  private translateArm(db: DisasContext): void {
    const pc = db.pcNextLo;
    this.isJmp = Dj.Next;
    if (pc & 3) {
      // PC alignment fault (only possible at the start of a TB, after an indirect branch).
      this.pcCurr = pc;
      this.insnLen = 4;
      this.call("pc_alignment", null, []);
      this.isJmp = Dj.NoReturn;
      db.advance(4 - (pc & 3));
      return;
    }
    if (this.kernelPage(pc)) {
      db.advance(4);
      return;
    }
    const insn = db.code32(pc, 0);
    this.pcCurr = pc;
    this.insnLen = 4;
    this.insn = insn;
    db.advance(4);
    const cond = insn >>> 28;
    if (cond === 0xf) {
      if (!this.decodeArmUncond(insn)) this.unallocatedEncoding();
    } else {
      if (cond !== 0xe) this.armSkipUnless(cond);
      if (!this.decodeArm(insn)) this.unallocatedEncoding();
    }
    this.postTranslateInsn();
  }

  /** The cond == 0b1111 space (disas_a32_uncond, then VFP's and Neon's: none on this CPU). */
  protected abstract decodeArmUncond(insn: number): boolean;

  private translateThumb(db: DisasContext): void {
    const pc = db.pcNextLo;
    this.isJmp = Dj.Next;
    if (this.kernelPage(pc)) {
      db.advance(2);
      return;
    }
    let insn = db.code16(pc, 0);
    const is16 = insn >>> 11 < 0x1d;
    if (!is16) {
      const pc2 = (pc + 2) | 0;
      insn = (insn << 16) | db.code16(pc2, 0) | 0;
    }
    this.pcCurr = pc;
    this.insnLen = is16 ? 2 : 4;
    this.insn = insn;
    db.advance(this.insnLen);
    if (this.condexecMask && !thumbInsnIsUnconditional(insn)) {
      const cond = this.condexecCond;
      // Both 0xe and 0xf mean "always" (0xf is not "never").
      if (cond < 0xe) this.armSkipUnless(cond);
    }
    const ok = is16 ? this.decodeThumb16(insn) : this.decodeThumb32(insn);
    if (!ok) this.unallocatedEncoding();
    // Advance the IT state.
    if (this.condexecMask) {
      this.condexecCond = (this.condexecCond & 0xe) | ((this.condexecMask >>> 4) & 1);
      this.condexecMask = (this.condexecMask << 1) & 0x1f;
      if (this.condexecMask === 0) this.condexecCond = 0;
    }
    this.postTranslateInsn();
    // thumb_tr_translate_insn: stop before a 32-bit instruction that starts in the page's last halfword
    // (it spans two pages), so that it gets a TB of its own and a prefetch abort on its second half is
    // raised at its own pc. (The loop itself stops at the end of the page.)
    if (this.isJmp === Dj.Next) {
      const next = db.pcNextLo;
      if (((next - (db.pcFirstLo & PAGE_MASK)) | 0) === PAGE_SIZE - 2 && db.code16(next, 0) >>> 11 >= 0x1d) this.isJmp = Dj.TooMany;
    }
  }

  /** arm_check_kernelpage: a jump to the kuser helper page raises EXCP_KERNEL_TRAP (user mode). */
  private kernelPage(pc: number): boolean {
    if (this.system || !this.user || pc >>> 0 < 0xffff0000) return false;
    this.pcCurr = pc;
    this.call("kernel_trap", null, []);
    this.isJmp = Dj.NoReturn;
    return true;
  }

  /** arm_post_translate_insn: the condition-failed path continues after the instruction. */
  private postTranslateInsn(): void {
    if (this.condjmp && (this.isJmp === Dj.Next || this.isJmp === Dj.TooMany)) {
      this.b.gen_set_label(this.condlabel);
      this.condjmp = false;
    }
  }

  tbStop(db: DisasContext): void {
    const b = this.b;
    this.isJmp = db.isJmp;
    // If the loop ended the TB (budget, page) the instruction's condjmp was already closed.
    this.genSetCondexec();
    switch (this.isJmp) {
      case Dj.Next:
      case Dj.TooMany:
        this.gotoTb(1, db.pcNextLo);
        break;
      case Dj.UpdateNoChain:
        this.setPc(this.pcCurr + this.insnLen);
        b.gen_lookup_and_goto_ptr();
        break;
      case Dj.Jump:
      case Dj.Exit:
        b.gen_lookup_and_goto_ptr();
        break;
      case Dj.UpdateExit:
        this.setPc(this.pcCurr + this.insnLen);
        b.gen_lookup_and_goto_ptr();
        break;
      case Dj.Yield:
        b.gen_exit_tb(-1);
        break;
      case Dj.Swi:
        this.call("swi", null, []);
        break;
      case Dj.NoReturn:
        break;
    }
    if (this.condjmp) {
      // The condition-failed path of a conditional branch or trap.
      b.gen_set_label(this.condlabel);
      this.genSetCondexec();
      this.gotoTb(1, this.pcCurr + this.insnLen);
    }
  }

  // ================================================================ small emitters

  k(i: number): Temp {
    return this.g.k[i];
  }

  /** Calls helper `name` (ids are looked up at translation time only). */
  call(name: string, out: Temp | null, ins: Temp[]): void {
    const id = this.H[name];
    if (id === undefined) throw new Error(`arm translator: no helper ${name}`);
    this.b.gen_call(id, out, ins);
  }

  temp(): Temp {
    return this.b.temp_new_i32();
  }
  temp64(): Temp {
    return this.b.temp_new_i64();
  }
  konst(v: number): Temp {
    return this.b.const_i32(v | 0);
  }

  /** The pc value an instruction reads from r15 (+8 in ARM state, +4 in Thumb). */
  pcRead(): number {
    return (this.pcCurr + (this.thumb ? 4 : 8)) | 0;
  }

  /** load_reg as a read-only value: the register's global, or the pc-relative constant for r15. */
  reg(r: number): Temp {
    return r === 15 ? this.konst(this.pcRead()) : this.g.r[r];
  }

  /** load_reg: a fresh temp holding the register (for code that modifies it in place). */
  regCopy(r: number): Temp {
    const t = this.temp();
    if (r === 15) this.b.gen_movi_i32(t, this.pcRead());
    else this.b.gen_mov_i32(t, this.g.r[r]);
    return t;
  }

  /** add_reg_for_lit: reg + ofs, where the pc reads as Align(pc, 4) (literal addressing). */
  regForLit(r: number, ofs: number): Temp {
    if (r === 15) return this.konst(((this.pcRead() & ~3) + ofs) | 0);
    const t = this.temp();
    this.b.gen_addi_i32(t, this.g.r[r], ofs);
    return t;
  }

  /**
   * Where an instruction can compute a result for rd directly: the register's global, or a temp
   * for the pc (which needs store_reg's masking and ends the TB).
   */
  dst(rd: number): Temp {
    return rd === 15 ? this.temp() : this.g.r[rd];
  }

  /** store_reg: writes a register; the pc ignores bit 0 (Thumb) or bits 1:0 (ARM) and ends the TB. */
  storeReg(r: number, v: Temp): void {
    if (r === 15) {
      this.b.gen_andi_i32(this.g.r[15], v, this.thumb ? ~1 : ~3);
      this.isJmp = Dj.Jump;
    } else this.b.gen_mov_i32(this.g.r[r], v);
  }

  /** store_reg_bx: ARMv7 ALU writes to the pc interwork. */
  storeRegBx(r: number, v: Temp): void {
    if (r === 15) this.genBx(v);
    else this.storeReg(r, v);
  }

  /** store_reg_from_load: loads into the pc interwork (LoadWritePC). */
  storeRegFromLoad(r: number, v: Temp): void {
    if (r === 15) this.genBx(v);
    else this.storeReg(r, v);
  }

  /** gen_bx: pc = v & ~1, Thumb state = v & 1. */
  genBx(v: Temp): void {
    const b = this.b;
    this.isJmp = Dj.Jump;
    b.gen_deposit(I32, this.g.flags, this.g.flags, v, TBF_THUMB_SHIFT, 1);
    b.gen_andi_i32(this.g.r[15], v, ~1);
  }

  /** Writes a constant pc (QEMU's gen_update_pc with pc_curr + diff). */
  setPc(pc: number): void {
    this.b.gen_movi_i32(this.g.r[15], pc | 0);
  }

  /** Writes the IT bits of the TB flags word. */
  setCondexecBits(v: number): void {
    this.b.gen_deposit(I32, this.g.flags, this.g.flags, this.konst(v), TBF_CONDEXEC_SHIFT, 8);
  }

  /** gen_set_condexec: the current IT state into the CPU state, when inside an IT block. */
  genSetCondexec(): void {
    if (this.condexecMask) this.setCondexecBits((this.condexecCond << 4) | (this.condexecMask >>> 1));
  }

  // ================================================================ condition codes

  /** arm_test_cc: the flag expression and comparison with 0 that is true for condition cc. */
  testCc(cc: number): Compare {
    const b = this.b,
      g = this.g;
    let cond: Cond;
    let value: Temp;
    switch (cc >> 1) {
      case 0: // eq / ne
        cond = Cond.EQ;
        value = g.zf;
        break;
      case 1: // cs / cc
        cond = Cond.NE;
        value = g.cf;
        break;
      case 2: // mi / pl
        cond = Cond.LT;
        value = g.nf;
        break;
      case 3: // vs / vc
        cond = Cond.LT;
        value = g.vf;
        break;
      case 4: // hi: C && !Z
        cond = Cond.NE;
        value = this.temp();
        b.gen_neg_i32(value, g.cf);
        b.gen_and_i32(value, value, g.zf);
        break;
      case 5: // ge: N == V
        cond = Cond.GE;
        value = this.temp();
        b.gen_xor_i32(value, g.vf, g.nf);
        break;
      case 6: // gt: !Z && N == V
        cond = Cond.NE;
        value = this.temp();
        b.gen_xor_i32(value, g.vf, g.nf);
        b.gen_sari_i32(value, value, 31);
        b.binary(Opc.andc, I32, value, g.zf, value);
        break;
      default:
        return { cond: Cond.ALWAYS, value: g.zf };
    }
    return { cond: cc & 1 ? invert(cond) : cond, value };
  }

  /** arm_gen_condlabel. */
  genCondlabel(): void {
    if (!this.condjmp) {
      this.condlabel = this.b.label_new();
      this.condjmp = true;
    }
  }

  /** arm_skip_unless: jump to condlabel unless condition cond holds. */
  armSkipUnless(cond: number): void {
    this.genCondlabel();
    const c = this.testCc(cond ^ 1);
    this.b.gen_brcondi(I32, c.cond, c.value, 0, this.condlabel);
  }

  // ================================================================ flags

  /** gen_logic_CC: N and Z from a result. */
  logicCC(v: Temp): void {
    this.b.gen_mov_i32(this.g.nf, v);
    this.b.gen_mov_i32(this.g.zf, v);
  }

  /** gen_set_nzcv (cpsr_write of NZCV from bits 31:28), inline. */
  setNzcv(v: Temp): void {
    const b = this.b,
      g = this.g;
    // VF keeps V in bit 31 (the other bits are ignored by every reader); NF is written last.
    b.gen_shli_i32(g.vf, v, 3);
    b.gen_extract(I32, g.cf, v, 29, 1);
    b.binary(Opc.andc, I32, g.zf, this.konst(1 << 30), v);
    b.gen_mov_i32(g.nf, v);
  }

  // ================================================================ memory

  /** finalize_memop: endianness, and alignment when SCTLR.A asks for it. */
  memop(mo: number): number {
    if (this.alignMem && (mo & MO_SIZE) !== 0) mo |= MO_ALIGN;
    return mo | this.beData;
  }

  /** A guest load into v of [addr + off]. */
  ld(v: Temp, addr: Temp, off: number, mo: number, mmu = this.mmuIdx): void {
    this.b.gen_qemu_ld((mo & MO_SIZE) === MO_64 ? I64 : I32, v, addr, off, mo, mmu);
  }
  st(v: Temp, addr: Temp, off: number, mo: number, mmu = this.mmuIdx): void {
    this.b.gen_qemu_st((mo & MO_SIZE) === MO_64 ? I64 : I32, v, addr, off, mo, mmu);
  }

  // ================================================================ jumps and exceptions

  /** gen_goto_tb: chain to dest when it is on this TB's page, else look it up. */
  gotoTb(n: 0 | 1, dest: number): void {
    const b = this.b;
    if (this.db.useGotoTb(dest | 0, 0)) {
      b.gen_goto_tb(n);
      this.setPc(dest);
      b.gen_exit_tb(n);
    } else {
      this.setPc(dest);
      b.gen_lookup_and_goto_ptr();
    }
    this.isJmp = Dj.NoReturn;
  }

  /** gen_jmp: a direct branch to pc_curr + diff (diff already includes the pipeline offset). */
  genJmp(dest: number, tbno: 0 | 1 = 0): void {
    switch (this.isJmp) {
      case Dj.Next:
      case Dj.TooMany:
      case Dj.NoReturn:
        this.gotoTb(tbno, dest);
        break;
      case Dj.UpdateNoChain:
      case Dj.UpdateExit:
        this.setPc(dest);
        this.b.gen_lookup_and_goto_ptr();
        this.isJmp = Dj.NoReturn;
        break;
      default:
        throw new Error(`arm translator: jump after a TB end of kind ${this.isJmp}`);
    }
  }

  /** A precise exception at the current instruction (the unwinder restores its pc and IT state). */
  genExceptionInsn(excp: Excp.Udef | Excp.Bkpt): void {
    this.call("raise", null, [this.k(excp)]);
    this.isJmp = Dj.NoReturn;
  }

  /** unallocated_encoding: UNDEFINED instruction (SIGILL in Linux user mode). */
  unallocatedEncoding(): void {
    this.genExceptionInsn(Excp.Udef);
  }

  /** gen_lookup_tb: the instruction changed state the TB depends on; continue with a lookup. */
  genLookupTb(): void {
    this.setPc(this.pcCurr + this.insnLen);
    this.isJmp = Dj.Exit;
  }

  /** The exclusive monitor is cleared (CLREX, and every STREX). */
  genClrex(): void {
    this.b.gen_movi_i64(this.g.exclAddr, -1);
  }
}

function invert(c: Cond): Cond {
  switch (c) {
    case Cond.EQ:
      return Cond.NE;
    case Cond.NE:
      return Cond.EQ;
    case Cond.LT:
      return Cond.GE;
    case Cond.GE:
      return Cond.LT;
    default:
      throw new Error(`invert: ${c}`);
  }
}

/** thumb_insn_is_unconditional: BKPT executes even when its IT condition fails (v7: not HLT). */
function thumbInsnIsUnconditional(insn: number): boolean {
  return (insn & 0xffffff00) === 0xbe00;
}
