// The kernel's MMU glue: what a guest CPU sees as memory (CpuMemory). One CPU serves every process
// of a Kernel, so its softmmu is filled from whichever address space is current, the way QEMU's
// system-mode TLB is filled from the current page table: a context switch to another address space
// flushes the TLB and the jump cache (the "CR3 write"), and a change to the current address space's
// mappings drops the affected pages' entries. TBs are keyed by the physical page of their code
// (codePage), so a TB translated in one process is found again by every process that maps the
// same page at the same address (a library from the page cache, a forked child's code).
import { Access, PAGE_BITS, type MmuHooks, type Softmmu } from "../mem/softmmu.ts";
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_WRITE, type PageTableObserver } from "./address-space.ts";
import { PAGE, type PhysicalMemory } from "./phys-mem.ts";

/** Raises the guest fault for a failed access (set by the CPU adapter). */
export type FaultRaiser = (access: Access, lo: number, hi: number, retaddr: number) => never;

/** What an engine's jump cache offers the kernel (CpuExec's flushJumpCache / flushJumpCachePage). */
export interface JumpCache {
  flushJumpCache(): void;
  flushJumpCachePage(lo: number, hi: number): void;
}

/**
 * Guest memory as an architecture's UserCpu adapter attaches it (LinuxAbi.createCpu): the RAM pool,
 * the softmmu hooks, and the code lookups the translator and the TB lookup need. The adapter sets
 * `mmu` (what attachSoftmmu returned), `raiseFault` (its page-fault exceptions) and `onCodeWrite`
 * (CpuExec.invalidateCodePage), and routes its target's code fetches to codeRamOffset/codePage.
 */
export interface CpuMemory extends MmuHooks {
  readonly ram: ArrayBufferLike;
  mmu: Softmmu;
  raiseFault: FaultRaiser;
  /** Drops the TBs translated from a RAM page (set to the engine's invalidateCodePage). */
  onCodeWrite: (ramPage: number) => void;
  /** RAM offset of an executable guest byte of the current address space, or -1. */
  codeRamOffset(lo: number, hi: number): number;
  /** The RAM page of the code at a guest pc, or -1 if it is not executable (GuestTarget.codePage). */
  codePage(lo: number, hi: number): number;
  /**
   * The address space the CPU runs in now (the current process's), for adapters that read guest
   * memory or page tables themselves (ARM's kuser helpers, i386's fault error codes).
   */
  readonly current: AddressSpace;
}

const NEED = [PROT_READ, PROT_WRITE, PROT_EXEC];

export class KernelMemory implements CpuMemory, PageTableObserver {
  readonly ram: ArrayBufferLike;
  mmu!: Softmmu;
  raiseFault!: FaultRaiser;
  onCodeWrite: (ramPage: number) => void = () => {};
  private jc: JumpCache | null = null;
  /** The address space the CPU runs in (its TLB holds only entries of this one). */
  private cur: AddressSpace;

  constructor(readonly phys: PhysicalMemory) {
    this.ram = phys.ram;
    // An address space with nothing mapped, current until the first process runs.
    this.cur = new AddressSpace(phys, this);
    phys.onFree = (p) => this.pageFreed(p);
  }

  /** Lets the kernel flush the engine's jump cache on remaps and switches. */
  attachJumpCache(jc: JumpCache): void {
    this.jc = jc;
  }

  /** A new, empty address space observed by this MMU. */
  newAddressSpace(): AddressSpace {
    return new AddressSpace(this.phys, this);
  }

  get current(): AddressSpace {
    return this.cur;
  }

  /** Context switch: the CPU now runs in `as` (the TLB and jump cache forget the previous one). */
  switchTo(as: AddressSpace): void {
    if (as === this.cur) return;
    this.cur = as;
    this.mmu?.flushAll();
    this.jc?.flushJumpCache();
  }

  // ---- PageTableObserver

  remapped(as: AddressSpace, firstVpn: number, n: number): void {
    if (as !== this.cur || !this.mmu) return;
    if (n > 64) {
      this.mmu.flushAll();
      this.jc?.flushJumpCache();
      return;
    }
    for (let i = 0; i < n; i++) {
      const a = (firstVpn + i) * PAGE;
      this.mmu.flushPage(a | 0, Math.floor(a / 4294967296) | 0);
    }
    // A page's jump-cache entries are 2,048 slots to visit; forgetting all 16,384 is two fills,
    // cheaper already for two pages (a loader's mmap and mprotect calls remap dozens).
    if (n > 1) this.jc?.flushJumpCache();
    else if (n === 1) {
      const a = firstVpn * PAGE;
      this.jc?.flushJumpCachePage(a | 0, Math.floor(a / 4294967296) | 0);
    }
  }

  writing(page: number): void {
    if (this.mmu?.codePages[page]) this.onCodeWrite(page);
  }

  /** A physical page was freed: its TBs go, and stores to its next use need not check for code. */
  private pageFreed(p: number): void {
    this.onCodeWrite(p);
    this.mmu?.unmarkCodePage(p);
  }

  // ---- MmuHooks

  tlbFill(lo: number, hi: number, access: Access, mmuIdx: number, retaddr: number): void {
    const as = this.cur;
    const vpn = (hi >>> 0) * 1048576 + (lo >>> PAGE_BITS);
    const p = as.physPage(vpn, NEED[access]);
    if (p < 0) this.raiseFault(access, lo, hi, retaddr);
    const prot = as.protOf(vpn);
    this.mmu.setEntry(mmuIdx, lo, hi, p * PAGE, (prot & PROT_READ) !== 0, as.writableNow(vpn, p));
  }

  unaligned(lo: number, hi: number, access: Access, _mmuIdx: number, retaddr: number): never {
    return this.raiseFault(access | 0x100, lo, hi, retaddr);
  }

  codeRamOffset(lo: number, hi: number): number {
    const p = this.cur.physPage((hi >>> 0) * 1048576 + (lo >>> PAGE_BITS), PROT_EXEC);
    return p < 0 ? -1 : p * PAGE + (lo & (PAGE - 1));
  }

  codePage(lo: number, hi: number): number {
    return this.cur.physPage((hi >>> 0) * 1048576 + (lo >>> PAGE_BITS), PROT_EXEC);
  }
}
