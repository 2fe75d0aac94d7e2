// Where tools/qemu-tci/build.sh puts QEMU's TCG-interpreter (TCI) build of
// qemu-riscv64, built from Debian trixie's qemu source package:
//   ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/qemu-tci/qemu-riscv64-tci
// Outside the repository; (re)built by `bash tools/qemu-tci/build.sh`.

import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { cacheRoot } from "../debian/paths.ts";

/** ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/qemu-tci: build.sh's directory. */
export function qemuTciDir(): string {
  return join(cacheRoot(), "qemu-tci");
}

/** Path where build.sh installs the TCI qemu-riscv64 (whether or not it exists). */
export function qemuTciPath(): string {
  return join(qemuTciDir(), "qemu-riscv64-tci");
}

/**
 * The TCI build of qemu-riscv64: $TCIEMU_QEMU_TCI if set (and executable),
 * else the one build.sh produced, else undefined.
 */
export function qemuTciRiscv64(): string | undefined {
  const env = process.env["TCIEMU_QEMU_TCI"];
  const p = env !== undefined && env !== "" ? env : qemuTciPath();
  try {
    accessSync(p, constants.X_OK);
    return p;
  } catch {
    return undefined;
  }
}

/** The Debian source version build.sh built (e.g. "1:10.0.13+ds-0+deb13u1"), if recorded. */
export function qemuTciVersion(): string | undefined {
  try {
    const v = readFileSync(join(qemuTciDir(), ".tciemu-version"), "utf8").trim();
    return v === "" ? undefined : v;
  } catch {
    return undefined;
  }
}

/** An instruction-counting qemu-riscv64: the JIT with TCG plugins, plus QEMU's bb plugin. */
export interface QemuCounter {
  qemu: string;
  /** tests/tcg/plugins/libbb.so: use `-plugin <path>,inline=on -d plugin -D <log>`; the log gets "insns: N". */
  plugin: string;
}

/** The counting build from `build.sh counter`, or undefined when not built. */
export function qemuCountRiscv64(): QemuCounter | undefined {
  const dir = join(qemuTciDir(), "count");
  const qemu = join(dir, "qemu-riscv64");
  const plugin = join(dir, "libbb.so");
  try {
    accessSync(qemu, constants.X_OK);
    accessSync(plugin, constants.R_OK);
    return { qemu, plugin };
  } catch {
    return undefined;
  }
}

/** The TCI build of another guest's emulator (qemu-i386-tci, qemu-arm-tci beside qemu-riscv64-tci), or undefined. */
export function qemuTciFor(emu: "riscv64" | "i386" | "arm"): string | undefined {
  if (emu === "riscv64") return qemuTciRiscv64();
  const p = join(qemuTciDir(), `qemu-${emu}-tci`);
  try {
    accessSync(p, constants.X_OK);
    return p;
  } catch {
    return undefined;
  }
}
