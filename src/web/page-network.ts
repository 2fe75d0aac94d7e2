// The booted guest's network in the page (issue 16, point 3): the same user-mode NAT as the CLI's
// -netdev user (src/net/user-net.ts, DHCP 10.0.2.15, gateway 10.0.2.2, DNS 10.0.2.3) runs in the
// Worker, and its TCP/UDP streams go over one Wisp connection (src/net/wisp-sockets.ts) to a relay:
// by default the one `npm run web` serves next to the page (/wisp/ on the page's own origin, which
// `connect-src 'self'` allows), or another Wisp server by URL. The relay decides what may be
// reached; connections to the gateway are the relay host's 127.0.0.1. User mode's sockets use the
// same relay (startUserNetwork).
import { UserNet } from "../net/user-net.ts";
import { GuestNetwork } from "../linux-user/sockets/guest-network.ts";
import { WispSockets, type WispLink, type WispSocketsOptions } from "../net/wisp-sockets.ts";

/** The Worker's timers for WispSockets (the half-close timeout: Wisp v1 cannot pass a FIN on). */
const WISP_OPTIONS: WispSocketsOptions = {
  timers: { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
};

/** The NAT's timer tick (delayed ACKs, retransmissions), as the CLI's. */
const NAT_POLL_MS = 20;

export interface PageNetwork {
  net: UserNet;
  /** Timers; the Worker calls it between slices (cheap when nothing is due). */
  poll(): void;
  close(): void;
}

/**
 * User mode's network in the page: the guest's inet sockets over a Wisp relay. A page's guest has
 * no name server it could reach, so DNS queries to glibc's default (127.0.0.1:53, no resolv.conf)
 * are answered by the kernel from the relay's names (the relay resolves them when connecting).
 */
export function startUserNetwork(url: string, wake: () => void, onFail: (why: string) => void): { network: GuestNetwork; close(): void } {
  const wisp = new WispSockets(webSocketLink(url, onFail), wake, WISP_OPTIONS);
  return { network: new GuestNetwork({ sockets: wisp, resolver: { host: "127.0.0.1", port: 53 } }), close: () => wisp.close() };
}

/** A WebSocket as a WispLink: packets queue until it opens. */
function webSocketLink(url: string, onFail: (why: string) => void): WispLink {
  const ws = new WebSocket(url);
  ws.binaryType = "arraybuffer";
  const early: Uint8Array<ArrayBuffer>[] = [];
  const link: WispLink = {
    onPacket: null,
    onClose: null,
    send(p) {
      // The encoders allocate plain ArrayBuffers; anything else is copied into one.
      const own = p.buffer instanceof ArrayBuffer ? (p as Uint8Array<ArrayBuffer>) : p.slice();
      if (ws.readyState === WebSocket.OPEN) ws.send(own);
      else if (ws.readyState === WebSocket.CONNECTING) early.push(own);
    },
    close() {
      ws.close();
    },
  };
  ws.onopen = () => {
    for (const p of early.splice(0)) ws.send(p);
  };
  ws.onmessage = (ev: MessageEvent) => {
    if (ev.data instanceof ArrayBuffer) link.onPacket?.(new Uint8Array(ev.data));
  };
  ws.onerror = () => onFail(`cannot reach the Wisp relay at ${url}`);
  ws.onclose = () => link.onClose?.();
  return link;
}

/**
 * Starts the NAT over a Wisp relay at `url` (ws: or wss:, or a path relative to the page). `wake`
 * runs after every network event, so a machine idle in WFI looks at its NIC again.
 */
export function startPageNetwork(url: string, wake: () => void, onFail: (why: string) => void): PageNetwork {
  const wisp = new WispSockets(webSocketLink(url, onFail), wake, WISP_OPTIONS);
  const net = new UserNet({ host: wisp, now: () => performance.now() });
  let last = 0;
  return {
    net,
    poll() {
      const now = performance.now();
      if (now - last < NAT_POLL_MS) return;
      last = now;
      net.poll();
    },
    close() {
      net.close();
      wisp.close();
    },
  };
}
