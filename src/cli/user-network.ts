// The host network of the user-mode CLI: the guest's sockets are Node's (NodeHostSockets), as
// qemu-user passes them to the host's, under a policy that allows everything unless the user
// gave --net-allow rules. `idle` is how the
// run loop waits for them: LinuxProcess.runAsync awaits it when every guest thread waits for a
// host socket (until a socket event or the earliest deadline) and now and then while guest code
// runs, so Node's event loop delivers the sockets' events.
import { ALLOW_ALL, type NetPolicy } from "../net/net-policy.ts";
import type { LinuxHost } from "../linux-user/host-api.ts";
import { GuestNetwork } from "../linux-user/sockets/guest-network.ts";
import { NodeHostSockets } from "./node-host-sockets.ts";

/** How long host connections may still finish (flush, close) after the guest exited. */
const LINGER_MS = 2000;

export interface HostNetwork {
  network: GuestNetwork;
  sockets: NodeHostSockets;
  idle(deadlineNs: bigint | null): Promise<void>;
  /** Ends the current idle() (after this event-loop phase): some other host event (keystrokes) may let a guest thread run. */
  wake(): void;
  /** After the guest exited: exit once the host sockets have closed, or after a grace period. */
  finish(exitCode: number): void;
}

export function hostNetwork(host: LinuxHost, policy: NetPolicy = ALLOW_ALL): HostNetwork {
  let wake: (() => void) | null = null;
  const hostEvent = () => {
    const w = wake;
    wake = null;
    // The guest resumes after the rest of this poll phase's callbacks, not in a microtask
    // after this one: a loopback connection's accept and its client's connect complete in
    // the same phase, and a guest that accepted and then polls the client (Linux: connected
    // by then) must find both done.
    if (w) setImmediate(w);
  };
  const sockets = new NodeHostSockets({ onEvent: hostEvent });
  const network = new GuestNetwork({ sockets, policy });
  const idle = (deadlineNs: bigint | null): Promise<void> =>
    new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let immediate: ReturnType<typeof setImmediate> | null = null;
      let settled = false;
      // Called by the deadline or by an event's deferred wake, whichever comes first; the other
      // may come after the next idle() has begun, whose wake it must leave alone.
      const done = () => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (immediate) clearImmediate(immediate);
        if (wake === done) wake = null;
        resolve();
      };
      wake = done;
      if (deadlineNs === null) return;
      const ms = Number(deadlineNs - host.monotonicNs()) / 1e6;
      if (ms <= 0) immediate = setImmediate(done);
      else timer = setTimeout(done, Math.ceil(ms));
    });
  const finish = (exitCode: number) => {
    if (sockets.open === 0) return;
    // Connections the guest closed may still be sending; do not wait for peers forever.
    setTimeout(() => process.exit(exitCode), LINGER_MS).unref();
  };
  return { network, sockets, idle, wake: hostEvent, finish };
}
