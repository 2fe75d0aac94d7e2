// User mode's sockets over a Wisp relay (what the page's programs get: src/web/page-network.ts's
// startUserNetwork) where Wisp v1 has no word for what the program does: a half-close
// (shutdown(SHUT_WR)) and listening. testdata/riscv/net/halfclose.c runs in-process on the embedding
// API with a GuestNetwork over WispSockets, over a real WebSocket to tools/web/wisp-server.ts.
// Over Node's sockets (the CLI) its output must be qemu-riscv64's; over the relay the program must
// get the documented answers (no reference has them: qemu has no relay) in bounded time instead of
// waiting for ever: a read after the half-close fails with ETIMEDOUT once the peer stayed silent
// for the half-close timeout, after the data that did come; listen() fails with EOPNOTSUPP; a
// client's bind before connect works. Nothing leaks on either side.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NodeFs } from "../../src/cli/node-host.ts";
import { createGuest } from "../../src/embed/index.ts";
import { GuestNetwork } from "../../src/linux-user/sockets/guest-network.ts";
import { RulePolicy } from "../../src/net/net-policy.ts";
import { WispSockets } from "../../src/net/wisp-sockets.ts";
import { repoRoot, riscvTestdataDir, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";
import { attachWisp, type WispStats } from "../../tools/web/wisp-server.ts";
import { wsConnect } from "./ws-client.ts";

const ELF = join(riscvTestdataDir(), "net", "halfclose.elf");
// Long enough for the echo to come back on a loaded machine (the timeout counts from the half-close).
const HALF_CLOSE_MS = 8000;

function run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "",
      stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString("latin1")));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("latin1")));
    const timer = setTimeout(() => p.kill("SIGKILL"), 120_000);
    p.on("error", reject);
    p.on("close", (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

describe("user-mode sockets over a Wisp relay: half-close and listen", () => {
  let echo: Server;
  let echoPort = 0;
  let relay: HttpServer;
  let relayPort = 0;
  let stats: WispStats;
  const qemu = trixieQemuUser("riscv64");

  beforeAll(async () => {
    if (!qemu) throw new Error("no trixie qemu-riscv64 to compare with: run 'bash tools/debian/fetch.sh qemu'");
    // Echoes, and ends its side when the client ends its own (what a half-close is for).
    echo = createServer({ allowHalfOpen: true }, (s) => {
      s.on("error", () => {});
      s.pipe(s);
    });
    echoPort = await new Promise<number>((r) => echo.listen(0, "127.0.0.1", () => r((echo.address() as AddressInfo).port)));
    relay = createHttpServer((_q, res) => res.end("page"));
    stats = attachWisp(relay, { policy: new RulePolicy([`tcp:127.0.0.1:${echoPort}`]) });
    relayPort = await new Promise<number>((r) => relay.listen(0, "127.0.0.1", () => r((relay.address() as AddressInfo).port)));
  });

  afterAll(() => {
    echo?.close();
    relay?.close();
  });

  test("over Node's sockets (the CLI) as under qemu-riscv64", { timeout: 120_000 }, async () => {
    const cli = join(repoRoot(), "src", "cli", "riscv64-user.ts");
    const tsx = pathToFileURL(join(repoRoot(), "node_modules", "tsx", "dist", "loader.mjs")).href;
    const q = await run(qemu!, ["-L", sysrootDir(), ELF, String(echoPort)]);
    const t = await run(process.execPath, ["--import", tsx, cli, "-L", sysrootDir(), ELF, String(echoPort)]);
    expect(q.stdout).toContain("read 32 bytes (the echo), then the end of the stream\n");
    expect(t.stdout).toBe(q.stdout);
    expect(t.stderr).toBe(q.stderr);
    expect(t.status).toBe(q.status);
  });

  test("over the relay: bounded answers instead of waiting for ever", { timeout: 120_000 }, async () => {
    const link = await wsConnect(relayPort);
    let wake: (() => void) | null = null;
    const wisp = new WispSockets(link, () => wake?.(), {
      timers: { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
      halfCloseTimeoutMs: HALF_CLOSE_MS,
    });
    let out = "";
    const g = createGuest({
      abi: "riscv64",
      fs: new NodeFs(),
      sysroot: sysrootDir(),
      network: new GuestNetwork({ sockets: wisp }),
      onStdout: (b) => (out += Buffer.from(b).toString("latin1")),
      onStderr: (b) => (out += Buffer.from(b).toString("latin1")),
    });
    g.loadElf(new Uint8Array(readFileSync(ELF)), ["halfclose.elf", String(echoPort)], [], ELF);
    const t0 = Date.now();
    let exitCode: number | undefined;
    for (;;) {
      const r = g.run(20_000_000);
      if (r.reason === "exit") {
        exitCode = r.exitCode;
        break;
      }
      if (r.reason === "budget") continue;
      if (r.reason !== "blocked" && r.reason !== "idle") throw new Error(`stopped: ${r.reason}\n${out}`);
      // Wait for the relay (a socket event) or a deadline of the guest's own.
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(100, Math.max(1, r.wakeInMs ?? 100)));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
    const ms = Date.now() - t0;
    expect(out).toBe(
      [
        "send: 32",
        "shutdown(SHUT_WR): ok",
        "send after shutdown: Broken pipe",
        "read 32 bytes (the echo), then Connection timed out",
        "bind 0.0.0.0:0: ok",
        "bound to an ephemeral port: yes",
        "connect after bind: ok",
        "send: 6",
        "echo: 6",
        "bind 127.0.0.1:0: ok",
        "listen: Operation not supported",
        "listen without bind: Operation not supported",
        "",
      ].join("\n"),
    );
    expect(exitCode).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(HALF_CLOSE_MS);
    // Both connections are closed on the relay's side too (the second one by the program's close()
    // at once, not after the half-close timeout).
    expect(wisp.open).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(stats.hostSockets).toBe(0);
    wisp.close();
    for (let i = 0; i < 100 && stats.sessions > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(stats.sessions).toBe(0);
  });
});
