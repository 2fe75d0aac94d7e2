// A wider variant of toy-target.ts for batched op tests: many i64 and i32 globals (so one TB can hold
// hundreds of independent ops, each reading its own inputs and writing its own output global), and a
// block of env words that is NOT bound to any global (for ld/st by byte offset, which QEMU forbids on
// memory that backs a global). Flat RAM is identity-mapped at guest address 0, as in toy-target.ts;
// an access outside RAM raises exception 99, a misaligned MO_ALIGN access raises 98.
import { CpuExec, Stop, type ExecOptions, type GuestTarget } from "../../src/exec/cpu-exec.ts";
import { DisasJump, type DisasContext, type TranslatorOps } from "../../src/exec/translator.ts";
import type { TcgBuilder } from "../../src/tcg/builder.ts";
import type { TcgContext, Temp } from "../../src/tcg/context.ts";
import { Type } from "../../src/tcg/opcodes.ts";
import { ENV_TARGET_BASE, PAGE_BITS } from "../../src/tci/state.ts";
import { type Softmmu, type MmuHooks, PAGE_SIZE } from "../../src/mem/softmmu.ts";
import { U, type Width } from "./reference-model.ts";

export const N64 = 160;
export const N32 = 160;
export const W_PC = ENV_TARGET_BASE; // pair
export const W_FLAGS = W_PC + 2;
export const W_G64 = W_PC + 4; // N64 pairs
export const W_G32 = W_G64 + 2 * N64; // N32 words
/** Env words not backed by any global (byte offset = 4 * slot). */
export const W_SCR = W_G32 + N32;
export const W_SCR_WORDS = 128;

export class WideToy implements GuestTarget, TranslatorOps {
  readonly addressBits = 64;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = W_PC;
  readonly csBaseSlot = -1;
  readonly flagsSlot = W_FLAGS;
  readonly translator = this;
  readonly code = null;
  readonly envSlots = W_SCR + W_SCR_WORDS - ENV_TARGET_BASE;
  g64: Temp[] = [];
  g32: Temp[] = [];
  pc!: Temp;
  emit: (b: TcgBuilder, t: WideToy) => void = () => {};
  initGlobals(ctx: TcgContext): void {
    this.pc = ctx.globalNew(Type.I64, W_PC, "pc");
    for (let i = 0; i < N64; i++) this.g64.push(ctx.globalNew(Type.I64, W_G64 + 2 * i, `q${i}`));
    for (let i = 0; i < N32; i++) this.g32.push(ctx.globalNew(Type.I32, W_G32 + i, `w${i}`));
  }
  // A "TB" is one instruction made of the test's ops, then exit_tb.
  tbStart(): void {}
  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcNextLo, db.pcNextHi);
  }
  translateInsn(db: DisasContext): void {
    this.emit(db.b, this);
    db.isJmp = DisasJump.NoReturn;
  }
  tbStop(db: DisasContext): void {
    db.b.gen_exit_tb(-1);
  }
  restoreState(data: Int32Array, index: number): void {
    this.lastRestore = [data[index * 3], data[index * 3 + 1]];
  }
  lastRestore: [number, number] | null = null;
}

export const EXCP_BAD_ADDR = 99;
export const EXCP_UNALIGNED = 98;

export interface Wide {
  exec: CpuExec;
  target: WideToy;
  mmu: Softmmu;
  ram: ArrayBuffer;
  mem: Uint8Array;
  R: Int32Array;
  /** Env memory as bytes (R's buffer): byte offset 4 * slot. */
  env: Uint8Array;
}

export function makeWide(opts: ExecOptions = {}, ramBytes = 1 << 20): Wide {
  const target = new WideToy();
  const ram = new ArrayBuffer(ramBytes);
  let mmu!: Softmmu;
  const hooks: MmuHooks = {
    tlbFill(lo, hi, _access, mmuIdx, retaddr) {
      if (hi !== 0 || lo >>> 0 >= ramBytes) exec.raise(EXCP_BAD_ADDR, lo, hi, retaddr);
      mmu.setEntry(mmuIdx, lo, hi, lo & -PAGE_SIZE, true, true);
    },
    unaligned(lo, hi, _a, _m, retaddr): never {
      return exec.raise(EXCP_UNALIGNED, lo, hi, retaddr);
    },
  };
  const exec: CpuExec = new CpuExec(target, undefined, opts);
  mmu = exec.attachSoftmmu(ram, hooks);
  return { exec, target, mmu, ram, mem: new Uint8Array(ram), R: exec.S.R, env: exec.S.R8 };
}

/** Translates and runs one block (a fresh translation every time); returns how run() stopped. */
export function runWide(w: Wide, emit: (b: TcgBuilder, t: WideToy) => void): Stop {
  w.target.emit = emit;
  w.exec.tbs.flush();
  w.R[W_PC] = 0;
  w.R[W_PC + 1] = 0;
  return w.exec.run(1);
}

export function slotOf64(i: number): number {
  return W_G64 + 2 * i;
}
export function slotOf32(i: number): number {
  return W_G32 + i;
}

export function writeSlot(R: Int32Array, slot: number, w: Width, v: bigint): void {
  R[slot] = Number(BigInt.asIntN(32, v));
  if (w === 64) R[slot + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
export function readSlot(R: Int32Array, slot: number, w: Width): bigint {
  const lo = BigInt(R[slot] >>> 0);
  return w === 32 ? lo : U(64, (BigInt(R[slot + 1] >>> 0) << 32n) | lo);
}

export function hex(v: bigint, w: number = 64): string {
  return "0x" + U(w, v).toString(16);
}
