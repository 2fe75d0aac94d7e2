// A minimal guest for testing the core: no instruction set, just 16 i64 and 16 i32 globals. Each
// "TB" is whatever ops the test emits, followed by exit_tb.
import { CpuExec, type ExecOptions, type GuestTarget } from "../../src/exec/cpu-exec.ts";
import { DisasJump, type DisasContext, type TranslatorOps } from "../../src/exec/translator.ts";
import { TcgBuilder } from "../../src/tcg/builder.ts";
import { TcgContext, type Temp } from "../../src/tcg/context.ts";
import { Type } from "../../src/tcg/opcodes.ts";
import { ENV_TARGET_BASE, PAGE_BITS } from "../../src/tci/state.ts";
import { type Softmmu, type MmuHooks, Access, PAGE_SIZE } from "../../src/mem/softmmu.ts";

export const PC = ENV_TARGET_BASE; // pair
export const FLAGS = ENV_TARGET_BASE + 2;
export const G64 = ENV_TARGET_BASE + 4; // 16 pairs
export const G32 = G64 + 32; // 16 words

export class ToyTarget implements GuestTarget, TranslatorOps {
  readonly addressBits = 64;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = PC;
  readonly csBaseSlot = -1;
  readonly flagsSlot = FLAGS;
  readonly envSlots = 4 + 32 + 16;
  readonly translator = this;
  readonly code = null;
  g64: Temp[] = [];
  g32: Temp[] = [];
  pc!: Temp;
  emit: (b: TcgBuilder, t: ToyTarget) => void = () => {};
  icount = 1;
  initGlobals(ctx: TcgContext): void {
    this.pc = ctx.globalNew(Type.I64, PC, "pc");
    for (let i = 0; i < 16; i++) this.g64.push(ctx.globalNew(Type.I64, G64 + 2 * i, `q${i}`));
    for (let i = 0; i < 16; i++) this.g32.push(ctx.globalNew(Type.I32, G32 + i, `w${i}`));
  }
  // A "TB" is the test's ops as its first instruction, then icount - 1 empty ones, then exit_tb.
  tbStart(): void {}
  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcFirstLo, db.pcFirstHi);
  }
  translateInsn(db: DisasContext): void {
    if (db.numInsns === 1) this.emit(db.b, this);
    if (db.numInsns >= this.icount) db.isJmp = DisasJump.NoReturn;
  }
  tbStop(db: DisasContext): void {
    db.b.gen_exit_tb(-1);
  }
  restoreState(data: Int32Array, index: number): void {
    this.lastRestore = [data[index * 3], data[index * 3 + 1]];
  }
  lastRestore: [number, number] | null = null;
}

/** An exec with flat RAM identity-mapped at guest address 0 (for memory-op tests). */
export function makeToy(opts: ExecOptions = {}, ramBytes = 1 << 20) {
  const target = new ToyTarget();
  const ram = new ArrayBuffer(ramBytes);
  let mmu!: Softmmu;
  const hooks: MmuHooks = {
    tlbFill(lo, hi, _access: Access, mmuIdx, retaddr) {
      if (hi !== 0 || lo >>> 0 >= ramBytes) exec.raise(99, lo, hi, retaddr);
      mmu.setEntry(mmuIdx, lo, hi, lo & -PAGE_SIZE, true, true);
    },
    unaligned(lo, hi, _a, _m, retaddr): never {
      return exec.raise(98, lo, hi, retaddr);
    },
  };
  const exec: CpuExec = new CpuExec(target, undefined, opts);
  mmu = exec.attachSoftmmu(ram, hooks);
  return { exec, target, mmu, ram, R: exec.S.R };
}

export function setI64(R: Int32Array, slot: number, v: bigint): void {
  R[slot] = Number(BigInt.asIntN(32, v));
  R[slot + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
export function getI64(R: Int32Array, slot: number): bigint {
  return (BigInt(R[slot + 1]) << 32n) | BigInt(R[slot] >>> 0);
}

/** Translates and runs one block. */
export function runBlock(toy: ReturnType<typeof makeToy>, emit: (b: TcgBuilder, t: ToyTarget) => void): void {
  toy.target.emit = emit;
  toy.exec.tbs.flush();
  toy.exec.S.jcCode.fill(-1);
  toy.R[PC] = 0;
  toy.R[PC + 1] = 0;
  toy.exec.run(1);
}
