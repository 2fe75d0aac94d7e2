// siginfo_t as the kernel fills it for a handler (QEMU's host_to_target_siginfo), in the ABI's
// layout: si_addr for faults, si_pid/si_uid for signals sent by a process, si_status for SIGCHLD,
// si_timerid/si_overrun/si_value for POSIX timers, si_pid/si_uid/si_value for sigqueue.
import type { AbiLayouts } from "./layouts.ts";
import type { SigInfo } from "./signals.ts";

export function encodeSigInfo(L: AbiLayouts["siginfo"], si: SigInfo): Uint8Array {
  const b = L.alloc();
  b.set("si_signo", si.signo);
  b.set("si_code", si.code);
  if (si.addr !== undefined) b.set("si_addr", si.addr);
  else if (si.timerId !== undefined) {
    // _timer: si_tid and si_overrun where _kill has pid and uid, then si_value (where si_status is)
    b.set("si_pid", si.timerId);
    b.set("si_uid", si.overrun ?? 0);
    b.setOpt("si_value", si.value ?? 0n);
  } else {
    b.set("si_pid", si.pid ?? 0);
    b.set("si_uid", si.uid ?? 0);
    // SIGCHLD and waitid: the child's exit code or signal (ABIs list si_status in their layout).
    if (si.status !== undefined) b.setOpt("si_status", si.status);
    // _rt (sigqueue): the sender's si_value where SIGCHLD has si_status
    else if (si.value !== undefined) b.setOpt("si_value", si.value);
  }
  return b.bytes;
}
