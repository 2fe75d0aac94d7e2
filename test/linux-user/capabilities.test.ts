// The guest's capabilities and the privilege checks that follow them (capabilities.ts), on every
// guest against Debian's qemu-user, both run by root twice: as they are, and without any capability
// (util-linux's setpriv empties the bounding and inheritable sets, so the emulator's process, root,
// has none after its exec). qemu-user passes capget, capset and prctl's capability calls to the host
// kernel, so its guest has the host process's capabilities; tciemu's CLI reads them from
// /proc/self/status. Both run in a UTS namespace of their own (`unshare -u`): qemu's sethostname
// renames the host otherwise. Checked: capget (v1, v3, another pid, bad versions), the Cap lines of
// /proc/self/status, PR_CAPBSET_READ/DROP, PR_CAP_AMBIENT, sethostname/setdomainname
// (CAP_SYS_ADMIN), setpriority lowering nice (CAP_SYS_NICE), setrlimit raising a hard limit
// (CAP_SYS_RESOURCE), set*id and setgroups (CAP_SETUID, CAP_SETGID), capset (only dropping, per
// process, inherited by fork, bits past CAP_LAST_CAP ignored), and without capabilities
// clock_settime and settimeofday (EPERM; with CAP_SYS_TIME qemu would set the host's clock, so
// that case is tciemu's alone below: its guest's clock moves, the host's does not). Before, tciemu's
// capget said no capabilities, capset was ENOSYS and every check was "uid 0".
//
// The 16-bit uid/gid calls of i386 and ARM (setuid16 ... setresgid16, setfsuid16, chown16,
// lchown16, fchown16): 0xffff is -1 (QEMU's and Linux's low2highuid): invalid for setuid/setgid
// (EINVAL), "unchanged" for the others. tciemu took every 16-bit set*id call for a success as root
// (setuid16(0xffff) was 0), and without capabilities for a success too. setfsuid16 is compared
// without capabilities only: QEMU passes 0xffff to the host unmapped, so as root it sets fsuid
// 65535 where Linux's setfsuid16 (and tciemu) change nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { hostCapabilities } from "../../src/cli/node-host.ts";
import { CAP_SYS_TIME, hasCap } from "../../src/linux-user/capabilities.ts";
import { runTciemu } from "./harness.ts";
import { PYTHON_GUESTS, pythonCase, type PythonGuest } from "./python-guests.ts";

const CAPS = `import ctypes, errno, os, resource as r, socket, struct, sys, time
libc = ctypes.CDLL(None, use_errno=True)
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
nocaps = sys.argv[1] == 'nocaps'
def call(f, *a):
    v = f(*a); return v if v >= 0 else errno.errorcode[ctypes.get_errno()]
def err(f, *a):
    try: v = f(*a); return 'ok' if v is None else v
    except OSError as e: return errno.errorcode[e.errno]
    except ValueError as e: return 'ValueError'
V3 = 0x20080522
def capget(pid=0, version=V3):
    h = ctypes.create_string_buffer(struct.pack('Ii', version, pid), 8)
    d = ctypes.create_string_buffer(24)
    v = call(libc.capget, h, d)
    e0, p0, i0, e1, p1, i1 = struct.unpack('6I', d.raw)
    return v, hex(struct.unpack('I', h.raw[:4])[0]), hex(e0 | e1 << 32), hex(p0 | p1 << 32), hex(i0 | i1 << 32)
def capset(eff, prm, inh, pid=0):
    h = ctypes.create_string_buffer(struct.pack('Ii', V3, pid), 8)
    d = ctypes.create_string_buffer(struct.pack('6I', eff & 0xffffffff, prm & 0xffffffff, inh & 0xffffffff, eff >> 32, prm >> 32, inh >> 32), 24)
    return call(libc.capset, h, d)
def sets():
    v, _, e, p, i = capget(); return int(e, 16), int(p, 16), int(i, 16)
print('capget', capget(), capget(os.getpid()), capget(-1), capget(0, 0x19980330), capget(0, 0x12345678))
print('capget no data', call(libc.capget, ctypes.create_string_buffer(struct.pack('Ii', 7, 0), 8), None))
print('status', [l for l in open('/proc/self/status').read().splitlines() if l.startswith('Cap')])
print('bset read', call(libc.prctl, 23, 21, 0, 0, 0), call(libc.prctl, 23, 40, 0, 0, 0), call(libc.prctl, 23, 41, 0, 0, 0))
print('ambient', call(libc.prctl, 47, 1, 21, 0, 0), call(libc.prctl, 47, 2, 21, 0, 0), call(libc.prctl, 47, 5, 21, 0, 0))
print('sethostname', err(socket.sethostname, 'guest-cap'), os.uname().nodename == 'guest-cap')
print('setdomainname', call(libc.setdomainname, b'dom.example', 11))
if nocaps:
    print('clock_settime', err(time.clock_settime_ns, time.CLOCK_REALTIME, time.clock_gettime_ns(time.CLOCK_REALTIME)))
    tv = ctypes.create_string_buffer(16)
    libc.gettimeofday(tv, None)
    print('settimeofday', call(libc.settimeofday, tv, None))
W = ctypes.sizeof(ctypes.c_long)
def adj(modes, clk=None, **slots):
    b = ctypes.create_string_buffer(208)
    struct.pack_into('I', b, 0, modes)
    for k, v in slots.items():
        struct.pack_into('q' if W == 8 else 'i', b, W * {'offset': 1, 'freq': 2, 'sec': 9, 'tick': 11}[k], v)
    v = libc.adjtimex(b) if clk is None else libc.clock_adjtime(clk, b)
    return v >= 0 if v >= 0 else errno.errorcode[ctypes.get_errno()]
print('adjtimex', adj(0), adj(0xa001), adj(0x4000, tick=5), adj(0x8000), adj(0, 1), adj(0, 0))
if nocaps:
    print('adjtimex set', adj(0x2, freq=1), adj(0x8001, offset=1), adj(0x100, sec=0), adj(0x2, 0, freq=1))
os.mkdir('closed', 0); print('chdir', err(os.chdir, 'closed')); os.chdir(os.path.dirname(os.path.abspath('closed')) if os.getcwd().endswith('closed') else '.')
with open('x.sh', 'w') as f: f.write('#!/nonexistent/sh\\n')
os.chmod('x.sh', 0o001); sys.stdout.flush()
pid = os.fork()
if pid == 0:
    try: os.execv('./x.sh', ['x.sh'])
    except OSError as e: print('exec', errno.errorcode[e.errno]); sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
print('chroot', err(os.chroot, 'nonexistent'), err(os.chroot, 'x.sh'))
if nocaps:
    print('chroot nocaps', err(os.chroot, '.'), err(os.chroot, 'closed'))
print('setpriority', err(os.setpriority, os.PRIO_PROCESS, 0, -3), os.getpriority(os.PRIO_PROCESS, 0))
r.setrlimit(r.RLIMIT_CORE, (0, 1000))
print('rlimit raise', err(r.setrlimit, r.RLIMIT_CORE, (0, 2000)), r.getrlimit(r.RLIMIT_CORE), err(r.setrlimit, r.RLIMIT_CORE, (0, 500)))
print('setuid', err(os.setuid, 0), err(os.setgid, 0), err(os.setresuid, -1, -1, -1), err(os.setreuid, 0, 0), err(os.setresgid, 0, -1, 0))
if nocaps:
    print('setuid other', err(os.setuid, 1), err(os.setgid, 1), err(os.setreuid, -1, 1), err(os.setresgid, -1, -1, 1), err(os.setgroups, [0]))
# capset: effective without CAP_SYS_ADMIN, then back; permitted can only shrink
e, p, i = sets()
missing = [b for b in range(41) if not p >> b & 1]
print('capset raise', capset(e, p | (1 << missing[0]), i) if missing else 'full', capset(e | (1 << 41), p | (1 << 41), i), capget()[2:])
print('capset drop admin', capset(e & ~(1 << 21), p, i), err(socket.sethostname, 'x'), capget()[2:])
print('capset pid', capset(e, p, i, 1), capset(e, p, i, os.getpid()))
e2, p2, i2 = sets()
pid = os.fork()
if pid == 0:
    print('child', capget()[2:], capset(e2, p2 & ~1, i2), capset(e2 & ~1, p2 & ~1, i2), sets() == (e2 & ~1, p2 & ~1, i2))
    sys.stdout.flush(); os._exit(0)
os.waitpid(pid, 0)
print('parent after child', sets() == (e2, p2, i2))
print('bset drop', call(libc.prctl, 24, 27, 0, 0, 0), call(libc.prctl, 23, 27, 0, 0, 0), call(libc.prctl, 24, 41, 0, 0, 0))
print('capset none', capset(0, 0, 0), capset(1, 1, 0), capget()[2:], err(os.setpriority, os.PRIO_PROCESS, 0, -5), err(r.setrlimit, r.RLIMIT_CORE, (0, 1000)))
`;

const IDS16 = `import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
nocaps = sys.argv[1] == 'nocaps'
def sc(n, *a):
    v = libc.syscall(n, *a); return v if v >= 0 else errno.errorcode[ctypes.get_errno()]
SETUID, SETGID, SETREUID, SETREGID, SETRESUID, SETRESGID, SETFSUID, SETFSGID = 23, 46, 70, 71, 164, 170, 138, 139
CHOWN, LCHOWN, FCHOWN = 182, 16, 95
M = 0xffff
print('invalid', sc(SETUID, M), sc(SETGID, M), sc(SETUID, -1), sc(SETGID, 0x1ffff))
print('unchanged', sc(SETREUID, M, M), sc(SETREGID, M, M), sc(SETRESUID, M, M, M), sc(SETRESGID, M, M, M))
print('same', sc(SETUID, 0), sc(SETGID, 0), sc(SETREUID, 0, M), sc(SETREGID, M, 0), sc(SETRESUID, M, 0, M), sc(SETRESGID, 0, M, 0))
if nocaps:
    print('other', sc(SETUID, 5), sc(SETGID, 5), sc(SETREUID, M, 5), sc(SETREGID, 5, M), sc(SETRESUID, M, M, 5), sc(SETRESGID, 5, M, M))
    print('fs', sc(SETFSUID, M), sc(SETFSUID, 5), sc(SETFSUID, 0), sc(SETFSGID, M), sc(SETFSGID, 5), sc(SETFSGID, 0))
print('ids', os.getresuid(), os.getresgid())
open('f', 'w').close(); os.symlink('f', 'l')
fd = os.open('f', os.O_RDONLY)
st = lambda: (os.stat('f').st_uid, os.stat('f').st_gid, os.lstat('l').st_uid, os.lstat('l').st_gid)
print('chown', sc(CHOWN, b'f', M, M), sc(LCHOWN, b'l', M, M), sc(FCHOWN, fd, M, M), st())
print('chown same', sc(CHOWN, b'f', 0, M), sc(LCHOWN, b'l', M, 0), sc(FCHOWN, fd, 0, 0), st())
if nocaps:
    print('chown other', sc(CHOWN, b'f', 5, M), sc(FCHOWN, fd, M, 5), st())
else:
    print('chown other', sc(CHOWN, b'f', 5, M), sc(LCHOWN, b'l', M, 7), sc(FCHOWN, fd, M, 6), st())
`;

const NO_CAPS = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"];

function runIn(argv: string[]): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-caps-"));
  try {
    const r = spawnSync(argv[0], argv.slice(1), {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
      env: { PATH: "/usr/bin:/bin", LC_ALL: "C" },
    });
    if (r.error) throw r.error;
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `script` (argv[1] is "caps" or "nocaps") under qemu-user and tciemu's CLI, both behind `prefix`; they must agree. */
function expectSameAsQemu(g: PythonGuest, script: string, mode: "caps" | "nocaps", prefix: string[]): void {
  for (const tool of ["unshare", "setpriv"]) {
    const r = spawnSync(tool, ["--version"]);
    if (r.error || r.status !== 0) throw new Error(`util-linux's ${tool} is needed: ${r.error ?? r.stderr}`);
  }
  const { qemu, sysroot } = g.tools();
  const py = join(sysroot, "usr/bin/python3.13");
  const cli = join(repoRoot(), `tools/bin/tciemu-${g.arch}`);
  const pre = [...prefix, ...(mode === "nocaps" ? NO_CAPS : [])];
  const q = runIn([...pre, qemu, ...g.qemuArgs, "-L", sysroot, py, "-S", "-c", script, mode]);
  expect(q.status, `qemu-user: ${q.stderr}`).toBe(0);
  const t = runIn([...pre, cli, "-L", sysroot, py, "-S", "-c", script, mode]);
  expect(t.stdout).toBe(q.stdout);
  expect(t.stderr).toBe(q.stderr);
  expect(t.status).toBe(q.status);
}

describe("capabilities: capget, capset and the checks that need one", { timeout: 240_000 }, () => {
  for (const g of PYTHON_GUESTS)
    for (const mode of ["caps", "nocaps"] as const)
      test(`${g.arch}: ${mode === "caps" ? "as root" : "as root without capabilities"}, as qemu-user`, () =>
        expectSameAsQemu(g, CAPS, mode, ["unshare", "-u"]));
});

describe("i386 and ARM 16-bit uid/gid calls: 0xffff is -1", { timeout: 240_000 }, () => {
  for (const g of PYTHON_GUESTS.filter((x) => x.arch !== "riscv64"))
    for (const mode of ["caps", "nocaps"] as const)
      test(`${g.arch}: ${mode === "caps" ? "as root" : "as root without capabilities"}, as qemu-user`, () =>
        expectSameAsQemu(g, IDS16, mode, []));
});

// The privileged calls that only change the machine (syscalls/privileged.ts): without their
// capability EPERM, after the argument checks Linux makes first (reboot's magic numbers come after
// CAP_SYS_BOOT; umount2's and swapon's flags before CAP_SYS_ADMIN). Only calls that cannot change
// the host run under qemu as root: those whose arguments fail validation. Before, all were ENOSYS.
const PRIV = `import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
nocaps = sys.argv[1] == 'nocaps'
def sc(n, *a):
    v = libc.syscall(n, *a); return v if v >= 0 else errno.errorcode[ctypes.get_errno()]
N = {'riscv64': dict(acct=89, reboot=142, vhangup=58, mount=40, umount2=39, swapon=224, swapoff=225, pivot_root=41),
     'i386': dict(acct=51, reboot=88, vhangup=111, mount=21, umount2=52, swapon=87, swapoff=115, pivot_root=217, umount=22),
     'arm': dict(acct=51, reboot=88, vhangup=111, mount=21, umount2=52, swapon=87, swapoff=115, pivot_root=218)}
m = os.uname().machine
N = N['riscv64' if m == 'riscv64' else 'arm' if m.startswith('arm') else 'i386']
os.mkdir('d')
print('reboot bad magic', sc(N['reboot'], 1, 2, 0, None), sc(N['reboot'], 0xfee1dead, 5, 0, None))
print('umount2 bad flags', sc(N['umount2'], b'd', 0x100))
print('swapon bad flags', sc(N['swapon'], b'd', 0x80000))
if nocaps:
    print('acct', sc(N['acct'], None), sc(N['acct'], b'd'))
    print('reboot', sc(N['reboot'], 0xfee1dead, 672274793, 0x89abcdef, None), sc(N['reboot'], 0xfee1dead, 672274793, 0, None))
    print('vhangup', sc(N['vhangup']))
    print('mount', sc(N['mount'], b'none', b'd', b'tmpfs', 0, None), sc(N['mount'], None, b'd', None, 0x1000, None))
    print('umount2', sc(N['umount2'], b'd', 0), sc(N['umount2'], b'd', 2))
    if 'umount' in N: print('umount', sc(N['umount'], b'd'))
    print('pivot_root', sc(N['pivot_root'], b'd', b'd'))
    print('swap', sc(N['swapon'], b'd', 0), sc(N['swapoff'], b'd'))
`;

describe("privileged calls: EPERM without their capability", { timeout: 240_000 }, () => {
  for (const g of PYTHON_GUESTS)
    for (const mode of ["caps", "nocaps"] as const)
      test(`${g.arch}: ${mode === "caps" ? "as root (failing validation)" : "as root without capabilities"}, as qemu-user`, () =>
        expectSameAsQemu(g, PRIV, mode, ["unshare", "-u"]));
});

// execve recomputes the sets as Linux does for a file without file capabilities (root: the
// bounding set and the inheritable set become permitted and effective; the ambient set stays),
// after capset, PR_CAPBSET_DROP and PR_CAP_AMBIENT_RAISE, in the process and in a forked child.
// The reference is the host's kernel running the host's python3 on the same script: qemu-user's
// execve of a guest program needs binfmt_misc, which a test machine need not have.
const EXEC = `import ctypes, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
def call(f, *a):
    v = f(*a); return v if v >= 0 else os.strerror(ctypes.get_errno())
def capget():
    h = ctypes.create_string_buffer(struct.pack('Ii', 0x20080522, 0), 8); d = ctypes.create_string_buffer(24)
    call(libc.capget, h, d); e0, p0, i0, e1, p1, i1 = struct.unpack('6I', d.raw)
    return e0 | e1 << 32, p0 | p1 << 32, i0 | i1 << 32
def capset(e, p, i):
    h = ctypes.create_string_buffer(struct.pack('Ii', 0x20080522, 0), 8)
    d = ctypes.create_string_buffer(struct.pack('6I', e & 0xffffffff, p & 0xffffffff, i & 0xffffffff, e >> 32, p >> 32, i >> 32), 24)
    return call(libc.capset, h, d)
def show(what):
    e, p, i = capget()
    print(what, hex(e), hex(p), hex(i), [l.split(':')[1].strip() for l in open('/proc/self/status') if l.startswith('Cap')], call(libc.prctl, 47, 1, 12, 0, 0))
    sys.stdout.flush()
if sys.argv[1:] == ['after']:
    show('after exec'); sys.exit(0)
show('start')
e, p, i = capget()
print('bset drop', call(libc.prctl, 24, 27, 0, 0, 0), 'capset', capset(0, p & ~(1 << 21), 1 << 12), 'ambient raise', call(libc.prctl, 47, 2, 12, 0, 0))
show('before exec')
pid = os.fork()
if pid == 0:
    print('fork child', capset(0, 0, 1 << 12)); show('child before exec')
    os.execv(sys.executable, [sys.executable, '-S', '-c', open('/proc/self/cmdline', 'rb').read().split(b'\\0')[3].decode(), 'after'])
os.waitpid(pid, 0)
os.execv(sys.executable, [sys.executable, '-S', '-c', open('/proc/self/cmdline', 'rb').read().split(b'\\0')[3].decode(), 'after'])
`;

describe("capabilities across execve", { timeout: 240_000 }, () => {
  // the generic kernel's execve: one guest is enough (python starts three times)
  for (const g of PYTHON_GUESTS.filter((x) => x.arch === "riscv64"))
    test(`${g.arch}: as the host kernel computes them for the host's python3`, () => {
      const host = runIn(["python3", "-S", "-c", EXEC, "x"]);
      expect(host.status, `the host's python3: ${host.stderr}`).toBe(0);
      const { sysroot } = g.tools();
      const t = runIn([
        join(repoRoot(), `tools/bin/tciemu-${g.arch}`),
        "-L",
        sysroot,
        join(sysroot, "usr/bin/python3.13"),
        "-S",
        "-c",
        EXEC,
        "x",
      ]);
      expect(t.stderr).toBe(host.stderr);
      expect(t.stdout).toBe(host.stdout);
      expect(t.status).toBe(0);
    });
});

// With CAP_SYS_TIME, clock_settime, settimeofday (and its timezone) and adjtimex's ADJ_SETOFFSET set
// the guest kernel's clock: every guest process, a forked child too, reads the new time, and the
// host's clock does not move; adjtimex sets the guest kernel's own NTP state (Linux's ntp.c rules).
// qemu-user would set the host machine's clock and NTP state here, so it is not run.
const CLOCK = `import ctypes, os, struct, sys, time
libc = ctypes.CDLL(None, use_errno=True)
t0 = time.time()
time.clock_settime(time.CLOCK_REALTIME, t0 + 1e6)
print('moved', round((time.time() - t0) / 1e3)); sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print('child', round((time.time() - t0) / 1e3)); sys.stdout.flush(); os._exit(0)
os.waitpid(pid, 0)
open('f', 'w').close(); os.utime('f'); print('utime now', round((os.stat('f').st_mtime - t0) / 1e3))
tv = ctypes.create_string_buffer(struct.pack('qq' if ctypes.sizeof(ctypes.c_long) == 8 else 'ii', int(t0) - 5000, 0), 16)
tz = ctypes.create_string_buffer(struct.pack('ii', -60, 0), 8)
print('settimeofday', libc.settimeofday(tv, None), round((time.time() - t0 + 5000) / 10), libc.syscall(SETTIMEOFDAY, None, tz))
z = ctypes.create_string_buffer(8); libc.syscall(GETTIMEOFDAY, tv, z); print('tz', struct.unpack('ii', z.raw))
W = ctypes.sizeof(ctypes.c_long)
def adj(modes, **slots):
    b = ctypes.create_string_buffer(208)
    struct.pack_into('I', b, 0, modes)
    for k, v in slots.items():
        struct.pack_into('q' if W == 8 else 'i', b, W * {'offset': 1, 'freq': 2, 'maxerror': 3, 'status': 5, 'sec': 9, 'tick': 11}[k], v)
    return libc.adjtimex(b), struct.unpack_from(('q' if W == 8 else 'i') * 12, b)
r, f = adj(0); print('adjtimex', r, f[1:9], f[11])
t1 = time.time(); print('setoffset', adj(0x100, sec=1000)[0], round(time.time() - t1))
print('set', adj(0x2 | 0x4 | 0x4000, freq=655360, maxerror=1234, tick=10001)[1][2:4], adj(0x10, status=0)[0], adj(0)[1][5], adj(0)[1][11])
print('adjtime', adj(0x8001, offset=77)[0], adj(0xa001)[1][1])
`;

describe("the guest's own clock", { timeout: 120_000 }, () => {
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: clock_settime and settimeofday with CAP_SYS_TIME move the guest's clock, not the host's`, () => {
      const caps = hostCapabilities();
      if (!caps || !hasCap(caps, CAP_SYS_TIME)) throw new Error("the test runs as root with CAP_SYS_TIME (/proc/self/status CapEff)");
      const nr = { riscv64: [169, 170], i386: [78, 79], arm: [78, 79] }[g.arch];
      const script = CLOCK.replace("SETTIMEOFDAY", String(nr[1])).replace("GETTIMEOFDAY", String(nr[0]));
      const { sysroot } = g.tools();
      const wall0 = Date.now(),
        mono0 = performance.now();
      const r = runTciemu(pythonCase("clock", script), sysroot, g.abi ? { abi: g.abi } : {});
      const drift = Date.now() - wall0 - (performance.now() - mono0);
      expect(r.stderr.toString()).toBe("");
      expect(r.stdout.toString()).toBe(
        "moved 1000\nchild 1000\nutime now 1000\nsettimeofday 0 0 0\ntz (-60, 0)\n" +
          // a kernel no NTP daemon touched: TIME_ERROR, STA_UNSYNC, NTP_PHASE_LIMIT errors, constant 2, precision 1, 500 ppm, HZ 100
          "adjtimex 5 (0, 0, 16000000, 16000000, 64, 2, 1, 32768000) 10000\nsetoffset 5 1000\n" +
          "set (655360, 1234) 0 0 10001\nadjtime 0 77\n",
      );
      expect(Math.abs(drift)).toBeLessThan(1000);
    });
});
