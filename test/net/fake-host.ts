// An in-memory HostSockets for the NAT tests: every socket is an object the test drives (accept or
// refuse a connection, send data, end, close), events are queued and delivered by flushEvents()
// (never inside a call, as the interface requires), and `open` counts what is not closed yet.
import type {
  HostAddress,
  HostError,
  HostListenHandlers,
  HostListener,
  HostSockets,
  HostTcpHandlers,
  HostTcpStream,
  HostUdpHandlers,
  HostUdpSocket,
} from "../../src/net/host-sockets.ts";

export class FakeStream implements HostTcpStream {
  written: Uint8Array[] = [];
  ended = false;
  closed = false;
  paused = false;
  bufferedAmount = 0;
  connected = false;

  constructor(
    readonly fake: FakeHost,
    readonly host: string,
    readonly port: number,
    public handlers: HostTcpHandlers,
  ) {}

  write(data: Uint8Array): void {
    if (this.closed) throw new Error("write after close");
    if (this.ended) throw new Error("write after end");
    this.written.push(data.slice());
  }

  end(): void {
    this.ended = true;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  close(): void {
    if (!this.closed) this.fake.open--;
    this.closed = true;
  }

  get bytesWritten(): number {
    return this.written.reduce((n, w) => n + w.length, 0);
  }

  // ---- the test's side

  accept(): void {
    this.connected = true;
    this.fake.later(() => this.handlers.onConnect?.({ host: "192.0.2.250", port: 40000 }));
  }

  refuse(code: HostError["code"] = "refused"): void {
    this.fake.later(() => this.peerClose({ code, message: code }));
  }

  send(data: Uint8Array): void {
    this.fake.later(() => !this.closed && this.handlers.onData(data));
  }

  sendEnd(): void {
    this.fake.later(() => !this.closed && this.handlers.onEnd());
  }

  drain(): void {
    this.bufferedAmount = 0;
    this.fake.later(() => !this.closed && this.handlers.onDrain());
  }

  /** The host side goes away (error or orderly). */
  peerClose(error: HostError | null): void {
    if (this.closed) return;
    this.closed = true;
    this.fake.open--;
    this.handlers.onClose(error);
  }
}

export class FakeUdp implements HostUdpSocket {
  sent: Array<{ data: Uint8Array; host: string; port: number }> = [];
  closed = false;

  constructor(
    readonly fake: FakeHost,
    readonly handlers: HostUdpHandlers,
    readonly bind?: { host: string; port: number },
  ) {}

  send(data: Uint8Array, host: string, port: number): void {
    if (this.closed) throw new Error("send after close");
    this.sent.push({ data: data.slice(), host, port });
  }

  close(): void {
    if (!this.closed) this.fake.open--;
    this.closed = true;
  }

  receive(data: Uint8Array, host: string, port: number): void {
    this.fake.later(() => !this.closed && this.handlers.onMessage(data, host, port));
  }
}

export class FakeListener implements HostListener {
  closed = false;
  constructor(
    readonly fake: FakeHost,
    readonly host: string,
    readonly port: number,
    readonly handlers: HostListenHandlers,
  ) {}

  close(): void {
    if (!this.closed) this.fake.open--;
    this.closed = true;
  }

  /** A host peer connects; returns the stream the NAT accepted (or null if rejected). */
  connect(remoteHost: string, remotePort: number): Promise<FakeStream | null> {
    return new Promise((resolve) =>
      this.fake.later(() => {
        let s: FakeStream | null = null;
        this.handlers.onConnection({
          remoteHost,
          remotePort,
          accept: (h) => {
            this.fake.open++;
            s = new FakeStream(this.fake, remoteHost, remotePort, h);
            s.connected = true;
            this.fake.streams.push(s);
            return s;
          },
          reject: () => {},
        });
        resolve(s);
      }),
    );
  }
}

export class FakeHost implements HostSockets {
  open = 0;
  streams: FakeStream[] = [];
  udps: FakeUdp[] = [];
  listeners: FakeListener[] = [];
  lookups: Array<{ name: string; resolve: (a: HostAddress[]) => void; reject: (e: HostError) => void }> = [];
  private events: Array<() => void> = [];
  /** Called for each new connection (default: leave it to the test). */
  onConnect: ((s: FakeStream) => void) | null = null;
  /** Names the lookup resolves at once (else the test resolves `lookups`). */
  names: Map<string, HostAddress[]> | null = null;
  failListen = false;

  later(f: () => void): void {
    this.events.push(f);
  }

  /** Delivers queued events (and those they queue) in order. */
  flushEvents(): number {
    let n = 0;
    while (this.events.length > 0) {
      const e = this.events.shift()!;
      e();
      n++;
    }
    return n;
  }

  connectTcp(host: string, port: number, handlers: HostTcpHandlers): HostTcpStream {
    this.open++;
    const s = new FakeStream(this, host, port, handlers);
    this.streams.push(s);
    this.onConnect?.(s);
    return s;
  }

  listenTcp(host: string, port: number, handlers: HostListenHandlers): HostListener {
    this.open++;
    const l = new FakeListener(this, host, port, handlers);
    this.listeners.push(l);
    this.later(() => {
      if (this.failListen) {
        l.close();
        handlers.onError({ code: "in-use", message: "in use" });
      } else handlers.onListening({ host, port });
    });
    return l;
  }

  openUdp(handlers: HostUdpHandlers, bind?: { host: string; port: number }): HostUdpSocket {
    this.open++;
    const u = new FakeUdp(this, handlers, bind);
    this.udps.push(u);
    if (bind)
      this.later(() => (this.failListen ? handlers.onError?.({ code: "in-use", message: "in use" }) : handlers.onListening?.(bind)));
    return u;
  }

  lookup(name: string): Promise<HostAddress[]> {
    return new Promise((resolve, reject) => {
      if (this.names !== null) {
        const a = this.names.get(name);
        if (a) resolve(a);
        else reject({ code: "not-found", message: name });
        return;
      }
      this.lookups.push({ name, resolve, reject });
    });
  }
}
