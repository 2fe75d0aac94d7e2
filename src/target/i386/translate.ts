// The i386 translator: guest instructions -> TCG ops on the shared translator loop (QEMU 10's
// i386_tr_* TranslatorOps in target/i386/tcg/translate.c) and decode-new.c.inc's disas_insn tail:
// decoding (decode.ts), the checks, operand loads, the operation's gen function, writeback and the
// flags update. The DisasContext helpers are in disas-context.ts, the operations in emit-*.ts.
import type { Temp } from "../../tcg/context.ts";
import { MO_SIGN, Type } from "../../tcg/opcodes.ts";
import type { DisasContext, TranslatorOps } from "../../exec/translator.ts";
import { CcOp, HF_INHIBIT_IRQ_MASK, HF_RF_MASK, HF_TF_MASK, I386Excp, segSel } from "./cpu-state.ts";
import { Dj, I386DisasContext } from "./disas-context.ts";
import { emitInt } from "./emit-int.ts";
import { emitSse, loadVectorOperand } from "./emit-sse.ts";
import { genX87 } from "./emit-x87.ts";
import { Fault, MO_32, MO_8, PREFIX_LOCK, PREFIX_REPNZ, PREFIX_REPZ, Special, Unit, type I386Insn } from "./insn.ts";
import { Op as IOp } from "./ops.ts";

export { Dj, I386DisasContext, type I386Globals, type I386HelperIds } from "./disas-context.ts";

const I32 = Type.I32;

export class I386Translator extends I386DisasContext implements TranslatorOps {
  // ---- TranslatorOps

  tbStart(db: DisasContext): void {
    this.db = db;
    this.b = db.b;
    this.csBase = db.csBase;
    this.flags = db.flags;
    this.ccOp = CcOp.DYNAMIC;
    this.ccOpDirty = false;
    this.jmpOpt = !db.noChain && (this.flags & (HF_RF_MASK | HF_TF_MASK | HF_INHIBIT_IRQ_MASK)) === 0;
    const b = this.b;
    this.T0 = b.temp_new_i32();
    this.T1 = b.temp_new_i32();
    this.A0 = b.temp_new_i32();
    this.tmp0 = b.temp_new_i32();
    this.tmp4 = b.temp_new_i32();
    this.ccSrcT = b.temp_new_i32();
  }

  insnStart(db: DisasContext): void {
    const ops = db.b.ctx.ops;
    db.b.gen_insn_start(db.pcNextLo, 0, this.ccOp);
    this.insnStartOp = ops[ops.length - 1];
  }

  translateInsn(db: DisasContext): void {
    const pc = db.pcNextLo >>> 0;
    this.pcCur = pc;
    const first = db.numInsns <= 1;
    // QEMU's advance_pc: a later instruction that crosses into another page ends the TB before it
    // (it is translated again, first in a TB of its own); x86_ld*_code reads through the loop.
    const insn = this.decoder.decode(this.insn, pc, (addr) => {
      if (!first && !db.onFirstPage(addr | 0, 0)) db.endTbBeforeInsn();
      return db.code8(addr | 0, 0);
    });
    this.pc = (pc + insn.len) >>> 0;
    db.advance(insn.len);
    this.isJmp = Dj.Next;
    this.prefix = insn.prefix;
    this.dflag = insn.dflag;
    this.aflag = insn.aflag;
    this.override = insn.override;
    if (insn.fault !== Fault.NONE) {
      this.genException(insn.fault === Fault.GP ? I386Excp.GPF : I386Excp.ILLOP);
    } else {
      this.disasInsn(insn);
    }
    if (this.isJmp === Dj.Next) {
      if (this.flags & (HF_TF_MASK | HF_INHIBIT_IRQ_MASK)) this.isJmp = Dj.EobNext;
      else if (!db.onFirstPage(this.pc | 0, 0)) this.isJmp = Dj.TooMany;
    }
    db.isJmp = this.isJmp;
  }

  tbStop(db: DisasContext): void {
    switch (db.isJmp as Dj) {
      case Dj.NoReturn:
        break;
      case Dj.Next:
      case Dj.TooMany:
        this.updateCcOp();
        this.jmpRelCsize(0, 0);
        break;
      case Dj.EobNext:
      case Dj.EobInhibitIrq:
        this.updateEipNext();
        this.eob(db.isJmp);
        break;
      case Dj.EobOnly:
      case Dj.Jump:
        this.eob(db.isJmp);
        break;
    }
  }

  // ---- disas_insn's tail: checks, operand loading, the gen function, writeback, flags

  private disasInsn(insn: I386Insn): void {
    const b = this.b;
    this.decCcOp = -1;
    this.decCcDst = this.decCcSrc = this.decCcSrc2 = this.decCcOpDynamic = null;
    if (insn.op === IOp.X87) {
      genX87(this, insn);
      return;
    }
    if (insn.special === Special.MMX && !(this.prefix & (PREFIX_REPZ | PREFIX_REPNZ | 8))) this.call("enter_mmx", null, []);
    if (insn.special !== Special.NoLoadEA && insn.hasMem) this.genLeaModrm(insn);
    if (this.prefix & PREFIX_LOCK) {
      this.genLoad(insn, 2, this.T1);
      this.genOp(insn);
    } else {
      this.genLoad(insn, 1, this.T0);
      this.genLoad(insn, 2, this.T1);
      this.genOp(insn);
      this.genWriteback(insn, 0, this.T0);
    }
    if (this.decCcOp !== -1) {
      if (this.decCcDst !== null) b.gen_mov_i32(this.g.ccDst, this.decCcDst);
      if (this.decCcSrc !== null) b.gen_mov_i32(this.g.ccSrc, this.decCcSrc);
      if (this.decCcSrc2 !== null) b.gen_mov_i32(this.g.ccSrc2, this.decCcSrc2);
      if (this.decCcOp === CcOp.DYNAMIC) b.gen_mov_i32(this.g.ccOp, this.decCcOpDynamic!);
      this.setCcOp(this.decCcOp);
    }
  }

  /** The gen_* function of the operation (QEMU's decode.e.gen). */
  private genOp(insn: I386Insn): void {
    if (emitInt(this, insn)) return;
    if (emitSse(this, insn)) return;
    throw new Error(`i386 translator: no emitter for operation ${insn.op} at ${this.pcCur.toString(16)}`);
  }

  /** gen_load */
  genLoad(insn: I386Insn, opn: number, v: Temp): void {
    const b = this.b;
    switch (insn.unit[opn] as Unit) {
      case Unit.SKIP:
        return;
      case Unit.SEG:
        this.ldEnv(v, segSel(insn.n[opn]));
        return;
      case Unit.INT: {
        const ot = insn.ot[opn];
        const sx = insn.special === Special.SExtT0;
        const zx = insn.special === Special.ZExtT0;
        if (insn.hasEa[opn]) {
          this.ld(ot | (v === this.T0 && sx ? MO_SIGN : 0), v, this.ea);
        } else if (ot < MO_32 && v === this.T0 && (sx || zx)) {
          const n = insn.n[opn];
          if (ot === MO_8 && n >= 4) {
            if (sx) b.gen_sextract(I32, v, this.g.regs[n - 4], 8, 8);
            else b.gen_extract(I32, v, this.g.regs[n - 4], 8, 8);
          } else this.extTl(v, this.g.regs[n], ot, sx);
        } else this.movVReg(ot, v, insn.n[opn]);
        return;
      }
      case Unit.IMM:
        b.gen_movi_i32(v, insn.opImm[opn]);
        return;
      case Unit.MMX:
      case Unit.SSE:
        loadVectorOperand(this, insn, opn);
        return;
      default:
        throw new Error(`i386 translator: operand unit ${insn.unit[opn]}`);
    }
  }
}
