// The decode tables of the AT&T disassembler, built at load time from the instruction list in
// att-spec.ts. qemu-i386 prints in_asm with capstone 5, whose x86 decoder is LLVM's: an instruction
// is found by (opcode map, instruction context, opcode, ModRM), where the context comes from the
// prefixes (66 = OPSIZE, 67 = ADSIZE, F3 = XS, F2 = XD, VEX with its L and W bits). Each instruction
// of the list is defined for one context and, as in LLVM's table generator (X86DisassemblerTables.cpp:
// inheritsFrom, outranks, setTableFields), also fills the contexts that inherit from it unless a more
// specific instruction is there. That inheritance is what makes, say, F3 0F AF an imul but F3 0F FC
// invalid, so it is reproduced exactly.
import { ATT_SPEC } from "./att-spec.ts";

/** Opcode maps (capstone's OpcodeType). */
export const enum OpMap {
  ONEBYTE = 0,
  TWOBYTE = 1,
  THREEBYTE_38 = 2,
  THREEBYTE_3A = 3,
  THREEDNOW = 4,
}

/** Instruction contexts that can occur in 32-bit code (capstone's InstructionContext subset). */
export const enum Ctx {
  IC = 0,
  IC_OPSIZE,
  IC_ADSIZE,
  IC_OPSIZE_ADSIZE,
  IC_XD,
  IC_XS,
  IC_XD_OPSIZE,
  IC_XS_OPSIZE,
  IC_XD_ADSIZE,
  IC_XS_ADSIZE,
  IC_VEX,
  IC_VEX_XS,
  IC_VEX_XD,
  IC_VEX_OPSIZE,
  IC_VEX_W,
  IC_VEX_W_XS,
  IC_VEX_W_XD,
  IC_VEX_W_OPSIZE,
  IC_VEX_L,
  IC_VEX_L_XS,
  IC_VEX_L_XD,
  IC_VEX_L_OPSIZE,
  IC_VEX_L_W,
  IC_VEX_L_W_XS,
  IC_VEX_L_W_XD,
  IC_VEX_L_W_OPSIZE,
  COUNT,
}

/** LLVM's ranks: a more specific context outranks the ones it inherits from. */
// prettier-ignore
const RANK = [0, 3, 3, 4, 2, 2, 3, 3, 3, 3, 1, 2, 2, 2, 3, 4, 4, 4, 3, 4, 4, 4, 4, 5, 5, 5];

/** Attribute bits (capstone's ATTR_*) and the context each combination selects (CONTEXTS_SYM). */
export const ATTR_XS = 0x02;
export const ATTR_XD = 0x04;
export const ATTR_REXW = 0x08;
export const ATTR_OPSIZE = 0x10;
export const ATTR_ADSIZE = 0x20;
export const ATTR_VEX = 0x40;
export const ATTR_VEXL = 0x80;

export function contextForAttrs(a: number): Ctx {
  if (a & ATTR_VEX) {
    const w = (a & ATTR_REXW) !== 0;
    const l = (a & ATTR_VEXL) !== 0;
    const base = l ? (w ? Ctx.IC_VEX_L_W : Ctx.IC_VEX_L) : w ? Ctx.IC_VEX_W : Ctx.IC_VEX;
    // order within each group: plain, XS, XD, OPSIZE
    if (a & ATTR_OPSIZE) return base + 3;
    if (a & ATTR_XD) return base + 2;
    if (a & ATTR_XS) return base + 1;
    return base;
  }
  if (a & ATTR_XS) return a & ATTR_OPSIZE ? Ctx.IC_XS_OPSIZE : a & ATTR_ADSIZE ? Ctx.IC_XS_ADSIZE : Ctx.IC_XS;
  if (a & ATTR_XD) return a & ATTR_OPSIZE ? Ctx.IC_XD_OPSIZE : a & ATTR_ADSIZE ? Ctx.IC_XD_ADSIZE : Ctx.IC_XD;
  if (a & ATTR_OPSIZE) return a & ATTR_ADSIZE ? Ctx.IC_OPSIZE_ADSIZE : Ctx.IC_OPSIZE;
  if (a & ATTR_ADSIZE) return Ctx.IC_ADSIZE;
  return Ctx.IC;
}

/** inheritsFrom of LLVM's X86DisassemblerTables.cpp, for the 32-bit contexts. */
function inheritsFrom(child: Ctx, parent: Ctx, noPrefix: boolean, vexLIG: boolean, vexWIG: boolean): boolean {
  if (child === parent) return true;
  const i = (c: Ctx, np = true) => inheritsFrom(child, c, np, vexLIG, vexWIG);
  switch (parent) {
    case Ctx.IC:
      return (
        (noPrefix && i(Ctx.IC_OPSIZE, noPrefix)) ||
        i(Ctx.IC_ADSIZE) ||
        (noPrefix && i(Ctx.IC_XD, noPrefix)) ||
        (noPrefix && i(Ctx.IC_XS, noPrefix))
      );
    case Ctx.IC_OPSIZE:
      return i(Ctx.IC_OPSIZE_ADSIZE);
    case Ctx.IC_ADSIZE:
      return noPrefix && i(Ctx.IC_OPSIZE_ADSIZE, noPrefix);
    case Ctx.IC_VEX:
    case Ctx.IC_VEX_XS:
    case Ctx.IC_VEX_XD:
    case Ctx.IC_VEX_OPSIZE: {
      const k = parent - Ctx.IC_VEX;
      return (vexLIG && vexWIG && i(Ctx.IC_VEX_L_W + k)) || (vexWIG && i(Ctx.IC_VEX_W + k)) || (vexLIG && i(Ctx.IC_VEX_L + k));
    }
    case Ctx.IC_VEX_W:
    case Ctx.IC_VEX_W_XS:
    case Ctx.IC_VEX_W_XD:
    case Ctx.IC_VEX_W_OPSIZE:
      return vexLIG && i(Ctx.IC_VEX_L_W + (parent - Ctx.IC_VEX_W));
    case Ctx.IC_VEX_L:
    case Ctx.IC_VEX_L_XS:
    case Ctx.IC_VEX_L_XD:
    case Ctx.IC_VEX_L_OPSIZE:
      return vexWIG && i(Ctx.IC_VEX_L_W + (parent - Ctx.IC_VEX_L));
    default:
      return false; // the other legacy contexts only pass on to 64-bit ones
  }
}

/** Operand kinds of the instruction list (what to read and how to print it). */
export const enum K {
  LIT, // literal text such as %al or %st(0)
  GPR_REG, // GPR (size) from ModRM.reg
  GPR_RM, // GPR from ModRM.rm, or memory
  MEM, // memory from ModRM.rm (M)
  SEG_REG, // segment register from ModRM.reg
  CR_REG,
  DR_REG,
  MM_REG, // MMX from ModRM.reg
  MM_RM, // MMX from ModRM.rm, or memory
  XMM_REG,
  XMM_RM,
  YMM_REG,
  YMM_RM,
  XMM_VVVV,
  YMM_VVVV,
  GPR_VVVV,
  XMM_IS4, // XMM from immediate bits 7:4
  YMM_IS4,
  BND_REG,
  BND_RM,
  ST_RM, // st(i) from ModRM.rm
  GPR_OPC, // register in the low 3 opcode bits
  IMM, // immediate (enc: size in bytes, or 0 for operand size)
  UIMM8, // printU8Imm
  REL, // relative branch target (enc: size, 0 = operand size)
  MOFFS, // absolute address of address size
  SRC, // (%esi) string source
  DST, // %es:(%edi) string destination
  FARPTR, // direct far pointer: offset (operand size) then selector
  K_REG, // AVX-512 mask register from ModRM.reg
  K_RM, // mask register from ModRM.rm
  K_VVVV, // mask register from VEX.vvvv
}

export interface AttOperand {
  k: K;
  /** register size in bytes for GPR kinds (1, 2, 4); immediate/relative size (0 = operand size) */
  size: number;
  /** LIT: the text; otherwise a prefix printed before the operand ("*" for indirect branches) */
  text: string;
  /** IMM: sign-extended (TYPE_IMM with a fixed-size encoding) */
  signExt: boolean;
  /** X86_VSIB: memory index is a vector register (VSIB_X / VSIB_Y) */
  vsib: number;
  /** immediates: position in byte order (its slot in AttDecoded.imms) */
  immSlot: number;
}

export const enum Filter {
  NONE, // no ModRM: every ModRM value (the byte is not read)
  REG, // mod = 3
  MEM, // mod != 3
  REG_N, // mod = 3, reg = n
  MEM_N, // mod != 3, reg = n
  EXACT, // ModRM = n
}

export interface AttInsn {
  uid: number;
  map: OpMap;
  vex: boolean;
  opcode: number;
  ctx: Ctx;
  noPrefix: boolean;
  vexLIG: boolean;
  vexWIG: boolean;
  filter: Filter;
  n: number;
  mnemonic: string;
  /** operands in AT&T print order */
  ops: AttOperand[];
  /** the immediate operands in byte order */
  immOrder: AttOperand[];
  /** capstone's per-instruction printing/prefix rules */
  lock: boolean;
  rep: boolean; // "rep" (movs, lods, stos, ins, outs)
  repe: boolean; // "repe" (cmps, scas)
  repne: boolean; // "repne"
  bnd: boolean; // "bnd" with F2 (branches)
  notrack: boolean; // "notrack" with 3E (indirect jmp/call)
  repz: boolean; // "repz" with F3 (ret)
  xchgMem: boolean; // xacquire/xrelease with xchg to memory
  /** X86_immediate_size of the instruction (1, 2, 4) or 0 */
  immSize: number;
  /** the 16-bit form of a 32-bit instruction (is16BitEquivalent) */
  equiv16: number;
  /** prints with the "$sel:$off" far pointer form (ljmp) rather than "$sel, $off" (lcall) */
  farColon: boolean;
  /** operand sizes: 8/16/32 integer form, for the AND/OR/XOR immediate mask */
  opSize: number;
  /** CMPPS and friends: "*" in the mnemonic is the predicate of an immediate below 8 (cmpeqps ...) */
  sseCC: boolean;
  /** VCMPPS and friends: the same with the 32 AVX predicates */
  avxCC: boolean;
}

/** One opcode's decision: ModRM-indexed uids, or null when no instruction uses this opcode. */
export interface OpcodeDecision {
  /** true unless every ModRM value gives the same uid (capstone reads ModRM only then) */
  modrmRequired: boolean;
  uids: Uint16Array;
}

// ---- the spec parser -----------------------------------------------------------------------------

const MAPS: Record<string, [OpMap, boolean]> = {
  "": [OpMap.ONEBYTE, false],
  "0f": [OpMap.TWOBYTE, false],
  "0f38": [OpMap.THREEBYTE_38, false],
  "0f3a": [OpMap.THREEBYTE_3A, false],
  "3dnow": [OpMap.THREEDNOW, false],
  v0f: [OpMap.TWOBYTE, true],
  v0f38: [OpMap.THREEBYTE_38, true],
  v0f3a: [OpMap.THREEBYTE_3A, true],
};

function lit(text: string): AttOperand {
  return { k: K.LIT, size: 0, text, signExt: false, vsib: 0, immSlot: -1 };
}
function op(k: K, size = 0, signExt = false, vsib = 0): AttOperand {
  return { k, size, text: "", signExt, vsib, immSlot: -1 };
}
const IMM_KINDS = new Set([K.IMM, K.UIMM8, K.REL, K.MOFFS, K.XMM_IS4, K.YMM_IS4, K.FARPTR]);

/** Numbers the immediates by byte order: in print order unless a token says "@n". */
function assignImmSlots(ops: AttOperand[], orders: (number | undefined)[]): void {
  let next = 0;
  ops.forEach((o, i) => {
    if (!IMM_KINDS.has(o.k)) return;
    o.immSlot = orders[i] ?? next;
    next += o.k === K.FARPTR ? 2 : 1;
  });
}

const GPR_SIZES: Record<string, number> = { b: 1, w: 2, d: 4 };

/** VEX operand tokens: xmm, ymm, or following VEX.L (index 0, 1, 2 = L). */
const VEX_TOKENS: Record<string, [K, K]> = {
  V: [K.XMM_REG, K.YMM_REG],
  W: [K.XMM_RM, K.YMM_RM],
  H: [K.XMM_VVVV, K.YMM_VVVV],
  L: [K.XMM_IS4, K.YMM_IS4],
};

/** Parses one operand token for an operand size of `v` bytes (2 or 4) when the token says v, and VEX.L `l`. */
function parseOperand(tok: string, v: number, l = 0): AttOperand {
  const vt = /^([VWHL])(y|L)?$/.exec(tok);
  if (vt) {
    const pair = VEX_TOKENS[vt[1]!]!;
    return op(vt[2] === "y" || (vt[2] === "L" && l === 1) ? pair[1] : pair[0]);
  }
  switch (tok) {
    case "Kr":
      return op(K.K_REG);
    case "Km":
      return op(K.K_RM);
    case "Kv":
      return op(K.K_VVVV);
    case "Eq": // 64-bit GPRs of W1 forms, which capstone names even in 32-bit code
      return op(K.GPR_RM, 8);
    case "Gq":
      return op(K.GPR_REG, 8);
  }
  if (tok.startsWith("*")) return { ...parseOperand(tok.slice(1), v), text: "*" }; // indirect branch target
  const sp = tok.lastIndexOf(" ");
  if (sp > 0 && !tok.startsWith("%")) return { ...parseOperand(tok.slice(sp + 1), v), text: tok.slice(0, sp + 1) }; // "tbyte ptr M"
  if (tok.startsWith("%") || tok.startsWith("$")) return lit(tok);
  const fixed = /^r(AX|CX|DX|BX|SP|BP|SI|DI)$/.exec(tok);
  if (fixed) return lit((v === 2 ? "%" : "%e") + fixed[1]!.toLowerCase()); // eAX or AX by operand size
  const m = /^([A-Za-z]+?)(b|w|d|v|z|r)?$/.exec(tok);
  const base = m ? m[1]! : tok;
  const sz = m && m[2] ? (m[2] === "v" ? v : m[2] === "z" ? v : m[2] === "r" ? 0 : GPR_SIZES[m[2]]!) : 0;
  // GR16/GR32 operands of capstone's OpSize16/OpSize32 forms are TYPE_Rv: their size follows the 66
  // prefix even where the prefix did not select the form (F3 66 0F AF prints imull %cx, %ax)
  const rv = m && (m[2] === "v" || m[2] === "r") ? 0 : sz;
  switch (base) {
    case "G":
      return op(K.GPR_REG, rv);
    case "E":
      return op(K.GPR_RM, rv);
    case "R":
      return op(K.GPR_RM, rv);
    case "Z": // opcode registers of 16/32 bits are capstone's Rv: sized by the 66 prefix, not the form
      return op(K.GPR_OPC, sz === 1 ? 1 : 0);
    case "M":
      return op(K.MEM);
    case "S":
      return op(K.SEG_REG);
    case "C":
      return op(K.CR_REG);
    case "D":
      return op(K.DR_REG);
    case "P":
      return op(K.MM_REG);
    case "Q":
      return op(K.MM_RM);
    case "B":
      return op(K.GPR_VVVV, sz || 4);
    case "Mx":
      return op(K.MEM, 0, false, 1); // VSIB with XMM index
    case "My":
      return op(K.MEM, 0, false, 2); // VSIB with YMM index
    case "BND":
      return op(K.BND_REG);
    case "BNDm":
      return op(K.BND_RM);
    case "ST":
      return op(K.ST_RM);
    case "I": // sign-extended fixed-size immediate (TYPE_IMM with ENCODING_IB/IW/ID), or Iz/Iv
      return m && (m[2] === "v" || m[2] === "z") ? op(K.IMM, 0, false) : op(K.IMM, sz, true);
    case "U":
      return op(K.UIMM8, 1);
    case "J":
      return m && (m[2] === "v" || m[2] === "z") ? op(K.REL, 0) : op(K.REL, sz);
    case "O":
      return op(K.MOFFS, sz);
    case "X":
      return op(K.SRC, sz);
    case "Y":
      return op(K.DST, sz);
    case "A":
      return op(K.FARPTR, 0);
  }
  throw new Error(`att-spec: bad operand ${tok}`);
}

interface SpecLine {
  map: OpMap;
  vex: boolean;
  opcodes: number[];
  ctxTokens: string[];
  filter: Filter;
  n: number;
  mnemonic: string;
  operands: string[];
  flags: string[];
}

function parseLine(line: string): SpecLine[] {
  // <map/opcode> <ctx> <filter> <mnemonic> <operands> ; <flags>
  const [body, flagText] = line.split(";");
  const fields = body!.trim().split(/\s+/);
  let mapName = "";
  let opcodeText = fields.shift()!;
  if (opcodeText in MAPS && opcodeText !== "") {
    mapName = opcodeText;
    opcodeText = fields.shift()!;
  }
  const [map, vex] = MAPS[mapName]!;
  const plus = /^([0-9a-f]{2})(?:\+r|-([0-9a-f]{2}))$/.exec(opcodeText);
  const first = parseInt(plus ? plus[1]! : opcodeText, 16);
  if (Number.isNaN(first)) throw new Error(`att-spec: bad opcode in "${line}"`);
  const last = plus ? (plus[2] ? parseInt(plus[2], 16) : first + 7) : first;
  const opcodes: number[] = [];
  for (let o = first; o <= last; o++) opcodes.push(o);
  const ctxTokens = fields.shift()!.split(".");
  const filterText = fields.shift()!;
  const mnemonic = fields.shift() ?? "";
  const operands = fields.length
    ? fields
        .join(" ")
        .split(",")
        .map((s) => s.trim())
    : [];
  const flags = flagText ? flagText.trim().split(/\s+/) : [];
  const out: SpecLine[] = [];
  const filters: [Filter, number][] = [];
  let m: RegExpMatchArray | null;
  if (filterText === "-") filters.push([Filter.NONE, 0]);
  else if (filterText === "/r") filters.push([Filter.REG, 0]);
  else if (filterText === "/m") filters.push([Filter.MEM, 0]);
  else if (filterText === "/rm") filters.push([Filter.REG, 0], [Filter.MEM, 0]);
  else if ((m = /^\/([0-7])(r|m)?$/.exec(filterText))) {
    const n = Number(m[1]);
    if (m[2] !== "m") filters.push([Filter.REG_N, n]);
    if (m[2] !== "r") filters.push([Filter.MEM_N, n]);
  } else if ((m = /^=([0-9a-f]{2})(?:-([0-9a-f]{2}))?$/.exec(filterText))) {
    const lo = parseInt(m[1]!, 16);
    const hi = m[2] ? parseInt(m[2], 16) : lo;
    for (let x = lo; x <= hi; x++) filters.push([Filter.EXACT, x]);
  } else throw new Error(`att-spec: bad filter in "${line}"`);
  for (const [filter, n] of filters)
    out.push({ map, vex, opcodes, ctxTokens, filter, n, mnemonic, operands: operands.filter((o) => o !== ""), flags });
  return out;
}

/** The instruction context of an instruction (RecognizableInstr::insnContext). */
function insnContext(tokens: string[], vex: boolean): { ctx: Ctx; noPrefix: boolean; vexLIG: boolean; vexWIG: boolean } {
  const has = (t: string) => tokens.includes(t);
  const pfx = has("66") ? "PD" : has("f3") ? "XS" : has("f2") ? "XD" : has("np") ? "PS" : "";
  if (vex) {
    const L = has("L1");
    const W = has("W1");
    const base = L ? (W ? Ctx.IC_VEX_L_W : Ctx.IC_VEX_L) : W ? Ctx.IC_VEX_W : Ctx.IC_VEX;
    const k = pfx === "XS" ? 1 : pfx === "XD" ? 2 : pfx === "PD" ? 3 : 0;
    return { ctx: base + k, noPrefix: false, vexLIG: has("LIG"), vexWIG: has("WIG") };
  }
  const o16 = has("o16");
  const a16 = has("a16");
  let ctx: Ctx;
  if (pfx === "XD" && o16) ctx = Ctx.IC_XD_OPSIZE;
  else if (pfx === "XS" && o16) ctx = Ctx.IC_XS_OPSIZE;
  else if (pfx === "XD" && a16) ctx = Ctx.IC_XD_ADSIZE;
  else if (pfx === "XS" && a16) ctx = Ctx.IC_XS_ADSIZE;
  else if ((pfx === "PD" || o16) && a16) ctx = Ctx.IC_OPSIZE_ADSIZE;
  else if (o16 || pfx === "PD") ctx = Ctx.IC_OPSIZE;
  else if (a16) ctx = Ctx.IC_ADSIZE;
  else if (pfx === "XD") ctx = Ctx.IC_XD;
  else if (pfx === "XS") ctx = Ctx.IC_XS;
  else ctx = Ctx.IC;
  return { ctx, noPrefix: pfx === "", vexLIG: false, vexWIG: false };
}

// ---- the tables ------------------------------------------------------------------------------------

/**
 * The instructions and, per (map, context, opcode), the instruction each ModRM byte selects. A
 * decision depends only on the instructions of its map and opcode, so it is computed on first use
 * (building all of them up front costs most of a second and tens of megabytes).
 */
export class AttTables {
  private readonly byOpcode: AttInsn[][] = [];
  private readonly decisions: (OpcodeDecision | null | undefined)[] = [];
  /** the contexts an instruction of each (context, flags) fills, and the ModRM bytes of each filter */
  private readonly inheritors = new Map<string, boolean[]>();
  private readonly acceptedModrms = new Map<string, Uint8Array>();

  constructor(readonly insns: AttInsn[]) {
    for (let m = 0; m <= OpMap.THREEDNOW; m++) for (let op = 0; op < 256; op++) this.byOpcode.push([]);
    for (let uid = 1; uid < insns.length; uid++) this.byOpcode[insns[uid]!.map * 256 + insns[uid]!.opcode]!.push(insns[uid]!);
  }

  /** What capstone's decision table holds for (map, ctx, opcode); undefined: no instruction. */
  decision(map: OpMap, ctx: Ctx, opcode: number): OpcodeDecision | undefined {
    const key = (map * Ctx.COUNT + ctx) * 256 + opcode;
    let d = this.decisions[key];
    if (d === undefined) d = this.decisions[key] = this.build(map, ctx, opcode);
    return d ?? undefined;
  }

  /** Builds every decision (a consistency check of the spec: throws on a decode conflict). */
  buildAll(): number {
    let n = 0;
    for (let m = 0 as OpMap; m <= OpMap.THREEDNOW; m++)
      for (let c = 0 as Ctx; c < Ctx.COUNT; c++) for (let op = 0; op < 256; op++) if (this.decision(m, c, op)) n++;
    return n;
  }

  /** LLVM's setTableFields for one table cell: instructions in list order, a more specific context wins. */
  private build(map: OpMap, ctx: Ctx, opcode: number): OpcodeDecision | null {
    let d: OpcodeDecision | null = null;
    for (const insn of this.byOpcode[map * 256 + opcode]!) {
      if (!this.fills(insn)[ctx]) continue;
      d ??= { modrmRequired: false, uids: new Uint16Array(256) };
      for (const modrm of this.modrms(insn)) {
        const prev = d.uids[modrm]!;
        if (prev === insn.uid) continue;
        if (prev !== 0) {
          const p = this.insns[prev]!;
          // XCHG eAX,r never replaces NOP at 90
          if (p.mnemonic === "nop" && insn.mnemonic.startsWith("xchg")) continue;
          if (RANK[p.ctx]! > RANK[insn.ctx]!) continue;
          if (p.ctx === insn.ctx)
            throw new Error(
              `att-spec: decode conflict ${p.mnemonic} / ${insn.mnemonic} at map ${map} opcode ${opcode.toString(16)} modrm ${modrm.toString(16)}`,
            );
        }
        d.uids[modrm] = insn.uid;
      }
    }
    if (d) {
      const first = d.uids[0];
      d.modrmRequired = d.uids.some((u) => u !== first);
    }
    return d;
  }

  private fills(insn: AttInsn): boolean[] {
    const key = `${insn.ctx},${+insn.noPrefix},${+insn.vexLIG},${+insn.vexWIG},${+insn.vex}`;
    let fills = this.inheritors.get(key);
    if (!fills) {
      fills = [];
      for (let c = 0 as Ctx; c < Ctx.COUNT; c++)
        fills.push(insn.vex === c >= Ctx.IC_VEX && inheritsFrom(c, insn.ctx, insn.noPrefix, insn.vexLIG, insn.vexWIG));
      this.inheritors.set(key, fills);
    }
    return fills;
  }

  private modrms(insn: AttInsn): Uint8Array {
    const key = `${insn.filter},${insn.n}`;
    let list = this.acceptedModrms.get(key);
    if (!list) {
      const l: number[] = [];
      for (let modrm = 0; modrm < 256; modrm++) if (accepts(insn.filter, insn.n, modrm)) l.push(modrm);
      this.acceptedModrms.set(key, (list = Uint8Array.from(l)));
    }
    return list;
  }
}

function accepts(filter: Filter, n: number, modrm: number): boolean {
  switch (filter) {
    case Filter.NONE:
      return true;
    case Filter.REG:
      return modrm >= 0xc0;
    case Filter.MEM:
      return modrm < 0xc0;
    case Filter.REG_N:
      return modrm >= 0xc0 && ((modrm >> 3) & 7) === n;
    case Filter.MEM_N:
      return modrm < 0xc0 && ((modrm >> 3) & 7) === n;
    case Filter.EXACT:
      return modrm === n;
  }
}

/** Expands the spec into instructions (one per operand size where the line says v) and tables. */
export function buildTables(spec: string = ATT_SPEC): AttTables {
  const insns: AttInsn[] = [{} as AttInsn]; // uid 0: invalid
  for (const raw of spec.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue; // full-line comments
    for (const sl of parseLine(line)) {
      const sizes = sl.ctxTokens.includes("v") ? [2, 4] : [0];
      const vexLs = sl.ctxTokens.includes("L*") ? [0, 1] : [sl.ctxTokens.includes("L1") ? 1 : 0];
      const made: number[] = [];
      for (const l of vexLs)
        for (const v of sizes) {
          const tokens = sl.ctxTokens.filter((t) => t !== "v" && t !== "L*");
          if (v === 2) tokens.push("o16");
          if (sl.ctxTokens.includes("L*")) tokens.push(l ? "L1" : "L0");
          const { ctx, noPrefix, vexLIG, vexWIG } = insnContext(tokens, sl.vex);
          const suffix = v === 2 ? "w" : v === 4 ? "l" : "";
          const mnemonic = sl.mnemonic.replace("#", suffix);
          const flags = new Set(sl.flags);
          const immFlag = sl.flags.find((f) => f.startsWith("imm="));
          const orders = sl.operands.map((o) => (/@(\d)$/.exec(o) ? Number(o.slice(-1)) : undefined));
          const ops = sl.operands.map((o) => parseOperand(o.replace(/@\d$/, ""), v || 4, l));
          assignImmSlots(ops, orders);
          for (const opc of sl.opcodes) {
            const insn: AttInsn = {
              uid: insns.length,
              map: sl.map,
              vex: sl.vex,
              opcode: opc,
              ctx,
              noPrefix,
              vexLIG,
              vexWIG,
              filter: sl.filter,
              n: sl.n,
              mnemonic,
              ops,
              immOrder: ops.filter((o) => o.immSlot >= 0).sort((a, b) => a.immSlot - b.immSlot),
              // capstone allows LOCK on the memory forms only
              lock: flags.has("lock") && (sl.filter === Filter.MEM || sl.filter === Filter.MEM_N),
              rep: flags.has("rep"),
              repe: flags.has("repe"),
              repne: flags.has("repne"),
              bnd: flags.has("bnd"),
              notrack: flags.has("notrack"),
              repz: flags.has("repz"),
              xchgMem: flags.has("xchgm") && (sl.filter === Filter.MEM || sl.filter === Filter.MEM_N),
              immSize: immFlag ? (immFlag === "imm=v" ? v || 4 : Number(immFlag.slice(4))) : 0,
              equiv16: 0,
              farColon: flags.has("farcolon"),
              opSize: v || Number((flags.has("o8") && 1) || 0),
              sseCC: flags.has("ssecc"),
              avxCC: flags.has("ssecc5"),
            };
            insns.push(insn);
            made.push(insn.uid);
          }
        }
      if (sizes.length === 2 && vexLs.length === 1) {
        // the 32-bit forms' 16-bit equivalents (is16BitEquivalent)
        const half = made.length / 2;
        for (let i = 0; i < half; i++) insns[made[half + i]!]!.equiv16 = made[i]!;
      }
    }
  }
  return new AttTables(insns);
}
