// User mode's network in the page (issue 16, point 3), in Debian's Chromium under the page's strict
// CSP: Linux programs the page runs in user mode (a program started with "Run", and every process
// of the interactive shell) have their inet sockets carried over the same Wisp relay as the booted
// machine's NAT (/wisp/ on the page's own origin, tools/web/wisp-server.ts), under the relay's
// rules. Debian's busybox wget fetches a page from an HTTP server this test starts on 127.0.0.1, by
// address and by name (the name goes to the relay, which resolves and judges it); a second server
// the rules do not name is never reached; busybox tftp fetches a file from a TFTP server over UDP; zero CSP violations, console errors or page errors.
// Missing Chromium or the Debian userland FAIL the test (`apt-get install -y chromium`,
// `bash tools/debian/fetch.sh userland`); it never skips.
import { createHash } from "node:crypto";
import { createSocket } from "node:dgram";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RulePolicy } from "../../src/net/net-policy.ts";
import { requireUserland } from "../../tools/debian/paths.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { earlyViolations, launchChromium, probeOf, userlandTar, waitExits, waitOutput, type Browser } from "./chromium.ts";

type G = { tciemu?: { output: string } };

let outdir = "";
let site: StaticServer;
let browser: Browser;
let page: Page;
let allowed: Server;
let forbidden: Server;
let allowedPort = 0;
let forbiddenPort = 0;
let allowedHits = 0;
/** A TFTP server of one file (RFC 1350; it answers from its own port: a Wisp UDP stream takes replies from its destination only). */
const tftp = createSocket("udp4");
let tftpRequests = 0;
let udpPort = 0;
let forbiddenHits = 0;
const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i} of what the page's program fetches\n`).join(""));
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const listen = (s: Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

const outputLength = () => page.evaluate(() => (globalThis as unknown as G).tciemu?.output.length ?? 0);

/** Types a command line into the shell and returns what it printed up to the next prompt. */
async function shellCommand(cmd: string, timeout = 180_000): Promise<string> {
  const from = await outputLength();
  await page.locator("#terminal").click();
  await page.keyboard.type(cmd);
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    ([from, cmd]) => {
      const out = (globalThis as unknown as G).tciemu?.output ?? "";
      const at = out.indexOf(cmd, from);
      return at >= 0 && out.indexOf("\n$ ", at) >= 0;
    },
    [from, cmd] as const,
    { timeout, polling: 50 },
  );
  const out = (await probeOf(page)).output.slice(from);
  const start = out.indexOf(cmd) + cmd.length;
  return out.slice(start, out.indexOf("\n$ ", start)).replace(/\r/g, "").trim();
}

beforeAll(async () => {
  allowed = createHttpServer((_req, res) => {
    allowedHits++;
    res.end(body);
  });
  forbidden = createHttpServer((_req, res) => {
    forbiddenHits++;
    res.end("must not be reached\n");
  });
  tftp.on("message", (m, r) => {
    if (m.length < 2 || m.readUInt16BE(0) !== 1) return; // only read requests; the client's ACK needs no answer
    tftpRequests++;
    tftp.send(Buffer.concat([Buffer.from([0, 3, 0, 1]), Buffer.from("a datagram through the relay\n")]), r.port, r.address);
  });
  udpPort = await new Promise<number>((r) => tftp.bind(0, "127.0.0.1", () => r(tftp.address().port)));
  allowedPort = await listen(allowed);
  forbiddenPort = await listen(forbidden);
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-unet-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir, 0, {
    wisp: new RulePolicy([`tcp:127.0.0.1:${allowedPort}`, `tcp:localhost:${allowedPort}`, `udp:127.0.0.1:${udpPort}`]),
  });
  browser = await launchChromium();
  page = browser.page;
  await page.goto(`${site.url}?wisp=/wisp/`);
  await waitExits(page, 1); // the demo ran
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  allowed?.close();
  forbidden?.close();
  tftp.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("user-mode programs in the page reach the network through the Wisp relay (Chromium, strict CSP)", () => {
  it("a program started with Run: busybox wget from a host HTTP server", { timeout: 300_000 }, async () => {
    const busybox = readFileSync(join(requireUserland(), "usr/bin/busybox"));
    await page.setInputFiles("#file", { name: "busybox", mimeType: "application/octet-stream", buffer: busybox });
    await page.fill("#args", `wget -q -O - http://127.0.0.1:${allowedPort}/page.txt`);
    const exits = (await probeOf(page)).exits.length;
    await page.click("#run");
    await waitExits(page, exits + 1);
    const p = await probeOf(page);
    expect(p.exits[exits].exitCode).toBe(0);
    expect(p.output).toContain(`line 0 of what the page's program fetches`);
    expect(p.output).toContain(`line 4999 of what the page's program fetches`);
    expect(allowedHits).toBe(1);
  });

  it("the shell's processes: wget by address and by name, and nothing the relay was not told", { timeout: 600_000 }, async () => {
    await page.setInputFiles("#shell-image", { name: "userland.tar.gz", mimeType: "application/gzip", buffer: userlandTar() });
    await page.fill("#shell-cmd", "/bin/sh -i");
    await page.click("#shell");
    await waitOutput(page, "$ ");
    expect(await shellCommand(`busybox wget -q -O - http://127.0.0.1:${allowedPort}/page.txt | busybox md5sum`)).toBe(`${md5(body)}  -`);
    // No /etc/hosts or resolv.conf in the image: glibc asks 127.0.0.1:53, which the kernel answers
    // from the relay's names (the relay resolves "localhost" and judges the name and its address).
    expect(await shellCommand(`busybox wget -q -O - http://localhost:${allowedPort}/page.txt | busybox md5sum`)).toBe(`${md5(body)}  -`);
    expect(allowedHits).toBe(3);
    const refused = site.wisp?.refused ?? 0;
    expect(await shellCommand(`busybox wget -q -O - http://127.0.0.1:${forbiddenPort}/ ; echo rc=$?`)).toMatch(/rc=[1-9]/);
    expect(forbiddenHits).toBe(0);
    expect(site.wisp?.refused).toBeGreaterThan(refused);
    // UDP goes over the relay's UDP streams: busybox tftp fetches a file.
    expect(await shellCommand(`busybox tftp -g -r file.txt -l - 127.0.0.1 ${udpPort}`)).toBe("a datagram through the relay");
    expect(tftpRequests).toBe(1);
  });

  it("reports zero CSP violations, console errors and page errors", async () => {
    const p = await probeOf(page);
    expect(await earlyViolations(page)).toEqual([]);
    expect(p.cspViolations).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
