// User-mode sockets (issue 16, point 1), compared with Debian's qemu-riscv64 at test time: our own
// programs (testdata/riscv/net, glibc, run with -L on the trixie sysroot) and busybox's wget and
// httpd against servers this test starts on 127.0.0.1 (no internet). The tciemu side is the CLI
// (src/cli/riscv64-user.ts), whose sockets are Node's; --net-allow limits what the guest reaches.
import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, get as httpGet, type Server as HttpServer } from "node:http";
import { connect, createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot, requireUserland, riscvTestdataDir } from "../../tools/debian/paths.ts";
import { requireTools } from "./harness.ts";

const NET = join(riscvTestdataDir(), "net");
// The emulator runs in this node process itself (not under the tsx CLI, which runs it in a child that a
// kill of the parent would leave behind: a guest server must die with the process the test kills).
const NODE = process.execPath;
const TSX_IMPORT = ["--import", pathToFileURL(join(repoRoot(), "node_modules", "tsx", "dist", "loader.mjs")).href];
const CLI = join(repoRoot(), "src", "cli", "riscv64-user.ts");

interface Result {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs a command without blocking this process's event loop (the servers below live in it). */
function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "",
      stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString("latin1")));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("latin1")));
    const timer = setTimeout(() => p.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    p.on("error", reject);
    p.on("close", (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
    p.stdin.end(opts.input ?? "");
  });
}

const tools = requireTools();
const qemu = (args: string[], opts = {}) => run(tools.qemu, ["-L", tools.sysroot, ...args], opts);
const tciemu = (args: string[], opts = {}) => run(NODE, [...TSX_IMPORT, CLI, "-L", tools.sysroot, ...args], opts);

/** The userland's python3.13 runs `script` under qemu-riscv64 (which must succeed) and the CLI: the same output and status. */
async function expectPythonSameAsQemu(script: string): Promise<void> {
  const userland = requireUserland();
  const args = ["-L", userland, userland + "/usr/bin/python3.13", "-S", "-c", script];
  const q = await run(tools.qemu, args);
  const t = await run(NODE, [...TSX_IMPORT, CLI, ...args]);
  expect(q.status, q.stderr).toBe(0);
  expect(t.stdout).toBe(q.stdout);
  expect(t.stderr).toBe(q.stderr);
  expect(t.status).toBe(q.status);
}

function listen(s: Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
}

/** xorshift64 words from seed 1, little-endian: what xfer.c sends. */
function xorshiftBytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 1n;
  const M = (1n << 64n) - 1n;
  for (let o = 0; o + 8 <= n; o += 8) {
    x ^= (x << 13n) & M;
    x ^= x >> 7n;
    x ^= (x << 17n) & M;
    b.writeBigUInt64LE(x, o);
  }
  return b;
}

/** 64-bit FNV-1a over little-endian words (xfer.c's "recv" digest). */
function fnvWords(b: Buffer): string {
  let h = 0xcbf29ce484222325n;
  const M = (1n << 64n) - 1n;
  for (let o = 0; o + 8 <= b.length; o += 8) h = ((h ^ b.readBigUInt64LE(o)) * 0x100000001b3n) & M;
  return h.toString(16).padStart(16, "0");
}

describe("user-mode sockets against host servers, as qemu-riscv64", () => {
  const servers: Array<Server | HttpServer> = [];
  const udp = createSocket("udp4");
  let echoPort = 0,
    udpPort = 0,
    closedPort = 0,
    sinkPort = 0,
    sourcePort = 0,
    httpPort = 0;
  let echoConnections = 0;
  let udpDatagrams = 0;
  const MIB = 50;
  let bulk: Buffer;
  const page = Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i}\n`).join(""));

  beforeAll(async () => {
    bulk = xorshiftBytes(MIB << 20);
    const echo = createServer({ allowHalfOpen: true }, (s) => {
      echoConnections++;
      s.pipe(s);
    });
    // Receives xfer.c's stream and answers with its length and digest.
    const sink = createServer({ allowHalfOpen: true }, (s) => {
      const parts: Buffer[] = [];
      s.on("data", (d: Buffer) => parts.push(d));
      s.on("end", () => {
        const all = Buffer.concat(parts);
        s.end(`${all.length} bytes, ${all.equals(bulk) ? "the expected data" : "DIFFERENT data"}`);
      });
    });
    const source = createServer((s) => s.end(bulk));
    const http = createHttpServer((req, res) => {
      if (req.url === "/page.txt") res.end(page);
      else {
        res.statusCode = 404;
        res.end("not here\n");
      }
    });
    const closed = createServer();
    servers.push(echo, sink, source, http);
    [echoPort, sinkPort, sourcePort, closedPort] = await Promise.all([listen(echo), listen(sink), listen(source), listen(closed)]);
    httpPort = await new Promise<number>((resolve) => http.listen(0, "127.0.0.1", () => resolve((http.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    udp.on("message", (m, r) => {
      udpDatagrams++;
      udp.send(m, r.port, r.address);
    });
    udpPort = await new Promise<number>((resolve) => udp.bind(0, "127.0.0.1", () => resolve(udp.address().port)));
  }, 60_000);

  afterAll(() => {
    for (const s of servers) s.close();
    udp.close();
  });

  test("unix sockets, SCM_RIGHTS, eventfd, epoll, poll, select (unix.c)", { timeout: 120_000 }, async () => {
    const dirs = [mkdtempSync(join(tmpdir(), "tciemu-sock-")), mkdtempSync(join(tmpdir(), "tciemu-sock-"))];
    try {
      const q = await qemu([join(NET, "unix.elf")], { cwd: dirs[0] });
      const t = await tciemu([join(NET, "unix.elf")], { cwd: dirs[1] });
      expect(q.status).toBe(0);
      expect(q.stdout).toContain("passed fd reads: 23 'through the passed pipe' cloexec 1");
      expect(t.stderr).toBe(q.stderr);
      expect(t.stdout).toBe(q.stdout);
      expect(t.status).toBe(q.status);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });

  test("TCP and UDP to host servers, a guest listener, getaddrinfo (inet.c)", { timeout: 120_000 }, async () => {
    const args = [join(NET, "inet.elf"), String(echoPort), String(udpPort), String(closedPort)];
    const q = await qemu(args);
    const t = await tciemu(args);
    expect(q.status).toBe(0);
    expect(q.stdout).toContain("echo: sent 490 got 490");
    expect(t.stdout).toBe(q.stdout);
    expect(t.stderr).toBe(q.stderr);
    expect(t.status).toBe(q.status);
  });

  test(`${MIB} MiB each way with matching data (xfer.c)`, { timeout: 300_000 }, async () => {
    const expected = `received ${MIB << 20} fnv ${fnvWords(bulk)}\n`;
    const sent = `sent ${MIB << 20}, host says: ${MIB << 20} bytes, the expected data\n`;
    const t1 = await tciemu([join(NET, "xfer.elf"), "send", String(sinkPort), String(MIB)], { timeoutMs: 280_000 });
    expect(t1.stderr).toBe("");
    expect(t1.stdout).toBe(sent);
    const t2 = await tciemu([join(NET, "xfer.elf"), "recv", String(sourcePort), String(MIB)], { timeoutMs: 280_000 });
    expect(t2.stdout).toBe(expected);
    const q2 = await qemu([join(NET, "xfer.elf"), "recv", String(sourcePort), String(MIB)]);
    expect(q2.stdout).toBe(expected);
  });

  test("busybox wget from a host HTTP server", { timeout: 120_000 }, async () => {
    const bb = "/usr/bin/busybox";
    for (const url of [`http://127.0.0.1:${httpPort}/page.txt`, `http://localhost:${httpPort}/page.txt`]) {
      const q = await qemu([tools.sysroot + bb, "wget", "-q", "-O", "-", url]);
      const t = await tciemu([tools.sysroot + bb, "wget", "-q", "-O", "-", url]);
      expect(q.stdout).toBe(page.toString("latin1"));
      expect(t.stdout).toBe(q.stdout);
      expect(t.status).toBe(q.status);
    }
    const q = await qemu([tools.sysroot + bb, "wget", "-q", "-O", "-", `http://127.0.0.1:${httpPort}/missing`]);
    const t = await tciemu([tools.sysroot + bb, "wget", "-q", "-O", "-", `http://127.0.0.1:${httpPort}/missing`]);
    expect(q.status).not.toBe(0);
    expect(t.stderr).toBe(q.stderr);
    expect(t.status).toBe(q.status);
  });

  // A guest server that forks a child per connection: the children wait for host sockets while
  // the parent waits in accept (the multi-process kernel's runAsync).
  test("busybox httpd in the guest forks a child per connection, as under qemu", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tciemu-httpd-"));
    writeFileSync(join(dir, "page.txt"), page);
    const get = (port: number, path: string) =>
      new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const req = httpGet({ host: "127.0.0.1", port, path }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (d: Buffer) => parts.push(d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
          res.on("error", reject);
        });
        req.on("error", reject);
      });
    const serve = async (cmd: string, args: string[]) => {
      const probe = createServer();
      const port = await listen(probe);
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const p = spawn(cmd, [...args, "-f", "-p", `127.0.0.1:${port}`, "-h", dir], { stdio: "ignore" });
      try {
        for (let i = 0; i < 300; i++) {
          try {
            const first = await get(port, "/page.txt");
            const [again, missing] = await Promise.all([get(port, "/page.txt"), get(port, "/missing")]);
            return { first, again, missing };
          } catch {
            await new Promise((res) => setTimeout(res, 200)); // not listening yet
          }
        }
        throw new Error("the guest never listened");
      } finally {
        p.kill("SIGKILL");
      }
    };
    try {
      const bb = [tools.sysroot + "/usr/bin/busybox", "httpd"];
      const q = await serve(tools.qemu, ["-L", tools.sysroot, ...bb]);
      const t = await serve(NODE, [...TSX_IMPORT, CLI, "-L", tools.sysroot, ...bb]);
      expect(q.first.status).toBe(200);
      expect(q.first.body.equals(page)).toBe(true);
      for (const k of ["first", "again", "missing"] as const) {
        expect(t[k].status).toBe(q[k].status);
        expect(t[k].body.equals(q[k].body)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // A guest server the host connects to.
  test("busybox nc -l in the guest serves the host, as under qemu", { timeout: 120_000 }, async () => {
    const fetchFrom = async (start: (port: number) => ReturnType<typeof spawn>) => {
      const probe = createServer();
      const port = await listen(probe);
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const p = start(port);
      let fromGuest = "";
      p.stdout!.on("data", (d: Buffer) => (fromGuest += d.toString("latin1")));
      const exited = new Promise<number | null>((resolve) => p.on("close", resolve));
      p.stdin!.end(page);
      const once = () =>
        new Promise<Buffer>((resolve, reject) => {
          const c = connect(port, "127.0.0.1");
          const parts: Buffer[] = [];
          c.on("data", (d: Buffer) => parts.push(d));
          c.on("end", () => {
            resolve(Buffer.concat(parts));
            c.end();
          });
          c.on("error", reject);
          c.write("hello from the host\n");
        });
      try {
        for (let i = 0; i < 150; i++) {
          try {
            const body = await once();
            return { body, status: await exited, fromGuest };
          } catch {
            await new Promise((res) => setTimeout(res, 200)); // not listening yet
          }
        }
        throw new Error("the guest never listened");
      } finally {
        p.kill("SIGKILL");
      }
    };
    const nc = ["/usr/bin/busybox", "nc", "-l", "-p"];
    const q = await fetchFrom((port) => spawn(tools.qemu, ["-L", tools.sysroot, tools.sysroot + nc[0], ...nc.slice(1), String(port)]));
    const t = await fetchFrom((port) =>
      spawn(NODE, [...TSX_IMPORT, CLI, "-L", tools.sysroot, tools.sysroot + nc[0], ...nc.slice(1), String(port)]),
    );
    expect(q.body.equals(page)).toBe(true);
    expect(q.fromGuest).toBe("hello from the host\n");
    expect(t.body.equals(page)).toBe(true);
    expect(t.fromGuest).toBe(q.fromGuest);
    expect(t.status).toBe(q.status);
  });

  test(
    "a loopback connection is complete on both sides once accept returns (non-blocking connect, poll, epoll)",
    { timeout: 120_000 },
    async () => {
      // Linux finishes the handshake before accept() returns, so the client is writable at once. The
      // CLI's host sockets report the accept and the client's connect in one event-loop phase; the
      // guest used to resume between the two callbacks and see the client still connecting.
      const script = [
        "import socket, select, errno",
        "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()",
        "c = socket.socket(); c.setblocking(False)",
        "try: c.connect(('127.0.0.1', srv.getsockname()[1]))",
        "except OSError as e: print('connect', errno.errorcode[e.args[0]])",
        "s, a = srv.accept()",
        "p = select.poll(); p.register(c, select.POLLOUT)",
        "print('poll', [(fd == c.fileno(), ev) for fd, ev in p.poll(0)])",
        "ep = select.epoll(); ep.register(c.fileno(), select.EPOLLOUT | select.EPOLLET); ep.register(s.fileno(), select.EPOLLOUT | select.EPOLLET)",
        "print('epoll', sorted((fd == c.fileno(), ev) for fd, ev in ep.poll(1, 4)))",
        "print('peer', c.getpeername() == s.getsockname(), s.getpeername() == c.getsockname())",
      ].join("\n");
      const userland = requireUserland();
      const args = ["-L", userland, userland + "/usr/bin/python3.13", "-S", "-c", script];
      const q = await run(tools.qemu, args);
      const t = await run(NODE, [...TSX_IMPORT, CLI, ...args]);
      expect(q.stdout).toBe("connect EINPROGRESS\npoll [(True, 4)]\nepoll [(False, 4), (True, 4)]\npeer True True\n");
      expect(t.stdout).toBe(q.stdout);
      expect(t.stderr).toBe(q.stderr);
      expect(t.status).toBe(q.status);
    },
  );

  test("a UDP datagram sent just before its socket is closed arrives (sendto, close), as under qemu", { timeout: 120_000 }, async () => {
    // Linux has queued a datagram when sendto returns. Node resolved the address (an IP literal
    // too) in a later tick and close() dropped what it had not sent: the datagram was lost, a
    // first send (which binds the socket) or a later one alike, and CPython's test_socket
    // BasicUDPTest (a thread sends and closes) waited for it for ever.
    const script = [
      "import socket, select, threading",
      "srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); srv.bind(('127.0.0.1', 0)); port = srv.getsockname()[1]",
      "def send(msgs):",
      "    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
      "    for m in msgs: c.sendto(m, ('127.0.0.1', port))",
      "    c.close()",
      "def recv(n):",
      "    got = []",
      "    while len(got) < n and select.select([srv], [], [], 5)[0]: got.append(srv.recv(100))",
      "    return got",
      "send([b'first send']); print(recv(1))",
      "send([b'one', b'two', b'three']); print(recv(3))",
      "t = threading.Thread(target=send, args=([b'from a thread'],)); t.start(); t.join(); print(recv(1))",
    ].join("\n");
    await expectPythonSameAsQemu(script);
  });

  test("a TCP client that binds before connect connects from that address and port, as under qemu", { timeout: 120_000 }, async () => {
    // Linux keeps a bound socket's port for its connection (create_connection's source_address);
    // tciemu dropped the bind and the host picked another port (CPython's test_socket
    // NetworkConnectionAttributesTest.testSourceAddress).
    const script = [
      "import socket",
      "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()",
      "t = socket.socket(); t.bind(('127.0.0.1', 0)); free = t.getsockname()[1]; t.close()",
      "for where in [('', free), ('127.0.0.1', 0)]:",
      "    c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); c.bind(where); bound = c.getsockname()",
      "    c.connect(srv.getsockname()); a, peer = srv.accept()",
      "    print(c.getsockname()[1] == bound[1], peer == c.getsockname(), c.getsockname()[0], a.getpeername() == peer)",
      "    c.send(b'x'); print(a.recv(1)); a.close(); c.close()",
    ].join("\n");
    await expectPythonSameAsQemu(script);
  });

  test("data that arrives while every guest thread sleeps is there for the next read", { timeout: 120_000 }, async () => {
    // One thread sends and then waits on an event with a timeout, the other sleeps before reading:
    // no thread waits for a socket, and the idle kernel slept the host in Atomics.wait, so Node's
    // event loop never delivered the bytes and the read after the sleep found nothing (CPython's
    // test_socket UnbufferedFileObjectClassTestCase.testSmallReadNonBlocking).
    const script = [
      "import socket, threading, time",
      "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()",
      "sent, done = threading.Event(), threading.Event()",
      "def client():",
      "    c = socket.create_connection(srv.getsockname()); c.sendall(b'Spam and eggs!'); sent.set(); done.wait(10); c.close()",
      "t = threading.Thread(target=client); t.start()",
      "s, _ = srv.accept(); s.setblocking(False); sent.wait(10)",
      "def recv(n):",
      "    try: return s.recv(n)",
      "    except BlockingIOError: return None",
      "first = recv(11)",
      "if first is None: time.sleep(0.5); first = recv(11)",
      "print(first, recv(10), recv(10))",
      "done.set(); t.join()",
    ].join("\n");
    await expectPythonSameAsQemu(script);
  });

  test("--net-allow: the guest reaches only what the rules allow", { timeout: 300_000 }, async () => {
    const before = echoConnections;
    const denied = await tciemu(["--net-allow", `tcp:127.0.0.1:${sourcePort}`, join(NET, "xfer.elf"), "send", String(echoPort), "1"]);
    expect(denied.stderr).toBe("connect: Operation not permitted\n");
    expect(denied.status).toBe(1);
    const none = await tciemu(["--net-allow", "none", join(NET, "xfer.elf"), "recv", String(sourcePort), "1"]);
    expect(none.stderr).toBe("connect: Operation not permitted\n");
    // UDP: busybox tftp sends a read request to a port the rules do not allow; nothing arrives (and
    // with the port allowed, it does: busybox's nc has no -u, so tftp is its UDP client).
    const tftpTo = (rule: string) =>
      tciemu(
        ["--net-allow", rule, tools.sysroot + "/usr/bin/busybox", "tftp", "-g", "-r", "f", "-l", "/dev/null", "127.0.0.1", String(udpPort)],
        {
          timeoutMs: 20_000,
        },
      );
    const udpBefore = udpDatagrams;
    const udpDenied = await tftpTo(`tcp:127.0.0.1:${echoPort}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(udpDatagrams).toBe(udpBefore);
    expect(udpDenied.stderr).toContain("Operation not permitted");
    await tftpTo(`udp:127.0.0.1:${udpPort}`);
    expect(udpDatagrams).toBeGreaterThan(udpBefore);
    expect(echoConnections).toBe(before);
    // What is allowed works.
    const allowed = await tciemu(["--net-allow", `tcp:127.0.0.1:${sinkPort}`, join(NET, "xfer.elf"), "send", String(sinkPort), "1"]);
    expect(allowed.stdout).toBe("sent 1048576, host says: 1048576 bytes, DIFFERENT data\n");
    const bad = await tciemu(["--net-allow", "tcp:nowhere", join(NET, "xfer.elf"), "recv", "1", "1"]);
    expect(bad.stderr).toMatch(/^tciemu-riscv64: --net-allow: bad rule 'tcp:nowhere'/);
    expect(bad.status).toBe(1);
  });
});
