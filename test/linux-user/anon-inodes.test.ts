// The /proc/<pid>/fd links of the kernel's anonymous-inode files (Linux's anon_inode_getfile names):
// anon_inode:[eventfd], anon_inode:[eventpoll], anon_inode:[timerfd] and anon_inode:inotify, on every
// guest against qemu-user (which reads the host kernel's own links). Before, the first three read
// /dev/null (describeFd's fallback for a description without a path).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const CASE = pythonCase(
  "readlink of /proc/self/fd/N for eventfd, epoll, timerfd, inotify",
  `import ctypes, os, select, time
ep = select.epoll()
fds = [os.eventfd(0), ep.fileno(), os.timerfd_create(time.CLOCK_MONOTONIC), ctypes.CDLL(None).inotify_init1(0)]
print([os.readlink(f"/proc/self/fd/{fd}") for fd in fds])
`,
);

describe("anonymous inodes in /proc/self/fd", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
