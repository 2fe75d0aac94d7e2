// inotify (src/linux-user/inotify.ts, syscalls/inotify.ts) on every guest, against Debian's
// qemu-user, which passes the calls to the host's kernel: its events are Linux's own. The guest
// script (inotify-guest.py, Python's ctypes and os.read) watches directories and files of its
// working directory, does file operations itself and in a forked child, and prints the events it
// reads: a directory's children (create, coalesced writes, reads, attributes, truncation, renames
// with their cookies, links, mkdir/rmdir, listing), a file watched beside its directory (moves
// between directories, a rename over it, deletion and IN_IGNORED), a file unlinked while open,
// IN_EXCL_UNLINK, the add_watch flags and errors, IN_ONESHOT, read() with small buffers and the
// name padding, FIONREAD, poll/select/epoll, the /proc fd link, a blocking read woken by another
// process, and IN_Q_OVERFLOW at the host's max_queued_events. Before, every inotify call was ENOSYS.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = readFileSync(join(repoRoot(), "test/linux-user/inotify-guest.py"), "utf8");
const CASE = pythonCase("inotify events of a Python script", SCRIPT);

describe("inotify", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
