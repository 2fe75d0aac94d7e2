// A minimal guest for testing the core: no instruction set, just 16 i64 and 16 i32 globals. Each
// "TB" is whatever ops the test emits, followed by exit_tb.
import { CpuExec, type ExecOptions, type GuestTarget } from "../../src/exec/cpu-exec.ts";
import { TcgBuilder } from "../../src/tcg/builder.ts";
import { TcgContext, type Temp } from "../../src/tcg/context.ts";
import { Type } from "../../src/tcg/opcodes.ts";
import { ENV_TARGET_BASE } from "../../src/tci/state.ts";
import { Softmmu, type MmuHooks, Access, PAGE_SIZE } from "../../src/mem/softmmu.ts";

export const PC = ENV_TARGET_BASE; // pair
export const FLAGS = ENV_TARGET_BASE + 2;
export const G64 = ENV_TARGET_BASE + 4; // 16 pairs
export const G32 = G64 + 32; // 16 words

export class ToyTarget implements GuestTarget {
  readonly pcSlot = PC;
  readonly flagsSlot = FLAGS;
  readonly envSlots = 4 + 32 + 16;
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
  translate(b: TcgBuilder, pcLo: number, pcHi: number) {
    b.gen_insn_start(pcLo, pcHi);
    this.emit(b, this);
    b.gen_exit_tb(-1);
    return { icount: this.icount, pages: [] };
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
    codeWrite() {},
  };
  const slowRef = { load: null as any };
  const exec: CpuExec = new CpuExec(target, slowRef as any, opts);
  mmu = new Softmmu(exec.S, ramBytes);
  mmu.hooks = hooks;
  exec.S.slow = mmu;
  exec.S.attachRam(ram);
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
