// A 9P2000.L client for tests, speaking to a NinePServer through the wire codec as Linux's
// net/9p/client.c would: one method per T-message, replies decoded, Rlerror thrown as P9Err.
import type { NinePServer } from "../../src/hw/9p/server.ts";
import { Msg, P9_NOFID, P9_NOTAG, P9_VERSION_L } from "../../src/hw/9p/protocol.ts";
import { WireReader, WireWriter, type Qid } from "../../src/hw/9p/wire.ts";

export class P9Err extends Error {
  constructor(readonly errno: number) {
    super(`Rlerror ${errno}`);
  }
}

export interface Getattr {
  valid: number;
  qid: Qid;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atimeSec: number;
  atimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  ctimeSec: number;
  ctimeNsec: number;
}

export interface Dirent {
  qid: Qid;
  offset: number;
  type: number;
  name: string;
}

export interface RawReply {
  type: number;
  tag: number;
  size: number;
  body: WireReader;
  length: number;
}

export class P9Client {
  tag = 1;
  readonly reply: Uint8Array;

  constructor(
    readonly server: NinePServer,
    replyBytes = 1 << 20,
  ) {
    this.reply = new Uint8Array(replyBytes);
  }

  /** Sends exactly `msg` (a complete message, possibly malformed) with a reply buffer of `replyLen`. */
  sendRaw(msg: Uint8Array, replyLen = this.reply.length): RawReply {
    const buf = this.reply.subarray(0, replyLen);
    const n = this.server.handle(msg, buf);
    if (n < 0) throw new Error("server refused the chain (no tag or no room)");
    const r = new WireReader(buf, 0, n);
    const size = r.u32();
    const type = r.u8();
    const tag = r.u16();
    if (size !== n) throw new Error(`reply size field ${size} != length ${n}`);
    return { type, tag, size, body: r, length: n };
  }

  /** Builds a message: header + body written by `fill`. */
  static build(type: number, tag: number, fill: (w: WireWriter) => void, room = 1 << 20): Uint8Array {
    const buf = new Uint8Array(room);
    const w = new WireWriter(buf, 7);
    fill(w);
    new WireWriter(buf, 0).u32(w.pos).u8(type).u16(tag);
    return buf.slice(0, w.pos);
  }

  /** One request/response; returns the reply body reader, throws P9Err on Rlerror. */
  rpc(type: number, fill: (w: WireWriter) => void, opts: { tag?: number; replyLen?: number } = {}): WireReader {
    const tag = opts.tag ?? this.tag++ & 0xffff;
    const rep = this.sendRaw(P9Client.build(type, tag, fill), opts.replyLen);
    if (rep.tag !== tag) throw new Error(`reply tag ${rep.tag} != ${tag}`);
    if (rep.type === Msg.Rlerror) throw new P9Err(rep.body.u32());
    if (rep.type !== type + 1) throw new Error(`reply type ${rep.type} to ${type}`);
    return rep.body;
  }

  version(msize = 1 << 17, version = P9_VERSION_L): { msize: number; version: string } {
    const r = this.rpc(Msg.Tversion, (w) => w.u32(msize).str(version), { tag: P9_NOTAG });
    return { msize: r.u32(), version: r.str() };
  }

  attach(fid: number, nUname = 0): Qid {
    return this.rpc(Msg.Tattach, (w) => w.u32(fid).u32(P9_NOFID).str("root").str("").u32(nUname)).qid();
  }

  walk(fid: number, newfid: number, names: string[]): Qid[] {
    const r = this.rpc(Msg.Twalk, (w) => {
      w.u32(fid).u32(newfid).u16(names.length);
      for (const n of names) w.str(n);
    });
    const n = r.u16();
    const out: Qid[] = [];
    for (let i = 0; i < n; i++) out.push(r.qid());
    return out;
  }

  lopen(fid: number, flags: number): { qid: Qid; iounit: number } {
    const r = this.rpc(Msg.Tlopen, (w) => w.u32(fid).u32(flags));
    return { qid: r.qid(), iounit: r.u32() };
  }

  lcreate(fid: number, name: string, flags: number, mode: number, gid = 0): { qid: Qid; iounit: number } {
    const r = this.rpc(Msg.Tlcreate, (w) => w.u32(fid).str(name).u32(flags).u32(mode).u32(gid));
    return { qid: r.qid(), iounit: r.u32() };
  }

  read(fid: number, offset: number, count: number, replyLen?: number): Uint8Array {
    const r = this.rpc(Msg.Tread, (w) => w.u32(fid).u64(offset).u32(count), { replyLen });
    const n = r.u32();
    return r.bytes(n).slice();
  }

  write(fid: number, offset: number, data: Uint8Array): number {
    return this.rpc(Msg.Twrite, (w) => w.u32(fid).u64(offset).u32(data.length).bytes(data)).u32();
  }

  clunk(fid: number): void {
    this.rpc(Msg.Tclunk, (w) => w.u32(fid));
  }

  remove(fid: number): void {
    this.rpc(Msg.Tremove, (w) => w.u32(fid));
  }

  getattr(fid: number): Getattr {
    const r = this.rpc(Msg.Tgetattr, (w) => w.u32(fid).u64(0x3fff));
    const valid = r.u64();
    const qid = r.qid();
    const g: Getattr = {
      valid,
      qid,
      mode: r.u32(),
      uid: r.u32(),
      gid: r.u32(),
      nlink: r.u64(),
      rdev: r.u64(),
      size: r.u64(),
      blksize: r.u64(),
      blocks: r.u64(),
      atimeSec: r.i64(),
      atimeNsec: r.u64(),
      mtimeSec: r.i64(),
      mtimeNsec: r.u64(),
      ctimeSec: r.i64(),
      ctimeNsec: r.u64(),
    };
    return g;
  }

  setattr(
    fid: number,
    a: { valid: number; mode?: number; uid?: number; gid?: number; size?: number; atime?: [number, number]; mtime?: [number, number] },
  ): void {
    this.rpc(Msg.Tsetattr, (w) =>
      w
        .u32(fid)
        .u32(a.valid)
        .u32(a.mode ?? 0)
        .u32(a.uid ?? 0)
        .u32(a.gid ?? 0)
        .u64(a.size ?? 0)
        .i64(a.atime?.[0] ?? 0) // seconds as Linux sends them: a time64_t in a u64 field
        .u64(a.atime?.[1] ?? 0)
        .i64(a.mtime?.[0] ?? 0)
        .u64(a.mtime?.[1] ?? 0),
    );
  }

  readdir(fid: number, offset: number, count: number): Dirent[] {
    const r = this.rpc(Msg.Treaddir, (w) => w.u32(fid).u64(offset).u32(count));
    const n = r.u32();
    const end = r.pos + n;
    const out: Dirent[] = [];
    while (r.pos < end) out.push({ qid: r.qid(), offset: r.u64(), type: r.u8(), name: r.str() });
    return out;
  }

  /** Every entry, reading as Linux's v9fs_dir_readdir_dotl does (offset = last entry's offset). */
  readdirAll(fid: number, count = 8192): Dirent[] {
    const out: Dirent[] = [];
    let off = 0;
    for (;;) {
      const part = this.readdir(fid, off, count);
      if (part.length === 0) return out;
      out.push(...part);
      off = part[part.length - 1].offset;
    }
  }

  fsync(fid: number, datasync = 0): void {
    this.rpc(Msg.Tfsync, (w) => w.u32(fid).u32(datasync));
  }

  lock(fid: number, type: number, flags = 0): number {
    return this.rpc(Msg.Tlock, (w) => w.u32(fid).u8(type).u32(flags).u64(0).u64(0).u32(1).str("client")).u8();
  }

  getlock(fid: number, type: number): { type: number; start: number; length: number; procId: number; clientId: string } {
    const r = this.rpc(Msg.Tgetlock, (w) => w.u32(fid).u8(type).u64(5).u64(10).u32(42).str("client"));
    return { type: r.u8(), start: r.u64(), length: r.u64(), procId: r.u32(), clientId: r.str() };
  }

  mkdir(dfid: number, name: string, mode: number, gid = 0): Qid {
    return this.rpc(Msg.Tmkdir, (w) => w.u32(dfid).str(name).u32(mode).u32(gid)).qid();
  }

  symlink(dfid: number, name: string, target: string, gid = 0): Qid {
    return this.rpc(Msg.Tsymlink, (w) => w.u32(dfid).str(name).str(target).u32(gid)).qid();
  }

  mknod(dfid: number, name: string, mode: number, major = 0, minor = 0, gid = 0): Qid {
    return this.rpc(Msg.Tmknod, (w) => w.u32(dfid).str(name).u32(mode).u32(major).u32(minor).u32(gid)).qid();
  }

  link(dfid: number, fid: number, name: string): void {
    this.rpc(Msg.Tlink, (w) => w.u32(dfid).u32(fid).str(name));
  }

  readlink(fid: number): string {
    return this.rpc(Msg.Treadlink, (w) => w.u32(fid)).str();
  }

  unlinkat(dfid: number, name: string, flags = 0): void {
    this.rpc(Msg.Tunlinkat, (w) => w.u32(dfid).str(name).u32(flags));
  }

  renameat(olddir: number, oldName: string, newdir: number, newName: string): void {
    this.rpc(Msg.Trenameat, (w) => w.u32(olddir).str(oldName).u32(newdir).str(newName));
  }

  rename(fid: number, dfid: number, name: string): void {
    this.rpc(Msg.Trename, (w) => w.u32(fid).u32(dfid).str(name));
  }

  statfs(fid: number): {
    type: number;
    bsize: number;
    blocks: number;
    bfree: number;
    bavail: number;
    files: number;
    ffree: number;
    namelen: number;
  } {
    const r = this.rpc(Msg.Tstatfs, (w) => w.u32(fid));
    const type = r.u32();
    const bsize = r.u32();
    const blocks = r.u64();
    const bfree = r.u64();
    const bavail = r.u64();
    const files = r.u64();
    const ffree = r.u64();
    r.u64();
    return { type, bsize, blocks, bfree, bavail, files, ffree, namelen: r.u32() };
  }

  xattrwalk(fid: number, newfid: number, name: string): number {
    return this.rpc(Msg.Txattrwalk, (w) => w.u32(fid).u32(newfid).str(name)).u64();
  }

  xattrcreate(fid: number, name: string, size: number, flags = 0): void {
    this.rpc(Msg.Txattrcreate, (w) => w.u32(fid).str(name).u64(size).u32(flags));
  }

  flush(oldtag: number): void {
    this.rpc(Msg.Tflush, (w) => w.u16(oldtag));
  }
}

/** The errno a call fails with, or 0 if it succeeds. */
export function errnoOf(f: () => unknown): number {
  try {
    f();
    return 0;
  } catch (e) {
    if (e instanceof P9Err) return e.errno;
    throw e;
  }
}
