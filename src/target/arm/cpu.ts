// The 32-bit ARM CPU (QEMU's cortex-a15 with neon=off,vfp-d32=off) as a guest of the execution
// engine: its state layout, globals, helpers and translator, plus typed accessors for the rest of
// the emulator (Linux user mode, debugger, logs).
import { CpuExec, type ExecOptions, type GuestTarget } from "../../exec/cpu-exec.ts";
import type { CodeSource } from "../../exec/translator.ts";
import type { HelperInfo, TcgContext, Temp } from "../../tcg/context.ts";
import { Type } from "../../tcg/opcodes.ts";
import { PAGE_BITS } from "../../tci/state.ts";
import {
  ARM_CPU_MODE_USR,
  ARM_ENV_SLOTS,
  CF,
  EXCL_ADDR,
  EXCL_VAL,
  FPEXC,
  FPSCR,
  FPSCR_WRITABLE,
  GE,
  KONST,
  NF,
  PC,
  QF,
  REG,
  TB_FLAGS,
  TB_FLAGS2,
  TB_FLAGS2_USER,
  TB_FLAGS_USER,
  TBF_CONDEXEC_SHIFT,
  TBF_THUMB,
  TBF2_VECLEN_MASK,
  TBF2_VECSTRIDE_SHIFT,
  TPIDRURO,
  UNCACHED_CPSR,
  VF,
  ZF,
  cpsrRead,
  cpsrWrite,
  dSlot,
  regSlot,
} from "./cpu-state.ts";
import { makeArmHelpers } from "./helpers.ts";
import type { ArmGlobals, ArmHelperIds } from "./translate-base.ts";
import { ArmTranslator } from "./translate.ts";
import { makeVfpHelpers } from "./vfp-helpers.ts";

export type ArmCpuOptions = ExecOptions;

/** What system mode adds to the CPU (src/target/arm/system-cpu.ts); Linux user mode passes nothing. */
export interface ArmCpuExtension {
  /** More helpers, registered after the user-mode ones: a helper of the same name replaces its user-mode version. */
  helpers?: (R: Int32Array) => Map<string, HelperInfo>;
  /** The translator to use instead of the user-mode one. */
  translator?: (g: ArmGlobals, ids: ArmHelperIds) => ArmTranslator;
}

export class ArmCpu implements GuestTarget {
  readonly addressBits = 32;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = PC;
  readonly csBaseSlot = TB_FLAGS2;
  readonly flagsSlot = TB_FLAGS;
  readonly envSlots = ARM_ENV_SLOTS;
  readonly exec: CpuExec;
  readonly R: Int32Array;
  private g!: ArmGlobals;
  readonly translator: ArmTranslator;
  /** System mode: the RAM page of the code at a virtual pc (see GuestTarget.codePage). */
  codePage: ((pcLo: number, pcHi: number, flags: number) => number) | undefined = undefined;

  /** Guest memory comes later, from exec.attachSoftmmu (the softmmu needs the exec's state). */
  constructor(
    readonly code: CodeSource,
    opts: ArmCpuOptions = {},
    ext: ArmCpuExtension = {},
  ) {
    this.exec = new CpuExec(this, undefined, opts);
    const R = (this.R = this.exec.S.R);
    for (let i = 0; i < 256; i++) R[KONST + i] = i;
    const ids: Record<string, number> = {};
    const host = {
      R,
      raise: (e: number, aux: number, auxHi: number) => this.exec.raise(e, aux, auxHi),
      raiseAfter: (e: number, aux: number, auxHi: number) => this.exec.raise(e, aux, auxHi, -1),
    };
    for (const [name, info] of makeArmHelpers(host)) ids[name] = this.exec.helper(info);
    for (const [name, info] of makeVfpHelpers(R)) ids[name] = this.exec.helper(info);
    if (ext.helpers) for (const [name, info] of ext.helpers(R)) ids[name] = this.exec.helper(info);
    this.translator = ext.translator ? ext.translator(this.g, ids) : new ArmTranslator(this.g, ids);
    this.reset();
  }

  /** The state after reset in Linux user mode: user mode, ARM state, VFP enabled, no exclusive. */
  reset(): void {
    const R = this.R;
    R.fill(0, REG, KONST);
    R[TB_FLAGS] = TB_FLAGS_USER;
    R[TB_FLAGS2] = TB_FLAGS2_USER;
    R[UNCACHED_CPSR] = ARM_CPU_MODE_USR;
    R[ZF] = 1; // Z clear
    R[FPEXC] = 1 << 30;
    R[EXCL_ADDR] = R[EXCL_ADDR + 1] = -1;
  }

  initGlobals(ctx: TcgContext): void {
    const I = Type.I32;
    const names = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "pc"];
    const r: Temp[] = names.map((n, i) => ctx.globalNew(I, regSlot(i), n));
    const k: Temp[] = [];
    for (let i = 0; i < 256; i++) k.push(ctx.globalNew(I, KONST + i, `k${i}`));
    this.g = {
      r,
      nf: ctx.globalNew(I, NF, "NF"),
      zf: ctx.globalNew(I, ZF, "ZF"),
      cf: ctx.globalNew(I, CF, "CF"),
      vf: ctx.globalNew(I, VF, "VF"),
      qf: ctx.globalNew(I, QF, "QF"),
      ge: ctx.globalNew(I, GE, "GE"),
      flags: ctx.globalNew(I, TB_FLAGS, "tbflags"),
      flags2: ctx.globalNew(I, TB_FLAGS2, "tbflags2"),
      exclAddr: ctx.globalNew(Type.I64, EXCL_ADDR, "exclusive_addr"),
      exclVal: ctx.globalNew(Type.I64, EXCL_VAL, "exclusive_val"),
      k,
    };
  }

  /** insn_start data: the pc, and the IT bits (QEMU's restore_state_to_opc). */
  restoreState(data: Int32Array, index: number): void {
    const R = this.R;
    R[PC] = data[index * 3];
    R[TB_FLAGS] = (R[TB_FLAGS] & ~(0xff << TBF_CONDEXEC_SHIFT)) | ((data[index * 3 + 2] & 0xff) << TBF_CONDEXEC_SHIFT);
  }

  // ---- typed accessors
  getReg(i: number): number {
    return this.R[regSlot(i)] >>> 0;
  }
  setReg(i: number, v: number): void {
    this.R[regSlot(i)] = v | 0;
  }
  get pc(): number {
    return this.R[PC] >>> 0;
  }
  set pc(v: number) {
    this.R[PC] = v | 0;
  }
  get thumb(): boolean {
    return (this.R[TB_FLAGS] & TBF_THUMB) !== 0;
  }
  set thumb(t: boolean) {
    this.R[TB_FLAGS] = t ? this.R[TB_FLAGS] | TBF_THUMB : this.R[TB_FLAGS] & ~TBF_THUMB;
  }
  get cpsr(): number {
    return cpsrRead(this.R) >>> 0;
  }
  /** Writes CPSR bits (mask), as cpsr_write does. */
  writeCpsr(v: number, mask: number): void {
    cpsrWrite(this.R, v, mask);
  }
  get fpscr(): number {
    return this.R[FPSCR] >>> 0;
  }
  /** vfp_set_fpscr: the kept bits, with Len/Stride also in the TB flags. */
  set fpscr(v: number) {
    const R = this.R;
    const val = v & FPSCR_WRITABLE;
    R[FPSCR] = val;
    R[TB_FLAGS2] =
      (R[TB_FLAGS2] & ~(TBF2_VECLEN_MASK | (3 << TBF2_VECSTRIDE_SHIFT))) |
      ((val >>> 16) & 7) |
      (((val >>> 20) & 3) << TBF2_VECSTRIDE_SHIFT);
  }
  /** D register i as a 64-bit value. */
  getD(i: number): bigint {
    const s = dSlot(i);
    return (BigInt(this.R[s + 1] >>> 0) << 32n) | BigInt(this.R[s] >>> 0);
  }
  setD(i: number, v: bigint): void {
    const s = dSlot(i);
    this.R[s] = Number(BigInt.asIntN(32, v));
    this.R[s + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  get tls(): number {
    return this.R[TPIDRURO] >>> 0;
  }
  set tls(v: number) {
    this.R[TPIDRURO] = v | 0;
  }
  /** Drops the exclusive monitor (a context switch, a signal). */
  clearExclusive(): void {
    this.R[EXCL_ADDR] = this.R[EXCL_ADDR + 1] = -1;
  }
  /** Guest instructions retired so far (the engine counts them). */
  instret(): number {
    return this.exec.icount();
  }
}
