// Where tools/debian/fetch.sh puts things, for tests and tools.
//
// Everything lives outside the repository in
//   ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/debian
// and is (re)built by `bash tools/debian/fetch.sh sysroot|qemu|system`.
// Functions return paths whether or not they exist, except the ones whose
// name says they look (qemuRiscv64, systemKernel, ...), which return
// undefined when nothing usable is there so that tests can skip.

import { accessSync, constants, existsSync, readFileSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the repository (two levels up from this file). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** The project's own RISC-V test programs (committed ELFs). */
export function riscvTestdataDir(): string {
  return join(repoRoot(), "testdata", "riscv");
}

/** ${TCIEMU_CACHE:-$HOME/.cache/tciemu} */
export { cacheRoot } from "../../src/cli/debian-cache.ts";

import { cacheRoot } from "../../src/cli/debian-cache.ts";

/** ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/debian: fetch.sh's cache directory. */
export function cacheDir(): string {
  return join(cacheRoot(), "debian");
}

/** Debian architectures tciemu has guests for (`fetch.sh sysroot ARCH`). */
export type DebianArch = "riscv64" | "i386" | "armhf";

/** Merged-usr Debian trixie sysroot (`fetch.sh sysroot [ARCH]`; riscv64 by default). */
export function sysrootDir(arch: DebianArch = "riscv64"): string {
  return join(cacheDir(), `sysroot-${arch}`);
}

/**
 * The sysroot plus shells and tools (dash, bash, make, findutils, grep, sed, coreutils, python3.13,
 * perl): `fetch.sh userland [ARCH]`, what the multi-process tests and the page's shell run.
 */
export function userlandDir(arch: DebianArch = "riscv64"): string {
  return join(cacheDir(), `userland-${arch}`);
}

/** The userland directory, or an Error that says how to fetch it (tests fail with it, never skip). */
export function requireUserland(arch: DebianArch = "riscv64"): string {
  const d = userlandDir(arch);
  if (!existsSync(join(d, ".tciemu-stamp")))
    throw new Error(`no ${arch} userland at ${d}: run 'bash tools/debian/fetch.sh userland ${arch}'`);
  return d;
}

/** True when `fetch.sh sysroot ARCH` has completed (its stamp is written last). */
export function hasSysrootFor(arch: DebianArch): boolean {
  return existsSync(join(sysrootDir(arch), ".tciemu-stamp"));
}

/** trixie's qemu-user emulator for a guest from the cache (QEMU 10.x), or undefined. */
export function trixieQemuUser(emu: "riscv64" | "i386" | "arm"): string | undefined {
  const dir = qemuTrixieDir();
  const candidates = [
    join(dir, "qemu-user", "usr", "bin", `qemu-${emu}`),
    join(dir, "qemu-user-static", "usr", "bin", `qemu-${emu}-static`),
  ];
  return candidates.find(isExecutable);
}

/** Where `fetch.sh qemu-system-arm` puts trixie's qemu-system-arm, its libraries and its wrapper. */
export function qemuSystemTrixieDir(): string {
  return join(cacheDir(), "qemu-system-trixie");
}

/** The command that fetches the ARM board's reference emulator (for error messages). */
export const FETCH_QEMU_SYSTEM_ARM = "bash tools/debian/fetch.sh qemu-system-arm";

/**
 * The reference qemu-system-arm for the ARM virt board's tests and bench: $TCIEMU_QEMU_SYSTEM_ARM
 * if set, else trixie's QEMU 10.0 from the cache (a wrapper that runs it with trixie's libraries),
 * else undefined (bookworm's /usr/bin/qemu-system-arm is 7.2, which the board does not follow).
 */
export function qemuSystemArm(): string | undefined {
  const env = process.env["TCIEMU_QEMU_SYSTEM_ARM"];
  if (env !== undefined && env !== "") return isExecutable(env) ? env : undefined;
  const w = join(qemuSystemTrixieDir(), "qemu-system-arm");
  return isExecutable(w) ? w : undefined;
}

/** qemuSystemArm(), or an error that names the command fetching it. */
export function requireQemuSystemArm(): string {
  const q = qemuSystemArm();
  if (q === undefined) throw new Error(`trixie's qemu-system-arm (QEMU 10.0) is not in the cache: run '${FETCH_QEMU_SYSTEM_ARM}'`);
  return q;
}

/** Where `fetch.sh system-arm` extracts Debian's armmp kernel and armhf busybox-static. */
export function systemArmDir(): string {
  return join(cacheDir(), "system-armhf");
}

/** True when `fetch.sh sysroot` has completed (its stamp is written last). */
export function hasSysroot(): boolean {
  const d = sysrootDir();
  return existsSync(join(d, ".tciemu-stamp")) && existsSync(join(d, "lib", "ld-linux-riscv64-lp64d.so.1"));
}

/** A program inside the sysroot, e.g. sysrootPath("usr/bin/lua5.4"). */
export function sysrootPath(rel: string): string {
  return join(sysrootDir(), rel.replace(/^\/+/, ""));
}

/** Where `fetch.sh qemu` extracts trixie's amd64 qemu-user. */
export function qemuTrixieDir(): string {
  return join(cacheDir(), "qemu-trixie");
}

/** Where `fetch.sh system` extracts the kernel, OpenSBI and busybox. */
export function systemDir(): string {
  return join(cacheDir(), "system");
}

/** Bookworm's qemu-user (Debian package qemu-user), QEMU 7.2. */
export const SYSTEM_QEMU_RISCV64 = "/usr/bin/qemu-riscv64";

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** trixie's qemu-riscv64 from the cache (QEMU 10.x), or undefined. */
export function trixieQemuRiscv64(): string | undefined {
  const dir = qemuTrixieDir();
  const candidates: string[] = [];
  try {
    const recorded = readFileSync(join(dir, ".tciemu-qemu"), "utf8").trim();
    if (recorded !== "") candidates.push(recorded);
  } catch {
    // not fetched yet
  }
  candidates.push(
    join(dir, "qemu-user", "usr", "bin", "qemu-riscv64"),
    join(dir, "qemu-user-static", "usr", "bin", "qemu-riscv64-static"),
    join(dir, "qemu-user-static", "usr", "bin", "qemu-riscv64"),
  );
  return candidates.find(isExecutable);
}

/**
 * The reference qemu-riscv64 for differential tests: $TCIEMU_QEMU_RISCV64 if
 * set, else trixie's (cache), else /usr/bin/qemu-riscv64, else undefined.
 */
export function qemuRiscv64(): string | undefined {
  const env = process.env["TCIEMU_QEMU_RISCV64"];
  if (env !== undefined && env !== "") return isExecutable(env) ? env : undefined;
  return trixieQemuRiscv64() ?? (isExecutable(SYSTEM_QEMU_RISCV64) ? SYSTEM_QEMU_RISCV64 : undefined);
}

/** A qemu-riscv64 command line prefix: the binary and its extra arguments. */
export interface QemuCommand {
  path: string;
  args: string[];
  /** "trixie" (QEMU 10.x from the cache), "system" (bookworm's 7.2) or "env" */
  source: "trixie" | "system" | "env";
}

/**
 * The reference qemu-riscv64 to compare one of our testdata/riscv programs
 * against (name without .elf: "demo", "rv64i", ..., "zicond", "smc"), or
 * undefined when none here can run it faithfully:
 *  - zicond needs QEMU >= 8.2 (`-cpu rv64,zicond=true`); bookworm's 7.2 has
 *    no Zicond
 *  - zbb: QEMU 7.2's ctzw is wrong when the low 32 bits are zero but the high
 *    ones are not (gives 63 instead of 32), so only the trixie qemu counts
 * Everything else gives identical output under 7.2 and 10.0.
 */
export function qemuFor(program: string): QemuCommand | undefined {
  const env = process.env["TCIEMU_QEMU_RISCV64"];
  const extra = program === "zicond" ? ["-cpu", "rv64,zicond=true"] : [];
  if (env !== undefined && env !== "") return isExecutable(env) ? { path: env, args: extra, source: "env" } : undefined;
  const trixie = trixieQemuRiscv64();
  if (trixie !== undefined) return { path: trixie, args: extra, source: "trixie" };
  if (program === "zicond" || program === "zbb") return undefined;
  return isExecutable(SYSTEM_QEMU_RISCV64) ? { path: SYSTEM_QEMU_RISCV64, args: [], source: "system" } : undefined;
}

/** The kernel image from `fetch.sh system` (Debian ships an EFI-stub Image). */
export function systemKernel(): string | undefined {
  const boot = join(systemDir(), "boot");
  try {
    const f = readdirSync(boot)
      .filter((n) => /^vmlinu[xz]-/.test(n))
      .sort()
      .pop();
    return f === undefined ? undefined : join(boot, f);
  } catch {
    return undefined;
  }
}

/** OpenSBI generic firmware from `fetch.sh system` (fw_jump or fw_dynamic). */
export { cachedOpensbi as opensbiFirmware } from "../../src/cli/debian-cache.ts";

/** Static riscv64 busybox from `fetch.sh system` (for an initramfs). */
export function systemBusybox(): string | undefined {
  const p = join(systemDir(), "usr", "bin", "busybox");
  return existsSync(p) ? p : undefined;
}

/** The armmp zImage from `fetch.sh system-arm` (vmlinuz-*-armmp), or undefined. */
export function systemArmKernel(): string | undefined {
  const boot = join(systemArmDir(), "boot");
  try {
    const f = readdirSync(boot)
      .filter((n) => /^vmlinuz-.*armmp/.test(n))
      .sort()
      .pop();
    return f === undefined ? undefined : join(boot, f);
  } catch {
    return undefined;
  }
}

/** Static armhf busybox from `fetch.sh system-arm` (for an ARM initramfs), or undefined. */
export function systemArmBusybox(): string | undefined {
  const p = join(systemArmDir(), "usr", "bin", "busybox");
  return existsSync(p) ? p : undefined;
}
