// The i386 CPU as Linux user mode sees it: the one file where the i386 ABI meets the execution
// engine. It creates the I386Cpu over a process's address space, runs slices, maps exceptions to
// CpuEvents and signals as QEMU's linux-user/i386/cpu_loop.c does, and gives the kernel the
// syscall registers (eax; ebx, ecx, edx, esi, edi, ebp; result in eax).
import { Stop, type CpuExec, type ExecOptions } from "../../exec/cpu-exec.ts";
import { Access } from "../../mem/softmmu.ts";
import { I386Cpu } from "../../target/i386/cpu.ts";
import type { I386CpuModel } from "../../target/i386/cpu-model.ts";
import { ccComputeAll } from "../../target/i386/cc.ts";
import {
  CC_DST,
  CC_OP,
  CC_SRC,
  CC_SRC2,
  CcOp,
  CR2,
  EIP,
  ERROR_CODE,
  EXC_IS_INT,
  I386Excp,
  I386_ENV_SLOTS,
  PG_ERROR_I_D_MASK,
  PG_ERROR_P_MASK,
  PG_ERROR_U_MASK,
  PG_ERROR_W_MASK,
  REGS,
} from "../../target/i386/cpu-state.ts";
import type { CpuMemory } from "../kernel-memory.ts";
import { SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP } from "../signals.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import { CpuEvent, FaultAccess, type FaultSignal, type UserCpu } from "../user-cpu.ts";
import { setThreadAreaInRegs } from "./thread-area.ts";

const EXCP_NAMES: Record<number, string> = {
  0: "divide error",
  1: "debug",
  3: "breakpoint",
  4: "overflow",
  5: "bound range exceeded",
  6: "invalid opcode",
  7: "device not available",
  10: "invalid TSS",
  11: "segment not present",
  12: "stack fault",
  13: "general protection",
  14: "page fault",
  0x80: "int $0x80",
};

/** si_code values (Linux's). */
const SI_KERNEL = 0x80,
  FPE_INTDIV = 1,
  TRAP_BRKPT = 1,
  ILL_ILLOPN = 2,
  SEGV_MAPERR = 1,
  SEGV_ACCERR = 2;

export interface I386UserCpuOptions extends ExecOptions {
  model?: I386CpuModel;
}

export class I386UserCpu implements UserCpu {
  readonly cpu: I386Cpu;
  readonly exec: CpuExec;
  readonly regSlots = I386_ENV_SLOTS;
  excp = 0;
  faultAddr = 0;
  faultAccess = FaultAccess.Read;
  faultCode = 0;
  debugStop: number = Stop.Budget;
  private readonly R: Int32Array;
  private sig: FaultSignal | null = null;

  constructor(
    readonly mem: CpuMemory,
    opts: I386UserCpuOptions,
  ) {
    const cpu = new I386Cpu(
      {
        codeRamOffset: (lo, hi) => mem.codeRamOffset(lo, hi),
        fetchFault: (lo) => {
          this.recordPageFault(lo, Access.Fetch, !mem.current.isMapped(Math.floor((lo >>> 0) / 4096)));
          return cpu.exec.raise(I386Excp.PAGE, lo, 0, -1);
        },
        // One engine serves every process: TBs are also keyed by the physical page of their code.
        codePage: (lo, hi) => mem.codePage(lo, hi),
      },
      opts,
    );
    const exec = cpu.exec;
    mem.mmu = exec.attachSoftmmu(mem.ram, mem);
    mem.raiseFault = (access, lo, hi, retaddr) => {
      if (access & 0x100) {
        // a misaligned SSE access (MO_ALIGN_16): #GP(0), as x86 raises for movaps and friends
        cpu.R[ERROR_CODE] = 0;
        cpu.R[EXC_IS_INT] = 0;
        return exec.raise(I386Excp.GPF, 0, 0, retaddr);
      }
      this.recordPageFault(lo, access & 0xff, !mem.current.isMapped(Math.floor((lo >>> 0) / 4096)));
      return exec.raise(I386Excp.PAGE, lo, hi, retaddr);
    };
    mem.onCodeWrite = (page) => exec.invalidateCodePage(page);
    this.cpu = cpu;
    this.exec = exec;
    this.R = cpu.R;
  }

  /** x86_cpu_record_sigsegv: CR2 and the page-fault error code, as the signal frame reports them. */
  private recordPageFault(addr: number, access: number, maperr: boolean): void {
    const R = this.cpu.R;
    R[CR2] = addr | 0;
    R[ERROR_CODE] =
      (maperr ? 0 : PG_ERROR_P_MASK) |
      (access === Access.Write ? PG_ERROR_W_MASK : 0) |
      PG_ERROR_U_MASK |
      (access === Access.Fetch ? PG_ERROR_I_D_MASK : 0);
    R[EXC_IS_INT] = 0;
  }

  run(budget: number): CpuEvent {
    const stop = this.exec.run(budget);
    if (stop === Stop.Budget) return CpuEvent.Budget;
    if (stop !== Stop.Exception) {
      this.debugStop = stop;
      return CpuEvent.Debug;
    }
    const exec = this.exec;
    // QEMU leaves cpu_exec here and re-enters it afterwards: x86_cpu_exec_enter folds the lazy
    // flags into CC_SRC with CC_OP_EFLAGS (only -d cpu shows it; CC_DST is kept).
    const R = this.R;
    R[CC_SRC] = ccComputeAll(R[CC_DST], R[CC_SRC], R[CC_SRC2], R[CC_OP]);
    R[CC_OP] = CcOp.EFLAGS;
    return this.classify(exec.excp, exec.excpAux, exec.excpAuxHi);
  }

  classify(excp: number, _auxLo: number, _auxHi: number): CpuEvent {
    const R = this.R;
    this.excp = excp;
    this.faultCode = 0;
    this.faultAccess = FaultAccess.Read;
    // software interrupts (int3, int N, into) complete: the signal frame shows the next eip
    const isInt = R[EXC_IS_INT] !== 0;
    R[EXC_IS_INT] = 0;
    if (isInt && excp !== I386Excp.SYSCALL) R[EIP] = this.cpu.excNextEip | 0;
    const eip = R[EIP] >>> 0;
    let ev = this.kindOf(excp);
    this.sig = null;
    switch (excp) {
      case I386Excp.SYSCALL:
        return CpuEvent.Syscall;
      case I386Excp.INTERRUPT:
        return CpuEvent.Budget;
      case I386Excp.NOSEG:
      case I386Excp.STACK:
        this.sig = { signo: SIGBUS, code: SI_KERNEL, addr: 0 };
        break;
      case I386Excp.GPF:
      case I386Excp.INTO:
      case I386Excp.BOUND:
        this.sig = { signo: SIGSEGV, code: SI_KERNEL, addr: 0 };
        break;
      case I386Excp.PAGE: {
        const err = R[ERROR_CODE];
        const addr = R[CR2] >>> 0;
        this.faultAccess = err & PG_ERROR_I_D_MASK ? FaultAccess.Fetch : err & PG_ERROR_W_MASK ? FaultAccess.Write : FaultAccess.Read;
        this.sig = { signo: SIGSEGV, code: err & PG_ERROR_P_MASK ? SEGV_ACCERR : SEGV_MAPERR, addr };
        break;
      }
      case I386Excp.DIVZ:
        this.sig = { signo: SIGFPE, code: FPE_INTDIV, addr: eip };
        this.faultCode = FPE_INTDIV;
        break;
      case I386Excp.DB:
        this.sig = { signo: SIGTRAP, code: TRAP_BRKPT, addr: eip };
        break;
      case I386Excp.INT3:
        this.sig = { signo: SIGTRAP, code: SI_KERNEL, addr: 0 };
        break;
      case I386Excp.ILLOP:
        this.sig = { signo: SIGILL, code: ILL_ILLOPN, addr: eip };
        break;
      default:
        if (ev === CpuEvent.Other) return ev;
        this.sig = { signo: SIGSEGV, code: SI_KERNEL, addr: 0 };
        ev = CpuEvent.PageFault;
    }
    this.faultAddr = this.sig.addr;
    return ev;
  }

  kindOf(excp: number): CpuEvent {
    switch (excp) {
      case I386Excp.SYSCALL:
        return CpuEvent.Syscall;
      case I386Excp.INTERRUPT:
        return CpuEvent.Budget;
      case I386Excp.ILLOP:
        return CpuEvent.IllegalInsn;
      case I386Excp.INT3:
      case I386Excp.DB:
        return CpuEvent.Breakpoint;
      case I386Excp.DIVZ:
        return CpuEvent.Arithmetic;
      case I386Excp.NOSEG:
      case I386Excp.STACK:
        return CpuEvent.Misaligned;
      case I386Excp.PAGE:
      case I386Excp.GPF:
      case I386Excp.INTO:
      case I386Excp.BOUND:
      case I386Excp.TSS:
      case I386Excp.PREX:
        return CpuEvent.PageFault;
    }
    return CpuEvent.Other;
  }

  /** The signal QEMU's cpu_loop sends for the last fault (force_sig / force_sig_fault). */
  faultSignal(): FaultSignal | null {
    return this.sig;
  }

  exceptionName(excp: number): string {
    return EXCP_NAMES[excp] ?? `exception ${excp}`;
  }

  requestExit(): void {
    this.exec.requestExit();
  }

  get insns(): number {
    return this.exec.icount();
  }

  get pc(): number {
    return this.R[EIP] >>> 0;
  }
  set pc(v: number) {
    this.R[EIP] = v | 0;
  }
  get sp(): number {
    return this.R[REGS + 4] >>> 0;
  }
  set sp(v: number) {
    this.R[REGS + 4] = v | 0;
  }
  getReg(i: number): number {
    return this.R[REGS + i] >>> 0;
  }
  setReg(i: number, v: number): void {
    this.R[REGS + i] = v | 0;
  }

  saveRegs(into: Int32Array): void {
    into.set(this.R.subarray(EIP, EIP + I386_ENV_SLOTS));
  }
  loadRegs(from: Int32Array): void {
    this.R.set(from, EIP);
  }

  syscallNr(): number {
    return this.R[REGS];
  }
  readSyscallArgs(args: SyscallArgs): void {
    const R = this.R;
    const lo = args.rawLo,
      hi = args.rawHi;
    // ebx, ecx, edx, esi, edi, ebp
    lo[0] = R[REGS + 3];
    lo[1] = R[REGS + 1];
    lo[2] = R[REGS + 2];
    lo[3] = R[REGS + 6];
    lo[4] = R[REGS + 7];
    lo[5] = R[REGS + 5];
    for (let i = 0; i < 6; i++) hi[i] = 0;
  }
  setSyscallResult(v: number | bigint): void {
    this.R[REGS] = typeof v === "bigint" ? Number(BigInt.asIntN(32, v)) : v | 0;
  }
  enterSyscall(): void {
    // int $0x80 completes: eip moves past it
    this.R[EIP] = this.cpu.excNextEip | 0;
  }
  restartSyscall(): void {
    // -ERESTARTSYS: back onto the int $0x80 (QEMU's env->eip -= 2)
    this.R[EIP] = (this.R[EIP] - 2) | 0;
  }

  initCloneRegs(regs: Int32Array, newSp: number, tls: number | null): void {
    regs[REGS - EIP] = 0;
    if (newSp) regs[REGS + 4 - EIP] = newSp | 0;
    // CLONE_SETTLS on i386: a struct user_desc, installed as set_thread_area does, GS reloaded
    if (tls !== null) setThreadAreaInRegs(this.cpu, this.mem.current, regs, tls);
  }
}

/** The I386Cpu under an i386 process's adapter (tests, the embedding API). */
export function i386CpuOf(p: { readonly cpu: UserCpu }): I386Cpu {
  if (!(p.cpu instanceof I386UserCpu)) throw new Error("not an i386 process");
  return p.cpu.cpu;
}
