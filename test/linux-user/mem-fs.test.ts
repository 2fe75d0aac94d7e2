// The in-memory host (BufferHost + MemFs): file system semantics, and a static Debian busybox whose
// files live entirely in memory (needs the sysroot only for the busybox ELF itself).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BufferHost } from "../../src/linux-user/host.ts";
import { MemFs } from "../../src/linux-user/mem-fs.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { O } from "../../src/linux-user/errno.ts";
import { hasSysroot, sysrootDir, sysrootPath } from "../../tools/debian/paths.ts";

describe("MemFs", () => {
  test("files, directories, links, errors", () => {
    const fs = new MemFs();
    fs.mkdirp("/a/b");
    fs.writeFile("/a/b/f.txt", "hello");
    expect(new TextDecoder().decode(fs.readFile("/a/b/f.txt")!)).toBe("hello");
    expect(fs.open("/a/missing", O.RDONLY, 0)).toBe(-2);
    expect(fs.mkdir("/a", 0o755)).toBe(-17);
    expect(fs.symlink("b/f.txt", "/a/l")).toBe(0);
    expect(fs.readlink("/a/l")).toBe("b/f.txt");
    const st = fs.stat("/a/l", true);
    expect(typeof st === "number" ? st : Number(st.size)).toBe(5);
    expect(fs.rename("/a/b/f.txt", "/a/g.txt")).toBe(0);
    expect(fs.rmdir("/a/b")).toBe(0);
    expect(fs.rmdir("/a")).toBe(-39);
    const h = fs.open("/a/g.txt", O.WRONLY | O.APPEND, 0);
    fs.write(h, new TextEncoder().encode(" world"), null);
    fs.close(h);
    expect(new TextDecoder().decode(fs.readFile("/a/g.txt")!)).toBe("hello world");
    expect(fs.chdir("/a")).toBe(0);
    expect(fs.getcwd()).toBe("/a");
    const d = fs.readdir(".");
    expect(typeof d === "number" ? d : d.map((e) => e.name)).toEqual(["l", "g.txt"]);
  });

  test("O_TMPFILE and linkHandle: an unnamed file gets names, an unlinked one does not (vfs_link's rules)", () => {
    const fs = new MemFs();
    fs.mkdirp("/d/sub");
    const t = fs.openTmpfile("/d", O.RDWR, 0o640);
    fs.write(t, new TextEncoder().encode("tmp"), 0);
    const nlink = (h: number) => {
      const st = fs.fstat(h);
      return typeof st === "number" ? st : st.nlink;
    };
    const names = (p: string) => {
      const r = fs.readdir(p);
      return typeof r === "number" ? r : r.map((e) => e.name);
    };
    expect([nlink(t), names("/d")]).toEqual([0, ["sub"]]);
    expect([fs.linkHandle(t, "/d/a"), fs.linkHandle(t, "/d/a"), fs.linkHandle(t, "/d/sub/b"), fs.linkHandle(t, "/nodir/c")]).toEqual([
      0, -17, 0, -2,
    ]);
    expect([nlink(t), new TextDecoder().decode(fs.readFile("/d/sub/b")!)]).toEqual([2, "tmp"]);
    const x = fs.openTmpfile("/d", O.RDWR | O.EXCL, 0o600);
    expect([fs.linkHandle(x, "/d/x"), fs.openTmpfile("/nope", O.RDWR, 0), fs.openTmpfile("/d/a", O.RDWR, 0)]).toEqual([-2, -2, -20]);
    fs.writeFile("/d/f", "f");
    const f = fs.open("/d/f", O.RDONLY, 0);
    expect([fs.linkHandle(f, "/d/g"), fs.unlink("/d/f"), fs.unlink("/d/g"), fs.linkHandle(f, "/d/h")]).toEqual([0, 0, 0, -2]);
    expect([fs.linkHandle(fs.open("/d/sub", O.RDONLY, 0), "/d/s2"), fs.linkHandle(99, "/d/y")]).toEqual([-1, -9]);
  });

  test("statfs: one tmpfs-like file system for every path and handle, ENOENT for a missing path", () => {
    const fs = new MemFs();
    fs.writeFile("/f", "x");
    const h = fs.open("/f", O.RDONLY, 0);
    expect(fs.statfs("/")).toEqual(fs.fstatfs(h));
    expect(fs.statfs("/nope")).toBe(-2);
    expect(fs.fstatfs(99)).toBe(-9);
  });

  test("busybox on an in-memory file system", () => {
    if (!hasSysroot()) throw new Error(`no sysroot at ${sysrootDir()}: run 'bash tools/debian/fetch.sh sysroot'`);
    const fs = new MemFs();
    fs.mkdirp("/work");
    fs.writeFile("/work/in.txt", "b 2\na 1\nc 3\n");
    fs.chdir("/work");
    const run = (argv: string[]) => {
      const host = new BufferHost(new Uint8Array(0), fs);
      const p = new LinuxProcess(host);
      p.load(new Uint8Array(readFileSync(sysrootPath("usr/bin/busybox"))), argv, ["PATH=/bin"], "/bin/busybox");
      const r = p.run();
      return { code: r.exitCode, out: new TextDecoder().decode(host.stdout()), err: new TextDecoder().decode(host.stderr()) };
    };
    expect(run(["busybox", "sort", "-k2n", "in.txt"])).toEqual({ code: 0, out: "a 1\nb 2\nc 3\n", err: "" });
    expect(run(["busybox", "sh", "-c", "mkdir d && echo hi > d/x && read v < d/x && echo $v; seq 3 | sort -r"])).toEqual({
      code: 0,
      out: "hi\n3\n2\n1\n",
      err: "",
    });
    expect(new TextDecoder().decode(fs.readFile("/work/d/x")!)).toBe("hi\n");
    expect(run(["busybox", "ls", "/work"]).out).toBe("d\nin.txt\n");
    expect(run(["busybox", "cat", "/nope"])).toEqual({ code: 1, out: "", err: "cat: can't open '/nope': No such file or directory\n" });
  });

  test("named pipes on an in-memory file system (fifos.ts: placeholders in MemFs)", () => {
    if (!hasSysroot()) throw new Error(`no sysroot at ${sysrootDir()}: run 'bash tools/debian/fetch.sh sysroot'`);
    const fs = new MemFs();
    fs.mkdirp("/work");
    fs.mkdirp("/bin");
    fs.writeFile("/bin/busybox", readFileSync(sysrootPath("usr/bin/busybox")));
    fs.chmod("/bin/busybox", 0o755);
    fs.chdir("/work");
    const host = new BufferHost(new Uint8Array(0), fs);
    const p = new LinuxProcess(host);
    const script =
      "mkfifo p; test -p p && echo fifo; (echo hi > p &); busybox cat p; ls -l p | cut -c1-10; rm p; ls; mkfifo q; (busybox cat q > out &); echo data > q; wait; busybox cat out";
    p.load(new Uint8Array(readFileSync(sysrootPath("usr/bin/busybox"))), ["busybox", "sh", "-c", script], ["PATH=/bin"], "/bin/busybox");
    const r = p.run();
    expect({ code: r.exitCode, out: new TextDecoder().decode(host.stdout()), err: new TextDecoder().decode(host.stderr()) }).toEqual({
      code: 0,
      out: "fifo\nhi\nprw-r--r--\ndata\n",
      err: "",
    });
  });
});
