// newc cpio writer/reader, checked against GNU cpio (Debian's cpio package: required).
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cpioCharDev, cpioDir, cpioFile, cpioSymlink, readCpio, S_IFCHR, S_IFLNK, writeCpio } from "../../src/hw/cpio.ts";

const tmp = mkdtempSync(join(tmpdir(), "tciemu-cpio-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sample = () => [
  cpioDir("bin"),
  cpioDir("dev"),
  cpioDir("tmp", 0o1777),
  cpioFile("init", "#!/bin/sh\necho hi\n", 0o755),
  cpioFile(
    "bin/data",
    new Uint8Array(1001).map((_, i) => i & 0xff),
  ),
  cpioFile("empty", new Uint8Array(0)),
  cpioFile("a-name-of-odd-length.x", "z"),
  cpioSymlink("bin/sh", "busybox"),
  cpioCharDev("dev/console", 5, 1),
  cpioCharDev("dev/null", 1, 3, 0o666),
];

describe("cpio (newc)", () => {
  test("layout: 070701 headers, 4-byte alignment, trailer", () => {
    const a = writeCpio(sample());
    expect(new TextDecoder().decode(a.subarray(0, 6))).toBe("070701");
    expect(a.length % 4).toBe(0);
    expect(new TextDecoder().decode(a).includes("TRAILER!!!")).toBe(true);
    const back = readCpio(a);
    expect(back.map((e) => e.name)).toEqual(sample().map((e) => e.name));
    expect(back[4].data).toEqual(sample()[4].data);
    expect(back[7].mode).toBe(S_IFLNK | 0o777);
    expect(new TextDecoder().decode(back[7].data)).toBe("busybox");
    expect(back[8].mode).toBe(S_IFCHR | 0o600);
    expect([back[8].rdevMajor, back[8].rdevMinor]).toEqual([5, 1]);
    expect(() => readCpio(a.subarray(0, 50))).toThrow();
    expect(() => readCpio(new Uint8Array(200))).toThrow();
  });

  test("GNU cpio lists and extracts it", () => {
    const a = writeCpio(sample());
    const file = join(tmp, "a.cpio");
    writeFileSync(file, a);
    const names = execFileSync("cpio", ["-t", "--quiet", "-F", file], { encoding: "utf8" }).trim().split("\n");
    expect(names).toEqual(sample().map((e) => e.name));
    const long = execFileSync("cpio", ["-tv", "--quiet", "-F", file], { encoding: "utf8" });
    expect(long).toMatch(/crw------- +1 root +root +5, +1 .* dev\/console/);
    expect(long).toMatch(/crw-rw-rw- +1 root +root +1, +3 .* dev\/null/);
    expect(long).toMatch(/lrwxrwxrwx .* bin\/sh -> busybox/);
    expect(long).toMatch(/drwxrwxrwt .* tmp/);
    // extract the regular files and symlinks (device nodes need root)
    const dir = join(tmp, "x");
    mkdirSync(dir);
    execFileSync("cpio", ["-i", "-d", "--quiet", "--no-absolute-filenames", "-F", file, "init", "bin/*", "empty", "a-name*"], { cwd: dir });
    expect(readFileSync(join(dir, "init"), "utf8")).toBe("#!/bin/sh\necho hi\n");
    expect(lstatSync(join(dir, "init")).mode & 0o777).toBe(0o755);
    expect(new Uint8Array(readFileSync(join(dir, "bin/data")))).toEqual(sample()[4].data);
    expect(readFileSync(join(dir, "empty")).length).toBe(0);
    expect(readlinkSync(join(dir, "bin/sh"))).toBe("busybox");
  });

  test("we read what GNU cpio writes", () => {
    const src = join(tmp, "src");
    mkdirSync(join(src, "d"), { recursive: true });
    writeFileSync(join(src, "d", "f.txt"), "hello cpio\n");
    const out = execFileSync("cpio", ["-o", "-H", "newc", "--quiet"], { cwd: src, input: "d\nd/f.txt\n" });
    const entries = readCpio(new Uint8Array(out));
    expect(entries.map((e) => e.name)).toEqual(["d", "d/f.txt"]);
    expect(new TextDecoder().decode(entries[1].data)).toBe("hello cpio\n");
  });
});
