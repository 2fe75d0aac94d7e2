// The page as a Chrome Manifest V3 extension (tools/build/extension.ts), loaded unpacked into Debian's
// Chromium in its new headless mode. The manifest declares no content_security_policy, so the page
// and its worker run under MV3's default extension policy (`script-src 'self'`, no
// 'wasm-unsafe-eval'). The test runs the built-in demo and an unmodified Debian riscv64 binary
// (busybox-static, uploaded through the page's file picker), compares both with the embedding API
// in Node, steps the demo from a breakpoint, and sees zero CSP violations; a control page added to the unpacked extension shows that
// eval, Function and WebAssembly really are refused there (page and worker), and reported.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuest } from "../../src/embed/index.ts";
import { buildExtension } from "../../tools/build/extension.ts";
import { repoRoot, systemBusybox } from "../../tools/debian/paths.ts";
import { scanDir } from "../../tools/web/scan.ts";
import { earlyViolations, launchChromium, probeOf, waitExits, waitState, type Browser } from "./chromium.ts";

const LAST_LINE = "demo: all self-checks passed";
const BUSYBOX_ARGS = ["factor", "600851475143", "1234567891011"];
const QUEENS = 0x10b5c; // demo.elf: `queens`

let dir = "";
let browser: Browser;
let page: Page;
let extensionId = "";

/** What the page's worker does for an uploaded ELF (src/web/worker.ts start()), in Node. */
function nodeRun(elf: Uint8Array, argv: string[]): { out: string; insns: number; exitCode?: number } {
  const g = createGuest();
  g.loadElf(elf, argv, ["HOME=/", "PATH=/bin", "TERM=xterm-256color"], `/${argv[0]}`);
  const r = g.run();
  return { out: new TextDecoder().decode(g.stdout()) + new TextDecoder().decode(g.stderr()), insns: g.insns, exitCode: r.exitCode };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tciemu-extension-"));
  await buildExtension(dir);
  cpSync(join(repoRoot(), "test/web/fixtures/csp-control"), join(dir, "csp-control"), { recursive: true });
  browser = await launchChromium({ args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] });
  const sw = browser.ctx.serviceWorkers()[0] ?? (await browser.ctx.waitForEvent("serviceworker", { timeout: 30_000 }));
  extensionId = new URL(sw.url()).host;
  page = browser.page;
  await page.goto(`chrome-extension://${extensionId}/index.html`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Chrome MV3 extension (Chromium, default extension CSP)", () => {
  it("is a Manifest V3 extension with the default policy, no permissions and no code generation", () => {
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.permissions).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain("unsafe");
    expect(extensionId).toMatch(/^[a-p]{32}$/);
    const scan = scanDir(dir);
    const files = scan.files.map((f) => f.slice(dir.length)).filter((f) => !f.startsWith("/csp-control/"));
    expect(files.sort()).toEqual(["/app.js", "/background.js", "/worker.js"]);
    expect(scan.findings.filter((f) => !f.file.includes("/csp-control/"))).toEqual([]);
  });

  it("runs the built-in demo in the extension page, as Node does", async () => {
    await waitExits(page, 1);
    const p = await probeOf(page);
    expect(new URL(page.url()).protocol).toBe("chrome-extension:");
    expect(p.workerReady).toBe(true);
    expect(p.exits[0]).toMatchObject({ program: "demo", exitCode: 0 });
    const node = nodeRun(new Uint8Array(readFileSync(join(repoRoot(), "testdata/riscv/demo.elf"))), ["demo"]);
    expect(p.output).toBe(node.out);
    expect(p.output.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
    await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain(LAST_LINE);
  });

  it("runs Debian's busybox (riscv64, static) uploaded through the page, as Node does", async () => {
    const busybox = systemBusybox();
    expect(busybox, "Debian's busybox-static is missing: run 'bash tools/debian/fetch.sh system'").toBeDefined();
    const before = (await probeOf(page)).exits.length;
    await page.setInputFiles("#file", busybox!);
    await page.fill("#args", BUSYBOX_ARGS.join(" "));
    await page.click("#run");
    await waitExits(page, before + 1);
    const p = await probeOf(page);
    const node = nodeRun(new Uint8Array(readFileSync(busybox!)), ["busybox", ...BUSYBOX_ARGS]);
    expect(p.exits.at(-1)).toMatchObject({ program: "busybox", exitCode: node.exitCode });
    expect(p.exits.at(-1)!.stats.insns).toBe(node.insns);
    expect(p.output).toBe(node.out);
    expect(p.output).toMatch(/^600851475143: \d/);
    console.log(
      `extension page: busybox ${BUSYBOX_ARGS.join(" ")} -> ${JSON.stringify(p.output)} (${node.insns.toLocaleString("en-US")} instructions)`,
    );
  });

  it("steps the demo by op and instruction from a breakpoint in the extension page", async () => {
    const before = (await probeOf(page)).exits.length;
    // Paused at the entry point first (breakpoints belong to the program being run), then a
    // breakpoint at queens and Continue.
    await page.check("#pause-entry");
    await page.click("#run-demo");
    await waitState(page, "paused");
    await page.uncheck("#pause-entry");
    await page.fill("#bp-input", QUEENS.toString(16));
    await page.click("#bp-add");
    await page.click("#btn-continue");
    await page.waitForFunction(
      (pc) => (globalThis as unknown as { tciemu?: { view?: { pc: string } } }).tciemu?.view?.pc === pc,
      QUEENS.toString(16).padStart(16, "0"),
    );
    await waitState(page, "paused");
    let p = await probeOf(page);
    expect(p.view?.pc).toBe(QUEENS.toString(16).padStart(16, "0"));
    expect(p.view?.bytecode.find((r) => r.state === "current")?.text).toMatch(/tb_start/);
    const insns = p.view!.insns;
    await page.click("#btn-step-op");
    await page.click("#btn-step-op");
    await page.click("#btn-step-insn");
    await page.waitForFunction(
      (n) => ((globalThis as unknown as { tciemu?: { view?: { insns: number } } }).tciemu?.view?.insns ?? 0) >= n,
      insns + 2,
    );
    await page.click("#bp-list button");
    await page.click("#btn-continue");
    await waitExits(page, before + 1);
    p = await probeOf(page);
    expect(p.exits.at(-1)).toMatchObject({ program: "demo", exitCode: 0 });
    expect(p.output.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
  });

  it("had zero CSP violations and no console errors (page and worker)", async () => {
    const p = await probeOf(page);
    expect(p.cspViolations).toEqual([]);
    expect(await earlyViolations(page)).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });

  it("control: a script of the extension is refused eval, Function and WebAssembly (page and worker), and it is reported", async () => {
    // test/web/fixtures/csp-control, copied into the unpacked extension before Chromium loaded it.
    const c = await browser.ctx.newPage();
    await c.goto(`chrome-extension://${extensionId}/csp-control/index.html`);
    await c.waitForFunction(() => {
      const r = (globalThis as unknown as { __control?: { worker: unknown; page: { wasm: string } } }).__control;
      return r && r.worker && r.page.wasm !== "pending";
    });
    const r = await c.evaluate(
      () =>
        (
          globalThis as unknown as {
            __control: { violations: { directive: string }[]; page: Record<string, string>; worker: { eval: string } };
          }
        ).__control,
    );
    console.log(
      `extension control page: ${JSON.stringify(r.page)}, worker eval ${r.worker.eval}; violations reported: ${r.violations.length}`,
    );
    expect(r.page).toEqual({ eval: "blocked: EvalError", Function: "blocked: EvalError", wasm: "blocked: CompileError" });
    expect(r.worker.eval).toBe("blocked: EvalError");
    expect(r.violations.filter((v) => v.directive === "script-src").length).toBeGreaterThanOrEqual(2);
    await c.close();
  });
});
