// Where the CLIs find what `tools/debian/fetch.sh` put in the cache: the defaults QEMU users get
// from their distribution (the riscv64 board's OpenSBI firmware). The cache lives outside the
// repository: ${TCIEMU_CACHE:-$HOME/.cache/tciemu}.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** ${TCIEMU_CACHE:-$HOME/.cache/tciemu} */
export function cacheRoot(): string {
  const env = process.env["TCIEMU_CACHE"];
  if (env !== undefined && env !== "") return resolve(env);
  return join(process.env["HOME"] || homedir(), ".cache", "tciemu");
}

/** Debian's OpenSBI generic firmware from `fetch.sh system`, if fetched. */
export function cachedOpensbi(kind: "fw_jump" | "fw_dynamic" = "fw_dynamic", format: "bin" | "elf" = "bin"): string | undefined {
  const p = join(cacheRoot(), "debian", "system", "usr", "lib", "riscv64-linux-gnu", "opensbi", "generic", `${kind}.${format}`);
  return existsSync(p) ? p : undefined;
}
