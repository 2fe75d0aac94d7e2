// Calls that need a capability the guest does not have (capget says none; the host's clock is not
// the emulator's to change), on every guest against Debian's qemu-user run without CAP_SYS_TIME
// (setpriv drops it from the bounding set, so even root's qemu lacks it after its exec):
// clock_settime of a valid time (EPERM; ENOSYS before). The time set is the current one, so that
// nothing changes even where the capability could not be dropped. (sethostname is the guest
// kernel's own name for root, sethostname.test.ts, as qemu-user run by root changes it.)
import { describe, test } from "vitest";
import { diff, runQemu, runTciemu } from "./harness.ts";
import { PYTHON_GUESTS, pythonCase, type PythonGuest } from "./python-guests.ts";

const SETPRIV = "/usr/bin/setpriv";

const SCRIPT = `import errno, time
def err(f, *a):
    try: f(*a); return 'ok'
    except OSError as e: return errno.errorcode[e.errno]
print('clock_settime', err(time.clock_settime_ns, time.CLOCK_REALTIME, time.clock_gettime_ns(time.CLOCK_REALTIME)),
      err(time.clock_settime, time.CLOCK_REALTIME, time.clock_gettime(time.CLOCK_REALTIME)))
`;
const CASE = pythonCase("python clock_settime without CAP_SYS_TIME", SCRIPT);

function expectSameAsCaplessQemu(g: PythonGuest): void {
  const { qemu, sysroot } = g.tools();
  const q = runQemu(CASE, SETPRIV, sysroot, ["--bounding-set=-sys_time", qemu, ...g.qemuArgs]);
  if (q.status !== 0) throw new Error(`the script failed under setpriv + qemu-user: ${q.stderr.toString()}`);
  const t = runTciemu(CASE, sysroot, g.abi ? { abi: g.abi } : {});
  const d = diff(q, t);
  if (d) throw new Error(`${g.arch}: ${d}`);
}

describe("calls that need a capability", () => {
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: ${CASE.name} matches qemu-user without it`, { timeout: 300_000 }, () => expectSameAsCaplessQemu(g));
});
