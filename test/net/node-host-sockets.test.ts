// The Node implementation of the host-socket interface against real loopback sockets: TCP both
// ways with half-close, a refused connect, listening on port 0, pause/resume, UDP, lookup, and
// that every socket it opened is closed again.
import { createSocket } from "node:dgram";
import { createServer, connect, type AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { NodeHostSockets } from "../../src/cli/node-host-sockets.ts";
import type { HostError, HostTcpStream } from "../../src/net/host-sockets.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array[]) => Buffer.concat(b).toString();

describe("NodeHostSockets", () => {
  test("TCP: connect, data both ways, half-close, orderly close; refused; open count", async () => {
    const server = createServer({ allowHalfOpen: true }, (s) => {
      const parts: Buffer[] = [];
      s.on("data", (d: Buffer) => parts.push(d));
      s.on("end", () => s.end(`echo:${Buffer.concat(parts)}`));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const hs = new NodeHostSockets();
    const got: Uint8Array[] = [];
    let local = { host: "", port: 0 };
    const closed = await new Promise<HostError | null>((resolve) => {
      const s: HostTcpStream = hs.connectTcp("127.0.0.1", port, {
        onConnect: (l) => {
          local = l;
          s.write(enc("hello "));
          s.write(enc("world"));
          s.end();
        },
        onData: (d) => got.push(d),
        onEnd: () => {},
        onDrain: () => {},
        onClose: resolve,
      });
    });
    expect(closed).toBeNull();
    expect(dec(got)).toBe("echo:hello world");
    expect(local.host).toBe("127.0.0.1");
    expect(local.port).toBeGreaterThan(0);
    expect(hs.open).toBe(0);
    server.close();

    const refused = await new Promise<HostError | null>((resolve) =>
      hs.connectTcp("127.0.0.1", port, { onData: () => {}, onEnd: () => {}, onDrain: () => {}, onClose: resolve }),
    );
    expect(refused?.code).toBe("refused");
    expect(hs.open).toBe(0);
  });

  test("listen on port 0, accept, pause and resume, close by us; a second listener on the port is in-use", async () => {
    const hs = new NodeHostSockets();
    let bound = { host: "", port: 0 };
    const received: Uint8Array[] = [];
    let stream: HostTcpStream | null = null;
    const listener = await new Promise<ReturnType<NodeHostSockets["listenTcp"]>>((resolve, reject) => {
      const l = hs.listenTcp("127.0.0.1", 0, {
        onListening: (b) => {
          bound = b;
          resolve(l);
        },
        onConnection: (inc) => {
          expect(inc.remoteHost).toBe("127.0.0.1");
          stream = inc.accept({ onData: (d) => received.push(d), onEnd: () => {}, onDrain: () => {}, onClose: () => {} });
          stream.pause();
        },
        onError: reject,
      });
    });
    expect(bound.port).toBeGreaterThan(0);
    const inUse = await new Promise<HostError>((resolve) =>
      hs.listenTcp("127.0.0.1", bound.port, { onListening: () => {}, onConnection: () => {}, onError: resolve }),
    );
    expect(inUse.code).toBe("in-use");
    const client = connect(bound.port, "127.0.0.1");
    await new Promise((r) => client.on("connect", r));
    client.write("abc");
    await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBe(0); // paused
    stream!.resume();
    await new Promise((r) => setTimeout(r, 100));
    expect(dec(received)).toBe("abc");
    const reset = new Promise((r) => client.on("close", r));
    client.on("error", () => {});
    stream!.close();
    await reset;
    listener.close();
    expect(hs.open).toBe(0);
  });

  test("UDP: send from an ephemeral port, receive the reply; bound socket; lookup", async () => {
    const echo = createSocket("udp4");
    echo.on("message", (m, r) => echo.send(Buffer.concat([Buffer.from("re:"), m]), r.port, r.address));
    await new Promise<void>((r) => echo.bind(0, "127.0.0.1", r));
    const hs = new NodeHostSockets();
    const sockets: Array<{ close(): void }> = [];
    const reply = await new Promise<string>((resolve) => {
      const u = hs.openUdp({ onMessage: (d, host, port) => resolve(`${Buffer.from(d)} from ${host}:${port}`) });
      sockets.push(u);
      u.send(enc("ping"), "127.0.0.1", echo.address().port);
    });
    expect(reply).toBe(`re:ping from 127.0.0.1:${echo.address().port}`);
    const bound = await new Promise<number>((resolve) =>
      sockets.push(hs.openUdp({ onMessage: () => {}, onListening: (b) => resolve(b.port) }, { host: "127.0.0.1", port: 0 })),
    );
    expect(bound).toBeGreaterThan(0);
    echo.close();
    expect(hs.open).toBe(2);
    for (const u of sockets) u.close();
    expect(hs.open).toBe(0);
    const addrs = await hs.lookup("localhost");
    expect(addrs.some((a) => a.address === "127.0.0.1" || a.address === "::1")).toBe(true);
    await expect(hs.lookup("no-such-name.invalid")).rejects.toMatchObject({ code: "not-found" });
  });
});
