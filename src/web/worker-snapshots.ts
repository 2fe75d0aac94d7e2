// Snapshots in the worker (issue 15.3): saving the running `virt` board (riscv64's or ARM's) into the browser's storage
// (snapshot-store.ts) or as a file for the page to download, and resuming one from either.
//
// A snapshot is resumed on a *new* board made like the page's (same RAM size and devices, the same
// shared folder), with no firmware, kernel or initrd: everything the guest needs is in the
// snapshot's RAM image, so the board gets empty images. Only when the whole snapshot has been
// checked and applied does the new board replace the running machine; a refused snapshot (damaged,
// newer format, another RAM size or devices) leaves the running machine exactly as it was.
// Requests run one at a time, in order (storage calls are asynchronous).
import type { VirtBoard, VirtOptions } from "../hw/virt.ts";
import { ArmVirtBoard } from "../hw/arm-virt.ts";
import { ARM_VIRT_BOARD_NAME, armSnapshotBlocker, loadArmVirtSnapshot, saveArmVirtSnapshot } from "../hw/arm-virt-snapshot.ts";
import { decodeSnapshot } from "../hw/snapshot-format.ts";
import { loadVirtSnapshot, parseInfo, saveVirtSnapshot, snapshotBlocker, snapshotInfo } from "../hw/virt-snapshot.ts";
import { SnapshotError } from "../hw/vmstate.ts";
import { STORED_SNAPSHOT, type FromWorker, type SnapshotRequest } from "./protocol.ts";
import { SnapshotStore } from "./snapshot-store.ts";

/** What a boot needs besides the page's fixed parts (a resume passes empty ones). */
export type BoardImages = Pick<VirtOptions, "bios" | "kernel" | "initrd" | "append" | "forSnapshot">;

export interface SnapshotHost {
  post(m: FromWorker, transfer?: Transferable[]): void;
  /** The booted machine, if one is running (not powered off). */
  running(): VirtBoard | ArmVirtBoard | null;
  /** A new board like the page's, with these images. */
  makeBoard(images: BoardImages): VirtBoard;
  /** A new ARM board like the page's, for a snapshot to fill (its RAM comes from the snapshot). */
  makeArmBoard(): ArmVirtBoard;
  /** Makes `b` the running machine, as run `run`. */
  resume(b: VirtBoard | ArmVirtBoard, run: number): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class WorkerSnapshots {
  private store: Promise<SnapshotStore> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly host: SnapshotHost) {}

  handle(m: SnapshotRequest): void {
    this.queue = this.queue.then(() => this.run(m)).catch((e: unknown) => console.error(e));
  }

  private openStore(): Promise<SnapshotStore> {
    this.store ??= SnapshotStore.open().catch((e: unknown) => {
      this.store = null; // try again next time
      throw e;
    });
    return this.store;
  }

  private async run(m: SnapshotRequest): Promise<void> {
    const { post } = this.host;
    switch (m.type) {
      case "savevm":
        try {
          return await this.save(m.id, m.target, m.screen ?? "");
        } catch (e) {
          return post({ type: "snapshot-error", id: m.id, message: message(e) });
        }
      case "loadvm":
        return this.load(m);
      case "snapshot-query":
        try {
          return post({ type: "stored", id: m.id, meta: await (await this.openStore()).meta(STORED_SNAPSHOT) });
        } catch (e) {
          return post({ type: "snapshot-error", id: m.id, message: message(e) });
        }
      case "snapshot-forget":
        try {
          await (await this.openStore()).delete(STORED_SNAPSHOT);
          return post({ type: "stored", id: m.id, meta: null });
        } catch (e) {
          return post({ type: "snapshot-error", id: m.id, message: message(e) });
        }
    }
  }

  private async save(id: number, target: "storage" | "file", screen: string): Promise<void> {
    const { post } = this.host;
    const b = this.host.running();
    if (!b) return post({ type: "snapshot-error", id, message: "no running Linux machine to save (boot Debian first)" });
    const arm = b instanceof ArmVirtBoard;
    const why = arm ? armSnapshotBlocker(b) : snapshotBlocker(b);
    if (why)
      return post({
        type: "snapshot-error",
        id,
        blocked: true,
        message: `cannot save a snapshot now: ${why}; unmount it in the guest (umount /mnt) and save again`,
      });
    const t0 = performance.now();
    const savedAtMs = Date.now();
    // Taken between two slices of the machine, so the state is consistent.
    const data = arm ? saveArmVirtSnapshot(b, STORED_SNAPSHOT, savedAtMs) : saveVirtSnapshot(b, STORED_SNAPSHOT, savedAtMs);
    const info = snapshotInfo(data); // also checks what was just written
    if (target === "storage")
      await (await this.openStore()).save({ name: STORED_SNAPSHOT, savedAtMs, bytes: data.length, info, screen }, data);
    const ms = performance.now() - t0;
    if (target === "file")
      post({ type: "saved", id, target, info, bytes: data.length, ms, data: data.buffer as ArrayBuffer }, [data.buffer]);
    else post({ type: "saved", id, target, info, bytes: data.length, ms });
  }

  private async load(m: Extract<SnapshotRequest, { type: "loadvm" }>): Promise<void> {
    const { post } = this.host;
    const failed = (msg: string, missing = false) => post({ type: "loadvm-failed", run: m.run, source: m.source, message: msg, missing });
    const t0 = performance.now();
    let data: Uint8Array;
    let name: string;
    let screen = "";
    if (m.source === "storage") {
      let rec: Awaited<ReturnType<SnapshotStore["load"]>>;
      try {
        rec = await (await this.openStore()).load(STORED_SNAPSHOT);
      } catch (e) {
        return failed(`cannot read the saved machine: ${message(e)}`);
      }
      if (!rec) return failed("no machine is saved in this browser", true);
      data = rec.data;
      name = `saved ${new Date(rec.meta.savedAtMs).toLocaleString()}`;
      screen = rec.meta.screen;
    } else {
      data = new Uint8Array(m.data);
      name = m.name;
    }
    const t1 = performance.now();
    let b: VirtBoard | ArmVirtBoard;
    let info;
    try {
      // The snapshot says which board it is of (and is checked whole before anything is made).
      const sections = decodeSnapshot(data);
      if (parseInfo(sections).board === ARM_VIRT_BOARD_NAME) {
        const a = this.host.makeArmBoard();
        info = loadArmVirtSnapshot(a, sections);
        b = a;
      } else {
        // No images: the snapshot's RAM holds firmware, kernel and everything else. The board's RAM
        // stays blank, so only the snapshot's non-zero pages are written (and committed by the host).
        const v = this.host.makeBoard({ forSnapshot: true });
        info = loadVirtSnapshot(v, sections);
        b = v;
      }
    } catch (e) {
      if (!(e instanceof SnapshotError)) return failed(`cannot resume ${name}: ${message(e)}`);
      // The board's RAM size is the page's; the command-line advice does not apply here.
      return failed(`cannot resume ${name}: ${e.message.replace(" (use -m)", "")}`);
    }
    const t2 = performance.now();
    // First the news (the page adopts run m.run with it), then the machine's own messages.
    const startedAtMs = performance.timeOrigin + t0;
    post({
      type: "resumed",
      run: m.run,
      source: m.source,
      name,
      info,
      screen,
      startedAtMs,
      readMs: t1 - t0,
      restoreMs: t2 - t1,
    });
    this.host.resume(b, m.run);
  }
}
