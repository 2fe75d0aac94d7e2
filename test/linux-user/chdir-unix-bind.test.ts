// Two things CPython's test_pathlib found, on every guest against Debian's qemu-user:
// - chdir to an absolute path is the host's, never the sysroot's: qemu-user's chdir does not go
//   through path(), so after chdir('/') getcwd() says '/' and realpath('spam') is '/spam'. tciemu
//   went to the sysroot's copy and getcwd() showed the sysroot's host path (test_resolve_root).
//   A directory opened by its absolute name is the sysroot's under both (openat uses path()), and
//   fchdir goes there.
// - bind() of an AF_UNIX path makes a socket inode: stat, lstat and getdents show S_IFSOCK with
//   0777 & ~umask, open() is ENXIO. tciemu's placeholder showed as an empty regular file
//   (test_is_socket_true). The socket holds its inode while bound (Linux's unix_sock keeps its
//   path): a socket bound to the name after an unlink gets another inode number; tciemu's
//   placeholder was closed at bind, the host reused its inode, and asyncio took the new socket
//   for its own (test_asyncio test_unix_server_cleanup_replaced).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const CHDIR = `import os
home = os.getcwd()
for d in ('/', '/usr', '/usr/lib', '/tmp'):
    os.chdir(d); print(d, os.getcwd(), os.path.realpath('spam'), os.path.abspath('x'))
os.chdir('/'); os.chdir('usr'); print('relative', os.getcwd())
fd = os.open('/usr/lib', os.O_RDONLY | os.O_DIRECTORY); os.fchdir(fd); os.close(fd)
cwd = os.getcwd(); print('fchdir', cwd.endswith('/usr/lib'), cwd == os.path.realpath('/usr/lib'))
os.chdir(home); print(os.getcwd() == home)
`;

const UNIX_BIND = `import errno, os, socket, stat
os.umask(0o022)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind('sock'); s.listen()
for st in (os.stat('sock'), os.lstat(os.path.abspath('sock'))):
    print(stat.S_ISSOCK(st.st_mode), stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_size)
print([(e.name, e.is_file(), stat.S_ISSOCK(e.stat(follow_symlinks=False).st_mode)) for e in os.scandir('.') if e.name == 'sock'])
try: os.open('sock', os.O_RDONLY)
except OSError as e: print('open', errno.errorcode[e.errno])
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); c.connect('sock'); a, _ = s.accept()
c.send(b'hi'); print(a.recv(2))
os.umask(0o077)
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); u.bind('dgram')
print(oct(os.stat('dgram').st_mode))
for x in (a, c, s, u): x.close()
os.unlink('sock'); os.unlink('dgram'); print(sorted(os.listdir('.')))
# a bound socket keeps its inode after an unlink: a new socket on the name is another inode
x = socket.socket(socket.AF_UNIX); x.bind('re'); i1 = os.stat('re').st_ino; os.unlink('re')
y = socket.socket(socket.AF_UNIX); y.bind('re'); print('same inode', os.stat('re').st_ino == i1)
x.close(); y.close(); os.unlink('re')
`;

const CASES = [
  pythonCase("python chdir to absolute paths, getcwd", CHDIR),
  pythonCase("python AF_UNIX bind makes a socket inode", UNIX_BIND),
];

describe("chdir and AF_UNIX socket inodes", () => {
  for (const c of CASES)
    for (const g of PYTHON_GUESTS) test(`${g.arch}: ${c.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, c));
});
