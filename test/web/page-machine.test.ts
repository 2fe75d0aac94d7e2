// The page's machine pieces that need no browser (test/web/snapshot-share.test.ts runs them in
// Chromium with Debian's kernel): a snapshot resumes on a board made without firmware, kernel or
// initrd (the page's resume path) and runs on exactly as the original; a snapshot of a machine with
// other virtio devices is refused by name; the shared folder (PageShare) takes files with UTF-8
// names, lists them, gives them back singly and as a tar, notices the guest's changes through the
// 9P server, and blocks snapshots while the guest holds fids.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { readTar } from "../../src/hw/9p/tar.ts";
import { VirtBoard, type VirtOptions } from "../../src/hw/virt.ts";
import { loadVirtSnapshot, saveVirtSnapshot, snapshotBlocker } from "../../src/hw/virt-snapshot.ts";
import { Virtio9p } from "../../src/hw/virtio-9p.ts";
import { SnapshotError } from "../../src/hw/vmstate.ts";
import { PageShare } from "../../src/web/page-share.ts";
import { DOTL_RDWR } from "../../src/hw/9p/protocol.ts";
import { P9Client } from "../hw/9p-client.ts";

// A firmware that counts in a0 forever (addi a0,a0,1; j .-4): a deterministic guest that needs no files.
const COUNTER = new Uint8Array(new Uint32Array([0x00150513, 0xffdff06f]).buffer);
const RAM = 32 << 20;

function board(opts: Partial<VirtOptions>, share?: PageShare): VirtBoard {
  return new VirtBoard({
    ramBytes: RAM,
    serialOut: () => {},
    icountShift: 0,
    epochNs: () => 1.7e18,
    ...opts,
    shares: share ? [share.device()] : [],
  });
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const state = (b: VirtBoard) => ({ insns: b.machine.insns, ram: sha(b.machine.ram8), regs: Array.from(b.machine.cpu.R.subarray(0, 80)) });
const te = new TextEncoder();

describe("the page's machine", () => {
  test("a board for a snapshot takes no images", () => {
    expect(() => board({ forSnapshot: true, bios: COUNTER })).toThrow(/takes no images/);
    expect(() => board({})).toThrow(/no firmware/);
  });

  test("a snapshot resumes on a board made without images, and runs on as the original", () => {
    const share = new PageShare();
    const a = board({ bios: COUNTER, append: "console=ttyS0" }, share);
    a.machine.run(100_000);
    const snap = saveVirtSnapshot(a, "t", 0);
    // the page's way (forSnapshot: nothing written, only non-zero pages loaded) and with empty images
    for (const b of [board({ forSnapshot: true }, share), board({ bios: new Uint8Array(0) }, share)]) {
      expect(b.machine.ramBlank).toBe(b.opts.forSnapshot === true);
      loadVirtSnapshot(b, snap);
      expect(b.machine.ramBlank).toBe(false);
      expect(state(b)).toEqual(state(a));
    }
    const b = board({ forSnapshot: true }, share);
    loadVirtSnapshot(b, snap);
    a.machine.run(54_321);
    b.machine.run(54_321);
    expect(state(b)).toEqual(state(a));
  });

  test("a snapshot of a machine with other virtio devices is refused by name, the machine untouched", () => {
    const withShare = board({ bios: COUNTER }, new PageShare());
    withShare.machine.run(1000);
    const without = board({ bios: COUNTER });
    without.machine.run(2000);
    const before = state(without);
    let err: unknown = null;
    try {
      loadVirtSnapshot(without, saveVirtSnapshot(withShare, "t", 0));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as Error).message).toMatch(/snapshot has virtio devices (empty, ){6}rng, 9p, this machine (empty, ){7}rng$/);
    expect(state(without)).toEqual(before);
  });
});

describe("the page's shared folder", () => {
  test("files in (UTF-8 names, folders), list, one file and the whole tree out", () => {
    const share = new PageShare();
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const r = share.import([
      { path: "notes.txt", data: te.encode("hello\n"), mtimeMs: 1_700_000_000_000 },
      { path: "dir/sub/ünïcödé €.bin", data: big },
    ]);
    expect(r).toEqual({ files: 2, bytes: 6 + big.length });
    const { items, usedBytes } = share.list();
    expect(items.map((i) => [i.name, i.type])).toEqual([
      ["dir", "dir"],
      ["dir/sub", "dir"],
      ["dir/sub/ünïcödé €.bin", "file"],
      ["notes.txt", "file"],
    ]);
    expect(usedBytes).toBeGreaterThanOrEqual(big.length);
    const item = items.find((i) => i.name.endsWith(".bin"))!;
    expect(item.path).not.toBe(item.name); // the byte string (UTF-8) differs from the text
    expect(sha(share.read(item.path))).toBe(sha(big));
    expect(items.find((i) => i.name === "notes.txt")!.mtimeSec).toBe(1_700_000_000);
    const tar = readTar(share.tar());
    expect(tar.map((e) => [e.path, e.type])).toEqual(items.map((i) => [i.path, i.type]));
    expect(sha(tar.find((e) => e.path === item.path)!.data!)).toBe(sha(big));
    expect(() => share.read("nothing")).toThrow(/reading nothing from the share: no such file/);
    expect(() => share.import([{ path: "../escape", data: te.encode("x") }])).toThrow(/unsafe path/);
  });

  test("the guest's writes through 9P change the generation; its fids block snapshots", () => {
    const share = new PageShare();
    const b = board({ bios: COUNTER }, share);
    // the first device is on the top slot (the board plugs them as QEMU does)
    const dev = b.virtio[b.virtio.length - 1].backend;
    expect(dev).toBeInstanceOf(Virtio9p);
    const c = new P9Client((dev as Virtio9p).server);
    c.version();
    const g0 = share.generation;
    c.attach(1);
    expect(snapshotBlocker(b)).toMatch(/the shared directory 'host' is mounted/);
    expect(() => saveVirtSnapshot(b, "t", 0)).toThrow(/cannot save a snapshot: the shared directory 'host' is mounted/);
    c.walk(1, 2, []);
    c.lcreate(2, "from-guest", DOTL_RDWR, 0o644);
    c.write(2, 0, te.encode("guest data"));
    expect(share.generation).toBeGreaterThan(g0);
    expect(new TextDecoder().decode(share.read("from-guest"))).toBe("guest data");
    c.clunk(2);
    c.clunk(1);
    expect(snapshotBlocker(b)).toBeNull();
    expect(saveVirtSnapshot(b, "t", 0).length).toBeGreaterThan(0);
  });
});
