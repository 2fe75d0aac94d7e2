// The i386 helpers called from bytecode (QEMU 10's target/i386/tcg/*_helper.c as user mode reaches
// them): lazy flags, division, decimal adjust, EFLAGS, segment loads and far transfers, exceptions
// and software interrupts, cpuid/rdtsc, and the x87/MMX/SSE helpers of fpu/ and vec-int.ts. Each
// receives R-file slot indices (HelperFn) and reads/writes the guest state in R directly; faults
// unwind through exec.raise with the calling op's retaddr (QEMU's GETPC()).
import type { HelperInfo } from "../../tcg/context.ts";
import { CALL_NO_READ_GLOBALS, CALL_NO_RWG_SE, CALL_NO_WRITE_GLOBALS, Type } from "../../tcg/opcodes.ts";
import { ccComputeAll, ccComputeC, ccComputeNz, PARITY } from "./cc.ts";
import {
  AC_MASK,
  CC_A,
  CC_C,
  CC_DST,
  CC_O,
  CC_OP,
  CC_SRC,
  CC_SRC2,
  CC_Z,
  CcOp,
  DESC_CS_MASK,
  DESC_C_MASK,
  DESC_DPL_SHIFT,
  DESC_P_MASK,
  DESC_R_MASK,
  DESC_S_MASK,
  DESC_W_MASK,
  DF,
  DF_MASK,
  EFLAGS,
  EIP,
  ERROR_CODE,
  EXC_IS_INT,
  EXC_NEXT_EIP,
  FPU,
  HFLAGS,
  HF_CPL_MASK,
  HF_SS32_MASK,
  I386Excp,
  ID_MASK,
  IDT_BASE,
  NT_MASK,
  REGS,
  RF_MASK,
  R_CS,
  R_SS,
  TF_MASK,
  TR,
  VM_MASK,
  segBase,
  segBaseOf,
  segLimitOf,
  segSel,
} from "./cpu-state.ts";
import type { I386HelperCpu } from "./helper-cpu.ts";
import * as F from "./fpu/index.ts";
import { pmovmskb, vecOp } from "./vec-int.ts";

const I = Type.I32;
const L = Type.I64;
/** Helpers that touch only the FPU block (not a TCG global) and never raise. */
const FPONLY = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS;

/** Returns the helper table (name -> info) for a CPU. */
export function registerI386Helpers(cpu: I386HelperCpu): Map<string, HelperInfo> {
  const R = cpu.R;
  const exec = cpu.exec;
  const S = exec.S;
  const out = new Map<string, HelperInfo>();
  const add = (name: string, fn: HelperInfo["fn"], flags: number, outType: Type | null, ins: Type[]) =>
    out.set(name, { name, fn, flags, out: outType, ins });
  const EAX = REGS,
    ECX = REGS + 1,
    EDX = REGS + 2,
    EBX = REGS + 3,
    ESP = REGS + 4;
  const ccAll = () => ccComputeAll(R[CC_DST], R[CC_SRC], R[CC_SRC2], R[CC_OP]);
  const raise = (excp: number) => cpu.raiseErr(excp, 0);

  // ---- lazy flags
  add("cc_compute_all", (o, d, s1, s2, op) => (R[o] = ccComputeAll(R[d], R[s1], R[s2], R[op])), CALL_NO_RWG_SE, I, [I, I, I, I]);
  add("cc_compute_c", (o, d, s1, s2, op) => (R[o] = ccComputeC(R[d], R[s1], R[s2], R[op])), CALL_NO_RWG_SE, I, [I, I, I, I]);
  add("cc_compute_nz", (o, d, s1, op) => (R[o] = ccComputeNz(R[d], R[s1], R[op])), CALL_NO_RWG_SE, I, [I, I, I]);
  add("read_eflags", (o) => (R[o] = ccAll() | (R[DF] & DF_MASK) | (R[EFLAGS] & ~(VM_MASK | RF_MASK)) | 0), CALL_NO_WRITE_GLOBALS, I, []);
  add("write_eflags", (_o, v, m) => cpu.loadEflags(R[v], R[m]), 0, null, [I, I]);

  // ---- exceptions and interrupts
  add("raise_exception", (_o, e) => raise(R[e]), 0, null, [I]);
  add(
    "raise_interrupt",
    (_o, n, len) => {
      // do_interrupt_user: a software interrupt must be allowed by its IDT gate (DPL 3); the
      // gate is read from guest memory without a limit check, as QEMU does
      const intno = R[n];
      const e2 = cpu.mem.load32((R[IDT_BASE] + intno * 8 + 4) | 0);
      const dpl = (e2 >> DESC_DPL_SHIFT) & 3;
      if (dpl < (R[HFLAGS] & HF_CPL_MASK)) cpu.raiseErr(I386Excp.GPF, intno * 8 + 2);
      R[ERROR_CODE] = 0;
      R[EXC_IS_INT] = 1;
      R[EXC_NEXT_EIP] = (R[EIP] + R[len]) | 0;
      exec.raise(intno);
    },
    0,
    null,
    [I, I],
  );
  add(
    "into",
    (_o, len) => {
      if (ccAll() & CC_O) {
        const e2 = cpu.mem.load32((R[IDT_BASE] + 4 * 8 + 4) | 0);
        if (((e2 >> DESC_DPL_SHIFT) & 3) < (R[HFLAGS] & HF_CPL_MASK)) cpu.raiseErr(I386Excp.GPF, 4 * 8 + 2);
        R[ERROR_CODE] = 0;
        R[EXC_IS_INT] = 1;
        R[EXC_NEXT_EIP] = (R[EIP] + R[len]) | 0;
        exec.raise(I386Excp.INTO);
      }
    },
    0,
    null,
    [I],
  );
  add(
    "icebp",
    () => {
      // a trap-like #DB: EIP is already past the instruction
      R[ERROR_CODE] = 0;
      R[EXC_IS_INT] = 0;
      exec.raise(I386Excp.DB, 0, 0, -1);
    },
    0,
    null,
    [],
  );
  add(
    "single_step",
    () => {
      R[ERROR_CODE] = 0;
      R[EXC_IS_INT] = 0;
      exec.raise(I386Excp.DB, 0, 0, -1);
    },
    0,
    null,
    [],
  );
  add("pause", () => exec.raise(I386Excp.INTERRUPT, 0, 0, -1), 0, null, []);
  add("fwait", () => void F.fwait(R, FPU), FPONLY, null, []);

  // ---- division (helper_div*/idiv*: #DE for a zero divisor or a quotient that does not fit)
  add(
    "divb_AL",
    (_o, t) => {
      const num = R[EAX] & 0xffff;
      const den = R[t] & 0xff;
      if (den === 0) raise(I386Excp.DIVZ);
      const q = Math.floor(num / den);
      if (q > 0xff) raise(I386Excp.DIVZ);
      const r = num % den;
      R[EAX] = (R[EAX] & ~0xffff) | (r << 8) | q;
    },
    0,
    null,
    [I],
  );
  add(
    "idivb_AL",
    (_o, t) => {
      const num = (R[EAX] << 16) >> 16;
      const den = (R[t] << 24) >> 24;
      if (den === 0) raise(I386Excp.DIVZ);
      const q = Math.trunc(num / den);
      if (q !== (q << 24) >> 24) raise(I386Excp.DIVZ);
      const r = num % den;
      R[EAX] = (R[EAX] & ~0xffff) | ((r & 0xff) << 8) | (q & 0xff);
    },
    0,
    null,
    [I],
  );
  add(
    "divw_AX",
    (_o, t) => {
      const num = ((R[EAX] & 0xffff) | ((R[EDX] & 0xffff) << 16)) >>> 0;
      const den = R[t] & 0xffff;
      if (den === 0) raise(I386Excp.DIVZ);
      const q = Math.floor(num / den);
      if (q > 0xffff) raise(I386Excp.DIVZ);
      const r = num % den;
      R[EAX] = (R[EAX] & ~0xffff) | q;
      R[EDX] = (R[EDX] & ~0xffff) | r;
    },
    0,
    null,
    [I],
  );
  add(
    "idivw_AX",
    (_o, t) => {
      const num = (R[EAX] & 0xffff) | ((R[EDX] & 0xffff) << 16);
      const den = (R[t] << 16) >> 16;
      if (den === 0) raise(I386Excp.DIVZ);
      const q = Math.trunc(num / den);
      if (q !== (q << 16) >> 16) raise(I386Excp.DIVZ);
      const r = num % den;
      R[EAX] = (R[EAX] & ~0xffff) | (q & 0xffff);
      R[EDX] = (R[EDX] & ~0xffff) | (r & 0xffff);
    },
    0,
    null,
    [I],
  );
  add(
    "divl_EAX",
    (_o, t) => {
      const den = R[t] >>> 0;
      if (den === 0) raise(I386Excp.DIVZ);
      const hi = R[EDX] >>> 0,
        lo = R[EAX] >>> 0;
      if (hi >= den) raise(I386Excp.DIVZ); // the quotient would not fit in 32 bits
      divu64by32(hi, lo, den);
      R[EAX] = divQ | 0;
      R[EDX] = divR | 0;
    },
    0,
    null,
    [I],
  );
  add(
    "idivl_EAX",
    (_o, t) => {
      const den = R[t] | 0;
      if (den === 0) raise(I386Excp.DIVZ);
      let hi = R[EDX] | 0,
        lo = R[EAX] >>> 0;
      const neg = hi < 0;
      if (neg) {
        // |num| of the 64-bit two's complement value
        lo = (~lo + 1) >>> 0;
        hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
      } else hi >>>= 0;
      const adenom = Math.abs(den);
      // the magnitude quotient must fit in 31 bits (or be exactly 2^31 for a negative result)
      if (hi >= adenom) raise(I386Excp.DIVZ);
      divu64by32(hi, lo, adenom);
      const q = neg !== den < 0 ? -divQ : divQ;
      if (q !== (q | 0)) raise(I386Excp.DIVZ);
      R[EAX] = q | 0;
      R[EDX] = (neg ? -divR : divR) | 0;
    },
    0,
    null,
    [I],
  );

  // ---- decimal adjust
  add("aam", (o, al, base) => {
    const a = R[al] & 0xff;
    const b = R[base] >>> 0;
    const ah = Math.floor(a / b);
    R[o] = (a % b) | (ah << 8);
  }, CALL_NO_RWG_SE, I, [I, I]); // prettier-ignore
  add("aad", (o, ax, base) => {
    const al = R[ax] & 0xff;
    const ah = (R[ax] >> 8) & 0xff;
    R[o] = (Math.imul(ah, R[base]) + al) & 0xff;
  }, CALL_NO_RWG_SE, I, [I, I]); // prettier-ignore
  const setEflagsCc = (eflags: number) => {
    R[CC_SRC] = eflags;
    R[CC_OP] = CcOp.EFLAGS;
  };
  add(
    "aaa",
    () => {
      let eflags = ccAll();
      const af = eflags & CC_A;
      let al = R[EAX] & 0xff;
      let ah = (R[EAX] >> 8) & 0xff;
      const icarry = al > 0xf9 ? 1 : 0;
      if ((al & 0x0f) > 9 || af) {
        al = (al + 6) & 0x0f;
        ah = (ah + 1 + icarry) & 0xff;
        eflags |= CC_C | CC_A;
      } else {
        eflags &= ~(CC_C | CC_A);
        al &= 0x0f;
      }
      R[EAX] = (R[EAX] & ~0xffff) | al | (ah << 8);
      setEflagsCc(eflags);
    },
    0,
    null,
    [],
  );
  add(
    "aas",
    () => {
      let eflags = ccAll();
      const af = eflags & CC_A;
      let al = R[EAX] & 0xff;
      let ah = (R[EAX] >> 8) & 0xff;
      const icarry = al < 6 ? 1 : 0;
      if ((al & 0x0f) > 9 || af) {
        al = (al - 6) & 0x0f;
        ah = (ah - 1 - icarry) & 0xff;
        eflags |= CC_C | CC_A;
      } else {
        eflags &= ~(CC_C | CC_A);
        al &= 0x0f;
      }
      R[EAX] = (R[EAX] & ~0xffff) | al | (ah << 8);
      setEflagsCc(eflags);
    },
    0,
    null,
    [],
  );
  add(
    "daa",
    () => {
      let eflags = ccAll();
      const cf = eflags & CC_C;
      const af = eflags & CC_A;
      let al = R[EAX] & 0xff;
      const oldAl = al;
      eflags = 0;
      if ((al & 0x0f) > 9 || af) {
        al = (al + 6) & 0xff;
        eflags |= CC_A;
      }
      if (oldAl > 0x99 || cf) {
        al = (al + 0x60) & 0xff;
        eflags |= CC_C;
      }
      R[EAX] = (R[EAX] & ~0xff) | al;
      eflags |= (al === 0 ? CC_Z : 0) | PARITY[al] | (al & 0x80);
      setEflagsCc(eflags);
    },
    0,
    null,
    [],
  );
  add(
    "das",
    () => {
      let eflags = ccAll();
      const cf = eflags & CC_C;
      const af = eflags & CC_A;
      let al = R[EAX] & 0xff;
      const al1 = al;
      eflags = 0;
      if ((al & 0x0f) > 9 || af) {
        eflags |= CC_A;
        if (al < 6 || cf) eflags |= CC_C;
        al = (al - 6) & 0xff;
      }
      if (al1 > 0x99 || cf) {
        al = (al - 0x60) & 0xff;
        eflags |= CC_C;
      }
      R[EAX] = (R[EAX] & ~0xff) | al;
      eflags |= (al === 0 ? CC_Z : 0) | PARITY[al] | (al & 0x80);
      setEflagsCc(eflags);
    },
    0,
    null,
    [],
  );

  // ---- bound, segments, descriptors
  add(
    "boundw",
    (_o, a0, v) => {
      const low = (cpu.mem.load16(R[a0]) << 16) >> 16;
      const high = (cpu.mem.load16((R[a0] + 2) | 0) << 16) >> 16;
      const x = (R[v] << 16) >> 16;
      if (x < low || x > high) raise(I386Excp.BOUND);
    },
    0,
    null,
    [I, I],
  );
  add(
    "boundl",
    (_o, a0, v) => {
      const low = cpu.mem.load32(R[a0]);
      const high = cpu.mem.load32((R[a0] + 4) | 0);
      const x = R[v];
      if (x < low || x > high) raise(I386Excp.BOUND);
    },
    0,
    null,
    [I, I],
  );
  add("load_seg", (_o, seg, sel) => cpu.loadSeg(R[seg], R[sel]), 0, null, [I, I]);
  const larLsl = (selector: number, lsl: boolean): number | null => {
    // helper_lar / helper_lsl: the access rights or limit of a descriptor the CPL may see (ZF)
    selector &= 0xffff;
    if ((selector & 0xfffc) === 0) return null;
    const d = cpu.readDescriptor(selector);
    if (!d) return null;
    const [e1, e2] = d;
    const rpl = selector & 3;
    const dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    const cpl = R[HFLAGS] & HF_CPL_MASK;
    if (e2 & DESC_S_MASK) {
      if (!(e2 & DESC_CS_MASK && e2 & DESC_C_MASK)) if (dpl < cpl || dpl < rpl) return null;
    } else {
      const type = (e2 >> 8) & 0xf;
      const ok = lsl ? [1, 2, 3, 9, 11].includes(type) : [1, 2, 3, 4, 5, 9, 11, 12].includes(type);
      if (!ok || dpl < cpl || dpl < rpl) return null;
    }
    return lsl ? segLimitOf(e1, e2) : e2 & 0x00f0ff00;
  };
  const zf = (ok: boolean) => {
    const eflags = ccAll();
    setEflagsCc(ok ? eflags | CC_Z : eflags & ~CC_Z);
  };
  add("lar", (o, sel) => {
    const v = larLsl(R[sel], false);
    zf(v !== null);
    R[o] = v ?? 0;
  }, 0, I, [I]); // prettier-ignore
  add("lsl", (o, sel) => {
    const v = larLsl(R[sel], true);
    zf(v !== null);
    R[o] = v ?? 0;
  }, 0, I, [I]); // prettier-ignore
  const verrw = (selector: number, write: boolean): boolean => {
    selector &= 0xffff;
    if ((selector & 0xfffc) === 0) return false;
    const d = cpu.readDescriptor(selector);
    if (!d) return false;
    const e2 = d[1];
    if (!(e2 & DESC_S_MASK)) return false;
    const rpl = selector & 3;
    const dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    const cpl = R[HFLAGS] & HF_CPL_MASK;
    if (e2 & DESC_CS_MASK) {
      if (write || !(e2 & DESC_R_MASK)) return false;
      if (!(e2 & DESC_C_MASK) && (dpl < cpl || dpl < rpl)) return false;
    } else {
      if (dpl < cpl || dpl < rpl) return false;
      if (write && !(e2 & DESC_W_MASK)) return false;
    }
    return true;
  };
  add("verr", (_o, sel) => zf(verrw(R[sel], false)), 0, null, [I]);
  add("verw", (_o, sel) => zf(verrw(R[sel], true)), 0, null, [I]);

  // far transfers between code segments of the same privilege (user mode has no gates or TSSs)
  const codeDescriptor = (newCs: number): [number, number] => {
    if ((newCs & 0xfffc) === 0) cpu.raiseErr(I386Excp.GPF, 0);
    const d = cpu.readDescriptor(newCs);
    if (!d) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    const [e1, e2] = d;
    const cpl = R[HFLAGS] & HF_CPL_MASK;
    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    const dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (e2 & DESC_C_MASK) {
      if (dpl > cpl) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    } else {
      if ((newCs & 3) > cpl || dpl !== cpl) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) cpu.raiseErr(I386Excp.NOSEG, newCs & 0xfffc);
    return [e1, e2];
  };
  const spMask = () => (R[HFLAGS] & HF_SS32_MASK ? -1 : 0xffff);
  add(
    "ljmp_protected",
    (_o, cs, eip) => {
      const newCs = R[cs] & 0xffff;
      const [e1, e2] = codeDescriptor(newCs);
      const limit = segLimitOf(e1, e2);
      if (R[eip] >>> 0 > limit >>> 0) cpu.raiseErr(I386Excp.GPF, 0);
      cpu.loadSegCache(R_CS, (newCs & 0xfffc) | (R[HFLAGS] & HF_CPL_MASK), segBaseOf(e1, e2), limit, e2);
      R[EIP] = R[eip];
    },
    0,
    null,
    [I, I, I],
  );
  add(
    "lcall_protected",
    (_o, cs, eip, shift, next) => {
      const newCs = R[cs] & 0xffff;
      const newEip = R[eip];
      const [e1, e2] = codeDescriptor(newCs);
      const mask = spMask();
      const ssBase = R[segBase(R_SS)];
      let sp = R[ESP];
      const push = (v: number) => {
        if (R[shift]) {
          sp = (sp - 4) | 0;
          cpu.mem.store32((ssBase + (sp & mask)) | 0, v);
        } else {
          sp = (sp - 2) | 0;
          cpu.mem.store16((ssBase + (sp & mask)) | 0, v);
        }
      };
      const limit = segLimitOf(e1, e2);
      if (newEip >>> 0 > limit >>> 0) cpu.raiseErr(I386Excp.GPF, 0);
      push(R[segSel(R_CS)]);
      push(R[next]);
      R[ESP] = mask === -1 ? sp : (R[ESP] & ~0xffff) | (sp & 0xffff);
      cpu.loadSegCache(R_CS, (newCs & 0xfffc) | (R[HFLAGS] & HF_CPL_MASK), segBaseOf(e1, e2), limit, e2);
      R[EIP] = newEip;
    },
    0,
    null,
    [I, I, I, I],
  );
  const retProtected = (shift: number, isIret: boolean, addend: number) => {
    const mask = spMask();
    const ssBase = R[segBase(R_SS)];
    let sp = R[ESP];
    const pop = () => {
      let v: number;
      if (shift) {
        v = cpu.mem.load32((ssBase + (sp & mask)) | 0);
        sp = (sp + 4) | 0;
      } else {
        v = cpu.mem.load16((ssBase + (sp & mask)) | 0);
        sp = (sp + 2) | 0;
      }
      return v;
    };
    const newEip = shift ? pop() : pop() & 0xffff;
    const newCs = pop() & 0xffff;
    const newEflags = isIret ? pop() : 0;
    if ((newCs & 0xfffc) === 0) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    const d = cpu.readDescriptor(newCs);
    if (!d) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    const [e1, e2] = d;
    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    const cpl = R[HFLAGS] & HF_CPL_MASK;
    const rpl = newCs & 3;
    if (rpl < cpl) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    const dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (e2 & DESC_C_MASK ? dpl > rpl : dpl !== rpl) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc);
    if (!(e2 & DESC_P_MASK)) cpu.raiseErr(I386Excp.NOSEG, newCs & 0xfffc);
    sp = (sp + addend) | 0;
    if (rpl !== cpl) cpu.raiseErr(I386Excp.GPF, newCs & 0xfffc); // no outer levels in user mode
    cpu.loadSegCache(R_CS, newCs, segBaseOf(e1, e2), segLimitOf(e1, e2), e2);
    R[ESP] = mask === -1 ? sp : (R[ESP] & ~0xffff) | (sp & 0xffff);
    R[EIP] = newEip;
    if (isIret) {
      let eflagsMask = TF_MASK | AC_MASK | ID_MASK | RF_MASK | NT_MASK;
      if (!shift) eflagsMask &= 0xffff;
      cpu.loadEflags(newEflags, eflagsMask);
    }
  };
  add("lret_protected", (_o, shift, addend) => retProtected(R[shift], false, R[addend]), 0, null, [I, I]);
  add(
    "iret_protected",
    (_o, shift) => {
      if (R[EFLAGS] & NT_MASK) {
        // helper_iret_protected's task return: the back link is read from TR's base (0 in user mode,
        // so this faults as a read of address 0, as in qemu-i386); a selector that can be read
        // cannot name a TSS here (the GDT holds none), so #TS
        const tss = cpu.mem.load16(R[TR + 1]!);
        if (tss & 4) cpu.raiseErr(I386Excp.TSS, tss & 0xfffc);
        const d = cpu.readDescriptor(tss);
        if (d === null || ((d[1] >> 8) & 0x17) !== 3) cpu.raiseErr(I386Excp.TSS, tss & 0xfffc);
        cpu.raiseErr(I386Excp.TSS, tss & 0xfffc); // switch_tss is beyond a user-mode CPU
      }
      retProtected(R[shift], true, 0);
    },
    0,
    null,
    [I, I],
  );

  // ---- cpuid, rdtsc
  add(
    "cpuid",
    () => {
      const r = cpu.model.cpuid(R[EAX] >>> 0, R[ECX] >>> 0);
      R[EAX] = r[0] | 0;
      R[EBX] = r[1] | 0;
      R[ECX] = r[2] | 0;
      R[EDX] = r[3] | 0;
    },
    0,
    null,
    [],
  );
  add(
    "rdtsc",
    () => {
      const v = cpu.tsc();
      R[EAX] = Number(BigInt.asIntN(32, v));
      R[EDX] = Number(BigInt.asIntN(32, v >> 32n));
    },
    0,
    null,
    [],
  );

  // ---- x87 (fpu/x87*.ts); memory operands through cpu.mem
  const mem = cpu.mem;
  const x0 = (name: string, f: (R: Int32Array, base: number) => void) => add(name, () => f(R, FPU), FPONLY, null, []);
  const xi = (name: string, f: (R: Int32Array, base: number, v: number) => void) =>
    add(name, (_o, a) => f(R, FPU, R[a]), FPONLY, null, [I]);
  const xl = (name: string, f: (R: Int32Array, base: number, lo: number, hi: number) => void) =>
    add(name, (_o, a) => f(R, FPU, R[a], R[a + 1]), FPONLY, null, [L]);
  const xo = (name: string, f: (R: Int32Array, base: number) => number) => add(name, (o) => (R[o] = f(R, FPU)), FPONLY, I, []);
  const xo64 = (name: string, f: (R: Int32Array, base: number, dst: number) => void) => add(name, (o) => f(R, FPU, o), FPONLY, L, []);
  const xm = (name: string, f: (R: Int32Array, base: number, mem: F.FpuMemory, ptr: number) => void) =>
    add(name, (_o, a) => f(R, FPU, mem, R[a] >>> 0), 0, null, [I]);
  const xmd = (name: string, f: (R: Int32Array, base: number, mem: F.FpuMemory, ptr: number, data32: boolean) => void) =>
    add(name, (_o, a, d32) => f(R, FPU, mem, R[a] >>> 0, R[d32] !== 0), 0, null, [I, I]);
  xi("flds_FT0", F.flds_FT0);
  xi("fildl_FT0", F.fildl_FT0);
  xl("fldl_FT0", F.fldl_FT0);
  xi("flds_ST0", F.flds_ST0);
  xi("fildl_ST0", F.fildl_ST0);
  xl("fldl_ST0", F.fldl_ST0);
  xl("fildll_ST0", F.fildll_ST0);
  xo("fsts_ST0", F.fsts_ST0);
  xo("fistl_ST0", F.fistl_ST0);
  xo("fist_ST0", F.fist_ST0);
  xo("fisttl_ST0", F.fisttl_ST0);
  xo("fistt_ST0", F.fistt_ST0);
  xo64("fstl_ST0", F.fstl_ST0);
  xo64("fistll_ST0", F.fistll_ST0);
  xo64("fisttll_ST0", F.fisttll_ST0);
  xm("fldt_ST0", F.fldt_ST0);
  xm("fstt_ST0", F.fstt_ST0);
  xm("fbld_ST0", F.fbld_ST0);
  xm("fbst_ST0", F.fbst_ST0);
  xmd("fldenv", F.fldenv);
  xmd("fstenv", F.fstenv);
  xmd("frstor", F.frstor);
  xmd("fsave", F.fsave);
  xi("fldcw", F.fldcw);
  xo("fnstcw", F.fnstcw);
  xo("fnstsw", F.fnstsw);
  for (const [n, f] of Object.entries({
    fpush: F.fpush,
    fpop: F.fpop,
    fdecstp: F.fdecstp,
    fincstp: F.fincstp,
    fmov_ST0_FT0: F.fmov_ST0_FT0,
    fchs_ST0: F.fchs_ST0,
    fabs_ST0: F.fabs_ST0,
    fldz_FT0: F.fldz_FT0,
    fcom_ST0_FT0: F.fcom_ST0_FT0,
    fucom_ST0_FT0: F.fucom_ST0_FT0,
    fxam_ST0: F.fxam_ST0,
    fadd_ST0_FT0: F.fadd_ST0_FT0,
    fmul_ST0_FT0: F.fmul_ST0_FT0,
    fsub_ST0_FT0: F.fsub_ST0_FT0,
    fsubr_ST0_FT0: F.fsubr_ST0_FT0,
    fdiv_ST0_FT0: F.fdiv_ST0_FT0,
    fdivr_ST0_FT0: F.fdivr_ST0_FT0,
    fld1_ST0: F.fld1_ST0,
    fldl2t_ST0: F.fldl2t_ST0,
    fldl2e_ST0: F.fldl2e_ST0,
    fldpi_ST0: F.fldpi_ST0,
    fldlg2_ST0: F.fldlg2_ST0,
    fldln2_ST0: F.fldln2_ST0,
    fldz_ST0: F.fldz_ST0,
    f2xm1: F.f2xm1,
    fyl2x: F.fyl2x,
    fptan: F.fptan,
    fpatan: F.fpatan,
    fxtract: F.fxtract,
    fprem1: F.fprem1,
    fprem: F.fprem,
    fyl2xp1: F.fyl2xp1,
    fsqrt: F.fsqrt,
    fsincos: F.fsincos,
    frndint: F.frndint,
    fscale: F.fscale,
    fsin: F.fsin,
    fcos: F.fcos,
    fclex: F.fclex,
    fninit: F.fninit,
    enter_mmx: F.enterMmx,
    emms: F.emms,
  }))
    x0(n, f);
  for (const [n, f] of Object.entries({
    fmov_FT0_STN: F.fmov_FT0_STN,
    fmov_ST0_STN: F.fmov_ST0_STN,
    fmov_STN_ST0: F.fmov_STN_ST0,
    fxchg_ST0_STN: F.fxchg_ST0_STN,
    ffree_STN: F.ffree_STN,
    fadd_STN_ST0: F.fadd_STN_ST0,
    fmul_STN_ST0: F.fmul_STN_ST0,
    fsub_STN_ST0: F.fsub_STN_ST0,
    fsubr_STN_ST0: F.fsubr_STN_ST0,
    fdiv_STN_ST0: F.fdiv_STN_ST0,
    fdivr_STN_ST0: F.fdivr_STN_ST0,
  }))
    xi(n, f);
  add("fcomi_ST0_FT0", (o) => (R[o] = F.fcomi_ST0_FT0(R, FPU)), FPONLY, I, []);
  add("fucomi_ST0_FT0", (o) => (R[o] = F.fucomi_ST0_FT0(R, FPU)), FPONLY, I, []);
  add(
    "fxsave",
    (_o, a) => {
      if (!F.fxsave(R, FPU, mem, R[a] >>> 0)) raise(I386Excp.GPF);
    },
    0,
    null,
    [I],
  );
  add(
    "fxrstor",
    (_o, a) => {
      if (!F.fxrstor(R, FPU, mem, R[a] >>> 0)) raise(I386Excp.GPF);
    },
    0,
    null,
    [I],
  );
  add("ldmxcsr", (_o, v) => F.ldmxcsr(R, FPU, R[v]), FPONLY, null, [I]);
  add("stmxcsr", (o) => (R[o] = F.stmxcsr(R, FPU)), FPONLY, I, []);

  // ---- SSE floating point: (desc, imm) with desc = slots d, v, s relative to the FPU block
  const dS = (x: number) => FPU + ((x >>> 8) & 0xff);
  const vS = (x: number) => FPU + ((x >>> 16) & 0xff);
  const sS = (x: number) => FPU + ((x >>> 24) & 0xff);
  const sse3 = (name: string, f: (R: Int32Array, base: number, d: number, v: number, s: number) => void) =>
    add(name, (_o, x) => f(R, FPU, dS(R[x]), vS(R[x]), sS(R[x])), FPONLY, null, [I, I]);
  const sse2 = (name: string, f: (R: Int32Array, base: number, d: number, s: number) => void) =>
    add(name, (_o, x) => f(R, FPU, dS(R[x]), sS(R[x])), FPONLY, null, [I, I]);
  for (const op of ["add", "sub", "mul", "div", "min", "max"])
    for (const sfx of ["ps", "pd", "ss", "sd"])
      sse3(op + sfx, (F as unknown as Record<string, (R: Int32Array, base: number, d: number, v: number, s: number) => void>)[op + sfx]);
  sse2("sqrtps", F.sqrtps);
  sse2("sqrtpd", F.sqrtpd);
  sse3("sqrtss", F.sqrtss);
  sse3("sqrtsd", F.sqrtsd);
  sse2("rsqrtps", F.rsqrtps);
  sse3("rsqrtss", F.rsqrtss);
  sse2("rcpps", F.rcpps);
  sse3("rcpss", F.rcpss);
  for (const [n, f] of Object.entries({ cmpps: F.cmpps, cmppd: F.cmppd, cmpss: F.cmpss, cmpsd: F.cmpsd }))
    add(n, (_o, x, imm) => f(R, FPU, dS(R[x]), vS(R[x]), sS(R[x]), R[imm]), FPONLY, null, [I, I]);
  for (const [n, f] of Object.entries({ comiss: F.comiss, ucomiss: F.ucomiss, comisd: F.comisd, ucomisd: F.ucomisd }))
    add(n, (o, x) => (R[o] = f(R, FPU, vS(R[x]), sS(R[x]))), FPONLY, I, [I]);
  sse2("cvtps2pd", F.cvtps2pd);
  sse2("cvtpd2ps", F.cvtpd2ps);
  sse3("cvtss2sd", F.cvtss2sd);
  sse3("cvtsd2ss", F.cvtsd2ss);
  sse2("cvtdq2ps", F.cvtdq2ps);
  sse2("cvtdq2pd", F.cvtdq2pd);
  sse2("cvtps2dq", F.cvtps2dq);
  sse2("cvttps2dq", F.cvttps2dq);
  sse2("cvtpd2dq", F.cvtpd2dq);
  sse2("cvttpd2dq", F.cvttpd2dq);
  sse2("cvtpi2ps", F.cvtpi2ps);
  sse2("cvtpi2pd", F.cvtpi2pd);
  sse2("cvtps2pi", F.cvtps2pi);
  sse2("cvttps2pi", F.cvttps2pi);
  sse2("cvtpd2pi", F.cvtpd2pi);
  sse2("cvttpd2pi", F.cvttpd2pi);
  add("cvtsi2ss", (_o, x, v) => F.cvtsi2ss(R, FPU, dS(R[x]), R[v]), FPONLY, null, [I, I]);
  add("cvtsi2sd", (_o, x, v) => F.cvtsi2sd(R, FPU, dS(R[x]), R[v]), FPONLY, null, [I, I]);
  for (const [n, f] of Object.entries({ cvtss2si: F.cvtss2si, cvttss2si: F.cvttss2si, cvtsd2si: F.cvtsd2si, cvttsd2si: F.cvttsd2si }))
    add(n, (o, x) => (R[o] = f(R, FPU, sS(R[x]))), FPONLY, I, [I]);

  // ---- MMX/SSE integer lanes (vec-int.ts)
  const R8 = S.R8,
    R16 = S.R16;
  add(
    "vec",
    (_o, x, imm) => {
      const v = R[x];
      vecOp(R, R8, R16, v & 0x7f, v & 0x80 ? 16 : 8, dS(v), vS(v), sS(v), R[imm]);
    },
    FPONLY,
    null,
    [I, I],
  );
  add("pmovmskb", (o, s, len) => (R[o] = pmovmskb(R8, R[s], R[len])), FPONLY, I, [I, I]);
  add("movmskps", (o, s) => {
    const b = R[s];
    R[o] = (R[b] >>> 31) | ((R[b + 1] >>> 31) << 1) | ((R[b + 2] >>> 31) << 2) | ((R[b + 3] >>> 31) << 3);
  }, FPONLY, I, [I]); // prettier-ignore
  add("movmskpd", (o, s) => {
    const b = R[s];
    R[o] = (R[b + 1] >>> 31) | ((R[b + 3] >>> 31) << 1);
  }, FPONLY, I, [I]); // prettier-ignore
  add(
    "maskmov",
    (_o, d, s, a0, len) => {
      // byte stores where the mask's sign bit is set (a fault leaves the earlier bytes written, as QEMU)
      const dd = R[d] * 4,
        ss = R[s] * 4;
      for (let i = 0; i < R[len]; i++) if (R8[ss + i] & 0x80) mem.store8((R[a0] + i) | 0, R8[dd + i]);
    },
    0,
    null,
    [I, I, I, I],
  );
  add("probe_write", (_o, a, size) => mem.prepare(R[a] >>> 0, R[size], true), 0, null, [I, I]);

  return out;
}

/** The quotient and remainder of the last divu64by32 (no allocation per division). */
let divQ = 0,
  divR = 0;

/** (hi:lo) / d for hi < d (the quotient fits in 32 bits), exactly, with doubles: into divQ, divR. */
export function divu64by32(hi: number, lo: number, d: number): void {
  if (hi === 0) {
    divQ = Math.floor(lo / d);
    divR = lo - divQ * d;
    return;
  }
  let t = hi * 65536 + (lo >>> 16);
  const q1 = Math.floor(t / d);
  t = (t - q1 * d) * 65536 + (lo & 0xffff);
  const q0 = Math.floor(t / d);
  divR = t - q0 * d;
  divQ = q1 * 65536 + q0;
}
