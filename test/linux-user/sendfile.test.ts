// sendfile and sendfile64 on every guest, against Debian's qemu-user: an offset given in memory is
// used and advanced there (the file position stays), none uses and advances the position, and a
// negative offset is EINVAL (do_sendfile's rw_verify_area) before the output descriptor is looked
// at: tciemu sent from offset 0 instead of the 32-bit call's -1 (CPython's test_os
// TestSendfile.test_invalid_offset). i386 and ARM also try the 32-bit sendfile (187).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, os, platform, tempfile
def tryit(fn, *a):
    try: return fn(*a)
    except OSError as e: return errno.errorcode[e.errno]
fd, p = tempfile.mkstemp(); os.unlink(p); os.write(fd, b'0123456789')
r, w = os.pipe()
print(tryit(os.sendfile, w, fd, -1, 4), tryit(os.sendfile, w, fd, -(2**40), 4))
print(tryit(os.sendfile, w, fd, 2, 4), os.read(r, 10), os.lseek(fd, 0, 1))
print(tryit(os.sendfile, w, fd, 2**40, 4))
os.lseek(fd, 3, 0)
print(tryit(os.sendfile, w, fd, None, 4), os.read(r, 10), os.lseek(fd, 0, 1))
print(tryit(os.sendfile, 99, fd, -1, 4), tryit(os.sendfile, 99, fd, 0, 4), tryit(os.sendfile, w, 99, -1, 4))
if platform.machine() != 'riscv64':
    # the 32-bit sendfile (187): a 32-bit off_t
    libc = ctypes.CDLL(None, use_errno=True)
    for v in (-1, -(2**31), 5):
        off = ctypes.c_int32(v)
        n = libc.syscall(187, w, fd, ctypes.byref(off), 3)
        print(n, ctypes.get_errno() if n < 0 else os.read(r, 10), off.value)
`;
const CASE = pythonCase("python os.sendfile offsets", SCRIPT);

describe("sendfile offsets", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
