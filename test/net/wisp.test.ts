// The page's network path without a browser: WispSockets (src/net/wisp-sockets.ts, what the
// Worker uses) over a real WebSocket to the relay `npm run web` serves (tools/web/wisp-server.ts),
// to servers on 127.0.0.1. Checks data both ways with flow control, UDP, names, the relay's policy
// (refused destinations never see a connection), malformed input, and that nothing leaks.
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HostError } from "../../src/net/host-sockets.ts";
import { RulePolicy } from "../../src/net/net-policy.ts";
import { encodeConnect, encodeData, WISP_TCP } from "../../src/net/wisp.ts";
import { WispSockets } from "../../src/net/wisp-sockets.ts";
import { wsConnect } from "./ws-client.ts";
import { attachWisp, type WispStats } from "../../tools/web/wisp-server.ts";

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${cond.toString()}`);
    await tick(10);
  }
}

describe("Wisp relay and WispSockets", () => {
  let relay: HttpServer;
  let relayPort = 0;
  let stats: WispStats;
  let echo: Server;
  let echoPort = 0;
  let other: Server;
  let otherPort = 0;
  let otherConnections = 0;
  const udp = createSocket("udp4");
  let udpPort = 0;

  beforeAll(async () => {
    echo = createServer((s) => s.pipe(s));
    other = createServer((s) => {
      otherConnections++;
      s.destroy();
    });
    const listen = (s: Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));
    echoPort = await listen(echo);
    otherPort = await listen(other);
    udp.on("message", (m, r) => udp.send(m, r.port, r.address));
    udpPort = await new Promise<number>((r) => udp.bind(0, "127.0.0.1", () => r(udp.address().port)));
    relay = createHttpServer((_q, res) => res.end("page"));
    stats = attachWisp(relay, {
      policy: new RulePolicy([`tcp:127.0.0.1:${echoPort}`, `udp:127.0.0.1:${udpPort}`, `tcp:localhost:${echoPort}`]),
    });
    relayPort = await new Promise<number>((r) => relay.listen(0, "127.0.0.1", () => r((relay.address() as AddressInfo).port)));
  });

  afterAll(() => {
    relay.close();
    echo.close();
    other.close();
    udp.close();
  });

  test("TCP both ways with flow control (4 MiB echoed), by address and by name", async () => {
    const link = await wspConnect();
    const ws = new WispSockets(link);
    for (const host of ["127.0.0.1", (await ws.lookup("localhost"))[0].address]) {
      const data = randomBytes(4 << 20);
      const got: Buffer[] = [];
      let gotLen = 0;
      let closed: HostError | null | undefined;
      let connected = false;
      const s = ws.connectTcp(host, echoPort, {
        onConnect: () => (connected = true),
        onData: (d) => {
          got.push(Buffer.from(d));
          gotLen += d.length;
        },
        onEnd: () => {},
        onDrain: () => {},
        onClose: (e) => (closed = e),
      });
      for (let o = 0; o < data.length; o += 100_000) s.write(new Uint8Array(data.subarray(o, o + 100_000)));
      await until(() => gotLen >= data.length || closed !== undefined, 30_000);
      expect(connected).toBe(true);
      expect(Buffer.concat(got).equals(data)).toBe(true);
      expect(s.bufferedAmount).toBe(0);
      s.close();
    }
    expect(host198(await ws.lookup("localhost"))).toBe(true);
    await until(() => stats.hostSockets === 0);
    ws.close();
    await until(() => stats.sessions === 0);
  }, 60_000);

  test("UDP datagrams both ways", { timeout: 30_000 }, async () => {
    const ws = new WispSockets(await wspConnect());
    const got: string[] = [];
    const u = ws.openUdp({ onMessage: (d, h, p) => got.push(`${Buffer.from(d).toString()} from ${h}:${p === udpPort}`) });
    u.send(new TextEncoder().encode("one"), "127.0.0.1", udpPort);
    u.send(new TextEncoder().encode("two"), "127.0.0.1", udpPort);
    await until(() => got.length === 2);
    expect(got).toEqual(["one from 127.0.0.1:true", "two from 127.0.0.1:true"]);
    u.close();
    ws.close();
    await until(() => stats.hostSockets === 0 && stats.sessions === 0);
  });

  test("the relay's policy: a destination not allowed is never connected to", { timeout: 30_000 }, async () => {
    const ws = new WispSockets(await wspConnect());
    const before = stats.refused;
    let closed: HostError | null | undefined;
    ws.connectTcp("127.0.0.1", otherPort, { onData: () => {}, onEnd: () => {}, onDrain: () => {}, onClose: (e) => (closed = e) });
    await until(() => closed !== undefined);
    expect(closed?.code).toBe("denied");
    let udpClosed = false;
    const u = ws.openUdp({ onMessage: () => (udpClosed = true) });
    u.send(new Uint8Array([1]), "127.0.0.1", udpPort + 1);
    await tick(200);
    expect(udpClosed).toBe(false);
    expect(stats.refused).toBe(before + 2);
    expect(otherConnections).toBe(0);
    // A name that resolves to an address the rules allow only by address is judged by it too.
    let c2: HostError | null | undefined;
    ws.connectTcp((await ws.lookup("localhost"))[0].address, otherPort, {
      onData: () => {},
      onEnd: () => {},
      onDrain: () => {},
      onClose: (e) => (c2 = e),
    });
    await until(() => c2 !== undefined);
    expect(c2?.code).toBe("denied");
    expect(otherConnections).toBe(0);
    ws.close();
    await until(() => stats.sessions === 0 && stats.hostSockets === 0);
  });

  test("malformed input, stream floods and other origins do not hurt the relay", { timeout: 30_000 }, async () => {
    await expect(wsConnect(relayPort, { origin: "http://evil.example" })).rejects.toThrow(/403/);
    await expect(wsConnect(relayPort, { path: "/other" })).rejects.toThrow(/403/);
    const link = await wspConnect();
    const closes: number[] = [];
    link.onPacket = (p) => {
      if (p[0] === 4) closes.push(p[5]);
    };
    for (const junk of [new Uint8Array(0), new Uint8Array([1]), new Uint8Array([9, 1, 0, 0, 0]), new Uint8Array([1, 5, 0, 0, 0, 7, 0, 0])])
      link.send(junk);
    link.send(encodeConnect(77, 9, 80, "127.0.0.1")); // unknown stream type
    link.send(encodeConnect(78, WISP_TCP, 0, "127.0.0.1")); // port 0
    link.send(encodeConnect(79, WISP_TCP, 80, "bad name!"));
    link.send(encodeData(12345, new Uint8Array(10))); // no such stream
    for (let i = 0; i < 200; i++) link.send(encodeConnect(1000 + i, WISP_TCP, otherPort, "127.0.0.1"));
    await until(() => closes.length >= 204);
    expect(closes.filter((c) => c === 0x41).length).toBe(4); // the junk CONNECT of type 7, type 9, port 0, a bad name
    expect(closes.filter((c) => c === 0x48).length + closes.filter((c) => c === 0x49).length).toBe(200);
    expect(otherConnections).toBe(0);
    link.close();
    await until(() => stats.sessions === 0 && stats.hostSockets === 0);
  });

  const wspConnect = () => wsConnect(relayPort);
});

function host198(a: { address: string }[]): boolean {
  return a.length === 1 && a[0].address.startsWith("198.18.");
}
