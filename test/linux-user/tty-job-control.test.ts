// Job control on a controlling terminal (src/linux-user/syscalls/tty-job-control.ts), on every
// guest against Debian's qemu-user (whose pseudo-terminals are the host's, so the host's kernel
// decides). In a session of its own with a pseudo-terminal as its controlling terminal, a
// Python "shell" runs jobs in process groups of their own and reports how each ended: a
// background read stops the job by SIGTTIN and, continued in the foreground, reads the typed
// line; SIGTTIN ignored or blocked makes the read EIO; a SIGTTIN handler runs; a background
// write goes on without TOSTOP, stops by SIGTTOU with it, goes on with SIGTTOU ignored;
// tcsetattr, tcsetpgrp, tcflush, tcflow and tcdrain from the background stop by SIGTTOU, and
// tcsetpgrp with SIGTTOU blocked makes the job the foreground; a read from an orphaned group is
// EIO. Before, background jobs read and changed the terminal as if they were in the foreground.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, pty, signal, termios, sys
r, w = os.pipe()
pid, fd = pty.fork()
if pid == 0:
    os.close(r)
    def say(*a): os.write(w, (" ".join(str(x) for x in a) + "\\n").encode())
    def status(st):
        if os.WIFSTOPPED(st): return "stopped by %d" % os.WSTOPSIG(st)
        if os.WIFSIGNALED(st): return "killed by %d" % os.WTERMSIG(st)
        return "exit %d" % os.WEXITSTATUS(st)
    def job(body):
        j = os.fork()
        if j == 0:
            os.setpgid(0, 0)
            try: body()
            except OSError as e: say("  job error", e.errno)
            os._exit(0)
        os.setpgid(j, j)
        return j
    def errno_of(f):
        try: return f()
        except OSError as e: return "errno %d" % e.errno
    say("leader", os.getsid(0) == os.getpid(), os.tcgetpgrp(0) == os.getpgrp())
    # 1. a background read stops the job by SIGTTIN; in the foreground the read goes on
    j = job(lambda: say("  read", os.read(0, 100)))
    _, st = os.waitpid(j, os.WUNTRACED); say("read in background:", status(st))
    os.tcsetpgrp(0, j); os.kill(-j, signal.SIGCONT)
    _, st = os.waitpid(j, 0); say("in foreground:", status(st))
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
    os.tcsetpgrp(0, os.getpgrp())
    signal.pthread_sigmask(signal.SIG_SETMASK, old)
    # 2. SIGTTIN ignored or blocked: EIO
    def ign():
        signal.signal(signal.SIGTTIN, signal.SIG_IGN); say("  ignored", errno_of(lambda: os.read(0, 10)))
    _, st = os.waitpid(job(ign), 0); say("ignored:", status(st))
    def blk():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTIN}); say("  blocked", errno_of(lambda: os.read(0, 10)))
    _, st = os.waitpid(job(blk), 0); say("blocked:", status(st))
    # 3. a handler: it runs (here it ends the job)
    def hnd2():
        signal.signal(signal.SIGTTIN, lambda s, f: (say("  handler", s), os._exit(3)))
        say("  never", os.read(0, 10))
    _, st = os.waitpid(job(hnd2), 0); say("handler:", status(st))
    # 4. writes: go on without TOSTOP, stop with it unless SIGTTOU is ignored
    _, st = os.waitpid(job(lambda: say("  wrote", os.write(1, b"bg output\\n"))), os.WUNTRACED); say("write without tostop:", status(st))
    a = termios.tcgetattr(0); a[3] |= termios.TOSTOP; termios.tcsetattr(0, termios.TCSANOW, a)
    j = job(lambda: say("  wrote", os.write(1, b"bg output 2\\n")))
    _, st = os.waitpid(j, os.WUNTRACED); say("write with tostop:", status(st))
    os.kill(-j, signal.SIGKILL); os.waitpid(j, 0)
    def wign():
        signal.signal(signal.SIGTTOU, signal.SIG_IGN); say("  wrote", os.write(1, b"bg output 3\\n"))
    _, st = os.waitpid(job(wign), os.WUNTRACED); say("write with tostop, ignored:", status(st))
    a[3] &= ~termios.TOSTOP; termios.tcsetattr(0, termios.TCSANOW, a)
    # 5. settings and tcsetpgrp from the background
    j = job(lambda: termios.tcsetattr(0, termios.TCSANOW, termios.tcgetattr(0)))
    _, st = os.waitpid(j, os.WUNTRACED); say("tcsetattr:", status(st))
    os.kill(-j, signal.SIGKILL); os.waitpid(j, 0)
    j = job(lambda: os.tcsetpgrp(0, os.getpgrp()))
    _, st = os.waitpid(j, os.WUNTRACED); say("tcsetpgrp:", status(st))
    os.kill(-j, signal.SIGKILL); os.waitpid(j, 0)
    def tcsp():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU}); os.tcsetpgrp(0, os.getpgrp()); say("  now foreground", os.tcgetpgrp(0) == os.getpgrp())
    _, st = os.waitpid(job(tcsp), 0); say("tcsetpgrp, blocked:", status(st))
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU}); os.tcsetpgrp(0, os.getpgrp()); signal.pthread_sigmask(signal.SIG_SETMASK, old)
    for what, f in [("tcflush", lambda: termios.tcflush(0, termios.TCIFLUSH)), ("tcflow", lambda: termios.tcflow(0, termios.TCOON)), ("tcdrain", lambda: termios.tcdrain(0))]:
        j = job(f)
        _, st = os.waitpid(j, os.WUNTRACED); say(what + ":", status(st))
        if os.WIFSTOPPED(st): os.kill(-j, signal.SIGKILL); os.waitpid(j, 0)
    # 6. an orphaned group: its read is EIO, its stop signals from the terminal are no stops
    go_r, go_w = os.pipe()
    done_r, done_w = os.pipe()
    def orphan():
        k = os.fork()
        if k == 0:
            os.setpgid(0, 0)
            os.read(go_r, 1)   # until the parent has gone
            say("  orphan read", errno_of(lambda: os.read(0, 10)))
            os.write(done_w, b"x")
            os._exit(0)
        os._exit(0)
    j = job(orphan); os.waitpid(j, 0)
    os.write(go_w, b"g"); os.read(done_r, 1)
    say("done")
    os._exit(0)
os.close(w)
os.write(fd, b"typed\\n")
while True:
    try:
        if not os.read(fd, 1000): break
    except OSError: break
os.waitpid(pid, 0)
out = b""
while True:
    b = os.read(r, 1000)
    if not b: break
    out += b
sys.stdout.write(out.decode())
`;

describe("job control on a controlling terminal", () => {
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: background reads, writes and settings match qemu-user`, { timeout: 300_000 }, () =>
      expectSameAsQemu(g, pythonCase("tty-job-control", SCRIPT)),
    );
});
