// Supplementary groups on every guest, against Debian's qemu-user (the host kernel's, as root
// replaced by setgroups for the whole process): the list the host process has (tciemu took Node's
// process.getgroups(), which adds the effective gid), setgroups kept, sorted and inherited
// (initgroups), its EINVAL/EFAULT checks, (gid_t)-1 refused, and the 16-bit calls of i386 and ARM.
// tciemu's setgroups succeeded and changed nothing (CPython's test_posix PosixGroupsTester); ARM's
// getgroups/setgroups (80/81) took 32-bit ids. As another user than root both get EPERM.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, os, platform, pwd, sys
def tryit(fn, *a):
    try: return fn(*a)
    except OSError as e: return errno.errorcode[e.errno]
libc = ctypes.CDLL(None, use_errno=True)
def sc(*a):
    r = libc.syscall(*a)
    return r if r >= 0 else errno.errorcode[ctypes.get_errno()]
riscv = platform.machine() == 'riscv64'
GETGROUPS, SETGROUPS = (158, 159) if riscv else (205, 206)
print(os.getgroups())
print(tryit(os.setgroups, [5, 3, 9, 3]), os.getgroups())
print(tryit(os.setgroups, []), os.getgroups())
print(tryit(os.setgroups, list(range(16))), os.getgroups())
print(tryit(os.setgroups, [2**31, 7]), os.getgroups())
buf = (ctypes.c_uint32 * 4)()
print(sc(GETGROUPS, 0, None), sc(GETGROUPS, 1, buf), sc(GETGROUPS, -1, buf), sc(GETGROUPS, 4, buf), list(buf))
print(sc(SETGROUPS, -1, None), sc(SETGROUPS, 65537, None), sc(SETGROUPS, 2, ctypes.c_void_p(8)), os.getgroups())
name = pwd.getpwuid(os.getuid()).pw_name
print(tryit(os.initgroups, name, 4321), 4321 in os.getgroups())
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print('child', os.getgroups(), flush=True)
    os._exit(0)
os.waitpid(pid, 0)
print(sc(SETGROUPS, 2, (ctypes.c_uint32 * 2)(3, 0xffffffff)), os.getgroups())
if not riscv:
    # the 16-bit calls (getgroups 80, setgroups 81): old_gid_t, 0xffff is -1 (no group), a gid past 65535 reads as 65534
    b16 = (ctypes.c_uint16 * 3)(7, 0xffff, 2)
    print(sc(81, 3, b16), sc(81, 2, (ctypes.c_uint16 * 2)(7, 2)), os.getgroups(), sc(80, 3, b16), list(b16), sc(80, 1, b16))
    os.setgroups([70000, 9])
    print(sc(80, 3, b16), list(b16))
`;
const CASE = pythonCase("python getgroups, setgroups, initgroups", SCRIPT);

describe("supplementary groups (getgroups, setgroups)", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
