// Network interface names and indexes on every guest, against Debian's qemu-user (the host's own
// ioctls): glibc's if_nametoindex (SIOCGIFINDEX) and if_indextoname (SIOCGIFNAME) on a socket
// find the host's interfaces (/sys/class/net), ENODEV (ENXIO from glibc) for none, ENOTTY on a
// file that is not a socket. tciemu had neither ioctl (CPython's test_socket
// testInvalidInterfaceIndexToName and the scope-id tests).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import errno, fcntl, os, socket
def tr(f, *a):
    try: return f(*a)
    except OSError as e: return errno.errorcode.get(e.errno, e.errno) if e.errno else str(e)
for n in sorted(os.listdir('/sys/class/net')):
    i = socket.if_nametoindex(n); print(n, i, socket.if_indextoname(i))
print(tr(socket.if_nametoindex, 'nosuchif0'), tr(socket.if_indextoname, 0), tr(socket.if_indextoname, 2**31 - 1))
r, w = os.pipe()
print(tr(fcntl.ioctl, r, 0x8933, b'lo'.ljust(40, b'\\0')))
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
print(tr(fcntl.ioctl, s, 0x8933, b'lo'.ljust(40, b'\\0'))[16:20] == socket.if_nametoindex('lo').to_bytes(4, 'little'))
`;
const CASE = pythonCase("python if_nametoindex, if_indextoname", SCRIPT);

describe("network interface indexes (SIOCGIFINDEX, SIOCGIFNAME)", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
