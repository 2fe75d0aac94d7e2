// The web page in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core.
// Builds the bundle into a temporary folder, serves it with the production server (and its CSP
// header), and checks the demo, the stepper, an uploaded ELF, terminal input, speed against Node,
// and that no Content-Security-Policy violation happens (with a control page that shows the policy
// really is enforced). Leaves a screenshot in test/web/screenshot.png.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuest } from "../../src/embed/index.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { scanDir, scanSource } from "../../tools/web/scan.ts";
import { CSP, serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { CAT, elfOf } from "./programs.ts";

const CHROMIUM = "/usr/bin/chromium";
const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "../..");
const LAST_LINE = "demo: all self-checks passed";
const QUEENS = 0x10b5c; // demo.elf: `queens`, whose first instruction is `addi sp,sp,-80`

interface Probe {
  output: string;
  exits: { program: string; exitCode: number; signal?: number; stats: { insns: number; mips: number; runSeconds: number } }[];
  stats: { state: string; insns: number } | null;
  view: {
    pc: string;
    insns: number;
    status: string;
    tb: { id: number; pc: string; index: number } | null;
    guest: { text: string; state: string }[];
    bytecode: { text: string; state: string }[];
    ops: { text: string; state: string }[];
  } | null;
  cspViolations: { where: string; directive: string; blocked: string; sample: string }[];
  errors: string[];
  workerReady: boolean;
}

let outdir = "";
let userDataDir = "";
let site: StaticServer;
let control: StaticServer;
let ctx: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
let browserMips = 0;

const probe = (): Promise<Probe> => page.evaluate(() => (globalThis as unknown as { tciemu: Probe }).tciemu);
// Predicates are functions, not strings: Playwright evaluates string predicates with eval inside the
// page, which this page's policy refuses (and reports).
const T = { timeout: 90_000, polling: 50 };
type G = { tciemu?: Probe };
const waitExits = (n: number) => page.waitForFunction((n) => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= n, n, T);
const waitState = (s: string) => page.waitForFunction((s) => (globalThis as unknown as G).tciemu?.stats?.state === s, s, T);
const waitPc = (pc: number) =>
  page.waitForFunction((pc) => (globalThis as unknown as G).tciemu?.view?.pc === pc, pc.toString(16).padStart(16, "0"), T);
const waitOutput = (text: string) => page.waitForFunction((t) => (globalThis as unknown as G).tciemu?.output.includes(t) ?? false, text, T);
const waitCurrentBytecode = (re: RegExp) =>
  page.waitForFunction(
    (src) =>
      (globalThis as unknown as G).tciemu?.view?.bytecode.some((r) => r.state === "current" && new RegExp(src).test(r.text)) ?? false,
    re.source,
    T,
  );
const waitTbChange = (tb: number) => page.waitForFunction((tb) => (globalThis as unknown as G).tciemu?.view?.tb?.id !== tb, tb, T);
const regCell = (name: string) => page.locator(`#regs td[data-reg="${name}"]`);

async function launch(): Promise<BrowserContext> {
  userDataDir = mkdtempSync(join(tmpdir(), "tciemu-chromium-"));
  return chromium.launchPersistentContext(userDataDir, {
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
    viewport: { width: 1500, height: 940 },
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: these tests drive Debian's Chromium; run \`apt-get install -y chromium\``);
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir);
  control = await serveStatic(join(HERE, "fixtures/csp-control"));
  ctx = await launch();
  page = ctx.pages()[0] ?? (await ctx.newPage());
  // Record violations from the very start of every document, before any page script runs.
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
  await control?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("web page (Chromium, strict CSP)", () => {
  it("serves every file with exactly the policy", async () => {
    for (const f of ["", "app.js", "worker.js", "xterm.css", "demo.elf", "missing"]) {
      const r = await fetch(site.url + f);
      expect(r.headers.get("content-security-policy")).toBe(CSP);
    }
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
    );
  });

  it("loads and runs the built-in demo to its final line", async () => {
    await waitExits(1);
    const p = await probe();
    expect(p.errors).toEqual([]);
    expect(p.exits[0]).toMatchObject({ program: "demo", exitCode: 0 });
    expect(p.output.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
    // and xterm.js rendered it
    await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain(LAST_LINE);
    browserMips = p.exits[0].stats.mips;
  });

  it("runs close to Node's speed (guest MIPS on the demo)", async () => {
    // Node runs the same workload through the same embedding API, interleaved with a second browser
    // run so both see the machine in the same state; best of two on each side.
    const elf = new Uint8Array(readFileSync(join(ROOT, "testdata/riscv/demo.elf")));
    const nodeRun = () => {
      const g = createGuest();
      g.loadElf(elf, ["demo"]);
      const t0 = performance.now();
      const r = g.run();
      expect(r.reason).toBe("exit");
      return r.insns / (performance.now() - t0) / 1000;
    };
    const node1 = nodeRun();
    await page.click("#run-demo");
    await waitExits(2);
    const browser2 = (await probe()).exits[1].stats.mips;
    const node2 = nodeRun();
    const node = Math.max(node1, node2),
      browser = Math.max(browserMips, browser2);
    const ratio = node / browser;
    console.log(
      `guest MIPS on demo.elf (92.8 M instructions): Node ${node.toFixed(1)} (runs: ${node1.toFixed(1)}, ${node2.toFixed(1)}), ` +
        `browser ${browser.toFixed(1)} (runs: ${browserMips.toFixed(1)} at page load, ${browser2.toFixed(1)}); Node/browser = ${ratio.toFixed(2)} (goal <= 1.5)`,
    );
    expect(browser).toBeGreaterThan(0);
    // A loose bound (the machine may be shared with other jobs); the printed ratio is the measurement.
    expect(ratio).toBeLessThan(3);
  });

  it("stops at a pc breakpoint and steps by op, instruction and TB", async () => {
    await page.fill("#bp-input", QUEENS.toString(16));
    await page.click("#bp-add");
    const before = (await probe()).exits.length;
    await page.click("#run-demo");
    await waitPc(QUEENS);
    await waitState("paused");
    let v = (await probe()).view!;
    expect(v.status).toBe("breakpoint");
    expect(v.guest.find((r) => r.state === "current")!.text).toMatch(/sp,sp,-80/);
    await expect.poll(() => page.locator("#bp-list button").allInnerTexts()).toEqual([expect.stringMatching(/^0x10b5c/)]);
    // Some output came first (the demo prints before it reaches queens), and the terminal shows it.
    expect((await probe()).output).toContain("[crc32]");

    const sp0 = BigInt("0x" + (await regCell("x2/sp").innerText()));
    // Op 1: the TB prologue (tb_start): nothing architectural changes.
    expect(v.bytecode.find((r) => r.state === "current")!.text).toMatch(/tb_start/);
    await page.click("#btn-step-op");
    await waitCurrentBytecode(/addi_i64 x2\/sp, x2\/sp, -80/);
    v = (await probe()).view!;
    expect(v.ops.find((r) => r.state === "current")!.text).toMatch(/^add_i64 x2\/sp,x2\/sp,\$0xffffffffffffffb0$/);
    expect(BigInt("0x" + (await regCell("x2/sp").innerText()))).toBe(sp0);
    // Op 2: the addi: sp drops by 80, shown as changed; the pc moves to the next instruction.
    await page.click("#btn-step-op");
    await waitPc(0x10b5e);
    expect(BigInt("0x" + (await regCell("x2/sp").innerText()))).toBe(sp0 - 80n);
    expect(await regCell("x2/sp").getAttribute("class")).toBe("changed");
    v = (await probe()).view!;
    expect(v.guest.find((r) => r.state === "current")!.text).toMatch(/sd s7,8\(sp\)/);
    expect(v.bytecode.find((r) => r.state === "current")!.text).toMatch(/qst64 x23\/s7, x2\/sp, mmu0, 8, mo=0x3/);
    // An instruction step stores s7 and moves on; a TB step leaves the TB.
    const insns = v.insns;
    await page.click("#btn-step-insn");
    await waitPc(0x10b60);
    expect((await probe()).view!.insns).toBe(insns + 1);
    await page.screenshot({ path: join(HERE, "screenshot.png") });
    const tb = (await probe()).view!.tb!.id;
    await page.click("#btn-step-tb");
    await waitTbChange(tb);
    expect((await probe()).view!.insns).toBeGreaterThan(insns + 1);

    // Remove the breakpoint and continue: the demo finishes as usual.
    await page.click("#bp-list button");
    await expect.poll(() => page.locator("#bp-list button").count()).toBe(0);
    await page.click("#btn-continue");
    await waitExits(before + 1);
    const p = await probe();
    expect(p.exits.at(-1)).toMatchObject({ program: "demo", exitCode: 0 });
    expect(p.output.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
  });

  it("runs an uploaded ELF with arguments", async () => {
    const before = (await probe()).exits.length;
    await page.setInputFiles("#file", join(ROOT, "testdata/riscv/ext/rv64i.elf"));
    await page.fill("#args", "one two");
    await page.click("#run");
    await waitExits(before + 1);
    const p = await probe();
    expect(p.exits.at(-1)).toMatchObject({ program: "rv64i.elf", exitCode: 0 });
    // Same output as the embedding API gives in Node.
    const g = createGuest();
    g.loadElf(new Uint8Array(readFileSync(join(ROOT, "testdata/riscv/ext/rv64i.elf"))), ["rv64i.elf", "one", "two"]);
    expect(g.run().reason).toBe("exit");
    expect(p.output).toBe(new TextDecoder().decode(g.stdout()));
    expect(p.output.length).toBeGreaterThan(0);
  });

  it("feeds terminal input to the guest's stdin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tciemu-cat-"));
    const file = join(dir, "cat.elf");
    writeFileSync(file, elfOf(CAT));
    const before = (await probe()).exits.length;
    await page.setInputFiles("#file", file);
    await page.fill("#args", "");
    await page.click("#run");
    await waitState("blocked");
    await page.click("#terminal");
    await page.keyboard.type("hello from the terminal");
    await page.keyboard.press("Enter");
    await waitOutput("hello from the terminal\n");
    await page.keyboard.type("second line");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+D");
    await waitExits(before + 1);
    const p = await probe();
    expect(p.output).toBe("hello from the terminal\nsecond line\n");
    expect(p.exits.at(-1)).toMatchObject({ program: "cat.elf", exitCode: 0 });
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports zero CSP violations and no console errors (page and worker)", async () => {
    const p = await probe();
    const early = await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
    console.log(
      `CSP violations: page ${p.cspViolations.filter((v) => v.where === "page").length + early.length}, worker ${p.cspViolations.filter((v) => v.where === "worker").length}; console errors ${consoleErrors.length}`,
    );
    expect(p.cspViolations).toEqual([]);
    expect(early).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(p.errors).toEqual([]);
  });

  it("control: the same policy blocks eval, new Function and WebAssembly and reports it", async () => {
    const c = await ctx.newPage();
    const errs: string[] = [];
    c.on("console", (m) => m.type() === "error" && errs.push(m.text()));
    await c.goto(control.url);
    await c.waitForFunction(() => {
      const r = (globalThis as unknown as { __control?: { worker: unknown; page: { wasm: string } } }).__control;
      return r && r.worker && r.page.wasm !== "pending";
    });
    const r = await c.evaluate(
      () =>
        (
          globalThis as unknown as {
            __control: {
              violations: { directive: string }[];
              page: Record<string, string>;
              worker: { eval: string; violations: { directive: string }[] };
            };
          }
        ).__control,
    );
    const resp = await fetch(control.url);
    expect(resp.headers.get("content-security-policy")).toBe(CSP);
    console.log(
      `control page: ${JSON.stringify(r.page)}, worker eval ${r.worker.eval}; violations reported: page ${r.violations.length}, worker ${r.worker.violations.length}`,
    );
    expect(r.page.eval).toMatch(/^blocked: EvalError/);
    expect(r.page.Function).toMatch(/^blocked: EvalError/);
    expect(r.page.wasm).toMatch(/^blocked/);
    expect(r.worker.eval).toMatch(/^blocked: EvalError/);
    expect(r.violations.filter((v) => v.directive === "script-src").length).toBeGreaterThanOrEqual(2);
    expect(r.worker.violations.length + errs.length).toBeGreaterThan(0);
    await c.close();
  });

  it("the built bundle (xterm.js included) has no eval, Function constructor or WebAssembly", () => {
    const r = scanDir(outdir);
    expect(r.files.map((f) => f.replace(outdir, "")).sort()).toEqual(["/app.js", "/worker.js"]);
    console.log(
      `bundle scan: ${r.files.length} files, ${r.findings.length} code-generation uses; ${r.naive} naive text matches (xterm.js names like evaluate / createSingleCallFunction / _evalLazyOptionalParams), none of them a use`,
    );
    expect(r.findings).toEqual([]);
    // The scanner is not blind: it finds the control page's attempts.
    const controlJs = readFileSync(join(HERE, "fixtures/csp-control/control.js"), "utf8");
    expect(scanSource(controlJs).map((f) => f.what)).toEqual(expect.arrayContaining(["eval", "Function constructor", "WebAssembly"]));
  });
});
