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

describe("resource limits (getrlimit, setrlimit, prlimit64)", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
