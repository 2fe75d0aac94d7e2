// AT&T text of a decoded instruction as capstone 5 prints it (arch/X86/X86ATTInstPrinter.c and
// X86Mapping.c: X86_lockrep for the prefixes, printOperand/printMemReference/printPCRelImm/
// printMemOffset/printSrcIdx/printDstIdx/printU8Imm for the operands, with capstone's quirks such as
// masking AND/OR/XOR immediates to the operand size and printing MOV immediates unsigned).
import { EIZ, NO_REG, type AttDecoded } from "./att-decode.ts";
import { K, type AttOperand } from "./att-tables.ts";

const GPR8 = ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"];
const GPR16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"];
const GPR32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const GPR64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"];
const SEG = ["es", "cs", "ss", "ds", "fs", "gs"];
/** capstone's SEG_OVERRIDE order: none, CS, SS, DS, ES, FS, GS */
const SEG_OVERRIDE = ["", "cs", "ss", "ds", "es", "fs", "gs"];

const gpr = (size: number, n: number) => "%" + (size === 1 ? GPR8 : size === 2 ? GPR16 : size === 8 ? GPR64 : GPR32)[n & 7]!;
/** size 0: capstone's TYPE_Rv, the register size the 66 prefix gives */
const rv = (d: AttDecoded, size: number) => size || (d.hasOpSize ? 2 : 4);

const hex = (v: bigint | number) => "0x" + v.toString(16);
/** unsigned 64-bit rendering of a (possibly negative) 64-bit value */
const u64 = (v: bigint) => BigInt.asUintN(64, v);

/** printInt64 */
function int64(v: bigint): string {
  if (v >= 0n) return v > 9n ? hex(v) : v.toString();
  return v < -9n ? "-" + hex(-v) : "-" + (-v).toString();
}

/** Mnemonic classes whose immediates capstone prints its own way (X86_INS_* of printOperand). */
const enum ImmClass {
  DEFAULT,
  MOV,
  IN_OUT_INT,
  FAR,
  LOGIC,
  RET,
}

function immClass(mnemonic: string): ImmClass {
  const m = mnemonic.replace(/^(lock |rep |repne |repe |repz |bnd |notrack |xacquire |xrelease )+/, "");
  if (/^mov[bwl]$/.test(m)) return ImmClass.MOV;
  if (/^(in|out)[bwl]$/.test(m) || m === "int") return ImmClass.IN_OUT_INT;
  if (/^(ljmp|lcall)[wl]$/.test(m) || /^jmp[wl]?$/.test(m)) return ImmClass.FAR;
  if (/^(and|or|xor)[bwl]$/.test(m)) return ImmClass.LOGIC;
  if (/^l?ret[wl]$/.test(m)) return ImmClass.RET;
  return ImmClass.DEFAULT;
}

const ARCH_MASKS = [0n, 0xffn, 0xffffn, 0n, 0xffffffffn];
const SSE_CC = ["eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"];
// prettier-ignore
const AVX_CC = [
  "eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord", "eq_uq", "nge", "ngt", "false", "neq_oq", "ge", "gt", "true",
  "eq_os", "lt_oq", "le_oq", "unord_s", "neq_us", "nlt_uq", "nle_uq", "ord_s", "eq_us", "nge_uq", "ngt_uq", "false_os",
  "neq_os", "ge_oq", "gt_oq", "true_us",
];

export class AttPrinter {
  /** Returns [mnemonic, operand string] for a decoded instruction at `address`. */
  print(d: AttDecoded, address: number): [string, string] {
    const insn = d.insn;
    let prefix = "";
    // X86_lockrep: prefix0 is the last of F0/F2/F3
    switch (d.prefix0) {
      case 0xf0:
        prefix = d.xAcquireRelease === 0xf2 ? "xacquire lock " : d.xAcquireRelease === 0xf3 ? "xrelease lock " : "lock ";
        break;
      case 0xf2:
        if (insn.xchgMem && d.xAcquireRelease) prefix = "xacquire ";
        else if (insn.repne) prefix = "repne ";
        else if (insn.bnd) prefix = "bnd ";
        break;
      case 0xf3:
        if (insn.xchgMem && d.xAcquireRelease) prefix = "xrelease ";
        else if (insn.rep) prefix = "rep ";
        else if (insn.repe) prefix = "repe ";
        else if (insn.repz) prefix = "repz ";
        break;
    }
    if (d.prefix1 === 0x3e && insn.notrack) prefix += "notrack ";
    let mnemonic = insn.mnemonic;
    const cls = immClass(mnemonic);
    const parts: string[] = [];
    for (const o of insn.ops) {
      let s: string;
      if (o.k === K.FARPTR) {
        const off = BigInt(d.imms[o.immSlot]!);
        const sel = d.imms[o.immSlot + 1]! & 0xffff;
        s = insn.farColon ? `$${hex(sel)}:$${hex(off)}` : `$${hex(sel)}, $${hex(off)}`;
      } else if ((insn.sseCC || insn.avxCC) && o.k === K.UIMM8) {
        // cmp{eq,lt,le,unord,neq,nlt,nle,ord}ps for predicates 0-7 (0-31 with AVX), else cmpps $imm
        const cc = d.imms[o.immSlot]!;
        const names = insn.avxCC ? AVX_CC : SSE_CC;
        mnemonic = mnemonic.replace("*", cc < names.length ? names[cc]! : "");
        if (cc < names.length) continue;
        s = this.immediate(d, o, o.immSlot, cls, address);
      } else if (o.immSlot >= 0) {
        s = this.immediate(d, o, o.immSlot, cls, address);
      } else s = o.text + this.operand(d, o);
      parts.push(s);
    }
    return [prefix + mnemonic, parts.join(", ")];
  }

  private immediate(d: AttDecoded, o: AttOperand, i: number, cls: ImmClass, address: number): string {
    const raw = d.imms[i]!;
    const size = d.immSizes[i]!;
    switch (o.k) {
      case K.XMM_IS4:
        return "%xmm" + ((raw >>> 4) & 15); // capstone keeps all 4 bits in 32-bit mode too
      case K.YMM_IS4:
        return "%ymm" + ((raw >>> 4) & 15);
      case K.UIMM8: {
        const v = raw & 0xff;
        return v > 9 ? `$${hex(v)}` : `$${v}`;
      }
      case K.MOFFS: {
        const seg = d.segment ? `%${SEG_OVERRIDE[d.segment]}:` : "";
        return seg + (raw > 9 ? hex(raw) : String(raw));
      }
      case K.REL: {
        // translateImmediate: TYPE_REL is sign-extended by its encoding (Iv: by displacementSize)
        let v = BigInt(raw);
        const ext = o.size === 0 ? d.displacementSize : o.size;
        if (ext < 8 && v & (1n << BigInt(ext * 8 - 1))) v |= ~((1n << BigInt(ext * 8)) - 1n);
        const target = (v + BigInt(d.length) + BigInt(address)) & 0xffffffffn;
        return target > 9n ? hex(target) : target.toString();
      }
    }
    // TYPE_IMM: sign-extended when the encoding is a fixed size (IB/IW/ID), not for Iv
    let imm = BigInt(raw);
    if (o.signExt && imm & (1n << BigInt(size * 8 - 1))) imm |= ~((1n << BigInt(size * 8)) - 1n);
    const opsize = d.insn.immSize;
    if (opsize === 1) imm &= 0xffn;
    switch (cls) {
      case ImmClass.MOV:
        return imm > 9n || imm < 0n ? `$${hex(u64(imm))}` : `$${imm}`;
      case ImmClass.IN_OUT_INT: {
        const v = imm & 0xffn;
        return v <= 9n ? `$${v}` : `$${hex(v)}`;
      }
      case ImmClass.FAR:
        return `$${hex(u64(imm))}`;
      case ImmClass.LOGIC:
        if (imm >= 0n && imm <= 9n) return `$${imm}`;
        return `$${hex(ARCH_MASKS[opsize ? opsize : d.immSize]! & imm)}`;
      case ImmClass.RET:
        if (imm >= 0n && imm <= 9n) return `$${imm}`;
        return `$${hex(imm & 0xffffn)}`;
      default:
        if (imm >= 0n) return imm > 9n ? `$${hex(imm)}` : `$${imm}`;
        return imm < -9n ? `$-${hex(-imm)}` : `$-${-imm}`;
    }
  }

  private operand(d: AttDecoded, o: AttOperand): string {
    switch (o.k) {
      case K.LIT:
        return "";
      case K.GPR_REG:
        return gpr(rv(d, o.size), d.reg);
      case K.GPR_OPC:
        return gpr(rv(d, o.size), d.insn.opcode);
      case K.GPR_VVVV:
        return gpr(o.size, d.vvvv);
      case K.SEG_REG:
        return "%" + SEG[d.reg]!;
      case K.CR_REG:
        return "%cr" + d.reg;
      case K.DR_REG:
        return "%dr" + d.reg;
      case K.MM_REG:
        return "%mm" + d.reg;
      case K.XMM_REG:
        return "%xmm" + d.reg;
      case K.YMM_REG:
        return "%ymm" + d.reg;
      case K.XMM_VVVV:
        return "%xmm" + d.vvvv;
      case K.YMM_VVVV:
        return "%ymm" + d.vvvv;
      case K.BND_REG:
        return "%bnd" + d.reg;
      case K.K_REG:
        return "%k" + d.reg;
      case K.K_VVVV:
        return "%k" + d.vvvv;
      case K.ST_RM:
        return `%st(${d.modrm & 7})`;
      case K.SRC: {
        const seg = d.segment ? `%${SEG_OVERRIDE[d.segment]}:` : "";
        return `${seg}(${d.hasAdSize ? "%si" : "%esi"})`;
      }
      case K.DST:
        return `%es:(${d.hasAdSize ? "%di" : "%edi"})`;
    }
    // ModRM rm operands: a register when mod = 3, else memory
    if (d.rmIsReg) {
      switch (o.k) {
        case K.GPR_RM:
          return gpr(rv(d, o.size), d.rmReg);
        case K.MM_RM:
          return "%mm" + d.rmReg;
        case K.XMM_RM:
          return "%xmm" + d.rmReg;
        case K.YMM_RM:
          return "%ymm" + d.rmReg;
        case K.BND_RM:
          return "%bnd" + d.rmReg;
        case K.K_RM:
          return "%k" + d.rmReg;
      }
    }
    return this.memory(d, o);
  }

  /** printMemReference */
  private memory(d: AttDecoded, o: AttOperand): string {
    let s = d.segment ? `%${SEG_OVERRIDE[d.segment]}:` : "";
    const regs = d.addressSize === 2 ? GPR16 : GPR32;
    const disp = BigInt(d.displacement);
    const hasRegs = d.memBase !== NO_REG || d.memIndex !== NO_REG;
    if (disp !== 0n) {
      if (hasRegs) s += int64(disp);
      else if (disp < 0n) s += hex(disp & 0xffffffffn);
      else s += disp > 9n ? hex(disp) : disp.toString();
    }
    if (hasRegs) {
      s += "(";
      if (d.memBase !== NO_REG) s += "%" + regs[d.memBase]!;
      if (d.memIndex >= 0) {
        const index = o.vsib === 1 ? "xmm" + d.memIndex : o.vsib === 2 ? "ymm" + d.memIndex : regs[d.memIndex]!;
        s += ", %" + index;
        if (d.scale !== 1) s += ", " + d.scale;
      }
      s += ")";
    } else if (disp === 0n) s += "0";
    void EIZ;
    return s;
  }
}
