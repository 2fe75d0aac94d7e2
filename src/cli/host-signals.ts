// The host's signals and the first guest process: qemu-user's process is its guest process, so a
// `kill` of it reaches the guest's handlers, and when the guest dies of a signal the emulator dies
// of the same one (its parent's wait sees WIFSIGNALED, a shell prints "Segmentation fault", a
// Python parent's returncode is negative). tciemu's process stands for the first guest process the
// same way:
// - While the guest catches, ignores or blocks a signal (LinuxHost.catchSignal), tciemu listens
//   for it and passes it on (Kernel.killFromHost); otherwise Node's default action applies, which
//   is the guest's: terminate (or stop, for SIGTSTP) at once, even while tciemu blocks in a host
//   read. A handler waits for a blocking host read (a pipe on stdin) to end: Node runs listeners
//   between its own steps only. With the host terminal in raw mode every signal is passed on, so
//   that the terminal gets its settings back however the guest ends.
// - When the guest ended by a fatal signal, tciemu ends by the same one at exit, with the
//   host's default action restored (Node ignores SIGPIPE and handles SIGUSR1 itself) and without
//   a host core dump of Node (qemu prints its "core dumped" line and lowers RLIMIT_CORE too).
import type { Kernel } from "../linux-user/kernel.ts";
import { SI_USER } from "../linux-user/signals.ts";
import { nodeChildProcess } from "./lazy-node.ts";

/** Linux's signal numbers (those of every guest ABI tciemu has) as Node names them. */
const SIGNAL_NAMES: Record<number, NodeJS.Signals> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  4: "SIGILL",
  5: "SIGTRAP",
  6: "SIGABRT",
  7: "SIGBUS",
  8: "SIGFPE",
  9: "SIGKILL",
  10: "SIGUSR1",
  11: "SIGSEGV",
  12: "SIGUSR2",
  13: "SIGPIPE",
  14: "SIGALRM",
  15: "SIGTERM",
  16: "SIGSTKFLT",
  17: "SIGCHLD",
  18: "SIGCONT",
  19: "SIGSTOP",
  20: "SIGTSTP",
  21: "SIGTTIN",
  22: "SIGTTOU",
  23: "SIGURG",
  24: "SIGXCPU",
  25: "SIGXFSZ",
  26: "SIGVTALRM",
  27: "SIGPROF",
  28: "SIGWINCH",
  29: "SIGIO",
  30: "SIGPWR",
  31: "SIGSYS",
};

/**
 * The signals passed on. Not: the faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL: Node's own crashes must
 * stay crashes), SIGKILL and SIGSTOP, SIGCHLD (tciemu's own children), SIGPIPE, SIGXFSZ, SIGURG
 * and SIGIO (the host raises them for tciemu's own writes and sockets; the guest kernel raises the
 * guest's), SIGTTIN and SIGTTOU (a background tciemu's own terminal writes would loop), SIGCONT
 * (host-terminal.ts continues the stopped group), SIGPROF (V8's profiler), SIGTRAP, SIGSYS.
 */
const PASSED_ON = [1, 2, 3, 10, 12, 14, 15, 16, 20, 26, 28, 30];
const SIGWINCH = 28;

const RLIMIT_CORE = 4;

/** Core-dumping signals (signal(7)'s "Core" action). */
const CORE = new Set([3, 4, 5, 6, 7, 8, 11, 24, 25, 31]);

/**
 * Passes the host's signals on to the first guest process while it catches, ignores or blocks
 * them; `wake` ends the kernel's idle wait. With the host terminal in raw mode (`terminal`) it
 * passes on the ones the guest meets with their default action too, so that the guest ends or
 * stops the usual way, the terminal's settings given back first (qemu-user never changed them),
 * and leaves SIGWINCH to the terminal. `release` stops listening (the guest has exited).
 */
export function passHostSignals(
  kernel: Kernel,
  firstPid: () => number,
  wake: () => void,
  terminal: boolean,
): { catchSignal(sig: number, caught: boolean): void; release(): void } {
  // Node's inspector answers SIGUSR1 (it would start listening for a debugger): the guest's
  // default action is to terminate, as under qemu-user.
  resetToDefault("SIGUSR1");
  const guestCatches = new Set<number>();
  const listeners = new Map<number, () => void>();
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  let released = false;
  const passed = PASSED_ON.filter((sig) => !(terminal && sig === SIGWINCH));
  const update = (sig: number) => {
    const name = SIGNAL_NAMES[sig];
    const want = !released && (guestCatches.has(sig) || terminal);
    const l = listeners.get(sig);
    if (want && !l) {
      const listener = () => {
        kernel.killFromHost(firstPid(), sig, SI_USER);
        wake();
      };
      listeners.set(sig, listener);
      process.on(name, listener);
    } else if (!want && l) {
      listeners.delete(sig);
      process.off(name, l); // libuv gives the signal its default action back
    }
    const active = guestCatches.size > 0 && !released;
    // A guest that waits for a signal only the host can send is not deadlocked.
    kernel.hostSignals = active || terminal;
    // Node's signal handles do not keep its event loop alive: the guest's wait does.
    if (active && !keepAlive) keepAlive = setInterval(() => {}, 1 << 30);
    if (!active && keepAlive) {
      clearInterval(keepAlive);
      keepAlive = null;
    }
  };
  const catchSignal = (sig: number, caught: boolean) => {
    if (!passed.includes(sig) || guestCatches.has(sig) === caught) return;
    if (caught) guestCatches.add(sig);
    else guestCatches.delete(sig);
    update(sig);
  };
  for (const sig of passed) update(sig);
  return {
    catchSignal,
    release() {
      released = true;
      guestCatches.clear();
      for (const sig of passed) update(sig);
    },
  };
}

/**
 * Ends tciemu by guest signal `sig` at exit, as qemu-user's die_with_signal does: the parent sees
 * the same wait status as under qemu. Falls back to exit status 128 + sig where the signal cannot
 * be raised (a real-time signal on a host that is not Linux).
 */
export function exitBySignal(sig: number, host: { rlimit(resource: number): [number, number] | null }): void {
  process.exitCode = 128 + sig;
  process.once("exit", () => {
    const name = SIGNAL_NAMES[sig];
    if (!name && process.platform !== "linux") return;
    const core = host.rlimit(RLIMIT_CORE);
    if (CORE.has(sig) && core && core[0] !== 0) {
      // No core file of Node itself (Node cannot lower its own limit: util-linux's prlimit does it).
      const r = nodeChildProcess().spawnSync("prlimit", ["--pid", String(process.pid), "--core=0:"], { stdio: "ignore" });
      if (r.status !== 0) return;
    }
    // Node's own disposition (SIGPIPE is ignored) becomes the default one.
    if (name && name !== "SIGKILL" && name !== "SIGSTOP") resetToDefault(name);
    process.kill(process.pid, name ?? sig);
  });
}

/** Gives `name` its default action: libuv restores SIG_DFL when a signal's last listener goes. */
function resetToDefault(name: NodeJS.Signals): void {
  if (process.listenerCount(name) > 0) return; // ours: catchSignal manages it
  const none = () => {};
  process.on(name, none);
  process.off(name, none);
}
