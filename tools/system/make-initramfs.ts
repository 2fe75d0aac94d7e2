// Builds the tciemu initramfs (gzip-compressed newc cpio) and prints its path.
//
//   npx tsx tools/system/make-initramfs.ts [options] [module...]
//     --arch riscv64|arm    the guest (default riscv64); arm takes its defaults from
//                           `bash tools/debian/fetch.sh system-arm` (armhf busybox, armmp modules)
//     -o, --output FILE     default ${TCIEMU_CACHE:-~/.cache/tciemu}/system/initramfs.cpio.gz
//                           (arm: .../system-arm/initramfs.cpio.gz)
//     --busybox FILE        static busybox for the guest (default: from `bash tools/debian/fetch.sh system`)
//     --modules-dir DIR     /lib/modules/<version> (default: the one from `fetch.sh system`)
//     -m, --module NAME     a kernel module to include and load at boot (repeatable; also a,b,c)
//     --net                 the modules for a virtio-net NIC (virtio_mmio, virtio_net and their dependencies)
//     --no-gzip             write the plain cpio archive instead
//     --9p                  add the modules for mounting virtio-9p shares (virtio_mmio, 9pnet_virtio, 9p
//                           and what they need: 9pnet, netfs)
//
// Example: npx tsx tools/system/make-initramfs.ts virtio_mmio virtio_blk virtio_rng
//          npx tsx tools/system/make-initramfs.ts --arch arm virtio_mmio virtio_blk virtio_rng
// (Debian's riscv64 and armmp kernels both build virtio_mmio, virtio_blk and virtio_rng as modules.)
// The archive is never committed: it lives in the cache.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheRoot, systemArmBusybox, systemArmDir, systemBusybox, systemDir } from "../debian/paths.ts";
import { NET_MODULES, NINEP_MODULES, buildInitramfs } from "./initramfs.ts";
import { kernelVersions } from "./kmod.ts";

/** The guests an initramfs can be built for. */
export type InitramfsArch = "riscv64" | "arm";

export function defaultInitramfsPath(gzip = true, arch: InitramfsArch = "riscv64"): string {
  return join(cacheRoot(), arch === "arm" ? "system-arm" : "system", gzip ? "initramfs.cpio.gz" : "initramfs.cpio");
}

/** /lib/modules/<version> from `fetch.sh system` (arm: `fetch.sh system-arm`), or undefined. */
export function defaultModulesDir(arch: InitramfsArch = "riscv64"): string | undefined {
  const root = join(arch === "arm" ? systemArmDir() : systemDir(), "usr", "lib", "modules");
  const v = kernelVersions(root).pop();
  return v === undefined ? undefined : join(root, v);
}

function usage(msg?: string): never {
  if (msg) process.stderr.write(`make-initramfs: ${msg}\n`);
  process.stderr.write(
    "usage: make-initramfs.ts [--arch riscv64|arm] [-o FILE] [--busybox FILE] [--modules-dir DIR] [--net] [--no-gzip] [--9p] [-m MODULE]... [MODULE...]\n",
  );
  process.exit(msg ? 2 : 0);
}

function main(argv: string[]): void {
  let output: string | undefined;
  let busybox: string | undefined;
  let modulesDir: string | undefined;
  let gzip = true;
  let arch: InitramfsArch = "riscv64";
  const modules: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === "--arch") {
      const v = val();
      if (v !== "riscv64" && v !== "arm") usage(`--arch: unknown guest ${v} (riscv64 or arm)`);
      arch = v;
    } else if (a === "-o" || a === "--output") output = val();
    else if (a === "--busybox") busybox = val();
    else if (a === "--modules-dir") modulesDir = val();
    else if (a === "-m" || a === "--module" || a === "--modules") modules.push(...val().split(","));
    else if (a === "--no-gzip") gzip = false;
    else if (a === "--9p") modules.push(...NINEP_MODULES);
    else if (a === "--net") modules.push(...NET_MODULES);
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else modules.push(...a.split(","));
  }
  const fetchTarget = arch === "arm" ? "system-arm" : "system";
  busybox ??= arch === "arm" ? systemArmBusybox() : systemBusybox();
  if (busybox === undefined) usage(`no busybox: run \`bash tools/debian/fetch.sh ${fetchTarget}\` or pass --busybox`);
  const wanted = modules.filter((m) => m !== "");
  if (wanted.length > 0) {
    modulesDir ??= defaultModulesDir(arch);
    if (modulesDir === undefined)
      usage(`no kernel modules directory: run \`bash tools/debian/fetch.sh ${fetchTarget}\` or pass --modules-dir`);
  }
  const r = buildInitramfs({ busybox, modules: wanted, modulesDir });
  const out = output ?? defaultInitramfsPath(gzip, arch);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gzip ? r.gz : r.cpio);
  if (r.modules.length > 0) process.stderr.write(`make-initramfs: modules (load order): ${r.modules.map((m) => m.name).join(" ")}\n`);
  process.stdout.write(out + "\n");
}

if (process.argv[1] !== undefined && /make-initramfs\.ts$/.test(process.argv[1])) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`make-initramfs: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
