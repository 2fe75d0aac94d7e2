// A user-mode network (src/net/user-net.ts) on the Node host: NodeHostSockets, host forwarding
// bound before the machine starts (a rule that cannot be set up is a startup error, as in QEMU),
// and the NAT's timers on a 20 ms interval that does not keep the process alive.
import { UserNet, type UserNetLimits } from "../net/user-net.ts";
import type { UserNetConfig } from "../net/user-net-config.ts";
import { NodeHostSockets } from "./node-host-sockets.ts";

export interface NodeUserNetdev {
  net: UserNet;
  sockets: NodeHostSockets;
  /** Stops the timers and closes every host socket. */
  stop(): void;
}

/** The NAT's timer tick: delayed ACKs (40 ms) and retransmissions (200 ms and up) need no finer one. */
export const NAT_POLL_MS = 20;

/** Creates the NAT and binds its host forwarding rules; throws NetOptionError (QEMU's message) if one fails. */
export async function startUserNetdev(
  config: UserNetConfig,
  onEvent?: () => void,
  limits?: Partial<UserNetLimits>,
): Promise<NodeUserNetdev> {
  const sockets = new NodeHostSockets({ connectTimeoutMs: 60_000, onEvent });
  const net = new UserNet({ host: sockets, config, now: () => performance.now(), limits });
  try {
    await net.startForwarding();
  } catch (e) {
    net.close();
    throw e;
  }
  const timer = setInterval(() => {
    net.poll();
    onEvent?.();
  }, NAT_POLL_MS);
  timer.unref();
  return {
    net,
    sockets,
    stop() {
      clearInterval(timer);
      net.close();
    },
  };
}
