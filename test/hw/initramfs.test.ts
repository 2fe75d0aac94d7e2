// tools/system/make-initramfs.ts: the archive holds our /init, busybox and its applet links, the two
// device nodes and the requested kernel modules with their dependencies; GNU cpio must list it.
// Needs `bash tools/debian/fetch.sh system` (skipped otherwise) and cpio (required).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { readCpio } from "../../src/hw/cpio.ts";
import { repoRoot, systemBusybox } from "../../tools/debian/paths.ts";
import { buildInitramfs, busyboxApplets, INIT_SCRIPT, INIT_STARTED, TEST_PROMPT } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { canonicalModuleName, modinfo, resolveModules } from "../../tools/system/kmod.ts";

const busybox = systemBusybox();
const modulesDir = defaultModulesDir();
const tmp = mkdtempSync(join(tmpdir(), "tciemu-initramfs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("initramfs /init script", () => {
  test("mounts, markers, test mode and job-control shell", () => {
    for (const s of [
      "mount -t proc proc /proc",
      "mount -t sysfs sysfs /sys",
      "mount -t devtmpfs devtmpfs /dev",
      "mount -t tmpfs tmpfs /tmp",
      `echo "${INIT_STARTED}"`,
      "tciemu.test=1",
      TEST_PROMPT,
      "setsid cttyhack sh",
      "poweroff -f",
    ])
      expect(INIT_SCRIPT).toContain(s);
    expect(INIT_SCRIPT.startsWith("#!/bin/sh\n")).toBe(true);
    // the host's sh can at least parse it
    execFileSync("sh", ["-n"], { input: INIT_SCRIPT });
  });

  test("module names are canonical", () => {
    expect(canonicalModuleName("/x/virtio-rng.ko.xz")).toBe("virtio_rng");
    expect(canonicalModuleName("virtio_blk")).toBe("virtio_blk");
  });
});

describe("initramfs with Debian's busybox", () => {
  test("Debian's busybox-static and kernel modules are fetched", () => {
    expect(busybox, "run 'bash tools/debian/fetch.sh system'").toBeDefined();
    expect(modulesDir, "run 'bash tools/debian/fetch.sh system'").toBeDefined();
  });
  test("busybox applet table", () => {
    const applets = busyboxApplets(new Uint8Array(readFileSync(busybox!)));
    expect(applets.length).toBeGreaterThan(100);
    for (const a of ["sh", "mount", "insmod", "setsid", "cttyhack", "poweroff", "stty"]) expect(applets).toContain(a);
  });

  test("archive contents, checked with cpio -t", () => {
    const r = buildInitramfs({ busybox: busybox! });
    const cpio = new Uint8Array(gunzipSync(r.gz));
    expect(Buffer.compare(cpio, r.cpio)).toBe(0);
    const names = execFileSync("cpio", ["-t", "--quiet"], { input: cpio, encoding: "utf8" }).trim().split("\n");
    for (const n of [
      "init",
      "bin/busybox",
      "bin/sh",
      "bin/mount",
      "bin/setsid",
      "bin/cttyhack",
      "dev/console",
      "dev/null",
      "proc",
      "sys",
      "tmp",
    ])
      expect(names).toContain(n);
    expect(names).not.toContain("bin/busybox/");
    expect(names.indexOf("bin")).toBeLessThan(names.indexOf("bin/busybox"));
    const long = execFileSync("cpio", ["-tv", "--quiet"], { input: cpio, encoding: "utf8" });
    expect(long).toMatch(/crw------- +1 root +root +5, +1 .* dev\/console/);
    expect(long).toMatch(/crw-rw-rw- +1 root +root +1, +3 .* dev\/null/);
    expect(long).toMatch(/-rwxr-xr-x .* init\n/);
    const entries = readCpio(cpio);
    expect(new TextDecoder().decode(entries.find((e) => e.name === "init")!.data)).toBe(INIT_SCRIPT);
    expect(Buffer.compare(entries.find((e) => e.name === "bin/busybox")!.data!, readFileSync(busybox!))).toBe(0);
  });

  test("kernel modules: dependencies, decompression, load list", () => {
    const mods = resolveModules(modulesDir!, ["virtio_blk", "virtio-rng", "virtio_net"]);
    const names = mods.map((m) => m.name);
    // virtio_net depends on net_failover, which depends on failover: they come first
    expect(names).toContain("net_failover");
    expect(names.indexOf("failover")).toBeLessThan(names.indexOf("net_failover"));
    expect(names.indexOf("net_failover")).toBeLessThan(names.indexOf("virtio_net"));
    for (const m of mods) {
      expect([...m.data.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
      expect(modinfo(m.data).get("name")?.[0]).toBe(m.name);
    }
    expect(() => resolveModules(modulesDir!, ["no_such_module_xyz"])).toThrow(/not found/);
    // built-in modules (virtio, virtio_ring) are skipped
    expect(resolveModules(modulesDir!, ["virtio"])).toEqual([]);

    const out = join(tmp, "i.cpio.gz");
    const printed = execFileSync(
      process.execPath,
      ["--import", "tsx", join(repoRoot(), "tools/system/make-initramfs.ts"), "-o", out, "virtio_mmio,virtio_blk"],
      { cwd: repoRoot(), encoding: "utf8" },
    );
    expect(printed.trim()).toBe(out);
    const names2 = execFileSync("cpio", ["-t", "--quiet"], { input: gunzipSync(readFileSync(out)), encoding: "utf8" });
    expect(names2).toMatch(/lib\/modules\/[^/]+\/kernel\/drivers\/virtio\/virtio_mmio\.ko\n/);
    expect(names2).toMatch(/lib\/modules\/[^/]+\/kernel\/drivers\/block\/virtio_blk\.ko\n/);
    const list = readCpio(new Uint8Array(gunzipSync(readFileSync(out)))).find((e) => e.name === "etc/tciemu/modules")!;
    expect(new TextDecoder().decode(list.data)).toBe("kernel/drivers/virtio/virtio_mmio.ko\nkernel/drivers/block/virtio_blk.ko\n");
  });
});
