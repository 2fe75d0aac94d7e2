// The page's snapshot controls (issue 15.3): Save (into this browser's storage, with the terminal's
// text), Download (the snapshot file), Load file…, Resume saved, Forget; and at page load, resuming
// the saved machine if there is one. The worker does the work (worker-snapshots.ts); this module
// only sends requests, shows their outcome in the status line and restores the terminal's text.
//
// A load does not change the page's run until the worker says the machine was resumed: a refused
// snapshot (damaged, newer format, another RAM size) shows its message and the running machine, its
// terminal and its run go on as before.
import type { Terminal } from "@xterm/xterm";
import { downloadBytes, formatBytes } from "./download.ts";
import type { FromWorker, SnapshotReply, ToWorker } from "./protocol.ts";
import type { StoredSnapshotMeta } from "./snapshot-store.ts";

/** What the browser tests read (globalThis.tciemu.snapshot). */
export interface SnapshotProbe {
  /** The saved machine in this browser (undefined: not known yet). */
  stored: StoredSnapshotMeta | null | undefined;
  /**
   * The last resume: where from, and its times in ms: on the page's clock (performance.now()) when
   * the worker began (`startMs`) and when the page had it (`atMs`); the worker's reading and restoring.
   */
  resumed: { source: "storage" | "file"; name: string; startMs: number; readMs: number; restoreMs: number; atMs: number } | null;
  /** Saves that worked. */
  saves: { target: "storage" | "file"; bytes: number; ms: number }[];
  /** Refused loads and failed saves, as shown. */
  errors: string[];
  /** The status line's text. */
  status: string;
}

export interface SnapshotPageHooks {
  send(m: ToWorker, transfer?: Transferable[]): void;
  term: Terminal;
  /** A run number no run has yet (the resumed machine's messages will carry it). */
  reserveRun(): number;
  /** The page's current run. */
  currentRun(): number;
  /** Starts run `id` on a clear terminal with the guest console attached (as "Boot Debian" does). */
  adoptRun(id: number, label: string): void;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Most terminal lines kept with a saved machine. */
const SCREEN_LINES = 200;

/** The terminal's text up to the cursor (the last lines), to show again when the machine resumes. */
export function screenText(term: Terminal, maxLines = SCREEN_LINES): string {
  const buf = term.buffer.active;
  const last = buf.baseY + buf.cursorY;
  let text = "";
  for (let y = Math.max(0, last - maxLines); y <= last; y++) {
    const line = buf.getLine(y);
    if (!line) continue;
    const s = y === last ? line.translateToString(false).slice(0, buf.cursorX) : line.translateToString(true);
    text += (y === Math.max(0, last - maxLines) || line.isWrapped ? "" : "\n") + s;
  }
  return text.replace(/^\n+/, "");
}

export class SnapshotPanel {
  readonly probe: SnapshotProbe = { stored: undefined, resumed: null, saves: [], errors: [], status: "" };
  private nextId = 1;
  /** Loads in flight, by the run number they reserved. */
  private loads = new Map<number, (resumed: boolean) => void>();

  constructor(private readonly page: SnapshotPageHooks) {
    $("snap-save").addEventListener("click", () => this.save("storage"));
    $("snap-download").addEventListener("click", () => this.save("file"));
    $("snap-resume").addEventListener("click", () => void this.resumeStored());
    $("snap-forget").addEventListener("click", () => {
      this.page.send({ type: "snapshot-forget", id: this.nextId++ });
    });
    const picker = $<HTMLInputElement>("snap-file");
    $("snap-load").addEventListener("click", () => picker.click());
    picker.addEventListener("change", () => {
      const f = picker.files?.[0];
      picker.value = "";
      if (f) void this.loadFile(f);
    });
    this.showStored(undefined);
  }

  /** Resumes the machine saved in this browser; false when there is none or it was refused. */
  resumeStored(): Promise<boolean> {
    this.setStatus("resuming the saved machine…");
    return this.load({ source: "storage" });
  }

  async loadFile(f: File): Promise<boolean> {
    this.setStatus(`loading ${f.name} (${formatBytes(f.size)})…`);
    const data = await f.arrayBuffer();
    return this.load({ source: "file", name: f.name, data }, [data]);
  }

  private load(
    m: { source: "storage" } | { source: "file"; name: string; data: ArrayBuffer },
    transfer: Transferable[] = [],
  ): Promise<boolean> {
    const run = this.page.reserveRun();
    return new Promise((ok) => {
      this.loads.set(run, ok);
      this.page.send({ type: "loadvm", run, ...m }, transfer);
    });
  }

  private save(target: "storage" | "file"): void {
    this.setStatus(target === "storage" ? "saving the machine in this browser…" : "saving the machine for download…");
    this.page.send({ type: "savevm", id: this.nextId++, target, screen: target === "storage" ? screenText(this.page.term) : undefined });
  }

  /** Handles the worker's snapshot messages (before the page's run filter); false for others. */
  handle(m: FromWorker): boolean {
    switch (m.type) {
      case "saved":
      case "snapshot-error":
      case "stored":
      case "resumed":
      case "loadvm-failed":
        this.reply(m);
        return true;
      default:
        return false;
    }
  }

  private reply(m: SnapshotReply): void {
    switch (m.type) {
      case "saved": {
        this.probe.saves.push({ target: m.target, bytes: m.bytes, ms: m.ms });
        const when = new Date(m.info.savedAtMs).toLocaleTimeString();
        if (m.target === "file" && m.data) {
          downloadBytes(`tciemu-${stamp(m.info.savedAtMs)}.tciemu-vm`, m.data);
          this.setStatus(`downloaded the machine as of ${when} (${formatBytes(m.bytes)})`);
        } else {
          this.setStatus(
            `saved in this browser at ${when} (${formatBytes(m.bytes)}, ${Math.round(m.ms)} ms); it resumes at the next visit`,
          );
          this.page.send({ type: "snapshot-query", id: this.nextId++ });
        }
        return;
      }
      case "snapshot-error":
        return this.fail(m.message);
      case "stored":
        return this.showStored(m.meta);
      case "resumed": {
        const done = this.loads.get(m.run);
        this.loads.delete(m.run);
        // Something started after this load was asked for (the worker did it later): that run stays.
        if (m.run < this.page.currentRun()) return done?.(false);
        this.page.adoptRun(m.run, m.source === "storage" ? "Debian (resumed)" : m.name);
        const term = this.page.term;
        if (m.screen) term.write(m.screen);
        else term.write(`\x1b[2m[resumed ${m.name}: press Enter for a prompt]\x1b[0m\r\n`);
        term.focus();
        this.probe.resumed = {
          source: m.source,
          name: m.name,
          startMs: m.startedAtMs - performance.timeOrigin,
          readMs: m.readMs,
          restoreMs: m.restoreMs,
          atMs: performance.now(),
        };
        this.setStatus(`resumed ${m.name} (read ${Math.round(m.readMs)} ms, restored ${Math.round(m.restoreMs)} ms)`);
        if (m.source === "storage") this.page.send({ type: "snapshot-query", id: this.nextId++ });
        return done?.(true);
      }
      case "loadvm-failed": {
        const done = this.loads.get(m.run);
        this.loads.delete(m.run);
        if (m.missing) {
          this.showStored(null);
          this.setStatus("");
        } else {
          this.fail(m.message);
          if (m.source === "storage") this.page.send({ type: "snapshot-query", id: this.nextId++ });
        }
        return done?.(false);
      }
    }
  }

  private showStored(meta: StoredSnapshotMeta | null | undefined): void {
    this.probe.stored = meta;
    $<HTMLButtonElement>("snap-resume").disabled = !meta;
    $<HTMLButtonElement>("snap-forget").disabled = !meta;
    $("snap-resume").title = meta
      ? `resume the machine saved at ${new Date(meta.savedAtMs).toLocaleString()} (${formatBytes(meta.bytes)})`
      : "no machine is saved in this browser";
  }

  private setStatus(text: string, error = false): void {
    this.probe.status = text;
    const el = $("snap-status");
    el.textContent = text;
    el.classList.toggle("error", error);
  }

  private fail(message: string): void {
    this.probe.errors.push(message);
    this.setStatus(message, true);
  }
}

/** 20250131-120304 */
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
