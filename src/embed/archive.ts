// Archives as guest file systems: a tar (POSIX ustar, with GNU long names and pax path/linkpath
// records) or a cpio (the "newc" format of initramfs images) unpacked into a MemFs, so that a
// page can run a Debian userland from one file it fetched or the user dropped in. Regular files,
// directories, symbolic links and hard links keep their modes and modification times. Compressed
// archives are decompressed by the caller (DecompressionStream in a browser).
import type { MemFs } from "../linux-user/mem-fs.ts";
import { bytesToByteString } from "../linux-user/bytes.ts";

export interface ArchiveStats {
  files: number;
  dirs: number;
  links: number;
  bytes: number;
}

/** Names in an archive are bytes: they become the byte strings MemFs keeps (bytes.ts), exactly. */
const dec = { decode: bytesToByteString };

/** Unpacks a tar or cpio (newc) archive into `fs`; throws Error with a one-line reason if it is neither. */
export function unpackArchive(fs: MemFs, data: Uint8Array, prefix = "/"): ArchiveStats {
  if (data.length >= 6 && (dec.decode(data.subarray(0, 6)) === "070701" || dec.decode(data.subarray(0, 6)) === "070702"))
    return unpackCpio(fs, data, prefix);
  if (data.length >= 512 && dec.decode(data.subarray(257, 262)) === "ustar") return unpackTar(fs, data, prefix);
  throw new Error("not a tar (ustar) or cpio (newc) archive");
}

function place(prefix: string, name: string): string {
  const clean = name
    .split("/")
    .filter((c) => c !== "" && c !== "." && c !== "..")
    .join("/");
  return (prefix.replace(/\/+$/, "") + "/" + clean).replace(/^$/, "/");
}

function parent(path: string): string {
  return path.replace(/\/[^/]*$/, "") || "/";
}

function str(b: Uint8Array): string {
  const z = b.indexOf(0);
  return dec.decode(z < 0 ? b : b.subarray(0, z));
}

function octal(b: Uint8Array): number {
  const s = str(b).trim();
  return s === "" ? 0 : parseInt(s, 8);
}

/** Adds one entry; `kind` as tar's typeflag ("0" file, "5" directory, "2" symlink, "1" hard link). */
function add(fs: MemFs, st: ArchiveStats, path: string, kind: string, mode: number, mtime: number, body: Uint8Array, link: string): void {
  if (path === "/") return;
  fs.mkdirp(parent(path));
  const ns = BigInt(mtime) * 1_000_000_000n;
  if (kind === "5") {
    fs.mkdirp(path);
    fs.chmod(path, mode & 0o7777);
    st.dirs++;
  } else if (kind === "2") {
    fs.unlink(path);
    fs.symlink(link, path);
    st.links++;
  } else if (kind === "1") {
    fs.unlink(path);
    fs.link(link, path);
    st.files++;
    return;
  } else if (kind === "0" || kind === "\0" || kind === "7") {
    fs.unlink(path);
    fs.writeFile(path, body, mode & 0o7777);
    fs.chmod(path, mode & 0o7777);
    st.files++;
    st.bytes += body.length;
  } else return; // devices, fifos: not in a userland image
  fs.utimes(path, ns, ns, false);
}

function unpackTar(fs: MemFs, data: Uint8Array, prefix: string): ArchiveStats {
  const st: ArchiveStats = { files: 0, dirs: 0, links: 0, bytes: 0 };
  let off = 0;
  let longName: string | null = null;
  let longLink: string | null = null;
  while (off + 512 <= data.length) {
    const h = data.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = octal(h.subarray(124, 136));
    const kind = String.fromCharCode(h[156]);
    const body = data.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (kind === "L") {
      longName = str(body);
      continue;
    }
    if (kind === "K") {
      longLink = str(body);
      continue;
    }
    if (kind === "x" || kind === "g") {
      // pax records: "len key=value\n"
      for (const rec of dec.decode(body).split("\n")) {
        const m = /^\d+ (path|linkpath)=(.*)$/.exec(rec);
        if (m && kind === "x") {
          if (m[1] === "path") longName = m[2];
          else longLink = m[2];
        }
      }
      continue;
    }
    const ustarPrefix = str(h.subarray(345, 500));
    const name = longName ?? (ustarPrefix ? `${ustarPrefix}/${str(h.subarray(0, 100))}` : str(h.subarray(0, 100)));
    const link = longLink ?? str(h.subarray(157, 257));
    longName = longLink = null;
    const path = place(prefix, name);
    add(fs, st, path, kind, octal(h.subarray(100, 108)), octal(h.subarray(136, 148)), body, kind === "1" ? place(prefix, link) : link);
  }
  return st;
}

function unpackCpio(fs: MemFs, data: Uint8Array, prefix: string): ArchiveStats {
  const st: ArchiveStats = { files: 0, dirs: 0, links: 0, bytes: 0 };
  let off = 0;
  const hex = (at: number) => parseInt(dec.decode(data.subarray(at, at + 8)), 16);
  const align4 = (n: number) => (n + 3) & ~3;
  while (off + 110 <= data.length) {
    const magic = dec.decode(data.subarray(off, off + 6));
    if (magic !== "070701" && magic !== "070702") throw new Error(`cpio: bad header at offset ${off}`);
    const mode = hex(off + 14);
    const mtime = hex(off + 46);
    const size = hex(off + 54);
    const nameSize = hex(off + 94);
    const name = str(data.subarray(off + 110, off + 110 + nameSize));
    const bodyAt = align4(off + 110 + nameSize);
    const body = data.subarray(bodyAt, bodyAt + size);
    off = align4(bodyAt + size);
    if (name === "TRAILER!!!") break;
    const type = mode & 0o170000;
    const kind = type === 0o040000 ? "5" : type === 0o120000 ? "2" : type === 0o100000 ? "0" : "?";
    add(fs, st, place(prefix, name), kind, mode, mtime, body, kind === "2" ? dec.decode(body) : "");
  }
  return st;
}
