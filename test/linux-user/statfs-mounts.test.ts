// statfs's f_flags, f_fsid and f_namelen (os.statvfs/fstatvfs through glibc's statfs64) on every
// guest against Debian's qemu-user, which passes the host kernel's: in a mount namespace of their
// own (util-linux's unshare; the tests run as root), the test mounts a tmpfs remounted read-only
// with nosuid, nodev, noexec and noatime, and another with nosymfollow, nodiratime and sync, and
// both emulators run the same script there, one after the other (a tmpfs's f_fsid is made up per
// mount, so both must see the same mounts): paths, a subdirectory, descriptors, an unlinked file's
// descriptor, and /proc (the host's procfs as qemu's guest sees it). tciemu's Node host had no mount
// flags (0: glibc then reports ST_VALID as a flag) and f_fsid 0; it now reads the flags from
// /proc/self/mountinfo and f_fsid and f_namelen from coreutils' `stat -f`. Not compared: pipes and
// sockets, whose f_fsid under qemu is the host's pipefs/sockfs device (tciemu's are its own, 0).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { PYTHON_GUESTS } from "./python-guests.ts";

const SCRIPT = `import os
def show(name, s): print(name, s.f_flag, s.f_fsid, s.f_namemax, s.f_bsize)
for p in ['.', 'ro', 'ro/sub', 'opts', '/proc', '/proc/self/status']:
    show(p, os.statvfs(p))
fd = os.open('ro', os.O_RDONLY); show('fd ro', os.fstatvfs(fd))
fd = os.open('opts/f', os.O_RDWR | os.O_CREAT); os.unlink('opts/f'); show('fd unlinked', os.fstatvfs(fd))
fd = os.open('/proc/self/status', os.O_RDONLY); show('fd proc', os.fstatvfs(fd))
`;

// Mounts the two file systems in the working directory, then runs qemu-user and tciemu there ($1 and $2: their argv as one shell word each).
const SETUP = `set -e
mkdir ro opts
mount -t tmpfs -o size=1m,mode=755 tmpfs ro; mkdir ro/sub; mount -o remount,ro,nosuid,nodev,noexec,noatime ro
mount -t tmpfs -o size=1m,nosymfollow,nodiratime,sync tmpfs opts
eval "$1" > qemu.out 2>&1 || { cat qemu.out; exit 1; }
eval "$2" > tciemu.out 2>&1 || true
`;

describe("statfs's mount flags and file system id, as the host's", { timeout: 240_000 }, () => {
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: statvfs of mounts with options, as qemu-user in a mount namespace`, () => {
      const { qemu, sysroot } = g.tools();
      const py = join(sysroot, "usr/bin/python3.13");
      const cli = join(repoRoot(), `tools/bin/tciemu-${g.arch}`);
      const q = (xs: string[]) => xs.map((x) => `'${x.replace(/'/g, "'\\''")}'`).join(" ");
      const dir = mkdtempSync(join(tmpdir(), "tciemu-statfs-"));
      try {
        writeFileSync(join(dir, "setup.sh"), SETUP);
        const r = spawnSync(
          "unshare",
          [
            "-m",
            "--propagation",
            "private",
            "sh",
            "setup.sh",
            q([qemu, ...g.qemuArgs, "-L", sysroot, py, "-S", "-c", SCRIPT]),
            q([cli, "-L", sysroot, py, "-S", "-c", SCRIPT]),
          ],
          { cwd: dir, encoding: "utf8", timeout: 120_000 },
        );
        if (r.error) throw r.error;
        expect(r.status, `unshare -m with two tmpfs mounts, then qemu-user (root, util-linux): ${r.stdout}${r.stderr}`).toBe(0);
        const read = (f: string) => readFileSync(join(dir, f), "utf8");
        const qemuOut = read("qemu.out");
        expect(qemuOut).toMatch(/^ro 1039 /m); // ST_RDONLY|NOSUID|NODEV|NOEXEC|NOATIME: the mount is what the test meant
        expect(read("tciemu.out")).toBe(qemuOut);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
});
