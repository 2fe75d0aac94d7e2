// The Wisp relay (tools/web/wisp-server.ts) and client (src/net/wisp-sockets.ts) against hostile or
// broken peers (issue 16, point 4): malformed WebSocket frames, seeded random Wisp packets, floods
// of WebSockets and streams dropped without a goodbye, a client that stops reading while a host
// sends, and a relay that sends garbage to the client. Neither side may throw, and when the
// clients are gone the relay holds no WebSocket and no host socket.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HostError } from "../../src/net/host-sockets.ts";
import { RulePolicy } from "../../src/net/net-policy.ts";
import { encodeClose, encodeConnect, encodeContinue, encodeData, WISP_TCP, WISP_UDP } from "../../src/net/wisp.ts";
import { WispSockets, type WispLink } from "../../src/net/wisp-sockets.ts";
import { attachWisp, type WispStats } from "../../tools/web/wisp-server.ts";
import { wsConnect } from "./ws-client.ts";

const SEED = 0x16d15;

/** xorshift32: the same packets on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A masked client frame with any header bits, for the relay's frame parser. */
function frame(opcode: number, payload: Uint8Array, opts: { fin?: boolean; mask?: boolean; lenOverride?: bigint } = {}): Buffer {
  const n = payload.length;
  const b0 = ((opts.fin ?? true) ? 0x80 : 0) | opcode;
  const m = (opts.mask ?? true) ? 0x80 : 0;
  let head: Buffer;
  if (opts.lenOverride !== undefined) {
    head = Buffer.alloc(10);
    head[0] = b0;
    head[1] = m | 127;
    head.writeBigUInt64BE(opts.lenOverride, 2);
  } else if (n < 126) head = Buffer.from([b0, m | n]);
  else if (n < 65536) {
    head = Buffer.alloc(4);
    head[0] = b0;
    head[1] = m | 126;
    head.writeUInt16BE(n, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = b0;
    head[1] = m | 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, m ? Buffer.from([0, 0, 0, 0]) : Buffer.alloc(0), payload]); // the zero mask leaves the payload as is
}

describe("Wisp relay and client against malformed input and floods", () => {
  let relay: HttpServer;
  let relayPort = 0;
  let stats: WispStats;
  let echo: Server;
  let echoPort = 0;
  let source: Server;
  let sourcePort = 0;
  let sourceWritten = 0;
  const hostSide = new Set<Socket>();
  let uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);

  beforeAll(async () => {
    process.on("uncaughtException", onUncaught);
    echo = createServer((s) => {
      hostSide.add(s);
      s.on("close", () => hostSide.delete(s));
      s.on("error", () => {});
      s.pipe(s);
    });
    // Sends as fast as the relay takes it, counting what the relay accepted.
    source = createServer((s) => {
      s.on("error", () => {});
      const chunk = Buffer.alloc(1 << 16, 0x5a);
      const pump = () => {
        while (!s.destroyed && s.write(chunk)) sourceWritten += chunk.length;
        if (!s.destroyed) sourceWritten += chunk.length;
      };
      s.on("drain", pump);
      pump();
    });
    const listen = (s: Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));
    echoPort = await listen(echo);
    sourcePort = await listen(source);
    relay = createHttpServer((_q, res) => res.end("page"));
    stats = attachWisp(relay, { policy: new RulePolicy([`tcp:127.0.0.1:${echoPort}`, `tcp:127.0.0.1:${sourcePort}`, "udp:127.0.0.1:9"]) });
    relayPort = await new Promise<number>((r) => relay.listen(0, "127.0.0.1", () => r((relay.address() as AddressInfo).port)));
  });

  afterAll(() => {
    process.off("uncaughtException", onUncaught);
    relay.close();
    echo.close();
    source.close();
  });

  test("malformed WebSocket frames end that WebSocket and nothing else", { timeout: 60_000 }, async () => {
    const survivor = await wsConnect(relayPort);
    const bad: Buffer[] = [
      frame(2, new Uint8Array([1, 2, 3]), { mask: false }), // clients must mask
      frame(2, new Uint8Array(0), { lenOverride: 1n << 40n }), // a length beyond the limit
      frame(2, new Uint8Array(0), { lenOverride: 0xffffffffffffffffn }),
      frame(3, new Uint8Array([1])), // a reserved opcode
      Buffer.concat(Array.from({ length: 20 }, () => frame(2, new Uint8Array(65535), { fin: false }))), // > 1 MiB in fragments
      frame(2, new Uint8Array(2 << 20)), // one message beyond the limit
      frame(8, new Uint8Array([0x03, 0xe8])), // a close frame: answered, then the end
      Buffer.from([0x82]), // half a header, then the client goes
      frame(2, new Uint8Array(100)).subarray(0, 50), // half a frame, then the client goes
    ];
    for (const b of bad) {
      const c = await wsConnect(relayPort);
      c.send(encodeConnect(1, WISP_TCP, echoPort, "127.0.0.1"));
      await until(() => stats.hostSockets >= 1, "the stream's host socket");
      c.raw.write(b);
      if (b.length < 64) c.raw.end(); // a truncated frame: the client leaves
      await until(() => c.raw.destroyed || c.raw.readableEnded, "the relay to end the WebSocket");
      c.close();
      await until(() => stats.sessions === 1 && stats.hostSockets === 0, "the relay to let go of everything but the survivor");
    }
    // Pings are answered; the surviving WebSocket still works.
    survivor.raw.write(frame(9, new Uint8Array([7, 7])));
    let echoed = "";
    survivor.onPacket = (p) => {
      if (p[0] === 2) echoed += Buffer.from(p.subarray(5)).toString();
    };
    survivor.send(encodeConnect(5, WISP_TCP, echoPort, "127.0.0.1"));
    survivor.send(encodeData(5, new TextEncoder().encode("still here")));
    await until(() => echoed === "still here", "the survivor's echo");
    survivor.close();
    await until(() => stats.sessions === 0 && stats.hostSockets === 0 && hostSide.size === 0, "nothing left open");
    expect(uncaught).toEqual([]);
  });

  test(`seeded random Wisp packets (seed ${SEED.toString(16)}, 3000 packets over 3 WebSockets)`, { timeout: 60_000 }, async () => {
    const r = rng(SEED);
    const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
    const links = await Promise.all([wsConnect(relayPort), wsConnect(relayPort), wsConnect(relayPort)]);
    for (const l of links) l.onPacket = () => {};
    for (let i = 0; i < 3000; i++) {
      const l = pick(links);
      const stream = pick([0, 1, 2, 3, 4, 5, 0xffffffff, Math.floor(r() * 0x100000000)]);
      const port = pick([echoPort, echoPort, 9, 0, 1, 65535]);
      const kind = Math.floor(r() * 8);
      let p: Uint8Array;
      if (kind === 0)
        p = encodeConnect(
          stream,
          pick([WISP_TCP, WISP_UDP, 0, 3, 255]),
          port,
          pick(["127.0.0.1", "localhost", "", "x".repeat(300), "a b", "::1"]),
        );
      else if (kind === 1 || kind === 2) p = encodeData(stream, bytes(Math.floor(r() * 300)));
      else if (kind === 3) p = encodeContinue(stream, Math.floor(r() * 0x100000000));
      else if (kind === 4) p = encodeClose(stream, Math.floor(r() * 256));
      else if (kind === 5)
        p = bytes(Math.floor(r() * 12)); // short and random
      else {
        // a valid packet with a byte changed, or cut short
        p = encodeConnect(stream, WISP_TCP, port, "127.0.0.1");
        if (kind === 6) p[Math.floor(r() * p.length)] = Math.floor(r() * 256);
        else p = p.subarray(0, Math.floor(r() * p.length));
      }
      l.send(p);
      if (i % 500 === 499) await new Promise((res) => setTimeout(res, 20));
    }
    await new Promise((res) => setTimeout(res, 300));
    expect(stats.sessions).toBe(3);
    for (const l of links) l.close();
    await until(() => stats.sessions === 0 && stats.hostSockets === 0 && hostSide.size === 0, "nothing left open");
    expect(uncaught).toEqual([]);
  });

  test("a flood of WebSockets full of streams, dropped without a goodbye", { timeout: 120_000 }, async () => {
    const links = await Promise.all(Array.from({ length: 24 }, () => wsConnect(relayPort)));
    const closes: number[] = [];
    for (const l of links) {
      l.onPacket = (p) => {
        if (p[0] === 4) closes.push(p[5]);
      };
      // Some streams close at once, before the relay even judged them; the 12 beyond the relay's
      // 128 streams per WebSocket are throttled.
      for (let id = 1; id <= 150; id++) {
        l.send(encodeConnect(id, WISP_TCP, echoPort, "127.0.0.1"));
        if (id % 7 === 0 && id <= 70) l.send(encodeClose(id, 2));
      }
    }
    await until(() => closes.length >= 24 * 12, "the throttled streams' CLOSE");
    expect(closes.every((c) => c === 0x49)).toBe(true);
    await until(() => stats.hostSockets >= 24 * 100, "the streams' host sockets", 60_000);
    for (const l of links) l.raw.destroy(); // no close frame, no CLOSE packets
    await until(() => stats.sessions === 0 && stats.hostSockets === 0 && hostSide.size === 0, "nothing left open", 60_000);
    expect(uncaught).toEqual([]);
  });

  test("a client that stops reading does not make the relay buffer what the host sends", { timeout: 60_000 }, async () => {
    const c = await wsConnect(relayPort);
    c.raw.pause(); // the client reads nothing from now on
    sourceWritten = 0;
    c.send(encodeConnect(1, WISP_TCP, sourcePort, "127.0.0.1"));
    await until(() => sourceWritten > 0, "the source to start");
    await new Promise((r) => setTimeout(r, 2000));
    // The relay's 4 MiB high-water mark plus the kernel's socket buffers on both hops.
    const stalled = sourceWritten;
    expect(stalled).toBeLessThan(40 << 20);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sourceWritten - stalled).toBeLessThan(4 << 20);
    // Reading again resumes it.
    c.onPacket = () => {};
    c.raw.resume();
    await until(() => sourceWritten > stalled + (8 << 20), "the source to go on once the client reads");
    c.close();
    await until(() => stats.sessions === 0 && stats.hostSockets === 0, "nothing left open");
    expect(uncaught).toEqual([]);
  });

  test(`WispSockets survives a relay sending garbage (seed ${SEED.toString(16)})`, async () => {
    const r = rng(SEED ^ 0x5a5a);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
    const link: WispLink = { onPacket: null, onClose: null, send: () => {}, close: () => {} };
    let events = 0;
    const ws = new WispSockets(link, () => events++);
    const closed: (HostError | null)[] = [];
    const paused: { resume(): void }[] = [];
    for (let i = 0; i < 8; i++) {
      const s = ws.connectTcp("127.0.0.1", 80 + i, {
        onData: () => {},
        onEnd: () => {},
        onDrain: () => {},
        onClose: (e) => closed.push(e),
      });
      s.write(bytes(1000));
      if (i % 2) {
        s.pause();
        paused.push(s);
      }
    }
    const u = ws.openUdp({ onMessage: () => {} });
    u.send(bytes(10), "127.0.0.1", 53);
    for (let i = 0; i < 5000; i++) {
      const stream = Math.floor(r() * 12);
      const kind = Math.floor(r() * 5);
      const p =
        kind === 0
          ? encodeData(stream, bytes(Math.floor(r() * 200)))
          : kind === 1
            ? encodeContinue(stream, Math.floor(r() * 0x100000000))
            : kind === 2
              ? encodeClose(stream, Math.floor(r() * 256))
              : kind === 3
                ? encodeConnect(stream, WISP_TCP, 80, "x")
                : bytes(Math.floor(r() * 16));
      link.onPacket!(p);
    }
    link.onClose!();
    expect(ws.open).toBe(0);
    // Paused streams hold their end until resumed.
    for (const s of paused) s.resume();
    await new Promise((r) => setTimeout(r, 10));
    expect(closed.length).toBe(8);
    expect(events).toBeGreaterThan(0);
    u.close();
  });
});
