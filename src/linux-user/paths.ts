// Path names as the kernel resolves them (Linux's fs/namei.c, on the host's file system): joining
// a relative path to a process's working directory, and the canonical path (getcwd, chdir,
// /proc/self/exe) with "." and ".." removed and symbolic links followed.
import { ELOOP, ENOENT, ENOTDIR, S_IFDIR, S_IFLNK, S_IFMT } from "./errno.ts";
import type { HostFs } from "./host-api.ts";

/** `p` relative to directory `base` ("" is `base` itself); absolute paths are returned as they are. */
export function joinPath(base: string, p: string): string {
  if (p.startsWith("/")) return p;
  if (p === "") return base;
  return base === "/" ? `/${p}` : `${base.replace(/\/+$/, "")}/${p}`;
}

/** An absolute path without "." and ".." components or repeated slashes (no symlinks followed). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const c of p.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") out.pop();
    else out.push(c);
  }
  return "/" + out.join("/");
}

/** Where a symbolic link at `link` whose target is `target` points (a relative target is relative to the link's directory). */
export function linkTargetPath(link: string, target: string): string {
  return target.startsWith("/") ? target : link.replace(/\/+$/, "").replace(/[^/]*$/, "") + target;
}

/** The last component of a path. */
export function baseName(p: string): string {
  const s = p.replace(/\/+$/, "");
  return s.slice(s.lastIndexOf("/") + 1);
}

/**
 * The canonical absolute form of absolute `path` (realpath(3)): every symbolic link followed, "."
 * and ".." resolved against the real directories. `dir` requires the result to be a directory.
 * Returns -errno (ENOENT, ENOTDIR, ELOOP) when a component does not resolve.
 */
export function realPath(fs: HostFs, path: string, dir = false): string | number {
  let links = 0;
  const done: string[] = [];
  const todo = path.split("/").filter((c) => c !== "" && c !== ".");
  while (todo.length) {
    const c = todo.shift()!;
    if (c === "..") {
      done.pop();
      continue;
    }
    const cur = "/" + [...done, c].join("/");
    const st = fs.stat(cur, false);
    if (typeof st === "number") return st;
    if ((st.mode & S_IFMT) === S_IFLNK) {
      if (++links > 40) return -ELOOP;
      const target = fs.readlink(cur);
      if (typeof target === "number") return target;
      if (target.startsWith("/")) done.length = 0;
      todo.unshift(...target.split("/").filter((x) => x !== "" && x !== "."));
      continue;
    }
    if (todo.length && (st.mode & S_IFMT) !== S_IFDIR) return -ENOTDIR;
    done.push(c);
  }
  const r = "/" + done.join("/");
  if (dir) {
    const st = fs.stat(r, true);
    if (typeof st === "number") return st === -ENOENT ? -ENOENT : st;
    if ((st.mode & S_IFMT) !== S_IFDIR) return -ENOTDIR;
  }
  return r;
}
