// Resource limits through glibc on every guest, against Debian's qemu-user: getrlimit and setrlimit
// (glibc calls prlimit64, struct rlimit64: two u64 on every ABI; i386's used its 32-bit struct
// rlimit there, so Python read RLIMIT_STACK as (-4286578688, garbage)), RLIM_INFINITY as -1, and a
// lowered soft limit read back. Both emulators pass the host's own limits through, but for
// RLIMIT_NOFILE: Node raises its own soft limit to the hard one, which qemu-user inherits, while
// tciemu gives its guests the usual 1024 (the size of their descriptor table), so only that
// limit's round trip is compared.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import resource as r
for name in ['RLIMIT_STACK', 'RLIMIT_AS', 'RLIMIT_CORE', 'RLIMIT_DATA', 'RLIMIT_FSIZE']:
    print(name, r.getrlimit(getattr(r, name)))
soft, hard = r.getrlimit(r.RLIMIT_NOFILE)
r.setrlimit(r.RLIMIT_NOFILE, (64, hard)); print(r.getrlimit(r.RLIMIT_NOFILE) == (64, hard))
print(r.prlimit(0, r.RLIMIT_NOFILE) == (64, hard), r.RLIM_INFINITY)
`;
const CASE = pythonCase("python resource getrlimit, setrlimit and prlimit", SCRIPT);

// prlimit64 of another process (a forked child, waiting on a pipe): read and set as the caller may
// (every guest process has the same ids, so check_prlimit_permission passes; raising a hard limit
// needs the caller's CAP_SYS_RESOURCE), what the child then reads, ESRCH once it is reaped or for
// no such pid. tciemu refused every other pid with EPERM.
const OTHER = `import os, resource as r, sys
rd, wr = os.pipe()
soft, hard = r.getrlimit(r.RLIMIT_CORE)
pid = os.fork()
if pid == 0:
    os.close(wr); os.read(rd, 1)
    print('child sees', r.getrlimit(r.RLIMIT_CORE) == (0, hard), r.getrlimit(r.RLIMIT_FSIZE)); sys.stdout.flush(); os._exit(0)
print('read', r.prlimit(pid, r.RLIMIT_CORE) == (soft, hard))
print('set', r.prlimit(pid, r.RLIMIT_CORE, (0, hard)) == (soft, hard), r.prlimit(pid, r.RLIMIT_FSIZE, (4096, 8192)))
print('parent keeps', r.getrlimit(r.RLIMIT_CORE) == (soft, hard))
try: print('raise', r.prlimit(pid, r.RLIMIT_FSIZE, (4096, 16384)))
except OSError as e: print('raise', e.errno)
os.write(wr, b'x'); os.waitpid(pid, 0)
try: r.prlimit(pid, r.RLIMIT_CORE)
except OSError as e: print('reaped', e.errno)
try: r.prlimit(2**22 + 12345, r.RLIMIT_CORE)
except OSError as e: print('none', e.errno)
`;
const OTHER_CASE = pythonCase("python resource prlimit of a child", OTHER);

describe("resource limits (getrlimit, setrlimit, prlimit64)", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: ${OTHER_CASE.name} matches qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, OTHER_CASE));
});
