// The i386 CPU as a guest of the execution engine (QEMU's X86CPU in 32-bit protected mode at CPL 3, as
// linux-user runs it): its state layout and globals, its helpers and translator, EFLAGS/hflags
// bookkeeping, segment loads through the GDT/LDT in guest memory, and typed accessors for the
// rest of the emulator (Linux ABI, debugger, embedding API).
import { CpuExec, type ExecOptions, type GuestTarget } from "../../exec/cpu-exec.ts";
import type { CodeSource } from "../../exec/translator.ts";
import type { TcgContext, Temp } from "../../tcg/context.ts";
import { MO_RMW, Type } from "../../tcg/opcodes.ts";
import { ENV_ZERO, PAGE_BITS, PAGE_MASK } from "../../tci/state.ts";
import { QEMU32_NO_SSE3, type I386CpuModel } from "./cpu-model.ts";
import { ccComputeAll } from "./cc.ts";
import {
  AC_MASK,
  CC_ALL,
  CC_DST,
  CC_OP,
  CC_SRC,
  CC_SRC2,
  CcOp,
  CR2,
  CS_BASE,
  DESC_A_MASK,
  DESC_B_MASK,
  DESC_CS_MASK,
  DESC_C_MASK,
  DESC_DPL_SHIFT,
  DESC_G_MASK,
  segBaseOf,
  segLimitOf,
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
  GDT_BASE,
  GDT_LIMIT,
  HFLAGS,
  HF_ADDSEG_MASK,
  HF_CPL_MASK,
  HF_CS32_MASK,
  HF_OSFXSR_MASK,
  HF_PE_MASK,
  HF_SS32_MASK,
  I386Excp,
  I386_ENV_SLOTS,
  IDT_BASE,
  IDT_LIMIT,
  IF_MASK,
  LDT,
  PC_HI,
  REGS,
  RF_MASK,
  R_CS,
  R_DS,
  R_ES,
  R_SS,
  TB_EFLAGS_BITS,
  TB_FLAGS,
  TR,
  VM_MASK,
  segBase,
  segFlags,
  segLimit,
  segSel,
} from "./cpu-state.ts";
import { resetFpuState, type FpuMemory } from "./fpu/index.ts";
import { registerI386Helpers } from "./helpers.ts";
import type { I386HelperCpu } from "./helper-cpu.ts";
import { I386Translator, type I386Globals, type I386HelperIds } from "./translate.ts";

export interface I386CpuOptions extends ExecOptions {
  model?: I386CpuModel;
}

const u32 = (v: number) => v >>> 0;

export class I386Cpu implements GuestTarget, I386HelperCpu {
  readonly addressBits = 32;
  readonly pageBits = PAGE_BITS;
  /** TARGET_HAS_PRECISE_SMC: x86 code sees its own stores at once, even into the running TB. */
  readonly preciseSmc = true;
  readonly pcSlot = EIP;
  readonly csBaseSlot = CS_BASE;
  readonly flagsSlot = TB_FLAGS;
  readonly envSlots = I386_ENV_SLOTS;
  readonly exec: CpuExec;
  readonly R: Int32Array;
  readonly model: I386CpuModel;
  readonly translator: I386Translator;
  private g!: I386Globals;
  /** Guest memory as the FPU helpers (fxsave, fldt...) and the descriptor-table reads see it. */
  readonly mem: FpuMemory;
  /** Time stamp counter source (rdtsc): the host's cycle-like clock in QEMU user mode. */
  tsc: () => bigint = () => BigInt(this.exec.icount());

  constructor(
    readonly code: CodeSource,
    opts: I386CpuOptions = {},
  ) {
    this.model = opts.model ?? QEMU32_NO_SSE3;
    this.exec = new CpuExec(this, undefined, opts);
    this.R = this.exec.S.R;
    this.mem = this.makeGuestMemory();
    const ids: I386HelperIds = {};
    for (const [name, info] of registerI386Helpers(this)) ids[name] = this.exec.helper(info);
    this.translator = new I386Translator(this.g, ids, this.model);
    this.reset();
  }

  initGlobals(ctx: TcgContext): void {
    const I = Type.I32;
    const eip = ctx.globalNew(I, EIP, "eip");
    const names = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
    const regs: Temp[] = names.map((n, i) => ctx.globalNew(I, REGS + i, n));
    const ccDst = ctx.globalNew(I, CC_DST, "cc_dst");
    const ccSrc = ctx.globalNew(I, CC_SRC, "cc_src");
    const ccSrc2 = ctx.globalNew(I, CC_SRC2, "cc_src2");
    const ccOp = ctx.globalNew(I, CC_OP, "cc_op");
    const segNames = ["es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base"];
    const segB: Temp[] = segNames.map((n, i) => ctx.globalNew(I, segBase(i), n));
    const zero = ctx.globalNew(I, ENV_ZERO, "zero");
    this.g = { eip, regs, ccDst, ccSrc, ccSrc2, ccOp, segBase: segB, zero };
  }

  /** x86_restore_state_to_opc: EIP and, unless dynamic, the cc_op recorded in insn_start. */
  restoreState(data: Int32Array, index: number): void {
    const R = this.R;
    R[EIP] = (data[index * 3] - R[CS_BASE]) | 0;
    const ccOp = data[index * 3 + 2];
    if (ccOp !== CcOp.DYNAMIC) R[CC_OP] = ccOp;
  }

  /** The CPU state QEMU's x86 reset and linux-user's target_cpu_copy_regs leave (before the GDT). */
  reset(): void {
    const R = this.R;
    R.fill(0, EIP, EIP + I386_ENV_SLOTS);
    R[DF] = 1;
    R[EFLAGS] = 0x2 | IF_MASK;
    R[CC_OP] = CcOp.EFLAGS;
    R[HFLAGS] = HF_PE_MASK | HF_CPL_MASK | HF_OSFXSR_MASK;
    // every segment flat, as cpu_x86_load_seg does before a GDT exists; Linux's loader sets them up
    for (let s = 0; s < 6; s++) this.loadSegCache(s, 0, 0, 0xffffffff | 0, 0);
    R[HFLAGS] |= HF_CPL_MASK; // target_cpu_copy_regs: CPL 3 (the SS loads that follow keep it)
    R[TR + 2] = 0xffff;
    R[TR + 3] = DESC_P_MASK | (11 << 8);
    R[LDT + 3] = DESC_P_MASK | (2 << 8);
    resetFpuState(R, FPU);
    this.syncTbFlags();
    void PC_HI;
  }

  // ---- EFLAGS and hflags

  /** cpu_compute_eflags: the architectural EFLAGS. */
  get eflags(): number {
    const R = this.R;
    return (R[EFLAGS] | ccComputeAll(R[CC_DST], R[CC_SRC], R[CC_SRC2], R[CC_OP]) | (R[DF] & DF_MASK)) >>> 0;
  }

  /** cpu_load_eflags: arithmetic flags and DF, and the bits of update_mask. */
  loadEflags(v: number, updateMask: number): void {
    const R = this.R;
    R[CC_SRC] = v & CC_ALL;
    R[CC_OP] = CcOp.EFLAGS;
    R[DF] = 1 - 2 * ((v >> 10) & 1);
    R[EFLAGS] = (R[EFLAGS] & ~updateMask) | (v & updateMask) | 0x2;
    this.syncTbFlags();
  }
  set eflags(v: number) {
    this.loadEflags(v, ~0 & ~(VM_MASK | 0x2 | CC_ALL | DF_MASK));
  }

  /** TB flags = hflags plus the eflags bits cpu_get_tb_cpu_state adds. */
  syncTbFlags(): void {
    const R = this.R;
    R[TB_FLAGS] = R[HFLAGS] | (R[EFLAGS] & TB_EFLAGS_BITS);
  }

  // ---- segments

  /** cpu_x86_load_seg_cache: the descriptor cache and the hidden flags that depend on it. */
  loadSegCache(seg: number, selector: number, base: number, limit: number, flags: number): void {
    const R = this.R;
    R[segSel(seg)] = selector & 0xffff;
    R[segBase(seg)] = base | 0;
    R[segLimit(seg)] = limit | 0;
    R[segFlags(seg)] = flags | 0;
    let h = R[HFLAGS];
    if (seg === R_CS) {
      h = (h & ~HF_CS32_MASK) | ((flags & DESC_B_MASK) >>> (22 - 4));
      R[CS_BASE] = base | 0;
    }
    if (seg === R_SS) h = (h & ~HF_CPL_MASK) | ((flags >> DESC_DPL_SHIFT) & 3);
    let nh = (R[segFlags(R_SS)] & DESC_B_MASK) >>> (22 - 5);
    if (!(h & HF_PE_MASK) || R[EFLAGS] & VM_MASK || !(h & HF_CS32_MASK)) nh |= HF_ADDSEG_MASK;
    else if ((R[segBase(R_DS)] | R[segBase(R_ES)] | R[segBase(R_SS)]) !== 0) nh |= HF_ADDSEG_MASK;
    R[HFLAGS] = (h & ~(HF_SS32_MASK | HF_ADDSEG_MASK)) | nh;
    this.syncTbFlags();
  }

  /** load_segment: the 8-byte descriptor of a selector from the GDT or LDT, or null beyond the limit. */
  readDescriptor(selector: number): [number, number, number] | null {
    const R = this.R;
    const ldt = (selector & 4) !== 0;
    const base = ldt ? R[LDT + 1] : R[GDT_BASE];
    const limit = ldt ? R[LDT + 2] : R[GDT_LIMIT];
    const index = selector & ~7;
    if (u32(index + 7) > u32(limit)) return null;
    const ptr = (base + index) | 0;
    return [this.mem.load32(ptr), this.mem.load32((ptr + 4) | 0), ptr];
  }

  /** helper_load_seg: loads DS/ES/SS/FS/GS through the protected-mode checks. */
  loadSeg(seg: number, selector: number): void {
    selector &= 0xffff;
    const cpl = this.R[HFLAGS] & HF_CPL_MASK;
    if ((selector & 0xfffc) === 0) {
      if (seg === R_SS) this.raiseErr(I386Excp.GPF, 0);
      this.loadSegCache(seg, selector, 0, 0, 0);
      return;
    }
    const d = this.readDescriptor(selector);
    if (!d) this.raiseErr(I386Excp.GPF, selector & 0xfffc);
    const [e1, ptr] = [d[0], d[2]];
    let e2 = d[1];
    if (!(e2 & DESC_S_MASK)) this.raiseErr(I386Excp.GPF, selector & 0xfffc);
    const rpl = selector & 3;
    const dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (seg === R_SS) {
      if (e2 & DESC_CS_MASK || !(e2 & DESC_W_MASK)) this.raiseErr(I386Excp.GPF, selector & 0xfffc);
      if (rpl !== cpl || dpl !== cpl) this.raiseErr(I386Excp.GPF, selector & 0xfffc);
    } else {
      if ((e2 & (DESC_CS_MASK | DESC_R_MASK)) === DESC_CS_MASK) this.raiseErr(I386Excp.GPF, selector & 0xfffc);
      if (!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) {
        if (dpl < cpl || dpl < rpl) this.raiseErr(I386Excp.GPF, selector & 0xfffc);
      }
    }
    if (!(e2 & DESC_P_MASK)) this.raiseErr(seg === R_SS ? I386Excp.STACK : I386Excp.NOSEG, selector & 0xfffc);
    if (!(e2 & DESC_A_MASK)) {
      e2 |= DESC_A_MASK;
      this.mem.store32((ptr + 4) | 0, e2);
    }
    this.loadSegCache(seg, selector, segBaseOf(e1, e2), segLimitOf(e1, e2), e2);
  }

  /** raise_exception_err: an exception with an error code (for the signal frame's err). */
  raiseErr(excp: number, errorCode: number): never {
    this.R[ERROR_CODE] = errorCode;
    this.R[EXC_IS_INT] = 0;
    return this.exec.raise(excp);
  }
  raiseExc(excp: number): never {
    return this.raiseErr(excp, 0);
  }

  // ---- guest memory from helpers (faults unwind through the helper's caller)

  private makeGuestMemory(): FpuMemory {
    const exec = this.exec;
    const S = exec.S;
    /**
     * Where QEMU's cpu_ld*_data_ra faults for a misaligned load (its ldst_atomicity.c.inc on an
     * x86-64 host with AVX): 2 and 4 bytes with more than 8 left in the page are read as the 16
     * bytes from addr & ~7; 4 bytes nearer the page end as two aligned words from addr & ~3. A
     * byte load at the block's start raises the fault there; the load itself then faults (at the
     * next page) only if it crosses into an unmapped one.
     */
    const qemuUnalignedProbe = (addr: number, size: number): void => {
      const left = 4096 - (addr & 0xfff);
      if (left > 8) S.slow.load((addr & ~7) | 0, 0, 0, 0, S.retaddr);
      else if (size === 4) S.slow.load((addr & ~3) | 0, 0, 0, 0, S.retaddr);
    };
    return {
      prepare(addr: number, size: number, write: boolean): void {
        const first = addr & PAGE_MASK;
        const last = (addr + size - 1) & PAGE_MASK;
        const memop = write ? MO_RMW : 0;
        S.slow.load(addr | 0, 0, memop, 0, S.retaddr);
        if (last !== first) S.slow.load(last | 0, 0, memop, 0, S.retaddr);
      },
      load8: (addr: number) => S.slow.load(addr | 0, 0, 0, 0, S.retaddr) & 0xff,
      load16: (addr: number) => {
        if (addr & 1) qemuUnalignedProbe(addr, 2);
        return S.slow.load(addr | 0, 0, 1, 0, S.retaddr) & 0xffff;
      },
      load32: (addr: number) => {
        if (addr & 3) qemuUnalignedProbe(addr, 4);
        return S.slow.load(addr | 0, 0, 2, 0, S.retaddr) | 0;
      },
      store8: (addr: number, v: number) => S.slow.store(v, 0, addr | 0, 0, 0, 0, S.retaddr),
      store16: (addr: number, v: number) => S.slow.store(v, 0, addr | 0, 0, 1, 0, S.retaddr),
      store32: (addr: number, v: number) => S.slow.store(v, 0, addr | 0, 0, 2, 0, S.retaddr),
    };
  }

  // ---- typed accessors

  get eip(): number {
    return this.R[EIP] >>> 0;
  }
  set eip(v: number) {
    this.R[EIP] = v | 0;
  }
  reg(i: number): number {
    return this.R[REGS + i] >>> 0;
  }
  setReg(i: number, v: number): void {
    this.R[REGS + i] = v | 0;
  }
  get excIsInt(): boolean {
    return this.R[EXC_IS_INT] !== 0;
  }
  get excNextEip(): number {
    return this.R[EXC_NEXT_EIP] >>> 0;
  }
  get errorCode(): number {
    return this.R[ERROR_CODE];
  }
  get cr2(): number {
    return this.R[CR2] >>> 0;
  }
  setIdt(base: number, limit: number): void {
    this.R[IDT_BASE] = base | 0;
    this.R[IDT_LIMIT] = limit;
  }
  setGdt(base: number, limit: number): void {
    this.R[GDT_BASE] = base | 0;
    this.R[GDT_LIMIT] = limit;
  }
  /** Guest instructions retired so far (the engine counts them). */
  instret(): number {
    return this.exec.icount();
  }
}

export { segBaseOf, segLimitOf };

export { AC_MASK, RF_MASK, R_ES, DESC_G_MASK };
