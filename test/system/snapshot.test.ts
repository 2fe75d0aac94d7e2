// Snapshots of the virt board (issue 15.1–2): the file format refuses what it must (truncation, bit
// flips, a newer version, another board or RAM size) without touching the running machine, and a
// snapshot resumes exactly: with -icount, running K instructions after loadvm gives the registers,
// RAM and console output that running the same K instructions without the snapshot gave, at
// several points of Debian's boot (OpenSBI, early kernel, later kernel).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { crc32, decodeSnapshot, encodeSnapshot, SNAPSHOT_VERSION } from "../../src/hw/snapshot-format.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { loadVirtSnapshot, saveVirtSnapshot, snapshotInfo } from "../../src/hw/virt-snapshot.ts";
import { memoryDisk } from "../../src/hw/virtio-blk.ts";
import { SnapshotError } from "../../src/hw/vmstate.ts";
import { ENV_TARGET_BASE } from "../../src/tci/state.ts";
import { RISCV_ENV_SLOTS } from "../../src/target/riscv/cpu-state.ts";
import { opensbiFirmware, systemBusybox, systemKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs } from "../../tools/system/initramfs.ts";

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`${what} missing: run 'bash tools/debian/fetch.sh system'`);
  return v;
}

describe("snapshot file format", () => {
  test("CRC-32 is zlib's", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  test("round trip, and every kind of damage is refused with a message", () => {
    const file = encodeSnapshot([
      { name: "info", data: new TextEncoder().encode("{}") },
      { name: "ram", data: Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff) },
    ]);
    const s = decodeSnapshot(file);
    expect([...s.keys()]).toEqual(["info", "ram"]);
    expect(s.get("ram")![999]).toBe(999 & 0xff);
    const refuse = (f: Uint8Array, msg: RegExp) => {
      let err: unknown = null;
      try {
        decodeSnapshot(f);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SnapshotError);
      expect((err as Error).message).toMatch(msg);
    };
    for (const cut of [0, 7, 15, 20, 40, file.length - 1]) refuse(file.subarray(0, cut), /truncated|too short|bad magic/);
    for (const at of [30, 200, file.length - 3]) {
      const f = file.slice();
      f[at] ^= 0x10;
      refuse(f, /checksum|corrupted|truncated/);
    }
    const newer = file.slice();
    new DataView(newer.buffer).setUint32(8, SNAPSHOT_VERSION + 1, true);
    refuse(newer, /newer than this tciemu supports/);
    const magic = file.slice();
    magic[0] = 0x41;
    refuse(magic, /not a tciemu snapshot/);
    refuse(Uint8Array.from([...file, 0]), /trailing/);
  });
});

/** A board booting Debian's kernel with a small initramfs, in virtual time. */
function makeBoard(ramMiB = 128, out: { text: string } = { text: "" }): VirtBoard {
  const kernel = need(systemKernel(), "Debian kernel");
  const bios = need(opensbiFirmware("fw_dynamic", "bin"), "OpenSBI");
  const busybox = need(systemBusybox(), "busybox-static");
  return new VirtBoard({
    ramBytes: ramMiB << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd: initrdOnce(busybox),
    append: "console=ttyS0",
    disks: [memoryDisk(new Uint8Array(64 << 10).fill(7))],
    serialOut: (b) => (out.text += new TextDecoder().decode(b)),
    icountShift: 0,
    epochNs: () => 1.7e18,
  });
}
let initrdCache: Uint8Array | null = null;
function initrdOnce(busybox: string): Uint8Array {
  initrdCache ??= buildInitramfs({ busybox }).gz;
  return initrdCache;
}

/** Runs exactly n instructions (the machine loop may stop early in WFI: keep going). */
function runExactly(b: VirtBoard, n: number): void {
  const m = b.machine;
  const end = m.insns + n;
  while (m.insns < end) {
    const r = m.run(end - m.insns);
    if (r === "exit") throw new Error("the machine stopped");
  }
}

interface Fingerprint {
  insns: number;
  regs: number[];
  ram: number;
  console: string;
}

function fingerprint(b: VirtBoard, console: string): Fingerprint {
  const m = b.machine;
  return {
    insns: m.insns,
    regs: Array.from(m.cpu.R.subarray(ENV_TARGET_BASE, ENV_TARGET_BASE + RISCV_ENV_SLOTS)),
    ram: crc32(m.ram8),
    console,
  };
}

describe("snapshots of the virt board", () => {
  test(
    "resume is exact at several points of the boot (-icount), and bad snapshots leave the machine untouched",
    { timeout: 900_000 },
    () => {
      const K = 3_000_000;
      const points = [2_000_000, 40_000_000, 160_000_000];
      const outA = { text: "" };
      const a = makeBoard(128, outA);
      const saved: { snap: Uint8Array; after: Fingerprint }[] = [];
      for (const p of points) {
        runExactly(a, p - a.machine.insns);
        const snap = saveVirtSnapshot(a, `at${p}`, 0);
        const mark = outA.text.length;
        runExactly(a, K);
        saved.push({ snap, after: fingerprint(a, outA.text.slice(mark)) });
      }
      expect(a.machine.priv.priv, "the kernel (S mode) was running at the last point").toBe(1);

      // A fresh machine resumes each snapshot and ends where the first one did.
      const outB = { text: "" };
      const b = makeBoard(128, outB);
      for (const { snap, after } of saved) {
        const info = loadVirtSnapshot(b, snap);
        expect(info.icount).toBe(after.insns - K);
        const mark = outB.text.length;
        runExactly(b, K);
        const got = fingerprint(b, outB.text.slice(mark));
        expect(got.insns).toBe(after.insns);
        expect(got.regs).toEqual(after.regs);
        expect(got.ram, "RAM after resuming").toBe(after.ram);
        expect(got.console).toBe(after.console);
      }

      // Refusals: the running machine (b) must not change.
      const snap = saved[1].snap;
      const before = fingerprint(b, "");
      const refuse = (board: VirtBoard, file: Uint8Array, msg: RegExp) => {
        let err: unknown = null;
        try {
          loadVirtSnapshot(board, file);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(SnapshotError);
        expect((err as Error).message).toMatch(msg);
      };
      refuse(b, snap.subarray(0, snap.length >> 1), /truncated/);
      const flipped = snap.slice();
      flipped[snap.length >> 1] ^= 1;
      refuse(b, flipped, /checksum/);
      const newer = snap.slice();
      new DataView(newer.buffer).setUint32(8, SNAPSHOT_VERSION + 1, true);
      refuse(b, newer, /newer/);
      expect(fingerprint(b, "")).toEqual(before);
      const small = makeBoard(64);
      const smallBefore = fingerprint(small, "");
      refuse(small, snap, /128 MiB of RAM, this machine 64 MiB/);
      expect(fingerprint(small, "")).toEqual(smallBefore);
      expect(snapshotInfo(snap).board).toBe("riscv64-virt");
    },
  );
});
