// The ARM virt board against QEMU itself (trixie's qemu-system-arm 10.0: tools/debian/fetch.sh
// qemu-system-arm; what differs in bookworm's 7.2 is listed in src/hw/README.md):
//  - the device tree: QEMU's `-M virt,dumpdtb=` for the same -m, node by node and property by
//    property, except what tciemu deliberately leaves out (devices it does not emulate) and what
//    QEMU 10 adds over 7.2;
//  - the boot: QEMU stopped by gdb at its reset vector (the boot stub in RAM), at the zImage entry
//    (r0..r2 from the stub: initrd and DTB placement) and at the decompressed kernel's entry,
//    where the zImage's own decompressor leaves the CPU — the state tciemu's unpacked-zImage fast
//    path must reproduce, with the same Image in memory.
// Needs qemu-system-arm (apt-get install qemu-system-arm), gdb-multiarch (apt-get install
// gdb-multiarch) and Debian's armmp kernel (bash tools/debian/fetch.sh system-arm).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { planArmBoot } from "../../src/hw/arm-boot.ts";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import type { ArmCpu } from "../../src/hw/arm-virt-machine.ts";
import { IrqLatch } from "../../src/hw/device.ts";
import { readFdt, type FdtNode } from "../../src/hw/fdt.ts";
import { requireQemuSystemArm, systemArmDir } from "../../tools/debian/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "tciemu-armvirt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const MIB = 1 << 20;

function need(cmd: string, pkg: string): void {
  try {
    execFileSync(cmd, ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error(`${cmd} not found: apt-get install ${pkg}`);
  }
}

function armmpKernel(): string {
  const boot = join(systemArmDir(), "boot");
  let names: string[] = [];
  try {
    names = readdirSync(boot).filter((n) => /^vmlinuz-.*armmp/.test(n));
  } catch {
    // reported below
  }
  if (names.length === 0) throw new Error(`no armmp kernel in ${boot}: run bash tools/debian/fetch.sh system-arm`);
  return join(boot, names.sort().pop()!);
}

const idleCpu = (): ArmCpu => ({
  irq: new IrqLatch(),
  fiq: new IrqLatch(),
  insns: 0,
  reset() {},
  run: () => "wfi",
  requestExit() {},
});

/** Every node as path → (property → hex bytes), phandle values mapped to the target's path. */
function flatten(root: FdtNode): Map<string, Map<string, string>> {
  const byPhandle = new Map<number, string>();
  for (const [path, n] of root.walk()) {
    const ph = n.getU32("phandle");
    if (ph !== undefined) byPhandle.set(ph, path);
  }
  const refs = new Set(["interrupt-parent", "clocks", "cpu"]);
  const out = new Map<string, Map<string, string>>();
  for (const [path, n] of root.walk()) {
    const props = new Map<string, string>();
    for (const [name, value] of n.props) {
      if (name === "phandle") continue;
      if (refs.has(name)) props.set(name, (n.getCells(name) ?? []).map((p) => byPhandle.get(p) ?? `?${p}`).join(","));
      else props.set(name, Buffer.from(value).toString("hex"));
    }
    out.set(path === "" ? "/" : path, props);
  }
  return out;
}

describe("ARM virt against qemu-system-arm", () => {
  test("the device tree matches QEMU's, apart from the documented differences", () => {
    requireQemuSystemArm();
    const dumped = join(tmp, "qemu.dtb");
    execFileSync(
      requireQemuSystemArm(),
      ["-M", `virt,dumpdtb=${dumped}`, "-cpu", "cortex-a15", "-m", "256M", "-nographic", "-nic", "none"],
      {
        stdio: "ignore",
      },
    );
    const theirs = flatten(readFdt(new Uint8Array(readFileSync(dumped))).root);
    const board = new ArmVirtBoard({ ramBytes: 256 * MIB, kernel: new Uint8Array(64), serialOut: () => {}, cpu: idleCpu });
    const ours = flatten(readFdt(board.fdt).root);

    // Devices tciemu does not emulate (their nodes and descendants).
    const notEmulated = [/^\/platform-bus@/, /^\/fw-cfg@/, /^\/gpio-keys/, /^\/pl061@/, /^\/pcie@/, /^\/flash@/];
    // What QEMU 10 writes and 7.2 did not: the root's dma-coherent and /aliases (serial0).
    const qemu10Only = new Set(["/ dma-coherent", "/aliases", "/aliases serial0"]);
    // Random per boot in QEMU (dtb-randomness) and in tciemu (from its random source).
    const random = new Set(["/chosen rng-seed", "/chosen kaslr-seed"]);

    const missing: string[] = [];
    for (const [path, props] of theirs) {
      if (notEmulated.some((r) => r.test(path))) continue;
      const mine = ours.get(path);
      if (mine === undefined) {
        missing.push(path);
        continue;
      }
      for (const [name, value] of props) {
        const key = `${path} ${name}`;
        if (random.has(key)) {
          expect(mine.get(name)?.length, key).toBe(value.length);
          continue;
        }
        expect(mine.get(name), key).toBe(value);
      }
    }
    expect(missing).toEqual([]);
    const extra: string[] = [];
    for (const [path, props] of ours) {
      const t = theirs.get(path);
      if (t === undefined) {
        if (!qemu10Only.has(path)) extra.push(path);
        continue;
      }
      for (const name of props.keys()) if (!t.has(name) && !qemu10Only.has(`${path} ${name}`)) extra.push(`${path} ${name}`);
    }
    expect(extra).toEqual([]);
  }, 60_000);

  test("boot stub, initrd/DTB placement and the decompressed kernel's entry state match QEMU", async () => {
    requireQemuSystemArm();
    need("gdb-multiarch", "gdb-multiarch");
    const kernelPath = armmpKernel();
    const kernel = new Uint8Array(readFileSync(kernelPath));
    const initrd = new Uint8Array(3000).fill(0x5a);
    const initrdPath = join(tmp, "initrd.bin");
    writeFileSync(initrdPath, initrd);
    const ramBytes = 256 * MIB;
    const plan = planArmBoot({ ramBase: 0x40000000, ramBytes, kernel, initrd, unpackZImage: true });
    const normal = planArmBoot({ ramBase: 0x40000000, ramBytes, kernel, initrd, unpackZImage: false });
    const entry = plan.state.regs[15];
    const image = plan.blobs.find((b) => b.addr === entry)!.data;

    const port = 20000 + Math.floor(Math.random() * 30000);
    const samples = [0, 0x1000, image.length >> 1, image.length - 64].map((o) => o & ~3);
    const script = [
      "set architecture arm",
      "set pagination off",
      `target remote :${port}`,
      'printf "@STUB\\n"',
      "x/7xw 0x40000000",
      "p/x $cpsr",
      "hbreak *0x40010000",
      "continue",
      'printf "@ZIMAGE\\n"',
      "info registers r0 r1 r2",
      `hbreak *0x${entry.toString(16)}`,
      "continue",
      'printf "@KERNEL\\n"',
      "info registers",
      "p/x $SCTLR",
      "p/x $TTBR0",
      "p/x $TTBCR",
      "p/x $DACR",
      ...samples.map((o) => `x/16xw 0x${(entry + o).toString(16)}`),
      "kill",
      "quit",
    ];
    writeFileSync(join(tmp, "gdb.cmd"), script.join("\n") + "\n");
    const qemu = spawn(
      requireQemuSystemArm(),
      ["-M", "virt", "-cpu", "cortex-a15", "-m", "256M", "-kernel", kernelPath, "-initrd", initrdPath, "-append", "console=ttyAMA0"].concat(
        ["-nographic", "-nic", "none", "-S", "-gdb", `tcp::${port}`],
      ),
      { stdio: "ignore" },
    );
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const out = execFileSync("gdb-multiarch", ["-batch", "-x", join(tmp, "gdb.cmd")], { encoding: "utf8", timeout: 240_000 });
      const section = (name: string) => out.slice(out.indexOf(`@${name}`));
      const words = (text: string, n: number) =>
        [...text.matchAll(/^0x[0-9a-f]+(?: <[^>]*>)?:[ \t]+([0-9a-fx \t]+)$/gm)]
          .flatMap((m) =>
            m[1]
              .trim()
              .split(/[ \t]+/)
              .map((w) => parseInt(w, 16)),
          )
          .slice(0, n);
      const reg = (text: string, r: string) => parseInt(new RegExp(`^${r}\\s+(0x[0-9a-f]+)`, "m").exec(text)![1], 16);
      const value = (text: string, nth: number) => parseInt([...text.matchAll(/^\$\d+ = (0x[0-9a-f]+)/gm)][nth][1], 16);

      // QEMU's reset vector: the boot stub of the normal path.
      const stub = section("STUB");
      const stubBlob = normal.blobs.find((b) => b.what === "boot stub")!.data;
      expect(words(stub, 7)).toEqual(Array.from(new Uint32Array(stubBlob.buffer.slice(0))));
      expect(value(stub, 0) & 0x1ff).toBe(normal.state.cpsr);
      // At the zImage: r0..r2 as the stub set them (DTB right after the 4 KiB-aligned initrd).
      const z = section("ZIMAGE");
      expect([reg(z, "r0"), reg(z, "r1") >>> 0, reg(z, "r2")]).toEqual([0, 0xffffffff, normal.dtbAddr]);
      expect(plan.dtbAddr).toBe(normal.dtbAddr);
      // At the decompressed kernel: the fast path's state.
      const k = section("KERNEL");
      const st = plan.state;
      for (const r of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) expect(reg(k, `r${r}`) >>> 0, `r${r}`).toBe(st.regs[r] >>> 0);
      expect(reg(k, "pc")).toBe(entry);
      expect(reg(k, "cpsr") & 0x1ff).toBe(st.cpsr); // mode and masks (the flags are left from a compare)
      expect([value(k, 0), value(k, 1), value(k, 2), value(k, 3)].map((v) => v >>> 0)).toEqual([
        st.cp15.sctlr,
        st.cp15.ttbr0,
        st.cp15.ttbcr,
        st.cp15.dacr,
      ]);
      const mem = words(k.slice(k.indexOf("$4 =")), 16 * samples.length);
      const dv = new DataView(image.buffer, image.byteOffset);
      const expected = samples.flatMap((o) => Array.from({ length: 16 }, (_, i) => dv.getUint32(o + 4 * i, true)));
      expect(mem).toEqual(expected);
    } finally {
      qemu.kill();
    }
  }, 300_000);
});
