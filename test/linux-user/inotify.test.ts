// inotify (src/linux-user/inotify.ts, syscalls/inotify.ts) on every guest, against Debian's
// qemu-user, which passes the calls to the host's kernel: its events are Linux's own. The guest
// script (inotify-guest.py, Python's ctypes and os.read) watches directories and files of its
// working directory, does file operations itself and in a forked child, and prints the events it
// reads: a directory's children (create, coalesced writes, reads, attributes, truncation, renames
// with their cookies, links, mkdir/rmdir, listing), a file watched beside its directory (moves
// between directories, a rename over it, deletion and IN_IGNORED), a file unlinked while open,
// IN_EXCL_UNLINK, the add_watch flags and errors, IN_ONESHOT, read() with small buffers and the
// name padding, FIONREAD, poll/select/epoll, the /proc fd link, a blocking read and an epoll_wait
// woken by another process, links and opens through a symlink, an open file renamed (and its
// directory), a FIFO, an O_TMPFILE file, a unix socket's bind, utimensat of one time, chown, and
// IN_Q_OVERFLOW at the host's max_queued_events. Before, every inotify call was ENOSYS.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = readFileSync(join(repoRoot(), "test/linux-user/inotify-guest.py"), "utf8");
const CASE = pythonCase("inotify events of a Python script", SCRIPT);

// GNU tail -F follows a file through inotify (before, it said "inotify cannot be used, reverting to
// polling" on stderr and slept a second between checks): lines appended by the script, which waits
// for each to come out, then the file renamed away (IN_MOVE_SELF: "has become inaccessible", which
// the script waits for, so that the new file comes after it under qemu's parallel processes too)
// and a new one made in its place (the directory's IN_CREATE: "has appeared") is followed.
const TAIL_F = pythonCase(
  "tail -F of a file appended to, then replaced by another",
  `import os, signal, subprocess, time
with open("log", "w") as fh:
    fh.write("line1\\n")
p = subprocess.Popen(["tail", "-F", "log"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
got = b""
def wait(s):
    global got
    while not got.endswith(s):
        got += os.read(p.stdout.fileno(), 100)
wait(b"line1\\n")
time.sleep(0.5)
with open("log", "a") as fh:
    fh.write("line2\\n")
wait(b"line2\\n")
os.rename("log", "log.1")
err = b""
while not err.endswith(b"No such file or directory\\n"):
    err += os.read(p.stderr.fileno(), 100)
with open("log", "w") as fh:
    fh.write("new1\\n")
wait(b"new1\\n")
p.send_signal(signal.SIGTERM)
print(got.decode(), end="")
print("stderr", err + p.stderr.read(), "status", p.wait())
`,
);

describe("inotify", () => {
  for (const c of [CASE, TAIL_F])
    for (const g of PYTHON_GUESTS) test(`${g.arch}: ${c.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, c));
});
