/**
 * Generic coprocessor instructions (CDP, LDC, STC and their "2" forms,
 * MCR2/MRC2, MCRR2/MRRC2).  cortex-a15 has no coprocessors besides cp14/cp15
 * (MCR/MRC, in spec/arm) and the VFP ones (cp10/cp11, vfp.decode), so QEMU
 * raises UNDEFINED for these; capstone still decodes them and QEMU's in_asm
 * log shows its text, so the disassembler spells them when no pattern
 * matched.  The layout is the same in A32 and T32 (T32: 111x on top, where
 * bit 28 selects the "2" form); `cond` is the condition suffix to print.
 */
import { type InsnText, r, uimm, unum } from "./disas-format.ts";

export function coprocText(insn: number, cond: string, two: boolean): InsnText | null {
  const cp = (insn >>> 8) & 15;
  const top = (insn >>> 24) & 15;
  const sfx = two ? "2" : "";
  const c = two ? "" : cond;
  if (top === 0xe) {
    // CDP (bit 4 clear) or MCR2/MRC2 (bit 4 set, "2" only: plain MCR/MRC are spec/arm patterns)
    // cp9-cp11 are FP (half precision on cp9); LLVM reads parts of the CDP2 space as ARMv8 FP or dot products.
    if (cp === 10 || cp === 11) return null;
    if (!(insn & 0x10) && (two ? armv8Cdp2(insn, cp) : cp === 9)) return null;
    const opc2 = (insn >>> 5) & 7;
    const crn = (insn >>> 16) & 15;
    const crm = insn & 15;
    if (!(insn & 0x10)) {
      const opc1 = (insn >>> 20) & 15;
      return { mnemonic: `cdp${sfx}${c}`, operands: `p${cp}, ${uimm(opc1)}, c${(insn >>> 12) & 15}, c${crn}, c${crm}, ${uimm(opc2)}` };
    }
    if (!two) return null;
    const rt = (insn >>> 12) & 15;
    const load = (insn >>> 20) & 1;
    const rtText = load && rt === 15 ? "apsr_nzcv" : r(rt);
    return { mnemonic: load ? "mrc2" : "mcr2", operands: `p${cp}, ${uimm((insn >>> 21) & 7)}, ${rtText}, c${crn}, c${crm}, ${uimm(opc2)}` };
  }
  if (top !== 0xc && top !== 0xd) return null;
  const p = (insn >>> 24) & 1;
  const u = (insn >>> 23) & 1;
  const d = (insn >>> 22) & 1;
  const w = (insn >>> 21) & 1;
  const load = (insn >>> 20) & 1;
  if (!p && !u && !w) {
    // MCRR/MRRC space (D = 1); with D = 0 undefined
    if (!d || !two || cp === 10 || cp === 11) return null;
    return {
      mnemonic: load ? "mrrc2" : "mcrr2",
      operands: `p${cp}, ${uimm((insn >>> 4) & 15)}, ${r((insn >>> 12) & 15)}, ${r((insn >>> 16) & 15)}, c${insn & 15}`,
    };
  }
  if (!two && (cp === 10 || cp === 11)) return null; // LLVM DecodeCopMemInstruction: the VFP space
  const name = `${load ? "ldc" : "stc"}${sfx}${d ? "l" : ""}${c}`;
  const rn = r((insn >>> 16) & 15);
  const imm = insn & 0xff;
  const head = `p${cp}, c${(insn >>> 12) & 15}, `;
  const off = (v: number) => `#${u ? "" : "-"}${unum(v)}`;
  if (!p && !w) return { mnemonic: name, operands: `${head}[${rn}], {${unum(imm)}}` };
  if (!p) return { mnemonic: name, operands: `${head}[${rn}], ${off(imm * 4)}` };
  const show = imm || !u || w;
  return { mnemonic: name, operands: `${head}[${rn}${show ? `, ${off(imm * 4)}` : ""}]${w ? "!" : ""}` };
}

/** CDP2 encodings LLVM decodes as something else (measured against capstone 5). */
function armv8Cdp2(insn: number, cp: number): boolean {
  const op = (insn >>> 20) & 15;
  const bit6 = (insn >>> 6) & 1;
  if (cp === 9) {
    if (!(op & 8)) return bit6 === 0; // VSEL.F16
    if ((op & 3) === 0) return true; // VMAXNM/VMINNM.F16
    if ((op & 3) === 3 && bit6 && insn & 0x80000) return !(insn & 0x40000) ? !(insn & 0x80) : true; // VRINT{A,N,P,M}/VCVT{A,N,P,M}
    return false;
  }
  if (cp === 13 && (op & 0xb) === 2) {
    // VSDOT: D-register form, or the Q form with even registers
    return !bit6 || (((insn >>> 12) & 1) === 0 && ((insn >>> 16) & 1) === 0);
  }
  return false;
}
