// The ARM board in the browser (issue 13.5): Debian's Chromium (/usr/bin/chromium, playwright-core)
// loads the strict-CSP page from the production server, which serves Debian trixie's armmp zImage and
// the tciemu armhf initramfs under /system/arm/ (tools/web/system-files.ts). The test picks "arm
// virt" in the machine chooser, clicks "Boot Debian", waits for the busybox prompt on the xterm.js
// terminal (the PL011 console), types commands whose answers it compares with what the guest kernel
// itself reports, and checks that nothing violated the Content-Security-Policy (page, worker, console).
//
// The page runs the board in real time (as it always does); the boot is bounded by BOOT_TIMEOUT_MS.
// Missing Chromium or missing ARM boot files FAIL the test (`apt-get install -y chromium`,
// `bash tools/debian/fetch.sh system-arm`); it never skips.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHELL_STARTING } from "../../tools/system/initramfs.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { ARM_SYSTEM_URLS, loadSystemFiles, type SystemFiles } from "../../tools/web/system-files.ts";
import { earlyViolations, launchChromium, commandAnswer, type Browser } from "./chromium.ts";

const PROMPT = "tciemu:/# ";
const BOOT_TIMEOUT_MS = 900_000;

interface Probe {
  output: string;
  exits: { program: string; exitCode: number }[];
  stats: { state: string; mode: string; insns: number; mips: number; runSeconds: number } | null;
  cspViolations: { where: string; directive: string; blocked: string; sample: string }[];
  errors: string[];
  serverBoot: boolean | null;
  serverBootArm: boolean | null;
  system: boolean;
  snapshot: {
    stored: unknown;
    resumed: { source: string; name: string } | null;
    saves: { target: string; bytes: number; ms: number }[];
    errors: string[];
  };
}
type G = { tciemu?: Probe };

let outdir = "";
let site: StaticServer;
let browser: Browser;
let system: SystemFiles;

const probe = (): Promise<Probe> => browser.page.evaluate(() => (globalThis as unknown as G).tciemu!);
// Predicates are functions, not strings: string predicates would need eval inside the page.
const waitOutputFrom = (text: string, from: number, timeout = 120_000) =>
  browser.page.waitForFunction(
    ([t, from]) => ((globalThis as unknown as G).tciemu?.output.indexOf(t, from) ?? -1) >= 0,
    [text, from] as const,
    { timeout, polling: 100 },
  );
const outputLength = () => browser.page.evaluate(() => (globalThis as unknown as G).tciemu?.output.length ?? 0);

/** Types a command at the prompt; returns the console text between the command's echo and the next prompt. */
async function command(cmd: string): Promise<string> {
  const from = await outputLength();
  await browser.page.locator("#terminal").click();
  await browser.page.keyboard.type(cmd);
  await browser.page.keyboard.press("Enter");
  await waitOutputFrom(PROMPT, from + cmd.length);
  return commandAnswer((await probe()).output.slice(from), cmd, PROMPT);
}

beforeAll(async () => {
  system = loadSystemFiles();
  if (system.armKernel === undefined || system.armInitrd === undefined)
    throw new Error("Debian's ARM boot files are missing: run 'bash tools/debian/fetch.sh system-arm' (armmp kernel, armhf busybox)");
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-boot-arm-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir, 0, { system });
  browser = await launchChromium();
  await browser.page.goto(site.url);
}, 180_000);

// Closing Chromium after a long boot can take a while on a loaded machine.
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}, 120_000);

describe("booting Debian's armmp kernel on the ARM board in the page (Chromium, strict CSP)", () => {
  it("serves the ARM boot files under /system/arm/ and says so in the manifest", async () => {
    const manifest = (await (await fetch(site.url + "system/index.json")).json()) as Record<string, boolean>;
    expect(manifest.armKernel).toBe(true);
    expect(manifest.armInitrd).toBe(true);
    const kernel = await fetch(site.url + ARM_SYSTEM_URLS.armKernel.slice(1), { method: "HEAD" });
    expect(kernel.status).toBe(200);
    const initrd = new Uint8Array(await (await fetch(site.url + ARM_SYSTEM_URLS.armInitrd.slice(1))).arrayBuffer());
    expect([initrd[0], initrd[1]]).toEqual([0x1f, 0x8b]);
    // a server without boot files says so, and the ARM paths are 404s
    const bare = await serveStatic(outdir);
    try {
      const m = (await (await fetch(bare.url + "system/index.json")).json()) as Record<string, boolean>;
      expect([m.armKernel, m.armInitrd]).toEqual([false, false]);
      expect((await fetch(bare.url + ARM_SYSTEM_URLS.armKernel.slice(1), { method: "HEAD" })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it("chooses 'arm virt', boots to the busybox prompt and answers commands", { timeout: BOOT_TIMEOUT_MS + 120_000 }, async () => {
    const page = browser.page;
    await page.waitForFunction(() => (globalThis as unknown as G).tciemu?.serverBootArm != null, undefined, { timeout: 30_000 });
    // let the demo that runs at load finish first, so the boot has the worker to itself
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= 1, undefined, { timeout: 120_000 });
    await page.selectOption("#machine", "arm");
    expect(await page.locator("#linux-append").inputValue()).toBe("console=ttyAMA0");
    expect((await probe()).serverBoot).toBe(true);
    const t0 = Date.now();
    await page.locator("#boot-server").click();
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
    const secs = (Date.now() - t0) / 1000;
    const p = await probe();
    expect(p.system).toBe(true);
    expect(p.stats?.mode).toBe("system");
    expect(p.output).toMatch(/Linux version 6\.\d+\.\d+\+deb\d+-armmp/);
    expect(p.output).toContain("ttyAMA0");
    expect(p.output).toContain(SHELL_STARTING);
    console.log(
      `browser ARM boot (click -> "${PROMPT}"): ${secs.toFixed(1)} s; worker: ${(p.stats?.insns ?? 0).toLocaleString("en-US")} guest instructions, ` +
        `${(p.stats?.mips ?? 0).toFixed(1)} MIPS over ${(p.stats?.runSeconds ?? 0).toFixed(1)} s of guest execution`,
    );

    expect((await command("echo $((6*7))")).trim()).toBe("42");
    expect((await command("uname -m")).trim()).toBe("armv7l");
    // What the guest's kernel says about its CPU: the Cortex-A15 the board models (part 0xc0f).
    expect(await command("grep -m1 'CPU part' /proc/cpuinfo")).toMatch(/CPU part\s*: 0xc0f/);
    await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain("armv7l");
  });

  it("saves the booted ARM shell in the browser, resumes it after a reload and answers a command", { timeout: 300_000 }, async () => {
    const page = browser.page;
    await command("MARK=saved-arm-shell");
    await page.locator("#snap-save").click();
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.snapshot.saves.length ?? 0) >= 1, undefined, {
      timeout: 120_000,
    });
    const saved = (await probe()).snapshot;
    expect(saved.errors).toEqual([]);
    console.log(`ARM board saved to IndexedDB: ${(saved.saves[0].bytes / 1e6).toFixed(1)} MB in ${Math.round(saved.saves[0].ms)} ms`);
    await page.waitForFunction(() => !!(globalThis as unknown as G).tciemu?.snapshot.stored, undefined, { timeout: 30_000 });
    await page.reload();
    await page.waitForFunction(() => !!(globalThis as unknown as G).tciemu?.snapshot.resumed, undefined, { timeout: 120_000 });
    const p = await probe();
    expect(p.snapshot.resumed!.source).toBe("storage");
    expect(p.exits).toEqual([]); // the demo did not run
    expect((await command("echo $MARK $((7*6))")).trim()).toBe("saved-arm-shell 42");
    expect((await command("uname -m")).trim()).toBe("armv7l");
  });

  it("reports zero CSP violations and no console errors (page and worker)", async () => {
    const p = await probe();
    const early = await earlyViolations(browser.page);
    expect(p.cspViolations).toEqual([]);
    expect(early).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
    expect(p.errors).toEqual([]);
  });
});
