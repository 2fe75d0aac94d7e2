// The Wisp relay `npm run web` serves next to the page (issue 16, point 3): a WebSocket endpoint
// (RFC 6455, written here: the project has no WebSocket dependency) at /wisp/ on the page's own
// origin, speaking Wisp v1 (src/net/wisp.ts), that opens the real TCP connections and UDP flows
// for the page's guest, under a policy: only the destinations `--net-allow` rules name (nothing by
// default). Names in CONNECT are resolved here and both the name and the address are judged, and
// the connection goes to the address that was judged.
//
// Limits: 1 MiB messages, 128 streams per WebSocket, 128 DATA packets of credit per TCP stream
// (CONTINUE when half is used and the host socket is not backed up), 30 s connect timeout. Wisp
// has no flow control towards the client, so when a client reads slowly (more than 4 MiB waiting
// in its WebSocket) every host socket of that WebSocket is paused until it drains: a client that
// stops reading cannot make the relay buffer what the hosts send. A WebSocket from another origin is
// refused (a page elsewhere must not use this relay). Malformed frames end the WebSocket (and all
// its host sockets); malformed Wisp packets are dropped.
import { createHash } from "node:crypto";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { lookup } from "node:dns/promises";
import type { IncomingMessage, Server } from "node:http";
import { connect, isIP, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { NetPolicy } from "../../src/net/net-policy.ts";
import {
  encodeClose,
  encodeContinue,
  encodeData,
  parseWisp,
  WISP_CLOSE,
  WISP_CONNECT,
  WISP_DATA,
  WISP_TCP,
  WISP_UDP,
  WispClose,
} from "../../src/net/wisp.ts";

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const MAX_MESSAGE = 1 << 20;
const MAX_STREAMS = 128;
const CREDIT = 128;
const CONNECT_TIMEOUT_MS = 30_000;
/** Host sockets are paused while more than this waits to be written to the WebSocket. */
const CLIENT_HIGH_WATER = 4 << 20;

export interface WispServerOptions {
  policy: NetPolicy;
  /** The URL path of the endpoint (default "/wisp/"). */
  path?: string;
}

export interface WispStats {
  /** WebSockets and host sockets open now (tests check nothing leaks). */
  sessions: number;
  hostSockets: number;
  /** Connections and datagrams the policy refused. */
  refused: number;
}

/** Adds the relay to an HTTP server; returns its live statistics. */
export function attachWisp(server: Server, opts: WispServerOptions): WispStats {
  const path = opts.path ?? "/wisp/";
  const stats: WispStats = { sessions: 0, hostSockets: 0, refused: 0 };
  server.on("upgrade", (req: IncomingMessage, sock: Duplex) => {
    const url = new URL(req.url ?? "/", "http://x");
    const key = req.headers["sec-websocket-key"];
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`;
    if (url.pathname !== path || typeof key !== "string" || req.headers.upgrade?.toLowerCase() !== "websocket" || !sameOrigin) {
      sock.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const accept = createHash("sha1")
      .update(key + WS_GUID)
      .digest("base64");
    sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    new WispSession(sock, opts.policy, stats);
  });
  return stats;
}

/** One WebSocket: frames in and out, and the Wisp streams it carries. */
class WispSession {
  private buf: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private closed = false;
  private readonly streams = new Map<number, { close(): void; data(d: Buffer): void }>();
  /** Connected host TCP sockets (paused together while the client is slow to read). */
  private readonly hostTcp = new Set<Socket>();
  private clientBackedUp = false;

  constructor(
    private readonly sock: Duplex,
    private readonly policy: NetPolicy,
    private readonly stats: WispStats,
  ) {
    stats.sessions++;
    sock.on("data", (d: Buffer) => this.input(d));
    sock.on("close", () => this.shutdown());
    sock.on("end", () => this.shutdown()); // the HTTP server's sockets allow half-open: the client's FIN ends it all
    sock.on("error", () => this.shutdown());
    sock.on("drain", () => {
      if (!this.clientBackedUp) return;
      this.clientBackedUp = false;
      for (const s of this.hostTcp) s.resume();
    });
    this.send(encodeContinue(0, CREDIT));
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.stats.sessions--;
    for (const s of this.streams.values()) s.close();
    this.streams.clear();
    this.sock.destroy();
  }

  /** A binary WebSocket frame (server frames are not masked). */
  send(payload: Uint8Array, opcode = 2): void {
    if (this.closed) return;
    const n = payload.length;
    const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    if (n >= 126) {
      head[0] = 0x80 | opcode;
      if (n < 65536) {
        head[1] = 126;
        head.writeUInt16BE(n, 2);
      } else {
        head[1] = 127;
        head.writeBigUInt64BE(BigInt(n), 2);
      }
    }
    this.sock.write(Buffer.concat([head, payload]));
    if (!this.clientBackedUp && this.sock.writableLength > CLIENT_HIGH_WATER) {
      this.clientBackedUp = true;
      for (const s of this.hostTcp) s.pause();
    }
  }

  private input(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      if (this.closed || this.buf.length < 2) return;
      const b0 = this.buf[0],
        b1 = this.buf[1];
      const masked = (b1 & 0x80) !== 0;
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        const big = this.buf.readBigUInt64BE(2);
        if (big > BigInt(MAX_MESSAGE)) return this.shutdown();
        len = Number(big);
        off = 10;
      }
      if (!masked || len > MAX_MESSAGE) return this.shutdown(); // clients must mask (RFC 6455 5.1)
      if (this.buf.length < off + 4 + len) return;
      const mask = this.buf.subarray(off, off + 4);
      const payload = Buffer.from(this.buf.subarray(off + 4, off + 4 + len));
      for (let i = 0; i < len; i++) payload[i] ^= mask[i & 3];
      this.buf = this.buf.subarray(off + 4 + len);
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if (opcode === 8) {
        this.send(payload.subarray(0, 2), 8);
        return this.shutdown();
      }
      if (opcode === 9) this.send(payload, 10);
      else if (opcode === 10) continue;
      else if (opcode === 0 || opcode === 1 || opcode === 2) {
        this.fragmentBytes += payload.length;
        if (this.fragmentBytes > MAX_MESSAGE) return this.shutdown();
        this.fragments.push(payload);
        if (fin) {
          const msg = this.fragments.length === 1 ? this.fragments[0] : Buffer.concat(this.fragments);
          this.fragments = [];
          this.fragmentBytes = 0;
          this.packet(msg);
        }
      } else return this.shutdown();
    }
  }

  private packet(msg: Buffer): void {
    const p = parseWisp(msg);
    if (!p) return;
    if (p.type === WISP_CONNECT) {
      if (this.streams.has(p.stream) || p.stream === 0) return;
      if (this.streams.size >= MAX_STREAMS) return this.send(encodeClose(p.stream, WispClose.throttled));
      if (p.streamType === WISP_TCP) this.openTcp(p.stream, p.host, p.port);
      else if (p.streamType === WISP_UDP) this.openUdp(p.stream, p.host, p.port);
      else this.send(encodeClose(p.stream, WispClose.invalidInfo));
    } else if (p.type === WISP_DATA) this.streams.get(p.stream)?.data(Buffer.from(p.data));
    else if (p.type === WISP_CLOSE) {
      const s = this.streams.get(p.stream);
      this.streams.delete(p.stream);
      s?.close();
    }
  }

  /** Resolves and judges a destination: the address to use, or a Wisp close reason. */
  private async judge(proto: "tcp" | "udp", host: string, port: number): Promise<string | number> {
    if (port === 0 || host.length === 0 || host.length > 253) return WispClose.invalidInfo;
    let address = host;
    if (!isIP(host)) {
      if (!/^[A-Za-z0-9.-]+$/.test(host)) return WispClose.invalidInfo;
      try {
        address = (await lookup(host, { family: 4 })).address;
      } catch {
        return WispClose.unreachable;
      }
    }
    if (isIP(address) !== 4) return WispClose.blocked; // the policy speaks IPv4
    if (!this.policy.allows(proto, host, port) && !this.policy.allows(proto, address, port)) {
      this.stats.refused++;
      return WispClose.blocked;
    }
    return address;
  }

  private openTcp(id: number, host: string, port: number): void {
    // Data may come before the connection exists (Wisp connects optimistically): keep it.
    const early: Buffer[] = [];
    let sock: Socket | null = null;
    let gone = false;
    let used = 0;
    let backedUp = false;
    const grant = () => {
      if (!gone && used >= CREDIT / 2 && !backedUp) {
        used = 0;
        this.send(encodeContinue(id, CREDIT));
      }
    };
    const end = (reason: number) => {
      if (gone) return;
      gone = true;
      if (this.streams.get(id) === entry) this.streams.delete(id);
      if (sock) {
        sock.destroy();
        this.hostTcp.delete(sock);
        this.stats.hostSockets--;
      }
      this.send(encodeClose(id, reason));
    };
    const entry = {
      close: () => {
        gone = true;
        if (sock) {
          sock.destroy();
          this.hostTcp.delete(sock);
          this.stats.hostSockets--;
          sock = null;
        }
      },
      data: (d: Buffer) => {
        used++;
        if (!sock || sock.connecting) early.push(d);
        else if (!sock.write(d)) backedUp = true;
        grant();
      },
    };
    this.streams.set(id, entry);
    void this.judge("tcp", host, port).then((r) => {
      if (gone || this.closed) return;
      if (typeof r === "number") return end(r);
      const s = connect({ host: r, port, timeout: CONNECT_TIMEOUT_MS });
      sock = s;
      this.stats.hostSockets++;
      s.on("connect", () => {
        s.setTimeout(0);
        if (gone) return;
        this.hostTcp.add(s);
        if (this.clientBackedUp) s.pause();
        for (const d of early.splice(0)) if (!s.write(d)) backedUp = true;
      });
      s.on("timeout", () => end(WispClose.connectTimeout));
      s.on("drain", () => {
        backedUp = false;
        grant();
      });
      s.on("data", (d: Buffer) => {
        for (let o = 0; o < d.length; o += 65536) this.send(encodeData(id, d.subarray(o, o + 65536)));
      });
      s.on("end", () => end(WispClose.voluntary));
      s.on("close", () => end(WispClose.voluntary));
      s.on("error", (e: NodeJS.ErrnoException) =>
        end(
          e.code === "ECONNREFUSED"
            ? WispClose.refused
            : e.code === "EHOSTUNREACH" || e.code === "ENETUNREACH"
              ? WispClose.unreachable
              : e.code === "ETIMEDOUT"
                ? WispClose.connectTimeout
                : WispClose.networkError,
        ),
      );
    });
  }

  private openUdp(id: number, host: string, port: number): void {
    let sock: UdpSocket | null = null;
    let gone = false;
    const early: Buffer[] = [];
    let address = "";
    const entry = {
      close: () => {
        gone = true;
        if (sock) {
          sock.close();
          this.stats.hostSockets--;
          sock = null;
        }
      },
      data: (d: Buffer) => {
        if (sock) sock.send(d, port, address);
        else if (early.length < 64) early.push(d);
      },
    };
    this.streams.set(id, entry);
    void this.judge("udp", host, port).then((r) => {
      if (gone || this.closed) return;
      if (typeof r === "number") {
        this.streams.delete(id);
        return this.send(encodeClose(id, r));
      }
      address = r;
      const s = createSocket("udp4");
      sock = s;
      this.stats.hostSockets++;
      s.on("message", (m, rinfo) => {
        if (rinfo.address === address && rinfo.port === port) this.send(encodeData(id, m));
      });
      s.on("error", () => {
        if (gone) return;
        entry.close();
        this.streams.delete(id);
        this.send(encodeClose(id, WispClose.networkError));
      });
      for (const d of early.splice(0)) s.send(d, port, address);
    });
  }
}
