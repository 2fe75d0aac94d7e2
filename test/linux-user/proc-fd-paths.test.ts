// readlink of /proc/self/fd/N shows the file's canonical path, as Linux's d_path does, whatever path
// opened it: "./x", "sub/../x", a directory reached through a symbolic link, a followed link to a
// file, an O_TMPFILE file made in "." or through a link ("DIR/#INO (deleted)"), an unlinked file
// (" (deleted)"), on every guest against Debian's qemu-user (whose readlink is the host kernel's).
// Before, the link showed the path as the guest had given it, joined to the working directory
// ("/tmp/x/./plain").
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, re
cwd = os.getcwd()
os.mkdir("sub"); os.symlink("sub", "ln"); os.symlink("plain", "lf")
for n in ["plain", "sub/f", "gone"]: open(n, "w").close()
def show(fd):
    return re.sub(r"#\\d+", "#INO", os.readlink(f"/proc/self/fd/{fd}").replace(cwd, "CWD"))
fds = [os.open(p, os.O_RDONLY) for p in ["./plain", "sub/../plain", "sub/./../sub", "ln/f", "ln/../plain", "lf", "./gone", "ln/", "."]]
os.unlink("gone")
fds += [os.open(d, os.O_RDWR | os.O_TMPFILE, 0o600) for d in [".", "ln", "sub/.."]]
for fd in fds: print(show(fd))
`;
const CASE = pythonCase("python readlink of /proc/self/fd: canonical paths", SCRIPT);

describe("/proc/self/fd links", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
