// The page's network (issue 16, point 3), in Debian's Chromium under the page's strict CSP: Debian's
// riscv64 kernel booted in the page ("Boot Debian", ?wisp=/wisp/) has a virtio-net card on the
// user-mode NAT in the Worker, whose connections go over a WebSocket to the Wisp relay `npm run web`
// serves on the page's own origin (tools/web/wisp-server.ts). The guest gets its address with
// udhcpc and fetches a page from an HTTP server this test starts on 127.0.0.1 (the gateway
// 10.0.2.2 is the relay host's loopback); the relay allows only that port, so a second server is
// never reached; no CSP violation, console error or page error.
// Missing Chromium or Debian system files FAIL the test (run `apt-get install -y chromium` and
// `bash tools/debian/fetch.sh system`); it never skips.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RulePolicy } from "../../src/net/net-policy.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { loadSystemFiles, SYSTEM_URLS, type SystemFiles } from "../../tools/web/system-files.ts";
import { earlyViolations, launchChromium, probeOf, commandAnswer, type Browser, type PageProbe } from "./chromium.ts";

const PROMPT = "tciemu:/# ";
const BOOT_TIMEOUT_MS = 300_000;
type G = { tciemu?: PageProbe };

let outdir = "";
let site: StaticServer;
let browser: Browser;
let page: Page;
let allowed: Server;
let forbidden: Server;
let allowedPort = 0;
let forbiddenPort = 0;
let forbiddenHits = 0;
const body = Buffer.from(Array.from({ length: 30000 }, (_, i) => `line ${i} of the page the guest fetches\n`).join(""));
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

const probe = () => probeOf(page);
const outputLength = () => page.evaluate(() => (globalThis as unknown as G).tciemu?.output.length ?? 0);
const waitOutputFrom = (text: string, from: number, timeout = 60_000) =>
  page.waitForFunction(([t, from]) => ((globalThis as unknown as G).tciemu?.output.indexOf(t, from) ?? -1) >= 0, [text, from] as const, {
    timeout,
    polling: 20,
  });

async function command(cmd: string, timeout = 120_000): Promise<string> {
  const from = await outputLength();
  await page.locator("#terminal").click();
  await page.keyboard.type(cmd);
  await page.keyboard.press("Enter");
  await waitOutputFrom(PROMPT, from + cmd.length, timeout);
  return commandAnswer((await probe()).output.slice(from), cmd, PROMPT).trim();
}

const listen = (s: Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

beforeAll(async () => {
  const system: SystemFiles = loadSystemFiles();
  const missing = (Object.keys(SYSTEM_URLS) as (keyof SystemFiles)[]).filter((k) => system[k] === undefined);
  if (missing.length || defaultModulesDir() === undefined)
    throw new Error(`Debian system files missing (${missing.join(", ") || "kernel modules"}): run 'bash tools/debian/fetch.sh system'`);
  allowed = createHttpServer((_req, res) => res.end(body));
  forbidden = createHttpServer((_req, res) => {
    forbiddenHits++;
    res.end("must not be reached\n");
  });
  allowedPort = await listen(allowed);
  forbiddenPort = await listen(forbidden);
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-net-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir, 0, { system, wisp: new RulePolicy([`tcp:127.0.0.1:${allowedPort}`]) });
  browser = await launchChromium();
  page = browser.page;
  await page.goto(`${site.url}?wisp=/wisp/`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  allowed?.close();
  forbidden?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("the page's guest reaches the network through the Wisp relay (Chromium, strict CSP)", () => {
  it("boots Debian's kernel with a virtio-net card and gets an address by DHCP", { timeout: BOOT_TIMEOUT_MS + 120_000 }, async () => {
    await page.waitForFunction(() => (globalThis as unknown as G).tciemu?.serverBoot === true, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= 1, undefined, { timeout: 90_000 });
    await page.locator("#boot-server").click();
    await waitOutputFrom(PROMPT, 0, BOOT_TIMEOUT_MS);
    expect(await command("udhcpc -i eth0 -nq >/dev/null 2>&1; echo rc=$?")).toBe("rc=0");
    expect(await command("ip -4 -o addr show eth0")).toMatch(/ inet 10\.0\.2\.15\/24 /);
  });

  it("fetches a page from a host HTTP server with wget", { timeout: 300_000 }, async () => {
    const out = await command(`wget -q -O - http://10.0.2.2:${allowedPort}/page.txt | md5sum`);
    expect(out).toBe(`${md5(body)}  -`);
  });

  it("reaches nothing the relay was not told to allow", { timeout: 120_000 }, async () => {
    const out = await command(`wget -q -T 10 -O - http://10.0.2.2:${forbiddenPort}/ ; echo rc=$?`);
    expect(out).toMatch(/rc=[1-9]/);
    expect(forbiddenHits).toBe(0);
    expect(site.wisp?.refused).toBeGreaterThan(0);
  });

  it("reports zero CSP violations, console errors and page errors", async () => {
    const p = await probe();
    expect(await earlyViolations(page)).toEqual([]);
    expect(p.cspViolations).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
