// Shared trees for the 9P tests, the same layout on every backend:
//
//   dir/file        "inside"
//   f               "file at root"
//   sub/            (empty)
//   link_abs  ->    <outside>          (absolute symlink out of the share)
//   link_rel  ->    ../outside         (relative symlink out of the share)
//   link_file ->    <outside>/secret
//
// and, for the host backends, a sibling directory outside the share that must never change:
//   outside/secret  "SECRET",  outside/dir/file  "OUTSIDE FILE"
import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HostDirFs } from "../../src/cli/host-dir-fs.ts";
import type { FsBackend } from "../../src/hw/9p/backend.ts";
import { MemFs } from "../../src/hw/9p/memfs.ts";
import { writeFileAt } from "../../src/hw/9p/tree.ts";

export interface Fixture {
  name: string;
  fs: FsBackend;
  /** Host directories (host backends only). */
  share: string | null;
  outside: string | null;
  /** A host process (or, for memfs, the page) replaces `name` at the root with a symlink to `target`. */
  swapToSymlink(name: string, target: "outside-dir" | "outside-secret"): void;
  /** A digest of everything outside the share (host backends): must never change. */
  outsideDigest(): string;
  /** A digest of the share's contents. */
  shareDigest(): string;
  dispose(): void;
}

const enc = new TextEncoder();

/** Digest of a host tree: names, types, modes, sizes, contents, link targets (not times). */
export function hostTreeDigest(dir: string): string {
  const h = createHash("sha256");
  const walk = (p: string, rel: string) => {
    for (const name of readdirSync(p).sort()) {
      const q = join(p, name);
      const st = lstatSync(q);
      h.update(`${rel}/${name} ${st.mode.toString(8)} ${st.size}\n`);
      if (st.isSymbolicLink()) h.update(readlinkSync(q));
      else if (st.isFile()) h.update(readFileSync(q));
      else if (st.isDirectory()) walk(q, `${rel}/${name}`);
    }
  };
  walk(dir, "");
  return h.digest("hex");
}

export function hostFixture(procFd: boolean): Fixture {
  const base = mkdtempSync(join(tmpdir(), "tciemu-9p-"));
  const share = join(base, "share");
  const outside = join(base, "outside");
  mkdirSync(join(share, "dir"), { recursive: true });
  mkdirSync(join(share, "sub"));
  mkdirSync(join(outside, "dir"), { recursive: true });
  writeFileSync(join(share, "dir/file"), "inside");
  writeFileSync(join(share, "f"), "file at root");
  writeFileSync(join(outside, "secret"), "SECRET");
  writeFileSync(join(outside, "dir/file"), "OUTSIDE FILE");
  symlinkSync(outside, join(share, "link_abs"));
  symlinkSync("../outside", join(share, "link_rel"));
  symlinkSync(join(outside, "secret"), join(share, "link_file"));
  const fs = new HostDirFs(share, { procFd });
  return {
    name: procFd ? "host directory (/proc/self/fd)" : "host directory (path checks)",
    fs,
    share,
    outside,
    swapToSymlink(name, target) {
      renameSync(join(share, name), join(share, `${name}.orig`));
      symlinkSync(target === "outside-dir" ? join(outside, "dir") : join(outside, "secret"), join(share, name));
    },
    outsideDigest: () => hostTreeDigest(outside),
    shareDigest: () => hostTreeDigest(share),
    dispose() {
      fs.dispose();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

export function memFixture(): Fixture {
  const fs = new MemFs();
  fs.mkdir([], "dir", 0o755, 0, 0);
  fs.mkdir([], "sub", 0o755, 0, 0);
  writeFileAt(fs, ["dir", "file"], enc.encode("inside"));
  writeFileAt(fs, ["f"], enc.encode("file at root"));
  fs.symlink([], "link_abs", "/outside", 0, 0);
  fs.symlink([], "link_rel", "../outside", 0, 0);
  fs.symlink([], "link_file", "/outside/secret", 0, 0);
  return {
    name: "in-memory tree",
    fs,
    share: null,
    outside: null,
    swapToSymlink(name, target) {
      fs.rename([], name, [], `${name}.orig`);
      fs.symlink([], name, target === "outside-dir" ? "/outside/dir" : "/outside/secret", 0, 0);
    },
    outsideDigest: () => "",
    shareDigest: () => memTreeDigest(fs),
    dispose() {},
  };
}

/** Digest of a backend's tree through the FsBackend interface (names, types, modes, sizes, contents, targets). */
export function memTreeDigest(fs: FsBackend): string {
  const h = createHash("sha256");
  const walk = (path: string[]) => {
    const d = fs.opendir(path);
    const names = fs
      .readdir(d)
      .map((e) => e.name)
      .sort();
    fs.close(d);
    for (const name of names) {
      const p = [...path, name];
      const a = fs.lstat(p);
      h.update(`${p.join("/")} ${a.mode.toString(8)} ${a.size}\n`);
      const t = a.mode & 0o170000;
      if (t === 0o120000) h.update(fs.readlink(p));
      else if (t === 0o100000) {
        const fh = fs.open(p, 0);
        const b = new Uint8Array(a.size);
        fs.read(fh, 0, b);
        fs.close(fh);
        h.update(b);
      } else if (t === 0o040000) walk(p);
    }
  };
  walk([]);
  return h.digest("hex");
}

export const FIXTURES: Array<{ name: string; make: () => Fixture }> = [
  { name: "in-memory tree", make: memFixture },
  { name: "host directory (/proc/self/fd)", make: () => hostFixture(true) },
  { name: "host directory (path checks)", make: () => hostFixture(false) },
];

/** Open file descriptors of this process (to check a backend leaks none). */
export function openFdCount(): number {
  return readdirSync("/proc/self/fd").length;
}
