// The /proc/<pid>/fd links of the kernel's anonymous-inode files (Linux's anon_inode_getfile names):
// anon_inode:[eventfd], anon_inode:[eventpoll], anon_inode:[timerfd] and anon_inode:inotify, on every
// guest against qemu-user (which reads the host kernel's own links), their mode (0600 without a file
// type, as Linux's anon_inode_inode) and posix_fallocate on them (ENODEV: not a regular file).
// Before, the first three read /dev/null (describeFd's fallback for a description without a path)
// and were S_IFREG (fallocate said EOPNOTSUPP, so glibc tried to write the range itself).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const CASE = pythonCase(
  "/proc/self/fd links, modes and posix_fallocate of eventfd, epoll, timerfd, inotify",
  `import ctypes, os, select, time
ep = select.epoll()
fds = [os.eventfd(0), ep.fileno(), os.timerfd_create(time.CLOCK_MONOTONIC), ctypes.CDLL(None).inotify_init1(0)]
print([os.readlink(f"/proc/self/fd/{fd}") for fd in fds])
print([oct(os.fstat(fd).st_mode) for fd in fds])
for fd in fds:
    try:
        os.posix_fallocate(fd, 0, 1)
    except OSError as e:
        print("posix_fallocate", e.errno)
`,
);

describe("anonymous inodes in /proc/self/fd", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
