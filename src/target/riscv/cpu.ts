// The RISC-V RV64GC CPU as a guest of the execution engine: its state layout, globals, helpers and
// translator, plus typed accessors for the rest of the emulator (loaders, syscalls, debugger).
import { CpuExec, type ExecOptions, type GuestTarget } from "../../exec/cpu-exec.ts";
import type { CodeSource } from "../../exec/translator.ts";
import type { TcgContext, Temp } from "../../tcg/context.ts";
import { Type } from "../../tcg/opcodes.ts";
import { PAGE_BITS } from "../../tci/state.ts";
import { Excp, FFLAGS, FRM, LOAD_RES, LOAD_VAL, PC, RISCV_ENV_SLOTS, TB_FLAGS, TB_FLAGS_USER, fslot, xslot } from "./cpu-state.ts";
import type { RiscvPriv } from "./priv.ts";
import { makeRiscvHelpers } from "./helpers.ts";
import { RiscvTranslator, type RiscvGlobals, type RiscvHelperIds } from "./translate.ts";

export interface RiscvCpuOptions extends ExecOptions {}

/** CSRs beyond the FP ones, for system mode; returns null for an unknown CSR. */
export type CsrHook = (csr: number, write: boolean, value: bigint) => bigint | null;

export class RiscvCpu implements GuestTarget {
  readonly addressBits = 64;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = PC;
  readonly csBaseSlot = -1;
  readonly flagsSlot = TB_FLAGS;
  readonly envSlots = RISCV_ENV_SLOTS;
  readonly exec: CpuExec;
  readonly R: Int32Array;
  private g!: RiscvGlobals;
  readonly translator: RiscvTranslator;
  csrHook: CsrHook | null = null;
  /** System mode: the privileged state (null in Linux user mode). */
  priv: RiscvPriv | null = null;
  /** System mode: sfence.vma flushes the TLB and jump cache (the page of (lo, hi), or all if -1). */
  onSfence: ((lo: number, hi: number) => void) | null = null;

  private privState(): RiscvPriv {
    if (!this.priv) this.exec.raise(Excp.IllegalInsn, 0, 0);
    return this.priv;
  }

  /** Guest memory comes later, from exec.attachSoftmmu (the softmmu needs the exec's state). */
  constructor(
    readonly code: CodeSource,
    opts: RiscvCpuOptions = {},
  ) {
    this.exec = new CpuExec(this, undefined, opts);
    this.R = this.exec.S.R;
    const ids: RiscvHelperIds = { raise: 0, csr: 0, orcb: 0, mret: 0, sret: 0, wfi: 0, sfence: 0, fsDirty: 0, fp: {} };
    const helpers = makeRiscvHelpers({
      R: this.R,
      raise: (e, lo, hi) => this.exec.raise(e, lo, hi),
      csr: (out, code, lo, hi) => this.csr(out, code, lo, hi),
    });
    for (const [name, info] of helpers) {
      const id = this.exec.helper(info);
      if (name === "raise") ids.raise = id;
      else if (name === "csr") ids.csr = id;
      else if (name === "orc_b") ids.orcb = id;
      else ids.fp[name] = id;
    }
    // System instructions: only reachable when the privilege in the TB flags allows them.
    const sys = (name: string, fn: () => void) => this.exec.helper({ name, fn, flags: 0, out: null, ins: [] });
    ids.mret = sys("mret", () => (this.pc = this.privState().mret()));
    ids.sret = sys("sret", () => (this.pc = this.privState().sret()));
    ids.wfi = sys("wfi", () => this.privState().wfi());
    ids.sfence = this.exec.helper({
      name: "sfence_vma",
      fn: (_o, a) => this.onSfence?.(this.R[a], this.R[a + 1]),
      flags: 0,
      out: null,
      ins: [Type.I64],
    });
    ids.fsDirty = sys("mark_fs_dirty", () => this.priv?.markFsDirty());
    this.translator = new RiscvTranslator(this.g, ids);
    this.R[LOAD_RES] = this.R[LOAD_RES + 1] = -1;
    this.R[TB_FLAGS] = TB_FLAGS_USER;
  }

  initGlobals(ctx: TcgContext): void {
    const pc = ctx.globalNew(Type.I64, PC, "pc");
    const x: Temp[] = [-1];
    for (let i = 1; i < 32; i++) x.push(ctx.globalNew(Type.I64, xslot(i), `x${i}`));
    const f: Temp[] = [];
    for (let i = 0; i < 32; i++) f.push(ctx.globalNew(Type.I64, fslot(i), `f${i}`));
    const loadRes = ctx.globalNew(Type.I64, LOAD_RES, "load_res");
    const loadVal = ctx.globalNew(Type.I64, LOAD_VAL, "load_val");
    this.g = { pc, x, f, loadRes, loadVal };
  }

  restoreState(data: Int32Array, index: number): void {
    this.R[PC] = data[index * 3];
    this.R[PC + 1] = data[index * 3 + 1];
  }

  // ---- typed accessors
  getX(i: number): bigint {
    if (i === 0) return 0n;
    const s = xslot(i);
    return (BigInt(this.R[s + 1]) << 32n) | BigInt(this.R[s] >>> 0);
  }
  setX(i: number, v: bigint | number): void {
    if (i === 0) return;
    const b = BigInt.asIntN(64, BigInt(v));
    const s = xslot(i);
    this.R[s] = Number(BigInt.asIntN(32, b));
    this.R[s + 1] = Number(BigInt.asIntN(32, b >> 32n));
  }
  getF(i: number): bigint {
    const s = fslot(i);
    return (BigInt(this.R[s + 1] >>> 0) << 32n) | BigInt(this.R[s] >>> 0);
  }
  setF(i: number, v: bigint): void {
    const s = fslot(i);
    this.R[s] = Number(BigInt.asIntN(32, v));
    this.R[s + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  get pc(): bigint {
    return (BigInt(this.R[PC + 1] >>> 0) << 32n) | BigInt(this.R[PC] >>> 0);
  }
  set pc(v: bigint) {
    this.R[PC] = Number(BigInt.asIntN(32, v));
    this.R[PC + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  /** Low 32 bits of register xi, as a signed number (fast path for syscalls). */
  xLo(i: number): number {
    return i === 0 ? 0 : this.R[xslot(i)];
  }
  get fcsr(): number {
    return ((this.R[FRM] & 7) << 5) | (this.R[FFLAGS] & 31);
  }
  set fcsr(v: number) {
    this.R[FRM] = (v >> 5) & 7;
    this.R[FFLAGS] = v & 31;
  }
  /** Guest instructions retired so far, including the running slice (the engine counts them). */
  instret(): number {
    return this.exec.icount();
  }

  /** CSR instructions (see translate.ts csrOp for the code layout). */
  private csr(out: number, code: number, srcLo: number, srcHi: number): void {
    const csr = code & 0xfff;
    const op = (code >> 12) & 3;
    const writes = (code & (1 << 14)) !== 0;
    const priv0 = this.priv;
    if (priv0) {
      // The CSR accesses a booting kernel and OpenSBI make most, without the 64-bit path below.
      if (csr === 0x100 && op !== 0 && priv0.csrSstatusSie(op === 1, srcLo, srcHi, writes, this.R, out)) return;
      if (csr === 0xc01 && !writes) return priv0.csrTime(this.R, out);
      if ((csr & ~0x203) === 0x140 && priv0.csrPlain(csr, op, srcLo, srcHi, writes, this.R, out)) return;
    }
    const src = (BigInt(srcHi) << 32n) | BigInt(srcLo >>> 0);
    let old: bigint;
    const priv = this.priv;
    if (priv && csr > 3) {
      // System mode: the privileged CSR file (checks privilege and read-only, traps unknown CSRs).
      let w: bigint | null = null;
      if (writes) {
        const cur = priv.csr(csr, null);
        w = op === 0 ? src : op === 1 ? cur | src : cur & ~src;
      }
      old = priv.csr(csr, w);
      const o = BigInt.asIntN(64, old);
      this.R[out] = Number(BigInt.asIntN(32, o));
      this.R[out + 1] = Number(BigInt.asIntN(32, o >> 32n));
      return;
    }
    if (priv && priv.fsOff) this.exec.raise(Excp.IllegalInsn, 0, 0);
    if (priv && writes) priv.markFsDirty();
    switch (csr) {
      case 0x001:
        old = BigInt(this.R[FFLAGS] & 31);
        break;
      case 0x002:
        old = BigInt(this.R[FRM] & 7);
        break;
      case 0x003:
        old = BigInt(this.fcsr);
        break;
      case 0xc00: // cycle
      case 0xc02: // instret
      case 0xc01: // time: tciemu's user-mode clock is the instruction count
        if (writes) this.exec.raise(Excp.IllegalInsn, 0, 0);
        old = BigInt(this.instret());
        break;
      default: {
        const v = this.csrHook?.(csr, false, 0n) ?? null;
        if (v === null) this.exec.raise(Excp.IllegalInsn, 0, 0);
        old = v;
      }
    }
    if (writes) {
      const nv = op === 0 ? src : op === 1 ? old | src : old & ~src;
      switch (csr) {
        case 0x001:
          this.R[FFLAGS] = Number(nv & 31n);
          break;
        case 0x002:
          this.R[FRM] = Number(nv & 7n);
          break;
        case 0x003:
          this.fcsr = Number(nv & 0xffn);
          break;
        default:
          this.csrHook?.(csr, true, nv);
      }
    }
    const o = BigInt.asIntN(64, old);
    this.R[out] = Number(BigInt.asIntN(32, o));
    this.R[out + 1] = Number(BigInt.asIntN(32, o >> 32n));
  }
}
