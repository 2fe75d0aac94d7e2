// The Linux boot files that `npm run web` serves to the page under /system/ (from the cache that
// `bash tools/debian/fetch.sh system` fills): Debian's kernel, OpenSBI fw_dynamic.bin, and the
// tciemu initramfs (busybox + /init, tools/system/initramfs.ts, with the kernel modules that mount
// the page's virtio-9p share: make-initramfs.ts --9p), built once at server start and cached in
// ~/.cache/tciemu/system/web-initrd.cpio.gz (rebuilt when busybox, the modules or the script change).
// For the ARM board (the page's machine chooser): Debian's armmp zImage and the same initramfs built
// from armhf busybox and armmp modules (`bash tools/debian/fetch.sh system-arm`), cached in
// ~/.cache/tciemu/system/web-initrd-armhf.cpio.gz.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  cacheRoot,
  opensbiFirmware,
  systemArmBusybox,
  systemArmKernel,
  systemBusybox,
  userlandDir,
  systemKernel,
} from "../debian/paths.ts";
import { buildInitramfs, INIT_SCRIPT, NET_MODULES, NINEP_MODULES } from "../system/initramfs.ts";
import { defaultModulesDir } from "../system/make-initramfs.ts";

export interface SystemFiles {
  /** Path of the riscv64 userland image (a gzipped tar of the sysroot) for the page's shell. */
  sysroot?: string;
  /** Path of the kernel Image. */
  kernel?: string;
  /** The gzipped initramfs (newc cpio). */
  initrd?: Uint8Array;
  /** Path of OpenSBI fw_dynamic.bin. */
  firmware?: string;
  /** Path of Debian's armmp zImage (the ARM virt board). */
  armKernel?: string;
  /** The gzipped initramfs for the ARM board (armhf busybox, armmp modules). */
  armInitrd?: Uint8Array;
}

/** Always served (200): `{ sysroot, kernel, initrd, firmware, armKernel, armInitrd }` booleans, what the server has. */
export const SYSTEM_MANIFEST = "/system/index.json";

/** URL paths under which serveStatic() serves the files (404 when absent). */
export const SYSTEM_URLS = {
  sysroot: "/system/sysroot-riscv64.tar.gz",
  kernel: "/system/kernel",
  initrd: "/system/initrd.cpio.gz",
  firmware: "/system/fw_dynamic.bin",
} as const;

/** The ARM board's boot files (404 when absent): the page boots them when its machine chooser says "arm". */
export const ARM_SYSTEM_URLS = {
  armKernel: "/system/arm/zImage",
  armInitrd: "/system/arm/initrd.cpio.gz",
} as const;

/** What the cache has; the initramfs is built (or read from its cache) when busybox is present. */
export function loadSystemFiles(): SystemFiles {
  const files: SystemFiles = { kernel: systemKernel(), firmware: opensbiFirmware("fw_dynamic", "bin"), sysroot: webSysrootImage() };
  const busybox = systemBusybox();
  if (busybox) files.initrd = webInitramfs(busybox, "riscv64");
  files.armKernel = systemArmKernel();
  const armBusybox = systemArmBusybox();
  if (armBusybox) files.armInitrd = webInitramfs(armBusybox, "arm");
  return files;
}

/**
 * The riscv64 userland (fetch.sh userland: busybox, dash, bash, coreutils, grep, sed, findutils,
 * make, python3.13, perl, ...) as one gzipped tar for the page's shell, without documentation,
 * manual pages, translations and Python's own tests; built with GNU tar once per sysroot version
 * into ~/.cache/tciemu/web/sysroot-riscv64.tar.gz. Undefined without a sysroot or a tar.
 */
export function webSysrootImage(): string | undefined {
  const root = userlandDir();
  let stamp: string;
  try {
    stamp = readFileSync(join(root, ".tciemu-stamp"), "utf8").trim();
  } catch {
    return undefined;
  }
  const dir = join(cacheRoot(), "web");
  const out = join(dir, "sysroot-riscv64.tar.gz");
  const key = out + ".key";
  try {
    if (existsSync(out) && readFileSync(key, "utf8") === stamp) return out;
  } catch {
    // rebuild
  }
  mkdirSync(dir, { recursive: true });
  const excluded = ["usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale", "usr/share/lintian", "usr/lib/python3.13/test"];
  const r = spawnSync("tar", ["-czf", out + ".tmp", "-C", root, ...excluded.map((e) => `--exclude=./${e}`), "."], { stdio: "ignore" });
  if (r.status !== 0) return undefined;
  renameSync(out + ".tmp", out);
  writeFileSync(key, stamp);
  return out;
}
const INITRAMFS_SOURCE = fileURLToPath(new URL("../system/initramfs.ts", import.meta.url));

function webInitramfs(busybox: string, arch: "riscv64" | "arm"): Uint8Array {
  const st = statSync(busybox);
  // The page's machine has a shared folder: mount -t 9p needs virtio_mmio, 9pnet_virtio, 9p (and
  // what they need). The kernel of `fetch.sh system` comes with its modules; without them the
  // initramfs is built without, and mounting the share fails in the guest.
  const modulesDir = defaultModulesDir(arch);
  // The share's 9p modules and virtio_net for the page's network card (a Wisp relay: udhcpc -i eth0).
  // (The ARM board has the share but no network card in the page.)
  const wanted = arch === "arm" ? NINEP_MODULES : [...NINEP_MODULES, ...NET_MODULES];
  const modules = modulesDir === undefined ? [] : [...new Set(wanted)];
  const key = createHash("sha256")
    .update(`${busybox}\0${st.size}\0${st.mtimeMs}\0${INIT_SCRIPT}\0${modulesDir ?? ""}\0${modules.join(",")}\0`)
    .update(readFileSync(INITRAMFS_SOURCE)) // its layout (directories, files) changes with the builder
    .digest("hex")
    .slice(0, 16);
  const dir = join(cacheRoot(), "system");
  const gz = join(dir, arch === "arm" ? "web-initrd-armhf.cpio.gz" : "web-initrd.cpio.gz");
  const stamp = gz + ".key";
  try {
    if (existsSync(gz) && readFileSync(stamp, "utf8") === key) return new Uint8Array(readFileSync(gz));
  } catch {
    // rebuild
  }
  const img = buildInitramfs({ busybox, modules, modulesDir }).gz;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(gz, img);
    writeFileSync(stamp, key);
  } catch {
    // a read-only cache only costs a rebuild next time
  }
  return img;
}
