// The 9P2000.L server does what Linux's v9fs asks of it, on every backend. One script of requests
// (create, write, read, append, truncate, mkdir, symlink, hard link, rename with fids below it,
// setattr, readdir in small pieces, unlink, open-unlinked files, sparse files, statfs, locks,
// xattrs) runs against the in-memory tree and against a host directory; for the host directory
// every effect is checked with node:fs on the real files (the reference), and the in-memory tree
// must give the same answers as the host directory, request for request.
import { lstatSync, readFileSync, readlinkSync, readdirSync, statfsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { EEXIST, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EOPNOTSUPP } from "../../src/hw/9p/errno.ts";
import {
  AT_REMOVEDIR,
  ATTR_ATIME,
  ATTR_ATIME_SET,
  ATTR_MODE,
  ATTR_MTIME,
  ATTR_MTIME_SET,
  ATTR_SIZE,
  DOTL_APPEND,
  DOTL_EXCL,
  DOTL_RDONLY,
  DOTL_RDWR,
  DOTL_TRUNC,
  DOTL_WRONLY,
  P9_NOFID,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  V9FS_MAGIC,
} from "../../src/hw/9p/protocol.ts";
import { NinePServer } from "../../src/hw/9p/server.ts";
import { SeededRandom } from "../../src/hw/virtio-rng.ts";
import { P9Client, errnoOf } from "./9p-client.ts";
import { hostFixture, memFixture, type Fixture } from "./9p-fixtures.ts";

const ROOT = 1;
const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * The script: returns a transcript (what the guest sees, without inode numbers and clock times)
 * and calls `host` at points where the host backend's files are checked.
 */
function script(fx: Fixture, host: (step: string) => void): string[] {
  const c = new P9Client(new NinePServer(fx.fs));
  const t: string[] = [];
  const log = (s: string) => t.push(s);
  let fid = 10;
  const walk = (names: string[]) => {
    const f = fid++;
    c.walk(ROOT, f, names);
    return f;
  };
  const tryErr = (name: string, f: () => unknown) => log(`${name}: ${errnoOf(f)}`);

  log(`version ${JSON.stringify(c.version(1 << 16))}`);
  log(`root is a directory: ${(c.getattr((c.attach(ROOT), ROOT)).mode & S_IFMT) === S_IFDIR}`);

  // create, write, read
  const nf = walk([]);
  const cr = c.lcreate(nf, "new.txt", DOTL_RDWR, 0o640);
  log(`lcreate iounit ${cr.iounit} type ${cr.qid.type}`);
  log(`write ${c.write(nf, 0, enc.encode("hello world"))} ${c.write(nf, 11, enc.encode("!!"))}`);
  log(`read "${dec.decode(c.read(nf, 0, 100))}" "${dec.decode(c.read(nf, 6, 5))}" eof ${c.read(nf, 13, 10).length}`);
  const a1 = c.getattr(nf);
  log(`getattr size ${a1.size} mode ${a1.mode.toString(8)} nlink ${a1.nlink} blocks>0 ${a1.blocks > 0} valid ${a1.valid}`);
  host("created new.txt");
  tryErr("lcreate exclusive on an existing name", () => c.lcreate(walk([]), "new.txt", DOTL_RDWR | DOTL_EXCL, 0o644));
  c.fsync(nf);
  c.fsync(nf, 1);
  log(`lock ${c.lock(nf, 1)} getlock ${JSON.stringify(c.getlock(nf, 1))}`);

  // directories, symlinks, hard links
  log(`mkdir type ${c.mkdir(ROOT, "d1", 0o750).type}`);
  tryErr("mkdir existing", () => c.mkdir(ROOT, "d1", 0o750));
  log(`symlink type ${c.symlink(ROOT, "sl", "new.txt").type}`);
  log(`readlink ${c.readlink(walk(["sl"]))}`);
  c.link(ROOT, walk(["new.txt"]), "hl");
  log(`nlink after link ${c.getattr(walk(["new.txt"])).nlink} ${c.getattr(walk(["hl"])).nlink}`);
  log(`same qid ${c.getattr(walk(["hl"])).qid.path === c.getattr(walk(["new.txt"])).qid.path}`);
  tryErr("link a directory", () => c.link(ROOT, walk(["d1"]), "dl"));
  host("links");

  // rename keeps fids pointing at the same objects
  const before = walk(["new.txt"]);
  c.renameat(ROOT, "new.txt", walk(["d1"]), "moved.txt");
  log(`fid follows renameat: size ${c.getattr(before).size}`);
  const below = walk(["d1", "moved.txt"]);
  c.renameat(ROOT, "d1", P9_NOFID, "d2");
  log(`fid below a renamed directory: size ${c.getattr(below).size}`);
  c.rename(below, P9_NOFID, "m2");
  log(`Trename: ${c.walk(ROOT, fid++, ["d2", "m2"]).length} names walked`);
  tryErr("rename a directory below itself", () => c.renameat(ROOT, "d2", walk(["d2"]), "inner"));
  c.mkdir(ROOT, "full", 0o755);
  c.mkdir(walk(["full"]), "x", 0o755);
  tryErr("rename a directory over a non-empty one", () => c.renameat(ROOT, "d2", ROOT, "full"));
  tryErr("rename a file over a directory", () => c.renameat(ROOT, "hl", ROOT, "full"));
  tryErr("rename a directory over a file", () => c.renameat(ROOT, "full", ROOT, "hl"));
  tryErr("rename a missing name", () => c.renameat(ROOT, "nope", ROOT, "x"));
  host("renamed");

  // setattr
  const m2 = walk(["d2", "m2"]);
  c.setattr(m2, { valid: ATTR_MODE, mode: 0o604 });
  c.setattr(m2, { valid: ATTR_SIZE, size: 5 });
  c.setattr(m2, { valid: ATTR_SIZE, size: 3 * 65536 + 7 });
  const grown = walk(["d2", "m2"]);
  c.lopen(grown, DOTL_RDONLY);
  const g = c.read(grown, 0, 1 << 16);
  log(`extended by truncate: ${dec.decode(g.subarray(0, 5))} then zeros ${g.subarray(5).every((b) => b === 0)} (${g.length})`);
  // times last: changing the size sets mtime, as truncate(2) does
  c.setattr(m2, {
    valid: ATTR_ATIME | ATTR_ATIME_SET | ATTR_MTIME | ATTR_MTIME_SET,
    atime: [1_600_000_000, 5],
    mtime: [1_500_000_000, 123456789],
  });
  const a2 = c.getattr(m2);
  log(`setattr: mode ${a2.mode.toString(8)} size ${a2.size} atime ${a2.atimeSec} mtime ${a2.mtimeSec}`);
  host("setattr");
  // before 1970 (touch -d 1969-12-31): seconds are signed on the wire, nanoseconds stay in [0, 1e9)
  c.setattr(m2, {
    valid: ATTR_ATIME | ATTR_ATIME_SET | ATTR_MTIME | ATTR_MTIME_SET,
    atime: [-1, 250_000_000],
    mtime: [-315_619_200, 0],
  });
  const a3 = c.getattr(m2);
  log(`setattr before 1970: atime ${a3.atimeSec}.${a3.atimeNsec} mtime ${a3.mtimeSec}.${a3.mtimeNsec}`);
  host("setattr before 1970");

  // open flags: TRUNC, APPEND, WRONLY
  const tr = walk(["d2", "m2"]);
  c.lopen(tr, DOTL_WRONLY | DOTL_TRUNC);
  log(`O_TRUNC size ${c.getattr(tr).size}`);
  tryErr("read on a write-only fid", () => c.read(tr, 0, 10));
  c.write(tr, 0, enc.encode("abc"));
  const ap = walk(["d2", "m2"]);
  c.lopen(ap, DOTL_WRONLY | DOTL_APPEND);
  c.write(ap, 0, enc.encode("def"));
  const rd = walk(["d2", "m2"]);
  c.lopen(rd, DOTL_RDONLY);
  log(`O_APPEND wrote at the end: ${dec.decode(c.read(rd, 0, 100))}`);
  tryErr("write on a read-only fid", () => c.write(rd, 0, enc.encode("x")));

  // readdir in small pieces, as Linux continues from the last entry's offset
  for (let i = 0; i < 40; i++) c.lcreate(walk(["d2"]), `entry-${String(i).padStart(3, "0")}-${"x".repeat(i)}`, DOTL_RDWR, 0o644);
  const dir = walk(["d2"]);
  c.lopen(dir, DOTL_RDONLY);
  const small = c.readdirAll(dir, 200);
  const big = c.readdirAll(dir, 1 << 15);
  log(
    `readdir: ${small.length} entries, same in small and big pieces ${JSON.stringify(small.map((e) => e.name)) === JSON.stringify(big.map((e) => e.name))}`,
  );
  log(
    `readdir names: ${
      small
        .map((e) => e.name)
        .sort()
        .join(",").length
    }`,
  );
  log(`readdir types: ${[...new Set(small.map((e) => e.type))].sort().join(",")}`);
  log(`readdir offsets increase: ${small.every((e, i) => i === 0 || e.offset > small[i - 1].offset)}`);
  host("readdir");

  // unlink, rmdir
  tryErr("unlinkat a non-empty directory", () => c.unlinkat(ROOT, "full", AT_REMOVEDIR));
  tryErr("unlinkat a directory without AT_REMOVEDIR", () => c.unlinkat(walk(["full"]), "x"));
  tryErr("unlinkat AT_REMOVEDIR on a file", () => c.unlinkat(ROOT, "hl", AT_REMOVEDIR));
  tryErr("unlinkat a missing name", () => c.unlinkat(ROOT, "nope"));
  c.unlinkat(walk(["full"]), "x", AT_REMOVEDIR);
  c.unlinkat(ROOT, "full", AT_REMOVEDIR);
  const sl = walk(["sl"]);
  c.remove(sl);
  tryErr("the removed symlink", () => c.walk(ROOT, fid++, ["sl"]));
  host("unlinked");

  // an open file stays usable after its last name is gone
  const tmp = walk([]);
  c.lcreate(tmp, "tmpfile", DOTL_RDWR, 0o600);
  c.write(tmp, 0, enc.encode("still here"));
  c.unlinkat(ROOT, "tmpfile");
  log(`unlinked open file: "${dec.decode(c.read(tmp, 0, 100))}" nlink ${c.getattr(tmp).nlink}`);
  c.setattr(tmp, { valid: ATTR_SIZE, size: 5 });
  log(`unlinked open file truncated: "${dec.decode(c.read(tmp, 0, 100))}"`);
  c.clunk(tmp);

  // large and sparse files through msize-sized requests
  const lf = walk([]);
  c.lcreate(lf, "large", DOTL_RDWR, 0o644);
  const rng = new SeededRandom(77);
  const data = new Uint8Array(1 << 20);
  rng.fill(data);
  const chunk = c.server.msize - 24;
  for (let off = 0; off < data.length; off += chunk) c.write(lf, off, data.subarray(off, off + chunk));
  c.write(lf, 10_000_000, enc.encode("tail"));
  const back = new Uint8Array(data.length);
  for (let off = 0; off < data.length;) {
    const part = c.read(lf, off, data.length - off);
    back.set(part, off);
    off += part.length;
  }
  log(`large file round trip ${Buffer.compare(back, data) === 0} size ${c.getattr(lf).size}`);
  log(`hole reads zeros ${c.read(lf, 5_000_000, 1000).every((b) => b === 0)} tail "${dec.decode(c.read(lf, 10_000_000, 100))}"`);
  host("large");

  // mknod, statfs, xattrs
  log(`mknod regular type ${c.mknod(ROOT, "node", S_IFREG | 0o644).type}`);
  log(
    `mknod type 0 means regular: ${errnoOf(() => c.mknod(ROOT, "node0", 0o644))} ${(c.getattr(walk(["node0"])).mode & S_IFMT) === S_IFREG}`,
  );
  tryErr("mknod a directory type", () => c.mknod(ROOT, "nd", S_IFDIR | 0o755));
  const sf = c.statfs(ROOT);
  log(`statfs namelen ${sf.namelen} bsize>0 ${sf.bsize > 0} blocks>=bfree ${sf.blocks >= sf.bfree}`);
  const xf = fid++;
  log(`xattr list size ${c.xattrwalk(ROOT, xf, "")} read ${c.read(xf, 0, 100).length}`);
  tryErr("xattr get", () => c.xattrwalk(ROOT, fid++, "user.comment"));
  tryErr("xattr set", () => c.xattrcreate(walk([]), "user.comment", 3));
  host("end");
  c.server.reset();
  return t;
}

describe("9P2000.L requests against a host directory, checked with node:fs", () => {
  let fx: Fixture;
  afterEach(() => fx.dispose());
  for (const procFd of [true, false])
    test(procFd ? "through /proc/self/fd" : "with path checks", () => {
      fx = hostFixture(procFd);
      const S = fx.share!;
      script(fx, (step) => {
        const st = (p: string) => lstatSync(join(S, p));
        switch (step) {
          case "created new.txt":
            expect(readFileSync(join(S, "new.txt"), "utf8")).toBe("hello world!!");
            expect(st("new.txt").mode & 0o7777).toBe(0o640); // exact, whatever the umask
            break;
          case "links":
            expect(st("d1").mode & 0o7777).toBe(0o750);
            expect(readlinkSync(join(S, "sl"))).toBe("new.txt");
            expect(st("hl").ino).toBe(st("new.txt").ino);
            break;
          case "renamed":
            expect(readdirSync(join(S, "d2"))).toEqual(["m2"]);
            expect(readFileSync(join(S, "d2/m2"), "utf8")).toBe("hello world!!");
            break;
          case "setattr": {
            const s = st("d2/m2");
            expect(s.mode & 0o7777).toBe(0o604);
            expect(s.size).toBe(3 * 65536 + 7);
            expect(Math.floor(s.mtimeMs / 1000)).toBe(1_500_000_000);
            expect(Math.floor(s.atimeMs / 1000)).toBe(1_600_000_000);
            break;
          }
          case "setattr before 1970": {
            const s = lstatSync(join(S, "d2/m2"), { bigint: true });
            expect(s.atimeNs).toBe(-750_000_000n);
            expect(s.mtimeNs).toBe(-315_619_200_000_000_000n);
            break;
          }
          case "readdir":
            expect(readdirSync(join(S, "d2")).length).toBe(41);
            break;
          case "unlinked":
            expect(readdirSync(S).sort()).toEqual(["d2", "dir", "f", "hl", "link_abs", "link_file", "link_rel", "sub"]);
            break;
          case "large": {
            const s = st("large");
            expect(s.size).toBe(10_000_004);
            expect(s.blocks * 512).toBeLessThan(4 << 20); // sparse on the host too
            break;
          }
          case "end": {
            const sf = statfsSync(S);
            const c = new P9Client(new NinePServer(fx.fs));
            c.version();
            c.attach(ROOT);
            const mine = c.statfs(ROOT);
            expect([mine.type, mine.bsize, mine.blocks, mine.files]).toEqual([sf.type, sf.bsize, sf.blocks, sf.files]);
            c.server.reset();
            break;
          }
        }
      });
    });
});

describe("the in-memory tree answers as the host directory does", () => {
  test("request for request", () => {
    const hfx = hostFixture(true);
    const mfx = memFixture();
    try {
      const onHost = script(hfx, () => {});
      const inMemory = script(mfx, () => {});
      if (process.env["TCIEMU_9P_TRANSCRIPT"]) console.log(onHost.join("\n"));
      // statfs and mknod of special files differ by nature; everything else must be equal
      expect(inMemory).toEqual(onHost);
      expect(onHost.join("\n")).toContain(`xattr get: ${EOPNOTSUPP}`);
      expect(onHost).toContain(`lcreate exclusive on an existing name: ${EEXIST}`);
      expect(onHost).toContain(`rename a directory over a non-empty one: ${ENOTEMPTY}`);
      expect(onHost).toContain(`rename a file over a directory: ${EISDIR}`);
      expect(onHost).toContain(`rename a directory over a file: ${ENOTDIR}`);
      expect(onHost).toContain(`unlinkat a missing name: ${ENOENT}`);
    } finally {
      hfx.dispose();
      mfx.dispose();
    }
  });

  test("special files: the in-memory tree keeps FIFOs and device nodes; a host directory cannot make them (Node has no mknod)", () => {
    const mfx = memFixture();
    const hfx = hostFixture(true);
    try {
      for (const [fx, fifo, dev] of [
        [mfx, 0, 0],
        [hfx, EOPNOTSUPP, 1 /* EPERM */],
      ] as const) {
        const c = new P9Client(new NinePServer(fx.fs));
        c.version();
        c.attach(ROOT);
        expect(errnoOf(() => c.mknod(ROOT, "fifo", S_IFIFO | 0o644))).toBe(fifo);
        expect(errnoOf(() => c.mknod(ROOT, "null", 0o020000 | 0o666, 1, 3))).toBe(dev);
        if (fx === mfx) {
          const n = fx.fs.lstat(["null"]);
          expect([n.mode & S_IFMT, n.rdev]).toEqual([0o020000, 0x103]);
          expect(errnoOf(() => c.lopen((c.walk(ROOT, 5, ["fifo"]), 5), DOTL_RDONLY))).toBe(6 /* ENXIO */);
          expect(c.statfs(ROOT).type).toBe(V9FS_MAGIC);
        }
        c.server.reset();
      }
      expect(S_IFLNK).toBe(0o120000);
    } finally {
      mfx.dispose();
      hfx.dispose();
    }
  });
});
