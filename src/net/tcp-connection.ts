// One TCP connection between the guest and the NAT (RFC 9293), the NAT standing in for the remote
// peer while the bytes go to and come from a host stream (slirp's tcp_input/tcp_output, written
// afresh): three-way handshake both ways (guest-initiated connections, and host forwarding where
// the NAT opens the connection to the guest), sequence and acknowledgement numbers, MSS and window
// scale options, the receive window tied to what the host stream has not yet sent on, a send queue
// holding host bytes until the guest acknowledges them, retransmission on timeout (RFC 6298 RTO,
// go-back-N) and on three duplicate ACKs, zero-window probes, keepalive probes for a vanished
// guest, FIN in both directions with half-close, RST, and TIME-WAIT.
//
// The link to the guest is a virtual wire that loses nothing unless the guest runs out of receive
// buffers, so there is no congestion control: the NAT sends what the guest's window allows, as
// fast as the NIC takes it (NicLink.ready).
import type { HostError, HostTcpHandlers, HostTcpStream } from "./host-sockets.ts";
import { ByteQueue } from "./byte-queue.ts";
import { ETH_HEADER } from "./ethernet.ts";
import { GuestOutput } from "./guest-output.ts";
import { IPPROTO_TCP, IPV4_HEADER } from "./ipv4.ts";
import {
  seqAdd,
  seqDiff,
  seqLt,
  synOptionsLength,
  TCP_ACK,
  TCP_FIN,
  TCP_HEADER,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
  writeTcp,
  type TcpSegment,
} from "./tcp-segment.ts";

export type TcpState =
  | "syn-sent" // host forwarding: SYN sent to the guest
  | "syn-received" // guest SYN received (SYN-ACK sent once the host connection is up)
  | "established"
  | "fin-wait-1" // our FIN sent (the host finished), not yet acknowledged
  | "fin-wait-2" // our FIN acknowledged, waiting for the guest's
  | "closing" // both FINs sent, ours not yet acknowledged
  | "time-wait"
  | "close-wait" // the guest's FIN received, the host may still send
  | "last-ack" // both FINs sent after close-wait, ours not yet acknowledged
  | "closed";

export interface TcpLimits {
  /** Our receive window: most guest bytes accepted while the host stream has not sent them on. */
  rcvBuffer: number;
  /** Host bytes queued for the guest above which the host stream is paused, and below which it resumes. */
  sendHigh: number;
  sendLow: number;
  /** MSS we announce (the guest's MTU minus 40). */
  mss: number;
  /** Our window scale shift (used only when the guest's SYN carries the option too). */
  wscale: number;
  /** Handshake with the guest (SYN-ACK or SYN sent) must complete within this. */
  handshakeMs: number;
  /** The host connection for a guest SYN must be up within this. */
  connectMs: number;
  timeWaitMs: number;
  /** Retransmissions of one segment before the connection is abandoned. */
  maxRetransmits: number;
  /** Guest silence before keepalive probes, their interval, and how many unanswered probes end it. */
  keepIdleMs: number;
  keepIntervalMs: number;
  keepCount: number;
}

export const DEFAULT_TCP_LIMITS: TcpLimits = {
  rcvBuffer: 512 * 1024,
  sendHigh: 1024 * 1024,
  sendLow: 256 * 1024,
  mss: 1460,
  wscale: 7,
  handshakeMs: 30_000,
  connectMs: 60_000,
  timeWaitMs: 2_000,
  maxRetransmits: 12,
  keepIdleMs: 600_000,
  keepIntervalMs: 75_000,
  keepCount: 8,
};

const RTO_INITIAL = 1000;
/** How long an ACK for less than two full segments may wait (Linux's minimum delayed ACK is 40 ms). */
export const DELAYED_ACK_MS = 40;
const RTO_MIN = 200;
const RTO_MAX = 60_000;
/** The largest TCP payload of one GSO frame: the IPv4 total length is 16 bits. */
const TSO_MAX = 65535 - IPV4_HEADER - TCP_HEADER;

/** What a connection needs from the NAT. */
export interface TcpContext {
  readonly output: GuestOutput;
  readonly limits: TcpLimits;
  now(): number;
  /** The connection is finished and must be forgotten. */
  removed(conn: TcpConnection): void;
  /** Bytes entered (+) or left (-) connections' send queues: global accounting. */
  queued(delta: number, conn: TcpConnection): void;
  /** The connection could not send because the NIC is full; call pump() at linkReady. */
  blocked(conn: TcpConnection): void;
  /** The host connection failed before the handshake: tell the guest (RST or ICMP unreachable). */
  connectFailed(conn: TcpConnection, error: HostError): void;
  /** The connection wants an ACK sent at the end of the current batch. */
  ackLater(conn: TcpConnection): void;
}

export class TcpConnection {
  state: TcpState;
  /** The host side (null once it is closed). */
  host: HostTcpStream | null = null;
  hostPaused = false;

  // send sequence space (NAT -> guest)
  private iss: number;
  private sndUna: number;
  private sndNxt: number;
  private sndMax: number;
  private sndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  private sndShift = 0;
  private wsAgreed = false;
  private sndMss = 536;
  /** Sequence number of the first byte in `queue`. */
  private dataSeq: number;
  private readonly queue = new ByteQueue();
  private hostEnded = false;

  // receive sequence space (guest -> NAT)
  private irs = 0;
  private rcvNxt = 0;
  private rcvShift = 0;
  /** The right edge of the window last advertised (never moved left). */
  private rcvRight = 0;

  // timers (absolute ms; 0 = off)
  private rtxAt = 0;
  private persistAt = 0;
  private keepAt = 0;
  private stateAt = 0;
  private rto = RTO_INITIAL;
  private srtt = 0;
  private rttvar = 0;
  private rtxCount = 0;
  private persistBackoff = 0;
  private keepProbes = 0;
  private rttSeq = 0;
  private rttStart = 0;
  private rttActive = false;
  private dupAcks = 0;
  private synAckSent = false;
  /** The guest's SYN (IP header + 8 bytes), quoted in an ICMP error if the host refuses. */
  synQuote: Uint8Array | null = null;
  ackPending = false;
  /** Guest bytes received since our last ACK, and when a delayed ACK is due (0 = none). */
  private unacked = 0;
  private delAckAt = 0;

  private constructor(
    private readonly ctx: TcpContext,
    readonly guestIp: number,
    readonly guestPort: number,
    /** The address and port the guest sees as the other end. */
    readonly peerIp: number,
    readonly peerPort: number,
    iss: number,
    state: TcpState,
  ) {
    this.iss = iss;
    this.sndUna = this.sndNxt = this.sndMax = iss;
    this.dataSeq = seqAdd(iss, 1);
    this.state = state;
  }

  /** A connection for a guest SYN; `connect` opens the host side with the handlers it is given. */
  static fromGuestSyn(
    ctx: TcpContext,
    guestIp: number,
    guestPort: number,
    peerIp: number,
    peerPort: number,
    seg: TcpSegment,
    iss: number,
    connect: (handlers: HostTcpHandlers) => HostTcpStream,
  ): TcpConnection {
    const c = new TcpConnection(ctx, guestIp, guestPort, peerIp, peerPort, iss, "syn-received");
    c.takeSynOptions(seg);
    c.irs = seg.seq;
    c.rcvNxt = seqAdd(seg.seq, 1);
    c.rcvRight = seqAdd(c.rcvNxt, Math.min(0xffff, ctx.limits.rcvBuffer));
    c.sndWnd = seg.window; // never scaled in a SYN
    c.sndWl1 = seg.seq;
    c.stateAt = ctx.now() + ctx.limits.connectMs;
    c.host = connect(c.handlers());
    return c;
  }

  /** A connection into the guest for a host-forwarded connection (sends the SYN). */
  static toGuest(ctx: TcpContext, guestIp: number, guestPort: number, peerIp: number, peerPort: number, iss: number): TcpConnection {
    const c = new TcpConnection(ctx, guestIp, guestPort, peerIp, peerPort, iss, "syn-sent");
    c.stateAt = ctx.now() + ctx.limits.handshakeMs;
    return c;
  }

  /** Attaches the host stream of a host-forwarded connection and sends the SYN. */
  start(accept: (handlers: HostTcpHandlers) => HostTcpStream): void {
    this.host = accept(this.handlers());
    this.sendSyn();
  }

  /** The queue and flags, for tests and the leak checks. */
  get queuedBytes(): number {
    return this.queue.length;
  }

  /** The next sequence number expected from the guest. */
  get expectedSeq(): number {
    return this.rcvNxt;
  }

  get finished(): boolean {
    return this.state === "closed";
  }

  // ---- host events

  /**
   * The host stream's callbacks. Each is guarded: an exception (a bug) must not escape into the
   * host's event loop, where it would take the whole emulator down; it resets this connection.
   */
  private handlers(): HostTcpHandlers {
    const h = this.rawHandlers();
    const guard =
      <A extends unknown[]>(f: (...a: A) => void) =>
      (...a: A) => {
        try {
          f(...a);
        } catch {
          try {
            this.abort();
          } catch {
            this.state = "closed";
          }
        }
      };
    return {
      onConnect: guard(h.onConnect!),
      onData: guard(h.onData),
      onEnd: guard(h.onEnd),
      onDrain: guard(h.onDrain),
      onClose: guard(h.onClose),
    };
  }

  private rawHandlers(): HostTcpHandlers {
    return {
      onConnect: () => {
        if (this.state !== "syn-received" || this.synAckSent) return;
        this.synAckSent = true;
        this.stateAt = this.ctx.now() + this.ctx.limits.handshakeMs;
        this.sendSyn();
      },
      onData: (d) => {
        if (this.state === "closed" || this.hostEnded) return;
        if (!this.canQueue()) {
          this.abort(); // the guest can no longer take data (it closed or reset)
          return;
        }
        this.queue.push(d);
        this.ctx.queued(d.length, this);
        if (this.queue.length >= this.ctx.limits.sendHigh) this.pauseHost();
        this.pump();
      },
      onEnd: () => {
        if (this.state === "closed") return;
        this.hostEnded = true;
        this.pump();
      },
      onDrain: () => {
        if (this.state === "closed") return;
        // The host took what it had buffered: if our window had shrunk, tell the guest it reopened.
        const open = seqDiff(this.rcvRight, this.rcvNxt);
        if (open < this.ctx.limits.rcvBuffer / 2 && this.windowBytes() - open >= 2 * this.ctx.limits.mss) this.sendAck();
      },
      onClose: (error) => {
        this.host = null;
        if (this.state === "closed") return;
        if (error !== null) {
          if (this.state === "syn-received" && !this.synAckSent) {
            this.ctx.connectFailed(this, error);
            this.finish();
          } else this.abort();
          return;
        }
        // An orderly close: whatever the host sent is queued, and its FIN follows it.
        this.hostEnded = true;
        this.pump();
      },
    };
  }

  pauseHost(): void {
    if (this.hostPaused || this.host === null) return;
    this.hostPaused = true;
    this.host.pause();
  }

  resumeHost(): void {
    if (!this.hostPaused) return;
    this.hostPaused = false;
    this.host?.resume();
  }

  /** True while the send queue is below its low mark (the NAT resumes globally paused streams then). */
  get wantsData(): boolean {
    return this.queue.length < this.ctx.limits.sendLow;
  }

  private canQueue(): boolean {
    return this.state === "syn-received" || this.state === "syn-sent" || this.state === "established" || this.state === "close-wait";
  }

  // ---- guest segments

  /** A segment from the guest for this connection. `data` is valid during the call only. */
  input(seg: TcpSegment, frame: Uint8Array): void {
    const now = this.ctx.now();
    this.keepProbes = 0;
    if (this.keepAt !== 0) this.keepAt = now + this.ctx.limits.keepIdleMs;
    const f = seg.flags;

    if (this.state === "syn-sent") {
      // RFC 9293 3.10.7.3
      if (f & TCP_ACK && seqDiff(seg.ack, this.iss) !== 1) {
        if (!(f & TCP_RST)) this.sendRst(seg.ack);
        return;
      }
      if (f & TCP_RST) {
        if (f & TCP_ACK) this.finish(); // the guest refused: the host sees the connection closed
        return;
      }
      if (!(f & TCP_SYN) || !(f & TCP_ACK)) return; // simultaneous open is not supported
      this.takeSynOptions(seg);
      this.irs = seg.seq;
      this.rcvNxt = seqAdd(seg.seq, 1);
      this.rcvRight = this.rcvNxt;
      this.sndUna = seg.ack;
      this.sndWnd = seg.window; // unscaled in a SYN
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
      this.becomeEstablished(now);
      this.sendAck();
      this.pump();
      return;
    }

    if (this.state === "syn-received" && f & TCP_SYN && !(f & TCP_ACK) && seg.seq === this.irs) {
      // The guest repeats its SYN: repeat the SYN-ACK if it was sent, else the host is still connecting.
      if (this.synAckSent) this.sendSyn();
      return;
    }

    // 1. sequence number acceptable?
    const segLen = seg.dataLength + (f & TCP_SYN ? 1 : 0) + (f & TCP_FIN ? 1 : 0);
    const wnd = Math.max(0, seqDiff(this.rcvRight, this.rcvNxt));
    const inWnd = (s: number) => {
      const d = seqDiff(s, this.rcvNxt);
      return d >= 0 && d < wnd;
    };
    const acceptable =
      segLen === 0
        ? wnd === 0
          ? seg.seq === this.rcvNxt
          : inWnd(seg.seq) || seg.seq === this.rcvNxt
        : wnd > 0 && (inWnd(seg.seq) || inWnd(seqAdd(seg.seq, segLen - 1)));
    if (!acceptable) {
      if (!(f & TCP_RST)) this.sendAck();
      return;
    }
    // 2. RST
    if (f & TCP_RST) {
      this.host?.close();
      this.host = null;
      this.finish();
      return;
    }
    // 3. SYN in the window of a synchronized connection: challenge ACK (RFC 5961 4.2)
    if (f & TCP_SYN) {
      this.sendAck();
      return;
    }
    // 4. ACK
    if (!(f & TCP_ACK)) return;
    if (this.state === "syn-received") {
      if (!this.synAckSent || seqDiff(seg.ack, this.iss) !== 1) {
        this.sendRst(seg.ack);
        return;
      }
      this.sndUna = seg.ack;
      this.becomeEstablished(now);
      this.sndWnd = seg.window << this.sndShift;
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
    }
    if (seqDiff(seg.ack, this.sndMax) > 0) {
      this.sendAck(); // acknowledges something never sent
      return;
    }
    const window = seg.window << this.sndShift;
    const advance = seqDiff(seg.ack, this.sndUna);
    if (advance > 0) this.acked(seg.ack, now);
    else if (advance === 0 && seg.dataLength === 0 && !(f & TCP_FIN) && window === this.sndWnd && this.sndMax !== this.sndUna) {
      if (++this.dupAcks === 3) this.fastRetransmit();
    }
    // window update (RFC 9293 SND.WL1/WL2 rule)
    if (seqLt(this.sndWl1, seg.seq) || (this.sndWl1 === seg.seq && !seqLt(seg.ack, this.sndWl2))) {
      this.sndWnd = window;
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
      if (window > 0) {
        this.persistAt = 0;
        this.persistBackoff = 0;
      }
    }
    if (this.state === "closed") return;
    // 5. data
    let fin = (f & TCP_FIN) !== 0;
    if (seg.dataLength > 0) {
      if (this.state === "established" || this.state === "fin-wait-1" || this.state === "fin-wait-2") {
        const skip = seqDiff(this.rcvNxt, seg.seq);
        if (skip < 0) {
          // out of order (a segment was lost): drop it and repeat our ACK so the guest resends
          this.sendAck();
          return;
        }
        let n = seg.dataLength - skip;
        if (n > wnd) {
          n = wnd;
          fin = false;
        }
        if (n > 0) {
          if (this.host === null) {
            this.abort(); // nowhere to deliver the data
            return;
          }
          this.host.write(frame.slice(seg.dataOffset + skip, seg.dataOffset + skip + n));
          this.rcvNxt = seqAdd(this.rcvNxt, n);
          // Delayed ACK (RFC 9293 3.8.6.3): at least every second full-sized segment, else within
          // DELAYED_ACK_MS. Acknowledging every small segment at once would defeat the guest's
          // Nagle algorithm and make it send one small packet per write.
          this.unacked += n;
          if (this.unacked >= 2 * this.ctx.limits.mss) this.ackLater();
          else if (this.delAckAt === 0) this.delAckAt = now + DELAYED_ACK_MS;
        }
      } else fin = false; // data after the guest's FIN: ignored (RFC 9293)
    }
    // 6. FIN
    if (fin && seqAdd(seg.seq, seg.dataLength) === this.rcvNxt) {
      this.rcvNxt = seqAdd(this.rcvNxt, 1);
      this.host?.end();
      this.sendAck();
      switch (this.state) {
        case "established":
          this.state = "close-wait";
          break;
        case "fin-wait-1":
          this.state = "closing";
          break;
        case "fin-wait-2":
          this.enterTimeWait(now);
          break;
      }
    }
    this.pump();
  }

  private takeSynOptions(seg: TcpSegment): void {
    this.sndMss = Math.max(64, Math.min(seg.mss > 0 ? seg.mss : 536, this.ctx.limits.mss));
    // RFC 7323: scaling is on only when both SYNs carry the option (ours always does when theirs did)
    this.wsAgreed = seg.wscale >= 0;
    if (this.wsAgreed) {
      this.sndShift = seg.wscale;
      this.rcvShift = this.ctx.limits.wscale;
    } else this.sndShift = this.rcvShift = 0;
  }

  private becomeEstablished(now: number): void {
    this.state = "established";
    this.stateAt = 0;
    this.rtxAt = 0;
    this.rtxCount = 0;
    this.keepAt = now + this.ctx.limits.keepIdleMs;
  }

  /** The guest acknowledged up to `ack` (new data). */
  private acked(ack: number, now: number): void {
    // RTT sample (Karn: only for segments never retransmitted; rttActive is cleared on retransmission)
    if (this.rttActive && !seqLt(ack, this.rttSeq)) {
      this.rttActive = false;
      const r = now - this.rttStart;
      if (this.srtt === 0) {
        this.srtt = r;
        this.rttvar = r / 2;
      } else {
        this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
        this.srtt = 0.875 * this.srtt + 0.125 * r;
      }
      this.rto = Math.min(RTO_MAX, Math.max(RTO_MIN, this.srtt + Math.max(10, 4 * this.rttvar)));
    }
    const data = Math.min(Math.max(0, seqDiff(ack, this.dataSeq)), this.queue.length);
    if (data > 0) {
      this.queue.drop(data);
      this.dataSeq = seqAdd(this.dataSeq, data);
      this.ctx.queued(-data, this);
      if (this.hostPaused && this.queue.length < this.ctx.limits.sendLow) this.resumeHost();
    }
    this.sndUna = ack;
    if (seqLt(this.sndNxt, ack)) this.sndNxt = ack;
    this.dupAcks = 0;
    this.rtxCount = 0;
    this.rtxAt = this.sndUna === this.sndMax ? 0 : now + this.rto;
    if (this.finAcked()) {
      switch (this.state) {
        case "fin-wait-1":
          this.state = "fin-wait-2";
          break;
        case "closing":
          this.enterTimeWait(now);
          break;
        case "last-ack":
          this.finish();
          break;
      }
    }
  }

  private finAcked(): boolean {
    return this.hostEnded && seqDiff(this.sndUna, this.dataSeq) > this.queue.length;
  }

  private enterTimeWait(now: number): void {
    this.state = "time-wait";
    this.rtxAt = this.persistAt = this.keepAt = 0;
    this.stateAt = now + this.ctx.limits.timeWaitMs;
  }

  // ---- sending

  private windowBytes(): number {
    const h = this.host === null ? 0 : this.host.bufferedAmount;
    return Math.max(0, this.ctx.limits.rcvBuffer - h);
  }

  /** The window field for a non-SYN segment; moves the advertised right edge, never left. */
  private windowField(): number {
    let right = seqAdd(this.rcvNxt, this.windowBytes());
    if (seqLt(right, this.rcvRight)) right = this.rcvRight;
    const field = Math.min(0xffff, seqDiff(right, this.rcvNxt) >>> this.rcvShift);
    const edge = seqAdd(this.rcvNxt, field << this.rcvShift);
    if (seqLt(this.rcvRight, edge)) this.rcvRight = edge;
    return field;
  }

  private canSendData(): boolean {
    const s = this.state;
    return s === "established" || s === "close-wait" || s === "fin-wait-1" || s === "closing" || s === "last-ack";
  }

  /** Sends what the window allows: data, then our FIN once the host has finished. */
  pump(): void {
    if (!this.canSendData()) return;
    const out = this.ctx.output;
    for (;;) {
      const sent = seqDiff(this.sndNxt, this.dataSeq);
      const unsent = this.queue.length - sent;
      const usable = seqDiff(seqAdd(this.sndUna, this.sndWnd), this.sndNxt);
      if (unsent > 0) {
        if (usable <= 0) {
          this.armPersist();
          return;
        }
        const maxSeg = out.link !== null && out.link.rxTso ? TSO_MAX : this.sndMss;
        const n = Math.min(unsent, usable, maxSeg);
        // sender-side silly window avoidance: no small segment while data is in flight and more is queued
        if (n < this.sndMss && n < unsent && this.sndNxt !== this.sndUna) return;
        if (!out.ready) {
          this.ctx.blocked(this);
          return;
        }
        this.sendData(this.sndNxt, n, n === unsent);
        this.sndNxt = seqAdd(this.sndNxt, n);
        if (seqLt(this.sndMax, this.sndNxt)) {
          if (!this.rttActive) {
            this.rttActive = true;
            this.rttSeq = this.sndNxt;
            this.rttStart = this.ctx.now();
          }
          this.sndMax = this.sndNxt;
        }
        if (this.rtxAt === 0) this.rtxAt = this.ctx.now() + this.rto;
        continue;
      }
      if (unsent === 0 && this.hostEnded) {
        if (usable <= 0 && this.sndWnd === 0) {
          this.armPersist();
          return;
        }
        this.sendSegment(TCP_FIN | TCP_ACK, this.sndNxt, 0, 0);
        this.sndNxt = seqAdd(this.sndNxt, 1);
        if (seqLt(this.sndMax, this.sndNxt)) this.sndMax = this.sndNxt;
        if (this.rtxAt === 0) this.rtxAt = this.ctx.now() + this.rto;
        if (this.state === "established") this.state = "fin-wait-1";
        else if (this.state === "close-wait") this.state = "last-ack";
      }
      return;
    }
  }

  private armPersist(): void {
    if (this.persistAt !== 0 || this.sndNxt !== this.sndUna) return;
    this.persistAt = this.ctx.now() + Math.min(RTO_MAX, this.rto * 2 ** this.persistBackoff);
  }

  private sendData(seq: number, n: number, push: boolean): void {
    this.sendSegment(TCP_ACK | (push ? TCP_PSH : 0), seq, seqDiff(seq, this.dataSeq), n);
  }

  /** SYN (host forwarding) or SYN-ACK (guest connection). */
  private sendSyn(): void {
    const ack = this.state === "syn-received";
    const ws = ack ? (this.wsAgreed ? this.rcvShift : -1) : this.ctx.limits.wscale;
    const frame = GuestOutput.alloc(TCP_HEADER + synOptionsLength(ws));
    const window = Math.min(0xffff, this.windowBytes());
    writeTcp(
      frame,
      ETH_HEADER + IPV4_HEADER,
      this.peerIp,
      this.peerPort,
      this.guestIp,
      this.guestPort,
      this.iss,
      ack ? this.rcvNxt : 0,
      TCP_SYN | (ack ? TCP_ACK : 0),
      window,
      0,
      true,
      this.ctx.limits.mss,
      ws,
    );
    this.ctx.output.sendIpv4(frame, this.peerIp, this.guestIp, IPPROTO_TCP);
    this.sndNxt = seqAdd(this.iss, 1);
    if (seqLt(this.sndMax, this.sndNxt)) this.sndMax = this.sndNxt;
    this.rtxAt = this.ctx.now() + this.rto;
  }

  /** A segment with `n` bytes of the send queue from `queueOffset`, carrying the current ACK and window. */
  private sendSegment(flags: number, seq: number, queueOffset: number, n: number): void {
    const out = this.ctx.output;
    const link = out.link;
    const offload = link !== null && link.rxChecksumOffload;
    const frame = GuestOutput.alloc(TCP_HEADER + n);
    if (n > 0) this.queue.copyTo(frame, ETH_HEADER + IPV4_HEADER + TCP_HEADER, queueOffset, n);
    const window = this.windowField();
    writeTcp(
      frame,
      ETH_HEADER + IPV4_HEADER,
      this.peerIp,
      this.peerPort,
      this.guestIp,
      this.guestPort,
      seq,
      this.rcvNxt,
      flags,
      window,
      n,
      !offload,
    );
    this.ackPending = false;
    this.unacked = 0;
    this.delAckAt = 0;
    out.sendIpv4(
      frame,
      this.peerIp,
      this.guestIp,
      IPPROTO_TCP,
      offload ? { checksumNotFilled: true, gsoMss: n > this.sndMss ? this.sndMss : 0 } : null,
    );
  }

  /** A bare ACK now. */
  sendAck(): void {
    this.sendSegment(TCP_ACK, this.sndNxt, 0, 0);
  }

  /** Marks the connection for an ACK at the end of the batch. */
  private ackLater(): void {
    if (this.ackPending) return;
    this.ackPending = true;
    this.ctx.ackLater(this);
  }

  private sendRst(seq: number): void {
    const frame = GuestOutput.alloc(TCP_HEADER);
    writeTcp(frame, ETH_HEADER + IPV4_HEADER, this.peerIp, this.peerPort, this.guestIp, this.guestPort, seq, 0, TCP_RST, 0, 0, true);
    this.ctx.output.sendIpv4(frame, this.peerIp, this.guestIp, IPPROTO_TCP);
  }

  private fastRetransmit(): void {
    const n = Math.min(this.sndMss, this.queue.length - Math.max(0, seqDiff(this.sndUna, this.dataSeq)));
    if (n <= 0 || seqLt(this.sndUna, this.dataSeq) || !this.ctx.output.ready) return;
    this.rttActive = false;
    this.sendData(this.sndUna, n, false);
  }

  // ---- timers

  /** Runs due timers. */
  poll(now: number): void {
    if (this.state === "closed") return;
    if (this.stateAt !== 0 && now >= this.stateAt) {
      this.stateAt = 0;
      if (this.state === "time-wait") return this.finish();
      if (this.state === "syn-received" && !this.synAckSent) {
        this.ctx.connectFailed(this, { code: "timeout", message: "connection timed out" });
        return this.finish();
      }
      if (this.state === "syn-sent" || this.state === "syn-received") return this.abort(); // handshake never completed
    }
    if (this.delAckAt !== 0 && now >= this.delAckAt) this.sendAck();
    if (this.rtxAt !== 0 && now >= this.rtxAt) this.retransmit(now);
    if (this.finished) return; // retransmit() may have given up
    if (this.persistAt !== 0 && now >= this.persistAt) {
      this.persistAt = 0;
      this.persistBackoff = Math.min(this.persistBackoff + 1, 8);
      this.sendProbe();
      this.armPersist();
    }
    if (this.keepAt !== 0 && now >= this.keepAt) {
      if (this.keepProbes >= this.ctx.limits.keepCount) return this.abort();
      this.keepProbes++;
      this.sendProbe();
      this.keepAt = now + this.ctx.limits.keepIntervalMs;
    }
  }

  private retransmit(now: number): void {
    if (++this.rtxCount > this.ctx.limits.maxRetransmits) return this.abort();
    this.rto = Math.min(RTO_MAX, this.rto * 2);
    this.rttActive = false;
    this.rtxAt = now + this.rto;
    if (this.state === "syn-sent" || this.state === "syn-received") {
      if (this.state === "syn-sent" || this.synAckSent) this.sendSyn();
      else this.rtxAt = 0;
      return;
    }
    if (this.sndUna === this.sndMax) {
      this.rtxAt = 0;
      return;
    }
    this.sndNxt = this.sndUna; // go back N
    this.pump();
  }

  /** A segment just left of the window: the guest answers with an ACK showing its window. */
  private sendProbe(): void {
    this.sendSegment(TCP_ACK, seqAdd(this.sndUna, -1), 0, 0);
  }

  // ---- ending

  /** Resets the connection towards the guest and drops the host side. */
  abort(): void {
    if (this.state === "closed") return;
    if (this.state !== "syn-received" || this.synAckSent) {
      const frame = GuestOutput.alloc(TCP_HEADER);
      writeTcp(
        frame,
        ETH_HEADER + IPV4_HEADER,
        this.peerIp,
        this.peerPort,
        this.guestIp,
        this.guestPort,
        this.sndNxt,
        this.rcvNxt,
        TCP_RST | TCP_ACK,
        0,
        0,
        true,
      );
      this.ctx.output.sendIpv4(frame, this.peerIp, this.guestIp, IPPROTO_TCP);
    }
    this.finish();
  }

  /** Forgets the connection: closes the host side and releases the queue. */
  finish(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.rtxAt = this.persistAt = this.keepAt = this.stateAt = 0;
    const h = this.host;
    this.host = null;
    h?.close();
    if (this.queue.length > 0) {
      this.ctx.queued(-this.queue.length, this);
      this.queue.clear();
    }
    this.ctx.removed(this);
  }
}
