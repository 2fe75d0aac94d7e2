// The strict-CSP page with the i386 guest, in Debian's Chromium: an unmodified Debian i386 program
// (busybox-static from the i386 sysroot) uploaded through the file picker runs in the worker and
// prints exactly what qemu-i386 -cpu qemu32,-sse3 prints for the same argv; the int $0x80 hello,
// paused at its entry, shows qemu-i386's in_asm text for its first TB and steps by op and instruction
// (eax/ecx change as the movs execute) before it runs to its exit; zero CSP violations throughout.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { earlyViolations, launchChromium, probeOf, waitExits, waitState, type Browser } from "./chromium.ts";

const QEMU_CPU = ["-cpu", "qemu32,-sse3"];
// 64-bit arithmetic on a 32-bit guest (busybox's factor works in unsigned long long)
const BUSYBOX_ARGS = ["factor", "600851475143", "4294967291", "18446744073709551615", "1000000007000000063"];
const HELLO = join(repoRoot(), "testdata/i386/hello/hello.elf");
const HELLO_ENTRY = 0x08049000;

let outdir = "";
let site: StaticServer;
let browser: Browser;

function qemuI386(): string {
  const q = trixieQemuUser("i386");
  if (!q) throw new Error("no trixie qemu-i386: run 'bash tools/debian/fetch.sh qemu'");
  return q;
}

/** What qemu-i386 prints for `file` run with argv (argv[0] given by -0, an empty environment). */
function qemuRun(file: string, argv: string[], extra: string[] = []): { out: string; status: number | null } {
  const r = spawnSync(qemuI386(), [...QEMU_CPU, ...extra, "-0", argv[0]!, file, ...argv.slice(1)], { env: {}, encoding: "latin1" });
  return { out: r.stdout + r.stderr, status: r.status };
}

/** The instructions of qemu-i386's first in_asm TB for `file` ("0x08049000:  b8 04 00 00 00   movl     $4, %eax" -> "movl $4, %eax"). */
function qemuFirstTb(file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-page-i386-"));
  try {
    const log = join(dir, "in_asm.log");
    spawnSync(qemuI386(), [...QEMU_CPU, "-d", "in_asm", "-D", log, file], { env: {} });
    const tb = readFileSync(log, "latin1").split(/\n-{5,}\n/)[0]!;
    return [...tb.matchAll(/^0x[0-9a-f]{8}:\s+(?:[0-9a-f]{2} )+\s*(.*)$/gm)].map((m) => m[1]!.trim().replace(/\s+/g, " "));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-i386-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir);
  browser = await launchChromium();
  await browser.page.goto(site.url);
  await waitExits(browser.page, 1); // the built-in (riscv64) demo runs at load
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe("web page with the i386 guest (Chromium, strict CSP)", { timeout: 180_000 }, () => {
  it("offers the i386 guest", async () => {
    const { page } = browser;
    expect((await probeOf(page)).workerReady).toBe(true);
    await expect.poll(() => page.locator("#arch option").allInnerTexts()).toContain("i386");
  });

  it("runs Debian's busybox (i386, static) uploaded through the page, as qemu-i386 does", async () => {
    const { page } = browser;
    const busybox = join(sysrootDir("i386"), "bin/busybox");
    expect(existsSync(busybox), `no i386 busybox at ${busybox}: run 'bash tools/debian/fetch.sh sysroot i386'`).toBe(true);
    const ref = qemuRun(busybox, ["busybox", ...BUSYBOX_ARGS]);
    expect(ref.status).toBe(0);
    const before = (await probeOf(page)).exits.length;
    await page.setInputFiles("#file", busybox);
    await page.selectOption("#arch", "auto"); // the ELF header says EM_386
    await page.fill("#args", BUSYBOX_ARGS.join(" "));
    await page.click("#run");
    await waitExits(page, before + 1);
    const p = await probeOf(page);
    expect(p.exits.at(-1)).toMatchObject({ program: "busybox", exitCode: 0 });
    expect(p.output).toBe(ref.out);
    expect(p.output).toMatch(/^600851475143: 71 839 1471 6857\n/);
    console.log(`page: busybox ${BUSYBOX_ARGS.join(" ")} -> ${JSON.stringify(p.output)} (${p.exits.at(-1)!.stats.insns} instructions)`);
  });

  it("pauses the int $0x80 hello at its entry, shows qemu-i386's in_asm and steps by op and instruction", async () => {
    const { page } = browser;
    const ref = qemuRun(HELLO, ["hello.elf"]);
    const before = (await probeOf(page)).exits.length;
    await page.setInputFiles("#file", HELLO);
    await page.selectOption("#arch", "i386");
    await page.fill("#args", "");
    await page.check("#pause-entry");
    await page.click("#run");
    await waitState(page, "paused");
    await page.uncheck("#pause-entry");
    let v = (await probeOf(page)).view!;
    expect(BigInt("0x" + v.pc)).toBe(BigInt(HELLO_ENTRY));
    expect(v.bytecode.find((r) => r.state === "current")!.text).toMatch(/tb_start/);
    // The TB's instructions as qemu-i386 -d in_asm prints them (the page shows "pc  text").
    const guest = v.guest;
    expect(guest.map((r) => r.text.replace(/^[0-9a-f]+\s+/, ""))).toEqual(qemuFirstTb(HELLO));
    const eax = () => page.locator('#regs td[data-reg="eax"]').innerText();
    expect(BigInt("0x" + (await eax()))).toBe(0n);
    // Op 1 is the prologue; op 2 is `movl $4, %eax`: eax becomes 4, marked changed, and eip moves on.
    await page.click("#btn-step-op");
    await page.click("#btn-step-op");
    await expect.poll(async () => BigInt("0x" + (await eax()))).toBe(4n);
    expect(await page.locator('#regs td[data-reg="eax"]').getAttribute("class")).toBe("changed");
    v = (await probeOf(page)).view!;
    expect(BigInt("0x" + v.pc)).toBe(BigInt(HELLO_ENTRY + 5));
    expect(v.ops.find((r) => r.state === "current")!.text).toMatch(/^mov_i32 ebx,\$0x1$/);
    // An instruction step runs `movl $1, %ebx`.
    await page.click("#btn-step-insn");
    await expect.poll(async () => BigInt("0x" + (await probeOf(page)).view!.pc)).toBe(BigInt(HELLO_ENTRY + 10));
    expect(BigInt("0x" + (await page.locator('#regs td[data-reg="ebx"]').innerText()))).toBe(1n);
    await page.click("#btn-continue");
    await waitExits(page, before + 1);
    const p = await probeOf(page);
    expect(p.exits.at(-1)).toMatchObject({ program: "hello.elf", exitCode: ref.status });
    expect(p.output).toBe(ref.out);
  });

  it("had zero CSP violations and no console errors (page and worker)", async () => {
    const p = await probeOf(browser.page);
    expect(p.cspViolations).toEqual([]);
    expect(await earlyViolations(browser.page)).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
