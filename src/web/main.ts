// The page: an xterm.js terminal, the program controls, the Linux boot controls and the stepper
// panel. The emulator runs in a module Web Worker (worker.js, same origin); this script only moves
// bytes and renders state. No inline script or style anywhere: everything is built with DOM calls
// and CSS classes.
import { Terminal } from "@xterm/xterm";
import type { FromWorker, PageMachine, Stats, ToWorker } from "./protocol.ts";
import { SharePanel, type ShareProbe } from "./share-ui.ts";
import { SnapshotPanel, type SnapshotProbe } from "./snapshot-ui.ts";
import type { StepRow, StepView } from "./stepper.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the browser tests read (and a console user may poke at). */
interface PageProbe {
  output: string;
  exits: { program: string; exitCode: number; signal?: number; stats: Stats }[];
  stats: Stats | null;
  view: StepView | null;
  cspViolations: { where: string; directive: string; blocked: string; sample: string }[];
  errors: string[];
  workerReady: boolean;
  /** The server offers Debian's boot files for the chosen machine (/system/...): "Boot Debian" is enabled. */
  serverBoot: boolean | null;
  /** The server offers the ARM board's boot files (/system/arm/...). */
  serverBootArm: boolean | null;
  /** The terminal is the serial console of a booted Linux (keys go to the UART as typed). */
  system: boolean;
  /** The terminal is an interactive shell's (keys go to its line discipline as typed). */
  shell: boolean;
  /** The server offers a Debian userland image (/system/sysroot-riscv64.tar.gz). */
  serverSysroot: boolean | null;
  /** Snapshots (snapshot-ui.ts) and the shared folder (share-ui.ts). */
  snapshot?: SnapshotProbe;
  share?: ShareProbe;
}
const probe: PageProbe = {
  output: "",
  exits: [],
  stats: null,
  view: null,
  cspViolations: [],
  errors: [],
  workerReady: false,
  serverBoot: null,
  serverBootArm: null,
  system: false,
  shell: false,
  serverSysroot: null,
};
(globalThis as unknown as { tciemu: PageProbe }).tciemu = probe;

document.addEventListener("securitypolicyviolation", (e) => {
  probe.cspViolations.push({ where: "page", directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});

const term = new Terminal({
  cols: 96,
  rows: 32,
  convertEol: true,
  scrollback: 10000,
  fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace",
  fontSize: 13,
  theme: { background: "#000000" },
});
term.open($("terminal"));

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "tciemu" });
const send = (m: ToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
const decoder = new TextDecoder();

// ---- terminal input: a small line discipline (echo, backspace, Enter sends the line) for user
// programs; a booted Linux gets the raw keys instead (xterm.js sends "\r" for Enter and DEL for
// backspace, as a serial terminal does; the guest's tty echoes and edits).
let line = "";
let running = false;
const encoder = new TextEncoder();
term.onData((d) => {
  if (probe.system) {
    send({ type: "serial", data: encoder.encode(d) });
    return;
  }
  if (probe.shell) {
    send({ type: "tty", data: encoder.encode(d) });
    return;
  }
  for (const ch of d) {
    if (ch === "\r" || ch === "\n") {
      term.write("\r\n");
      send({ type: "stdin", data: new TextEncoder().encode(line + "\n") });
      line = "";
    } else if (ch === "\x7f" || ch === "\b") {
      if (line.length) {
        line = line.slice(0, -1);
        term.write("\b \b");
      }
    } else if (ch === "\x04") {
      if (line.length) send({ type: "stdin", data: new TextEncoder().encode(line) });
      else send({ type: "eof" });
      line = "";
    } else if (ch === "\x03") {
      term.write("^C\r\n");
      line = "";
      send({ type: "kill" });
    } else if (ch >= " ") {
      line += ch;
      term.write(ch);
    }
  }
});

// ---- runs: every start or boot gets a new number; what the worker still sends about an earlier
// run (output of its last slice, its exit) is dropped, so a new run starts on a clear terminal.
let run = 0;
/** The highest run number handed out (a snapshot load reserves one before it knows it will be used). */
let lastRun = 0;
function newRun(label: string, system: boolean, id = ++lastRun): number {
  run = id;
  lastRun = Math.max(lastRun, id);
  probe.system = system;
  probe.shell = false;
  term.reset();
  term.clear();
  probe.output = "";
  line = "";
  $("exit").textContent = "";
  $("program").textContent = label;
  return run;
}

// ---- programs
let demo: ArrayBuffer | null = null;
function start(elf: ArrayBuffer, argv: string[]): void {
  const id = newRun(argv.join(" "), false);
  running = true;
  send(
    {
      type: "start",
      run: id,
      elf,
      argv,
      arch: $<HTMLSelectElement>("arch").value,
      pauseAtEntry: $<HTMLInputElement>("pause-entry").checked,
      wisp: wispUrl(),
    },
    [],
  );
}

async function loadDemo(): Promise<ArrayBuffer> {
  if (!demo) {
    const r = await fetch("demo.elf");
    if (!r.ok) throw new Error(`demo.elf: HTTP ${r.status}`);
    demo = await r.arrayBuffer();
  }
  return demo.slice(0);
}

$("run-demo").addEventListener("click", () => {
  void loadDemo().then((b) => start(b, ["demo"]));
});
$("run").addEventListener("click", () => {
  const f = $<HTMLInputElement>("file").files?.[0];
  if (!f) {
    term.write("\x1b[33mchoose a Linux ELF file first\x1b[0m\r\n");
    return;
  }
  const args = $<HTMLInputElement>("args").value.trim();
  void f.arrayBuffer().then((b) => start(b, [f.name, ...(args ? args.split(/\s+/) : [])]));
});

// ---- Linux on a virt board (riscv64's, or ARM's: the machine chooser)
const SYSTEM = { kernel: "system/kernel", initrd: "system/initrd.cpio.gz", firmware: "system/fw_dynamic.bin" };
const ARM_SYSTEM = { armKernel: "system/arm/zImage", armInitrd: "system/arm/initrd.cpio.gz" };
let serverHas: Partial<Record<keyof typeof SYSTEM | keyof typeof ARM_SYSTEM, boolean>> = {};
/** The serial console's name on each board (the kernel command line's default console=). */
const CONSOLE: Record<PageMachine, string> = { riscv64: "ttyS0", arm: "ttyAMA0" };
const machine = (): PageMachine => ($<HTMLSelectElement>("machine").value === "arm" ? "arm" : "riscv64");

async function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
  term.write(`\x1b[2mfetching ${what} (${url})…\x1b[0m`);
  const r = await fetch(url);
  if (!r.ok) {
    term.write("\r\n");
    throw new Error(`${what}: HTTP ${r.status} for ${url}`);
  }
  const b = await r.arrayBuffer();
  term.write(`\x1b[2m ${(b.byteLength / 1048576).toFixed(1)} MiB\x1b[0m\r\n`);
  return b;
}

/** The Wisp relay for the booted machine's network card (the field, prefilled by ?wisp=URL), or none. */
function wispUrl(): string | undefined {
  const v = $<HTMLInputElement>("linux-wisp").value.trim();
  if (!v) return undefined;
  const u = new URL(v, location.href);
  if (u.protocol === "http:" || u.protocol === "https:") u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.href;
}
$<HTMLInputElement>("linux-wisp").value = new URLSearchParams(location.search).get("wisp") ?? "";

function kernelCommandLine(m: PageMachine): string {
  const v = $<HTMLInputElement>("linux-append").value.trim();
  return /(^|\s)console=/.test(v) ? v : `console=${CONSOLE[m]}${v ? " " + v : ""}`;
}

// ?machine=arm preselects the ARM board (a link to the page that boots it in one click).
if (new URLSearchParams(location.search).get("machine") === "arm") {
  $<HTMLSelectElement>("machine").value = "arm";
  $<HTMLInputElement>("linux-append").value = `console=${CONSOLE.arm}`;
}
// Switching the machine switches the command line's console when it is the other board's default.
$("machine").addEventListener("change", () => {
  const box = $<HTMLInputElement>("linux-append");
  const other = CONSOLE[machine() === "arm" ? "riscv64" : "arm"];
  if (box.value.trim() === `console=${other}`) box.value = `console=${CONSOLE[machine()]}`;
  updateBootButton();
});

async function boot(
  m: PageMachine,
  files: () => Promise<{ bios?: ArrayBuffer; kernel: ArrayBuffer; initrd?: ArrayBuffer }>,
  label: string,
): Promise<void> {
  const id = newRun(label, true);
  try {
    const f = await files();
    if (id !== run) return; // another run started while the files were loading
    const append = kernelCommandLine(m);
    term.write(`\x1b[2mbooting: ${m === "arm" ? "arm virt board (Cortex-A15)" : "riscv64 virt board"}, 256 MiB, ${append}\x1b[0m\r\n`);
    running = true;
    const transfer = [...(f.bios ? [f.bios] : []), f.kernel, ...(f.initrd ? [f.initrd] : [])];
    const wisp = wispUrl();
    if (wisp) term.write(`\x1b[2mnetwork: virtio-net, user-mode NAT over the Wisp relay ${wisp}\x1b[0m\r\n`);
    send({ type: "boot", run: id, machine: m, bios: f.bios, kernel: f.kernel, initrd: f.initrd, append, ramMiB: 256, wisp }, transfer);
    term.focus();
  } catch (e) {
    probe.system = false;
    probe.errors.push(String(e));
    term.write(`\x1b[31m${e instanceof Error ? e.message : String(e)}\x1b[0m\r\n`);
  }
}

$("boot").addEventListener("click", () => {
  const pick = (id: string) => $<HTMLInputElement>(id).files?.[0];
  const kernel = pick("linux-kernel");
  const m = machine();
  if (!kernel) {
    term.write(
      m === "arm"
        ? "\x1b[33mchoose an ARM kernel first (a zImage or Image, and an initrd)\x1b[0m\r\n"
        : "\x1b[33mchoose a riscv64 kernel Image first (and an initrd; the firmware defaults to the server's OpenSBI)\x1b[0m\r\n",
    );
    return;
  }
  const initrd = pick("linux-initrd");
  if (m === "arm") {
    void boot(
      m,
      async () => ({ kernel: await kernel.arrayBuffer(), initrd: initrd ? await initrd.arrayBuffer() : undefined }),
      kernel.name,
    );
    return;
  }
  const bios = pick("linux-bios");
  if (!bios && serverHas.firmware !== true) {
    term.write("\x1b[33mthis server has no OpenSBI firmware: choose fw_dynamic.bin too\x1b[0m\r\n");
    return;
  }
  void boot(
    m,
    async () => ({
      kernel: await kernel.arrayBuffer(),
      initrd: initrd ? await initrd.arrayBuffer() : undefined,
      bios: bios ? await bios.arrayBuffer() : await fetchBytes(SYSTEM.firmware, "OpenSBI firmware (choose one if the server has none)"),
    }),
    kernel.name,
  );
});
$("boot-server").addEventListener("click", () => {
  if (machine() === "arm") {
    void boot(
      "arm",
      async () => ({
        kernel: await fetchBytes(ARM_SYSTEM.armKernel, "Debian's armmp kernel"),
        initrd: await fetchBytes(ARM_SYSTEM.armInitrd, "initramfs (armhf)"),
      }),
      "Debian armmp (from server)",
    );
    return;
  }
  void boot(
    "riscv64",
    async () => ({
      bios: await fetchBytes(SYSTEM.firmware, "OpenSBI firmware"),
      kernel: await fetchBytes(SYSTEM.kernel, "Debian's kernel"),
      initrd: await fetchBytes(SYSTEM.initrd, "initramfs"),
    }),
    "Debian (from server)",
  );
});

// ---- an interactive shell over a Debian userland image (the server's, or a tar/cpio dropped in)
const SYSROOT_URL = "system/sysroot-riscv64.tar.gz";
async function shell(image: () => Promise<ArrayBuffer>, label: string): Promise<void> {
  const id = newRun(label, false);
  probe.shell = true;
  try {
    const img = await image();
    if (id !== run) return; // another run started while the image was loading
    const argv = $<HTMLInputElement>("shell-cmd").value.trim().split(/\s+/);
    running = true;
    send({ type: "shell", run: id, image: img, argv, rows: term.rows, cols: term.cols, wisp: wispUrl() }, [img]);
    term.focus();
  } catch (e) {
    probe.shell = false;
    probe.errors.push(String(e));
    term.write(`\x1b[31m${e instanceof Error ? e.message : String(e)}\x1b[0m\r\n`);
  }
}
$("shell").addEventListener("click", () => {
  const f = $<HTMLInputElement>("shell-image").files?.[0];
  if (!f) {
    term.write("\x1b[33mchoose a riscv64 userland image first (a tar or newc cpio, gzipped or not)\x1b[0m\r\n");
    return;
  }
  void shell(() => f.arrayBuffer(), f.name);
});
$("shell-server").addEventListener("click", () => {
  void shell(() => fetchBytes(SYSROOT_URL, "Debian riscv64 userland"), "Debian shell (from server)");
});

// "Boot Debian" is one click when the server has the chosen machine's files (its manifest says;
// `npm run web` serves them from the fetch.sh cache, a static copy of the page or the extension has none).
let manifestRead = false;
function updateBootButton(): void {
  if (!manifestRead) return;
  const arm = machine() === "arm";
  probe.serverBootArm = Object.keys(ARM_SYSTEM).every((k) => serverHas[k as keyof typeof ARM_SYSTEM] === true);
  probe.serverBoot = arm ? probe.serverBootArm : Object.keys(SYSTEM).every((k) => serverHas[k as keyof typeof SYSTEM] === true);
  $<HTMLButtonElement>("boot-server").disabled = !probe.serverBoot;
  $("boot-hint").textContent = probe.serverBoot
    ? ""
    : `no Debian boot files for this machine on this server ('bash tools/debian/fetch.sh ${arm ? "system-arm" : "system"}', then 'npm run web')`;
}
void fetch("system/index.json")
  .then((r) => (r.ok ? (r.json() as Promise<typeof serverHas>) : {}))
  .catch(() => ({}))
  .then((have: typeof serverHas & { sysroot?: boolean }) => {
    serverHas = have;
    probe.serverSysroot = have.sysroot === true;
    $("shell-server").hidden = !probe.serverSysroot;
    manifestRead = true;
    updateBootButton();
  });

// ---- stepper controls
$("btn-pause").addEventListener("click", () => send({ type: "pause" }));
$("btn-continue").addEventListener("click", () => send({ type: "continue" }));
$("btn-step-op").addEventListener("click", () => send({ type: "step", unit: "op" }));
$("btn-step-insn").addEventListener("click", () => send({ type: "step", unit: "insn" }));
$("btn-step-tb").addEventListener("click", () => send({ type: "step", unit: "tb" }));
const addBp = () => {
  const v = $<HTMLInputElement>("bp-input").value.trim();
  if (v) send({ type: "breakpoint", pc: v, on: true });
  $<HTMLInputElement>("bp-input").value = "";
};
$("bp-add").addEventListener("click", addBp);
$("bp-input").addEventListener("keydown", (e) => {
  if (e.key === "Enter") addBp();
});

// ---- rendering
function rows(el: HTMLElement, items: StepRow[]): void {
  el.replaceChildren(
    ...items.map((r) => {
      const li = document.createElement("li");
      li.textContent = r.text;
      if (r.state) li.className = r.state;
      return li;
    }),
  );
}

function table(el: HTMLElement, cells: { name: string; value: string; changed: boolean; extra?: string }[], perRow: number): void {
  const trs: HTMLTableRowElement[] = [];
  for (let i = 0; i < cells.length; i += perRow) {
    const tr = document.createElement("tr");
    for (const c of cells.slice(i, i + perRow)) {
      const n = document.createElement("td");
      n.className = "name";
      n.textContent = c.extra ? `${c.name} (${c.extra})` : c.name;
      const v = document.createElement("td");
      v.textContent = c.value;
      if (c.changed) v.className = "changed";
      v.dataset.reg = c.name;
      tr.append(n, v);
    }
    trs.push(tr);
  }
  el.replaceChildren(...trs);
}

function renderView(v: StepView, bps: string[]): void {
  probe.view = v;
  $("step-status").textContent = `${v.status} — pc ${v.pc}, ${v.insns.toLocaleString("en-US")} instructions`;
  $("tb-info").textContent = v.tb ? `(TB ${v.tb.id} @ ${v.tb.pc}, insn ${v.tb.index + 1}/${v.tb.icount})` : "";
  $("pc").textContent = `pc ${v.pc}`;
  rows($("guest"), v.guest);
  rows($("ops"), v.ops);
  rows($("bytecode"), v.bytecode);
  table(
    $("temps"),
    v.temps.map((t) => ({ ...t, extra: t.slot })),
    1,
  );
  table($("regs"), v.regs, 3);
  $("bp-list").replaceChildren(
    ...bps.map((b) => {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = `0x${b} ✕`;
      btn.title = "remove breakpoint";
      btn.addEventListener("click", () => send({ type: "breakpoint", pc: b, on: false }));
      return btn;
    }),
  );
}

function renderStats(s: Stats): void {
  probe.stats = s;
  $("state").textContent = s.mode === "system" && s.state === "blocked" ? "idle (wfi)" : s.state;
  const mips = (s.state === "running" || s.mode === "system") && s.recentMips > 0 ? s.recentMips : s.mips;
  $("mips").textContent = `${mips.toFixed(1)} MIPS`;
  $("insns").textContent = `${s.insns.toLocaleString("en-US")} insns`;
}

// ---- snapshots and the shared folder (their own modules; their messages are not about a run)
const snapshots = new SnapshotPanel({
  send,
  term,
  reserveRun: () => ++lastRun,
  currentRun: () => run,
  adoptRun: (id, label) => {
    newRun(label, true, id);
    running = true;
  },
});
const share = new SharePanel({ send });
probe.snapshot = snapshots.probe;
probe.share = share.probe;

worker.addEventListener("message", (ev: MessageEvent<FromWorker>) => {
  const m = ev.data;
  if (snapshots.handle(m) || share.handle(m)) return;
  if ("run" in m && m.run !== run) return; // about an earlier run
  switch (m.type) {
    case "ready": {
      probe.workerReady = true;
      const sel = $<HTMLSelectElement>("arch");
      for (const a of m.archs) {
        const o = document.createElement("option");
        o.value = o.textContent = a;
        sel.append(o);
      }
      return;
    }
    case "out": {
      const text = decoder.decode(m.data, { stream: true });
      probe.output += text;
      term.write(m.data);
      return;
    }
    case "stats":
      return renderStats(m.stats);
    case "view":
      return renderView(m.view, m.breakpoints);
    case "exit":
      running = false;
      probe.system = false;
      probe.shell = false;
      probe.exits.push({ program: m.program, exitCode: m.exitCode, signal: m.signal, stats: m.stats });
      renderStats(m.stats);
      $("exit").textContent = m.signal ? `killed by signal ${m.signal}` : `exit ${m.exitCode}`;
      term.write(
        `\r\n\x1b[2m[${m.program}: ${m.signal ? `signal ${m.signal}` : `exit ${m.exitCode}`}, ${m.stats.insns.toLocaleString("en-US")} instructions, ${m.stats.mips.toFixed(1)} MIPS]\x1b[0m\r\n`,
      );
      return;
    case "error":
      probe.errors.push(m.message);
      term.write(`\r\n\x1b[31m${m.message.split("\n")[0]}\x1b[0m\r\n`);
      return;
    case "csp":
      probe.cspViolations.push({ where: "worker", directive: m.directive, blocked: m.blocked, sample: m.sample });
      return;
  }
});
worker.addEventListener("error", (e) => {
  probe.errors.push(`worker: ${e.message}`);
});

// A machine saved in this browser resumes at load; otherwise the built-in demo runs.
void snapshots
  .resumeStored()
  .then((resumed) => (resumed || run !== 0 ? undefined : loadDemo().then((b) => start(b, ["demo"]))))
  .catch((e: unknown) => {
    probe.errors.push(String(e));
    term.write(`\x1b[31m${String(e)}\x1b[0m\r\n`);
  });
void running;
