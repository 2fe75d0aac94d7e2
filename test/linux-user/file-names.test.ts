// File names are bytes (src/linux-user/bytes.ts): on every guest, a Python script makes files,
// directories, symbolic and hard links whose names are not UTF-8 (b'\\xff', b'caf\\xe9', a cut
// UTF-8 sequence, C1 bytes 0x80..0x9f, which a "latin1" TextDecoder would change) beside UTF-8
// ones, and lists them (listdir, scandir, walk, by bytes and by str's surrogateescape), stats,
// readlinks (also a dangling target), renames and moves them, chdirs into them (getcwd, getcwdb,
// /proc/self/cwd, /proc/self/fd/N), makes them through a directory descriptor (openat, renameat,
// mkdirat, unlinkat, fdopendir) watched by inotify (the events' names), links an O_TMPFILE file to
// such a name (linkat AT_EMPTY_PATH), binds and connects an
// AF_UNIX socket by such a path (getsockname, getpeername), runs a #! script by such a name, and
// passes such bytes as an execve's arguments and environment (also as /proc/self/cmdline and
// environ show them) and as the command name (prctl PR_SET_NAME, /proc/self/comm); the same run under Debian's qemu-user, which passes the bytes through.
// Before, the kernel decoded every name as UTF-8 and each of these came back as U+FFFD.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { requireTools } from "./harness.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = String.raw`import os, socket, stat, sys
out = []
def p(*a): print(*[repr(x) for x in a], flush=True)
os.mkdir(b'top')
os.chdir(b'top')
names = [b'\xff', b'caf\xe9', b'caf\xc3\xa9', b'\x80\x9f', b'a\xfe\xfdz', b'\xe2\x82', b'plain']
for n in names:
    with open(n, 'wb') as f: f.write(n)
os.mkdir(b'd\xfe')
os.mkdir(b'd\xc3\xa4')
os.symlink(b'caf\xe9', b'l\xff')
os.symlink(b'/nonexistent/\x81\xff', b'dangling\x90')
os.link(b'\xff', b'hard\xe9')
p(sorted(os.listdir(b'.')))
p(sorted((e.name, e.is_dir(), e.is_symlink()) for e in os.scandir(b'.')))
p(sorted(os.listdir('.')))  # str API: surrogateescape
for n in sorted(os.listdir(b'.')):
    st = os.lstat(n)
    p(n, stat.S_IFMT(st.st_mode), st.st_size if not stat.S_ISDIR(st.st_mode) else '-')
p(os.readlink(b'l\xff'), os.readlink(b'dangling\x90'), os.readlink('l\udcff'))
with open(b'l\xff', 'rb') as f: p(f.read())
os.rename(b'caf\xe9', b'ren\xfa')
p(os.path.exists(b'caf\xe9'), os.path.exists(b'ren\xfa'), os.path.exists(b'caf\xc3\xa9'))
os.rename(b'ren\xfa', b'd\xfe/in\xfb')
p(os.listdir(b'd\xfe'))
for root, dirs, files in os.walk(b'.'):
    dirs.sort()
    p(root, dirs, sorted(files))
os.chdir(b'd\xfe')
p(os.getcwdb().split(b'/')[-2:], os.getcwd().split('/')[-1])
p(os.readlink(b'/proc/self/cwd').split(b'/')[-1])
fd = os.open(b'in\xfb', os.O_RDONLY)
p(os.readlink(b'/proc/self/fd/%d' % fd).split(b'/')[-2:])
os.close(fd)
import ctypes, struct
libc = ctypes.CDLL(None, use_errno=True)
ifd = libc.inotify_init()
wd = libc.inotify_add_watch(ifd, b'.', 0x100 | 0x200 | 0x40 | 0x80)
dfd = os.open(b'.', os.O_RDONLY)
os.close(os.open(b'new\xf0', os.O_CREAT | os.O_WRONLY, dir_fd=dfd))
os.rename(b'new\xf0', b'mv\xf1', src_dir_fd=dfd, dst_dir_fd=dfd)
os.mkdir(b'sub\xf2', dir_fd=dfd)
os.rmdir(b'sub\xf2', dir_fd=dfd)
os.unlink(b'mv\xf1', dir_fd=dfd)
buf = os.read(ifd, 4096)
while buf:
    w, mask, cookie, n = struct.unpack('iIII', buf[:16])
    p(hex(mask), buf[16:16 + n].rstrip(b'\0'))
    buf = buf[16 + n:]
os.close(ifd)
p(sorted(os.listdir(dfd)), os.stat(b'in\xfb', dir_fd=dfd).st_size)
os.close(dfd)
t = os.open(b'.', os.O_RDWR | os.O_TMPFILE, 0o600)
p(libc.linkat(t, b'', -100, b'tmp\xfa', 0x1000), sorted(os.listdir(b'.')), os.readlink(b'/proc/self/fd/%d' % t).endswith(b' (deleted)'))
os.close(t)
os.unlink(b'tmp\xfa')
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(b'sock\xff')
s.listen(1)
p(s.getsockname())
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
c.connect(b'sock\xff')
a, addr = s.accept()
p(a.getsockname(), c.getpeername())
c.close(); a.close(); s.close()
p(sorted(os.listdir(b'.')))
os.unlink(b'sock\xff')
os.chdir(b'..')
os.symlink(b'd\xfe', b'dl\xfd')
os.chdir(b'dl\xfd')
p(os.getcwdb().split(b'/')[-1])
os.chdir(b'..')
os.unlink(b'hard\xe9')
os.rmdir(b'd\xc3\xa4')
p(sorted(os.listdir(b'.')))
try:
    os.stat(b'caf\xef\xbf\xbd')
    p('U+FFFD name exists')
except FileNotFoundError:
    p('no U+FFFD name')
# execve with non-UTF-8 argv and environment
import subprocess
with open(b'run\xff', 'wb') as f: f.write(b'#!/usr/bin/printf %s|\n')
os.chmod(b'run\xff', 0o755)
r = subprocess.run([b'./run\xff', b'a\xfe', 'b\udce9'], capture_output=True)
p(r.stdout, r.returncode)
os.unlink(b'run\xff')
r = subprocess.run(['/usr/bin/printf', '%s|', b'arg\xff', 'arg\udce9', b'\xc3\xa4'], capture_output=True)
p(r.stdout, r.returncode)
r = subprocess.run(['/usr/bin/env'], env={b'X\xff': b'v\xfe', 'Y': 'caf\udce9'}, capture_output=True)
p(r.stdout, r.returncode)
r = subprocess.run(['/usr/bin/cat', '/proc/self/cmdline', b'arg\xff'], capture_output=True)
p(r.stdout, r.returncode)
r = subprocess.run(['/usr/bin/cat', '/proc/self/environ'], env={b'X\xff': b'v\xfe'}, capture_output=True)
p(r.stdout, r.returncode)
name = ctypes.create_string_buffer(16)
p(libc.prctl(15, b'n\xff\xc3\xa9me', 0, 0, 0), libc.prctl(16, name, 0, 0, 0), name.value, open('/proc/self/comm', 'rb').read())
`;
const CASE = pythonCase("python file names that are not UTF-8: bytes through every path and name call", SCRIPT);

describe("file names are bytes", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));

  // The CLI's own command line and environment: Node decodes them as UTF-8, the guest gets their
  // bytes (/proc/self/cmdline and /proc/self/environ), as qemu-user passes them.
  test("riscv64: the CLI passes its arguments' and environment's bytes as qemu-user", { timeout: 120_000 }, () => {
    const { qemu, sysroot } = requireTools();
    const run = (emu: string) => {
      const cmd = `X=$'v\\xfe' Y=$'caf\\xc3\\xa9' exec "$0" -L "$1" "$1/bin/busybox" sh -c 'printf "%s|" "$@"; echo; env | grep -a "^[XY]="' sh $'\\xff' $'caf\\xe9' $'\\xc3\\xa4'`;
      const r = spawnSync("bash", ["-c", cmd, emu, sysroot], { env: { PATH: process.env.PATH } });
      if (r.error) throw r.error;
      return { status: r.status, out: r.stdout.toString("latin1"), err: r.stderr.toString("latin1") };
    };
    const q = run(qemu);
    expect(q.out).toContain("\xff|caf\xe9|");
    expect(run(join(repoRoot(), "tools/bin/tciemu-riscv64"))).toEqual(q);
  });
});
