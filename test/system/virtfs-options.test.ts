// -virtfs / -fsdev / -device virtio-9p-device: tciemu-system-riscv64 refuses bad option strings with
// the messages qemu-system-riscv64 prints for them (checked against the installed QEMU at test
// time), accepts the good ones, and its -virtfs share reaches the board.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { OptionError, VirtfsArgs, parseQemuOpts } from "../../src/cli/virtfs-options.ts";
import { repoRoot } from "../../tools/debian/paths.ts";

const QEMU = "qemu-system-riscv64";
const dir = mkdtempSync(join(tmpdir(), "tciemu-virtfs-opts-"));
writeFileSync(join(dir, "file"), "x");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Our error text for a command line's 9p options, as the CLI prints it. */
function ours(args: string[]): string {
  const v = new VirtfsArgs();
  try {
    for (let i = 0; i < args.length; i += 2) {
      if (args[i] === "-virtfs") v.addVirtfs(args[i + 1]);
      else if (args[i] === "-fsdev") v.addFsdev(args[i + 1]);
      else v.addDevice(args[i + 1]);
    }
    v.resolve();
  } catch (e) {
    if (e instanceof OptionError) return `tciemu-system-riscv64: ${e.message}`;
    throw e;
  }
  return "";
}

/** qemu-system-riscv64's first error (and hint) for the same options. */
function qemus(args: string[]): string {
  const r = spawnSync(QEMU, ["-M", "virt", "-nographic", "-bios", "none", "-S", "-monitor", "none", "-serial", "none", ...args], {
    encoding: "utf8",
    timeout: 20_000,
  });
  if (r.error) throw new Error(`${QEMU} is needed (apt-get install qemu-system-misc): ${r.error.message}`);
  return r.stderr
    .split("\n")
    .filter((l) => l !== "" && !/terminating on signal|warning:|Please use/.test(l))
    .join("\n")
    .replace(/^qemu-system-riscv64:/gm, "tciemu-system-riscv64:");
}

const D = dir;
const BAD: string[][] = [
  ["-virtfs", `local,path=${D},mount_tag=t`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=bogus`],
  ["-virtfs", "local,mount_tag=t,security_model=none"],
  ["-virtfs", `local,path=${D},security_model=none`],
  ["-virtfs", `path=${D},mount_tag=t,security_model=none`],
  ["-virtfs", `local,foo=1,path=${D},mount_tag=t,security_model=none`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=none,readonly=maybe`],
  ["-virtfs", `bogus,path=${D},mount_tag=t,security_model=none`],
  ["-virtfs", `local,path=${D}/nonexistent,mount_tag=t,security_model=none`],
  ["-virtfs", `local,path=${D}/file,mount_tag=t,security_model=none`],
  ["-virtfs", `local,path=${D},mount_tag=${"x".repeat(40)},security_model=none`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=none,id=1x`],
  ["-virtfs", `local,path=${D},mount_tag=1x,security_model=none`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=none`, "-virtfs", `local,path=${D},mount_tag=t,security_model=none`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=none,readonly=on,,x`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=none,multidevs=all`],
  ["-virtfs", `local,path=${D},mount_tag=t,security_model=none,socket=/x`],
  ["-fsdev", `local,path=${D},security_model=none`],
  ["-fsdev", `id=f1,path=${D},security_model=none`],
  ["-fsdev", `local,id=f1,path=${D},security_model=none,mount_tag=x`],
  ["-fsdev", `local,id=f1,path=${D},security_model=none,fmode=0644`, "-device", "virtio-9p-device,fsdev=f1,mount_tag=t"],
  ["-fsdev", `local,id=f1,path=${D},security_model=none`, "-fsdev", `local,id=f1,path=${D},security_model=none`],
  ["-fsdev", `local,id=f1,path=${D},security_model=none`, "-device", "virtio-9p-device,fsdev=f2,mount_tag=t"],
  ["-fsdev", `local,id=f1,path=${D},security_model=none`, "-device", "virtio-9p-device,fsdev=f1"],
  ["-fsdev", `local,id=f1,path=${D},security_model=none`, "-device", "virtio-9p-device,fsdev=f1,mount_tag=t,bogus=1"],
  ["-fsdev", `local,id=f1,path=${D},security_model=none`, "-device", "virtio-9p-devic,fsdev=f1,mount_tag=t"],
  ["-device", "virtio-9p-device,mount_tag=t"],
];

describe("bad 9p options fail as on qemu-system-riscv64", () => {
  for (const args of BAD)
    test(args.join(" "), () => {
      const q = qemus(args);
      expect(q, "QEMU must refuse this too").not.toBe("");
      const o = ours(args);
      // tciemu names the devices it knows when the model name is wrong
      if (/is not a valid device model name/.test(q)) expect(o).toBe(q + " (tciemu's -device knows virtio-9p-device)");
      else expect(o).toBe(q);
    });

  test("security models tciemu does not implement are refused with a reason", () => {
    expect(ours(["-virtfs", `local,path=${D},mount_tag=t,security_model=mapped-xattr`])).toBe(
      `tciemu-system-riscv64: -virtfs local,path=${D},mount_tag=t,security_model=mapped-xattr: security_model=mapped-xattr is not supported by tciemu (use none or passthrough)`,
    );
  });
});

describe("good 9p options", () => {
  test("-virtfs, -fsdev + -device, readonly, escaped commas, the deprecated short boolean", () => {
    const comma = join(dir, "a,b");
    execFileSync("mkdir", ["-p", comma]);
    const v = new VirtfsArgs();
    v.addVirtfs(`local,path=${D},mount_tag=hostshare,security_model=none`);
    v.addFsdev(`local,id=ro1,path=${comma.replace(/,/g, ",,")},security_model=passthrough,readonly=on`);
    v.addDevice("virtio-9p-device,fsdev=ro1,mount_tag=second");
    v.addVirtfs(`local,path=${D},mount_tag=third,security_model=none,readonly`);
    const shares = v.resolve();
    expect(shares.map((s) => [s.tag, s.readOnly === true])).toEqual([
      ["hostshare", false],
      ["second", true],
      ["third", true],
    ]);
    expect(v.warnings.join("\n")).toMatch(/short-form boolean option 'readonly' deprecated\nPlease use readonly=on instead/);
    expect(parseQemuOpts("local,path=a,,b,,,mount_tag=x", "fsdriver", new Set(["fsdriver", "path", "mount_tag"])).values).toEqual(
      new Map([
        ["fsdriver", "local"],
        ["path", "a,b,"],
        ["mount_tag", "x"],
      ]),
    );
  });

  test("the real command line: -machine dumpdtb with a share, and an error exit", { timeout: 120_000 }, () => {
    const bin = join(repoRoot(), "tools/bin/tciemu-system-riscv64");
    const dtb = join(dir, "virt.dtb");
    const bios = join(dir, "bios.bin"); // any firmware: the board is only built, never run
    writeFileSync(bios, new Uint8Array(4));
    execFileSync(bin, ["-M", `virt,dumpdtb=${dtb}`, "-bios", bios, "-virtfs", `local,path=${D},mount_tag=hostshare,security_model=none`]);
    const dts = execFileSync("dtc", ["-I", "dtb", "-O", "dts", dtb], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(dts).toContain("virtio_mmio@10001000");
    const r = spawnSync(bin, ["-bios", bios, "-virtfs", `local,path=${D}/nonexistent,mount_tag=t,security_model=none`], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `tciemu-system-riscv64: -virtfs local,path=${D}/nonexistent,mount_tag=t,security_model=none: cannot initialize fsdev 't': failed to open '${D}/nonexistent': No such file or directory`,
    );
  });
});
