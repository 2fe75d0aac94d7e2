// preadv2/pwritev2 on every guest (riscv64 286/287, i386 378/379, ARM 392/393; ENOSYS before, so
// CPython's test_posix test_preadv_flags was skipped: 'RWF_HIPRI is not supported'), against
// Debian's qemu-user (which passes them to the host's kernel): position -1 as the file position,
// another negative one EINVAL, a 64-bit position from the register pair on the 32-bit ABIs, the
// flags' checks (unknown bits and ATOMIC EOPNOTSUPP, APPEND with NOAPPEND EINVAL, none made for an
// empty transfer), RWF_APPEND writing at the end (pwritev2 leaving the position, pwritev2 at -1
// moving it), a pipe (ESPIPE unless at -1).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, errno
def err(f, *a):
    try: return f(*a)
    except OSError as e: return errno.errorcode[e.errno]
fd = os.open('f', os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, b'0123456789'); os.lseek(fd, 2, 0)
b = bytearray(3)
print(err(os.preadv, fd, [b], 4, os.RWF_HIPRI), b, os.lseek(fd, 0, 1))
print(err(os.preadv, fd, [b], -1, os.RWF_HIPRI), b, os.lseek(fd, 0, 1))
print(err(os.preadv, fd, [b], -2, 0), err(os.preadv, fd, [b], 0, 0x1000), err(os.preadv, fd, [b], 0, 0x40), err(os.preadv, fd, [bytearray(0)], 0, 0x1000))
print(err(os.preadv, fd, [b], 0, os.RWF_DSYNC | os.RWF_SYNC | os.RWF_APPEND), err(os.preadv, fd, [b], 0, os.RWF_APPEND | 0x20), err(os.preadv, 999, [b], 0, 0x1000))
print(err(os.preadv, fd, [b], 2**32 + 5, 0), err(os.pwritev, fd, [b'Z'], 2**32 + 5, os.RWF_DSYNC), os.fstat(fd).st_size, os.pread(fd, 1, 2**32 + 5))
os.ftruncate(fd, 10)
print(err(os.pwritev, fd, [b'AB'], 3, os.RWF_APPEND), os.lseek(fd, 0, 1), os.pread(fd, 20, 0))
print(err(os.pwritev, fd, [b'CD'], -1, os.RWF_APPEND), os.lseek(fd, 0, 1), os.pread(fd, 20, 0))
print(err(os.pwritev, fd, [b'EF'], -1, 0), os.lseek(fd, 0, 1), err(os.pwritev, fd, [b'x'], 0, 0x40), err(os.pwritev, fd, [b'x'], 0, 0x10000), err(os.pwritev, fd, [b'x'], -5, 0))
r, w = os.pipe()
print(err(os.pwritev, w, [b'pipe'], -1, os.RWF_HIPRI), err(os.preadv, r, [b], -1, 0), b, err(os.preadv, r, [b], 0, 0))
`;
const CASE = pythonCase("python os.preadv/os.pwritev with flags (preadv2, pwritev2)", SCRIPT);

describe("preadv2, pwritev2", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
