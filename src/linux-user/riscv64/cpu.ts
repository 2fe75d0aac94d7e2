// The RISC-V CPU as Linux user mode sees it: the one file where linux-user meets the execution
// engine (CpuExec.run, mcause numbers, instruction counts, register slots).
// It creates the RiscvCpu over the kernel's guest memory (every process's), runs slices, maps exceptions to
// CpuEvents, and gives the kernel the syscall registers (a7; a0..a5; result in a0).
import { Stop, type CpuExec, type ExecOptions } from "../../exec/cpu-exec.ts";
import { Access } from "../../mem/softmmu.ts";
import { RiscvCpu } from "../../target/riscv/cpu.ts";
import { Excp, LOAD_RES, PC, RISCV_ENV_SLOTS, XREG, xslot } from "../../target/riscv/cpu-state.ts";
import type { CpuMemory } from "../kernel-memory.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import { CpuEvent, FaultAccess, type UserCpu } from "../user-cpu.ts";

const TWO32 = 4294967296;

const CAUSE_NAMES: Record<number, string> = {
  0: "instruction address misaligned",
  1: "instruction access fault",
  2: "illegal instruction",
  3: "breakpoint (ebreak)",
  4: "load address misaligned",
  5: "load access fault",
  6: "store address misaligned",
  7: "store access fault",
  12: "instruction page fault",
  13: "load page fault",
  15: "store page fault",
};

/** Where register x<i> is in a thread's saved registers (slots from PC on). */
const savedX = (i: number) => XREG - PC + 2 * i;

export class Riscv64Cpu implements UserCpu {
  readonly riscv: RiscvCpu;
  readonly exec: CpuExec;
  readonly regSlots = RISCV_ENV_SLOTS;
  excp = 0;
  faultAddr = 0;
  faultAccess = FaultAccess.Read;
  faultCode = 0;
  debugStop: number = Stop.Budget;
  private readonly R: Int32Array;

  constructor(mem: CpuMemory, opts: ExecOptions) {
    const cpu = new RiscvCpu(
      {
        codeRamOffset: (lo, hi) => mem.codeRamOffset(lo, hi),
        fetchFault: (lo, hi) => cpu.exec.raise(Excp.InsnPageFault, lo, hi, -1),
        // One engine serves every process: TBs are also keyed by the physical page of their code.
        codePage: (lo, hi) => mem.codePage(lo, hi),
      },
      opts,
    );
    const exec = cpu.exec;
    mem.mmu = exec.attachSoftmmu(mem.ram, mem);
    mem.raiseFault = (access, lo, hi, retaddr) => {
      const misaligned = (access & 0x100) !== 0;
      const a = access & 0xff;
      const excp = misaligned
        ? a === Access.Write
          ? Excp.StoreMisaligned
          : Excp.LoadMisaligned
        : a === Access.Write
          ? Excp.StorePageFault
          : a === Access.Fetch
            ? Excp.InsnPageFault
            : Excp.LoadPageFault;
      return exec.raise(excp, lo, hi, retaddr);
    };
    mem.onCodeWrite = (page) => exec.invalidateCodePage(page);
    this.riscv = cpu;
    this.exec = exec;
    this.R = cpu.R;
  }

  run(budget: number): CpuEvent {
    const stop = this.exec.run(budget);
    if (stop === Stop.Budget) return CpuEvent.Budget;
    if (stop !== Stop.Exception) {
      this.debugStop = stop;
      return CpuEvent.Debug;
    }
    const exec = this.exec;
    return this.classify(exec.excp, exec.excpAux, exec.excpAuxHi);
  }

  classify(excp: number, auxLo: number, auxHi: number): CpuEvent {
    const ev = this.kindOf(excp);
    this.excp = excp;
    this.faultCode = 0;
    // tval: the address of page faults and misaligned accesses; for illegal instructions and
    // ebreak Linux reports the pc.
    this.faultAddr = ev === CpuEvent.IllegalInsn || ev === CpuEvent.Breakpoint ? this.pc : (auxHi >>> 0) * TWO32 + (auxLo >>> 0);
    this.faultAccess =
      excp === Excp.StoreMisaligned || excp === Excp.StoreAccessFault || excp === Excp.StorePageFault
        ? FaultAccess.Write
        : excp === Excp.InsnPageFault || excp === Excp.InsnAccessFault || excp === Excp.InsnMisaligned
          ? FaultAccess.Fetch
          : FaultAccess.Read;
    return ev;
  }

  kindOf(excp: number): CpuEvent {
    switch (excp) {
      case Excp.UEcall:
        return CpuEvent.Syscall;
      case Excp.IllegalInsn:
        return CpuEvent.IllegalInsn;
      case Excp.Breakpoint:
        return CpuEvent.Breakpoint;
      case Excp.LoadMisaligned:
      case Excp.StoreMisaligned:
        return CpuEvent.Misaligned;
      case Excp.InsnMisaligned:
      case Excp.InsnAccessFault:
      case Excp.InsnPageFault:
      case Excp.LoadAccessFault:
      case Excp.LoadPageFault:
      case Excp.StoreAccessFault:
      case Excp.StorePageFault:
      case Excp.SEcall:
      case Excp.MEcall:
        // what Linux does with any other trap from user mode: SIGSEGV
        return CpuEvent.PageFault;
    }
    return CpuEvent.Other;
  }

  exceptionName(excp: number): string {
    return CAUSE_NAMES[excp] ?? `exception ${excp}`;
  }

  requestExit(): void {
    this.exec.requestExit();
  }

  get insns(): number {
    return this.exec.icount();
  }

  get pc(): number {
    return (this.R[PC + 1] >>> 0) * TWO32 + (this.R[PC] >>> 0);
  }
  set pc(v: number) {
    this.R[PC] = v | 0;
    this.R[PC + 1] = Math.floor(v / TWO32) | 0;
  }
  get sp(): number {
    const s = xslot(2);
    return (this.R[s + 1] >>> 0) * TWO32 + (this.R[s] >>> 0);
  }
  set sp(v: number) {
    this.setX(2, v);
  }

  /** Register x<i> as an unsigned 64-bit value in a number (exact below 2^53), and setting one. */
  getX(i: number): number {
    const s = xslot(i);
    return i === 0 ? 0 : (this.R[s + 1] >>> 0) * TWO32 + (this.R[s] >>> 0);
  }
  setX(i: number, v: number): void {
    if (i === 0) return;
    const s = xslot(i);
    this.R[s] = v | 0;
    this.R[s + 1] = Math.floor(v / TWO32) | 0;
  }

  saveRegs(into: Int32Array): void {
    into.set(this.R.subarray(PC, PC + RISCV_ENV_SLOTS));
  }
  loadRegs(from: Int32Array): void {
    this.R.set(from, PC);
    this.R[LOAD_RES] = this.R[LOAD_RES + 1] = -1; // a context switch drops reservations
  }

  syscallNr(): number {
    return this.R[xslot(17)];
  }
  readSyscallArgs(args: SyscallArgs): void {
    const R = this.R;
    const lo = args.rawLo,
      hi = args.rawHi;
    for (let i = 0; i < 6; i++) {
      const s = xslot(10 + i);
      lo[i] = R[s];
      hi[i] = R[s + 1];
    }
  }
  setSyscallResult(v: number | bigint): void {
    if (typeof v === "bigint") this.riscv.setX(10, v);
    else this.setX(10, v);
  }
  enterSyscall(): void {
    this.pc = this.pc + 4;
  }
  restartSyscall(): void {
    this.pc = this.pc - 4;
  }

  initCloneRegs(regs: Int32Array, newSp: number, tls: number | null): void {
    const put = (i: number, v: number) => {
      regs[savedX(i)] = v | 0;
      regs[savedX(i) + 1] = Math.floor(v / TWO32) | 0;
    };
    put(10, 0);
    if (newSp) put(2, newSp);
    if (tls !== null) put(4, tls);
  }
}

/** The RiscvCpu under a riscv64 process's adapter (tests, the riscv-specific debugger and embedding API). */
export function riscvCpuOf(p: { readonly cpu: UserCpu }): RiscvCpu {
  if (!(p.cpu instanceof Riscv64Cpu)) throw new Error("not a riscv64 process");
  return p.cpu.riscv;
}
