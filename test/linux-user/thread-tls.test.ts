// A thread's TLS survives signal handlers on every guest, against Debian's qemu-user: on i386 the
// thread pointer is a GDT descriptor that %gs selects, and sigreturn reloads %gs from the GDT. With
// one GDT for the whole process, a thread created with CLONE_SETTLS overwrote the creator's entry,
// so the main thread came back from its next handler with the other thread's TLS (Python crashed
// with SIGSEGV after a thread had run). Each thread now has a GDT of its own, as QEMU's cpu_copy
// gives it (Linux keeps per-thread TLS entries). Checked through pthread_self() (%gs:8 on i386)
// around handlers, in the main thread with another thread alive and after it ended, and in a thread
// taking a signal itself.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import threading, signal, os, ctypes
libc = ctypes.CDLL(None); libc.pthread_self.restype = ctypes.c_ulong
me = libc.pthread_self()
signal.signal(signal.SIGUSR1, lambda *a: print('python handler in the main thread:', libc.pthread_self() == me))
ev, ready = threading.Event(), threading.Event(); seen = []
def run():
    seen.append(libc.pthread_self())
    signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
    seen.append(libc.pthread_self()); ready.set(); ev.wait()
th = threading.Thread(target=run); th.start()
ready.wait()
print('the thread after its own signal:', seen[0] == seen[1] != me)
os.kill(os.getpid(), signal.SIGUSR1)
print('main, thread alive:', libc.pthread_self() == me)
ev.set(); th.join()
os.kill(os.getpid(), signal.SIGUSR1)
print('main, thread gone:', libc.pthread_self() == me, threading.current_thread() is threading.main_thread())
`;
const CASE = pythonCase("thread pointers around signal handlers", SCRIPT);

describe("threads' TLS and signals", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
