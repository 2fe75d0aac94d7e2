// Boots Debian's kernel + our initramfs (test mode) on tciemu's virt board in this process, with
// virtio-net NICs on user-mode networks (Node host sockets), and drives the console shell. The
// machine runs in slices between which Node handles sockets and timers; in WFI it sleeps until the
// next timer or a host event. Used by the network tests and the network bench.
import { readFileSync } from "node:fs";
import { opensbiFirmware, systemKernel } from "../debian/paths.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { startUserNetdev, type NodeUserNetdev } from "../../src/cli/user-netdev.ts";
import { defaultNicMac } from "../../src/net/ethernet.ts";
import type { UserNetConfig } from "../../src/net/user-net-config.ts";
import type { UserNetLimits } from "../../src/net/user-net.ts";
import { ConsoleShell, type GuestShell } from "./guest-shell.ts";

export interface TciemuGuestOptions {
  initrd: Uint8Array;
  memMiB?: number;
  /** One NIC per configuration (null: a NIC without a network). */
  nets?: Array<UserNetConfig | null>;
  limits?: Partial<UserNetLimits>;
  /** Offer virtio-net's checksum/TSO offloads (default true). */
  offloads?: boolean;
  append?: string;
  /** Instructions per slice between event-loop turns. */
  slice?: number;
}

export interface TciemuGuest extends GuestShell {
  board: VirtBoard;
  netdevs: NodeUserNetdev[];
  /** Guest instructions so far. */
  readonly insns: number;
  /** Wall time the machine loop spent waiting in WFI (the guest idle). */
  readonly idleMs: number;
}

export async function startTciemuGuest(o: TciemuGuestOptions): Promise<TciemuGuest> {
  const kernel = systemKernel();
  const bios = opensbiFirmware("fw_dynamic", "bin");
  if (!kernel || !bios) throw new Error("Debian's kernel and OpenSBI are missing: run 'bash tools/debian/fetch.sh system'");
  let wakeLoop: (() => void) | null = null;
  const wake = () => {
    const w = wakeLoop;
    wakeLoop = null;
    w?.();
  };
  const netdevs: NodeUserNetdev[] = [];
  for (const c of o.nets ?? []) if (c !== null) netdevs.push(await startUserNetdev(c, wake, o.limits));
  let i = 0;
  let stopped = false;
  let crashed: unknown = null;
  let running: Promise<void> = Promise.resolve();
  let idleMs = 0;
  const shell = new ConsoleShell({
    write: (b) => board.input(b),
    close: async () => {
      stopped = true;
      wake();
      await running;
      for (const n of netdevs) n.stop();
    },
    exited: () => stopped || crashed !== null,
  });
  const board = new VirtBoard({
    ramBytes: (o.memMiB ?? 256) << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd: o.initrd,
    append: o.append ?? "console=ttyS0 tciemu.test=1",
    nics: (o.nets ?? []).map((c, n) => ({ backend: c === null ? null : netdevs[i++].net, mac: defaultNicMac(n), offloads: o.offloads })),
    serialOut: (b) => shell.feed(b),
    random: (d) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
  });
  const loop = async () => {
    const m = board.machine;
    const slice = o.slice ?? 2_000_000;
    while (!stopped) {
      const r = m.run(slice);
      if (r === "exit") break;
      if (r === "wfi") {
        const t0 = performance.now();
        const wait = Math.max(0, Math.min(20, (m.nextDeadlineNs() - m.nowNs()) / 1e6));
        await new Promise<void>((res) => {
          const t = setTimeout(res, wait);
          wakeLoop = () => {
            clearTimeout(t);
            res();
          };
        });
        wakeLoop = null;
        idleMs += performance.now() - t0;
      } else await new Promise((res) => setImmediate(res));
    }
    stopped = true;
    shell.recheck();
  };
  running = loop().catch((e) => {
    crashed = e;
    stopped = true;
    shell.feed(new TextEncoder().encode(`\ntciemu-guest: machine loop failed: ${(e as Error).stack ?? e}\n`));
  });
  const dbg = process.env.TCIEMU_GUEST_DEBUG
    ? setInterval(
        () =>
          process.stderr.write(
            `[guest] ${board.machine.insns} insns, console ${shell.console.length} bytes: ${JSON.stringify(shell.console.slice(-200))}\n`,
          ),
        5000,
      )
    : null;
  try {
    await shell.ready();
  } finally {
    if (dbg) clearInterval(dbg);
  }
  return {
    board,
    netdevs,
    get insns() {
      return board.machine.insns;
    },
    get idleMs() {
      return idleMs;
    },
    get console() {
      return shell.console;
    },
    run: (cmd, timeoutMs) => shell.run(cmd, timeoutMs),
    close: () => shell.close(),
  };
}
