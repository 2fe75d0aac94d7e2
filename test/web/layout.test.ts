// The page as users meet it, in Debian's Chromium: the layout at 1024, 1500 and 1920 px (nothing cut
// off or scrolled sideways, terminal and stepper side by side or stacked, never overlapping), a new
// run starting on a clear terminal (also when the previous one is still running), "Boot Debian"
// as one click when the server has the boot files (test/web/boot.test.ts clicks it and boots),
// and the whole page working inside `<iframe sandbox="allow-scripts allow-same-origin">` on a page
// of another origin: demo, terminal, worker and stepper, with zero CSP violations.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuest } from "../../src/embed/index.ts";
import { repoRoot } from "../../tools/debian/paths.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { loadSystemFiles, SYSTEM_URLS, type SystemFiles } from "../../tools/web/system-files.ts";
import { earlyViolations, launchChromium, probeOf, waitExits, waitState, type Browser } from "./chromium.ts";
import { CAT, elfOf } from "./programs.ts";

const LAST_LINE = "demo: all self-checks passed";
const QUEENS = 0x10b5c; // demo.elf: `queens`

let outdir = "";
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-layout-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

interface Box {
  sel: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  visible: boolean;
}

describe("page layout and runs (Chromium)", () => {
  it("holds at 1024, 1500 and 1920 px: nothing cut off or scrolled sideways, terminal and stepper apart", async () => {
    const { page } = browser;
    await page.goto(site.url);
    await waitExits(page, 1);
    for (const width of [1024, 1500, 1920]) {
      await page.setViewportSize({ width, height: 940 });
      const m = await page.evaluate(() => {
        const box = (el: Element, sel: string) => {
          const r = el.getBoundingClientRect();
          return { sel, left: r.left, right: r.right, top: r.top, bottom: r.bottom, visible: r.width > 0 && r.height > 0 };
        };
        const boxes: Box[] = [];
        for (const sel of ["#terminal", "#stepper", ".xterm-screen", "#step-status", ".pane.wide"])
          boxes.push(box(document.querySelector(sel)!, sel));
        // (hidden inputs are file pickers opened by a button)
        document.querySelectorAll("main button:not([hidden]), main input:not([hidden]), .pane").forEach((el, i) => {
          if (!el.closest("details:not([open])")) boxes.push(box(el, `${el.tagName.toLowerCase()}#${el.id || i}`));
        });
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth, boxes };
      });
      expect(m.innerWidth).toBe(width);
      expect(m.scrollWidth, `${width} px`).toBeLessThanOrEqual(m.innerWidth);
      const outside = m.boxes.filter((b) => !b.visible || b.left < 0 || b.right > m.innerWidth + 0.5);
      expect(outside, `${width} px`).toEqual([]);
      const term = m.boxes.find((b) => b.sel === "#terminal")!;
      const stepper = m.boxes.find((b) => b.sel === "#stepper")!;
      const overlap = term.left < stepper.right && stepper.left < term.right && term.top < stepper.bottom && stepper.top < term.bottom;
      expect(overlap, `${width} px`).toBe(false);
      // side by side from 1280 px up, the stepper under the terminal below that
      expect(stepper.left >= term.right, `${width} px`).toBe(width >= 1280);
      // the terminal shows whole lines: the demo's last line is on screen
      await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain(LAST_LINE);
      await page.screenshot({ path: join(tmpdir(), `tciemu-layout-${width}.png`) });
    }
  });

  it("a new run starts on a clear terminal, also while the previous run is still going", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1500, height: 940 });
    await page.goto(site.url);
    await waitExits(page, 1);
    const rows = () => page.locator("#terminal .xterm-rows").innerText();
    await expect.poll(rows).toContain("[demo: exit 0");
    // Demo again: the previous run's output and exit line are gone at once.
    await page.click("#run-demo");
    await expect.poll(rows).not.toContain("[demo: exit 0");
    // And again while it runs: only the last run's output remains, complete, once.
    await waitState(page, "running");
    await page.click("#run-demo");
    await waitExits(page, 2);
    const p = await probeOf(page);
    expect(p.exits.length).toBe(2); // the interrupted run reports nothing
    const g = createGuest();
    g.loadElf(new Uint8Array(readFileSync(join(repoRoot(), "testdata/riscv/demo.elf"))), ["demo"]);
    expect(g.run().reason).toBe("exit");
    expect(p.output).toBe(new TextDecoder().decode(g.stdout()));
    const text = await rows();
    expect(text.split(LAST_LINE).length - 1).toBe(1);
    expect(text.split("[mandelbrot]").length - 1).toBe(1);
  });

  it("'Boot Debian' is one click when the server has the boot files, and says what is missing when not", async () => {
    const { page } = browser;
    await page.goto(site.url);
    await page.waitForFunction(() => (globalThis as unknown as { tciemu?: { serverBoot: boolean | null } }).tciemu?.serverBoot !== null);
    expect((await probeOf(page)).serverBoot).toBe(false);
    expect(await page.locator("#boot-server").isDisabled()).toBe(true);
    expect(await page.locator("#boot-hint").innerText()).toContain("tools/debian/fetch.sh system");
    const system: SystemFiles = loadSystemFiles();
    const missing = (Object.keys(SYSTEM_URLS) as (keyof SystemFiles)[]).filter((k) => system[k] === undefined);
    expect(missing, "Debian system files missing: run 'bash tools/debian/fetch.sh system'").toEqual([]);
    const withFiles = await serveStatic(outdir, 0, { system });
    try {
      await page.goto(withFiles.url);
      await page.waitForFunction(() => (globalThis as unknown as { tciemu?: { serverBoot: boolean | null } }).tciemu?.serverBoot === true);
      expect(await page.locator("#boot-server").isEnabled()).toBe(true);
      expect(await page.locator("#boot-hint").innerText()).toBe("");
      // the file pickers stay available for other kernels
      await page.click("#own-linux summary");
      expect(await page.locator("#linux-kernel").isVisible()).toBe(true);
    } finally {
      // Leave the page before its server goes: a request it still makes (the page probes the server's
      // files) would otherwise be refused and logged as a console error of the next test.
      await page.goto("about:blank");
      await withFiles.close();
    }
  });

  it("works inside <iframe sandbox='allow-scripts allow-same-origin'> on another origin's page", async () => {
    const { page, consoleErrors } = browser;
    const errorsBefore = consoleErrors.length;
    // The host page: another origin (localhost vs 127.0.0.1, another port), its own strict policy.
    const inner = site.url;
    const host: Server = createServer((_req, res) => {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": `default-src 'none'; frame-src ${new URL(inner).origin}`,
      });
      res.end(
        `<!doctype html><title>host</title><iframe id="emu" sandbox="allow-scripts allow-same-origin" src="${inner}" width="1480" height="900"></iframe>`,
      );
    });
    await new Promise<void>((ok) => host.listen(0, "localhost", () => ok()));
    const port = (host.address() as { port: number }).port;
    try {
      await page.setViewportSize({ width: 1500, height: 940 });
      await page.goto(`http://localhost:${port}/`);
      const frame: Frame = (await (await page.waitForSelector("#emu")).contentFrame())!;
      expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
      await waitExits(frame, 1);
      let p = await probeOf(frame);
      expect(p.workerReady).toBe(true);
      expect(p.exits[0]).toMatchObject({ program: "demo", exitCode: 0 });
      expect(p.output.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
      await expect.poll(() => frame.locator("#terminal .xterm-rows").innerText()).toContain(LAST_LINE);
      // The stepper: a breakpoint, then one op and one instruction step.
      await frame.fill("#bp-input", QUEENS.toString(16));
      await frame.click("#bp-add");
      await frame.click("#run-demo");
      await waitState(frame, "paused");
      p = await probeOf(frame);
      expect(p.view?.pc).toBe(QUEENS.toString(16).padStart(16, "0"));
      const insns = p.view!.insns;
      await frame.click("#btn-step-op");
      await frame.click("#btn-step-op");
      await frame.click("#btn-step-insn");
      await frame.waitForFunction((n) => ((globalThis as unknown as { tciemu?: PageView }).tciemu?.view?.insns ?? 0) >= n, insns + 2);
      await frame.click("#bp-list button");
      await frame.click("#btn-continue");
      await waitExits(frame, 2);
      p = await probeOf(frame);
      expect(p.exits[1]).toMatchObject({ program: "demo", exitCode: 0 });
      // The terminal's input reaches the guest: cat echoes a typed line.
      const dir = mkdtempSync(join(tmpdir(), "tciemu-cat-"));
      writeFileSync(join(dir, "cat.elf"), elfOf(CAT));
      await frame.setInputFiles("#file", join(dir, "cat.elf"));
      await frame.click("#run");
      await waitState(frame, "blocked");
      await frame.click("#terminal");
      await page.keyboard.type("typed in a sandboxed frame");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Control+D");
      await waitExits(frame, 3);
      rmSync(dir, { recursive: true, force: true });
      p = await probeOf(frame);
      expect(p.output).toBe("typed in a sandboxed frame\n");
      expect(p.cspViolations).toEqual([]);
      expect(await earlyViolations(frame)).toEqual([]);
      expect(await earlyViolations(page)).toEqual([]);
      expect(p.errors).toEqual([]);
      expect(consoleErrors.slice(errorsBefore)).toEqual([]);
    } finally {
      await new Promise<void>((ok) => host.close(() => ok()));
    }
  });

  it("reports zero CSP violations and no console errors over all of the above", async () => {
    expect(browser.consoleErrors).toEqual([]);
  });
});

type PageView = { view?: { insns: number } };
