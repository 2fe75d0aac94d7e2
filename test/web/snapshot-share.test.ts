// Snapshots and the shared folder in the page (issue 15.3 and 15.6), in Debian's Chromium under the
// page's strict CSP, with Debian's riscv64 kernel booted in the page ("Boot Debian"):
//   1. files in and out without a network: a file dropped on the share box and a folder picked with
//      "Add folder…" are read by the guest through `mount -t 9p` (its sha256sum must equal the
//      host's); a file the guest writes is downloaded from the share list and as part of the tar
//      ("Download all"), and its sha256 must equal the guest's; saving while the share is mounted
//      is refused with a message naming it;
//   2. after `umount`, "Save" stores the machine in the browser (IndexedDB); the page is reloaded,
//      resumes it by itself and answers `echo $((6*7))` in at most RESUME_BUDGET_MS after
//      navigation start (measured in the page: performance.now() when "42" arrives; scaled by the
//      load average per core when the machine is oversubscribed, see resumeBudget);
//   3. "Download" gives the snapshot file (checked in Node: board, RAM, devices); damaged, newer,
//      and 128 MiB copies loaded with "Load file…" are refused with their messages while the
//      running shell keeps its state; the good file resumes the downloaded state;
//   4. no CSP violation, console error or page error anywhere.
// Missing Chromium or Debian system files FAIL the test (run `apt-get install -y chromium` and
// `bash tools/debian/fetch.sh system`); it never skips.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_VERSION } from "../../src/hw/snapshot-format.ts";
import { snapshotInfo } from "../../src/hw/virt-snapshot.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { buildWeb } from "../../tools/web/build.ts";
import { serveStatic, type StaticServer } from "../../tools/web/serve.ts";
import { loadSystemFiles, SYSTEM_URLS, type SystemFiles } from "../../tools/web/system-files.ts";
import { earlyViolations, launchChromium, probeOf, commandAnswer, type Browser, type PageProbe } from "./chromium.ts";

const PROMPT = "tciemu:/# ";
const BOOT_TIMEOUT_MS = 300_000;
/** Issue 15.3: a saved Debian shell answers a command at most this long after the page loads. */
const RESUME_BUDGET_MS = 3000;

/**
 * The budget on this machine now: RESUME_BUDGET_MS when it has a core to spare, and that times the
 * 1-minute load average per core when it is oversubscribed (a shared test machine where every
 * process gets a fraction of a core: the resume is CPU-bound). TCIEMU_STRICT_TIMING=1 never scales.
 */
function resumeBudget(): { budget: number; load: number } {
  const load = loadavg()[0];
  const scale = process.env["TCIEMU_STRICT_TIMING"] === "1" ? 1 : Math.max(1, load / availableParallelism());
  return { budget: Math.round(RESUME_BUDGET_MS * scale), load };
}

interface Probe extends PageProbe {
  snapshot: {
    stored: { bytes: number; savedAtMs: number; screen: string } | null | undefined;
    resumed: { source: string; name: string; startMs: number; readMs: number; restoreMs: number; atMs: number } | null;
    saves: { target: string; bytes: number; ms: number }[];
    errors: string[];
    status: string;
  };
  share: { items: { path: string; name: string; type: string; size: number }[]; imported: number; downloads: string[]; errors: string[] };
}
type G = { tciemu?: Probe };

let outdir = "";
let work = "";
let site: StaticServer;
let browser: Browser;
let page: Page;
let system: SystemFiles;

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const probe = async () => (await probeOf(page)) as Probe;
const outputLength = () => page.evaluate(() => (globalThis as unknown as G).tciemu?.output.length ?? 0);
const waitOutputFrom = (text: string, from: number, timeout = 60_000) =>
  page.waitForFunction(([t, from]) => ((globalThis as unknown as G).tciemu?.output.indexOf(t, from) ?? -1) >= 0, [text, from] as const, {
    timeout,
    polling: 20,
  });

/** Types a command at the shell; returns the console text between its echo and the next prompt. */
async function command(cmd: string, timeout = 60_000): Promise<string> {
  const from = await outputLength();
  await page.locator("#terminal").click();
  await page.keyboard.type(cmd);
  await page.keyboard.press("Enter");
  await waitOutputFrom(PROMPT, from + cmd.length, timeout);
  return commandAnswer((await probe()).output.slice(from), cmd, PROMPT).trim();
}

/** The sha256sum line's hash for `file` in the guest. */
async function guestSha(file: string): Promise<string> {
  const out = await command(`sha256sum ${file}`);
  const m = /^([0-9a-f]{64}) /.exec(out);
  if (!m) throw new Error(`sha256sum ${file}: ${out}`);
  return m[1];
}

async function downloaded(d: Download): Promise<Uint8Array> {
  const path = await d.path();
  return new Uint8Array(readFileSync(path));
}

/** Waits until probe.snapshot's `errors` or `saves` count, or `resumed` (1 when set), reaches n. */
const waitCount = (field: "errors" | "saves" | "resumed", n: number, timeout = 120_000) =>
  page
    .waitForFunction(
      ([field, n]) => {
        const s = (globalThis as unknown as G).tciemu?.snapshot;
        if (!s) return false;
        return (field === "errors" ? s.errors.length : field === "saves" ? s.saves.length : s.resumed ? 1 : 0) >= n;
      },
      [field, n] as const,
      { timeout, polling: 20 },
    )
    .catch(async (e: unknown) => {
      throw new Error(`waiting for snapshot.${field} >= ${n}: ${JSON.stringify((await probe()).snapshot)}`, { cause: e });
    });

beforeAll(async () => {
  system = loadSystemFiles();
  const missing = (Object.keys(SYSTEM_URLS) as (keyof SystemFiles)[]).filter((k) => system[k] === undefined);
  if (missing.length || defaultModulesDir() === undefined)
    throw new Error(
      `Debian system files missing (${[...missing, ...(defaultModulesDir() ? [] : ["kernel modules"])].join(", ")}): run 'bash tools/debian/fetch.sh system'`,
    );
  outdir = mkdtempSync(join(tmpdir(), "tciemu-web-snap-"));
  work = mkdtempSync(join(tmpdir(), "tciemu-web-snap-files-"));
  await buildWeb(outdir);
  site = await serveStatic(outdir, 0, { system });
  browser = await launchChromium();
  page = browser.page;
  await page.goto(site.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  for (const d of [outdir, work]) if (d) rmSync(d, { recursive: true, force: true });
});

describe("snapshots and the shared folder in the page (Chromium, strict CSP)", () => {
  it("boots Debian's kernel (initramfs with the 9p modules) to the shell", { timeout: BOOT_TIMEOUT_MS + 60_000 }, async () => {
    await page.waitForFunction(() => (globalThis as unknown as G).tciemu?.serverBoot === true, undefined, { timeout: 30_000 });
    // a fresh browser has nothing saved: the demo runs at load
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= 1, undefined, { timeout: 90_000 });
    expect((await probe()).snapshot.stored).toBeNull();
    const t0 = Date.now();
    await page.locator("#boot-server").click();
    await waitOutputFrom(PROMPT, 0, BOOT_TIMEOUT_MS);
    console.log(`boot (click -> prompt): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(await command("echo $((6*7))")).toBe("42");
  });

  let fromGuestSha = "";
  it("moves files in (drop, folder picker) and out (one file, tar) through virtio-9p", { timeout: 300_000 }, async () => {
    const dropped = new Uint8Array(randomBytes(200_000));
    const folder = join(work, "pics");
    mkdirSync(join(folder, "sub"), { recursive: true });
    const inFolder = new Uint8Array(randomBytes(70_001));
    writeFileSync(join(folder, "sub", "b.bin"), inFolder);
    writeFileSync(join(folder, "a.txt"), "from a picked folder\n");

    // a drop on the share box, as the browser dispatches it (a DataTransfer holding a File)
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], "dropped.bin", { lastModified: 1_700_000_000_000 }));
      const zone = document.getElementById("share-drop")!;
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, Array.from(dropped));
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.share.imported ?? 0) >= 1, undefined, { timeout: 30_000 });
    await page.locator("#share-folder").setInputFiles(folder);
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.share.imported ?? 0) >= 3, undefined, { timeout: 30_000 });
    expect((await probe()).share.items.map((i) => i.name)).toEqual(["dropped.bin", "pics", "pics/a.txt", "pics/sub", "pics/sub/b.bin"]);

    expect(await command("mount -t 9p -o trans=virtio,version=9p2000.L host /mnt && echo mounted")).toBe("mounted");
    expect(await guestSha("/mnt/dropped.bin")).toBe(sha256(dropped));
    expect(await guestSha("/mnt/pics/sub/b.bin")).toBe(sha256(inFolder));
    expect(await command("cat /mnt/pics/a.txt")).toBe("from a picked folder");

    // the guest writes a file; the list shows it (the worker follows the guest's changes)
    await command("head -c 123457 /dev/urandom > /mnt/from-guest.bin; mkdir -p /mnt/out; echo hi > /mnt/out/note");
    fromGuestSha = await guestSha("/mnt/from-guest.bin");
    await page.waitForFunction(
      () => (globalThis as unknown as G).tciemu?.share.items.some((i) => i.name === "from-guest.bin" && i.size === 123457) ?? false,
      undefined,
      { timeout: 30_000 },
    );
    await page.locator("#share-box summary").click();
    const [one] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('#share-list button[data-path="from-guest.bin"]').click(),
    ]);
    expect(one.suggestedFilename()).toBe("from-guest.bin");
    expect(sha256(await downloaded(one))).toBe(fromGuestSha);

    const [all] = await Promise.all([page.waitForEvent("download"), page.locator("#share-tar").click()]);
    const tarFile = join(work, all.suggestedFilename());
    await all.saveAs(tarFile);
    const x = join(work, "x");
    mkdirSync(x);
    execFileSync("tar", ["-xf", tarFile, "-C", x]); // GNU tar reads what the page wrote
    expect(sha256(readFileSync(join(x, "from-guest.bin")))).toBe(fromGuestSha);
    expect(sha256(readFileSync(join(x, "dropped.bin")))).toBe(sha256(dropped));
    expect(sha256(readFileSync(join(x, "pics/sub/b.bin")))).toBe(sha256(inFolder));
    expect(readFileSync(join(x, "out/note"), "utf8")).toBe("hi\n");

    // a mounted share holds fids: saving is refused, with the way out in the message
    await page.locator("#snap-save").click();
    await waitCount("errors", 1);
    const p = await probe();
    expect(p.snapshot.errors[0]).toMatch(/cannot save a snapshot now: the shared directory 'host' is mounted.*umount/);
    expect(await page.locator("#snap-status").innerText()).toContain("is mounted");
    expect(p.share.errors).toEqual([]);
  });

  let resumeMs = 0;
  it(
    `saves the shell in the browser, resumes it after a reload and answers within ${RESUME_BUDGET_MS} ms (scaled by load)`,
    { timeout: 300_000 },
    async () => {
      expect(await command("umount /mnt && echo unmounted")).toBe("unmounted");
      await command("MARK=saved-in-browser");
      await page.locator("#snap-save").click();
      await waitCount("saves", 1);
      const saved = await probe();
      expect(saved.snapshot.errors.length).toBe(1); // only the refused save above
      console.log(
        `save to IndexedDB: ${(saved.snapshot.saves[0].bytes / 1e6).toFixed(1)} MB in ${Math.round(saved.snapshot.saves[0].ms)} ms`,
      );
      await page.waitForFunction(() => !!(globalThis as unknown as G).tciemu?.snapshot.stored, undefined, { timeout: 10_000 });

      await page.reload();
      await waitCount("resumed", 1, 60_000);
      // The command arrives as one paste (xterm.js sends it in one piece), so the time is the
      // machine's and not Playwright's key-by-key typing.
      await page.locator("#terminal").click();
      await page.keyboard.insertText("echo $((6*7))");
      await page.keyboard.press("Enter");
      const answer = await page.waitForFunction(
        () => {
          const p = (globalThis as unknown as G).tciemu;
          return p && /\n42\r?\n/.test(p.output) ? performance.now() : false;
        },
        undefined,
        { polling: 10, timeout: 60_000 },
      );
      const answeredAt = (await answer.jsonValue()) as number;
      const p = await probe();
      resumeMs = answeredAt;
      const r = p.snapshot.resumed!;
      const { budget, load } = resumeBudget();
      console.log(
        `resume after reload: 'echo $((6*7))' answered ${Math.round(answeredAt)} ms after navigation start ` +
          `(worker began at ${Math.round(r.startMs)} ms, read ${Math.round(r.readMs)} ms, restored ${Math.round(r.restoreMs)} ms, ` +
          `page had it at ${Math.round(r.atMs)} ms; then the first command: ${Math.round(answeredAt - r.atMs)} ms); ` +
          `budget ${budget} ms (load average ${load.toFixed(1)} on ${availableParallelism()} cores)`,
      );
      expect(p.snapshot.resumed!.source).toBe("storage");
      expect(p.exits).toEqual([]); // the demo did not run
      // the terminal shows what it showed at the save
      await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain("unmounted");
      expect(await command("echo $MARK")).toBe("saved-in-browser");
      await page.waitForFunction(() => !!(globalThis as unknown as G).tciemu?.snapshot.stored, undefined, { timeout: 10_000 });
      expect(await page.locator("#snap-resume").isEnabled()).toBe(true);
      expect(answeredAt).toBeLessThanOrEqual(budget);
    },
  );

  it("downloads the snapshot, refuses damaged / newer / other-RAM files untouched, loads the good one", { timeout: 300_000 }, async () => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.locator("#snap-download").click()]);
    expect(d.suggestedFilename()).toMatch(/^tciemu-\d{8}-\d{6}\.tciemu-vm$/);
    const file = await downloaded(d);
    const info = snapshotInfo(file);
    expect(info.board).toBe("riscv64-virt");
    expect(info.ramBytes).toBe(256 << 20);
    expect(info.virtio).toEqual([0, 0, 0, 0, 0, 0, 4, 9]); // slot order: devices from the top slot down, as QEMU plugs them
    expect(file.length).toBeLessThan(80e6);
    const good = join(work, "good.tciemu-vm");
    writeFileSync(good, file);

    // bad copies
    const flipped = file.slice();
    flipped[file.length >> 1] ^= 0x20;
    const newer = file.slice();
    new DataView(newer.buffer).setUint32(8, SNAPSHOT_VERSION + 1, true);
    const sections = decodeSnapshot(file);
    const small = encodeSnapshot(
      [...sections].map(([name, data]) => ({
        name,
        data: name === "info" ? new TextEncoder().encode(JSON.stringify({ ...info, ramBytes: 128 << 20 })) : data,
      })),
    );
    const bad: [string, Uint8Array, RegExp][] = [
      ["truncated.tciemu-vm", file.subarray(0, file.length >> 1), /cannot resume truncated\.tciemu-vm: snapshot is truncated/],
      ["flipped.tciemu-vm", flipped, /fails its checksum/],
      ["newer.tciemu-vm", newer, /snapshot format version 2 is newer than this tciemu supports \(1\)/],
      ["small.tciemu-vm", small, /snapshot has 128 MiB of RAM, this machine 256 MiB$/],
      ["not-a-snapshot.txt", new TextEncoder().encode("hello"), /not a tciemu snapshot/],
    ];
    await command("MARK=after-download");
    const runBefore = (await probe()).output.length;
    let errors = (await probe()).snapshot.errors.length;
    for (const [name, data, msg] of bad) {
      writeFileSync(join(work, name), data);
      await page.locator("#snap-file").setInputFiles(join(work, name));
      await waitCount("errors", ++errors);
      const p = await probe();
      expect(p.snapshot.errors.at(-1)).toMatch(msg);
      expect(await page.locator("#snap-status").innerText()).toMatch(msg);
    }
    // the running shell is the one from before the refused loads: same terminal, same variables
    expect((await probe()).output.length).toBeGreaterThanOrEqual(runBefore);
    expect(await command("echo $MARK")).toBe("after-download");

    const resumedBefore = (await probe()).snapshot.resumed!.atMs;
    await page.locator("#snap-file").setInputFiles(good);
    await page.waitForFunction((t) => ((globalThis as unknown as G).tciemu?.snapshot.resumed?.atMs ?? 0) > t, resumedBefore, {
      timeout: 60_000,
    });
    const p = await probe();
    expect(p.snapshot.resumed!.source).toBe("file");
    expect(p.snapshot.resumed!.name).toBe("good.tciemu-vm");
    await expect.poll(() => page.locator("#terminal .xterm-rows").innerText()).toContain("press Enter for a prompt");
    // the downloaded state: MARK as it was then
    expect(await command("echo [$MARK] $((6*7))")).toBe("[saved-in-browser] 42");
  });

  it("Forget deletes the saved machine: the next visit runs the demo", { timeout: 120_000 }, async () => {
    await page.locator("#snap-forget").click();
    await page.waitForFunction(() => (globalThis as unknown as G).tciemu?.snapshot.stored === null, undefined, { timeout: 30_000 });
    expect(await page.locator("#snap-resume").isDisabled()).toBe(true);
    await page.reload();
    await page.waitForFunction(() => ((globalThis as unknown as G).tciemu?.exits.length ?? 0) >= 1, undefined, { timeout: 90_000 });
    const p = await probe();
    expect(p.snapshot.resumed).toBeNull();
    expect(p.snapshot.stored).toBeNull();
    expect(p.exits[0].program).toBe("demo");
  });

  it("reports zero CSP violations, console errors and page errors", async () => {
    const p = await probe();
    const early = await earlyViolations(page);
    console.log(`CSP violations: page ${early.length}, recorded ${p.cspViolations.length}; console errors ${browser.consoleErrors.length}`);
    expect(p.cspViolations).toEqual([]);
    expect(early).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(resumeMs).toBeGreaterThan(0);
  });
});
