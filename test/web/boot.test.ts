// Linux in the browser: Debian's Chromium (/usr/bin/chromium, driven by playwright-core) loads the
// strict-CSP page from the production server, which also serves Debian's kernel, OpenSBI and the
// tciemu initramfs under /system/ (tools/web/system-files.ts). The test clicks "Boot Debian (from
// server)", waits for the busybox shell prompt on the xterm.js terminal, types two commands, and
// checks that nothing violated the Content-Security-Policy (page, worker, console). It prints the
// boot time (click -> prompt), the worker's guest instructions and MIPS, and Node's figures for the
// same boot (the same VirtBoard, in-process, real-time clock) for comparison.
//
// Missing Chromium or missing Debian system files FAIL the test (run `apt-get install -y chromium`
// and `bash tools/debian/fetch.sh system`); it never skips.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtBoard } from "../../src/hw/virt.ts";
import { SHELL_STARTING } from "../../tools/system/initramfs.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { loadSystemFiles, SYSTEM_URLS, type SystemFiles } from "../../tools/web/system-files.ts";
import { commandAnswer } from "./chromium.ts";

const CHROMIUM = "/usr/bin/chromium";
const PROMPT = "tciemu:/# ";
const BOOT_TIMEOUT_MS = 180_000;

interface Probe {
  output: string;
  exits: { program: string; exitCode: number }[];
  stats: { state: string; mode: string; insns: number; mips: number; runSeconds: number; recentMips: number } | null;
  cspViolations: { where: string; directive: string; blocked: string; sample: string }[];
  errors: string[];
  workerReady: boolean;
  serverBoot: boolean | null;
  system: boolean;
}
type G = { tciemu?: Probe };

let outdir = "";
let userDataDir = "";
let site: StaticServer;
let ctx: BrowserContext;
let page: Page;
let system: SystemFiles;
const consoleErrors: string[] = [];
const results: { bootSeconds: number; insns: number; mips: number; runSeconds: number } = {
  bootSeconds: 0,
  insns: 0,
  mips: 0,
  runSeconds: 0,
};

const probe = (): Promise<Probe> => page.evaluate(() => (globalThis as unknown as G).tciemu!);
// Predicates are functions, not strings: string predicates would need eval inside the page.
const waitOutputFrom = (text: string, from: number, timeout = 60_000) =>
  page.waitForFunction(([t, from]) => ((globalThis as unknown as G).tciemu?.output.indexOf(t, from) ?? -1) >= 0, [text, from] as const, {
    timeout,
    polling: 50,
  });
const outputLength = () => page.evaluate(() => (globalThis as unknown as G).tciemu?.output.length ?? 0);

async function typeLine(text: string): Promise<void> {
  await page.locator("#terminal").click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** Types a command at the prompt; returns the console text between the command's echo and the next prompt. */
async function command(cmd: string): Promise<string> {
  const from = await outputLength();
  await typeLine(cmd);
  await waitOutputFrom(PROMPT, from + cmd.length);
  return commandAnswer((await probe()).output.slice(from), cmd, PROMPT);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: these tests drive Debian's Chromium; run \`apt-get install -y chromium\``);
  system = loadSystemFiles();
  const missing = (Object.keys(SYSTEM_URLS) as (keyof SystemFiles)[]).filter((k) => system[k] === undefined);
  if (missing.length)
    throw new Error(
      `Debian system files missing (${missing.join(", ")}): run 'bash tools/debian/fetch.sh system' (kernel, OpenSBI, busybox-static)`,
    );
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-boot-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir, 0, { system });
  userDataDir = mkdtempSync(join(tmpdir(), "tciemu-chromium-"));
  ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1500, height: 1000 },
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
  });
  const onConsole = (where: string) => (m: { type(): string; text(): string }) => {
    if (m.type() === "error" || m.type() === "warning") consoleErrors.push(`${where} ${m.type()}: ${m.text()}`);
  };
  page.on("console", onConsole("page"));
  page.on("pageerror", (e) => consoleErrors.push(`page exception: ${e.message}`));
  page.on("worker", (w) => w.on("console", onConsole("worker")));
  await page.goto(site.url);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await site?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("booting Debian's kernel in the page (Chromium, strict CSP)", () => {
  it("serves the boot files under /system/ (and 404s the rest)", async () => {
    const kernel = await fetch(site.url + "system/kernel");
    expect(kernel.status).toBe(200);
    expect(Number(kernel.headers.get("content-length"))).toBe(readFileSync(system.kernel!).length);
    await kernel.arrayBuffer();
    const initrd = new Uint8Array(await (await fetch(site.url + "system/initrd.cpio.gz")).arrayBuffer());
    expect([initrd[0], initrd[1]]).toEqual([0x1f, 0x8b]);
    expect((await fetch(site.url + "system/fw_dynamic.bin", { method: "HEAD" })).status).toBe(200);
    const nope = await fetch(site.url + "system/nothing");
    expect(nope.status).toBe(404);
    expect(nope.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await (await fetch(site.url + "system/index.json")).json()).toEqual({
      sysroot: system.sysroot !== undefined,
      kernel: true,
      initrd: true,
      firmware: true,
      armKernel: system.armKernel !== undefined,
      armInitrd: system.armInitrd !== undefined,
    });
    // without system files, the same paths are 404s and the manifest says so
    const bare = await serveStatic(outdir);
    try {
      expect((await fetch(bare.url + "system/kernel", { method: "HEAD" })).status).toBe(404);
      expect(await (await fetch(bare.url + "system/index.json")).json()).toEqual({
        sysroot: false,
        kernel: false,
        initrd: false,
        firmware: false,
        armKernel: false,
        armInitrd: false,
      });
    } finally {
      await bare.close();
    }
  });

  it("offers 'Boot Debian (from server)' and boots to the busybox shell prompt", { timeout: BOOT_TIMEOUT_MS + 60_000 }, async () => {
    await page.waitForFunction(() => (globalThis as unknown as G).tciemu?.serverBoot !== null, undefined, { timeout: 30_000 });
    expect((await probe()).serverBoot).toBe(true);
    const button = page.locator("#boot-server");
    await expect.poll(() => button.isVisible()).toBe(true);
    // let the demo that runs at load finish first, so the boot has the worker to itself
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= 1, undefined, { timeout: 60_000 });
    const t0 = Date.now();
    await button.click();
    try {
      await waitOutputFrom(PROMPT, 0, BOOT_TIMEOUT_MS);
    } catch (e) {
      const p = await probe();
      throw new Error(
        `no shell prompt within ${BOOT_TIMEOUT_MS / 1000} s (${p.stats?.insns} insns); console tail:\n${p.output.slice(-3000)}`,
        {
          cause: e,
        },
      );
    }
    results.bootSeconds = (Date.now() - t0) / 1000;
    const p = await probe();
    expect(p.system).toBe(true);
    expect(p.output).toContain("Linux version");
    expect(p.output).toContain(SHELL_STARTING);
    expect(p.stats?.mode).toBe("system");
    results.insns = p.stats?.insns ?? 0;
    results.mips = p.stats?.mips ?? 0;
    results.runSeconds = p.stats?.runSeconds ?? 0;
    console.log(
      `browser boot (click -> "${PROMPT}"): ${results.bootSeconds.toFixed(1)} s; worker: ${results.insns.toLocaleString("en-US")} guest instructions, ` +
        `${results.mips.toFixed(1)} MIPS over ${results.runSeconds.toFixed(1)} s of guest execution`,
    );
    // the status bar shows the guest's speed
    await expect.poll(() => page.locator("#mips").innerText()).toMatch(/^[1-9][\d.]* MIPS$/);
    await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain("tciemu:/#");
  });

  it("runs commands typed on the terminal: echo $((6*7)), uname -m", { timeout: 120_000 }, async () => {
    expect((await command("echo $((6*7))")).trim()).toBe("42");
    expect((await command("uname -m")).trim()).toBe("riscv64");
    await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain("riscv64");
    await page.screenshot({ path: join(tmpdir(), "tciemu-web-boot.png") });
  });

  it("reports zero CSP violations and no console errors (page and worker)", async () => {
    const p = await probe();
    const early = await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
    console.log(
      `CSP violations during the boot: page ${p.cspViolations.filter((v) => v.where === "page").length + early.length}, worker ${p.cspViolations.filter((v) => v.where === "worker").length}; console errors ${consoleErrors.length}`,
    );
    expect(p.cspViolations).toEqual([]);
    expect(early).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(p.errors).toEqual([]);
  });

  it(
    "compares with Node: the same board in-process, real-time clock, to the same prompt",
    { timeout: BOOT_TIMEOUT_MS + 60_000 },
    async () => {
      let out = "";
      const decoder = new TextDecoder();
      const t0 = performance.now();
      const board = new VirtBoard({
        ramBytes: 256 << 20,
        bios: new Uint8Array(readFileSync(system.firmware!)),
        kernel: new Uint8Array(readFileSync(system.kernel!)),
        initrd: system.initrd,
        append: "console=ttyS0",
        serialOut: (b) => (out += decoder.decode(b, { stream: true })),
        random: (d) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
      });
      const m = board.machine;
      let runMs = 0;
      while (!out.includes(PROMPT)) {
        if (performance.now() - t0 > BOOT_TIMEOUT_MS)
          throw new Error(`Node: no prompt in ${BOOT_TIMEOUT_MS / 1000} s; tail:\n${out.slice(-2000)}`);
        const a = performance.now();
        const r = m.run(4_000_000);
        runMs += performance.now() - a;
        if (r === "exit") throw new Error(`Node: the machine stopped; tail:\n${out.slice(-2000)}`);
        if (r === "wfi") await new Promise((res) => setTimeout(res, Math.max(0, Math.min(10, (m.nextDeadlineNs() - m.nowNs()) / 1e6))));
      }
      const secs = (performance.now() - t0) / 1000;
      const nodeMips = m.insns / runMs / 1000;
      console.log(
        `node boot (same board, in-process): ${secs.toFixed(1)} s; ${m.insns.toLocaleString("en-US")} guest instructions, ${nodeMips.toFixed(1)} MIPS; ` +
          `browser/node: ${(results.bootSeconds / secs).toFixed(2)}x the time, ${(results.mips / nodeMips).toFixed(2)}x the MIPS`,
      );
      expect(m.insns).toBeGreaterThan(0);
    },
  );
});
