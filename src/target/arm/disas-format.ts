/**
 * Operand spelling shared by the A32, T32/T16 and VFP disassemblers: the
 * conventions of capstone 5's ARM printer (LLVM's ARMInstPrinter), which is
 * what QEMU 10 prints for `-d in_asm` on an ARM guest.  Numbers above 9 are
 * hexadecimal (capstone's HEX_THRESHOLD), registers use the APCS names for
 * r9..r15.
 */

/** Core register names as capstone prints them. */
export const REG = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "sb", "sl", "fp", "ip", "sp", "lr", "pc"] as const;

/** Condition suffixes (AL and the unconditional 1111 print nothing). */
export const COND = ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""] as const;

export const SHIFT = ["lsl", "lsr", "asr", "ror"] as const;

export function r(n: number): string {
  return REG[n & 15]!;
}

/** capstone printUInt32Bang: `#9`, `#0xa`. */
export function uimm(v: number): string {
  v >>>= 0;
  return v > 9 ? `#0x${v.toString(16)}` : `#${v}`;
}

/** capstone printInt32Bang: `#-9`, `#-0xa`, `#0xa`. */
export function simm(v: number): string {
  v |= 0;
  if (v >= 0) return v > 9 ? `#0x${v.toString(16)}` : `#${v}`;
  const m = -v >>> 0;
  return v < -9 ? `#-0x${m.toString(16)}` : `#-${m}`;
}

/** A number without `#` (capstone printUInt32). */
export function unum(v: number): string {
  v >>>= 0;
  return v > 9 ? `0x${v.toString(16)}` : `${v}`;
}

/** `#+imm`/`#-imm` with an explicit sign only when negative (addressing-mode offsets). */
export function signedOffset(sub: boolean, v: number): string {
  return `#${sub ? "-" : ""}${unum(v)}`;
}

/** The shift of an immediate-shifted register operand (capstone printRegImmShift): amounts in decimal. */
export function regImmShift(shty: number, amount: number): string {
  if (shty === 0 && amount === 0) return "";
  if (shty === 3 && amount === 0) return ", rrx";
  return `, ${SHIFT[shty]} #${amount === 0 ? 32 : amount}`;
}

/** `{r0, r4, lr}` for a 16-bit register mask. */
export function regList(list: number): string {
  const regs: string[] = [];
  for (let i = 0; i < 16; i++) if (list & (1 << i)) regs.push(REG[i]!);
  return `{${regs.join(", ")}}`;
}

export function bitCount(x: number): number {
  let n = 0;
  for (x >>>= 0; x; x &= x - 1) n++;
  return n;
}

export function ror32(v: number, n: number): number {
  n &= 31;
  return ((v >>> n) | (v << (32 - n))) >>> 0;
}

/**
 * The A32 modified immediate as capstone prints it (printModImmOperand): the
 * value when the encoding is the canonical one for it, else `#imm8, #rot`.
 * `unsignedForm` is for MSR and MOV to PC, which print large values unsigned.
 */
export function modImm(imm8: number, rot: number, unsignedForm = false): string {
  const value = ror32(imm8, rot);
  if (canonicalRot(value) === rot) {
    if (unsignedForm) return value > 9 ? `#0x${value.toString(16)}` : `#${value}`;
    const v = value | 0;
    return v >= 0 ? (v > 9 ? `#0x${v.toString(16)}` : `#${v}`) : `#0x${value.toString(16)}`;
  }
  return `#${imm8}, #${rot}`;
}

/** The smallest even rotation that encodes `value` as an 8-bit immediate (LLVM getSOImmVal), or -1. */
function canonicalRot(value: number): number {
  for (let rot = 0; rot < 32; rot += 2) {
    if ((ror32(value, 32 - rot) & ~0xff) === 0) return rot;
  }
  return -1;
}

/** Banked register names of MRS/MSR (banked), by R:SYSm (LLVM's BankedRegsList). */
const BANKED: Record<number, string> = {
  0x00: "r8_usr",
  0x01: "r9_usr",
  0x02: "r10_usr",
  0x03: "r11_usr",
  0x04: "r12_usr",
  0x05: "sp_usr",
  0x06: "lr_usr",
  0x08: "r8_fiq",
  0x09: "r9_fiq",
  0x0a: "r10_fiq",
  0x0b: "r11_fiq",
  0x0c: "r12_fiq",
  0x0d: "sp_fiq",
  0x0e: "lr_fiq",
  0x10: "lr_irq",
  0x11: "sp_irq",
  0x12: "lr_svc",
  0x13: "sp_svc",
  0x14: "lr_abt",
  0x15: "sp_abt",
  0x16: "lr_und",
  0x17: "sp_und",
  0x1c: "lr_mon",
  0x1d: "sp_mon",
  0x1e: "elr_hyp",
  0x1f: "sp_hyp",
  0x2e: "spsr_fiq",
  0x30: "spsr_irq",
  0x32: "spsr_svc",
  0x34: "spsr_abt",
  0x36: "spsr_und",
  0x3c: "spsr_mon",
  0x3e: "spsr_hyp",
};

export function bankedReg(r: number, sysm: number): string | undefined {
  return BANKED[(r << 5) | sysm];
}

/** MSR field mask (capstone printMSRMaskOperand, A profile). */
export function msrMask(spsr: number, mask: number): string {
  if (!spsr && (mask === 8 || mask === 4 || mask === 12)) return mask === 8 ? "apsr_nzcvq" : mask === 4 ? "apsr_g" : "apsr_nzcvqg";
  let s = spsr ? "spsr" : "cpsr";
  if (mask) {
    s += "_";
    if (mask & 8) s += "f";
    if (mask & 4) s += "s";
    if (mask & 2) s += "x";
    if (mask & 1) s += "c";
  }
  return s;
}

/** DMB/DSB options (ARM_MB_MemBOptToString without v8). */
const MEMB = ["#0", "#1", "oshst", "osh", "#4", "#5", "nshst", "nsh", "#8", "#9", "ishst", "ish", "#0xc", "#0xd", "st", "sy"];

export function barrierOption(opt: number): string {
  return MEMB[opt & 15]!;
}

/** ISB option: only SY has a name. */
export function isbOption(opt: number): string {
  return opt === 15 ? "sy" : `#0x${opt.toString(16)}`;
}

/** The text of one instruction: capstone's mnemonic and operand string. */
export interface InsnText {
  mnemonic: string;
  operands: string;
}
