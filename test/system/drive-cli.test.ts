// tciemu-system-riscv64's -drive as qemu-system-riscv64's: the guest's writes reach the image file
// (raw images are written through), readonly=on refuses them, snapshot=on keeps them in memory
// and leaves the file as it was. Both emulators boot Debian's kernel with the test initramfs and
// the same three drives (copies of the same images), the guest (test mode) lists its disks,
// writes a sector to each, syncs, reads it back and powers off; what the guest saw and the image
// files afterwards must be the same.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { repoRoot, systemBusybox, systemKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { testModeArgs } from "./test-mode-args.ts";

const tmp = mkdtempSync(join(tmpdir(), "tciemu-drive-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DISKS = [
  { name: "a", opts: "" },
  { name: "b", opts: ",readonly=on" },
  { name: "c", opts: ",snapshot=on" },
];

/** The guest's session: commands and what they printed (one string). */
const COMMANDS = [
  'for d in /dev/vd?; do echo "$d $(head -c 6 $d)"; done',
  "cat /sys/block/vd?/ro",
  ...["a", "b", "c"].flatMap((n) => {
    const dev = `$(for d in /dev/vd?; do [ "$(head -c 6 $d)" = DISK-${n.toUpperCase()} ] && echo $d; done)`;
    return [
      `printf 'written to ${n} by the guest\\n' | dd of=${dev} bs=512 seek=3 conv=notrunc 2>/dev/null; echo write=$?`,
      "sync; echo synced",
      // past the guest's page cache: what the device gives now
      `echo 3 > /proc/sys/vm/drop_caches; dd if=${dev} bs=512 skip=3 count=1 2>/dev/null | head -n 1`,
    ];
  }),
];

async function boot(argv: string[], images: string[]): Promise<{ transcript: string[]; status: number | null; files: Uint8Array[] }> {
  const p = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  p.stdout!.on("data", (d: Buffer) => (out += d.toString("latin1")));
  p.stderr!.on("data", (d: Buffer) => (out += d.toString("latin1")));
  const exited = new Promise<number | null>((r) => p.on("exit", (c) => r(c)));
  let pos = 0;
  const waitFor = (text: string, ms = 300_000) =>
    new Promise<number>((resolve, reject) => {
      const deadline = Date.now() + ms;
      const poll = () => {
        const at = out.indexOf(text, pos);
        if (at >= 0) {
          pos = at + text.length;
          resolve(pos);
        } else if (Date.now() > deadline || p.exitCode !== null)
          reject(new Error(`no ${JSON.stringify(text)} from ${argv[0]}; output:\n${out.slice(-3000)}`));
        else setTimeout(poll, 20);
      };
      poll();
    });
  const transcript: string[] = [];
  try {
    await waitFor(TEST_PROMPT);
    for (const cmd of COMMANDS) {
      p.stdin!.write(cmd + "\n");
      const start = pos;
      const end = await waitFor(TEST_RC_PREFIX);
      await waitFor(TEST_PROMPT);
      // without the kernel's own lines on the console (their timestamps differ)
      const text = out
        .slice(start, end - TEST_RC_PREFIX.length)
        .replace(/\r/g, "")
        .replace(/^\[ *\d+\.\d+\] .*\n/gm, "");
      transcript.push(text + "rc=" + out.slice(end, out.indexOf("\n", end)).trim());
    }
    p.stdin!.write("poweroff -f\n");
    const status = await exited;
    return { transcript, status, files: images.map((f) => new Uint8Array(readFileSync(f))) };
  } finally {
    if (p.exitCode === null) p.kill("SIGKILL");
  }
}

test(
  "-drive: writes reach the file, readonly=on refuses them, snapshot=on drops them, as qemu-system-riscv64",
  { timeout: 900_000 },
  async () => {
    const kernel = systemKernel();
    const busybox = systemBusybox();
    const modulesDir = defaultModulesDir();
    expect(kernel && busybox && modulesDir, "run 'bash tools/debian/fetch.sh system'").toBeTruthy();
    const initrd = join(tmp, "initrd.gz");
    writeFileSync(initrd, buildInitramfs({ busybox: busybox!, modules: ["virtio_mmio", "virtio_blk"], modulesDir }).gz);
    const originals = DISKS.map((d) => {
      const img = new Uint8Array(1 << 20);
      img.set(new TextEncoder().encode(`DISK-${d.name.toUpperCase()}\n`));
      const f = join(tmp, `${d.name}.img`);
      writeFileSync(f, img);
      return f;
    });
    const runWith = (emu: string, cmd: string[]) => {
      const images = originals.map((f, i) => {
        const copy = join(tmp, `${emu}-${DISKS[i].name}.img`);
        copyFileSync(f, copy);
        return copy;
      });
      const drives = images.flatMap((f, i) => ["-drive", `file=${f},format=raw,if=virtio${DISKS[i].opts}`]);
      const common = testModeArgs(kernel!, initrd);
      return boot([...cmd, ...common, ...drives], images);
    };
    const q = await runWith("qemu", ["qemu-system-riscv64", "-smp", "1", "-monitor", "none"]);
    const t = await runWith("tciemu", [join(repoRoot(), "tools/bin/tciemu-system-riscv64")]);
    const original = originals.map((f) => new Uint8Array(readFileSync(f)));
    // the reference did what the case is about: a's file changed, b's and c's did not
    expect([0, 1, 2].map((i) => Buffer.compare(q.files[i], original[i]) === 0)).toEqual([false, true, true]);
    expect(q.status).toBe(0);
    expect(t.transcript).toEqual(q.transcript);
    expect(t.status).toBe(q.status);
    for (let i = 0; i < DISKS.length; i++) expect(Buffer.compare(t.files[i], q.files[i]), `${DISKS[i].name}.img`).toBe(0);
  },
);
