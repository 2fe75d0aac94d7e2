// User-mode sockets with Debian's python3.13 (issue 16, point 1), compared with Debian's qemu-riscv64 at
// test time, both with -L on a copy of the riscv64 userland whose /etc this test writes (symlinks to
// the cached userland for everything else): hosts ("files") and resolv.conf naming a DNS server this
// test runs on 127.x.y.z:53 ("dns"), so glibc's getaddrinfo takes both of its paths with no internet.
//  - `python3.13 -m http.server` in the guest (a ThreadingHTTPServer: a thread per request), fetched
//    by the host: files, a directory listing, a 404, a HEAD, requests in parallel;
//  - python's urllib and socket module fetching from a host HTTP server (testdata/riscv/net/urlfetch.py).
// The DNS server binds UDP port 53 of a loopback address: that needs root (or a lowered
// net.ipv4.ip_unprivileged_port_start); the test fails with that message otherwise.
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, request, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDnsResponse, parseDnsQuery, RCODE_NOERROR, RCODE_NXDOMAIN, TYPE_A } from "../../src/net/dns-message.ts";
import { repoRoot, requireUserland, riscvTestdataDir, trixieQemuUser } from "../../tools/debian/paths.ts";

const NODE = process.execPath;
const TSX_IMPORT = ["--import", pathToFileURL(join(repoRoot(), "node_modules", "tsx", "dist", "loader.mjs")).href];
const CLI = join(repoRoot(), "src", "cli", "riscv64-user.ts");
// -S: no site module (nothing here needs it; python's start-up is most of the cost).
const PYTHON = "/usr/bin/python3.13";
const PYTHON_FLAGS = ["-S"];
const FIXED_TIME = 1704164645;

interface Result {
  stdout: string;
  stderr: string;
  status: number | null;
}

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "",
      stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString("latin1")));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("latin1")));
    const timer = setTimeout(() => p.kill("SIGKILL"), opts.timeoutMs ?? 1_200_000);
    p.on("error", reject);
    p.on("close", (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

const qemuPath = trixieQemuUser("riscv64");
if (!qemuPath) throw new Error("no trixie qemu-riscv64 to compare with: run 'bash tools/debian/fetch.sh qemu'");
const userland = requireUserland();

/** The userland with an /etc of this test's (everything else: symlinks into the cached userland). */
function makeRoot(dnsHost: string): string {
  const root = mkdtempSync(join(tmpdir(), "tciemu-pyroot-"));
  for (const d of ["usr", "bin", "lib", "sbin"]) symlinkSync(join(userland, d), join(root, d));
  mkdirSync(join(root, "etc"));
  symlinkSync(join(userland, "etc", "python3.13"), join(root, "etc", "python3.13"));
  writeFileSync(join(root, "etc", "hosts"), "127.0.0.1 localhost\n");
  writeFileSync(join(root, "etc", "nsswitch.conf"), "hosts: files dns\n");
  writeFileSync(join(root, "etc", "host.conf"), "multi on\n");
  writeFileSync(join(root, "etc", "resolv.conf"), `nameserver ${dnsHost}\noptions timeout:5 attempts:2\n`);
  return root;
}

const listenTcp = (s: HttpServer) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((r) => probe.listen(0, "127.0.0.1", () => r((probe.address() as AddressInfo).port)));
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          // Date changes from run to run; everything else the server says must match.
          headers: { ...res.headers, date: undefined },
          body: Buffer.concat(parts),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("python3.13's sockets, as under qemu-riscv64", () => {
  let dns: UdpSocket;
  let dnsHost = "";
  let dnsQueries = 0;
  let root = "";
  let www = "";
  let http: HttpServer;
  let httpPort = 0;
  let closedPort = 0;
  const page = Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i}\n`).join(""));

  beforeAll(async () => {
    dns = createSocket("udp4");
    dns.on("message", (m, r) => {
      dnsQueries++;
      const q = parseDnsQuery(m);
      if (q === null || q === "formerr") return;
      // web.test is 127.0.0.1 (A); it has no other records (an empty NOERROR for AAAA); other names do not exist.
      const reply =
        q.name === "web.test"
          ? buildDnsResponse(q, RCODE_NOERROR, TYPE_A, q.qtype === TYPE_A ? [new Uint8Array([127, 0, 0, 1])] : [])
          : buildDnsResponse(q, RCODE_NXDOMAIN);
      dns.send(reply, r.port, r.address);
    });
    for (let i = 0; ; i++) {
      const host = `127.53.${(Math.random() * 250) | 0}.${1 + ((Math.random() * 250) | 0)}`;
      const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        dns.once("error", resolve);
        dns.bind(53, host, () => resolve(null));
      });
      if (!err) {
        dnsHost = host;
        break;
      }
      if (err.code === "EACCES")
        throw new Error(
          "binding UDP port 53 on a loopback address was refused: run the test as root or lower net.ipv4.ip_unprivileged_port_start",
        );
      if (i > 10) throw err;
      dns = createSocket("udp4");
    }
    root = makeRoot(dnsHost);
    http = createHttpServer((req, res) => {
      if (req.url === "/page.txt") res.end(page);
      else if (req.url === "/echo") {
        const parts: Buffer[] = [];
        req.on("data", (d: Buffer) => parts.push(d));
        req.on("end", () => res.end(Buffer.concat(parts)));
      } else {
        res.statusCode = 404;
        res.end("not here\n");
      }
    });
    httpPort = await listenTcp(http);
    closedPort = await freePort();
    www = mkdtempSync(join(tmpdir(), "tciemu-pywww-"));
    mkdirSync(join(www, "sub"));
    writeFileSync(join(www, "page.txt"), page);
    writeFileSync(join(www, "sub", "a b.html"), "<p>a file with a space</p>\n");
    for (const f of ["page.txt", "sub/a b.html", "sub", "."]) utimesSync(join(www, f), FIXED_TIME, FIXED_TIME);
  }, 60_000);

  afterAll(() => {
    dns?.close();
    http?.close();
    for (const d of [root, www]) if (d) rmSync(d, { recursive: true, force: true });
  });

  test("urllib and getaddrinfo (files and DNS) against host servers (urlfetch.py)", { timeout: 2_400_000 }, async () => {
    const args = [
      join(root, PYTHON),
      ...PYTHON_FLAGS,
      join(riscvTestdataDir(), "net", "urlfetch.py"),
      String(httpPort),
      String(closedPort),
    ];
    const q = await run(qemuPath, ["-L", root, ...args]);
    const queriesUnderQemu = dnsQueries;
    const t = await run(NODE, [...TSX_IMPORT, CLI, "-L", root, ...args]);
    expect(q.stderr).toBe("");
    expect(q.status).toBe(0);
    expect(q.stdout).toContain(`http://web.test:${httpPort}/page.txt 200`);
    expect(queriesUnderQemu).toBeGreaterThan(0); // the DNS path was taken
    expect(t.stderr).toBe(q.stderr);
    expect(t.stdout).toBe(q.stdout);
    expect(t.status).toBe(q.status);
    expect(dnsQueries).toBeGreaterThan(queriesUnderQemu);
  });

  test("the host fetches from python3.13 -m http.server in the guest", { timeout: 2_400_000 }, async () => {
    const serve = async (cmd: string, args: string[]) => {
      const port = await freePort();
      const p: ChildProcess = spawn(
        cmd,
        [...args, join(root, PYTHON), ...PYTHON_FLAGS, "-m", "http.server", "--bind", "127.0.0.1", String(port)],
        {
          cwd: www,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let log = "";
      p.stdout!.on("data", (d: Buffer) => (log += d.toString("latin1")));
      p.stderr!.on("data", (d: Buffer) => (log += d.toString("latin1")));
      try {
        for (let i = 0; ; i++) {
          try {
            const first = await get(port, "/page.txt");
            const rest = await Promise.all(["/", "/sub/", "/sub/a%20b.html", "/missing", "/sub"].map((path) => get(port, path)));
            const head = await get(port, "/page.txt", "HEAD");
            return { replies: [first, ...rest, head], log, port };
          } catch (e) {
            if (i >= 2400 || p.exitCode !== null) throw new Error(`the guest's http.server never answered: ${String(e)}\n${log}`);
            await new Promise((res) => setTimeout(res, 500)); // not listening yet: python starts slowly
          }
        }
      } finally {
        p.kill("SIGKILL");
      }
    };
    const q = await serve(qemuPath, ["-L", root]);
    const t = await serve(NODE, [...TSX_IMPORT, CLI, "-L", root]);
    expect(q.replies[0].status).toBe(200);
    expect(q.replies[0].body.equals(page)).toBe(true);
    expect(q.log).toContain(`Serving HTTP on 127.0.0.1 port`);
    const serving = (log: string, port: number) => log.split("\n")[0].replaceAll(String(port), "PORT");
    expect(serving(t.log, t.port)).toBe(serving(q.log, q.port));
    expect(t.replies.map((r) => r.status)).toEqual(q.replies.map((r) => r.status));
    for (let i = 0; i < q.replies.length; i++) {
      expect(t.replies[i].headers).toEqual(q.replies[i].headers);
      expect(t.replies[i].body.toString("latin1")).toBe(q.replies[i].body.toString("latin1"));
    }
  });
});
