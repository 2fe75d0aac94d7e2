// Builds the tciemu initramfs (gzip-compressed newc cpio) and prints its path.
//
//   npx tsx tools/system/make-initramfs.ts [options] [module...]
//     -o, --output FILE     default ${TCIEMU_CACHE:-~/.cache/tciemu}/system/initramfs.cpio.gz
//     --busybox FILE        static riscv64 busybox (default: from `bash tools/debian/fetch.sh system`)
//     --modules-dir DIR     /lib/modules/<version> (default: the one from `fetch.sh system`)
//     -m, --module NAME     a kernel module to include and load at boot (repeatable; also a,b,c)
//     --net                 the modules for a virtio-net NIC (virtio_mmio, virtio_net and their dependencies)
//     --no-gzip             write the plain cpio archive instead
//
// Example: npx tsx tools/system/make-initramfs.ts virtio_mmio virtio_blk virtio_rng
// The archive is never committed: it lives in the cache.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheRoot, systemBusybox, systemDir } from "../debian/paths.ts";
import { buildInitramfs, NET_MODULES } from "./initramfs.ts";
import { kernelVersions } from "./kmod.ts";

export function defaultInitramfsPath(gzip = true): string {
  return join(cacheRoot(), "system", gzip ? "initramfs.cpio.gz" : "initramfs.cpio");
}

/** /lib/modules/<version> from `fetch.sh system`, or undefined. */
export function defaultModulesDir(): string | undefined {
  const root = join(systemDir(), "usr", "lib", "modules");
  const v = kernelVersions(root).pop();
  return v === undefined ? undefined : join(root, v);
}

function usage(msg?: string): never {
  if (msg) process.stderr.write(`make-initramfs: ${msg}\n`);
  process.stderr.write(
    "usage: make-initramfs.ts [-o FILE] [--busybox FILE] [--modules-dir DIR] [--net] [--no-gzip] [-m MODULE]... [MODULE...]\n",
  );
  process.exit(msg ? 2 : 0);
}

function main(argv: string[]): void {
  let output: string | undefined;
  let busybox: string | undefined;
  let modulesDir: string | undefined;
  let gzip = true;
  const modules: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === "-o" || a === "--output") output = val();
    else if (a === "--busybox") busybox = val();
    else if (a === "--modules-dir") modulesDir = val();
    else if (a === "-m" || a === "--module" || a === "--modules") modules.push(...val().split(","));
    else if (a === "--no-gzip") gzip = false;
    else if (a === "--net") modules.push(...NET_MODULES);
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else modules.push(...a.split(","));
  }
  busybox ??= systemBusybox();
  if (busybox === undefined) usage("no busybox: run `bash tools/debian/fetch.sh system` or pass --busybox");
  const wanted = modules.filter((m) => m !== "");
  if (wanted.length > 0) {
    modulesDir ??= defaultModulesDir();
    if (modulesDir === undefined) usage("no kernel modules directory: run `bash tools/debian/fetch.sh system` or pass --modules-dir");
  }
  const r = buildInitramfs({ busybox, modules: wanted, modulesDir });
  const out = output ?? defaultInitramfsPath(gzip);
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
