// The one list of command-line programs: package.json's "bin". Every entry names a CLI by its bin
// name and points at its compiled file in dist/lib/; the source follows from the name:
//
//   tciemu-<guest>           src/cli/<guest>-user.ts      (Linux user mode, e.g. tciemu-riscv64)
//   tciemu-system-<guest>    src/cli/system-<guest>.ts    (system mode, e.g. tciemu-system-riscv64)
//
// The build compiles every listed CLI; checkBins() fails (with the line to add) when a CLI source
// exists that package.json does not list, or when tools/bin/ lacks its checkout launcher (a symlink
// to tools/bin/cli), so a new guest's CLI cannot be forgotten by the package.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface CliBin {
  /** The command name, e.g. "tciemu-riscv64". */
  name: string;
  /** Its TypeScript entry, relative to the repository root. */
  source: string;
  /** Its compiled entry, relative to the repository root (package.json's value, without "./"). */
  output: string;
}

export const LIB_DIR = "dist/lib";
/** A CLI's compiled file is `<name>.cjs` (CommonJS: tools/build/build.ts says why); tools/bin/cli spells it too. */
export const BIN_EXT = ".cjs";

/** The compiled file of the CLI `name`, in dist/lib (or another build's lib folder). */
export function binFile(name: string): string {
  return `${name}${BIN_EXT}`;
}

/** tools/bin/<name> are symlinks to this launcher (compiled JS when fresh, else tsx). */
export const LAUNCHER = "cli";

/** The CLI source that a bin name stands for. */
export function sourceOfBin(name: string): string {
  const sys = /^tciemu-system-([a-z0-9_]+)$/.exec(name);
  if (sys) return `src/cli/system-${sys[1]}.ts`;
  const user = /^tciemu-([a-z0-9_]+)$/.exec(name);
  if (user) return `src/cli/${user[1]}-user.ts`;
  throw new Error(`package.json bin "${name}": names must be tciemu-<guest> or tciemu-system-<guest>`);
}

/** The bin name for a CLI source file name (the inverse of sourceOfBin), or null if it is not an entry. */
export function binOfSource(file: string): string | null {
  const sys = /^system-([a-z0-9_]+)\.ts$/.exec(file);
  // system-cli.ts is the command line the system CLIs share, not a CLI of its own.
  if (sys) return sys[1] === "cli" ? null : `tciemu-system-${sys[1]}`;
  const user = /^([a-z0-9_]+)-user\.ts$/.exec(file);
  if (user) return `tciemu-${user[1]}`;
  return null;
}

export function readPackageJson(root: string): Record<string, unknown> & { bin?: Record<string, string>; version: string; name: string } {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
}

/** The CLIs package.json lists, in its order. */
export function listBins(root: string): CliBin[] {
  const bin = readPackageJson(root).bin ?? {};
  return Object.entries(bin).map(([name, out]) => {
    const output = out.replace(/^\.\//, "");
    if (output !== `${LIB_DIR}/${binFile(name)}`)
      throw new Error(`package.json bin "${name}" must point at ./${LIB_DIR}/${binFile(name)} (found ${out})`);
    return { name, source: sourceOfBin(name), output };
  });
}

/** Problems with the list: CLI sources it misses, entries without a source, missing tools/bin launchers. */
export function checkBins(root: string): string[] {
  const problems: string[] = [];
  const bins = listBins(root);
  const listed = new Set(bins.map((b) => b.name));
  for (const f of readdirSync(join(root, "src/cli")).sort()) {
    const name = binOfSource(f);
    if (name && !listed.has(name))
      problems.push(`src/cli/${f} is a CLI entry but package.json has no bin for it: add "${name}": "./${LIB_DIR}/${binFile(name)}"`);
  }
  for (const b of bins) {
    if (!existsSync(join(root, b.source))) problems.push(`package.json bin "${b.name}": ${b.source} does not exist`);
    if (!existsSync(join(root, "tools/bin", b.name)))
      problems.push(`tools/bin/${b.name} is missing (the checkout launcher): ln -s ${LAUNCHER} tools/bin/${b.name}`);
  }
  return problems;
}
