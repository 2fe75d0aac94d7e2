// The machine core of the ARM `virt` board: guest RAM, the physical memory map, machine time and
// the machine loop, behind the interfaces the ARM system-mode CPU implements (ArmCpu) and uses
// (ArmCpuHost). Devices, the device tree and boot images are put together by src/hw/arm-virt.ts;
// this file knows only MmioDevice, the generic timer and PSCI.
//
// The CPU is created by the board through a factory that receives the ArmCpuHost, so the board
// can be built and tested before (and independently of) the CPU: the tests drive it with a
// scripted CPU that performs physical accesses.
//
// Time: with -icount shift=N the clock is instructions × 2^N ns plus the time skipped while the
// CPU waited in WFI (QEMU's icount); otherwise it is the host's monotonic clock. The generic
// timer, the RTC and the WFI sleeps all use it.
import { PAGE_SIZE } from "../mem/softmmu.ts";
import type { ArmBootState } from "./arm-boot.ts";
import type { ArmGenericTimer } from "./arm-generic-timer.ts";
import type { IrqLine, MmioDevice } from "./device.ts";
import { psciCall, type PsciResult } from "./psci.ts";
import type { ArmSystemCpuState } from "../target/arm/system-cpu.ts";

export const ARM_VIRT_RAM_BASE = 0x40000000;

/** Guest physical memory as the CPU's MMU and softmmu see it (the shape of RISC-V's PhysMap). */
export interface ArmPhysMap {
  /** Offset in the RAM buffer of physical address `pa`, or -1 if it is not RAM. */
  ramOffset(pa: number): number;
  /** Read-only memory (none on this board: there is no flash). */
  isRom(pa: number): boolean;
  /** The device covering pa's page, with the offset of that page inside it; null: nothing there. */
  device(pa: number): { dev: MmioDevice; pageOffset: number } | null;
}

/** What the board provides to the ARM CPU. */
export interface ArmCpuHost {
  /** Guest RAM; physical address ramBase is offset 0. */
  readonly ram: ArrayBuffer;
  readonly ramBase: number;
  readonly ramBytes: number;
  readonly phys: ArmPhysMap;
  /** The generic timer the CPU's CNT* cp15 registers access. */
  readonly timer: ArmGenericTimer;
  /** Machine time in ns. */
  nowNs(): number;
  /**
   * An `hvc #0` (the PSCI conduit on this board) with r0..r3: the machine carries out power-offs
   * and resets; the CPU writes `r0` back and, for action "wfi", waits for an interrupt, for
   * "cpu-off", "system-off" and "system-reset", stops executing (run() returns).
   */
  psci(r0: number, r1: number, r2: number, r3: number): PsciResult;
  /** A 32-bit little-endian physical read for the MMU's table walks; null where nothing answers (external abort). */
  readPhys32(pa: number): number | null;
}

/** Why ArmCpu.run returned. */
export type ArmCpuStop = "budget" | "wfi" | "stopped";

/** The ARM system-mode CPU as the board drives it. */
export interface ArmCpu {
  /** The IRQ and FIQ inputs (driven by the GIC; level-sensitive). */
  readonly irq: IrqLine;
  readonly fiq: IrqLine;
  /** Instructions retired since the CPU was created (the icount clock). */
  readonly insns: number;
  /** CPU reset, then the boot state (registers, CPSR, the cp15 values it lists). */
  reset(state: ArmBootState): void;
  /**
   * Runs up to `budget` instructions. Returns "wfi" when it waits for an interrupt (it resumes on
   * the next run() once IRQ or FIQ is asserted, whatever CPSR's masks say), "stopped" when asked
   * to stop (requestExit, a PSCI power call), else "budget".
   */
  run(budget: number): ArmCpuStop;
  /** Makes run() return soon (device wants attention, host input, exit). */
  requestExit(): void;
  /** The CPU's state for snapshots (src/hw/arm-virt-snapshot.ts); a CPU without them cannot be saved. */
  saveState?(): ArmSystemCpuState;
  loadState?(s: ArmSystemCpuState): void;
}

export interface ArmMachineOptions {
  ramBytes: number;
  /** ns per instruction as a power of two (QEMU's -icount shift); null: real time. */
  icountShift: number | null;
  /** Host clock in ns (real-time mode), e.g. performance.now() * 1e6. */
  hostNowNs: () => number;
}

interface Region {
  base: number;
  size: number;
  dev: MmioDevice;
}

/** How the machine stopped for good: a PSCI SYSTEM_OFF/RESET request, or the only CPU switched off. */
export interface ArmExitRequest {
  kind: "poweroff" | "reset" | "cpu-off";
}

export class ArmVirtMachine implements ArmPhysMap {
  readonly ram: ArrayBuffer;
  readonly ram8: Uint8Array;
  readonly ramBase = ARM_VIRT_RAM_BASE;
  readonly cpu: ArmCpu;
  readonly host: ArmCpuHost;
  private readonly ramView: DataView;
  private readonly regions: Region[] = [];
  private t0: number;
  private sleptNs = 0;
  exitRequest: ArmExitRequest | null = null;
  /** Called after each slice (devices that poll their clock). */
  tick: (() => void) | null = null;
  /** The earliest clock time (ns) some device wants attention, for WFI and slice limits. */
  nextDeadlineNs: () => number = () => Infinity;
  /** PSCI SYSTEM_RESET: the board resets devices and the CPU. */
  onReset: (() => void) | null = null;

  constructor(
    readonly opts: ArmMachineOptions,
    timer: ArmGenericTimer,
    cpuFactory: (host: ArmCpuHost) => ArmCpu,
  ) {
    this.ram = new ArrayBuffer(opts.ramBytes);
    this.ram8 = new Uint8Array(this.ram);
    this.ramView = new DataView(this.ram);
    this.t0 = opts.hostNowNs();
    const machine = this;
    this.host = {
      ram: this.ram,
      ramBase: ARM_VIRT_RAM_BASE,
      ramBytes: opts.ramBytes,
      phys: this,
      timer,
      nowNs: () => machine.nowNs(),
      psci: (r0, r1, r2) => machine.psci(r0, r1, r2),
      readPhys32: (pa) => machine.readPhys32(pa),
    };
    this.cpu = cpuFactory(this.host);
  }

  /** Machine time in ns: instruction-count based with -icount, else host time. */
  nowNs(): number {
    if (this.opts.icountShift !== null) return this.cpu.insns * 2 ** this.opts.icountShift + this.sleptNs;
    return this.opts.hostNowNs() - this.t0;
  }

  get insns(): number {
    return this.cpu.insns;
  }

  /** What machine time is made of, for snapshots: the time slept in WFI (virtual time) and the time now. */
  timeState(): { sleptNs: number; nowNs: number } {
    return { sleptNs: this.sleptNs, nowNs: this.nowNs() };
  }

  /** Continues machine time from a snapshot's timeState() (the CPU's instruction count restored first). */
  restoreTime(t: { sleptNs: number; nowNs: number }): void {
    this.sleptNs = t.sleptNs;
    this.t0 = this.opts.hostNowNs() - t.nowNs;
  }

  // ---- the physical memory map

  /** Maps `dev` at [base, base + size); devices smaller than a page own their whole page. */
  addDevice(base: number, size: number, dev: MmioDevice): void {
    this.regions.push({ base, size, dev });
  }

  ramOffset(pa: number): number {
    const off = pa - ARM_VIRT_RAM_BASE;
    return off >= 0 && off < this.opts.ramBytes ? off : -1;
  }

  isRom(_pa: number): boolean {
    return false;
  }

  device(pa: number): { dev: MmioDevice; pageOffset: number } | null {
    for (const r of this.regions)
      if (pa >= r.base && pa < r.base + Math.max(r.size, PAGE_SIZE)) return { dev: r.dev, pageOffset: pa - r.base };
    return null;
  }

  /** A table-walk read: RAM, or a device register as QEMU's arm_ldl_ptw would read it; null: bus error. */
  readPhys32(pa: number): number | null {
    if (pa % 4 !== 0) return null;
    return this.physRead(pa, 4);
  }

  /**
   * A physical access as the CPU would make it with the MMU off (for tests, the monitor's xp and
   * the debugger): RAM, a device, or null for a bus error. `size` is 1, 2 or 4.
   */
  physRead(pa: number, size: number): number | null {
    const off = this.ramOffset(pa);
    if (off >= 0 && off + size <= this.opts.ramBytes) {
      return size === 1 ? this.ram8[off] : size === 2 ? this.ramView.getUint16(off, true) : this.ramView.getUint32(off, true);
    }
    const d = this.device(pa);
    return d === null ? null : d.dev.read(d.pageOffset, size);
  }

  physWrite(pa: number, size: number, value: number): boolean {
    const off = this.ramOffset(pa);
    if (off >= 0 && off + size <= this.opts.ramBytes) {
      if (size === 1) this.ram8[off] = value;
      else if (size === 2) this.ramView.setUint16(off, value, true);
      else this.ramView.setUint32(off, value >>> 0, true);
      return true;
    }
    const d = this.device(pa);
    if (d === null) return false;
    d.dev.write(d.pageOffset, size, value);
    return true;
  }

  /** Copies an image into RAM (boot loading); throws if it does not fit. */
  writePhys(pa: number, data: Uint8Array): void {
    const off = this.ramOffset(pa);
    if (off < 0 || (data.length > 0 && this.ramOffset(pa + data.length - 1) < 0))
      throw new Error(`image at 0x${pa.toString(16)} (${data.length} bytes) does not fit in RAM`);
    this.ram8.set(data, off);
  }

  // ---- PSCI (the machine-level actions)

  private psci(r0: number, r1: number, r2: number): PsciResult {
    const r = psciCall(r0, r1, r2);
    if (r.action === "system-off") this.requestStop({ kind: "poweroff" });
    else if (r.action === "system-reset") this.requestStop({ kind: "reset" });
    else if (r.action === "cpu-off") this.requestStop({ kind: "cpu-off" });
    return r;
  }

  private requestStop(e: ArmExitRequest): void {
    this.exitRequest = e;
    this.cpu.requestExit();
  }

  // ---- the machine loop

  /**
   * Runs up to `budget` instructions. Returns "exit" when the guest powered off, reset (with
   * noReboot) or switched its only CPU off (see exitRequest), "wfi" when the CPU waits for an
   * interrupt and no device deadline is due (real time: the caller sleeps until
   * nextDeadlineNs() or host input), else "budget". A PSCI SYSTEM_RESET is carried out here
   * unless `noReboot`.
   */
  run(budget: number, noReboot = false): "budget" | "wfi" | "exit" {
    const cpu = this.cpu;
    const end = cpu.insns + budget;
    while (cpu.insns < end) {
      if (this.exitRequest) {
        if (this.exitRequest.kind === "reset" && !noReboot) {
          this.exitRequest = null;
          this.onReset?.();
          continue;
        }
        return "exit";
      }
      this.tick?.();
      // Slices end at the next device deadline when time is virtual, and are short enough for
      // the timers to be seen promptly when it is real.
      let slice = Math.min(end - cpu.insns, 1 << 18);
      if (this.opts.icountShift !== null) {
        const due = (this.nextDeadlineNs() - this.nowNs()) / 2 ** this.opts.icountShift;
        if (due < slice) slice = Math.max(1, Math.ceil(due));
      }
      const stop = cpu.run(slice);
      if (stop !== "wfi") continue;
      this.tick?.();
      if (this.exitRequest) continue;
      if (this.opts.icountShift === null) return "wfi";
      // Virtual time: skip to the next future deadline (a timer that already fired is none).
      const now = this.nowNs();
      const next = this.nextDeadlineNs();
      if (!(next > now) || next === Infinity) return "wfi"; // nothing will ever wake it
      this.sleptNs += next - now;
    }
    return this.exitRequest ? "exit" : "budget";
  }
}
