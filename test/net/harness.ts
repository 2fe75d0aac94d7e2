// A UserNet with a fake NIC and fake host sockets, a settable clock, and helpers to send guest
// frames and read what the NAT answered.
import { UserNet, type UserNetLimits } from "../../src/net/user-net.ts";
import type { NicLink, RxOffload } from "../../src/net/nic-link.ts";
import { userNetConfig, type UserNetConfig } from "../../src/net/user-net-config.ts";
import type { NetPolicy } from "../../src/net/net-policy.ts";
import { FakeHost } from "./fake-host.ts";
import { decode, type Decoded } from "./frames.ts";

export class FakeNic implements NicLink {
  frames: Array<{ frame: Uint8Array; offload: RxOffload | null }> = [];
  ready = true;
  rxChecksumOffload = false;
  rxTso = false;
  deliver(frame: Uint8Array, offload: RxOffload | null): void {
    this.frames.push({ frame: frame.slice(), offload });
  }
}

export class NatHarness {
  readonly host = new FakeHost();
  readonly nic = new FakeNic();
  readonly net: UserNet;
  time = 1000;

  constructor(
    o: { config?: UserNetConfig; options?: Array<[string, string | null]>; limits?: Partial<UserNetLimits>; policy?: NetPolicy } = {},
  ) {
    this.net = new UserNet({
      host: this.host,
      config: o.config ?? userNetConfig(o.options ?? []),
      now: () => this.time,
      limits: o.limits,
      policy: o.policy,
    });
    this.net.attach(this.nic);
  }

  /** Binds the forwarding rules, delivering the fake host's events until it is done. */
  async startForwarding(): Promise<void> {
    let done = false;
    const p = this.net.startForwarding().finally(() => (done = true));
    while (!done) {
      this.host.flushEvents();
      await new Promise((r) => setTimeout(r, 0));
    }
    return p;
  }

  /** Sends guest frames (one batch), then flushes. */
  send(...frames: Uint8Array[]): void {
    for (const f of frames) this.net.receive(f, false);
    this.net.flush();
  }

  /** Delivers host events and returns everything the NAT sent to the guest since the last call. */
  take(): Decoded[] {
    this.host.flushEvents();
    this.net.flush();
    const out = this.nic.frames.map((f) => decode(f.frame, !(f.offload?.checksumNotFilled ?? false)));
    this.nic.frames = [];
    return out;
  }

  /** Advances the clock by `ms` in steps of `step`, polling the NAT. */
  advance(ms: number, step = 50): void {
    for (let t = 0; t < ms; t += step) {
      this.time += step;
      this.host.flushEvents();
      this.net.poll();
    }
  }
}
