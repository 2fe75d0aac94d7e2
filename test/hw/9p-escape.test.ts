// Nothing the guest sends reaches outside the shared directory, and every hostile or malformed
// request gets the 9P error Linux's v9fs gets from QEMU's server, on every backend (in-memory tree,
// host directory through /proc/self/fd, host directory with path checks), driven through the
// protocol codec as a guest would:
//   ".." walks at the root; names with "/" or NUL, empty, ".", ".."; absolute and relative
//   symlinks out of the share; symlink races (directories and files replaced by symlinks after the
//   guest walked to them); huge counts and sizes; truncated, inconsistent and random messages;
//   unknown fids; reused tags; fid and open-file limits; a read-only export.
// For the host backends the tree outside the share is hashed before and after every test, and no
// file descriptor may leak.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  E2BIG,
  EEXIST,
  EFBIG,
  EINVAL,
  EISDIR,
  ELOOP,
  EMSGSIZE,
  ENAMETOOLONG,
  ENFILE,
  ENOENT,
  ENOTDIR,
  ENOTEMPTY,
  EOPNOTSUPP,
  EPROTO,
  EROFS,
} from "../../src/hw/9p/errno.ts";
import {
  AT_REMOVEDIR,
  ATTR_MODE,
  ATTR_MTIME,
  ATTR_MTIME_SET,
  ATTR_SIZE,
  DOTL_APPEND,
  DOTL_RDONLY,
  DOTL_RDWR,
  DOTL_TRUNC,
  DOTL_WRONLY,
  Msg,
  P9_NOFID,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
} from "../../src/hw/9p/protocol.ts";
import { MAX_MSIZE, NinePServer, type NinePServerOptions } from "../../src/hw/9p/server.ts";
import { WireWriter } from "../../src/hw/9p/wire.ts";
import { SeededRandom } from "../../src/hw/virtio-rng.ts";
import { P9Client, errnoOf } from "./9p-client.ts";
import { FIXTURES, openFdCount, type Fixture } from "./9p-fixtures.ts";

const ROOT = 1;
const enc = new TextEncoder();
const dec = new TextDecoder();

function connect(fx: Fixture, opts: NinePServerOptions = {}): P9Client {
  const c = new P9Client(new NinePServer(fx.fs, opts));
  c.version(1 << 17);
  c.attach(ROOT);
  return c;
}

/** A fresh fid walked from the root to `names` (full walk required). */
let nextFid = 100;
function walkTo(c: P9Client, names: string[]): number {
  const fid = nextFid++;
  const q = c.walk(ROOT, fid, names);
  if (q.length !== names.length) throw new Error(`walk to ${names.join("/")} stopped after ${q.length}`);
  return fid;
}

for (const { name, make } of FIXTURES) {
  describe(name, () => {
    let fx: Fixture;
    let c: P9Client;
    let outside0: string;
    let fds0: number;
    beforeEach(() => {
      fds0 = openFdCount();
      fx = make();
      outside0 = fx.outsideDigest();
      c = connect(fx);
    });
    afterEach(() => {
      expect(fx.outsideDigest(), "the tree outside the share changed").toBe(outside0);
      c.server.reset();
      fx.dispose();
      expect(openFdCount(), "file descriptors leaked").toBe(fds0);
    });

    test('".." at the root stays at the root', () => {
      const root = c.getattr(ROOT).qid;
      const q = c.walk(ROOT, 2, ["..", "..", ".."]);
      expect(q).toEqual([root, root, root]);
      expect(c.getattr(2).qid).toEqual(root);
      // climbing out and back down by name finds nothing
      expect(c.walk(ROOT, 3, ["..", "outside", "secret"])).toEqual([root]);
      expect(errnoOf(() => c.getattr(3))).toBe(ENOENT); // a partial walk creates no fid
      expect(c.walk(ROOT, 4, ["sub", "..", "..", "..", "dir", "file"]).length).toBe(6);
      c.lopen(4, DOTL_RDONLY);
      expect(dec.decode(c.read(4, 0, 100))).toBe("inside");
      // ".." below a file: not a directory
      expect(c.walk(ROOT, 5, ["f", ".."]).length).toBe(1);
      // the root's ".." entry in readdir is the root itself
      c.walk(ROOT, 6, []);
      c.lopen(6, DOTL_RDONLY);
      const dots = c.readdirAll(6).filter((e) => e.name === "." || e.name === "..");
      expect(dots.map((e) => e.qid.path)).toEqual([root.path, root.path]);
    });

    test("names with '/', NUL, empty, too long are refused everywhere", () => {
      for (const bad of ["a/b", "../outside", "/etc", "", "x\0y", "dir/"]) {
        expect(
          errnoOf(() => c.walk(ROOT, 2, [bad])),
          `walk ${JSON.stringify(bad)}`,
        ).toBe(ENOENT);
        expect(errnoOf(() => c.walk(ROOT, 2, ["dir", bad]))).toBe(ENOENT);
        const d = walkTo(c, []);
        expect(errnoOf(() => c.lcreate(d, bad, DOTL_RDWR, 0o644))).toBe(ENOENT);
        expect(errnoOf(() => c.mkdir(ROOT, bad, 0o755))).toBe(ENOENT);
        expect(errnoOf(() => c.symlink(ROOT, bad, "x"))).toBe(ENOENT);
        expect(errnoOf(() => c.mknod(ROOT, bad, S_IFREG | 0o644))).toBe(ENOENT);
        expect(errnoOf(() => c.link(ROOT, walkTo(c, ["f"]), bad))).toBe(ENOENT);
        expect(errnoOf(() => c.renameat(ROOT, "f", ROOT, bad))).toBe(ENOENT);
        expect(errnoOf(() => c.renameat(ROOT, bad, ROOT, "g"))).toBe(ENOENT);
        expect(errnoOf(() => c.rename(walkTo(c, ["f"]), ROOT, bad))).toBe(ENOENT);
        expect(errnoOf(() => c.unlinkat(ROOT, bad))).toBe(ENOENT);
      }
      for (const dot of [".", ".."]) {
        const d = walkTo(c, []);
        expect(errnoOf(() => c.lcreate(d, dot, DOTL_RDWR, 0o644))).toBe(EEXIST);
        expect(errnoOf(() => c.mkdir(ROOT, dot, 0o755))).toBe(EEXIST);
        expect(errnoOf(() => c.symlink(ROOT, dot, "x"))).toBe(EEXIST);
        expect(errnoOf(() => c.mknod(ROOT, dot, S_IFREG))).toBe(EEXIST);
        expect(errnoOf(() => c.link(ROOT, walkTo(c, ["f"]), dot))).toBe(EEXIST);
        expect(errnoOf(() => c.renameat(ROOT, "f", ROOT, dot))).toBe(EISDIR);
        expect(errnoOf(() => c.renameat(ROOT, dot, ROOT, "g"))).toBe(EISDIR);
        expect(errnoOf(() => c.rename(walkTo(c, ["f"]), ROOT, dot))).toBe(EISDIR);
      }
      expect(errnoOf(() => c.unlinkat(ROOT, "."))).toBe(EINVAL);
      expect(errnoOf(() => c.unlinkat(ROOT, ".."))).toBe(ENOTEMPTY);
      const long = "n".repeat(256);
      expect(errnoOf(() => c.walk(ROOT, 2, [long]))).toBe(ENAMETOOLONG);
      expect(errnoOf(() => c.mkdir(ROOT, long, 0o755))).toBe(ENAMETOOLONG);
      expect(c.mkdir(ROOT, "n".repeat(255), 0o755).type).toBe(0x80);
      // symlink targets
      expect(errnoOf(() => c.symlink(ROOT, "t1", ""))).toBe(ENOENT);
      expect(errnoOf(() => c.symlink(ROOT, "t2", "a\0b"))).toBe(EINVAL);
      expect(errnoOf(() => c.symlink(ROOT, "t3", "x".repeat(4096)))).toBe(ENAMETOOLONG);
      // the root cannot be removed or renamed
      expect(errnoOf(() => c.rename(walkTo(c, []), ROOT, "newroot"))).toBe(16 /* EBUSY */);
      expect(errnoOf(() => c.remove(walkTo(c, [])))).toBe(16);
    });

    test("symlinks out of the share are never followed", () => {
      for (const link of ["link_abs", "link_rel"]) {
        // walking through the link stops at the link
        const q = c.walk(ROOT, 2, [link, "secret"]);
        expect(q.length).toBe(1);
        expect(q[0].type).toBe(0x02);
        expect(errnoOf(() => c.getattr(2))).toBe(ENOENT);
        const l = walkTo(c, [link]);
        expect(c.getattr(l).mode & S_IFMT).toBe(S_IFLNK);
        expect(errnoOf(() => c.lopen(l, DOTL_RDONLY))).toBe(ELOOP);
        expect(errnoOf(() => c.walk(l, 3, ["secret"]))).toBe(ENOTDIR);
        const l2 = walkTo(c, [link]);
        expect(errnoOf(() => c.lcreate(l2, "planted", DOTL_RDWR, 0o644))).toBe(ENOTDIR);
        expect(errnoOf(() => c.mkdir(l, "planted", 0o755))).toBe(ENOTDIR);
        expect(errnoOf(() => c.symlink(l, "planted", "x"))).toBe(ENOTDIR);
        expect(errnoOf(() => c.mknod(l, "planted", S_IFREG))).toBe(ENOTDIR);
        expect(errnoOf(() => c.link(l, walkTo(c, ["f"]), "planted"))).toBe(ENOTDIR);
        expect(errnoOf(() => c.unlinkat(l, "secret"))).toBe(ENOTDIR);
        expect(errnoOf(() => c.renameat(l, "secret", ROOT, "stolen"))).toBe(ENOTDIR);
        expect(errnoOf(() => c.renameat(ROOT, "f", l, "planted"))).toBe(ENOTDIR);
        expect(errnoOf(() => c.xattrwalk(l, 4, "user.x"))).toBe(EOPNOTSUPP);
      }
      const lf = walkTo(c, ["link_file"]);
      const a = c.getattr(lf);
      expect(a.mode & S_IFMT).toBe(S_IFLNK); // the link, not the secret behind it
      expect(errnoOf(() => c.lopen(lf, DOTL_RDWR | DOTL_TRUNC))).toBe(ELOOP);
      expect(errnoOf(() => c.setattr(lf, { valid: ATTR_SIZE, size: 0 }))).toBe(ELOOP);
      expect(errnoOf(() => c.setattr(lf, { valid: ATTR_MODE, mode: 0o777 }))).toBe(EOPNOTSUPP);
      c.setattr(lf, { valid: ATTR_MTIME | ATTR_MTIME_SET, mtime: [1000, 0] }); // the link's own time
      expect(c.getattr(lf).mtimeSec).toBe(1000);
      // a hard link to the link is another link, not the target
      c.link(ROOT, lf, "hl");
      const hl = walkTo(c, ["hl"]);
      expect(c.getattr(hl).mode & S_IFMT).toBe(S_IFLNK);
      expect(c.readlink(hl)).toBe(c.readlink(lf));
    });

    test("a directory replaced by a symlink after the walk (symlink race)", () => {
      const d = walkTo(c, ["dir"]);
      const file = walkTo(c, ["dir", "file"]);
      const dOpen = walkTo(c, ["dir"]);
      c.lopen(dOpen, DOTL_RDONLY);
      fx.swapToSymlink("dir", "outside-dir");
      expect(errnoOf(() => c.getattr(file))).toBe(ENOTDIR);
      expect(errnoOf(() => c.lopen(walkTo2(c, file), DOTL_RDWR | DOTL_TRUNC))).toBe(ENOTDIR);
      expect(c.getattr(d).mode & S_IFMT).toBe(S_IFLNK);
      expect(errnoOf(() => c.lopen(walkTo2(c, d), DOTL_RDONLY))).toBe(ELOOP);
      expect(errnoOf(() => c.walk(d, 50, ["file"]))).toBe(ENOTDIR);
      expect(errnoOf(() => c.lcreate(walkTo2(c, d), "planted", DOTL_RDWR, 0o644))).toBe(ENOTDIR);
      expect(errnoOf(() => c.mkdir(d, "planted", 0o755))).toBe(ENOTDIR);
      expect(errnoOf(() => c.symlink(d, "planted", "x"))).toBe(ENOTDIR);
      expect(errnoOf(() => c.mknod(d, "planted", S_IFREG))).toBe(ENOTDIR);
      expect(errnoOf(() => c.unlinkat(d, "file"))).toBe(ENOTDIR);
      expect(errnoOf(() => c.renameat(d, "file", ROOT, "stolen"))).toBe(ENOTDIR);
      expect(errnoOf(() => c.link(ROOT, file, "stolen"))).toBe(ENOTDIR);
      expect(errnoOf(() => c.setattr(file, { valid: ATTR_SIZE, size: 0 }))).toBe(ENOTDIR);
      expect(errnoOf(() => c.setattr(file, { valid: ATTR_MODE, mode: 0o777 }))).toBe(ENOTDIR);
      expect(errnoOf(() => c.statfs(file))).toBe(ENOTDIR);
      expect(errnoOf(() => c.readlink(file))).toBe(ENOTDIR);
      expect(errnoOf(() => c.remove(walkTo2(c, file)))).toBe(ENOTDIR);
      // the directory opened before the swap lists what it listed: the original, inside the share
      const names = c
        .readdirAll(dOpen)
        .map((e) => e.name)
        .sort();
      expect(names).toEqual([".", "..", "file"]);
    });

    test("a file replaced by a symlink after the walk (symlink race)", () => {
      const f = walkTo(c, ["f"]);
      const fOpen = walkTo(c, ["f"]);
      c.lopen(fOpen, DOTL_RDWR);
      fx.swapToSymlink("f", "outside-secret");
      expect(c.getattr(f).mode & S_IFMT).toBe(S_IFLNK);
      expect(errnoOf(() => c.lopen(walkTo2(c, f), DOTL_RDONLY))).toBe(ELOOP);
      expect(errnoOf(() => c.lopen(walkTo2(c, f), DOTL_WRONLY | DOTL_TRUNC))).toBe(ELOOP);
      expect(errnoOf(() => c.setattr(f, { valid: ATTR_SIZE, size: 0 }))).toBe(ELOOP);
      expect(errnoOf(() => c.setattr(f, { valid: ATTR_MODE, mode: 0o777 }))).toBe(EOPNOTSUPP);
      // the fid opened before the swap still reaches the original file (now f.orig), not the secret
      expect(dec.decode(c.read(fOpen, 0, 100))).toBe("file at root");
      c.write(fOpen, 0, enc.encode("FILE"));
      c.setattr(fOpen, { valid: ATTR_SIZE, size: 4 });
      const orig = walkTo(c, ["f.orig"]);
      c.lopen(orig, DOTL_RDONLY);
      expect(dec.decode(c.read(orig, 0, 100))).toBe("FILE");
    });

    test("huge counts and sizes are capped or refused", () => {
      const f = walkTo(c, ["dir", "file"]);
      c.lopen(f, DOTL_RDWR);
      // Tread: the count is capped by msize and by the reply buffer
      expect(c.read(f, 0, 0xffffffff).length).toBe(6);
      const big = walkTo(c, []);
      c.lcreate(big, "big", DOTL_RDWR, 0o644);
      c.write(big, 0, new Uint8Array(300_000).fill(7));
      expect(c.read(big, 0, 0xffffffff).length).toBe((1 << 17) - 11);
      expect(c.read(big, 0, 0xffffffff, 100).length).toBe(89);
      expect(c.read(big, 2 ** 53 + 10, 10).length).toBe(0);
      expect(errnoOf(() => c.read(big, 2 ** 63, 10))).toBe(EINVAL);
      expect(errnoOf(() => c.write(big, 2 ** 63, new Uint8Array(1)))).toBe(EINVAL);
      expect(errnoOf(() => c.write(big, 2 ** 53, new Uint8Array(1)))).toBe(EFBIG);
      expect(errnoOf(() => c.setattr(big, { valid: ATTR_SIZE, size: 2 ** 60 }))).toBe(EFBIG);
      // Twrite whose count is larger than its data
      expect(
        errnoOf(() =>
          c.rpc(Msg.Twrite, (w) =>
            w
              .u32(big)
              .u64(0)
              .u32(1 << 30)
              .bytes(new Uint8Array(10)),
          ),
        ),
      ).toBe(EPROTO);
      // Treaddir: capped to the reply buffer
      const d = walkTo(c, []);
      c.lopen(d, DOTL_RDONLY);
      expect(c.readdir(d, 0, 0xffffffff).length).toBeGreaterThan(3);
      expect(c.rpc(Msg.Treaddir, (w) => w.u32(d).u64(0).u32(0xffffffff), { replyLen: 40 }).u32()).toBeLessThanOrEqual(40 - 11);
      expect(c.readdir(d, 2 ** 53, 8192)).toEqual([]);
      // Twalk: more than 16 names
      expect(errnoOf(() => c.walk(ROOT, 2, new Array(17).fill("sub")))).toBe(EINVAL);
      expect(errnoOf(() => c.rpc(Msg.Twalk, (w) => w.u32(ROOT).u32(2).u16(0xffff)))).toBe(EINVAL);
      expect(c.walk(ROOT, 2, new Array(16).fill("..")).length).toBe(16);
      // strings longer than the message
      expect(errnoOf(() => c.rpc(Msg.Tmkdir, (w) => w.u32(ROOT).u16(0xffff).bytes(enc.encode("abc"))))).toBe(EPROTO);
      // Tversion: msize capped, too small refused
      expect(c.version(0xffffffff).msize).toBe(MAX_MSIZE);
      expect(errnoOf(() => c.version(100))).toBe(EMSGSIZE);
      c.version(1 << 17);
      c.attach(ROOT);
      // xattr sizes
      expect(errnoOf(() => c.xattrcreate(ROOT, "user.x", 2 ** 40))).toBe(E2BIG);
      expect(errnoOf(() => c.xattrcreate(ROOT, "user.x", 10, 4))).toBe(EINVAL);
      // a reply that does not fit: EMSGSIZE
      expect(errnoOf(() => c.rpc(Msg.Tgetattr, (w) => w.u32(ROOT).u64(0x7ff), { replyLen: 20 }))).toBe(EMSGSIZE);
      // chains with no tag or no room for an error cannot be answered
      expect(c.server.handle(new Uint8Array(6), new Uint8Array(100))).toBe(-1);
      expect(
        c.server.handle(
          P9Client.build(Msg.Tclunk, 1, (w) => w.u32(5)),
          new Uint8Array(10),
        ),
      ).toBe(-1);
    });

    test("truncated and inconsistent messages get EPROTO", () => {
      const f = walkTo(c, ["dir", "file"]);
      c.lopen(f, DOTL_RDWR);
      const msgs = corpus(f);
      for (const m of msgs) {
        for (let len = 7; len < m.length; len++) {
          // the size field still says the full length: the message is cut short
          const cut = m.slice(0, len);
          const r1 = c.sendRaw(cut);
          expect([r1.type, r1.body.u32(), r1.tag], `type ${m[4]} cut at ${len}`).toEqual([Msg.Rlerror, EPROTO, m[5] | (m[6] << 8)]);
          // the size field agrees with the cut: fields run past the end
          new WireWriter(cut, 0).u32(len);
          const r2 = c.sendRaw(cut);
          expect([r2.type, r2.body.u32()], `type ${m[4]} with size ${len}`).toEqual([Msg.Rlerror, EPROTO]);
        }
        const small = m.slice();
        new WireWriter(small, 0).u32(3);
        expect(c.sendRaw(small).body.u32()).toBe(EPROTO);
      }
      // still healthy
      expect(dec.decode(c.read(f, 0, 100))).toBe("inside");
    });

    test("random messages never break the server", () => {
      const rng = new SeededRandom(20240915);
      const r = () => rng.next32();
      const types = [...Array(128).keys()];
      const buf = new Uint8Array(512);
      let answered = 0;
      for (let i = 0; i < 5000; i++) {
        const len = 7 + (r() % 80);
        rng.fill(buf.subarray(0, len));
        const type = types[r() % types.length];
        const w = new WireWriter(buf, 0).u32(r() % 8 === 0 ? r() : len).u8(r() % 4 === 0 ? r() & 0xff : type & ~1);
        w.u16(r() & 0xffff);
        // small fids and small string lengths make the bytes reach real code paths
        if (len >= 11 && r() % 2) new WireWriter(buf, 7).u32(r() % 8);
        if (len >= 15 && r() % 2) new WireWriter(buf, 11).u32(r() % 8);
        if (len >= 13 && r() % 2) new WireWriter(buf, 11).u16(r() % 12);
        const reply = new Uint8Array(r() % 4 === 0 ? 11 + (r() % 64) : 8192);
        const n = c.server.handle(buf.subarray(0, len), reply);
        expect(n).toBeGreaterThanOrEqual(7);
        expect(n).toBeLessThanOrEqual(reply.length);
        expect(reply[0] | (reply[1] << 8) | (reply[2] << 16)).toBe(n);
        expect(reply[5] | (reply[6] << 8)).toBe(buf[5] | (buf[6] << 8));
        expect([buf[4] + 1, Msg.Rlerror]).toContain(reply[4]);
        answered++;
      }
      expect(answered).toBe(5000);
      // still healthy
      c.server.reset();
      c.version();
      c.attach(ROOT);
      const f = walkTo(c, ["dir", "file"]);
      c.lopen(f, DOTL_RDONLY);
      expect(dec.decode(c.read(f, 0, 100))).toBe("inside");
    });

    test("unknown fids: the errno QEMU gives for each message", () => {
      const X = 999;
      const cases: Array<[string, () => unknown, number]> = [
        ["walk", () => c.walk(X, 2, ["f"]), ENOENT],
        ["lopen", () => c.lopen(X, 0), ENOENT],
        ["lcreate", () => c.lcreate(X, "n", 0, 0o644), ENOENT],
        ["read", () => c.read(X, 0, 10), EINVAL],
        ["write", () => c.write(X, 0, new Uint8Array(1)), EINVAL],
        ["clunk", () => c.clunk(X), ENOENT],
        ["remove", () => c.remove(X), EINVAL],
        ["getattr", () => c.getattr(X), ENOENT],
        ["setattr", () => c.setattr(X, { valid: ATTR_MODE, mode: 0o644 }), EINVAL],
        ["readdir", () => c.readdir(X, 0, 100), EINVAL],
        ["fsync", () => c.fsync(X), ENOENT],
        ["lock", () => c.lock(X, 1), ENOENT],
        ["getlock", () => c.getlock(X, 1), ENOENT],
        ["mkdir", () => c.mkdir(X, "n", 0o755), ENOENT],
        ["symlink", () => c.symlink(X, "n", "t"), EINVAL],
        ["mknod", () => c.mknod(X, "n", S_IFREG), ENOENT],
        ["link (dir)", () => c.link(X, ROOT, "n"), ENOENT],
        ["link (target)", () => c.link(ROOT, X, "n"), ENOENT],
        ["readlink", () => c.readlink(X), ENOENT],
        ["unlinkat", () => c.unlinkat(X, "f"), EINVAL],
        ["renameat", () => c.renameat(X, "f", ROOT, "g"), ENOENT],
        ["renameat (new dir)", () => c.renameat(ROOT, "f", X, "g"), ENOENT],
        ["rename", () => c.rename(X, ROOT, "g"), ENOENT],
        ["statfs", () => c.statfs(X), ENOENT],
        ["xattrwalk", () => c.xattrwalk(X, 2, ""), ENOENT],
        ["xattrcreate", () => c.xattrcreate(X, "user.a", 1), EINVAL],
      ];
      for (const [name, f, errno] of cases) expect(errnoOf(f), name).toBe(errno);
      // fids in use
      expect(errnoOf(() => c.attach(ROOT))).toBe(EINVAL);
      c.walk(ROOT, 2, []);
      expect(errnoOf(() => c.walk(ROOT, 2, ["f"]))).toBe(EINVAL);
      expect(errnoOf(() => c.xattrwalk(ROOT, 2, ""))).toBe(EINVAL);
      // an open fid cannot be walked in place or opened again
      c.lopen(2, DOTL_RDONLY);
      expect(errnoOf(() => c.walk(2, 2, ["f"]))).toBe(EINVAL);
      expect(errnoOf(() => c.lopen(2, DOTL_RDONLY))).toBe(EINVAL);
      // the wrong kind of fid
      expect(errnoOf(() => c.read(2, 0, 10))).toBe(EOPNOTSUPP); // a directory
      const nf = walkTo(c, ["f"]);
      expect(errnoOf(() => c.read(nf, 0, 10))).toBe(EINVAL); // not opened
      expect(errnoOf(() => c.readdir(nf, 0, 100))).toBe(ENOTDIR);
      expect(errnoOf(() => c.fsync(nf))).toBe(9 /* EBADF */);
      expect(errnoOf(() => c.lock(nf, 1))).toBe(9);
      expect(errnoOf(() => c.lock(nf, 1, 2))).toBe(EINVAL);
      expect(errnoOf(() => c.unlinkat(ROOT, "f", 1))).toBe(EINVAL);
      c.clunk(nf);
      expect(errnoOf(() => c.clunk(nf))).toBe(ENOENT);
      // a fid number is reusable after clunk, and a P9_NOFID new fid is just a number
      c.walk(ROOT, nf, ["f"]);
      c.walk(ROOT, P9_NOFID - 1, []);
    });

    test("tags: each request answered on its own, reused tags too, flush answers at once", () => {
      const f = walkTo(c, ["dir", "file"]);
      c.lopen(f, DOTL_RDONLY);
      const req = P9Client.build(Msg.Tread, 7, (w) => w.u32(f).u64(0).u32(100));
      const a = c.sendRaw(req);
      const b = c.sendRaw(req);
      expect([a.tag, a.type, b.tag, b.type]).toEqual([7, Msg.Rread, 7, Msg.Rread]);
      const e = c.sendRaw(P9Client.build(Msg.Tgetattr, 7, (w) => w.u32(12345).u64(0x7ff)));
      expect([e.tag, e.type, e.body.u32()]).toEqual([7, Msg.Rlerror, ENOENT]);
      c.flush(7);
      c.rpc(Msg.Tflush, (w) => w.u16(33), { tag: 33 });
      const nt = c.sendRaw(P9Client.build(Msg.Tclunk, 0xffff, (w) => w.u32(f)));
      expect([nt.tag, nt.type]).toEqual([0xffff, Msg.Rclunk]);
    });

    test("fid and open-file limits", () => {
      const l = connect(fx, { maxFids: 8, maxOpen: 2 });
      for (let i = 2; i <= 8; i++) l.walk(ROOT, i, []);
      expect(errnoOf(() => l.walk(ROOT, 9, []))).toBe(ENFILE);
      l.clunk(8);
      l.lopen(2, DOTL_RDONLY);
      l.lopen(3, DOTL_RDONLY);
      expect(errnoOf(() => l.lopen(4, DOTL_RDONLY))).toBe(ENFILE);
      l.clunk(3);
      l.lopen(4, DOTL_RDONLY);
      l.server.reset();
    });

    test("messages tciemu does not serve get EOPNOTSUPP", () => {
      for (const t of [Msg.Tauth, Msg.Tstat, Msg.Twstat, Msg.Topen, Msg.Tcreate, Msg.Tlerror, 0, 1, 255, Msg.Rread])
        expect(
          errnoOf(() => c.rpc(t, (w) => w.u32(ROOT))),
          `type ${t}`,
        ).toBe(EOPNOTSUPP);
      // 9P2000 and 9P2000.u are not spoken: "unknown", as QEMU answers other versions
      expect(c.version(8192, "9P2000.u").version).toBe("unknown");
      expect(c.version(8192, "9P2000").version).toBe("unknown");
    });

    test("readonly=on refuses every modification with EROFS", () => {
      const before = fx.shareDigest();
      const ro = connect(fx, { readOnly: true });
      const f = nextFid++;
      ro.walk(ROOT, f, ["f"]);
      const d = nextFid++;
      ro.walk(ROOT, d, []);
      const cases: Array<[string, () => unknown]> = [
        ["lopen WRONLY", () => ro.lopen(f, DOTL_WRONLY)],
        ["lopen RDWR", () => ro.lopen(f, DOTL_RDWR)],
        ["lopen TRUNC", () => ro.lopen(f, DOTL_RDONLY | DOTL_TRUNC)],
        ["lopen APPEND", () => ro.lopen(f, DOTL_RDONLY | DOTL_APPEND)],
        ["lcreate", () => ro.lcreate(d, "n", DOTL_RDWR, 0o644)],
        ["write", () => ro.write(f, 0, new Uint8Array(1))],
        ["setattr", () => ro.setattr(f, { valid: ATTR_SIZE, size: 0 })],
        ["mkdir", () => ro.mkdir(ROOT, "n", 0o755)],
        ["symlink", () => ro.symlink(ROOT, "n", "t")],
        ["mknod", () => ro.mknod(ROOT, "n", S_IFIFO | 0o644)],
        ["link", () => ro.link(ROOT, f, "n")],
        ["unlinkat", () => ro.unlinkat(ROOT, "f")],
        ["unlinkat dir", () => ro.unlinkat(ROOT, "sub", AT_REMOVEDIR)],
        ["renameat", () => ro.renameat(ROOT, "f", ROOT, "g")],
        ["rename", () => ro.rename(f, ROOT, "g")],
        ["xattrcreate", () => ro.xattrcreate(f, "user.a", 1)],
        ["remove", () => ro.remove(f)],
      ];
      for (const [name, op] of cases) expect(errnoOf(op), name).toBe(EROFS);
      expect(errnoOf(() => ro.getattr(f))).toBe(ENOENT); // Tremove clunked it all the same
      // reading still works
      const r = nextFid++;
      ro.walk(ROOT, r, ["dir", "file"]);
      ro.lopen(r, DOTL_RDONLY);
      expect(dec.decode(ro.read(r, 0, 100))).toBe("inside");
      ro.fsync(r);
      expect(ro.lock(r, 0)).toBe(0);
      ro.server.reset();
      expect(fx.shareDigest()).toBe(before);
    });
  });
}

/** A fresh clone of `fid` (for messages that consume or change the fid). */
function walkTo2(c: P9Client, fid: number): number {
  const n = nextFid++;
  c.walk(fid, n, []);
  return n;
}

/** One well-formed message of each type, using `f` (an open file fid) and the root fid. */
function corpus(f: number): Uint8Array[] {
  const b = P9Client.build;
  return [
    b(Msg.Tversion, 0xffff, (w) => w.u32(8192).str("9P2000.L")),
    b(Msg.Tattach, 1, (w) => w.u32(77).u32(P9_NOFID).str("u").str("").u32(0)),
    b(Msg.Twalk, 2, (w) => w.u32(ROOT).u32(78).u16(2).str("dir").str("file")),
    b(Msg.Tlopen, 3, (w) => w.u32(f).u32(0)),
    b(Msg.Tlcreate, 4, (w) => w.u32(ROOT).str("new").u32(DOTL_RDWR).u32(0o644).u32(0)),
    b(Msg.Tread, 5, (w) => w.u32(f).u64(0).u32(10)),
    b(Msg.Twrite, 6, (w) => w.u32(f).u64(0).u32(3).bytes(enc.encode("abc"))),
    b(Msg.Tclunk, 7, (w) => w.u32(f)),
    b(Msg.Tremove, 8, (w) => w.u32(f)),
    b(Msg.Tgetattr, 9, (w) => w.u32(f).u64(0x7ff)),
    b(Msg.Tsetattr, 10, (w) => w.u32(f).u32(1).u32(0o644).u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u64(0)),
    b(Msg.Treaddir, 11, (w) => w.u32(ROOT).u64(0).u32(100)),
    b(Msg.Tfsync, 12, (w) => w.u32(f).u32(0)),
    b(Msg.Tlock, 13, (w) => w.u32(f).u8(1).u32(0).u64(0).u64(0).u32(1).str("c")),
    b(Msg.Tgetlock, 14, (w) => w.u32(f).u8(1).u64(0).u64(0).u32(1).str("c")),
    b(Msg.Tmkdir, 15, (w) => w.u32(ROOT).str("d").u32(0o755).u32(0)),
    b(Msg.Tsymlink, 16, (w) => w.u32(ROOT).str("s").str("t").u32(0)),
    b(Msg.Tmknod, 17, (w) => w.u32(ROOT).str("n").u32(S_IFREG).u32(0).u32(0).u32(0)),
    b(Msg.Tlink, 18, (w) => w.u32(ROOT).u32(f).str("l")),
    b(Msg.Treadlink, 19, (w) => w.u32(f)),
    b(Msg.Tunlinkat, 20, (w) => w.u32(ROOT).str("x").u32(0)),
    b(Msg.Trenameat, 21, (w) => w.u32(ROOT).str("a").u32(ROOT).str("b")),
    b(Msg.Trename, 22, (w) => w.u32(f).u32(ROOT).str("b")),
    b(Msg.Tstatfs, 23, (w) => w.u32(ROOT)),
    b(Msg.Txattrwalk, 24, (w) => w.u32(ROOT).u32(79).str("")),
    b(Msg.Txattrcreate, 25, (w) => w.u32(ROOT).str("user.a").u64(1).u32(0)),
    b(Msg.Tflush, 26, (w) => w.u16(5)),
  ];
}
