// ARM EABI sockets: the direct socket calls (281-297, accept4, sendmmsg, recvmmsg_time64) reach the
// generic handlers of src/linux-user/syscalls/net.ts. Debian armhf busybox wget fetches from a host
// HTTP server under tciemu-arm and under trixie's qemu-arm; both must print the same bytes.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { repoRoot, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";

const SYSROOT = sysrootDir("armhf");
const BUSYBOX = join(SYSROOT, "usr", "bin", "busybox");
const BODY = "served to an armhf busybox wget\n".repeat(2000);
let server: Server;
let port = 0;

function run(file: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn(file, args, { cwd: repoRoot() });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (status) => ok({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} missing: run 'bash tools/debian/fetch.sh sysroot armhf'`);
  server = createServer((req, res) => {
    if (req.url === "/") res.end(BODY);
    else {
      res.statusCode = 404;
      res.end("no\n");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

test("busybox wget (connect, send, recv over a host socket) matches qemu-arm, a 404 too", { timeout: 120_000 }, async () => {
  const qemu = trixieQemuUser("arm");
  if (!qemu) throw new Error("trixie qemu-arm missing: run 'bash tools/debian/fetch.sh qemu'");
  const cli = join(repoRoot(), "tools", "bin", "tciemu-arm");
  for (const path of ["/", "/missing"]) {
    const args = ["-L", SYSROOT, BUSYBOX, "wget", "-q", "-O", "-", `http://127.0.0.1:${port}${path}`];
    const ours = await run(cli, args);
    const ref = await run(qemu, ["-cpu", "cortex-a15,neon=off,vfp-d32=off", ...args]);
    expect(ours.stdout).toBe(ref.stdout);
    expect(ours.status).toBe(ref.status);
    if (path === "/") expect(ours.stdout).toBe(BODY);
    else expect(ours.status).not.toBe(0);
  }
});
