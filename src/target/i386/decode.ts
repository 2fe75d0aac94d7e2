// The i386 instruction decoder: QEMU 10's disas_insn/decode_insn (target/i386/tcg/decode-new.c.inc)
// for 32-bit protected-mode user code at CPL 3, plus the decoding QEMU still does at code generation
// time for x87 (gen_x87) and the system group (gen_multi0F), so that every #UD and #GP QEMU raises while
// translating is known here. It reads code bytes through a callback in the order QEMU fetches them, so
// the length of an invalid instruction is also QEMU's (the TB ends after the bytes QEMU read), and an
// instruction longer than 15 bytes faults with #GP as soon as its 16th byte is fetched (advance_pc).
//
// Usage: one I386Decoder and one I386Insn per translator; `decode(insn, pc, read)` fills insn.
import {
  CHECK_CPL0,
  CHECK_CPL_IOPL,
  CHECK_I64,
  CHECK_O64,
  CHECK_O64_INTEL,
  CHECK_SMM,
  CHECK_VEX128,
  CHECK_VM86_IOPL,
  CHECK_W0,
  CHECK_W1,
  Fault,
  I386Insn,
  MAP_0F,
  MAP_0F38,
  MAP_0F3A,
  MAP_1BYTE,
  MO_128,
  MO_16,
  MO_256,
  MO_32,
  MO_64,
  MO_8,
  PREFIX_ADR,
  PREFIX_DATA,
  PREFIX_LOCK,
  PREFIX_REPNZ,
  PREFIX_REPZ,
  PREFIX_VEX,
  R_CS,
  R_DS,
  R_EBP,
  R_EBX,
  R_EDI,
  R_ES,
  R_ESI,
  R_ESP,
  R_FS,
  R_GS,
  R_SS,
  Special,
  T,
  Unit,
  Z,
} from "./insn.ts";
import {
  copyEntry,
  decode0F,
  decode0F38,
  decode0F3A,
  decodeRoot,
  emptyEntry,
  Feat,
  GEN_MULTI0F,
  GEN_X87,
  tableFeatures,
  VexSpecial,
  type DecodeCtx,
  type DecodeFn,
  type OpEntry,
} from "./decode-tables.ts";
import { QEMU32_NO_SSE3, type I386CpuModel } from "./cpu-model.ts";
import { Op } from "./ops.ts";

/** Reads one code byte (0-255) at a guest address; may throw (page fault) — the translator's business. */
export type CodeReader = (addr: number) => number;

/** X86_MAX_INSN_LENGTH */
export const MAX_INSN_LENGTH = 15;

/** Thrown internally when the 16th byte is fetched (QEMU's siglongjmp(s->jmpbuf, 1)). */
const TOO_LONG = { tooLong: true };

const enum Outcome {
  OK,
  ILLEGAL, // gen_illegal_opcode
  UNKNOWN, // gen_unknown_opcode (also #UD)
  GP, // gen_exception_gpf
}

export class I386Decoder implements DecodeCtx {
  prefix = 0;
  vexL = 0;
  dflag = MO_32;
  popEspHack = 0;
  map = MAP_1BYTE;

  private insn = new I386Insn();
  private read: CodeReader = () => 0;
  private pc = 0;
  private start = 0;
  private readonly e: OpEntry = emptyEntry();
  private readonly bRef = { v: 0 };

  constructor(readonly model: I386CpuModel = QEMU32_NO_SSE3) {}

  /** Decodes the instruction at `pc` into `insn` (every field is rewritten) and returns it. */
  decode(insn: I386Insn, pc: number, read: CodeReader): I386Insn {
    this.insn = insn;
    this.read = read;
    this.start = this.pc = pc >>> 0;
    insn.pc = this.start;
    tableFeatures.abm = this.model.abm;
    tableFeatures.bmi1 = this.model.bmi1;
    let out: Outcome;
    try {
      out = this.disasInsn();
    } catch (err) {
      if (err !== TOO_LONG) throw err;
      out = Outcome.GP;
    }
    insn.len = (this.pc - this.start) >>> 0;
    insn.prefix = this.prefix;
    insn.fault = out === Outcome.OK ? Fault.NONE : out === Outcome.GP ? Fault.GP : Fault.UD;
    return insn;
  }

  // ---- code fetch (advance_pc and x86_ld*_code) ----

  private advance(n: number): number {
    const pc = this.pc;
    this.pc = (this.pc + n) >>> 0;
    if ((this.pc - this.start) >>> 0 > MAX_INSN_LENGTH) {
      // if the 16th byte is on another page than the previous fetch, a page fault on it wins
      if (((this.pc - 1) ^ (pc - 1)) & ~0xfff) this.read((this.pc - 1) & ~0xfff);
      throw TOO_LONG;
    }
    return pc;
  }

  private byteAt(addr: number): number {
    const v = this.read(addr >>> 0) & 0xff;
    const i = (addr - this.start) >>> 0;
    if (i < this.insn.bytes.length) this.insn.bytes[i] = v;
    return v;
  }

  ldub(): number {
    return this.byteAt(this.advance(1));
  }
  private lduw(): number {
    const a = this.advance(2);
    return this.byteAt(a) | (this.byteAt(a + 1) << 8);
  }
  private ldl(): number {
    const a = this.advance(4);
    return (this.byteAt(a) | (this.byteAt(a + 1) << 8) | (this.byteAt(a + 2) << 16) | (this.byteAt(a + 3) << 24)) >>> 0;
  }

  getModrm(): number {
    const insn = this.insn;
    if (!insn.hasModrm) {
      insn.modrm = this.ldub();
      insn.hasModrm = true;
    }
    return insn.modrm;
  }

  forceModReg(): void {
    this.insn.modrm |= 0xc0;
  }

  // ---- disas_insn ----

  private disasInsn(): Outcome {
    const s = this.insn;
    let decodeFunc: DecodeFn = decodeRoot;
    this.prefix = 0;
    this.popEspHack = 0;
    this.vexL = 0;
    s.override = -1;
    s.vexL = s.vexV = s.vexW = 0;
    s.hasModrm = false;
    s.modrm = 0;
    s.map = this.map = MAP_1BYTE;
    s.op = 0;
    s.x87Op = 0;
    s.immediate = 0;
    s.memDefSeg = R_DS;
    s.memBase = s.memIndex = -1;
    s.memScale = s.memDisp = 0;
    for (let i = 0; i < 3; i++) {
      s.unit[i] = Unit.SKIP;
      s.n[i] = 0;
      s.ot[i] = 0;
      s.hasEa[i] = false;
      s.opImm[i] = 0;
    }
    for (let i = 0; i < 4; i++) s.type[i] = s.size[i] = 0;
    s.special = Special.None;
    s.check = 0;
    s.hasOp3Imm = false;
    s.dflag = s.aflag = MO_32;

    let b: number;
    prefixes: for (;;) {
      b = this.ldub();
      switch (b) {
        case 0xf3:
          this.prefix = (this.prefix | PREFIX_REPZ) & ~PREFIX_REPNZ;
          continue;
        case 0xf2:
          this.prefix = (this.prefix | PREFIX_REPNZ) & ~PREFIX_REPZ;
          continue;
        case 0xf0:
          this.prefix |= PREFIX_LOCK;
          continue;
        case 0x2e:
          s.override = R_CS;
          continue;
        case 0x36:
          s.override = R_SS;
          continue;
        case 0x3e:
          s.override = R_DS;
          continue;
        case 0x26:
          s.override = R_ES;
          continue;
        case 0x64:
          s.override = R_FS;
          continue;
        case 0x65:
          s.override = R_GS;
          continue;
        case 0x66:
          this.prefix |= PREFIX_DATA;
          continue;
        case 0x67:
          this.prefix |= PREFIX_ADR;
          continue;
        case 0xc5: // 2-byte VEX
        case 0xc4: {
          // 3-byte VEX; outside 64-bit mode bits 6-7 of the next byte must be set, else LES/LDS
          const vex2 = this.ldub();
          if ((vex2 & 0xc0) !== 0xc0) {
            this.pc = (this.pc - 1) >>> 0; // rewind
            break prefixes;
          }
          // no preceding lock, 66, f2 or f3
          if (this.prefix & (PREFIX_REPZ | PREFIX_REPNZ | PREFIX_LOCK | PREFIX_DATA)) return Outcome.ILLEGAL;
          let vex3: number;
          if (b === 0xc5) {
            vex3 = vex2;
            decodeFunc = decode0F;
          } else {
            vex3 = this.ldub();
            s.vexW = (vex3 >> 7) & 1;
            switch (vex2 & 0x1f) {
              case 1:
                decodeFunc = decode0F;
                break;
              case 2:
                decodeFunc = decode0F38;
                break;
              case 3:
                decodeFunc = decode0F3A;
                break;
              default:
                return Outcome.UNKNOWN;
            }
          }
          s.vexV = (~vex3 >> 3) & 7;
          s.vexL = this.vexL = (vex3 >> 2) & 1;
          this.prefix |= [0, PREFIX_DATA, PREFIX_REPZ, PREFIX_REPNZ][vex3 & 3]! | PREFIX_VEX;
          break prefixes;
        }
        default:
          break prefixes;
      }
    }

    // 16/32-bit mode: 66 and 67 select the other size
    s.dflag = this.dflag = this.prefix & PREFIX_DATA ? MO_16 : MO_32;
    s.aflag = this.prefix & PREFIX_ADR ? MO_16 : MO_32;
    s.b = b;
    this.bRef.v = b;

    if (!this.decodeInsn(decodeFunc)) return Outcome.ILLEGAL;
    const e = this.e;
    this.publishEntry();
    if (e.gen === 0) return Outcome.UNKNOWN;
    if (!this.hasFeature(e.cpuid)) return Outcome.ILLEGAL;

    // checks that result in #UD come first
    if (e.check) {
      if (e.check & CHECK_O64) return Outcome.ILLEGAL;
      if (e.check & CHECK_O64_INTEL && this.model.vendorIntel) return Outcome.ILLEGAL;
      // CHECK_I64*: not 64-bit code; CHECK_PROT*/NO_VM86: protected mode, never vm86
    }

    let acceptLock = false;
    switch (e.special) {
      case Special.Locked:
        if (s.hasEa[0]) this.prefix |= PREFIX_LOCK;
      // fallthrough
      case Special.HasLock:
      case Special.BitTest:
        acceptLock = s.hasEa[0]!;
        break;
      case Special.Op0_Rd:
        if (!s.hasEa[0]) s.ot[0] = MO_32;
        break;
      case Special.Op2_Ry:
        if (!s.hasEa[2]) s.ot[2] = this.dflag === MO_16 ? MO_32 : this.dflag;
        break;
      case Special.AVXExtMov:
        if (!s.hasEa[2]) s.ot[2] = this.vexL ? MO_256 : MO_128;
        else if (this.vexL) s.ot[2]++;
        break;
      case Special.Op0_Mw:
        if (s.hasEa[0]) s.ot[0] = MO_16;
        break;
    }
    if (this.prefix & PREFIX_LOCK && !acceptLock) return Outcome.ILLEGAL;

    if (!this.validateVex()) return Outcome.ILLEGAL;

    // checks that result in #GP come second; user mode runs at CPL 3 with IOPL 0, never vm86
    if (e.check & CHECK_CPL0) return Outcome.GP;
    if (e.check & CHECK_SMM) return Outcome.ILLEGAL;
    // CHECK_VM86_IOPL only matters in vm86 mode; CHECK_CPL_IOPL faults because IOPL (0) < CPL (3)
    if (e.check & CHECK_CPL_IOPL) return Outcome.GP;

    if (e.gen === GEN_X87) return this.x87();
    if (e.gen === GEN_MULTI0F) return this.multi0F();
    s.op = e.gen;
    return Outcome.OK;
  }

  /** Copies the working entry's operand types into the record. */
  private publishEntry(): void {
    const s = this.insn;
    const e = this.e;
    s.type[0] = e.op0;
    s.type[1] = e.op1;
    s.type[2] = e.op2;
    s.type[3] = e.op3Imm ? T.I : T.None;
    s.size[0] = e.s0;
    s.size[1] = e.s1;
    s.size[2] = e.s2;
    s.size[3] = e.op3Imm ? Z.b : Z.None;
    s.special = e.special;
    s.check = e.check;
    s.hasOp3Imm = e.op3Imm;
  }

  private hasFeature(f: Feat): boolean {
    return this.model.has(f);
  }

  // ---- decode_insn ----

  private decodeInsn(decodeFunc: DecodeFn): boolean {
    const s = this.insn;
    const e = this.e;
    decodeFunc(this, e, this.bRef);
    while (e.decode !== null) {
      const fn = e.decode;
      e.decode = null;
      fn(this, e, this.bRef);
    }
    s.b = this.bRef.v;
    s.map = this.map;

    // validate_sse_prefix
    if (e.validPrefix) {
      if (this.prefix & (PREFIX_REPZ | PREFIX_REPNZ)) this.prefix &= ~PREFIX_DATA; // F3/F2 cancel 66
      const p = this.prefix & (PREFIX_REPZ | PREFIX_REPNZ | PREFIX_DATA);
      if (!(e.validPrefix & (1 << p))) return false;
    }

    // sizes first (QEMU computes rip_offset from them)
    if (e.op0 !== T.None && !this.opSize(e.s0, 0)) return false;
    if (e.op1 !== T.None && !this.opSize(e.s1, 1)) return false;
    if (e.op2 !== T.None && !this.opSize(e.s2, 2)) return false;

    if (e.op0 !== T.None && !this.decodeOp(0, e.op0)) return false;
    if (e.op1 !== T.None && !this.decodeOp(1, e.op1)) return false;
    if (e.op2 !== T.None && !this.decodeOp(2, e.op2)) return false;
    if (e.op3Imm) s.immediate = (this.ldub() << 24) >> 24;
    return true;
  }

  /** decode_op_size */
  private opSize(size: Z, i: number): boolean {
    const s = this.insn;
    const e = this.e;
    const noSsePrefix = !(this.prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ));
    let ot: number;
    switch (size) {
      case Z.b:
        ot = MO_8;
        break;
      case Z.d:
      case Z.ss:
        ot = MO_32;
        break;
      case Z.p:
      case Z.s:
      case Z.v:
        ot = this.dflag;
        break;
      case Z.pi:
      case Z.q:
      case Z.sd:
        ot = MO_64;
        break;
      case Z.w:
        ot = MO_16;
        break;
      case Z.y:
        ot = this.dflag === MO_16 ? MO_32 : this.dflag;
        break;
      case Z.y_d64:
        ot = MO_32;
        break;
      case Z.z:
        ot = this.dflag === MO_16 ? MO_16 : MO_32;
        break;
      case Z.z_f64:
        ot = this.dflag === MO_16 ? MO_16 : MO_32;
        break;
      case Z.dq:
        if (e.special === Special.MMX && noSsePrefix) {
          ot = MO_64;
          break;
        }
        if (this.vexL && e.s0 !== Z.qq && e.s1 !== Z.qq) return false;
        ot = MO_128;
        break;
      case Z.qq:
        if (!this.vexL) return false;
        ot = MO_256;
        break;
      case Z.x:
        if (e.special === Special.MMX && noSsePrefix) {
          ot = MO_64;
          break;
        }
        ot = this.vexL ? MO_256 : MO_128;
        break;
      case Z.ps:
      case Z.pd:
        ot = this.vexL ? MO_256 : MO_128;
        break;
      case Z.xh:
        ot = this.vexL ? MO_128 : MO_64;
        break;
      case Z.d64:
      case Z.f64:
        ot = this.dflag;
        break;
      default:
        ot = -1;
    }
    s.ot[i] = ot;
    return true;
  }

  /** decode_op */
  private decodeOp(i: number, type: T): boolean {
    const s = this.insn;
    const e = this.e;
    const mmxForm = e.special === Special.MMX && !(this.prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ));
    switch (type) {
      case T.None:
      case T.A:
      case T.F:
      case T.X:
      case T.Y:
        return true;
      case T.B:
        s.unit[i] = Unit.INT;
        s.n[i] = s.vexV;
        return true;
      case T.C: {
        s.unit[i] = Unit.CR;
        const n = (this.getModrm() >> 3) & 7;
        s.n[i] = n;
        return n === 0 || n === 2 || n === 3 || n === 4; // no CR8 outside 64-bit mode
      }
      case T.D:
        s.unit[i] = Unit.DR;
        s.n[i] = (this.getModrm() >> 3) & 7;
        return true; // DR4/DR5 are checked when the instruction runs
      case T.G:
        s.unit[i] = Unit.INT;
        s.n[i] = (this.getModrm() >> 3) & 7;
        return true;
      case T.S: {
        s.unit[i] = Unit.SEG;
        const n = (this.getModrm() >> 3) & 7;
        s.n[i] = n;
        // values outside [CDEFGS]S, as well as storing to CS, are invalid
        return !(n >= 6 || (n === R_CS && i === 0));
      }
      case T.P:
        s.unit[i] = Unit.MMX;
        s.n[i] = (this.getModrm() >> 3) & 7;
        return true;
      case T.V:
        s.unit[i] = mmxForm ? Unit.MMX : Unit.SSE;
        s.n[i] = (this.getModrm() >> 3) & 7;
        return true;
      case T.E:
        s.unit[i] = Unit.INT;
        this.decodeModrm(i);
        return true;
      case T.Q:
        s.unit[i] = Unit.MMX;
        this.decodeModrm(i);
        return true;
      case T.W:
        s.unit[i] = mmxForm ? Unit.MMX : Unit.SSE;
        this.decodeModrm(i);
        return true;
      case T.N:
        s.unit[i] = Unit.MMX;
        return this.modrmReg(i);
      case T.U:
        s.unit[i] = mmxForm ? Unit.MMX : Unit.SSE;
        return this.modrmReg(i);
      case T.R:
        s.unit[i] = Unit.INT;
        return this.modrmReg(i);
      case T.WM:
        s.unit[i] = Unit.SSE;
        return this.modrmMem(i);
      case T.EM:
        s.unit[i] = Unit.INT;
        return this.modrmMem(i);
      case T.M:
        return this.modrmMem(i);
      case T.nop:
        this.decodeModrm(i);
        return true;
      case T.O:
        s.unit[i] = Unit.INT;
        s.hasEa[i] = true;
        s.n[i] = -1;
        s.memDefSeg = R_DS;
        s.memBase = -1;
        s.memIndex = -1;
        s.memScale = 0;
        s.memDisp = s.aflag === MO_16 ? this.lduw() : this.ldl() | 0;
        return true;
      case T.H:
        if (this.prefix & PREFIX_VEX) {
          s.unit[i] = Unit.SSE;
          s.n[i] = s.vexV;
          return true;
        }
        // without VEX the destination is used again: shifts place it in VEX.vvvv, use modrm
        return this.decodeOp(i, i === 0 ? e.op1 : e.op0);
      case T.I:
      case T.J: {
        s.unit[i] = Unit.IMM;
        const v = this.immSigned(s.ot[i]!);
        s.opImm[i] = v;
        s.immediate = v;
        return true;
      }
      case T.I_unsigned: {
        s.unit[i] = Unit.IMM;
        const ot = s.ot[i]!;
        const v = ot === MO_8 ? this.ldub() : ot === MO_16 ? this.lduw() : this.ldl() | 0;
        s.opImm[i] = v;
        s.immediate = v;
        return true;
      }
      case T.L: {
        const ot = s.ot[i]!;
        const v = ot === MO_8 ? this.ldub() : ot === MO_16 ? this.lduw() : this.ldl();
        s.n[i] = v >>> 4;
        return true;
      }
      case T.TwoOp:
        s.unit[i] = s.unit[0]!;
        s.n[i] = s.n[0]!;
        s.ot[i] = s.ot[0]!;
        s.hasEa[i] = s.hasEa[0]!;
        s.opImm[i] = s.opImm[0]!;
        return true;
      case T.LoBits:
        s.n[i] = this.bRef.v & 7;
        s.unit[i] = Unit.INT;
        return true;
      case T.R0:
      case T.R1:
      case T.R2:
      case T.R3:
      case T.R4:
      case T.R5:
      case T.R6:
      case T.R7:
        s.n[i] = type - T.R0;
        s.unit[i] = Unit.INT;
        return true;
      case T.ES:
      case T.CS:
      case T.SS:
      case T.DS:
      case T.FS:
      case T.GS:
        s.n[i] = type - T.ES;
        s.unit[i] = Unit.SEG;
        return true;
    }
    return true;
  }

  private immSigned(ot: number): number {
    if (ot === MO_8) return (this.ldub() << 24) >> 24;
    if (ot === MO_16) return (this.lduw() << 16) >> 16;
    return this.ldl() | 0;
  }

  /** N/U/R: the rm field must name a register. */
  private modrmReg(i: number): boolean {
    if (this.getModrm() >> 6 !== 3) return false;
    this.decodeModrm(i);
    return true;
  }

  /** M/EM/WM: the rm field must name memory. */
  private modrmMem(i: number): boolean {
    if (this.getModrm() >> 6 === 3) return false;
    this.decodeModrm(i);
    return true;
  }

  /** decode_modrm */
  private decodeModrm(i: number): void {
    const s = this.insn;
    const modrm = this.getModrm();
    if (modrm >> 6 === 3) {
      s.n[i] = modrm & 7;
      return;
    }
    s.hasEa[i] = true;
    s.n[i] = -1;
    this.leaModrm(modrm, this.e.vexClass === 12);
  }

  /** gen_lea_modrm_0: decomposes the address of a memory modrm operand. */
  private leaModrm(modrm: number, isVsib: boolean): void {
    const s = this.insn;
    let defSeg = R_DS;
    let index = -1;
    let scale = 0;
    let disp = 0;
    const mod = (modrm >> 6) & 3;
    const rm = modrm & 7;
    let base = rm;
    if (s.aflag === MO_32) {
      if (rm === 4) {
        const code = this.ldub();
        scale = (code >> 6) & 3;
        index = (code >> 3) & 7;
        if (index === 4 && !isVsib) index = -1; // no index
        base = code & 7;
      }
      if (mod === 0) {
        if ((base & 7) === 5) {
          base = -1;
          disp = this.ldl() | 0;
        }
      } else if (mod === 1) {
        disp = (this.ldub() << 24) >> 24;
      } else {
        disp = this.ldl() | 0;
      }
      // POP Ev with an ESP base addresses with the popped ESP
      if (base === R_ESP && this.popEspHack) disp += this.popEspHack;
      if (base === R_EBP || base === R_ESP) defSeg = R_SS;
    } else {
      if (mod === 0) {
        if (rm === 6) {
          s.memDefSeg = R_DS;
          s.memBase = -1;
          s.memIndex = -1;
          s.memScale = 0;
          s.memDisp = this.lduw();
          return;
        }
      } else if (mod === 1) {
        disp = (this.ldub() << 24) >> 24;
      } else {
        disp = (this.lduw() << 16) >> 16;
      }
      switch (rm) {
        case 0:
          base = R_EBX;
          index = R_ESI;
          break;
        case 1:
          base = R_EBX;
          index = R_EDI;
          break;
        case 2:
          base = R_EBP;
          index = R_ESI;
          defSeg = R_SS;
          break;
        case 3:
          base = R_EBP;
          index = R_EDI;
          defSeg = R_SS;
          break;
        case 4:
          base = R_ESI;
          break;
        case 5:
          base = R_EDI;
          break;
        case 6:
          base = R_EBP;
          defSeg = R_SS;
          break;
        default:
          base = R_EBX;
          break;
      }
    }
    s.memDefSeg = defSeg;
    s.memBase = base;
    s.memIndex = index;
    s.memScale = scale;
    s.memDisp = disp;
  }

  /** validate_vex (CR4.OSFXSR is set and CR0.EM/TS clear in user mode; AVX is never enabled) */
  private validateVex(): boolean {
    const s = this.insn;
    const e = this.e;
    const vex = (this.prefix & PREFIX_VEX) !== 0;
    switch (e.vexSpecial) {
      case VexSpecial.REPScalar:
        if (this.prefix & (PREFIX_REPZ | PREFIX_REPNZ)) {
          e.vexClass = e.vexClass < 4 ? 3 : 5;
          if (this.vexL) return false;
          if (s.hasEa[2]) s.ot[2] = this.prefix & PREFIX_REPZ ? MO_32 : MO_64;
        }
        break;
      case VexSpecial.AVX2_256:
        if (vex && this.vexL && !this.model.has(Feat.AVX2)) return false;
        break;
    }
    switch (e.vexClass) {
      case 0:
        return !vex;
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 7:
        if (vex) return false; // AVX not enabled
        break;
      case 12:
        if ((s.modrm & 7) !== 4 || s.aflag === MO_16) return false;
        return false; // VEX-only and AVX is not enabled
      case 6:
      case 11:
      case 8:
        return false; // VEX-only, and AVX is not enabled
      case 13:
        if (!vex) return false;
        if (this.vexL) return false;
        return true;
    }
    if (s.vexV !== 0) {
      const hasVvvv = (t: T) => t === T.H || t === T.B;
      if (!hasVvvv(e.op0) && !hasVvvv(e.op1) && !hasVvvv(e.op2)) return false;
    }
    if (e.check & CHECK_VEX128 && this.vexL) return false;
    if (e.check & CHECK_W0 && s.vexW) return false;
    if (e.check & CHECK_W1 && !s.vexW) return false;
    return true;
  }

  // ---- the instructions QEMU still decodes when generating code ----

  /** gen_x87's #UD cases (register forms without an instruction, FCMOV/FCOMI without CMOV). */
  private x87(): Outcome {
    const s = this.insn;
    const modrm = s.modrm;
    const mod = modrm >> 6;
    const rm = modrm & 7;
    const op = ((s.b & 7) << 3) | ((modrm >> 3) & 7);
    s.x87Op = op;
    s.op = Op.X87;
    if (mod !== 3) return X87_MEM_VALID[op] ? Outcome.OK : Outcome.ILLEGAL;
    switch (op) {
      case 0x0a: // fnop
      case 0x3c: // fnstsw %ax
        return rm === 0 ? Outcome.OK : Outcome.ILLEGAL;
      case 0x0c: // fchs fabs ftst fxam
        return rm === 0 || rm === 1 || rm === 4 || rm === 5 ? Outcome.OK : Outcome.ILLEGAL;
      case 0x0d: // fld1 .. fldz
        return rm !== 7 ? Outcome.OK : Outcome.ILLEGAL;
      case 0x15: // fucompp
      case 0x33: // fcompp
        return rm === 1 ? Outcome.OK : Outcome.ILLEGAL;
      case 0x1c: // feni fdisi fclex fninit fsetpm
        return rm <= 4 ? Outcome.OK : Outcome.ILLEGAL;
      case 0x1d: // fucomi
      case 0x1e: // fcomi
      case 0x3d: // fucomip
      case 0x3e: // fcomip
      case 0x10:
      case 0x11:
      case 0x12:
      case 0x13: // fcmovcc
      case 0x18:
      case 0x19:
      case 0x1a:
      case 0x1b: // fcmovncc
        return this.model.has(Feat.CMOV) ? Outcome.OK : Outcome.ILLEGAL;
    }
    return X87_REG_VALID[op] ? Outcome.OK : Outcome.ILLEGAL;
  }

  /** gen_multi0F: 0F 00 (group 6), 0F 01 (group 7), 0F 1A/1B (MPX, disabled: NOP), 0F C7 /reg. */
  private multi0F(): Outcome {
    const s = this.insn;
    const m = this.model;
    const modrm = s.modrm;
    const mod = modrm >> 6;
    const op = (modrm >> 3) & 7;
    switch (s.b) {
      case 0xc7:
        // RDRAND (6), RDSEED/RDPID (7); nothing else has a register form
        if ((op === 6 && m.rdrand) || (op === 7 && (m.rdseed || m.rdpid)))
          throw new Error("i386 decoder: RDRAND/RDSEED/RDPID models are not supported");
        return Outcome.ILLEGAL;
      case 0x00:
        switch (op) {
          case 0:
            s.op = Op.SLDT;
            return Outcome.OK; // no UMIP
          case 1:
            s.op = Op.STR;
            return Outcome.OK;
          case 2: // lldt
          case 3: // ltr
            return Outcome.GP;
          case 4:
            s.op = Op.VERR;
            return Outcome.OK;
          case 5:
            s.op = Op.VERW;
            return Outcome.OK;
          default:
            return Outcome.ILLEGAL;
        }
      case 0x01:
        if (mod !== 3) {
          switch (op) {
            case 0:
              s.op = Op.SGDT;
              return Outcome.OK;
            case 1:
              s.op = Op.SIDT;
              return Outcome.OK;
            case 2: // lgdt
            case 3: // lidt
            case 6: // lmsw
            case 7: // invlpg
              return Outcome.GP;
            case 4:
              s.op = Op.SMSW;
              return Outcome.OK;
            default:
              return Outcome.ILLEGAL;
          }
        }
        switch (modrm) {
          case 0xc8: // monitor: needs MONITOR and CPL 0
          case 0xc9: // mwait
          case 0xca: // clac: needs SMAP and CPL 0
          case 0xcb: // stac
          case 0xd8: // VMRUN .. INVLPGA: need EFER.SVME, never set in user mode
          case 0xd9:
          case 0xda:
          case 0xdb:
          case 0xdc:
          case 0xdd:
          case 0xde:
          case 0xdf:
          case 0xf8: // swapgs: 64-bit only
            return Outcome.ILLEGAL;
          case 0xd0: // xgetbv
          case 0xd1: // xsetbv
            if (!m.xsave || this.prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ)) return Outcome.ILLEGAL;
            throw new Error("i386 decoder: XSAVE models are not supported");
          case 0xee:
          case 0xef:
            // rdpkru/wrpkru decode; their helpers raise #UD at run time (CR4.PKE is clear)
            if (this.prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ)) return Outcome.ILLEGAL;
            s.op = modrm === 0xee ? Op.RDPKRU : Op.WRPKRU;
            return Outcome.OK;
          case 0xf9: // rdtscp
            if (!m.rdtscp) return Outcome.ILLEGAL;
            throw new Error("i386 decoder: RDTSCP models are not supported");
        }
        if (op === 4) {
          s.op = Op.SMSW;
          return Outcome.OK;
        }
        if (op === 6) return Outcome.GP; // lmsw
        return Outcome.ILLEGAL;
      default:
        // 0F 1A, 0F 1B: MPX is never enabled in user mode, so the whole instruction is a no-op
        s.op = Op.NOP;
        return Outcome.OK;
    }
  }
}

/** Valid memory forms of D8-DF (gen_x87), indexed by ((b & 7) << 3) | reg. */
const X87_MEM_VALID = (() => {
  const v = new Uint8Array(64).fill(1);
  for (const op of [0x09, 0x1c, 0x1e, 0x2d]) v[op] = 0;
  return v;
})();
/** Valid register forms of D8-DF that have no further rm/CPUID condition. */
const X87_REG_VALID = (() => {
  const v = new Uint8Array(64);
  const ok = [
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0b, 0x0e, 0x0f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x30, 0x31, 0x32, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b,
  ];
  for (const op of ok) v[op] = 1;
  return v;
})();

/** Decodes one instruction from a byte array (bytes past its end read as 0); for tools and tests. */
export function decodeBytes(bytes: Uint8Array, pc = 0, decoder = new I386Decoder(), insn = new I386Insn()): I386Insn {
  const base = pc >>> 0;
  return decoder.decode(insn, base, (a) => bytes[(a - base) >>> 0] ?? 0);
}
