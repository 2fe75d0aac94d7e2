// Instruction decoding the way capstone 5 does it for 32-bit x86 (arch/X86/X86DisassemblerDecoder.c:
// readPrefixes, readOpcode, getID, readModRM/readSIB/readDisplacement, checkPrefix, readOperands),
// because qemu-i386 -d in_asm prints what capstone decodes: its lengths, its notion of which prefix
// is mandatory, which instruction a prefix combination selects, and when it gives up (QEMU then
// prints ".byte 0xNN" for one byte and tries again at the next). This is independent of what QEMU
// executes (decode.ts); the two agree on the instructions QEMU accepts.
import {
  ATTR_ADSIZE,
  ATTR_OPSIZE,
  ATTR_REXW,
  ATTR_VEX,
  ATTR_VEXL,
  ATTR_XD,
  ATTR_XS,
  buildTables,
  contextForAttrs,
  K,
  OpMap,
  type AttInsn,
  type AttTables,
} from "./att-tables.ts";

const enum Vx {
  NONE,
  VEX_2B,
  VEX_3B,
  EVEX,
  XOP,
}

/** memBase/memIndex values besides register numbers. */
export const NO_REG = -1;
/** SIB without index where capstone still prints the parentheses (its %eiz index) */
export const EIZ = -2;

/** A decoded instruction, reduced to what printing needs (capstone's InternalInstruction). */
export class AttDecoded {
  length = 0;
  insn: AttInsn = null as unknown as AttInsn;
  /** last of F0/F2/F3 (capstone's prefix0), last segment prefix byte (prefix1) */
  prefix0 = 0;
  prefix1 = 0;
  /** segment override: 0 none, 1 CS, 2 SS, 3 DS, 4 ES, 5 FS, 6 GS (capstone's SEG_OVERRIDE_*) */
  segment = 0;
  xAcquireRelease = 0;
  hasOpSize = false;
  hasAdSize = false;
  /** ModRM: mod = 3 gives rmReg, else the memory operand */
  modrm = 0;
  reg = 0;
  rmIsReg = false;
  rmReg = 0;
  /** memory operand: registers (16-bit ones when addressSize is 2), NO_REG when absent */
  memBase = NO_REG;
  memIndex = NO_REG;
  scale = 1;
  displacement = 0;
  addressSize = 4;
  /** capstone's displacementSize (sign-extends operand-size relative branches) */
  displacementSize = 4;
  /** capstone's insn->immSize: 2 with a 66 prefix, else 4 */
  immSize = 4;
  vvvv = 0;
  /** immediates as read (unsigned), in byte order, with their sizes */
  readonly imms = [0, 0];
  readonly immSizes = [0, 0];
}

/** capstone's SEG_OVERRIDE_* numbering: CS, SS, DS, ES, FS, GS from 1 */
const SEG_OF_PREFIX: Record<number, number> = { 0x2e: 1, 0x36: 2, 0x3e: 3, 0x26: 4, 0x64: 5, 0x65: 6 };

let tables: AttTables | undefined;
/** The decode tables, built on first use. */
export function attTables(): AttTables {
  return (tables ??= buildTables());
}

/** capstone fails on this input: QEMU then prints ".byte" for its first byte. */
const INVALID = { invalid: true };

/** 16-bit ModRM bases and indexes (BX+SI, BX+DI, BP+SI, BP+DI, SI, DI, BP, BX) as register numbers. */
const BASE16 = [3, 3, 5, 5, 6, 7, 5, 3];
const INDEX16 = [6, 7, 6, 7, NO_REG, NO_REG, NO_REG, NO_REG];

/**
 * Decodes one instruction from bytes[start, end) into `d`; false where capstone fails.
 */
export function attDecode(bytes: Uint8Array, start: number, end: number, d: AttDecoded): boolean {
  try {
    new AttDecodeRun(attTables(), bytes, start, Math.min(end, bytes.length), d).run();
    return true;
  } catch (e) {
    if (e === INVALID) return false;
    throw e;
  }
}

class AttDecodeRun {
  private pos: number;
  private mandatoryPrefix = 0;
  private repeatPrefix = 0;
  private hasLockPrefix = false;
  private vx = Vx.NONE;
  private readonly vp = [0, 0, 0, 0];
  private map = OpMap.ONEBYTE;
  private firstByte = -1;
  private opcode = 0;
  private modrmRead = false;
  private sibRead = false;
  private immediateSize = 4;

  constructor(
    private readonly t: AttTables,
    private readonly bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    private readonly d: AttDecoded,
  ) {
    this.pos = start;
    d.prefix0 = d.prefix1 = d.segment = d.xAcquireRelease = 0;
    d.hasOpSize = d.hasAdSize = false;
    d.rmIsReg = false;
    d.memBase = d.memIndex = NO_REG;
    d.scale = 1;
    d.displacement = d.vvvv = 0;
    d.imms[0] = d.imms[1] = d.immSizes[0] = d.immSizes[1] = 0;
  }

  private ok(): boolean {
    return this.pos < this.end;
  }
  private need(): number {
    if (this.pos >= this.end) throw INVALID;
    return this.bytes[this.pos++]!;
  }
  private peek(): number {
    return this.bytes[this.pos]!;
  }

  run(): void {
    this.readPrefixes();
    this.readOpcode();
    const uid = this.getID();
    if (uid === 0) throw INVALID;
    const insn = this.t.insns[uid]!;
    this.d.insn = insn;
    // checkPrefix: LOCK only on the instructions capstone lists
    if (this.hasLockPrefix && !insn.lock) throw INVALID;
    this.readOperands(insn);
    this.d.length = this.pos - this.start;
    if (this.d.length > 15) throw INVALID;
  }

  private setPrefixPresent(prefix: number): void {
    const d = this.d;
    switch (prefix) {
      case 0xf0:
        this.hasLockPrefix = true;
        this.repeatPrefix = 0;
        break;
      case 0xf2:
      case 0xf3: {
        if (!this.ok()) break;
        const next = this.peek();
        if (next === 0x0f || next === 0x66) this.mandatoryPrefix = prefix; // the last F2/F3 is mandatory
        this.repeatPrefix = prefix;
        this.hasLockPrefix = false;
        break;
      }
      case 0x66:
        if (!this.ok()) break;
        // 66 cannot overwrite an existing mandatory prefix
        if (!this.mandatoryPrefix && this.peek() === 0x0f) this.mandatoryPrefix = prefix;
        break;
    }
    void d;
  }

  private readPrefixes(): void {
    const d = this.d;
    let byte: number;
    for (;;) {
      byte = this.need();
      if (this.pos - 1 === this.start && (byte === 0xf2 || byte === 0xf3)) {
        if (!this.ok()) throw INVALID;
        const next = this.peek();
        // F2/F3 first, before LOCK or XCHG, is xacquire/xrelease; F3 before MOV to memory is xrelease
        if (next === 0xf0 || (next & 0xfe) === 0x86 || (next & 0xf8) === 0x90) d.xAcquireRelease = byte;
        if (byte === 0xf3 && (next === 0x88 || next === 0x89 || next === 0xc6 || next === 0xc7)) d.xAcquireRelease = byte;
      }
      if (byte === 0xf0 || byte === 0xf2 || byte === 0xf3) {
        this.setPrefixPresent(byte);
        d.prefix0 = byte; // only the last one counts
      } else if (byte in SEG_OF_PREFIX) {
        d.segment = SEG_OF_PREFIX[byte]!;
        d.prefix1 = byte;
      } else if (byte === 0x66) {
        d.hasOpSize = true;
        this.setPrefixPresent(byte);
      } else if (byte === 0x67) {
        d.hasAdSize = true;
        this.setPrefixPresent(byte);
      } else break;
    }
    const vp = this.vp;
    if (byte === 0x62) {
      const byte1 = this.need();
      if (!this.ok()) this.pos -= 2;
      else if ((byte1 & 0xc0) === 0xc0 && (~byte1 & 0xc) === 0xc && (this.peek() & 0x4) === 0x4) {
        this.vx = Vx.EVEX;
        vp[0] = byte;
        vp[1] = byte1;
        vp[2] = this.need();
        vp[3] = this.need();
      } else this.pos -= 2;
    } else if (byte === 0xc4 || byte === 0xc5) {
      if (!this.ok()) throw INVALID;
      if ((this.peek() & 0xc0) === 0xc0) {
        this.vx = byte === 0xc4 ? Vx.VEX_3B : Vx.VEX_2B;
        vp[0] = byte;
        // capstone does not check these reads
        if (this.ok()) vp[1] = this.need();
        if (byte === 0xc4 && this.ok()) vp[2] = this.need();
        if (byte === 0xc5 && (vp[1]! & 3) === 1) d.hasOpSize = true;
      } else this.pos--;
    } else if (byte === 0x8f) {
      if (!this.ok()) throw INVALID;
      if ((this.peek() & 0x38) !== 0) {
        this.vx = Vx.XOP;
        vp[0] = byte;
        if (this.ok()) vp[1] = this.need();
        if (this.ok()) vp[2] = this.need();
        if ((vp[2]! & 3) === 1) d.hasOpSize = true;
      } else this.pos--;
    } else {
      this.pos--;
    }
    d.addressSize = d.hasAdSize ? 2 : 4;
    d.displacementSize = d.hasAdSize ? 2 : 4;
    this.immediateSize = d.hasOpSize ? 2 : 4;
    d.immSize = d.hasOpSize ? 2 : 4;
  }

  private readOpcode(): void {
    const vp = this.vp;
    if (this.vx === Vx.VEX_3B || this.vx === Vx.EVEX || this.vx === Vx.XOP) {
      // XOP maps 8-A hold no instruction here; AVX-512 (EVEX) is not decoded either: QEMU never
      // hands capstone a whole one (it stops at the BOUND or POP it decodes instead)
      if (this.vx !== Vx.VEX_3B) throw INVALID;
      const mm = vp[1]! & 0x1f;
      if (mm === 1) this.map = OpMap.TWOBYTE;
      else if (mm === 2) this.map = OpMap.THREEBYTE_38;
      else if (mm === 3) this.map = OpMap.THREEBYTE_3A;
      else throw INVALID;
      this.opcode = this.need();
      return;
    }
    if (this.vx === Vx.VEX_2B) {
      this.map = OpMap.TWOBYTE;
      this.opcode = this.need();
      return;
    }
    let current = this.need();
    this.firstByte = current;
    if (current === 0x0f) {
      current = this.need();
      if (current === 0x38) {
        current = this.need();
        this.map = OpMap.THREEBYTE_38;
      } else if (current === 0x3a) {
        current = this.need();
        this.map = OpMap.THREEBYTE_3A;
      } else if (current === 0x0f) {
        // 3DNow!: ModRM and displacement come before the opcode byte
        this.readModRM();
        current = this.need();
        this.map = OpMap.THREEDNOW;
      } else this.map = OpMap.TWOBYTE;
    } else if (this.mandatoryPrefix) {
      // a mandatory prefix must be followed by an escape; here it is a legacy repeat prefix
      this.mandatoryPrefix = 0;
    }
    this.opcode = current;
  }

  private readDisp(size: number): number {
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.need() << (8 * i);
    return size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
  }

  private readModRM(): void {
    if (this.modrmRead) return;
    const d = this.d;
    d.modrm = this.need();
    this.modrmRead = true;
    // MOV to/from CR/DR take mod as 3
    if (this.firstByte === 0x0f && this.map === OpMap.TWOBYTE && this.opcode >= 0x20 && this.opcode <= 0x23) d.modrm |= 0xc0;
    const mod = d.modrm >> 6;
    const rm = d.modrm & 7;
    d.reg = (d.modrm >> 3) & 7;
    if (mod === 3) {
      d.rmIsReg = true;
      d.rmReg = rm;
      return;
    }
    if (d.addressSize === 2) {
      if (mod === 0 && rm === 6) {
        d.displacement = this.readDisp(2);
        return;
      }
      d.memBase = BASE16[rm]!;
      d.memIndex = INDEX16[rm]!;
      if (mod === 1) d.displacementSize = 1;
      if (mod) d.displacement = this.readDisp(mod === 1 ? 1 : 2);
      return;
    }
    if (mod === 1) d.displacementSize = 1;
    let dispSize = mod === 0 ? 0 : mod === 1 ? 1 : 4;
    if (rm === 4) {
      const sib = this.need();
      this.sibRead = true;
      const index = (sib >> 3) & 7;
      const base = sib & 7;
      d.scale = 1 << (sib >> 6);
      if (base === 5 && mod === 0) {
        d.memBase = NO_REG;
        dispSize = 4;
      } else d.memBase = base;
      // capstone keeps a %eiz index (printing the parentheses) unless the base is ESP with scale 1
      if (index !== 4) d.memIndex = index;
      else d.memIndex = d.scale !== 1 || d.memBase === NO_REG || d.memBase !== 4 ? EIZ : NO_REG;
    } else if (mod === 0 && rm === 5) {
      dispSize = 4;
    } else d.memBase = rm;
    if (dispSize) d.displacement = this.readDisp(dispSize);
  }

  private idFor(attr: number): number {
    const dec = this.t.decision(this.map, contextForAttrs(attr), this.opcode);
    if (!dec) return 0;
    if (dec.modrmRequired) {
      this.readModRM();
      return dec.uids[this.d.modrm]!;
    }
    return dec.uids[0]!;
  }

  private getID(): number {
    const d = this.d;
    const vp = this.vp;
    let attr = 0;
    if (this.vx !== Vx.NONE) {
      attr |= ATTR_VEX;
      const pp = this.vx === Vx.VEX_3B ? vp[2]! & 3 : vp[1]! & 3;
      if (pp === 1) attr |= ATTR_OPSIZE;
      else if (pp === 2) attr |= ATTR_XS;
      else if (pp === 3) attr |= ATTR_XD;
      if ((this.vx === Vx.VEX_3B ? vp[2]! : vp[1]!) & 4) attr |= ATTR_VEXL;
    } else if (!this.mandatoryPrefix) {
      if (d.hasOpSize) attr |= ATTR_OPSIZE;
      if (d.hasAdSize) attr |= ATTR_ADSIZE;
      if (this.map === OpMap.ONEBYTE) {
        if (this.repeatPrefix === 0xf3 && this.opcode === 0x90) attr |= ATTR_XS; // PAUSE
      } else if (this.repeatPrefix === 0xf2) attr |= ATTR_XD;
      else if (this.repeatPrefix === 0xf3) attr |= ATTR_XS;
    } else if (this.mandatoryPrefix === 0xf2) attr |= ATTR_XD;
    else if (this.mandatoryPrefix === 0xf3) attr |= ATTR_XS;
    else if (this.mandatoryPrefix === 0x66) attr |= ATTR_OPSIZE;

    if (this.vx !== Vx.NONE) {
      const id = this.idFor(attr);
      // VEX.W: the W context wins (there is no 64-bit-only instruction to skip in 32-bit code)
      if (this.vx === Vx.VEX_3B && vp[2]! & 0x80) return this.idFor(attr | ATTR_REXW);
      void id;
    }
    // absolute moves, the 0F AE group, MOVDIR64B: these prefixes count in any position
    const m = this.map;
    if (
      (m === OpMap.ONEBYTE && (this.opcode & 0xfc) === 0xa0) ||
      (m === OpMap.TWOBYTE && this.opcode === 0xae) ||
      (m === OpMap.THREEBYTE_38 && this.opcode === 0xf8)
    ) {
      if (d.hasAdSize) attr |= ATTR_ADSIZE;
      if (d.hasOpSize) attr |= ATTR_OPSIZE;
      return this.idFor(attr);
    }
    const id = this.idFor(attr);
    if (d.hasOpSize && !(attr & ATTR_OPSIZE)) {
      // 66 present but not in the mandatory position: prefer the 16-bit form of the instruction
      const id16 = this.idFor(attr | ATTR_OPSIZE);
      if (id !== 0 && id16 !== 0 && this.t.insns[id]!.equiv16 === id16) return id16;
    }
    return id;
  }

  private readImm(size: number): void {
    const d = this.d;
    const n = d.immSizes[0] ? (d.immSizes[1] ? 2 : 1) : 0;
    if (n === 2) throw INVALID;
    if (size === 0) size = this.immediateSize;
    else this.immediateSize = size;
    let v = 0;
    for (let i = 0; i < size; i++) v += this.need() * 2 ** (8 * i);
    d.imms[n] = v;
    d.immSizes[n] = size;
  }

  private readOperands(insn: AttInsn): void {
    const d = this.d;
    const vp = this.vp;
    let vvvv = 0;
    let hasVVVV = false;
    if (this.vx === Vx.VEX_3B) {
      vvvv = (~vp[2]! >> 3) & 0xf;
      hasVVVV = true;
    } else if (this.vx === Vx.VEX_2B) {
      vvvv = (~vp[1]! >> 3) & 0xf;
      hasVVVV = true;
    }
    let needVVVV = hasVVVV && vvvv !== 0;
    for (const o of insn.ops) {
      switch (o.k) {
        case K.GPR_REG:
        case K.SEG_REG:
        case K.CR_REG:
        case K.DR_REG:
        case K.MM_REG:
        case K.XMM_REG:
        case K.YMM_REG:
        case K.BND_REG:
        case K.GPR_RM:
        case K.MM_RM:
        case K.XMM_RM:
        case K.YMM_RM:
        case K.BND_RM:
        case K.MEM:
        case K.K_REG:
        case K.K_RM:
          this.readModRM();
          if (o.k === K.SEG_REG && d.reg > 5) throw INVALID;
          if (o.k === K.BND_REG && d.reg > 3) throw INVALID;
          if (o.k === K.BND_RM && d.rmIsReg && d.rmReg > 3) throw INVALID;
          if (o.vsib) {
            // VSIB needs a SIB byte; no index means register 4
            if (!this.sibRead) throw INVALID;
            if (needVVVV) needVVVV = (vvvv & 0xf) !== 0;
            if (d.memIndex < 0) d.memIndex = 4;
          }
          break;
        case K.XMM_VVVV:
        case K.YMM_VVVV:
        case K.GPR_VVVV:
        case K.K_VVVV:
          if (!hasVVVV) throw INVALID;
          needVVVV = false;
          d.vvvv = vvvv & 7;
          break;
      }
    }
    // immediates, in byte order
    let sawRegImm = false;
    for (const o of insn.immOrder) {
      switch (o.k) {
        case K.IMM:
        case K.REL:
          this.readImm(o.size);
          break;
        case K.XMM_IS4:
        case K.YMM_IS4:
          this.readImm(1);
          sawRegImm = true;
          break;
        case K.UIMM8:
          if (sawRegImm) {
            // the low 4 bits of the register's immediate byte (capstone's "split the previous immediate")
            d.imms[1] = d.imms[0]! & 0xf;
            d.immSizes[1] = 1;
          } else this.readImm(1);
          break;
        case K.MOFFS:
          this.readImm(d.addressSize);
          d.displacement = d.imms[d.immSizes[1] ? 1 : 0]!;
          d.displacementSize = this.immediateSize;
          this.immediateSize = 0;
          break;
        case K.FARPTR:
          this.readImm(0);
          this.readImm(2);
          break;
      }
    }
    if (needVVVV) throw INVALID;
  }
}
