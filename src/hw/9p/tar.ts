// A tar writer and reader (POSIX ustar with pax extended headers; the reader also takes GNU long
// names and base-256 numbers), for moving shared trees in and out of the browser page as one file.
// Member names are byte strings (wire.ts), as in the archive; a malformed archive throws TarError.

export class TarError extends Error {}

export type TarType = "file" | "dir" | "symlink" | "hardlink" | "chr" | "blk" | "fifo";

export interface TarEntry {
  /** Byte string, "/"-separated, no leading "/" (directories without a trailing "/"). */
  path: string;
  type: TarType;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Regular files. */
  data?: Uint8Array;
  /** Symlink target or hard-link target path (byte strings). */
  linkname?: string;
  devmajor?: number;
  devminor?: number;
}

const BLOCK = 512;
const TYPEFLAG: Record<TarType, string> = { file: "0", hardlink: "1", symlink: "2", chr: "3", blk: "4", dir: "5", fifo: "6" };
const MAX_OCTAL_12 = 0o77777777777;
const MAX_OCTAL_8 = 0o7777777;

function putStr(h: Uint8Array, off: number, len: number, s: string): void {
  for (let i = 0; i < Math.min(len, s.length); i++) h[off + i] = s.charCodeAt(i);
}

function putOctal(h: Uint8Array, off: number, len: number, v: number): void {
  putStr(
    h,
    off,
    len - 1,
    Math.max(0, Math.floor(v))
      .toString(8)
      .padStart(len - 1, "0"),
  );
}

/** A pax record "LEN key=value\n" whose LEN counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let n = body.length + 1;
  while (String(n).length + body.length !== n) n = String(n).length + body.length;
  return n + body;
}

function header(
  path: string,
  prefix: string,
  typeflag: string,
  e: { mode: number; uid: number; gid: number; mtime: number },
  size: number,
  link = "",
  dev: [number, number] = [0, 0],
): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putStr(h, 0, 100, path);
  putStr(h, 345, 155, prefix);
  putOctal(h, 100, 8, e.mode & 0o7777);
  putOctal(h, 108, 8, Math.min(e.uid, MAX_OCTAL_8));
  putOctal(h, 116, 8, Math.min(e.gid, MAX_OCTAL_8));
  putOctal(h, 124, 12, Math.min(size, MAX_OCTAL_12));
  putOctal(h, 136, 12, Math.min(Math.max(0, e.mtime), MAX_OCTAL_12));
  h[156] = typeflag.charCodeAt(0);
  putStr(h, 157, 100, link);
  putStr(h, 257, 6, "ustar\0");
  putStr(h, 263, 2, "00");
  putStr(h, 265, 32, e.uid === 0 ? "root" : "");
  putStr(h, 297, 32, e.gid === 0 ? "root" : "");
  putOctal(h, 329, 8, dev[0]);
  putOctal(h, 337, 8, dev[1]);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  putStr(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

/** Splits a long path into ustar's prefix (<= 155) and name (<= 100) at a "/", or null. */
function splitUstar(path: string): [string, string] | null {
  if (path.length <= 100) return ["", path];
  for (let i = path.length - 1; i > 0; i--) {
    if (path[i] !== "/") continue;
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return [prefix, name];
    if (name.length > 100) return null;
  }
  return null;
}

export function writeTar(entries: Iterable<TarEntry>): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    total += b.length;
  };
  const pad = (n: number) => {
    const r = n % BLOCK;
    if (r !== 0) push(new Uint8Array(BLOCK - r));
  };
  for (const e of entries) {
    const path = e.type === "dir" ? e.path.replace(/\/*$/, "/") : e.path;
    const size = e.type === "file" ? (e.data?.length ?? 0) : 0;
    const link = e.linkname ?? "";
    const pax: string[] = [];
    const split = splitUstar(path);
    if (split === null) pax.push(paxRecord("path", path));
    if (link.length > 100) pax.push(paxRecord("linkpath", link));
    if (size > MAX_OCTAL_12) pax.push(paxRecord("size", String(size)));
    if (e.uid > MAX_OCTAL_8) pax.push(paxRecord("uid", String(e.uid)));
    if (e.gid > MAX_OCTAL_8) pax.push(paxRecord("gid", String(e.gid)));
    if (e.mtime < 0 || e.mtime > MAX_OCTAL_12 || !Number.isInteger(e.mtime)) pax.push(paxRecord("mtime", String(e.mtime)));
    if (pax.length > 0) {
      const s = pax.join(""); // a byte string: the values are byte strings, the rest ASCII
      const raw = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) raw[i] = s.charCodeAt(i);
      push(header("PaxHeaders/" + path.slice(-80).replace(/^\/+/, ""), "", "x", { mode: 0o644, uid: 0, gid: 0, mtime: 0 }, raw.length));
      push(raw);
      pad(raw.length);
    }
    const [prefix, name] = split ?? ["", path.slice(0, 100)];
    push(header(name, prefix, TYPEFLAG[e.type], e, size, link.slice(0, 100), [e.devmajor ?? 0, e.devminor ?? 0]));
    if (size > 0) {
      push(e.data!);
      pad(size);
    }
  }
  push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function cstr(h: Uint8Array, off: number, len: number): string {
  let s = "";
  for (let i = off; i < off + len && h[i] !== 0; i++) s += String.fromCharCode(h[i]);
  return s;
}

function num(h: Uint8Array, off: number, len: number, what: string): number {
  if (h[off] & 0x80) {
    // GNU base-256: big-endian two's complement with the top bit as the marker
    let v = h[off] & 0x40 ? -1 : 0;
    v = v * 64 + (h[off] & 0x3f);
    for (let i = 1; i < len; i++) v = v * 256 + h[off + i];
    return v;
  }
  const s = cstr(h, off, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError(`bad ${what} field ${JSON.stringify(s)}`);
  return parseInt(s, 8);
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    let j = i;
    while (j < data.length && data[j] !== 0x20) j++;
    const len = Number(cstr(data, i, j - i));
    if (!Number.isInteger(len) || len <= j - i || i + len > data.length) throw new TarError("bad pax record length");
    const rec = cstr(data, j + 1, len - (j - i) - 2);
    const eq = rec.indexOf("=");
    if (eq <= 0) throw new TarError("bad pax record");
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

const TYPES: Record<string, TarType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "chr",
  "4": "blk",
  "5": "dir",
  "6": "fifo",
};

/** Every member of a tar archive; throws TarError if it is malformed or truncated. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let pax = new Map<string, string>();
  let longName: string | null = null;
  let longLink: string | null = null;
  while (off + BLOCK <= tar.length) {
    const h = tar.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break; // end of archive
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
      const b = i >= 148 && i < 156 ? 0x20 : h[i];
      unsigned += b;
      signed += b > 127 ? b - 256 : b;
    }
    const stored = num(h, 148, 8, "checksum");
    if (stored !== unsigned && stored !== signed) throw new TarError(`bad header checksum at offset ${off}`);
    const flag = String.fromCharCode(h[156]);
    let size = num(h, 124, 12, "size");
    if (pax.has("size")) size = Number(pax.get("size"));
    if (!Number.isSafeInteger(size) || size < 0) throw new TarError(`bad member size at offset ${off}`);
    const dataOff = off + BLOCK;
    if (dataOff + size > tar.length) throw new TarError(`archive truncated in member at offset ${off}`);
    const data = tar.subarray(dataOff, dataOff + size);
    off = dataOff + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === "x") {
      pax = parsePax(data);
      continue;
    }
    if (flag === "g") continue; // global pax defaults: nothing tciemu needs
    if (flag === "L" || flag === "K") {
      if (flag === "L") longName = cstr(data, 0, data.length);
      else longLink = cstr(data, 0, data.length);
      continue;
    }
    const type = TYPES[flag];
    const isUstar = cstr(h, 257, 5) === "ustar";
    const prefix = isUstar ? cstr(h, 345, 155) : "";
    let path = pax.get("path") ?? longName ?? (prefix !== "" ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    const linkname = pax.get("linkpath") ?? longLink ?? cstr(h, 157, 100);
    const uid = pax.has("uid") ? Number(pax.get("uid")) : num(h, 108, 8, "uid");
    const gid = pax.has("gid") ? Number(pax.get("gid")) : num(h, 116, 8, "gid");
    const mtime = pax.has("mtime") ? Number(pax.get("mtime")) : num(h, 136, 12, "mtime");
    pax = new Map();
    longName = longLink = null;
    if (type === undefined) continue; // other GNU/vendor members (volume labels, sparse maps): skipped
    path = path.replace(/^\/+/, "").replace(/\/+$/, "");
    const e: TarEntry = { path, type, mode: num(h, 100, 8, "mode") & 0o7777, uid, gid, mtime };
    if (type === "file") e.data = data;
    if (type === "symlink" || type === "hardlink") e.linkname = linkname;
    if (type === "chr" || type === "blk") {
      e.devmajor = num(h, 329, 8, "devmajor");
      e.devminor = num(h, 337, 8, "devminor");
    }
    out.push(e);
  }
  return out;
}
