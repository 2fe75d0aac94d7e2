// Snapshots of the ARM virt board (issue 15.1–2 for ARM): the CPU (banked registers of every mode,
// cp15, VFP), the generic timer, the GIC, the PL011, the PL031 and the virtio transports go into the
// same container format as the RISC-V board's.
//   - Exact resume: with -icount, running K instructions after a load gives the registers, RAM and
//     console output that running them without the snapshot gave, at several points of
//     testdata/arm/virt-baremetal/sys-check.elf (modes, exceptions, MMU, the timer's interrupt out
//     of WFI) and at Debian's armmp shell prompt.
//   - A booted Debian shell is saved, resumed on a new board (RAM from the snapshot) and answers a
//     command there; the disk is in the snapshot.
//   - Refused, with the running machine untouched: another board's snapshot, another RAM size,
//     other virtio devices, truncation, a flipped bit, a newer format version, an impossible CPSR.
// Needs `bash tools/debian/fetch.sh system-arm` for the Debian part.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ArmVirtBoard, type ArmVirtOptions } from "../../src/hw/arm-virt.ts";
import { loadArmVirtSnapshot, saveArmVirtSnapshot } from "../../src/hw/arm-virt-snapshot.ts";
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_VERSION } from "../../src/hw/snapshot-format.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { saveVirtSnapshot, snapshotInfo } from "../../src/hw/virt-snapshot.ts";
import { memoryDisk } from "../../src/hw/virtio-blk.ts";
import { SnapshotError, StateReader } from "../../src/hw/vmstate.ts";
import { ArmSystemCpu } from "../../src/target/arm/system-cpu.ts";
import { repoRoot, systemArmBusybox, systemArmKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { buildRomfs } from "../../tools/system/romfs.ts";

const SYS_CHECK = join(repoRoot(), "testdata/arm/virt-baremetal/sys-check.elf");
const te = new TextEncoder();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

interface Console {
  text: string;
}

function board(opts: Partial<ArmVirtOptions>, con: Console): ArmVirtBoard {
  return new ArmVirtBoard({
    ramBytes: 64 << 20,
    kernel: new Uint8Array(readFileSync(SYS_CHECK)),
    serialOut: (b) => (con.text += new TextDecoder().decode(b)),
    icountShift: 3,
    epochNs: () => 1.7e18,
    cpu: (host) => new ArmSystemCpu(host),
    ...opts,
  });
}

/** Everything a resumed machine must reproduce: instructions, CPU state (all modes), RAM, console. */
function state(b: ArmVirtBoard, con: Console) {
  const cpu = b.cpu.saveState!();
  return {
    insns: b.machine.insns,
    now: b.machine.nowNs(),
    cpu: JSON.stringify({
      ...cpu,
      regs: Array.from(cpu.regs),
      banked: [cpu.bankedR13, cpu.bankedR14, cpu.bankedSpsr].map((a) => Array.from(a)),
    }),
    ram: sha(b.machine.ram8),
    console: con.text,
  };
}

/** Runs exactly n instructions (or until the machine stops). */
function runFor(b: ArmVirtBoard, n: number): void {
  const end = b.machine.insns + n;
  while (b.machine.insns < end && !b.machine.exitRequest) {
    const r = b.machine.run(end - b.machine.insns);
    if (r === "wfi") throw new Error("the CPU sleeps with nothing to wake it");
  }
}

function refused(f: () => unknown, msg: RegExp): void {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected a SnapshotError matching ${msg}`).toBeInstanceOf(SnapshotError);
  expect((err as Error).message).toMatch(msg);
}

describe("ARM virt board snapshots", () => {
  test("bare metal: resuming at several points runs on exactly as the original", { timeout: 120_000 }, () => {
    // the whole program without snapshots (about 25,000 instructions: the timer's interrupt out of WFI near the end)
    const whole: Console = { text: "" };
    const w = board({}, whole);
    runFor(w, 10_000_000);
    expect(w.machine.exitRequest?.kind).toBe("poweroff");
    const total = w.machine.insns;
    const con: Console = { text: "" };
    const a = board({}, con);
    const k = 1_500;
    for (const p of [1, 6_000, 14_000, 21_000, 23_000]) {
      expect(p + k).toBeLessThan(total);
      runFor(a, p - a.machine.insns);
      const snap = saveArmVirtSnapshot(a, `p${p}`, 0);
      const con2: Console = { text: "" };
      const b = board({}, con2);
      runFor(b, 12_345); // a machine that ran elsewhere first: the load replaces all of it
      loadArmVirtSnapshot(b, snap);
      con2.text = con.text; // the console so far, as the terminal shows it
      expect(state(b, con2)).toEqual(state(a, con));
      runFor(a, k);
      runFor(b, k);
      expect(state(b, con2)).toEqual(state(a, con));
      // and it finishes as the program does without snapshots
      runFor(b, 10_000_000);
      expect(b.machine.exitRequest?.kind).toBe("poweroff");
      expect(b.machine.insns).toBe(total);
      expect(con2.text).toBe(whole.text);
    }
  });

  test("a bad snapshot is refused by name and the running machine is left untouched", { timeout: 120_000 }, () => {
    const con: Console = { text: "" };
    const a = board({}, con);
    runFor(a, 20_000);
    const snap = saveArmVirtSnapshot(a, "good", 0);
    const victimCon: Console = { text: "" };
    const victim = board({}, victimCon);
    runFor(victim, 9_000);
    const before = state(victim, victimCon);
    refused(() => loadArmVirtSnapshot(victim, snap.subarray(0, snap.length - 100)), /truncated/);
    const flipped = snap.slice();
    flipped[Math.floor(snap.length / 2)] ^= 4;
    refused(() => loadArmVirtSnapshot(victim, flipped), /checksum|corrupted/);
    const newer = snap.slice();
    new DataView(newer.buffer).setUint32(8, SNAPSHOT_VERSION + 1, true);
    refused(() => loadArmVirtSnapshot(victim, newer), /newer than this tciemu supports/);
    refused(() => loadArmVirtSnapshot(board({ ramBytes: 128 << 20 }, { text: "" }), snap), /64 MiB of RAM, this machine 128 MiB/);
    refused(() => loadArmVirtSnapshot(board({ disks: [memoryDisk(new Uint8Array(4096))] }, { text: "" }), snap), /disks/);
    refused(() => loadArmVirtSnapshot(board({ rng: false }, { text: "" }), snap), /virtio devices/);
    // a RISC-V board's snapshot
    const riscv = new VirtBoard({ ramBytes: 64 << 20, bios: Uint8Array.of(0x6f, 0, 0, 0), serialOut: () => {}, icountShift: 0 });
    refused(() => loadArmVirtSnapshot(victim, saveVirtSnapshot(riscv, "rv", 0)), /'riscv64-virt' machine, this is 'arm-virt'/);
    // a CPSR in Hyp mode (a mode this CPU does not have), with valid checksums
    const sections = decodeSnapshot(snap);
    const cpu = sections.get("cpu")!.slice();
    const n = new StateReader(cpu, "cpu").u32();
    const cpsrAt = 4 + 4 * (35 - 0); // UNCACHED_CPSR is slot 35 of the saved guest state
    expect(n).toBeGreaterThan(35);
    new DataView(cpu.buffer).setUint32(cpsrAt, 0x1a, true);
    const hyp = encodeSnapshot([...sections].map(([name, data]) => ({ name, data: name === "cpu" ? cpu : data })));
    refused(() => loadArmVirtSnapshot(victim, hyp), /CPSR mode 0x1a/);
    expect(state(victim, victimCon)).toEqual(before);
    expect(snapshotInfo(snap).board).toBe("arm-virt");
  });

  test("a booted Debian armmp shell is saved, resumed on a new board and answers a command", { timeout: 1_800_000 }, () => {
    const kernel = systemArmKernel();
    const busybox = systemArmBusybox();
    const modulesDir = defaultModulesDir("arm");
    expect(kernel && busybox && modulesDir, "run 'bash tools/debian/fetch.sh system-arm'").toBeTruthy();
    const initrd = buildInitramfs({ busybox: busybox!, modules: ["virtio_mmio", "virtio_blk", "romfs"], modulesDir }).gz;
    const disk = buildRomfs([{ name: "note.txt", data: te.encode("saved with the machine\n") }]);
    const make = (con: Console) =>
      board(
        {
          ramBytes: 256 << 20,
          kernel: new Uint8Array(readFileSync(kernel!)),
          initrd,
          append: "console=ttyAMA0 tciemu.test=1",
          disks: [memoryDisk(disk.slice())],
          unpackZImage: true,
        },
        con,
      );
    const con: Console = { text: "" };
    const a = make(con);
    const waitFor = (b: ArmVirtBoard, c: Console, pattern: string, from: number): number => {
      const end = b.machine.insns + 4e9;
      for (;;) {
        const i = c.text.indexOf(pattern, from);
        if (i >= 0) return i + pattern.length;
        if (b.machine.insns > end) throw new Error(`no ${JSON.stringify(pattern)}; console tail:\n${c.text.slice(-2000)}`);
        const r = b.machine.run(4_000_000);
        if (r !== "budget") throw new Error(`machine ${r} while waiting for ${JSON.stringify(pattern)}:\n${c.text.slice(-2000)}`);
      }
    };
    const prompt = waitFor(a, con, TEST_PROMPT, 0);
    // mount the disk before saving, so the snapshot holds a guest with an open virtio-blk device
    a.input(te.encode("mkdir -p /mnt && mount -t romfs -o ro /dev/vda /mnt && echo mounted\n"));
    const mounted = waitFor(a, con, TEST_PROMPT, waitFor(a, con, "mounted", prompt));
    const snap = saveArmVirtSnapshot(a, "shell", Date.now());
    console.log(
      `snapshot of the booted 256 MiB armmp shell: ${(snap.length / 1e6).toFixed(1)} MB at ${(a.machine.insns / 1e6).toFixed(0)} M instructions`,
    );
    expect(snap.length).toBeLessThan(64e6);

    // exact resume at the prompt: the same K instructions, the same state
    const c1: Console = { text: con.text };
    const b = make(c1);
    loadArmVirtSnapshot(b, snap);
    const k = 3_000_000;
    runFor(a, k);
    runFor(b, k);
    expect(state(b, c1)).toEqual(state(a, con));

    // a new board resumes the shell and runs commands (the disk's contents come from the snapshot)
    const c2: Console = { text: "" };
    const r = make(c2);
    loadArmVirtSnapshot(r, snap);
    r.input(te.encode("cat /mnt/note.txt; echo $((6*7)); uname -m\n"));
    const rcAt = waitFor(r, c2, TEST_RC_PREFIX, 0);
    const out = c2.text.slice(0, rcAt);
    expect(out).toContain("saved with the machine");
    expect(out).toContain("42");
    expect(out).toContain("armv7l");
    expect(mounted).toBeGreaterThan(0);
  });
});
