// make-initramfs.ts --9p: the modules for mounting a virtio-9p share resolve, from Debian's own
// .modinfo, to a load order where every module follows what it depends on, and they land in the
// archive with /init's module list. Needs `bash tools/debian/fetch.sh system`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, expect, test } from "vitest";
import { readCpio } from "../../src/hw/cpio.ts";
import { repoRoot, systemBusybox } from "../../tools/debian/paths.ts";
import { NINEP_MODULES, buildInitramfs } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";

const tmp = mkdtempSync(join(tmpdir(), "tciemu-initramfs-9p-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("--9p adds 9p, 9pnet_virtio, 9pnet, netfs and virtio_mmio in dependency order", { timeout: 120_000 }, () => {
  const modulesDir = defaultModulesDir();
  const busybox = systemBusybox();
  expect(modulesDir && busybox, "run 'bash tools/debian/fetch.sh system'").toBeTruthy();
  const r = buildInitramfs({ busybox: busybox!, modules: NINEP_MODULES, modulesDir });
  const names = r.modules.map((m) => m.name);
  for (const m of ["virtio_mmio", "netfs", "9pnet", "9pnet_virtio", "9p"]) expect(names).toContain(m);
  for (const m of r.modules)
    for (const d of m.depends) expect(names.indexOf(d), `${d} before ${m.name}`).toBeLessThan(names.indexOf(m.name));
  const files = readCpio(r.cpio);
  const list = new TextDecoder().decode(files.find((f) => f.name === "etc/tciemu/modules")!.data);
  expect(list.trim().split("\n")).toEqual(r.modules.map((m) => m.rel));

  // the command-line flag does the same
  const out = join(tmp, "i.cpio");
  execFileSync("npx", ["tsx", join(repoRoot(), "tools/system/make-initramfs.ts"), "--9p", "--no-gzip", "-o", out], { stdio: "pipe" });
  const viaCli = readCpio(new Uint8Array(readFileSync(out)));
  expect(new TextDecoder().decode(viaCli.find((f) => f.name === "etc/tciemu/modules")!.data)).toBe(list);
  expect(gunzipSync(r.gz).length).toBe(r.cpio.length);
});
