// sethostname and setdomainname on every guest, against Debian's qemu-user run in a UTS namespace
// of its own (`unshare -u`: qemu-user passes the calls to the host's kernel, which would rename
// this machine otherwise): as root the new names are what uname (gethostname, getdomainname)
// says from then on; a length above 64 or below 0 is EINVAL, a bad pointer EFAULT, and the name is
// the given bytes NUL-padded. tciemu had neither call (ENOSYS; CPython's test_socket
// test_sethostname). CI runs as root; as another user both get EPERM.
import { spawnSync } from "node:child_process";
import { describe, test } from "vitest";
import { diff, runQemu, runTciemu } from "./harness.ts";
import { PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, os, socket
libc = ctypes.CDLL(None, use_errno=True)
def call(f, *a):
    r = f(*a); return r if r == 0 else errno.errorcode[ctypes.get_errno()]
def domain():
    b = ctypes.create_string_buffer(80); libc.getdomainname(b, 80); return b.value
print(os.uname().nodename == socket.gethostname())
socket.sethostname('guest-name'); print(os.uname().nodename, socket.gethostname())
socket.sethostname(b'x' * 64); print(os.uname().nodename)
print(call(libc.sethostname, b'y' * 65, 65), call(libc.sethostname, b'abc', -1), call(libc.sethostname, None, 5), os.uname().nodename == 'x' * 64)
print(call(libc.sethostname, b'ab\\0cd', 5), repr(os.uname().nodename))
print(call(libc.sethostname, b'', 0), repr(os.uname().nodename))
print(call(libc.sethostname, b'longer-name', 4), repr(os.uname().nodename))
print(call(libc.setdomainname, b'example.org', 11), domain())
print(call(libc.setdomainname, b'z' * 65, 65), call(libc.setdomainname, None, 1), domain())
`;
const CASE = pythonCase("python sethostname, setdomainname", SCRIPT);

describe("sethostname, setdomainname", () => {
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: ${CASE.name} match qemu-user in a UTS namespace`, { timeout: 300_000 }, () => {
      const un = spawnSync("unshare", ["-u", "true"]);
      if (un.error || un.status !== 0) throw new Error(`'unshare -u' failed (util-linux, root): ${un.error ?? un.stderr.toString()}`);
      const { qemu, sysroot } = g.tools();
      const q = runQemu(CASE, "unshare", sysroot, ["-u", qemu, ...g.qemuArgs]);
      if (q.status !== 0) throw new Error(`the script failed under qemu-user: ${q.stderr.toString()}`);
      const t = runTciemu(CASE, sysroot, g.abi ? { abi: g.abi } : {});
      const d = diff(q, t);
      if (d) throw new Error(`${g.arch}: ${d}`);
    });
});
