// Snapshots on disk for tciemu-system-riscv64: one file per snapshot name in the directory given by
// -snapshot-dir (default tciemu-snapshots/ in the current directory). QEMU keeps its internal
// snapshots inside qcow2 images; tciemu keeps them as files so that any disk format works.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DEFAULT_SNAPSHOT_DIR = "tciemu-snapshots";
const SUFFIX = ".tciemu-vm";

export class SnapshotDir {
  constructor(readonly dir: string) {}

  /** A snapshot name is a file name without path separators (QEMU's tags are free text; files are not). */
  static checkName(name: string): string | null {
    if (!name) return "a snapshot name is required";
    if (name.length > 128 || /[/\\\0]/.test(name) || name === "." || name === "..") return `bad snapshot name '${name}'`;
    return null;
  }

  private path(name: string): string {
    return join(this.dir, name + SUFFIX);
  }

  save(name: string, data: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = this.path(name) + ".tmp";
    writeFileSync(tmp, data);
    renameSync(tmp, this.path(name)); // a crash mid-write never leaves a half snapshot under the name
  }

  load(name: string): Uint8Array | null {
    const p = this.path(name);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
  }

  delete(name: string): boolean {
    const p = this.path(name);
    if (!existsSync(p)) return false;
    rmSync(p);
    return true;
  }

  list(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(SUFFIX))
      .map((f) => f.slice(0, -SUFFIX.length))
      .sort();
  }
}
