// -drive / -device virtio-blk-device parsing and opening (src/cli/drive-options.ts): the error
// messages of tciemu-system-riscv64 are compared with qemu-system-riscv64's on the same options
// (installed by .ci/run: qemu-system-misc), "" where both accept them. Both exit once the machine
// is built (dumpdtb).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DriveArgs } from "../../src/cli/drive-options.ts";
import { repoRoot } from "../../tools/debian/paths.ts";

const QEMU = "qemu-system-riscv64";
const dir = mkdtempSync(join(tmpdir(), "tciemu-driveopts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const A = join(dir, "a.img");
const B = join(dir, "b.img");
const RO = join(dir, "ro.img");
writeFileSync(A, new Uint8Array(1 << 16));
writeFileSync(B, new Uint8Array(1 << 16));
writeFileSync(RO, new Uint8Array(1 << 16));
chmodSync(RO, 0o444);

/**
 * The first error line of `emulator` run on these options as root without capabilities (so that
 * a file nobody may write is one for it too), or "".
 */
function firstError(emulator: string, args: string[]): string {
  const name = basename(emulator);
  const r = spawnSync(
    "setpriv",
    [
      "--bounding-set=-all",
      "--inh-caps=-all",
      emulator,
      ...["-M", "virt", "-bios", "none", "-display", "none", "-S", "-nodefaults", "-machine", `dumpdtb=${join(dir, "virt.dtb")}`, ...args],
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (r.error) throw new Error(`${emulator}: ${r.error.message}`);
  const lines = r.stderr.split("\n").filter((l) => l.startsWith(`${name}: `) && !/^[^:]*: (warning|info):/.test(l));
  return lines.length === 0 ? "" : lines[0].slice(name.length + 2);
}

const CASES: string[][] = [
  ["-drive", `file=${A},format=raw,if=virtio`],
  ["-drive", `file=${A},format=raw,if=virtio,readonly=on,snapshot=on,cache=unsafe`],
  ["-drive", `file=${A},format=raw,if=none,id=d0`, "-device", "virtio-blk-device,drive=d0"],
  ["-drive", `file=${A},format=raw,id=d0`, "-device", "virtio-blk-device,drive=d0"],
  ["-drive", `file=${A},format=raw,foo=bar`],
  ["-drive", `file=${A},format=raw,readonly=maybe`],
  ["-drive", `file=${A},format=raw,snapshot=maybe`],
  ["-drive", "format=raw"],
  ["-drive", `file=${join(dir, "missing.img")},format=raw,if=virtio`],
  ["-drive", `file=${RO},format=raw,if=virtio`],
  ["-drive", `file=${RO},format=raw,if=virtio,readonly=on`],
  ["-drive", `file=${A},format=raw,id=a`, "-drive", `file=${B},format=raw,id=a`],
  ["-device", "virtio-blk-device,drive=nope"],
  ["-device", "virtio-blk-device"],
  ["-drive", `file=${A},format=raw,if=none,id=a`, "-device", "virtio-blk-device,drive=a,foo=1"],
  ["-drive", `file=${A},format=raw,if=virtio,id=a`, "-device", "virtio-blk-device,drive=a"],
  ["-drive", `file=${A},format=raw,if=none,id=a`, "-device", "virtio-blk-device,drive=a", "-device", "virtio-blk-device,drive=a"],
];

describe("-drive and -device virtio-blk-device options", () => {
  test("error messages are qemu-system-riscv64's", { timeout: 300_000 }, () => {
    const cli = join(repoRoot(), "tools/bin/tciemu-system-riscv64");
    for (const args of CASES) expect({ args, error: firstError(cli, args) }).toEqual({ args, error: firstError(QEMU, args) });
  });
  test("the disks' order is the command line's", () => {
    const d = new DriveArgs();
    d.addDrive(`file=${A},if=none,id=x`);
    d.addDrive(`file=${B},if=virtio`);
    d.addDevice("virtio-blk-device,drive=x");
    expect(d.resolve().map((x) => x.file)).toEqual([B, A]);
  });
});
