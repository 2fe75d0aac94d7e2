// Drives Debian's kernel + our initramfs (test mode, tciemu.test=1) on bookworm's qemu-system-riscv64
// over a pipe: the reference the network tests and the network bench compare tciemu with.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { opensbiFirmware, systemKernel } from "../debian/paths.ts";
import { ConsoleShell, type GuestShell } from "./guest-shell.ts";

export const QEMU_SYSTEM_RISCV64 = "qemu-system-riscv64";

export interface QemuGuestOptions {
  initrd: Uint8Array;
  memMiB?: number;
  /** -netdev user options after "user,id=n0" (e.g. "hostfwd=tcp:127.0.0.1:5555-:80"); null = no NIC. */
  netdev?: string | null;
  append?: string;
}

/** Starts QEMU and waits for the first test prompt. */
export async function startQemuGuest(o: QemuGuestOptions): Promise<GuestShell> {
  const kernel = systemKernel();
  const bios = opensbiFirmware("fw_dynamic", "bin");
  if (!kernel || !bios) throw new Error("Debian's kernel and OpenSBI are missing: run 'bash tools/debian/fetch.sh system'");
  const tmp = mkdtempSync(join(tmpdir(), "tciemu-qemu-guest-"));
  const initrd = join(tmp, "initrd.gz");
  writeFileSync(initrd, o.initrd);
  const args = ["-M", "virt", "-m", `${o.memMiB ?? 256}M`, "-smp", "1", "-display", "none", "-monitor", "none", "-serial", "stdio"];
  args.push("-bios", bios, "-kernel", kernel, "-initrd", initrd, "-append", o.append ?? "console=ttyS0 tciemu.test=1");
  if (o.netdev !== null && o.netdev !== undefined)
    args.push("-netdev", `user,id=n0${o.netdev ? "," + o.netdev : ""}`, "-device", "virtio-net-device,netdev=n0");
  const p: ChildProcess = spawn(QEMU_SYSTEM_RISCV64, args, { stdio: ["pipe", "pipe", "pipe"] });
  const spawned = new Promise<void>((resolve, reject) => {
    p.on("spawn", () => resolve());
    p.on("error", (e) => reject(new Error(`${QEMU_SYSTEM_RISCV64}: ${e.message} (apt-get install qemu-system-misc)`)));
  });
  await spawned;
  const shell = new ConsoleShell({
    write: (b) => void p.stdin!.write(b),
    close: async () => {
      p.kill("SIGKILL");
      rmSync(tmp, { recursive: true, force: true });
    },
    exited: () => p.exitCode !== null || p.signalCode !== null,
  });
  p.stdout!.on("data", (d: Buffer) => shell.feed(d));
  p.stderr!.on("data", (d: Buffer) => shell.feed(d));
  p.on("exit", () => shell.recheck());
  await shell.ready();
  return shell;
}
