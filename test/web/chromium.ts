// Debian's Chromium (/usr/bin/chromium) through playwright-core, for the page's browser tests:
// launching (new headless mode, which also runs extensions), recording CSP violations from before
// any page script runs, and collecting console errors of pages, frames and workers.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireUserland } from "../../tools/debian/paths.ts";
import { chromium, type BrowserContext, type Frame, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** What the page exposes as globalThis.tciemu (src/web/main.ts PageProbe), as far as tests read it. */
export interface PageProbe {
  output: string;
  exits: { program: string; exitCode: number; signal?: number; stats: { insns: number; mips: number } }[];
  stats: { state: string; insns: number } | null;
  view: {
    pc: string;
    insns: number;
    status: string;
    guest: { text: string; state: string }[];
    ops: { text: string; state: string }[];
    bytecode: { text: string; state: string }[];
  } | null;
  cspViolations: { where: string; directive: string; blocked: string; sample: string }[];
  errors: string[];
  workerReady: boolean;
  serverBoot: boolean | null;
  system: boolean;
}
type G = { tciemu?: PageProbe; __violations?: string[] };

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function launchChromium(opts: { width?: number; height?: number; args?: string[] } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: these tests drive Debian's Chromium; run \`apt-get install -y chromium\``);
  const userDataDir = mkdtempSync(join(tmpdir(), "tciemu-chromium-"));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      // Chromium's own (new) headless mode: the full browser, extensions included.
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(opts.args ?? []),
    ],
    viewport: { width: opts.width ?? 1500, height: opts.height ?? 940 },
  });
  const consoleErrors: string[] = [];
  // Violations from the very start of every document (frames included), before any page script.
  await ctx.addInitScript(() => {
    const w = globalThis as unknown as G;
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__violations!.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  const watch = (page: Page) => {
    const onConsole = (where: string) => (m: { type(): string; text(): string }) => {
      if (m.type() === "error" || m.type() === "warning") consoleErrors.push(`${where} ${m.type()}: ${m.text()}`);
    };
    page.on("console", onConsole("page"));
    page.on("pageerror", (e) => consoleErrors.push(`page exception: ${e.message}`));
    page.on("worker", (w) => w.on("console", onConsole("worker")));
  };
  ctx.on("page", watch);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  watch(page);
  return {
    ctx,
    page,
    consoleErrors,
    close: async () => {
      await ctx.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The page's probe, from a page or a frame. */
export const probeOf = (f: Page | Frame): Promise<PageProbe> => f.evaluate(() => (globalThis as unknown as G).tciemu!);

/** Violations recorded by the init script in that document. */
export const earlyViolations = (f: Page | Frame): Promise<string[]> => f.evaluate(() => (globalThis as unknown as G).__violations ?? []);

// Predicates are functions, not strings: Playwright evaluates string predicates with eval inside the
// page, which the page's policy refuses (and reports).
const T = { timeout: 120_000, polling: 50 };
export const waitExits = (f: Page | Frame, n: number) =>
  f.waitForFunction((n) => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= n, n, T);
export const waitState = (f: Page | Frame, s: string) =>
  f.waitForFunction((s) => (globalThis as unknown as G).tciemu?.stats?.state === s, s, T);
export const waitOutput = (f: Page | Frame, text: string) =>
  f.waitForFunction((t) => (globalThis as unknown as G).tciemu?.output.includes(t) ?? false, text, T);

/**
 * Console text without the kernel's own printk lines ("[   40.99] hrtimer: interrupt took ..."). The page runs the
 * guest against the wall clock, so a loaded host can make the kernel warn in the middle of a command's output;
 * that is the kernel reporting the host's slowness, not part of what the command printed.
 */
export function withoutKernelLog(text: string): string {
  // Not anchored at line starts: the kernel prints whenever it likes, also in the middle of the
  // shell's echo of a command being typed (an "hrtimer: interrupt took ... ns" on a loaded host).
  return text.replace(/\[\s*\d+\.\d+\] [^\n]*(\n|$)/g, "");
}

/**
 * What a shell printed for `cmd` in the console text `out`: the text between the command's echo
 * and the next `prompt`, kernel messages removed first (so one landing inside the echo does not
 * hide it). The echo may be wrapped at the terminal's width (the shell's line editor inserts line
 * breaks), so whitespace the command does not have is skipped while matching it. Carriage returns
 * are dropped.
 */
export function commandAnswer(out: string, cmd: string, prompt: string): string {
  const text = withoutKernelLog(out.replace(/\r/g, ""));
  const echoEnd = (start: number): number => {
    let i = start;
    for (let j = 0; j < cmd.length; i++) {
      if (i >= text.length) return -1;
      if (text[i] === cmd[j]) j++;
      else if (!/\s/.test(text[i])) return -1;
    }
    return i;
  };
  for (let s = text.indexOf(cmd[0]); s >= 0; s = text.indexOf(cmd[0], s + 1)) {
    const e = echoEnd(s);
    if (e < 0) continue;
    const end = text.indexOf(prompt, e);
    return text.slice(e, end < 0 ? undefined : end);
  }
  throw new Error(`the shell did not echo '${cmd}': ${JSON.stringify(text.slice(0, 500))}`);
}

/**
 * dash, busybox and the C library from the userland, as a tar (what a user would drop in):
 * gzipped unless `gzip` is false, with `extra` paths (relative to the userland, "./tmp") added.
 */
export function userlandTar(opts: { gzip?: boolean; extra?: string[] } = {}): Buffer {
  const root = requireUserland();
  const files = [
    "./bin",
    "./lib",
    "./usr/bin/dash",
    "./usr/bin/sh",
    "./usr/bin/busybox",
    "./usr/lib/ld-linux-riscv64-lp64d.so.1",
    "./usr/lib/riscv64-linux-gnu/ld-linux-riscv64-lp64d.so.1",
    "./usr/lib/riscv64-linux-gnu/libc.so.6",
    ...(opts.extra ?? []),
  ];
  const r = spawnSync("tar", [opts.gzip === false ? "-cf" : "-czf", "-", "-C", root, "--no-recursion", ...files], { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return r.stdout;
}
