// Snapshots of the ARM `virt` board (QEMU's savevm/loadvm for `-M virt -cpu cortex-a15`): the CPU
// (registers, every mode's banked registers and SPSR, VFP, cp15, WFI), the generic timer, the GIC,
// the PL011, the PL031, the virtio-mmio transports with their devices, machine time, RAM (zero
// pages are not stored) and the disks, in the container format of snapshot-format.ts
// (spec/snapshot/README.md, board "arm-virt"). Translated code is not saved: the TBs are dropped
// on load and rebuilt as the guest runs.
//
// Loading checks everything first (format, checksums, board, RAM size, disks, virtio devices,
// every section's fields) and changes the machine only when the whole snapshot is usable.
import type { ArmSystemCpuState } from "../target/arm/system-cpu.ts";
import { ARM_CPU_STATE_SIZES, isCpuMode } from "../target/arm/system-cpu.ts";
import { CP15_STATE_FIELDS } from "../target/arm/cp15.ts";
import { UNCACHED_CPSR, REG } from "../target/arm/cpu-state.ts";
import type { ArmVirtBoard } from "./arm-virt.ts";
import { decodeSnapshot, encodeSnapshot, sectionsOf, type Section, type SnapshotSections } from "./snapshot-format.ts";
import {
  checkSnapshotTarget,
  deviceAndMemorySections,
  loadPages,
  parseInfo,
  readTimeSection,
  sectionReader,
  virtioBlocker,
  virtioIds,
  type SnapshotInfo,
} from "./virt-snapshot.ts";
import { SnapshotError, StateReader, StateWriter, type VmState } from "./vmstate.ts";

export const ARM_VIRT_BOARD_NAME = "arm-virt";

/** At most this many cp14 debug registers in a snapshot (the CPU has 6 breakpoints and 4 watchpoints: 20). */
const MAX_DEBUG_REGS = 64;

const disksOf = (b: ArmVirtBoard) => b.opts.disks ?? [];

/** The board's devices with state, by the name their snapshot section carries. */
function devices(b: ArmVirtBoard): Array<[string, VmState]> {
  const list: Array<[string, VmState]> = [
    ["gic", b.gic],
    ["timer", b.timer],
    ["uart0", b.uart],
    ["rtc", b.rtc],
  ];
  b.virtio.forEach((v, i) => list.push([`virtio${i}`, v]));
  return list;
}

/** Why this board cannot be saved now, or null. */
export function armSnapshotBlocker(b: ArmVirtBoard): string | null {
  if (!b.cpu.saveState || !b.cpu.loadState) return "this CPU model has no snapshot support";
  return virtioBlocker(b.virtio);
}

/** Saves the whole machine (between two runs of the machine loop); `version` is tciemu's version string (recorded, not checked). */
export function saveArmVirtSnapshot(b: ArmVirtBoard, name: string, savedAtMs: number, version = "0.1.0"): Uint8Array {
  const why = armSnapshotBlocker(b);
  if (why) throw new SnapshotError(`cannot save a snapshot: ${why}`);
  const m = b.machine;
  const cpu = b.cpu.saveState!();
  const info: SnapshotInfo = {
    board: ARM_VIRT_BOARD_NAME,
    name,
    savedAtMs,
    ramBytes: m.opts.ramBytes,
    icount: cpu.insns,
    disks: disksOf(b).map((d) => d.size),
    virtio: virtioIds(b.virtio),
    tciemu: version,
  };
  const sections: Section[] = [{ name: "info", data: new TextEncoder().encode(JSON.stringify(info)) }];

  const w = new StateWriter();
  w.u32s(cpu.regs).u32(cpu.spsr);
  for (const a of [cpu.bankedSpsr, cpu.bankedR13, cpu.bankedR14, cpu.usrRegs, cpu.fiqRegs]) w.u32s(a);
  w.bool(cpu.halted).bool(cpu.irqLevel).bool(cpu.fiqLevel);
  w.u32(cpu.cp15.fields.length);
  for (const v of cpu.cp15.fields) w.u32(v);
  w.u32(cpu.cp15.debug.length);
  for (const [k, v] of cpu.cp15.debug) w.u32(k).u32(v);
  sections.push({ name: "cpu", data: w.finish() });

  const t = m.timeState();
  sections.push({ name: "time", data: new StateWriter().f64(cpu.insns).f64(t.sleptNs).f64(t.nowNs).f64(b.epochNs).finish() });

  sections.push(...deviceAndMemorySections(devices(b), m.ram8, disksOf(b)));
  return encodeSnapshot(sections);
}

/** Reads the CPU section; throws SnapshotError on anything this CPU could not hold. */
function readCpu(r: StateReader): Omit<ArmSystemCpuState, "insns"> {
  const regs = Int32Array.from(r.u32s(ARM_CPU_STATE_SIZES.regs));
  const mode = regs[UNCACHED_CPSR - REG] & 0x1f;
  if (!isCpuMode(mode)) throw new SnapshotError(`${r.what}: CPSR mode 0x${mode.toString(16)} is not one this CPU has`);
  const spsr = r.i32();
  const arr = (n: number) => Int32Array.from(r.u32s(n));
  const bankedSpsr = arr(ARM_CPU_STATE_SIZES.bankedSpsr),
    bankedR13 = arr(ARM_CPU_STATE_SIZES.bankedR13),
    bankedR14 = arr(ARM_CPU_STATE_SIZES.bankedR14),
    usrRegs = arr(ARM_CPU_STATE_SIZES.usrRegs),
    fiqRegs = arr(ARM_CPU_STATE_SIZES.fiqRegs);
  const halted = r.bool(),
    irqLevel = r.bool(),
    fiqLevel = r.bool();
  r.range(r.u32(), CP15_STATE_FIELDS.length, CP15_STATE_FIELDS.length, "cp15 register count");
  const fields = CP15_STATE_FIELDS.map(() => r.i32());
  const nDebug = r.range(r.u32(), 0, MAX_DEBUG_REGS, "debug register count");
  const debug: [number, number][] = [];
  for (let i = 0; i < nDebug; i++) debug.push([r.u32(), r.i32()]);
  return { regs, spsr, bankedSpsr, bankedR13, bankedR14, usrRegs, fiqRegs, halted, irqLevel, fiqLevel, cp15: { fields, debug } };
}

/**
 * Restores a snapshot taken on a board like this one (same board, RAM size, disks and virtio
 * devices). Throws SnapshotError, leaving the machine untouched, when it cannot be used.
 */
export function loadArmVirtSnapshot(b: ArmVirtBoard, file: Uint8Array | SnapshotSections): SnapshotInfo {
  const sections = sectionsOf(file);
  const info = parseInfo(sections);
  const m = b.machine;
  const disks = disksOf(b);
  checkSnapshotTarget(info, {
    board: ARM_VIRT_BOARD_NAME,
    ramBytes: m.opts.ramBytes,
    diskSizes: disks.map((d) => d.size),
    virtio: virtioIds(b.virtio),
  });
  const why = armSnapshotBlocker(b);
  if (why) throw new SnapshotError(`cannot load a snapshot: ${why}`);
  const need = (n: string): StateReader => sectionReader(sections, n);

  // 1. Read and check everything.
  const cr = need("cpu");
  const cpu = readCpu(cr);
  cr.end();
  const time = readTimeSection(sections);
  const appliers: Array<() => void> = [];
  for (const [n, dev] of devices(b)) {
    const r = need(`dev:${n}`);
    appliers.push(dev.loadState(r));
    r.end();
  }
  const ram = loadPages(need("ram"), m.ram8.length);
  const diskImages = disks.map((d, i) => loadPages(need(`disk${i}`), d.size));

  // 2. Apply: the CPU (its instruction count is the icount clock), devices, memory, then time.
  b.cpu.loadState!({ ...cpu, insns: time.insns });
  for (const a of appliers) a();
  ram((off, src) => m.ram8.set(src, off));
  diskImages.forEach((apply, i) => apply((off, src) => disks[i].write(off, src)));
  m.restoreTime(time);
  b.epochNs = time.epochNs;
  m.exitRequest = null;
  return info;
}
