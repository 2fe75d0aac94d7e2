// Moving trees in and out of the in-memory share (what the browser page offers): our tar writer's
// archives are read back by GNU tar, GNU tar's archives (gnu and pax formats) are read by our
// reader, both ways preserving contents, modes, times, symlinks and hard links; malformed archives
// are refused with TarError and members that would climb out of their destination are skipped.
import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  linkSync,
  writeFileSync,
  chmodSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { MemFs } from "../../src/hw/9p/memfs.ts";
import { S_IFLNK, S_IFMT } from "../../src/hw/9p/protocol.ts";
import { TarError, readTar, writeTar } from "../../src/hw/9p/tar.ts";
import { exportTar, importFiles, importTar, listTree, readFileAt, splitPath, writeFileAt } from "../../src/hw/9p/tree.ts";
import { byteStringToUtf8, utf8ToByteString } from "../../src/hw/9p/wire.ts";
import { SeededRandom } from "../../src/hw/virtio-rng.ts";

const tmp = mkdtempSync(join(tmpdir(), "tciemu-9p-tar-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const enc = new TextEncoder();
const LONG_DIR = "a-rather-long-directory-name-that-goes-on/and-another-long-directory-name-to-pass-one-hundred";
const UTF8 = utf8ToByteString("Grüße ñ.txt");

function random(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  new SeededRandom(seed).fill(b);
  return b;
}

/** A tree with what tar has to get right. */
function sampleTree(): MemFs {
  const fs = new MemFs({ nowMs: () => 1_700_000_000_123 });
  writeFileAt(fs, ["top.txt"], enc.encode("top\n"), { mode: 0o640, mtime: 1_600_000_000 });
  writeFileAt(fs, ["empty"], new Uint8Array(0));
  writeFileAt(fs, ["bin", "big.bin"], random(1_000_003, 1), { mode: 0o755 });
  writeFileAt(fs, [...splitPath(LONG_DIR), "file-with-a-long-name-too.txt"], enc.encode("deep\n"));
  writeFileAt(fs, [UTF8], enc.encode("utf-8\n"));
  fs.symlink([], "link", "bin/big.bin", 0, 0);
  fs.symlink([], "longlink", "x/".repeat(70) + "target", 0, 0);
  fs.link(["top.txt"], [], "hard");
  fs.mkdir([], "emptydir", 0o700, 0, 0);
  return fs;
}

describe("our archives, read by GNU tar", () => {
  test("contents, modes, times, links survive GNU tar's extraction", { timeout: 60_000 }, () => {
    const tarFile = join(tmp, "ours.tar");
    writeFileSync(tarFile, exportTar(sampleTree()));
    const listing = execFileSync("tar", ["-tvf", tarFile], { encoding: "utf8" });
    expect(listing).toMatch(/^h.* top.txt link to hard$/m); // names are sorted: "hard" comes first
    const out = join(tmp, "x1");
    mkdirSync(out);
    execFileSync("tar", ["-xpf", tarFile, "-C", out]);
    const src = sampleTree();
    expect(readFileSync(join(out, "bin/big.bin"))).toEqual(Buffer.from(readFileAt(src, ["bin", "big.bin"])));
    expect(readFileSync(join(out, LONG_DIR, "file-with-a-long-name-too.txt"), "utf8")).toBe("deep\n");
    expect(readFileSync(join(out, "Grüße ñ.txt"), "utf8")).toBe("utf-8\n");
    expect(readlinkSync(join(out, "link"))).toBe("bin/big.bin");
    expect(readlinkSync(join(out, "longlink"))).toBe("x/".repeat(70) + "target");
    expect(lstatSync(join(out, "hard")).ino).toBe(lstatSync(join(out, "top.txt")).ino);
    expect(lstatSync(join(out, "top.txt")).mode & 0o7777).toBe(0o640);
    expect(lstatSync(join(out, "bin/big.bin")).mode & 0o7777).toBe(0o755);
    expect(lstatSync(join(out, "emptydir")).mode & 0o7777).toBe(0o700);
    expect(lstatSync(join(out, "top.txt")).mtimeMs).toBe(1_600_000_000_000);
    expect(lstatSync(join(out, "empty")).size).toBe(0);
  });
});

describe("GNU tar's archives, read by us", () => {
  const src = join(tmp, "host-tree");
  mkdirSync(join(src, LONG_DIR), { recursive: true });
  writeFileSync(join(src, "top.txt"), "top\n");
  chmodSync(join(src, "top.txt"), 0o604);
  utimesSync(join(src, "top.txt"), 1_500_000_000, 1_500_000_000);
  writeFileSync(join(src, LONG_DIR, "f".repeat(120)), random(70_000, 2));
  writeFileSync(join(src, "Grüße ñ.txt"), "utf-8\n");
  symlinkSync("top.txt", join(src, "link"));
  linkSync(join(src, "top.txt"), join(src, "hard"));
  for (const format of ["gnu", "pax", "ustar"])
    test(`--format=${format}`, () => {
      const file = join(tmp, `gnu-${format}.tar`);
      const members = format === "ustar" ? ["top.txt", "link", "hard", "Grüße ñ.txt"] : ["."];
      execFileSync("tar", [`--format=${format}`, "-cf", file, "-C", src, ...members]);
      const fs = new MemFs();
      const report = importTar(fs, new Uint8Array(readFileSync(file)), ["in"]);
      expect(report.skipped).toEqual([]);
      expect(byteStringToUtf8(new TextDecoder().decode(readFileAt(fs, ["in", "top.txt"])))).toBe("top\n");
      const a = fs.lstat(["in", "top.txt"]);
      expect([a.mode & 0o7777, a.mtimeSec, a.nlink]).toEqual([0o604, 1_500_000_000, 2]);
      expect(fs.lstat(["in", "hard"]).ino).toBe(a.ino);
      expect(fs.lstat(["in", "link"]).mode & S_IFMT).toBe(S_IFLNK);
      expect(fs.readlink(["in", "link"])).toBe("top.txt");
      expect(new TextDecoder().decode(readFileAt(fs, ["in", UTF8]))).toBe("utf-8\n");
      if (format !== "ustar") expect(readFileAt(fs, ["in", ...splitPath(LONG_DIR), "f".repeat(120)])).toEqual(random(70_000, 2));
    });
});

describe("round trips and bad archives", () => {
  test("export, import, export gives the same archive", () => {
    const a = exportTar(sampleTree());
    const fs = new MemFs();
    importTar(fs, a);
    expect(Buffer.compare(exportTar(fs), a)).toBe(0);
  });

  test("dropped files land with their folders", () => {
    const fs = new MemFs();
    importFiles(fs, [
      { path: utf8ToByteString("photos/2024/été.jpg"), data: random(5000, 3), mtimeMs: 1_700_000_000_000 },
      { path: "notes.txt", data: enc.encode("n") },
    ]);
    expect(readFileAt(fs, ["photos", "2024", utf8ToByteString("été.jpg")])).toEqual(random(5000, 3));
    expect(fs.lstat(["photos", "2024", utf8ToByteString("été.jpg")]).mtimeSec).toBe(1_700_000_000);
    expect([...listTree(fs)].map((i) => `${byteStringToUtf8(i.path)} ${i.type} ${i.type === "file" ? i.size : ""}`)).toEqual([
      "notes.txt file 1",
      "photos dir ",
      "photos/2024 dir ",
      "photos/2024/été.jpg file 5000",
    ]);
  });

  test("malformed archives are refused, escaping members skipped", () => {
    const good = writeTar([{ path: "f", type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, data: enc.encode("x".repeat(1000)) }]);
    expect(() => readTar(good.subarray(0, 700))).toThrow(TarError);
    const bad = good.slice();
    bad[0] ^= 1;
    expect(() => readTar(bad)).toThrow(/checksum/);
    const evil = writeTar([
      { path: "../../etc/evil", type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, data: enc.encode("x") },
      { path: "ok/../../up", type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, data: enc.encode("x") },
      { path: "fine", type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, data: enc.encode("x") },
    ]);
    const fs = new MemFs();
    const r = importTar(fs, evil, ["dest"]);
    expect(r.members).toBe(1);
    expect(r.skipped.length).toBe(2);
    expect(fs.readdir(fs.opendir([])).map((e) => e.name)).toEqual(["dest"]);
  });
});
