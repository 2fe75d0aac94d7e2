// Snapshots of the RISC-V `virt` board (QEMU's savevm/loadvm): the hart's registers and privileged
// state, the devices, machine time, RAM (zero pages are not stored) and the disks, in the format of
// snapshot-format.ts (spec/snapshot/README.md). Translated code is not saved: the TBs are dropped on
// load and rebuilt as the guest runs.
//
// Loading checks everything first (format, checksums, board, RAM size, disks, every device's
// fields) and changes the machine only when the whole snapshot is usable.
import { PAGE_SIZE } from "../tci/state.ts";
import { RISCV_ENV_SLOTS } from "../target/riscv/cpu-state.ts";
import { ENV_TARGET_BASE } from "../tci/state.ts";
import { decodeSnapshot, encodeSnapshot, sectionsOf, type Section, type SnapshotSections } from "./snapshot-format.ts";
import type { VirtBoard } from "./virt.ts";
import type { BlockDevice } from "./virtio-blk.ts";
import type { VirtioMmio } from "./virtio-mmio.ts";
import { SnapshotError, StateReader, StateWriter, type VmState } from "./vmstate.ts";

export const VIRT_BOARD_NAME = "riscv64-virt";

/** What a snapshot says about itself (its "info" section), for `info snapshots` and checks. */
export interface SnapshotInfo {
  board: string;
  name: string;
  /** Host time of the save, ms since the epoch. */
  savedAtMs: number;
  ramBytes: number;
  /** Guest instructions executed when it was taken. */
  icount: number;
  /** Disk sizes in bytes, in slot order. */
  disks: number[];
  /**
   * The virtio device ID in each virtio-mmio slot (0: empty), so that a snapshot is refused by a board
   * with other devices (a shared directory where the snapshot had none) instead of failing on some
   * queue count. Absent in snapshots written before it was added: then the device sections decide.
   */
  virtio?: number[];
  tciemu: string;
}

/** The board's devices with state, by the name their snapshot section carries. */
function devices(b: VirtBoard): Array<[string, VmState]> {
  const list: Array<[string, VmState]> = [
    ["uart0", b.uart],
    ["plic", b.plic],
    ["clint", b.clint],
    ["rtc", b.rtc],
  ];
  b.virtio.forEach((v, i) => list.push([`virtio${i}`, v]));
  return list;
}

const PRIV_BIG = [
  "mstatus",
  "mtvec",
  "stvec",
  "mscratch",
  "sscratch",
  "mepc",
  "sepc",
  "mcause",
  "scause",
  "mtval",
  "stval",
  "satp",
] as const;
const PRIV_BIG2 = ["mcounteren", "scounteren", "menvcfg", "senvcfg", "mcountinhibit"] as const;
const PRIV_NUM = ["priv", "medeleg", "mideleg", "mie", "mip"] as const;

const VIRTIO_NAMES: Record<number, string> = { 0: "empty", 1: "net", 2: "blk", 4: "rng", 9: "9p" };
/** The virtio device ID in each slot of a board's transports (0: empty). */
export const virtioIds = (transports: readonly { backend: { deviceId: number } | null }[]): number[] =>
  transports.map((v) => v.backend?.deviceId ?? 0);
const virtioList = (ids: number[]): string => ids.map((id) => VIRTIO_NAMES[id] ?? `device ${id}`).join(", ");

/** What a snapshot must match to load into a board (every board's load checks it first). */
export interface SnapshotTarget {
  board: string;
  ramBytes: number;
  diskSizes: number[];
  virtio: number[];
  /** Snapshots without a virtio list (older RISC-V files) are accepted: their device sections decide. */
  virtioOptional?: boolean;
}

/** Refuses, by name, a snapshot of another board, RAM size, disks or virtio devices. */
export function checkSnapshotTarget(info: SnapshotInfo, t: SnapshotTarget): void {
  if (info.board !== t.board) throw new SnapshotError(`snapshot is of a '${info.board}' machine, this is '${t.board}'`);
  if (info.ramBytes !== t.ramBytes)
    throw new SnapshotError(`snapshot has ${info.ramBytes / (1 << 20)} MiB of RAM, this machine ${t.ramBytes / (1 << 20)} MiB (use -m)`);
  if (info.disks.length !== t.diskSizes.length || info.disks.some((s, i) => s !== t.diskSizes[i]))
    throw new SnapshotError(
      `snapshot has disks of ${info.disks.join(", ") || "no"} bytes, this machine ${t.diskSizes.join(", ") || "none"}`,
    );
  if (info.virtio === undefined && t.virtioOptional) return;
  const have = t.virtio;
  if (!Array.isArray(info.virtio) || info.virtio.length !== have.length || info.virtio.some((id, i) => id !== have[i]))
    throw new SnapshotError(
      `snapshot has virtio devices ${Array.isArray(info.virtio) ? virtioList(info.virtio) : "?"}, this machine ${virtioList(have)}`,
    );
}

/** The reader of a section that must be there. */
export function sectionReader(sections: Map<string, Uint8Array>, n: string): StateReader {
  const d = sections.get(n);
  if (!d) throw new SnapshotError(`snapshot has no '${n}' section`);
  return new StateReader(d, `snapshot section '${n}'`);
}

/** The `time` section: instructions, ns slept in WFI, machine time, the RTC's epoch (all f64). */
export function readTimeSection(sections: Map<string, Uint8Array>): { insns: number; sleptNs: number; nowNs: number; epochNs: number } {
  const tr = sectionReader(sections, "time");
  const t = { insns: tr.f64(), sleptNs: tr.f64(), nowNs: tr.f64(), epochNs: tr.f64() };
  tr.end();
  if (![t.insns, t.sleptNs, t.nowNs, t.epochNs].every(Number.isFinite) || t.insns < 0 || !Number.isSafeInteger(t.insns))
    throw new SnapshotError("snapshot section 'time' is not valid");
  return t;
}

/** Why a virtio device cannot be saved now (a mounted share, live connections), or null. */
export function virtioBlocker(transports: readonly VirtioMmio[]): string | null {
  for (const v of transports) {
    const why = v.backend?.snapshotBlocker?.() ?? null;
    if (why) return why;
  }
  return null;
}

/** The sections every board's snapshot ends with: each device's state (dev:NAME), RAM and the disks as memory images. */
export function deviceAndMemorySections(devices: Array<[string, VmState]>, ram8: Uint8Array, disks: readonly BlockDevice[]): Section[] {
  const sections: Section[] = [];
  for (const [n, dev] of devices) {
    const w = new StateWriter();
    dev.saveState(w);
    sections.push({ name: `dev:${n}`, data: w.finish() });
  }
  sections.push({ name: "ram", data: savePages((off, dst) => dst.set(ram8.subarray(off, off + dst.length)), ram8.length) });
  disks.forEach((d, i) => sections.push({ name: `disk${i}`, data: savePages((off, dst) => d.read(off, dst), d.size) }));
  return sections;
}

/** Why this board cannot be saved now, or null. */
export function snapshotBlocker(b: VirtBoard): string | null {
  if (b.machine.exec.midTb) return "the CPU is inside a translation block being stepped";
  return virtioBlocker(b.virtio);
}

/** Saves the whole machine; `version` is tciemu's version string (recorded, not checked). */
export function saveVirtSnapshot(b: VirtBoard, name: string, savedAtMs: number, version = "0.1.0"): Uint8Array {
  const why = snapshotBlocker(b);
  if (why) throw new SnapshotError(`cannot save a snapshot: ${why}`);
  const m = b.machine;
  const info: SnapshotInfo = {
    board: VIRT_BOARD_NAME,
    name,
    savedAtMs,
    ramBytes: m.opts.ramBytes,
    icount: m.exec.insns,
    disks: b.disks.map((d) => d.size),
    virtio: virtioIds(b.virtio),
    tciemu: version,
  };
  const sections: Section[] = [{ name: "info", data: new TextEncoder().encode(JSON.stringify(info)) }];

  const cpu = new StateWriter();
  const R = m.cpu.R;
  cpu.u32(RISCV_ENV_SLOTS);
  for (let i = 0; i < RISCV_ENV_SLOTS; i++) cpu.i32(R[ENV_TARGET_BASE + i]);
  const p = m.priv;
  for (const k of PRIV_NUM) cpu.u32(p[k]);
  for (const k of [...PRIV_BIG, ...PRIV_BIG2]) cpu.u64(p[k]);
  cpu.bool(p.waiting);
  sections.push({ name: "cpu", data: cpu.finish() });

  const t = m.timeState();
  sections.push({ name: "time", data: new StateWriter().f64(t.insns).f64(t.sleptNs).f64(t.nowNs).f64(b.epochNs).finish() });

  sections.push(...deviceAndMemorySections(devices(b), m.ram8, b.disks));
  return encodeSnapshot(sections);
}

/** Reads the info section only (for `info snapshots`). */
export function snapshotInfo(file: Uint8Array): SnapshotInfo {
  return parseInfo(decodeSnapshot(file));
}

/** The info section of decoded sections (every board's snapshots have one). */
export function parseInfo(sections: Map<string, Uint8Array>): SnapshotInfo {
  const raw = sections.get("info");
  if (!raw) throw new SnapshotError("snapshot has no info section");
  let info: SnapshotInfo;
  try {
    info = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new SnapshotError("snapshot info section is not valid");
  }
  if (
    typeof info !== "object" ||
    info === null ||
    typeof info.board !== "string" ||
    typeof info.ramBytes !== "number" ||
    !Array.isArray(info.disks)
  )
    throw new SnapshotError("snapshot info section is not valid");
  return info;
}

/**
 * Restores a snapshot taken on a board like this one (same board, RAM size and disks). Throws
 * SnapshotError, leaving the machine untouched, when it cannot be used.
 */
export function loadVirtSnapshot(b: VirtBoard, file: Uint8Array | SnapshotSections): SnapshotInfo {
  const sections = sectionsOf(file);
  const info = parseInfo(sections);
  const m = b.machine;
  checkSnapshotTarget(info, {
    board: VIRT_BOARD_NAME,
    ramBytes: m.opts.ramBytes,
    diskSizes: b.disks.map((d) => d.size),
    virtio: virtioIds(b.virtio),
    virtioOptional: true,
  });
  const why = snapshotBlocker(b);
  if (why) throw new SnapshotError(`cannot load a snapshot: ${why}`);
  const need = (n: string): StateReader => sectionReader(sections, n);

  // 1. Read and check everything.
  const cpu = need("cpu");
  cpu.range(cpu.u32(), RISCV_ENV_SLOTS, RISCV_ENV_SLOTS, "CPU state size");
  const regs = new Int32Array(RISCV_ENV_SLOTS);
  for (let i = 0; i < RISCV_ENV_SLOTS; i++) regs[i] = cpu.i32();
  const num = PRIV_NUM.map((k) => cpu.u32());
  cpu.range(num[0], 0, 3, "privilege level");
  const big = [...PRIV_BIG, ...PRIV_BIG2].map(() => cpu.u64());
  const waiting = cpu.bool();
  cpu.end();
  const time = readTimeSection(sections);
  const epochNs = time.epochNs;
  const appliers: Array<() => void> = [];
  for (const [n, dev] of devices(b)) {
    const r = need(`dev:${n}`);
    appliers.push(dev.loadState(r));
    r.end();
  }
  const ram = loadPages(need("ram"), m.ram8.length);
  const disks = b.disks.map((d, i) => loadPages(need(`disk${i}`), d.size));

  // 2. Apply.
  const R = m.cpu.R;
  R.set(regs, ENV_TARGET_BASE);
  const p = m.priv;
  PRIV_NUM.forEach((k, i) => (p[k] = num[i]));
  [...PRIV_BIG, ...PRIV_BIG2].forEach((k, i) => (p[k] = big[i]));
  p.waiting = waiting;
  p.updateFlags();
  for (const a of appliers) a();
  // A blank board (made for the load) already holds zeros where the snapshot has them.
  const blank = m.ramBlank;
  ram((off, src, zero) => {
    if (!(zero && blank)) m.ram8.set(src, off);
  });
  m.ramBlank = false;
  disks.forEach((apply, i) => apply((off, src) => b.disks[i].write(off, src)));
  m.restoreTime(time);
  b.epochNs = epochNs;
  m.exitRequest = null;
  b.exit = null;
  // Translated code and the TLB belong to the old memory contents.
  m.exec.flushTbs();
  m.flushTlb();
  return info;
}

// ---- memory images: a bitmap of the pages that are not all zero, then those pages

export function savePages(read: (offset: number, dst: Uint8Array) => void, size: number): Uint8Array {
  const pages = Math.ceil(size / PAGE_SIZE);
  const bitmap = new Uint8Array(Math.ceil(pages / 8));
  const chunks: Uint8Array[] = [];
  const page = new Uint8Array(PAGE_SIZE);
  for (let i = 0; i < pages; i++) {
    const len = Math.min(PAGE_SIZE, size - i * PAGE_SIZE);
    const dst = len === PAGE_SIZE ? page : page.subarray(0, len);
    read(i * PAGE_SIZE, dst);
    let zero = true;
    for (let k = 0; k < len; k++)
      if (dst[k] !== 0) {
        zero = false;
        break;
      }
    if (zero) continue;
    bitmap[i >> 3] |= 1 << (i & 7);
    chunks.push(dst.slice());
  }
  const w = new StateWriter().f64(size).bytes(bitmap).u32(chunks.length);
  let total = 0;
  for (const c of chunks) total += c.length;
  const head = w.finish();
  const out = new Uint8Array(head.length + total);
  out.set(head);
  let o = head.length;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Checks a memory image of `size` bytes; returns the function that writes it, zero pages included
 * (`zero` says which: a writer whose memory is known to be zero may skip them).
 */
export function loadPages(r: StateReader, size: number): (write: (offset: number, src: Uint8Array, zero: boolean) => void) => void {
  const saved = r.f64();
  if (saved !== size) throw new SnapshotError(`${r.what}: ${saved} bytes where this machine has ${size}`);
  const pages = Math.ceil(size / PAGE_SIZE);
  const bitmap = r.bytes(Math.ceil(pages / 8));
  if (bitmap.length !== Math.ceil(pages / 8)) throw new SnapshotError(`${r.what}: bad page bitmap`);
  const count = r.u32();
  let set = 0;
  for (let i = 0; i < pages; i++) if (bitmap[i >> 3] & (1 << (i & 7))) set++;
  if (set !== count) throw new SnapshotError(`${r.what}: bitmap and page count disagree`);
  // The page data follows: everything that is left of the section.
  const offsets: number[] = [];
  let dataLen = 0;
  for (let i = 0; i < pages; i++)
    if (bitmap[i >> 3] & (1 << (i & 7))) {
      offsets.push(i);
      dataLen += Math.min(PAGE_SIZE, size - i * PAGE_SIZE);
    }
  const data = r.rest();
  if (data.length !== dataLen) throw new SnapshotError(`${r.what} is truncated`);
  return (write) => {
    const zero = new Uint8Array(PAGE_SIZE);
    let o = 0,
      k = 0;
    for (let i = 0; i < pages; i++) {
      const len = Math.min(PAGE_SIZE, size - i * PAGE_SIZE);
      if (k < offsets.length && offsets[k] === i) {
        write(i * PAGE_SIZE, data.subarray(o, o + len), false);
        o += len;
        k++;
      } else write(i * PAGE_SIZE, len === PAGE_SIZE ? zero : zero.subarray(0, len), true);
    }
  };
}
