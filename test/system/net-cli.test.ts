// tciemu-system-riscv64 with `-nic user,mac=...,hostfwd=...`: the CLI wires the NAT to the NIC
// and wakes the machine for network events.
// The guest (test mode) gets an address, fetches a page from a host HTTP server, serves one the
// host fetches through hostfwd, and powers off; the CLI exits 0.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, get as httpGet } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { repoRoot, systemBusybox, systemKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs, NET_MODULES, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { testModeArgs } from "./test-mode-args.ts";

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

test("tciemu-system-riscv64 -nic user,mac=...,hostfwd=...: DHCP, MAC, wget, hostfwd, poweroff", { timeout: 1_800_000 }, async () => {
  const kernel = systemKernel();
  const busybox = systemBusybox();
  const modulesDir = defaultModulesDir();
  expect(kernel && busybox && modulesDir, "run 'bash tools/debian/fetch.sh system'").toBeTruthy();
  const tmp = mkdtempSync(join(tmpdir(), "tciemu-net-cli-"));
  const initrd = join(tmp, "initrd.gz");
  writeFileSync(initrd, buildInitramfs({ busybox: busybox!, modules: NET_MODULES, modulesDir }).gz);
  const http = createHttpServer((_req, res) => res.end("hello from the host\n"));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const httpPort = (http.address() as AddressInfo).port;
  const fwd = await freePort();
  try {
    // -nic user (with mac= and hostfwd=): the common way; -netdev/-device resolve to the same NicPlan
    // (test/net/options.test.ts), so one boot covers the CLI's wiring of both
    {
      const netArgs = ["-nic", `user,mac=52:54:00:ab:cd:ef,hostfwd=tcp:127.0.0.1:${fwd}-:8080`];
      const args = [...testModeArgs(kernel!, initrd), ...netArgs];
      const p = spawn(join(repoRoot(), "tools/bin/tciemu-system-riscv64"), args, { stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      p.stdout!.on("data", (d: Buffer) => (out += d.toString("latin1")));
      p.stderr!.on("data", (d: Buffer) => (out += d.toString("latin1")));
      const exited = new Promise<number | null>((r) => p.on("exit", (c) => r(c)));
      let pos = 0;
      const waitFor = async (s: string, ms = 900_000) => {
        const end = Date.now() + ms;
        for (;;) {
          const i = out.indexOf(s, pos);
          if (i >= 0) return (pos = i + s.length);
          if (Date.now() > end || p.exitCode !== null) throw new Error(`no ${JSON.stringify(s)}; console:\n${out.slice(-3000)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const run = async (cmd: string) => {
        const start = pos;
        p.stdin!.write(cmd + "\n");
        const at = await waitFor(TEST_RC_PREFIX);
        await waitFor(TEST_PROMPT);
        return { text: out.slice(start, at - TEST_RC_PREFIX.length), rc: Number(out.slice(at, out.indexOf("\n", at))) };
      };
      try {
        await waitFor(TEST_PROMPT);
        expect((await run("udhcpc -i eth0 -q -n -t 5 -T 3 2>&1")).text).toContain("lease of 10.0.2.15 obtained from 10.0.2.2");
        expect((await run("cat /sys/class/net/eth0/address")).text).toContain("52:54:00:ab:cd:ef");
        expect((await run(`wget -q -O - http://10.0.2.2:${httpPort}/`)).text).toContain("hello from the host");
        expect((await run("mkdir -p /www && echo 'hello from the guest' > /www/index.html && httpd -p 8080 -h /www")).rc).toBe(0);
        const page = await new Promise<string>((resolve, reject) =>
          httpGet(`http://127.0.0.1:${fwd}/`, (res) => {
            let s = "";
            res.on("data", (d: Buffer) => (s += d));
            res.on("end", () => resolve(s));
          }).on("error", reject),
        );
        expect(page).toBe("hello from the guest\n");
        p.stdin!.write("poweroff -f\n");
        expect(await exited).toBe(0);
      } finally {
        p.kill("SIGKILL");
      }
    }
  } finally {
    http.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
