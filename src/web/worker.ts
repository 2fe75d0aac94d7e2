// The emulator's Web Worker (a module worker loaded from the same origin): runs the guest with the
// embedding API in slices, so messages (terminal input, pause, step) get through between slices,
// and drives the stepper while paused. Guest output is batched per slice and posted to the page.
// It also boots Linux on a `virt` board ("boot": riscv64's, or ARM's with a Cortex-A15): the same slices in real time (the guest clock
// is performance.now()), sleeping until the next timer deadline while the guest idles in WFI; the
// UART's output goes to the page and "serial" messages (keystrokes) to the UART. The board has the
// page's shared folder as a virtio-9p share (page-share.ts), and is saved to and resumed from
// snapshots (worker-snapshots.ts).
import { abiByName, abiForElf, createGuest, LINUX_ABIS, type Guest, type RunOutcome } from "../embed/index.ts";
import { VirtBoard } from "../hw/virt.ts";
import { ArmVirtBoard } from "../hw/arm-virt.ts";
import { ArmSystemCpu } from "../target/arm/system-cpu.ts";
import { byteStringToUtf8 } from "../hw/9p/wire.ts";
import { Virtio9p } from "../hw/virtio-9p.ts";
import { PageShare, SHARE_TAG } from "./page-share.ts";
import { PAGE_RAM_MIB, type FromWorker, type ShareRequest, type Stats, type ToWorker, type WorkerState } from "./protocol.ts";
import { Stepper } from "./stepper.ts";
import { ShellSession } from "./shell-session.ts";
import { WorkerSnapshots, type BoardImages } from "./worker-snapshots.ts";
import { startPageNetwork, startUserNetwork, type PageNetwork } from "./page-network.ts";

declare const self: DedicatedWorkerGlobalScope;

const post = (m: FromWorker, transfer: Transferable[] = []) => self.postMessage(m, transfer);
/** The run everything posted belongs to (ToWorker "start" / "boot" number them). */
let run = 0;

self.addEventListener("securitypolicyviolation", (ev: Event) => {
  const e = ev as SecurityPolicyViolationEvent;
  post({ type: "csp", directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});

let guest: Guest | null = null;
let stepper: Stepper | null = null;
let program = "";
let state: WorkerState = "idle";
let input: Uint8Array[] = [];
let eof = false;
let out: Uint8Array[] = [];
let outBytes = 0;
// statistics
let runMs = 0;
let runInsns = 0;
let lastStatsAt = 0;
let recentInsns = 0;
let recentMs = 0;
let sliceInsns = 2_000_000;
// system mode
let mode: "user" | "system" = "user";
/** The booted machine: riscv64's virt board, or ARM's. */
let board: VirtBoard | ArmVirtBoard | null = null;
let wfiTimer: ReturnType<typeof setTimeout> | null = null;
/** The booted machine's network (a NAT over a Wisp relay), when the boot asked for one. */
let network: PageNetwork | null = null;
/** A user-mode program's sockets over a Wisp relay, when the start asked for one. */
let userNetwork: { close(): void } | null = null;
/** Longest wait before a program idle on the network looks again (timeouts are its own deadlines). */
const NET_IDLE_MAX_MS = 100;
/** Aim for this much guest work per slice, so input and pause stay responsive. */
const SLICE_MS = 25;
/** Longest sleep in WFI before looking again. */
const WFI_MAX_MS = 10;

function stats(): Stats {
  return {
    state,
    insns: (mode === "system" ? board?.machine.insns : guest?.insns) ?? 0,
    mips: runMs > 0 ? runInsns / runMs / 1000 : 0,
    runSeconds: runMs / 1000,
    recentMips: recentMs > 0 ? recentInsns / recentMs / 1000 : 0,
    mode,
  };
}

function flush(): void {
  if (out.length === 0) return;
  const all = new Uint8Array(outBytes);
  let o = 0;
  for (const b of out) {
    all.set(b, o);
    o += b.length;
  }
  out = [];
  outBytes = 0;
  post({ type: "out", run, data: all }, [all.buffer]);
}

function sendView(): void {
  if (!guest || !stepper) return;
  post({ type: "view", run, view: stepper.view(), breakpoints: guest.breakpoints().map((p) => p.toString(16)) });
}

function sendStats(force = false): void {
  const now = performance.now();
  if (!force && now - lastStatsAt < 250) return;
  post({ type: "stats", run, stats: stats() });
  lastStatsAt = now;
  recentInsns = 0;
  recentMs = 0;
}

// A zero-delay yield to the event loop (setTimeout(0) is clamped to 4 ms when nested). At most one
// slice is ever pending, so starting a program while another runs does not double the slice chain.
const channel = new MessageChannel();
let pending = false;
channel.port1.onmessage = () => {
  pending = false;
  if (mode === "system") runSystemSlice();
  else runSlice();
};
const schedule = () => {
  if (wfiTimer !== null) {
    clearTimeout(wfiTimer);
    wfiTimer = null;
  }
  if (pending) return;
  pending = true;
  channel.port2.postMessage(null);
};

function runSlice(): void {
  if (state !== "running" || !guest) return;
  const t0 = performance.now();
  const r = guest.run(sliceInsns);
  const dt = performance.now() - t0;
  runMs += dt;
  runInsns += r.insns;
  recentMs += dt;
  recentInsns += r.insns;
  // Aim for ~25 ms slices so input and pause stay responsive.
  if (r.reason === "budget" && dt > 0) sliceInsns = Math.max(100_000, Math.min(50_000_000, Math.round(sliceInsns * (25 / dt))));
  flush();
  handleOutcome(r);
  sendStats(state !== "running");
  if (state === "running") schedule();
}

/** A blocked user-mode program runs again after `ms` (at most NET_IDLE_MAX_MS), unless something woke it first. */
function wakeLater(ms: number): void {
  if (wfiTimer) clearTimeout(wfiTimer);
  wfiTimer = setTimeout(
    () => {
      wfiTimer = null;
      if (state === "blocked" && mode === "user") {
        state = "running";
        schedule();
      }
    },
    Math.max(0, Math.min(NET_IDLE_MAX_MS, ms)),
  );
}

function handleOutcome(r: RunOutcome): void {
  switch (r.reason) {
    case "budget":
    case "stopped":
      return;
    case "exit":
      state = "exited";
      flush();
      post({ type: "exit", run, exitCode: r.exitCode ?? 0, signal: r.signal, stats: stats(), program });
      return;
    case "blocked":
      state = input.length || eof ? "running" : "blocked";
      // Waiting for input or a socket: a relay event (wakeForNetwork) or a keystroke resumes it;
      // with sockets, look again now and then all the same.
      if (state === "blocked" && userNetwork && r.syscall === undefined) wakeLater(NET_IDLE_MAX_MS);
      return;
    case "idle": {
      // Every thread sleeps or waits with a timeout: sleep until input, a relay event (wakeForNetwork) or the earliest deadline.
      state = "blocked";
      wakeLater(r.idleUntilNs != null ? Number(r.idleUntilNs - guest!.host.monotonicNs()) / 1e6 : NET_IDLE_MAX_MS);
      return;
    }
    default:
      // breakpoint, watchpoint, fault: stop and show the stepper
      state = "paused";
      stepper!.status =
        r.reason === "fault"
          ? `fault: ${r.fault?.name} at 0x${r.fault?.addr.toString(16)} (next step delivers signal ${r.fault?.signal})`
          : r.reason;
      stepper!.rebase();
      stepper!.enter();
      sendView();
  }
}

function runSystemSlice(): void {
  if (state !== "running" || !board) return;
  const m = board.machine;
  const t0 = performance.now();
  const i0 = m.insns;
  let r: "budget" | "wfi" | "exit";
  do {
    network?.poll();
    r = m.run(1_000_000);
  } while (r === "budget" && performance.now() - t0 < SLICE_MS);
  const dt = performance.now() - t0;
  const n = m.insns - i0;
  sendShareList(false);
  runMs += dt;
  runInsns += n;
  recentMs += dt;
  recentInsns += n;
  flush();
  if (r === "exit") {
    state = "exited";
    const e = board instanceof VirtBoard ? board.exit : null;
    post({ type: "exit", run, exitCode: e?.kind === "fail" ? e.code : 0, stats: stats(), program });
    return;
  }
  if (r === "wfi") {
    // Idle until the next timer deadline (or a keystroke: "serial" reschedules at once).
    state = "blocked";
    sendStats();
    const wait = Math.max(0, Math.min(WFI_MAX_MS, (m.nextDeadlineNs() - m.nowNs()) / 1e6));
    wfiTimer = setTimeout(() => {
      wfiTimer = null;
      if (state === "blocked" && mode === "system") {
        state = "running";
        runSystemSlice();
      }
    }, wait);
    return;
  }
  sendStats();
  schedule();
}

function serial(data: Uint8Array): void {
  if (!board || mode !== "system" || state === "exited") return;
  board.input(data);
  if (state === "blocked") {
    state = "running";
    schedule();
  }
}

function reset(): void {
  if (wfiTimer !== null) clearTimeout(wfiTimer);
  wfiTimer = null;
  input = [];
  eof = false;
  out = [];
  outBytes = 0;
  runMs = runInsns = recentMs = recentInsns = 0;
}

/** The page's shared folder: one tree for the page's lifetime, a 9p device on every board. */
const share = new PageShare();
let shareListedAt = 0;
let shareListedGeneration = -1;

/** What every board the page makes gets from the host: the console to the page, host randomness and clocks (real time). */
const pageHost = {
  serialOut: (b: Uint8Array) => {
    out.push(b.slice());
    outBytes += b.length;
  },
  random: (d: Uint8Array) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
  epochNs: () => Date.now() * 1e6,
  hostNowNs: () => performance.now() * 1e6,
};

/** A `virt` board as the page makes them: the share, host randomness and clocks, the console to the page. */
function makeBoard(images: BoardImages, ramMiB = PAGE_RAM_MIB, net: PageNetwork | null = null): VirtBoard {
  return new VirtBoard({
    ramBytes: ramMiB << 20,
    ...images,
    shares: [share.device()],
    nics: net ? [{ backend: net.net }] : [],
    ...pageHost,
  });
}

/** The machine being replaced lets go of the share (its open files), as a device reset does. */
function releaseBoard(): void {
  for (const v of board?.virtio ?? []) if (v.backend instanceof Virtio9p) v.backend.reset();
  board = null;
  network?.close();
  network = null;
}

/** A network event (data from the relay): a machine idle in WFI runs again to take it. */
function wakeForNetwork(): void {
  if (state === "blocked" && (mode === "user" ? guest !== null : board !== null)) {
    state = "running";
    schedule();
  }
}

/** The ARM `virt` board as the page makes it: the share, host randomness and clocks, the PL011 console to the page. */
function makeArmBoard(kernel: Uint8Array, initrd: Uint8Array | undefined, append: string, ramMiB = PAGE_RAM_MIB): ArmVirtBoard {
  return new ArmVirtBoard({
    ramBytes: ramMiB << 20,
    kernel,
    initrd,
    append,
    shares: [share.device()],
    ...pageHost,
    // An XZ zImage is unpacked by the board and its Image entered directly, as tciemu-system-arm does by default.
    unpackZImage: "auto",
    cpu: (host) => new ArmSystemCpu(host),
  });
}

/** Makes `b` the running machine, as run `id`. */
function runBoard(b: VirtBoard | ArmVirtBoard, id: number, label: string): void {
  releaseBoard();
  reset();
  run = id;
  mode = "system";
  guest = null;
  stepper = null;
  board = b;
  program = label;
  state = "running";
  sendStats(true);
  schedule();
}

function boot(m: Extract<ToWorker, { type: "boot" }>): void {
  const id = m.run ?? run + 1;
  let b: VirtBoard | ArmVirtBoard;
  let net: PageNetwork | null = null;
  try {
    if (m.machine === "arm") {
      if (m.wisp) throw new Error("the ARM board has no network card in the page yet (leave the network field empty)");
      b = makeArmBoard(new Uint8Array(m.kernel), m.initrd ? new Uint8Array(m.initrd) : undefined, m.append, m.ramMiB ?? PAGE_RAM_MIB);
      runBoard(b, id, "linux (arm)");
      return;
    }
    if (!m.bios) throw new Error("the riscv64 virt board needs a firmware (OpenSBI fw_dynamic.bin)");
    const bios = new Uint8Array(m.bios);
    net = m.wisp
      ? startPageNetwork(new URL(m.wisp, self.location.href).href, wakeForNetwork, (why) =>
          post({ type: "out", run, data: new TextEncoder().encode(`\r\n[tciemu: ${why}]\r\n`) }),
        )
      : null;
    b = makeBoard(
      {
        bios,
        kernel: new Uint8Array(m.kernel),
        initrd: m.initrd ? new Uint8Array(m.initrd) : undefined,
        append: m.append,
      },
      m.ramMiB ?? PAGE_RAM_MIB,
      net,
    );
  } catch (e) {
    net?.close();
    releaseBoard();
    reset();
    run = id;
    mode = "system";
    state = "exited";
    post({ type: "error", run, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  runBoard(b, id, "linux");
  network = net;
}

const snapshots = new WorkerSnapshots({
  post,
  running: () => (mode === "system" && board && state !== "exited" ? board : null),
  makeBoard: (images) => makeBoard(images),
  // A zero kernel image: the snapshot's RAM replaces everything the board loads.
  makeArmBoard: () => makeArmBoard(new Uint8Array(64), undefined, ""),
  resume: (b, id) => runBoard(b, id, "linux"),
});

/** Tells the page what the share holds: on request, or when the tree changed (at most once a second while the guest writes). */
function sendShareList(force: boolean): void {
  const now = performance.now();
  if (!force && (share.generation === shareListedGeneration || now - shareListedAt < 1000)) return;
  shareListedAt = now;
  shareListedGeneration = share.generation;
  post({ type: "share-list", ...share.list(), tag: SHARE_TAG });
}

function shareRequest(m: ShareRequest): void {
  try {
    switch (m.type) {
      case "share-list":
        return sendShareList(true);
      case "share-import": {
        const r = share.import(m.files.map((f) => ({ path: f.path, data: new Uint8Array(f.data), mtimeMs: f.mtimeMs })));
        post({ type: "share-imported", id: m.id, ...r });
        return sendShareList(true);
      }
      case "share-read": {
        const bytes = m.path === null ? share.tar() : share.read(m.path);
        const data = bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice(); // transfer exactly the file
        const name = m.path === null ? `tciemu-${SHARE_TAG}.tar` : byteStringToUtf8(m.path).replace(/^.*\//, "");
        post({ type: "share-data", id: m.id, name, data: data.buffer as ArrayBuffer }, [data.buffer as ArrayBuffer]);
        return;
      }
    }
  } catch (e) {
    post({ type: "share-error", id: "id" in m ? m.id : 0, message: e instanceof Error ? e.message : String(e) });
  }
}

function start(m: Extract<ToWorker, { type: "start" }>): void {
  reset();
  run = m.run ?? run + 1;
  mode = "user";
  releaseBoard();
  const elf = new Uint8Array(m.elf);
  const abi = !m.arch || m.arch === "auto" ? (abiForElf(elf) ?? LINUX_ABIS[0]) : abiByName(m.arch);
  if (!abi) {
    state = "exited";
    post({ type: "error", run, message: `no '${m.arch}' guest in this build (${LINUX_ABIS.map((a) => a.name).join(", ")})` });
    return;
  }
  userNetwork?.close();
  const un = m.wisp
    ? startUserNetwork(new URL(m.wisp, self.location.href).href, wakeForNetwork, (why) =>
        post({ type: "out", run, data: new TextEncoder().encode(`[tciemu: ${why}]\n`) }),
      )
    : null;
  userNetwork = un;
  const g = createGuest({
    network: un?.network,
    abi,
    deterministic: m.deterministic ?? false,
    stdin: () => {
      const b = input.shift();
      if (b) return b;
      return eof ? new Uint8Array(0) : null;
    },
    onStdout: (b) => {
      out.push(b);
      outBytes += b.length;
    },
    onStderr: (b) => {
      out.push(b);
      outBytes += b.length;
    },
  });
  // Breakpoints carry over when the same program is started again.
  const keepBps = guest && program === (m.argv[0] ?? "prog") ? guest.breakpoints() : [];
  guest = g;
  program = m.argv[0] ?? "prog";
  stepper = new Stepper(g);
  try {
    g.loadElf(elf, m.argv, m.env ?? ["HOME=/", "PATH=/bin", "TERM=xterm-256color"], `/${program.replace(/^.*\//, "")}`);
  } catch (e) {
    state = "exited";
    post({ type: "error", run, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  for (const bp of keepBps) g.addBreakpoint(bp);
  if (m.pauseAtEntry) {
    state = "paused";
    stepper.status = "paused at the entry point";
    stepper.enter();
    sendView();
    sendStats(true);
    return;
  }
  state = "running";
  sendStats(true);
  schedule();
}

function pause(): void {
  if (mode === "system") {
    if (!board || state === "exited" || state === "paused") return;
    if (wfiTimer !== null) clearTimeout(wfiTimer);
    wfiTimer = null;
    state = "paused";
    return sendStats(true);
  }
  if (!guest || !stepper || state === "exited" || state === "idle") return;
  state = "paused";
  stepper.status = "paused";
  stepper.rebase();
  stepper.enter();
  sendView();
  sendStats(true);
}

function resume(): void {
  if (mode === "system") {
    if (!board || state !== "paused") return;
    state = "running";
    sendStats(true);
    return schedule();
  }
  if (!guest || !stepper || state === "exited") return;
  // Finish the instruction the stepper is in the middle of, then leave its TB.
  for (let i = 0; i < 10_000 && stepper.inTb && !stepper.atInsnBoundary; i++) if (stepper.step("op")) break;
  stepper.leave();
  if (guest.exited) return;
  state = "running";
  sendStats(true);
  schedule();
}

function step(unit: "op" | "insn" | "tb"): void {
  if (mode === "system") return post({ type: "error", run, message: "the stepper works on user-mode programs, not on the booted machine" });
  if (!guest || !stepper || state === "exited" || state === "idle") return;
  if (state === "running" || state === "blocked") pause();
  const r = stepper.step(unit);
  flush();
  if (r?.reason === "exit") {
    state = "exited";
    post({ type: "exit", run, exitCode: r.exitCode ?? 0, signal: r.signal, stats: stats(), program });
  } else if (r?.reason === "fault") {
    stepper.status = `fault: ${r.fault?.name} at 0x${r.fault?.addr.toString(16)} (next step delivers signal ${r.fault?.signal})`;
  } else if (r?.reason === "blocked") {
    stepper.status = "waiting for terminal input (type a line, then step)";
  }
  sendView();
  sendStats(true);
}

/** The interactive shell, when one runs (its own slices and state; see shell-session.ts). */
let shell: ShellSession | null = null;

function startShell(m: Extract<ToWorker, { type: "shell" }>): void {
  shell?.stop();
  releaseBoard();
  reset();
  run = m.run ?? run + 1;
  mode = "user";
  guest = null;
  stepper = null;
  state = "idle";
  program = "shell";
  const id = run;
  shell = new ShellSession(post, id);
  shell.start(m).catch((e) => post({ type: "error", run: id, message: e instanceof Error ? e.message : String(e) }));
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if ((m.type === "start" || m.type === "boot" || m.type === "loadvm") && shell) {
    // Another run (a program, a boot, a resumed machine) ends the shell session.
    shell.stop();
    shell = null;
  }
  try {
    switch (m.type) {
      case "shell":
        return startShell(m);
      case "tty":
        return shell?.input(m.data);
      case "resize":
        return shell?.resize(m.rows, m.cols);
      case "start":
        return start(m);
      case "boot":
        return boot(m);
      case "serial":
        return serial(m.data);
      case "stdin":
        if (mode === "system") return serial(m.data);
        input.push(m.data);
        if (state === "blocked") {
          state = "running";
          schedule();
        }
        return;
      case "eof":
        eof = true;
        if (state === "blocked") {
          state = "running";
          schedule();
        }
        return;
      case "pause":
        return pause();
      case "continue":
        return resume();
      case "step":
        return step(m.unit);
      case "breakpoint": {
        if (!guest || mode === "system") return;
        const pc = Number.parseInt(m.pc.replace(/^0x/i, ""), 16);
        if (!Number.isFinite(pc)) return post({ type: "error", run, message: `bad breakpoint address '${m.pc}'` });
        if (m.on) guest.addBreakpoint(pc);
        else guest.removeBreakpoint(pc);
        if (stepper) sendView();
        return;
      }
      case "savevm":
      case "loadvm":
      case "snapshot-query":
      case "snapshot-forget":
        return snapshots.handle(m);
      case "share-import":
      case "share-read":
      case "share-list":
        return shareRequest(m);
      case "kill":
        if (mode === "user" && guest && state !== "exited" && state !== "idle") {
          state = "exited";
          flush();
          post({ type: "exit", run, exitCode: 130, signal: 2, stats: stats(), program });
        }
        return;
    }
  } catch (e) {
    post({ type: "error", run, message: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
  }
};

post({ type: "ready", archs: LINUX_ABIS.map((a) => a.name) });
