// The page's interactive shell in a real browser (Debian's Chromium, the strict-CSP page): a small
// Debian riscv64 userland (dash, busybox, the C library) chosen as a tar in the "userland image"
// input, dash started on the worker's terminal, keys typed into xterm.js. Checks a pipeline between
// two guest processes, Ctrl-C to the foreground job (the shell survives it and reports 128+SIGINT,
// as dash does on Linux), Ctrl-D ending the shell, and that no Content-Security-Policy violation
// happens. test/web/shell.test.ts runs such a session in Node and compares it with Linux's pty.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { earlyViolations, launchChromium, probeOf, userlandTar, waitExits, waitOutput, type Browser } from "./chromium.ts";

let outdir = "";
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir);
  browser = await launchChromium();
  await browser.page.goto(site.url);
  await waitExits(browser.page, 1); // the demo ran
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("the page's shell (Chromium, strict CSP)", () => {
  it("runs dash over a dropped-in userland tar: pipelines, Ctrl-C, Ctrl-D", { timeout: 600_000 }, async () => {
    const { page } = browser;
    await page.setInputFiles("#shell-image", { name: "userland.tar.gz", mimeType: "application/gzip", buffer: userlandTar() });
    await page.fill("#shell-cmd", "/bin/sh -i");
    await page.click("#shell");
    await waitOutput(page, "$ ").catch(async (e: Error) => {
      const p = await probeOf(page);
      throw new Error(
        `${e.message}\noutput: ${JSON.stringify(p.output.slice(-300))}\nerrors: ${p.errors.join("; ")}\nconsole: ${browser.consoleErrors.join("; ")}`,
      );
    });
    await page.click("#terminal");
    await page.keyboard.type("echo $((6*7)) | busybox cat");
    await page.keyboard.press("Enter");
    await waitOutput(page, "42\r\n");
    // The line discipline echoed what was typed (ONLCR turns \n into \r\n).
    expect((await probeOf(page)).output).toContain("echo $((6*7)) | busybox cat\r\n42\r\n");
    // The job says when it runs (the echo of the line comes before it is the foreground group).
    await page.keyboard.type("busybox sh -c 'echo started; exec busybox sleep 1000'");
    await page.keyboard.press("Enter");
    await waitOutput(page, "started\r\n");
    await page.keyboard.press("Control+C");
    await page.keyboard.type("echo after $?");
    await page.keyboard.press("Enter");
    await waitOutput(page, "after 130");
    await page.keyboard.press("Control+D");
    await waitExits(page, 2);
    const p = await probeOf(page);
    expect(p.exits[1]).toMatchObject({ program: "shell", exitCode: 0 });
    expect(p.output).toContain("^C");
    expect(p.errors).toEqual([]);
    expect(p.cspViolations).toEqual([]);
    expect(await earlyViolations(page)).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
