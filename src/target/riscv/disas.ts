/**
 * RISC-V disassembler whose output matches GNU objdump (binutils 2.40) in its
 * default mode: ABI register names, objdump's aliases and pseudo-instructions
 * (li, mv, ret, beqz, csrr, frflags, ...), CSR names, rounding-mode operands
 * and `.4byte 0x...`/`.2byte 0x...` for encodings it does not know.
 *
 * It is a RiscvDecodeHandler over the generated decoder, so it sees exactly
 * the instructions the translator sees.  objdump's aliases depend on operand
 * values and, for RVC, on which compressed form was used, so the handler also
 * keeps the raw instruction.
 *
 * binutils 2.40 lists the register-register spelling of many immediate
 * instructions (`add rd,rs1,imm`, `sll rd,rs1,0x3`, `csrw csr,imm`, ...)
 * ahead of the canonical one in its opcode table, so objdump prints addi as
 * add, slli as sll, csrrwi as csrrw and so on; we do the same.
 *
 * Differences from objdump's text: branch targets are printed without the
 * ` <symbol+off>` suffix, and the `# address` comments objdump derives from
 * earlier auipc/lui instructions are omitted (they need state across
 * instructions).
 */
import {
  type ArgAtomic,
  type ArgB,
  type ArgCsr,
  type ArgEmpty,
  type ArgFence,
  type ArgI,
  type ArgJ,
  type ArgR,
  type ArgR2,
  type ArgR2Rm,
  type ArgR4Rm,
  type ArgRRm,
  type ArgS,
  type ArgSfenceVma,
  type ArgShift,
  type ArgU,
  decodeInsn16,
  decodeInsn32,
  type RiscvDecodeHandler,
} from "./decode-generated.ts";
import { csrName } from "./disas-csr-names.ts";

export interface Disassembly {
  length: 2 | 4;
  text: string;
}

// prettier-ignore
const GPR = [
  "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];
// prettier-ignore
const FPR = [
  "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
  "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
];
/** Rounding modes; objdump prints "unknown" for the reserved values 5 and 6. */
const RM = ["rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn"];
const RM_DYN = 7;
/** fence predecessor/successor sets, indexed by the 4-bit iorw field. */
// prettier-ignore
const FENCE_SET = [
  "unknown", "w", "r", "rw", "o", "ow", "or", "orw", "i", "iw", "ir", "irw", "io", "iow", "ior", "iorw",
];

const CSR_FFLAGS = 0x001;
const CSR_FRM = 0x002;
const CSR_FCSR = 0x003;
const CSR_CYCLE = 0xc00;
const CSR_TIME = 0xc01;
const CSR_INSTRET = 0xc02;

const x = (r: number) => GPR[r]!;
const f = (r: number) => FPR[r]!;
const hexImm = (n: number) => `0x${n.toString(16)}`;
const ADDR_MASK = (1n << 64n) - 1n;

/** The .aq/.rl/.aqrl mnemonic suffix of an atomic instruction. */
function ordering(a: ArgAtomic): string {
  if (a.aq && a.rl) return ".aqrl";
  return a.aq ? ".aq" : a.rl ? ".rl" : "";
}

/** Formats one instruction; `text` is set by the trans_* method that accepts it. */
class ObjdumpFormatter implements RiscvDecodeHandler {
  text = "";

  constructor(
    /** The instruction bits (16 or 32 of them). */
    readonly raw: number,
    readonly pc: bigint,
    readonly compressed: boolean,
  ) {}

  private out(mnemonic: string, ...operands: string[]): boolean {
    this.text = operands.length ? `${mnemonic}\t${operands.join(",")}` : mnemonic;
    return true;
  }

  /** Declines the instruction, so it is printed as raw data like objdump does. */
  private unknown(): boolean {
    return false;
  }

  private target(offset: number): string {
    return ((this.pc + BigInt(offset)) & ADDR_MASK).toString(16);
  }

  private mem(imm: number, rs1: number): string {
    return `${imm}(${x(rs1)})`;
  }

  /** Appends the rounding-mode operand unless it is the dynamic mode. */
  private rm(rm: number, ...operands: string[]): string[] {
    return rm === RM_DYN ? operands : [...operands, RM[rm]!];
  }

  private r(m: string, a: ArgR) {
    return this.out(m, x(a.rd), x(a.rs1), x(a.rs2));
  }
  private r2(m: string, a: ArgR2) {
    return this.out(m, x(a.rd), x(a.rs1));
  }
  private shift(m: string, a: ArgShift) {
    return this.out(m, x(a.rd), x(a.rs1), hexImm(a.shamt));
  }
  private load(m: string, a: ArgI) {
    return this.out(m, x(a.rd), this.mem(a.imm, a.rs1));
  }
  private store(m: string, a: ArgS) {
    return this.out(m, x(a.rs2), this.mem(a.imm, a.rs1));
  }
  private branch(m: string, a: ArgB) {
    return this.out(m, x(a.rs1), x(a.rs2), this.target(a.imm));
  }
  private amo(m: string, a: ArgAtomic) {
    return this.out(m + ordering(a), x(a.rd), x(a.rs2), `(${x(a.rs1)})`);
  }
  private lr(m: string, a: ArgAtomic) {
    return this.out(m + ordering(a), x(a.rd), `(${x(a.rs1)})`);
  }
  private fload(m: string, a: ArgI) {
    return this.out(m, f(a.rd), this.mem(a.imm, a.rs1));
  }
  private fstore(m: string, a: ArgS) {
    return this.out(m, f(a.rs2), this.mem(a.imm, a.rs1));
  }
  private fr(m: string, a: ArgR) {
    return this.out(m, f(a.rd), f(a.rs1), f(a.rs2));
  }
  private frRm(m: string, a: ArgRRm) {
    return this.out(m, ...this.rm(a.rm, f(a.rd), f(a.rs1), f(a.rs2)));
  }
  private fr4(m: string, a: ArgR4Rm) {
    return this.out(m, ...this.rm(a.rm, f(a.rd), f(a.rs1), f(a.rs2), f(a.rs3)));
  }
  /** One-source FP operation; `rd`/`rs1` say which register file each uses. */
  private fr2Rm(m: string, a: ArgR2Rm, rd = f, rs1 = f) {
    return this.out(m, ...this.rm(a.rm, rd(a.rd), rs1(a.rs1)));
  }
  /** objdump knows these conversions only with rm=rne (rm is unused: they are exact). */
  private fr2Exact(m: string, a: ArgR2Rm, rs1 = f) {
    return a.rm === 0 ? this.out(m, f(a.rd), rs1(a.rs1)) : this.unknown();
  }
  private fcmp(m: string, a: ArgR) {
    return this.out(m, x(a.rd), f(a.rs1), f(a.rs2));
  }
  /** fsgnj{,n,x} with equal sources are the fmv/fneg/fabs pseudo-instructions. */
  private fsgnj(m: string, alias: string, a: ArgR) {
    return a.rs1 === a.rs2 ? this.out(alias, f(a.rd), f(a.rs1)) : this.fr(m, a);
  }

  // ---------------------------------------------------------------- RV64I

  trans_lui(a: ArgU) {
    // objdump prints the c.lui rd=x0 HINT in its c.* form.
    if (this.compressed && a.rd === 0) return this.out("c.lui", x(a.rd), hexImm((a.imm >>> 12) & 0xfffff));
    return this.out("lui", x(a.rd), hexImm((a.imm >>> 12) & 0xfffff));
  }
  trans_auipc(a: ArgU) {
    return this.out("auipc", x(a.rd), hexImm((a.imm >>> 12) & 0xfffff));
  }
  trans_jal(a: ArgJ) {
    if (a.rd === 0) return this.out("j", this.target(a.imm));
    if (a.rd === 1) return this.out("jal", this.target(a.imm));
    return this.out("jal", x(a.rd), this.target(a.imm));
  }
  trans_jalr(a: ArgI) {
    if (a.rd === 0 && a.rs1 === 1 && a.imm === 0) return this.out("ret");
    if (a.rd === 0) return this.out("jr", a.imm === 0 ? x(a.rs1) : this.mem(a.imm, a.rs1));
    if (a.rd === 1) return this.out("jalr", a.imm === 0 ? x(a.rs1) : this.mem(a.imm, a.rs1));
    return this.out("jalr", x(a.rd), a.imm === 0 ? x(a.rs1) : this.mem(a.imm, a.rs1));
  }
  trans_beq(a: ArgB) {
    return a.rs2 === 0 ? this.out("beqz", x(a.rs1), this.target(a.imm)) : this.branch("beq", a);
  }
  trans_bne(a: ArgB) {
    return a.rs2 === 0 ? this.out("bnez", x(a.rs1), this.target(a.imm)) : this.branch("bne", a);
  }
  trans_blt(a: ArgB) {
    if (a.rs2 === 0) return this.out("bltz", x(a.rs1), this.target(a.imm));
    if (a.rs1 === 0) return this.out("bgtz", x(a.rs2), this.target(a.imm));
    return this.branch("blt", a);
  }
  trans_bge(a: ArgB) {
    if (a.rs1 === 0) return this.out("blez", x(a.rs2), this.target(a.imm));
    if (a.rs2 === 0) return this.out("bgez", x(a.rs1), this.target(a.imm));
    return this.branch("bge", a);
  }
  trans_bltu(a: ArgB) {
    return this.branch("bltu", a);
  }
  trans_bgeu(a: ArgB) {
    return this.branch("bgeu", a);
  }
  trans_lb(a: ArgI) {
    return this.load("lb", a);
  }
  trans_lh(a: ArgI) {
    return this.load("lh", a);
  }
  trans_lw(a: ArgI) {
    return this.load("lw", a);
  }
  trans_ld(a: ArgI) {
    return this.load("ld", a);
  }
  trans_lbu(a: ArgI) {
    return this.load("lbu", a);
  }
  trans_lhu(a: ArgI) {
    return this.load("lhu", a);
  }
  trans_lwu(a: ArgI) {
    return this.load("lwu", a);
  }
  trans_sb(a: ArgS) {
    return this.store("sb", a);
  }
  trans_sh(a: ArgS) {
    return this.store("sh", a);
  }
  trans_sw(a: ArgS) {
    return this.store("sw", a);
  }
  trans_sd(a: ArgS) {
    return this.store("sd", a);
  }
  trans_addi(a: ArgI) {
    if (this.compressed) return this.compressedAddi(a);
    if (a.rd === 0 && a.rs1 === 0 && a.imm === 0) return this.out("nop");
    if (a.rs1 === 0) return this.out("li", x(a.rd), String(a.imm));
    if (a.imm === 0) return this.out("mv", x(a.rd), x(a.rs1));
    return this.out("add", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_slti(a: ArgI) {
    return this.out("slti", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_sltiu(a: ArgI) {
    if (a.imm === 1) return this.out("seqz", x(a.rd), x(a.rs1));
    return this.out("sltiu", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_xori(a: ArgI) {
    if (a.imm === -1) return this.out("not", x(a.rd), x(a.rs1));
    return this.out("xor", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_ori(a: ArgI) {
    return this.out("or", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_andi(a: ArgI) {
    if (a.imm === 255) return this.out("zext.b", x(a.rd), x(a.rs1));
    return this.out("and", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_slli(a: ArgShift) {
    if (this.compressed && (a.rd === 0 || a.shamt === 0)) {
      // objdump prints RVC shift HINTs in their c.* form.
      return a.shamt === 0 ? this.out("c.slli64", x(a.rd)) : this.out("c.slli", x(a.rd), hexImm(a.shamt));
    }
    return this.shift("sll", a);
  }
  trans_srli(a: ArgShift) {
    if (this.compressed && a.shamt === 0) return this.out("c.srli64", x(a.rd));
    return this.shift("srl", a);
  }
  trans_srai(a: ArgShift) {
    if (this.compressed && a.shamt === 0) return this.out("c.srai64", x(a.rd));
    return this.shift("sra", a);
  }
  trans_add(a: ArgR) {
    if (this.compressed && a.rd === 0) return this.out("c.add", x(a.rd), x(a.rs2));
    return this.r("add", a);
  }
  trans_sub(a: ArgR) {
    return a.rs1 === 0 ? this.out("neg", x(a.rd), x(a.rs2)) : this.r("sub", a);
  }
  trans_sll(a: ArgR) {
    return this.r("sll", a);
  }
  trans_slt(a: ArgR) {
    if (a.rs2 === 0) return this.out("sltz", x(a.rd), x(a.rs1));
    if (a.rs1 === 0) return this.out("sgtz", x(a.rd), x(a.rs2));
    return this.r("slt", a);
  }
  trans_sltu(a: ArgR) {
    return a.rs1 === 0 ? this.out("snez", x(a.rd), x(a.rs2)) : this.r("sltu", a);
  }
  trans_xor(a: ArgR) {
    return this.r("xor", a);
  }
  trans_srl(a: ArgR) {
    return this.r("srl", a);
  }
  trans_sra(a: ArgR) {
    return this.r("sra", a);
  }
  trans_or(a: ArgR) {
    return this.r("or", a);
  }
  trans_and(a: ArgR) {
    return this.r("and", a);
  }
  trans_addiw(a: ArgI) {
    if (a.imm === 0) return this.out("sext.w", x(a.rd), x(a.rs1));
    return this.out("addw", x(a.rd), x(a.rs1), String(a.imm));
  }
  trans_slliw(a: ArgShift) {
    return this.shift("sllw", a);
  }
  trans_srliw(a: ArgShift) {
    return this.shift("srlw", a);
  }
  trans_sraiw(a: ArgShift) {
    return this.shift("sraw", a);
  }
  trans_addw(a: ArgR) {
    return this.r("addw", a);
  }
  trans_subw(a: ArgR) {
    return a.rs1 === 0 ? this.out("negw", x(a.rd), x(a.rs2)) : this.r("subw", a);
  }
  trans_sllw(a: ArgR) {
    return this.r("sllw", a);
  }
  trans_srlw(a: ArgR) {
    return this.r("srlw", a);
  }
  trans_sraw(a: ArgR) {
    return this.r("sraw", a);
  }
  trans_fence(a: ArgFence) {
    // objdump knows fence only with fm, rs1 and rd zero, plus the exact fence.tso.
    if (this.raw >>> 0 === 0x8330000f) return this.out("fence.tso");
    if ((this.raw & 0xf00f8f80) !== 0) return this.unknown();
    if (a.pred === 0xf && a.succ === 0xf) return this.out("fence");
    return this.out("fence", FENCE_SET[a.pred]!, FENCE_SET[a.succ]!);
  }
  trans_ecall(_a: ArgEmpty) {
    return this.out("ecall");
  }
  trans_ebreak(_a: ArgEmpty) {
    return this.out("ebreak");
  }

  /**
   * The RVC forms that expand to addi.  objdump prints c.addi with a zero
   * immediate as `add rd,rd,0` (not `mv`) and the rd=x0 HINTs in their c.*
   * form.
   */
  private compressedAddi(a: ArgI): boolean {
    const funct3 = this.raw >>> 13;
    const quadrant = this.raw & 3;
    if (quadrant === 1 && funct3 === 0) {
      // c.addi / c.nop
      if (a.rd !== 0) return this.out("add", x(a.rd), x(a.rs1), String(a.imm));
      return a.imm === 0 ? this.out("nop") : this.out("c.nop", String(a.imm));
    }
    if (quadrant === 1 && funct3 === 2 && a.rd === 0) return this.out("c.li", x(a.rd), String(a.imm));
    if (quadrant === 2 && a.rd === 0) return this.out("c.mv", x(a.rd), x(a.rs1)); // c.mv HINT
    if (a.rs1 === 0) return this.out("li", x(a.rd), String(a.imm));
    if (a.imm === 0) return this.out("mv", x(a.rd), x(a.rs1));
    return this.out("add", x(a.rd), x(a.rs1), String(a.imm));
  }

  // ------------------------------------------------------ Zifencei, system

  trans_fence_i(_a: ArgEmpty) {
    return this.raw === 0x100f ? this.out("fence.i") : this.unknown();
  }
  trans_sret(_a: ArgEmpty) {
    return this.out("sret");
  }
  trans_mret(_a: ArgEmpty) {
    return this.out("mret");
  }
  trans_wfi(_a: ArgEmpty) {
    return this.out("wfi");
  }
  trans_sfence_vma(a: ArgSfenceVma) {
    if (a.rs2 !== 0) return this.out("sfence.vma", x(a.rs1), x(a.rs2));
    return a.rs1 === 0 ? this.out("sfence.vma") : this.out("sfence.vma", x(a.rs1));
  }

  // ---------------------------------------------------------------- Zicsr

  trans_csrrw(a: ArgCsr) {
    if (this.raw >>> 0 === 0xc0001073) return this.out("unimp"); // csrw cycle,zero
    const fp = {
      [CSR_FCSR]: "fscsr",
      [CSR_FRM]: "fsrm",
      [CSR_FFLAGS]: "fsflags",
    }[a.csr];
    if (fp) return a.rd === 0 ? this.out(fp, x(a.rs1)) : this.out(fp, x(a.rd), x(a.rs1));
    if (a.rd === 0) return this.out("csrw", csrName(a.csr), x(a.rs1));
    return this.out("csrrw", x(a.rd), csrName(a.csr), x(a.rs1));
  }
  trans_csrrs(a: ArgCsr) {
    if (a.rs1 === 0) {
      const read = {
        [CSR_CYCLE]: "rdcycle",
        [CSR_INSTRET]: "rdinstret",
        [CSR_TIME]: "rdtime",
        [CSR_FCSR]: "frcsr",
        [CSR_FRM]: "frrm",
        [CSR_FFLAGS]: "frflags",
      }[a.csr];
      if (read) return this.out(read, x(a.rd));
      return this.out("csrr", x(a.rd), csrName(a.csr));
    }
    if (a.rd === 0) return this.out("csrs", csrName(a.csr), x(a.rs1));
    return this.out("csrrs", x(a.rd), csrName(a.csr), x(a.rs1));
  }
  trans_csrrc(a: ArgCsr) {
    if (a.rd === 0) return this.out("csrc", csrName(a.csr), x(a.rs1));
    return this.out("csrrc", x(a.rd), csrName(a.csr), x(a.rs1));
  }
  trans_csrrwi(a: ArgCsr) {
    // objdump lists "fsrmi rd,imm" before "fsrmi imm", so rd is always shown.
    const fp = { [CSR_FRM]: "fsrmi", [CSR_FFLAGS]: "fsflagsi" }[a.csr];
    if (fp) return this.out(fp, x(a.rd), String(a.rs1));
    if (a.rd === 0) return this.out("csrw", csrName(a.csr), String(a.rs1));
    return this.out("csrrw", x(a.rd), csrName(a.csr), String(a.rs1));
  }
  trans_csrrsi(a: ArgCsr) {
    if (a.rd === 0) return this.out("csrs", csrName(a.csr), String(a.rs1));
    return this.out("csrrs", x(a.rd), csrName(a.csr), String(a.rs1));
  }
  trans_csrrci(a: ArgCsr) {
    if (a.rd === 0) return this.out("csrc", csrName(a.csr), String(a.rs1));
    return this.out("csrrc", x(a.rd), csrName(a.csr), String(a.rs1));
  }

  // -------------------------------------------------------------------- M

  trans_mul(a: ArgR) {
    return this.r("mul", a);
  }
  trans_mulh(a: ArgR) {
    return this.r("mulh", a);
  }
  trans_mulhsu(a: ArgR) {
    return this.r("mulhsu", a);
  }
  trans_mulhu(a: ArgR) {
    return this.r("mulhu", a);
  }
  trans_div(a: ArgR) {
    return this.r("div", a);
  }
  trans_divu(a: ArgR) {
    return this.r("divu", a);
  }
  trans_rem(a: ArgR) {
    return this.r("rem", a);
  }
  trans_remu(a: ArgR) {
    return this.r("remu", a);
  }
  trans_mulw(a: ArgR) {
    return this.r("mulw", a);
  }
  trans_divw(a: ArgR) {
    return this.r("divw", a);
  }
  trans_divuw(a: ArgR) {
    return this.r("divuw", a);
  }
  trans_remw(a: ArgR) {
    return this.r("remw", a);
  }
  trans_remuw(a: ArgR) {
    return this.r("remuw", a);
  }

  // -------------------------------------------------------------------- A

  trans_lr_w(a: ArgAtomic) {
    return this.lr("lr.w", a);
  }
  trans_sc_w(a: ArgAtomic) {
    return this.amo("sc.w", a);
  }
  trans_amoswap_w(a: ArgAtomic) {
    return this.amo("amoswap.w", a);
  }
  trans_amoadd_w(a: ArgAtomic) {
    return this.amo("amoadd.w", a);
  }
  trans_amoxor_w(a: ArgAtomic) {
    return this.amo("amoxor.w", a);
  }
  trans_amoand_w(a: ArgAtomic) {
    return this.amo("amoand.w", a);
  }
  trans_amoor_w(a: ArgAtomic) {
    return this.amo("amoor.w", a);
  }
  trans_amomin_w(a: ArgAtomic) {
    return this.amo("amomin.w", a);
  }
  trans_amomax_w(a: ArgAtomic) {
    return this.amo("amomax.w", a);
  }
  trans_amominu_w(a: ArgAtomic) {
    return this.amo("amominu.w", a);
  }
  trans_amomaxu_w(a: ArgAtomic) {
    return this.amo("amomaxu.w", a);
  }
  trans_lr_d(a: ArgAtomic) {
    return this.lr("lr.d", a);
  }
  trans_sc_d(a: ArgAtomic) {
    return this.amo("sc.d", a);
  }
  trans_amoswap_d(a: ArgAtomic) {
    return this.amo("amoswap.d", a);
  }
  trans_amoadd_d(a: ArgAtomic) {
    return this.amo("amoadd.d", a);
  }
  trans_amoxor_d(a: ArgAtomic) {
    return this.amo("amoxor.d", a);
  }
  trans_amoand_d(a: ArgAtomic) {
    return this.amo("amoand.d", a);
  }
  trans_amoor_d(a: ArgAtomic) {
    return this.amo("amoor.d", a);
  }
  trans_amomin_d(a: ArgAtomic) {
    return this.amo("amomin.d", a);
  }
  trans_amomax_d(a: ArgAtomic) {
    return this.amo("amomax.d", a);
  }
  trans_amominu_d(a: ArgAtomic) {
    return this.amo("amominu.d", a);
  }
  trans_amomaxu_d(a: ArgAtomic) {
    return this.amo("amomaxu.d", a);
  }

  // -------------------------------------------------------------------- F

  trans_flw(a: ArgI) {
    return this.fload("flw", a);
  }
  trans_fsw(a: ArgS) {
    return this.fstore("fsw", a);
  }
  trans_fmadd_s(a: ArgR4Rm) {
    return this.fr4("fmadd.s", a);
  }
  trans_fmsub_s(a: ArgR4Rm) {
    return this.fr4("fmsub.s", a);
  }
  trans_fnmsub_s(a: ArgR4Rm) {
    return this.fr4("fnmsub.s", a);
  }
  trans_fnmadd_s(a: ArgR4Rm) {
    return this.fr4("fnmadd.s", a);
  }
  trans_fadd_s(a: ArgRRm) {
    return this.frRm("fadd.s", a);
  }
  trans_fsub_s(a: ArgRRm) {
    return this.frRm("fsub.s", a);
  }
  trans_fmul_s(a: ArgRRm) {
    return this.frRm("fmul.s", a);
  }
  trans_fdiv_s(a: ArgRRm) {
    return this.frRm("fdiv.s", a);
  }
  trans_fsqrt_s(a: ArgR2Rm) {
    return this.fr2Rm("fsqrt.s", a);
  }
  trans_fsgnj_s(a: ArgR) {
    return this.fsgnj("fsgnj.s", "fmv.s", a);
  }
  trans_fsgnjn_s(a: ArgR) {
    return this.fsgnj("fsgnjn.s", "fneg.s", a);
  }
  trans_fsgnjx_s(a: ArgR) {
    return this.fsgnj("fsgnjx.s", "fabs.s", a);
  }
  trans_fmin_s(a: ArgR) {
    return this.fr("fmin.s", a);
  }
  trans_fmax_s(a: ArgR) {
    return this.fr("fmax.s", a);
  }
  trans_fcvt_w_s(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.w.s", a, x);
  }
  trans_fcvt_wu_s(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.wu.s", a, x);
  }
  trans_fcvt_l_s(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.l.s", a, x);
  }
  trans_fcvt_lu_s(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.lu.s", a, x);
  }
  trans_fmv_x_w(a: ArgR2) {
    return this.out("fmv.x.w", x(a.rd), f(a.rs1));
  }
  trans_fclass_s(a: ArgR2) {
    return this.out("fclass.s", x(a.rd), f(a.rs1));
  }
  trans_feq_s(a: ArgR) {
    return this.fcmp("feq.s", a);
  }
  trans_flt_s(a: ArgR) {
    return this.fcmp("flt.s", a);
  }
  trans_fle_s(a: ArgR) {
    return this.fcmp("fle.s", a);
  }
  trans_fcvt_s_w(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.s.w", a, f, x);
  }
  trans_fcvt_s_wu(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.s.wu", a, f, x);
  }
  trans_fcvt_s_l(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.s.l", a, f, x);
  }
  trans_fcvt_s_lu(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.s.lu", a, f, x);
  }
  trans_fmv_w_x(a: ArgR2) {
    return this.out("fmv.w.x", f(a.rd), x(a.rs1));
  }

  // -------------------------------------------------------------------- D

  trans_fld(a: ArgI) {
    return this.fload("fld", a);
  }
  trans_fsd(a: ArgS) {
    return this.fstore("fsd", a);
  }
  trans_fmadd_d(a: ArgR4Rm) {
    return this.fr4("fmadd.d", a);
  }
  trans_fmsub_d(a: ArgR4Rm) {
    return this.fr4("fmsub.d", a);
  }
  trans_fnmsub_d(a: ArgR4Rm) {
    return this.fr4("fnmsub.d", a);
  }
  trans_fnmadd_d(a: ArgR4Rm) {
    return this.fr4("fnmadd.d", a);
  }
  trans_fadd_d(a: ArgRRm) {
    return this.frRm("fadd.d", a);
  }
  trans_fsub_d(a: ArgRRm) {
    return this.frRm("fsub.d", a);
  }
  trans_fmul_d(a: ArgRRm) {
    return this.frRm("fmul.d", a);
  }
  trans_fdiv_d(a: ArgRRm) {
    return this.frRm("fdiv.d", a);
  }
  trans_fsqrt_d(a: ArgR2Rm) {
    return this.fr2Rm("fsqrt.d", a);
  }
  trans_fsgnj_d(a: ArgR) {
    return this.fsgnj("fsgnj.d", "fmv.d", a);
  }
  trans_fsgnjn_d(a: ArgR) {
    return this.fsgnj("fsgnjn.d", "fneg.d", a);
  }
  trans_fsgnjx_d(a: ArgR) {
    return this.fsgnj("fsgnjx.d", "fabs.d", a);
  }
  trans_fmin_d(a: ArgR) {
    return this.fr("fmin.d", a);
  }
  trans_fmax_d(a: ArgR) {
    return this.fr("fmax.d", a);
  }
  trans_fcvt_s_d(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.s.d", a);
  }
  trans_fcvt_d_s(a: ArgR2Rm) {
    return this.fr2Exact("fcvt.d.s", a);
  }
  trans_feq_d(a: ArgR) {
    return this.fcmp("feq.d", a);
  }
  trans_flt_d(a: ArgR) {
    return this.fcmp("flt.d", a);
  }
  trans_fle_d(a: ArgR) {
    return this.fcmp("fle.d", a);
  }
  trans_fclass_d(a: ArgR2) {
    return this.out("fclass.d", x(a.rd), f(a.rs1));
  }
  trans_fcvt_w_d(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.w.d", a, x);
  }
  trans_fcvt_wu_d(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.wu.d", a, x);
  }
  trans_fcvt_l_d(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.l.d", a, x);
  }
  trans_fcvt_lu_d(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.lu.d", a, x);
  }
  trans_fcvt_d_w(a: ArgR2Rm) {
    return this.fr2Exact("fcvt.d.w", a, x);
  }
  trans_fcvt_d_wu(a: ArgR2Rm) {
    return this.fr2Exact("fcvt.d.wu", a, x);
  }
  trans_fcvt_d_l(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.d.l", a, f, x);
  }
  trans_fcvt_d_lu(a: ArgR2Rm) {
    return this.fr2Rm("fcvt.d.lu", a, f, x);
  }
  trans_fmv_x_d(a: ArgR2) {
    return this.out("fmv.x.d", x(a.rd), f(a.rs1));
  }
  trans_fmv_d_x(a: ArgR2) {
    return this.out("fmv.d.x", f(a.rd), x(a.rs1));
  }

  // ------------------------------------------------------------------ Zba

  trans_sh1add(a: ArgR) {
    return this.r("sh1add", a);
  }
  trans_sh2add(a: ArgR) {
    return this.r("sh2add", a);
  }
  trans_sh3add(a: ArgR) {
    return this.r("sh3add", a);
  }
  trans_add_uw(a: ArgR) {
    return a.rs2 === 0 ? this.out("zext.w", x(a.rd), x(a.rs1)) : this.r("add.uw", a);
  }
  trans_sh1add_uw(a: ArgR) {
    return this.r("sh1add.uw", a);
  }
  trans_sh2add_uw(a: ArgR) {
    return this.r("sh2add.uw", a);
  }
  trans_sh3add_uw(a: ArgR) {
    return this.r("sh3add.uw", a);
  }
  trans_slli_uw(a: ArgShift) {
    return this.shift("slli.uw", a);
  }

  // ------------------------------------------------------------------ Zbb

  trans_andn(a: ArgR) {
    return this.r("andn", a);
  }
  trans_orn(a: ArgR) {
    return this.r("orn", a);
  }
  trans_xnor(a: ArgR) {
    return this.r("xnor", a);
  }
  trans_clz(a: ArgR2) {
    return this.r2("clz", a);
  }
  trans_ctz(a: ArgR2) {
    return this.r2("ctz", a);
  }
  trans_cpop(a: ArgR2) {
    return this.r2("cpop", a);
  }
  trans_sext_b(a: ArgR2) {
    return this.r2("sext.b", a);
  }
  trans_sext_h(a: ArgR2) {
    return this.r2("sext.h", a);
  }
  trans_clzw(a: ArgR2) {
    return this.r2("clzw", a);
  }
  trans_ctzw(a: ArgR2) {
    return this.r2("ctzw", a);
  }
  trans_cpopw(a: ArgR2) {
    return this.r2("cpopw", a);
  }
  trans_max(a: ArgR) {
    return this.r("max", a);
  }
  trans_maxu(a: ArgR) {
    return this.r("maxu", a);
  }
  trans_min(a: ArgR) {
    return this.r("min", a);
  }
  trans_minu(a: ArgR) {
    return this.r("minu", a);
  }
  trans_orc_b(a: ArgR2) {
    return this.r2("orc.b", a);
  }
  trans_rev8(a: ArgR2) {
    return this.r2("rev8", a);
  }
  trans_rol(a: ArgR) {
    return this.r("rol", a);
  }
  trans_ror(a: ArgR) {
    return this.r("ror", a);
  }
  trans_rori(a: ArgShift) {
    return this.shift("ror", a);
  }
  trans_rolw(a: ArgR) {
    return this.r("rolw", a);
  }
  trans_rorw(a: ArgR) {
    return this.r("rorw", a);
  }
  trans_roriw(a: ArgShift) {
    return this.shift("rorw", a);
  }
  trans_zext_h(a: ArgR2) {
    return this.r2("zext.h", a);
  }

  // ------------------------------------------------------------------ Zbs

  trans_bclr(a: ArgR) {
    return this.r("bclr", a);
  }
  trans_bclri(a: ArgShift) {
    return this.shift("bclr", a);
  }
  trans_bext(a: ArgR) {
    return this.r("bext", a);
  }
  trans_bexti(a: ArgShift) {
    return this.shift("bext", a);
  }
  trans_binv(a: ArgR) {
    return this.r("binv", a);
  }
  trans_binvi(a: ArgShift) {
    return this.shift("binv", a);
  }
  trans_bset(a: ArgR) {
    return this.r("bset", a);
  }
  trans_bseti(a: ArgShift) {
    return this.shift("bset", a);
  }

  // --------------------------------------------------------------- Zicond

  trans_czero_eqz(a: ArgR) {
    return this.r("czero.eqz", a);
  }
  trans_czero_nez(a: ArgR) {
    return this.r("czero.nez", a);
  }
}

/** Reserved RVC encodings (rejected by the decoder) that objdump still names. */
const RESERVED_RVC_TEXT = new Map<number, string>([
  [0x0000, "unimp"], // the all-zero halfword, defined to be illegal
  [0x6101, "add\tsp,sp,0"], // c.addi16sp with nzimm=0; objdump does not check nzimm
]);

/**
 * Instructions of older privileged specs that we do not decode but objdump
 * still names (uret, hret, dret, sfence.vm).
 */
function legacyPrivilegedText(word: number): string | undefined {
  switch (word) {
    case 0x00200073:
      return "uret";
    case 0x20200073:
      return "hret";
    case 0x7b200073:
      return "dret";
  }
  if ((word & 0xfff07fff) === 0x10400073) {
    const rs1 = (word >>> 15) & 0x1f;
    return rs1 === 0 ? "sfence.vm" : `sfence.vm\t${x(rs1)}`;
  }
  return undefined;
}

/**
 * Disassembles the instruction at `pc`.  `insn` holds the 32 bits fetched at
 * pc (as int32 or uint32); only the low 16 are used when they encode a
 * compressed instruction.
 */
export function disassemble(insn: number, pc: bigint): Disassembly {
  if ((insn & 3) !== 3) {
    const half = insn & 0xffff;
    const fmt = new ObjdumpFormatter(half, pc, true);
    if (decodeInsn16(fmt, half)) return { length: 2, text: fmt.text };
    return {
      length: 2,
      text: RESERVED_RVC_TEXT.get(half) ?? `.2byte\t0x${half.toString(16)}`,
    };
  }
  const word = insn >>> 0;
  const fmt = new ObjdumpFormatter(word, pc, false);
  if (decodeInsn32(fmt, word)) return { length: 4, text: fmt.text };
  return {
    length: 4,
    text: legacyPrivilegedText(word) ?? `.4byte\t0x${word.toString(16)}`,
  };
}
