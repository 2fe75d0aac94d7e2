// HostSockets over one Wisp connection (wisp.ts): how a page's Worker reaches the network. The
// NAT (and user-mode sockets) open TCP and UDP through it as through Node's sockets; the relay at
// the other end of the WebSocket (tools/web/wisp-server.ts for `npm run web`, or any Wisp v1
// server) opens the real connections under its own policy. Core-safe: the WebSocket itself is the
// embedder's (a `WispLink`), so this file needs no DOM.
//
// What Wisp v1 cannot say, and what this does instead:
//  - No connect acknowledgement: a TCP stream counts as connected at once (onConnect in the next
//    microtask); a refused connection then ends with onClose("refused"), like a reset.
//  - No half-close: end() cannot reach the peer, so the peer never sees an end of stream before it
//    closes itself (HTTP clients and servers do not need one). A peer that waits for one (an echo
//    server, `nc` fed a file) would keep both sides waiting forever; so once the queued data is sent,
//    a stream whose peer stays silent for `halfCloseTimeoutMs` after end() is closed and reported as
//    timed out (the guest's read fails with ETIMEDOUT after the data that did arrive), as Linux
//    gives up on a FIN_WAIT2 connection after tcp_fin_timeout. Needs the embedder's `timers`.
//  - No listening: `canListen` is false (user-mode sockets then bind without a host listener and
//    listen() fails with EOPNOTSUPP); listenTcp fails with "denied"; UDP sockets cannot be bound
//    to a chosen port.
//  - No name lookup: lookup() answers with a made-up address from 198.18.0.0/15 (RFC 2544's
//    benchmarking range) per name, and connections to it send the name in CONNECT, so the relay
//    resolves (and its policy judges) names itself.
import { parseDottedQuad } from "./ipv4-address.ts";
import type {
  HostAddress,
  HostError,
  HostListener,
  HostListenHandlers,
  HostSockets,
  HostTcpHandlers,
  HostTcpStream,
  HostUdpHandlers,
  HostUdpSocket,
} from "./host-sockets.ts";
import {
  encodeClose,
  encodeConnect,
  encodeData,
  parseWisp,
  WISP_CLOSE,
  WISP_CONTINUE,
  WISP_DATA,
  WISP_TCP,
  WISP_UDP,
  WispClose,
} from "./wisp.ts";

/** The WebSocket (or anything carrying whole binary messages) a WispSockets speaks over. */
export interface WispLink {
  send(packet: Uint8Array): void;
  /** Called by the embedder with every binary message, and once when the link is gone. */
  onPacket: ((packet: Uint8Array) => void) | null;
  onClose: (() => void) | null;
  close(): void;
}

/** The largest DATA payload sent (relays buffer packets, not bytes). */
const MAX_DATA = 32 * 1024;
/** onDrain fires when the queue falls below this after having been above it. */
const DRAIN_LOW = 64 * 1024;
const FAKE_BASE = (198 << 24) | (18 << 16);
const FAKE_COUNT = 1 << 17;

const later = (f: () => void) => void Promise.resolve().then(f);

function errorOf(reason: number): HostError | null {
  switch (reason) {
    case WispClose.voluntary:
      return null;
    case WispClose.refused:
      return { code: "refused", message: "connection refused (relay)" };
    case WispClose.unreachable:
    case WispClose.invalidInfo:
      return { code: "unreachable", message: "host unreachable (relay)" };
    case WispClose.connectTimeout:
    case WispClose.tcpTimeout:
      return { code: "timeout", message: "timed out (relay)" };
    case WispClose.blocked:
    case WispClose.throttled:
      return { code: "denied", message: "refused by the relay's policy" };
    default:
      return { code: "reset", message: `closed by the relay (reason ${reason})` };
  }
}

/** Timers from the embedder (setTimeout in a page or Node): the core has none of its own. */
export interface WispTimers {
  set(f: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface WispSocketsOptions {
  /** Without timers a half-closed stream waits for its peer for ever (see the file comment). */
  timers?: WispTimers;
  /** How long a stream whose guest side ended may stay silent before it is closed (default 30 s). */
  halfCloseTimeoutMs?: number;
}

const HALF_CLOSE_TIMEOUT_MS = 30_000;

interface Stream {
  onData(d: Uint8Array): void;
  onContinue(n: number): void;
  onClose(reason: number): void;
}

export class WispSockets implements HostSockets {
  /** A Wisp relay opens connections, it cannot accept them. */
  readonly canListen = false;
  private readonly streams = new Map<number, Stream>();
  private nextId = 1;
  /** The relay's initial credit (CONTINUE on stream 0); streams start with it. */
  private initialCredit = 0;
  private gotInitial = false;
  private closed = false;
  private readonly fakeByName = new Map<string, string>();
  private readonly nameByFake = new Map<string, string>();
  private nextFake = 1;

  /** `onEvent` runs after every callback into the user (a run loop waiting for the network wakes). */
  constructor(
    private readonly link: WispLink,
    private readonly onEvent: () => void = () => {},
    private readonly options: WispSocketsOptions = {},
  ) {
    link.onPacket = (p) => this.receive(p);
    link.onClose = () => this.linkGone();
  }

  /** Streams open now (tests check that nothing leaks). */
  get open(): number {
    return this.streams.size;
  }

  private receive(p: Uint8Array): void {
    const pk = parseWisp(p);
    if (!pk) return;
    if (pk.stream === 0) {
      if (pk.type === WISP_CONTINUE) {
        this.initialCredit = pk.remaining;
        this.gotInitial = true;
        for (const s of this.streams.values()) s.onContinue(-1);
        this.onEvent();
      }
      return;
    }
    const s = this.streams.get(pk.stream);
    if (!s) return;
    if (pk.type === WISP_DATA) s.onData(pk.data.slice());
    else if (pk.type === WISP_CONTINUE) s.onContinue(pk.remaining);
    else if (pk.type === WISP_CLOSE) {
      this.streams.delete(pk.stream);
      s.onClose(pk.reason);
    }
    this.onEvent();
  }

  private linkGone(): void {
    if (this.closed) return;
    this.closed = true;
    const all = [...this.streams.values()];
    this.streams.clear();
    for (const s of all) s.onClose(WispClose.networkError);
    this.onEvent();
  }

  private send(p: Uint8Array): void {
    if (!this.closed) this.link.send(p);
  }

  private allocId(): number {
    let id = this.nextId;
    while (this.streams.has(id) || id === 0) id = (id + 1) >>> 0;
    this.nextId = (id + 1) >>> 0 || 1;
    return id;
  }

  /** The name to ask the relay for: a made-up address from lookup() goes back to its name. */
  private target(host: string): string {
    return this.nameByFake.get(host) ?? host;
  }

  connectTcp(host: string, port: number, h: HostTcpHandlers): HostTcpStream {
    const id = this.allocId();
    const queue: Uint8Array[] = [];
    let queued = 0;
    let credit = this.gotInitial ? this.initialCredit : 0;
    let wasHigh = false;
    let ending = false;
    /** end(final): close the stream once the queue is sent (nothing will read the peer's answer). */
    let closeWhenSent = false;
    let done = false;
    let paused = false;
    const held: Uint8Array[] = [];
    let heldEnd: number | null = null;
    /** The half-close timer (see the file comment): armed by end(), pushed back by every sign of life. */
    let halfClose: unknown = null;
    const timers = this.options.timers;
    const halfCloseMs = this.options.halfCloseTimeoutMs ?? HALF_CLOSE_TIMEOUT_MS;
    const stopHalfClose = () => {
      if (halfClose !== null) timers?.clear(halfClose);
      halfClose = null;
    };
    const armHalfClose = () => {
      if (!timers || !ending || done) return;
      stopHalfClose();
      halfClose = timers.set(() => {
        halfClose = null;
        if (done) return;
        if (queued > 0) return armHalfClose(); // still sending: the peer may be slow to take it
        if (this.streams.delete(id)) this.send(encodeClose(id, WispClose.voluntary));
        stream.onClose(WispClose.tcpTimeout);
        this.onEvent();
      }, halfCloseMs);
    };
    const finish = (reason: number) => {
      if (done) return;
      done = true;
      stopHalfClose();
      if (reason === WispClose.voluntary) h.onEnd();
      h.onClose(errorOf(reason));
    };
    const flush = () => {
      while (queue.length > 0 && credit > 0 && !done) {
        const d = queue.shift()!;
        queued -= d.length;
        credit--;
        this.send(encodeData(id, d));
      }
      if (wasHigh && queued < DRAIN_LOW && !done) {
        wasHigh = false;
        h.onDrain();
      }
      if (closeWhenSent && queue.length === 0 && !done) {
        done = true;
        stopHalfClose();
        if (this.streams.delete(id)) this.send(encodeClose(id, WispClose.voluntary));
      }
    };
    const stream: Stream = {
      onData: (d) => {
        if (done) return;
        if (halfClose !== null) armHalfClose();
        if (paused) held.push(d);
        else h.onData(d);
      },
      onContinue: (n) => {
        credit = n < 0 ? (this.gotInitial ? this.initialCredit : credit) : n;
        flush();
      },
      onClose: (reason) => {
        if (paused) heldEnd = reason;
        else finish(reason);
      },
    };
    this.streams.set(id, stream);
    this.send(encodeConnect(id, WISP_TCP, port, this.target(host)));
    later(() => {
      if (!done) h.onConnect?.({ host: "0.0.0.0", port: 0 });
      this.onEvent();
    });
    const self = this;
    return {
      write(data: Uint8Array) {
        if (done || ending) return;
        for (let o = 0; o < data.length; o += MAX_DATA) {
          const part = data.subarray(o, Math.min(data.length, o + MAX_DATA));
          queue.push(part);
          queued += part.length;
        }
        if (queued >= DRAIN_LOW) wasHigh = true;
        flush();
      },
      get bufferedAmount() {
        return queued;
      },
      end(final?: boolean) {
        if (done) return;
        if (final) {
          // A close: nothing will read an answer, so the stream ends once the queue is sent.
          ending = closeWhenSent = true;
          flush();
          return;
        }
        // Wisp v1 has no half-close (see the file comment): nothing to send; wait for the peer a while.
        if (ending) return;
        ending = true;
        armHalfClose();
      },
      pause() {
        paused = true;
      },
      resume() {
        if (!paused) return;
        paused = false;
        later(() => {
          while (held.length > 0 && !paused && !done) h.onData(held.shift()!);
          if (!paused && heldEnd !== null) finish(heldEnd);
          self.onEvent();
        });
      },
      close() {
        if (done) return;
        done = true;
        stopHalfClose();
        if (self.streams.delete(id)) self.send(encodeClose(id, WispClose.voluntary));
      },
    };
  }

  listenTcp(_host: string, _port: number, h: HostListenHandlers): HostListener {
    later(() => {
      h.onError({ code: "denied", message: "a Wisp relay cannot listen" });
      this.onEvent();
    });
    return { close() {} };
  }

  openUdp(h: HostUdpHandlers, bind?: { host: string; port: number }): HostUdpSocket {
    let closed = false;
    /** One Wisp UDP stream per destination ("host:port"). */
    const peers = new Map<string, number>();
    if (bind && bind.port !== 0) {
      later(() => {
        if (!closed) h.onError?.({ code: "denied", message: "a Wisp relay cannot bind a UDP port" });
        this.onEvent();
      });
    } else if (bind) {
      // The relay's port is unknown; the guest sees a port of its own.
      later(() => {
        if (!closed) h.onListening?.({ host: "0.0.0.0", port: 49152 + (this.nextId % 16384) });
        this.onEvent();
      });
    }
    const self = this;
    return {
      send(data: Uint8Array, host: string, port: number) {
        if (closed) return;
        const key = `${host}:${port}`;
        let id = peers.get(key);
        if (id === undefined) {
          id = self.allocId();
          const sid = id;
          peers.set(key, sid);
          self.streams.set(sid, {
            onData: (d) => {
              if (!closed) h.onMessage(d, host, port);
            },
            onContinue: () => {},
            onClose: () => peers.delete(key),
          });
          self.send(encodeConnect(sid, WISP_UDP, port, self.target(host)));
        }
        self.send(encodeData(id, data));
      },
      close() {
        if (closed) return;
        closed = true;
        for (const id of peers.values()) if (self.streams.delete(id)) self.send(encodeClose(id, WispClose.voluntary));
        peers.clear();
      },
    };
  }

  lookup(name: string): Promise<HostAddress[]> {
    if (parseDottedQuad(name) !== null) return Promise.resolve([{ address: name, family: 4 }]);
    const key = name.toLowerCase().replace(/\.$/, "");
    if (!/^[a-z0-9.-]{1,253}$/.test(key)) return Promise.reject({ code: "not-found", message: `bad name ${name}` });
    let fake = this.fakeByName.get(key);
    if (!fake) {
      if (this.nextFake >= FAKE_COUNT) return Promise.reject({ code: "other", message: "too many names" });
      const a = (FAKE_BASE + this.nextFake++) >>> 0;
      fake = `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
      this.fakeByName.set(key, fake);
      this.nameByFake.set(fake, key);
    }
    return Promise.resolve([{ address: fake, family: 4 }]);
  }

  /** Closes every stream and the link. */
  close(): void {
    this.streams.clear();
    this.closed = true;
    this.link.close();
  }
}
