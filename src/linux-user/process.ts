// A Linux process running on the RISC-V CPU: loading, the syscall/exception loop (QEMU's
// linux-user/riscv/cpu_loop.c) and process exit. Syscalls live in syscalls.ts.
import { Access } from "../mem/softmmu.ts";
import { Stop } from "../exec/cpu-exec.ts";
import { RiscvCpu, type RiscvCpuOptions } from "../target/riscv/cpu.ts";
import { Excp } from "../target/riscv/cpu-state.ts";
import { AddressSpace, OutOfGuestMemory } from "./address-space.ts";
import { AT, ElfError, HWCAP_RV64GC, buildInitialStack, imageSpan, loadElfImage, parseElf } from "./elf.ts";
import type { LinuxHost } from "./host.ts";
import { Syscalls } from "./syscalls.ts";
import { SIGBUS, SIGILL, SIGSEGV, SIGTRAP, signalName } from "./signals.ts";

export interface ProcessOptions extends RiscvCpuOptions {
  /** Guest RAM in bytes (default 1 GiB, allocated lazily by the host). */
  ramBytes?: number;
  /** Reads a file for the loader (the interpreter named by PT_INTERP); null if missing. */
  readFile?: (path: string) => Uint8Array | null;
  /** Sysroot prefix for the interpreter (qemu's -L). */
  sysroot?: string;
  /** Instructions per slice between host checks. */
  slice?: number;
}

/** Where things go in the guest address space (Sv39-sized user space, like Linux on riscv64). */
export const STACK_TOP = 0x3fffff0000;
export const STACK_SIZE = 8 << 20;
export const MMAP_TOP = 0x3f00000000;
export const PIE_BASE = 0x2aaaaaa000;

export class ExitProcess {
  constructor(readonly code: number) {}
}

export interface RunResult {
  exitCode: number;
  /** Set when a fatal signal ended the process. */
  signal?: number;
  insns: number;
}

export class LinuxProcess {
  readonly as: AddressSpace;
  readonly cpu: RiscvCpu;
  readonly sys: Syscalls;
  private readonly slice: number;
  brkStart = 0;
  brk = 0;
  exePath = "";

  constructor(
    readonly host: LinuxHost,
    readonly opts: ProcessOptions = {},
  ) {
    this.as = new AddressSpace(opts.ramBytes ?? 1 << 30);
    let cpu!: RiscvCpu;
    // The softmmu needs the TciState the CPU creates; create the CPU with a forwarding slow path.
    const fwd = { hi: 0, load: (...a: [number, number, number, number, number]) => mmu.load(...a), store: (...a: [number, number, number, number, number, number, number]) => mmu.store(...a) };
    cpu = new RiscvCpu(fwd as never, { codeRamOffset: (lo, hi) => this.as.codeRamOffset(lo, hi), mem16: new Uint16Array(this.as.ram) }, opts);
    const mmu = this.as.attach(cpu.exec.S);
    cpu.exec.S.slow = mmu;
    this.cpu = cpu;
    const exec = cpu.exec;
    this.as.raiseFault = (access, lo, hi, retaddr) => {
      const misaligned = (access & 0x100) !== 0;
      const a = access & 0xff;
      const excp = misaligned ? (a === Access.Write ? Excp.StoreMisaligned : Excp.LoadMisaligned) : a === Access.Write ? Excp.StorePageFault : a === Access.Fetch ? Excp.InsnPageFault : Excp.LoadPageFault;
      return exec.raise(excp, lo, hi, retaddr);
    };
    this.as.onCodeWrite = (page) => {
      exec.tbs.invalidatePage(page);
    };
    exec.onNewTb = (tb) => {
      for (const p of exec.tbs.pages[tb]) mmu.markCodePage(p);
    };
    exec.onFlush = () => {
      mmu.codePages.fill(0);
      mmu.flushAll();
    };
    this.sys = new Syscalls(this);
    this.slice = opts.slice ?? 1 << 22;
  }

  /** Loads the program and builds its stack; throws ElfError with a one-line reason. */
  load(elf: Uint8Array, argv: string[], envp: string[], exePath = argv[0] ?? "prog"): void {
    this.exePath = exePath;
    const info = parseElf(elf, exePath);
    const bias = info.type === 3 ? PIE_BASE - imageSpan(info).lo : 0;
    const img = loadElfImage(this.as, elf, info, bias);
    let entry = img.entry;
    let interpBase = 0;
    if (info.interp) {
      const path = (this.opts.sysroot ?? "") + info.interp;
      const data = this.opts.readFile?.(path) ?? null;
      if (!data) throw new ElfError(`${exePath}: cannot load interpreter ${info.interp}${this.opts.sysroot ? ` (looked in ${this.opts.sysroot})` : ""}: no such file`);
      const ii = parseElf(data, info.interp);
      const span = imageSpan(ii);
      const base = this.as.findFree(span.hi - span.lo + 4096, MMAP_TOP);
      if (base < 0) throw new ElfError(`${exePath}: no room for the interpreter`);
      const li = loadElfImage(this.as, data, ii, base - span.lo);
      interpBase = li.bias + span.lo;
      entry = li.entry;
    }
    this.brkStart = this.brk = Math.ceil(img.end / 4096) * 4096;
    this.as.map(STACK_TOP - STACK_SIZE, STACK_SIZE, 3);
    const auxv: Array<[number, number]> = [
      [AT.PHDR, img.phdr],
      [AT.PHENT, 56],
      [AT.PHNUM, info.phnum],
      [AT.PAGESZ, 4096],
      [AT.BASE, interpBase],
      [AT.FLAGS, 0],
      [AT.ENTRY, img.entry],
      [AT.UID, 0],
      [AT.EUID, 0],
      [AT.GID, 0],
      [AT.EGID, 0],
      [AT.HWCAP, HWCAP_RV64GC],
      [AT.CLKTCK, 100],
      [AT.SECURE, 0],
      [AT.MINSIGSTKSZ, 2048],
    ];
    const sp = buildInitialStack(this.as, STACK_TOP - 16, argv, envp, auxv, exePath, this.host.randomBytes(16));
    this.cpu.setX(2, sp);
    this.cpu.pc = BigInt(entry);
  }

  /** Runs until the process exits or `maxInsns` instructions have run. */
  run(maxInsns = Infinity): RunResult {
    const cpu = this.cpu;
    const exec = cpu.exec;
    try {
      for (;;) {
        const left = maxInsns - exec.insns;
        if (left <= 0) return { exitCode: -1, insns: exec.insns };
        const budget = Math.min(this.slice, left);
        cpu.sliceBudget = budget;
        const stop = exec.run(budget);
        cpu.sliceBudget = 0;
        if (stop === Stop.Budget) continue;
        this.handleException(exec.excp, exec.excpAux, exec.excpAuxHi);
      }
    } catch (e) {
      if (e instanceof ExitProcess) return { exitCode: e.code, insns: exec.insns };
      if (e instanceof FatalSignal) return { exitCode: 128 + e.sig, signal: e.sig, insns: exec.insns };
      if (e instanceof OutOfGuestMemory) {
        this.host.writeStderr(new TextEncoder().encode(`tciemu: out of guest memory (use a larger RAM size)\n`));
        return { exitCode: 1, insns: exec.insns };
      }
      throw e;
    }
  }

  private handleException(excp: number, auxLo: number, auxHi: number): void {
    const cpu = this.cpu;
    switch (excp) {
      case Excp.UEcall: {
        cpu.pc = cpu.pc + 4n;
        this.sys.dispatch();
        return;
      }
      case Excp.IllegalInsn:
        return this.fatal(SIGILL);
      case Excp.Breakpoint:
        return this.fatal(SIGTRAP);
      case Excp.LoadMisaligned:
      case Excp.StoreMisaligned:
        return this.fatal(SIGBUS);
      default:
        void auxLo;
        void auxHi;
        return this.fatal(SIGSEGV);
    }
  }

  /** Ends the process with a signal, printing qemu-user's message. */
  fatal(sig: number): never {
    this.host.writeStderr(new TextEncoder().encode(`qemu: uncaught target signal ${sig} (${signalName(sig)}) - core dumped\n`));
    throw new FatalSignal(sig);
  }
}

export class FatalSignal {
  constructor(readonly sig: number) {}
}
