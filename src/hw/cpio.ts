// cpio "newc" archives (the initramfs format Linux unpacks): writer and a small reader.
//
// Each entry is a 110-byte ASCII header ("070701" and 13 eight-digit hex fields: ino, mode, uid,
// gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the
// NUL-terminated name padded to a multiple of 4 (counting the header), then the data padded to 4.
// The archive ends with an entry called "TRAILER!!!". Symlinks store their target as data.

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;

export interface CpioEntry {
  /** Path inside the archive, without a leading "/" ("init", "bin/busybox", "dev/console"). */
  name: string;
  /** File type and permission bits (S_IFREG | 0o755, ...). */
  mode: number;
  data?: Uint8Array;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch (default 0, for reproducible archives). */
  mtime?: number;
  rdevMajor?: number;
  rdevMinor?: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function cpioFile(name: string, data: Uint8Array | string, mode = 0o644): CpioEntry {
  return { name, mode: S_IFREG | (mode & 0o7777), data: typeof data === "string" ? enc.encode(data) : data };
}

export function cpioDir(name: string, mode = 0o755): CpioEntry {
  return { name, mode: S_IFDIR | (mode & 0o7777) };
}

export function cpioSymlink(name: string, target: string): CpioEntry {
  return { name, mode: S_IFLNK | 0o777, data: enc.encode(target) };
}

export function cpioCharDev(name: string, major: number, minor: number, mode = 0o600): CpioEntry {
  return { name, mode: S_IFCHR | (mode & 0o7777), rdevMajor: major, rdevMinor: minor };
}

function hex8(v: number): string {
  return (v >>> 0).toString(16).padStart(8, "0");
}

/** Writes a newc archive of `entries` (in the given order) followed by the trailer. */
export function writeCpio(entries: readonly CpioEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    size += b.length;
  };
  const pad = () => {
    const n = (4 - (size % 4)) % 4;
    if (n) push(new Uint8Array(n));
  };
  const all: CpioEntry[] = [...entries, { name: "TRAILER!!!", mode: 0 }];
  all.forEach((e, i) => {
    const name = enc.encode(e.name.replace(/^\/+/, ""));
    const data = e.data ?? new Uint8Array(0);
    const isTrailer = i === all.length - 1;
    const fields = [
      isTrailer ? 0 : i + 1, // ino
      e.mode,
      e.uid ?? 0,
      e.gid ?? 0,
      (e.mode & S_IFMT) === S_IFDIR ? 2 : 1, // nlink
      e.mtime ?? 0,
      data.length,
      0, // devmajor
      0, // devminor
      e.rdevMajor ?? 0,
      e.rdevMinor ?? 0,
      name.length + 1, // namesize, with the NUL
      0, // check
    ];
    push(enc.encode("070701" + fields.map(hex8).join("")));
    push(name);
    push(new Uint8Array(1));
    pad();
    if (data.length) {
      push(data);
      pad();
    }
  });
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Reads a newc archive (up to the trailer). Throws Error on a malformed one. */
export function readCpio(archive: Uint8Array): CpioEntry[] {
  const out: CpioEntry[] = [];
  let o = 0;
  for (;;) {
    if (o + 110 > archive.length) throw new Error("cpio: truncated header");
    const hdr = dec.decode(archive.subarray(o, o + 110));
    if (!hdr.startsWith("070701") && !hdr.startsWith("070702")) throw new Error(`cpio: bad magic at ${o}`);
    const f = (i: number) => {
      const s = hdr.slice(6 + 8 * i, 14 + 8 * i);
      if (!/^[0-9a-fA-F]{8}$/.test(s)) throw new Error(`cpio: bad header field at ${o}`);
      return parseInt(s, 16);
    };
    const mode = f(1),
      filesize = f(6),
      namesize = f(11);
    if (namesize < 1) throw new Error("cpio: empty name");
    const nameStart = o + 110;
    if (nameStart + namesize > archive.length) throw new Error("cpio: truncated name");
    const name = dec.decode(archive.subarray(nameStart, nameStart + namesize - 1));
    const dataStart = (nameStart + namesize + 3) & ~3;
    if (dataStart + filesize > archive.length) throw new Error("cpio: truncated data");
    if (name === "TRAILER!!!") break;
    out.push({
      name,
      mode,
      uid: f(2),
      gid: f(3),
      mtime: f(5),
      rdevMajor: f(9),
      rdevMinor: f(10),
      data: archive.slice(dataStart, dataStart + filesize),
    });
    o = (dataStart + filesize + 3) & ~3;
  }
  return out;
}
