// The machine core of the `virt` board: physical memory map, boot ROM, loading firmware/kernel/
// initrd/DTB the way QEMU's hw/riscv/virt.c and boot.c do, and the machine loop that runs the hart
// in slices and delivers exceptions, interrupts and WFI sleeps (QEMU's cpu_exec + main loop).
// Devices are attached by src/hw/virt.ts; this file knows only the MmioDevice interface.
import { CpuExec, Stop } from "../exec/cpu-exec.ts";
import { PAGE_BITS, PAGE_SIZE, type MmioDevice, type Softmmu } from "../mem/softmmu.ts";
import { RiscvCpu, type RiscvCpuOptions } from "../target/riscv/cpu.ts";
import { RiscvMmu, type PhysMap } from "../target/riscv/mmu.ts";
import { RiscvPriv } from "../target/riscv/priv.ts";
import type { HartIrqs } from "./device.ts";

export const RAM_BASE = 0x80000000;
export const ROM_BASE = 0x1000;
export const ROM_SIZE = 0x1000;
const MIB = 1 << 20;

export interface MachineOptions extends RiscvCpuOptions {
  ramBytes: number;
  /** Nanoseconds of virtual time per instruction as a power of two (QEMU's -icount shift); null = real time. */
  icountShift: number | null;
  /** Host clock in ns (real-time mode), e.g. performance.now() * 1e6. */
  hostNowNs: () => number;
}

interface Region {
  base: number;
  size: number;
  dev: MmioDevice;
}

export class VirtMachine implements PhysMap, HartIrqs {
  readonly cpu: RiscvCpu;
  readonly priv: RiscvPriv;
  readonly mmu: RiscvMmu;
  readonly softmmu: Softmmu;
  readonly exec: CpuExec;
  readonly ram: ArrayBuffer;
  readonly ram8: Uint8Array;
  private readonly regions: Region[] = [];
  /** Set by a device (sifive test) to stop the machine. */
  exitRequest: { kind: "poweroff" | "fail" | "reset"; code: number } | null = null;
  /** Guest instructions retired (all slices). */
  get insns(): number {
    return this.exec.insns;
  }
  private t0: number;
  private sleptNs = 0;
  /** Called after each slice (devices that need polling, timers). */
  tick: (() => void) | null = null;
  /** The earliest time (ns) some device wants attention, for WFI sleeps. */
  nextDeadlineNs: () => number = () => Infinity;
  /**
   * RAM (and boot ROM) still all zeros: nothing was loaded into it and the hart never ran. A snapshot
   * load then skips the snapshot's zero pages instead of writing them (touching every page of a fresh
   * buffer is what a restore would otherwise spend its time on). Cleared by writePhys, writeBootRom,
   * run, and by whoever else fills RAM (a snapshot load).
   */
  ramBlank = true;
  /** Optional log of exceptions and interrupts (-d int). */
  logInt: ((line: string) => void) | null = null;

  constructor(readonly opts: MachineOptions) {
    this.ram = new ArrayBuffer(opts.ramBytes + ROM_SIZE);
    this.ram8 = new Uint8Array(this.ram);
    let mmu!: RiscvMmu;
    const code = {
      codeRamOffset: (lo: number, hi: number, flags: number) => mmu.codeRamOffset(lo, hi, flags & 3),
      fetchFault: (lo: number, hi: number, flags: number): never => mmu.fetchFault(lo, hi, flags & 3),
      // TBs are keyed by virtual pc; check the physical page of the code too (QEMU's phys_pc).
      codePage: (lo: number, hi: number, flags: number) => {
        const off = mmu.codeRamOffset(lo, hi, flags & 3);
        return off < 0 ? -1 : off >>> PAGE_BITS;
      },
    };
    // A Debian boot translates ~72k TBs (kernel code runs in short blocks, most of it once): with
    // the engine's default of 64k, the cache filled and was flushed mid-boot and ~100k guest
    // instructions were translated again.
    const cpu = new RiscvCpu(code, { maxTbs: 1 << 17, ...opts });
    this.cpu = cpu;
    this.exec = cpu.exec;
    const exec = cpu.exec;
    // With the host's clock a slice's budget only paces the timer checks: it may end a TB late.
    exec.approximateBudget = opts.icountShift === null;
    this.priv = new RiscvPriv({
      R: cpu.R,
      illegal: () => exec.raise(2, 0, 0),
      timeTicks: () => Math.floor(this.nowNs() / 100), // 10 MHz timebase
      instret: () => BigInt(cpu.instret()),
      flushTlb: () => this.flushTlb(),
      requestExit: () => exec.requestExit(),
    });
    cpu.priv = this.priv;
    cpu.onSfence = (lo, hi) => (lo === -1 && hi === -1 ? this.flushTlb() : this.flushTlbPage(lo, hi));
    // TLB misses go to the MMU, which fills the softmmu's entries.
    this.softmmu = exec.attachSoftmmu(this.ram, (softmmu) => {
      mmu = new RiscvMmu(this.priv, softmmu, new Int32Array(this.ram), this, (e, lo, hi, ra) => exec.raise(e, lo, hi, ra));
      return mmu;
    });
    this.mmu = mmu;
    this.t0 = opts.hostNowNs();
    this.reset();
  }

  reset(): void {
    this.priv.reset();
    this.cpu.pc = BigInt(ROM_BASE);
    this.flushTlb();
    this.exitRequest = null;
  }

  flushTlb(): void {
    this.softmmu.flushAll();
    this.exec.flushJumpCache();
  }

  /** sfence.vma with an address: that page's TLB entries and the jump-cache entries of code on it. */
  flushTlbPage(lo: number, hi: number): void {
    this.softmmu.flushPage(lo, hi);
    this.exec.flushJumpCachePage(lo, hi);
  }

  /** What machine time is made of, for snapshots: instructions, time slept in WFI, and the time now. */
  timeState(): { insns: number; sleptNs: number; nowNs: number } {
    return { insns: this.exec.insns, sleptNs: this.sleptNs, nowNs: this.nowNs() };
  }

  /** Continues machine time from a snapshot's timeState(): the same instant, whatever the host time. */
  restoreTime(t: { insns: number; sleptNs: number; nowNs: number }): void {
    this.exec.insns = t.insns;
    this.sleptNs = t.sleptNs;
    this.t0 = this.opts.hostNowNs() - t.nowNs;
  }

  /** Machine time in ns: instruction-count based with -icount, else host time. */
  nowNs(): number {
    if (this.opts.icountShift !== null) return this.cpu.instret() * 2 ** this.opts.icountShift + this.sleptNs;
    return this.opts.hostNowNs() - this.t0;
  }

  // ---- PhysMap

  addDevice(base: number, size: number, dev: MmioDevice): void {
    this.regions.push({ base, size, dev });
  }

  ramOffset(pa: number): number {
    if (pa >= RAM_BASE && pa < RAM_BASE + this.opts.ramBytes) return pa - RAM_BASE;
    if (pa >= ROM_BASE && pa < ROM_BASE + ROM_SIZE) return this.opts.ramBytes + (pa - ROM_BASE);
    return -1;
  }
  isRom(pa: number): boolean {
    return pa >= ROM_BASE && pa < ROM_BASE + ROM_SIZE;
  }
  device(pa: number): { dev: MmioDevice; pageOffset: number } | null {
    for (const r of this.regions)
      if (pa >= r.base && pa < r.base + Math.max(r.size, PAGE_SIZE)) return { dev: r.dev, pageOffset: pa - r.base };
    return null;
  }

  // ---- HartIrqs (devices drive mip bits)
  setPending(bit: number, level: boolean): void {
    this.priv.setPending(bit, level);
  }

  // ---- loading (QEMU's riscv_load_firmware / riscv_load_kernel / riscv_load_initrd / fdt placement)

  writePhys(pa: number, data: Uint8Array): void {
    if (data.length === 0) return; // -bios none: nothing to load
    const off = this.ramOffset(pa);
    if (off < 0 || this.ramOffset(pa + data.length - 1) < 0)
      throw new Error(`image at 0x${pa.toString(16)} (${data.length} bytes) does not fit in RAM`);
    this.ram8.set(data, off);
    this.ramBlank = false;
  }

  /** Where QEMU puts the initrd and the DTB for this RAM size and kernel address. */
  layout(kernelBase: number): { initrd: number; fdt: number } {
    const ram = this.opts.ramBytes;
    const initrd = kernelBase + Math.min(ram / 2, 128 * MIB);
    const fdt = (RAM_BASE + ram - 2 * MIB) & ~(2 * MIB - 1);
    return { initrd, fdt: fdt < 0 ? fdt + 4294967296 : fdt };
  }

  /** The reset vector and OpenSBI fw_dynamic_info in the boot ROM (QEMU's riscv_setup_rom_reset_vec). */
  writeBootRom(firmware: number, fdt: number, nextAddr: number): void {
    const rom = new DataView(this.ram, this.opts.ramBytes, ROM_SIZE);
    this.ramBlank = false;
    const code = [0x00000297, 0x02828613, 0xf1402573, 0x0202b583, 0x0182b283, 0x00028067];
    code.forEach((w, i) => rom.setUint32(4 * i, w, true));
    rom.setBigUint64(0x18, BigInt(firmware), true);
    rom.setBigUint64(0x20, BigInt(fdt), true);
    const info = [0x4942534fn, 2n, BigInt(nextAddr), 1n /* S mode */, 0n, 0n];
    info.forEach((v, i) => rom.setBigUint64(0x28 + 8 * i, v, true));
  }

  // ---- the machine loop

  /**
   * Runs up to `budget` instructions (or until the hart sleeps in WFI with nothing due, or the board
   * is asked to stop). Returns "wfi" when the hart is waiting for an event at `wakeAtNs`.
   */
  run(budget: number): "budget" | "wfi" | "exit" {
    const priv = this.priv;
    const exec = this.exec;
    const end = this.exec.insns + budget;
    this.ramBlank = false;
    while (this.exec.insns < end) {
      if (this.exitRequest) return "exit";
      this.tick?.();
      if (priv.waiting) {
        if (!priv.wakeable) {
          if (this.opts.icountShift === null) return "wfi";
          // Virtual time: jump straight to the next deadline.
          const next = this.nextDeadlineNs();
          if (next === Infinity) return "wfi";
          const now = this.nowNs();
          if (next > now) this.sleptNs += next - now;
          this.tick?.();
          continue;
        }
        priv.waiting = false;
      }
      const irq = priv.pendingInterrupt();
      if (irq >= 0) {
        this.logInt?.(`interrupt ${irq} at pc 0x${this.cpu.pc.toString(16)}, priv ${priv.priv}`);
        priv.trap(irq, 0n, true);
      }
      // Slices end at the next timer deadline when time is virtual, and are short enough for the
      // timer to be seen promptly when it is real.
      let slice = Math.min(end - this.exec.insns, 1 << 18);
      if (this.opts.icountShift !== null) {
        const due = (this.nextDeadlineNs() - this.nowNs()) / 2 ** this.opts.icountShift;
        if (due < slice) slice = Math.max(1, Math.ceil(due));
      }
      const stop = exec.run(slice);
      if (stop === Stop.Exception) {
        const tval = BigInt.asUintN(64, (BigInt(exec.excpAuxHi) << 32n) | BigInt(exec.excpAux >>> 0));
        this.logInt?.(`exception ${exec.excp} at pc 0x${this.cpu.pc.toString(16)}, tval 0x${tval.toString(16)}, priv ${priv.priv}`);
        priv.trap(exec.excp, tval, false);
      }
    }
    return this.exitRequest ? "exit" : "budget";
  }
}
