// An interactive shell in the worker: a Debian riscv64 userland image (a tar or newc cpio, gzipped
// or not: the server's /system/sysroot-riscv64.tar.gz, or a file the user dropped in) unpacked into
// an in-memory file system, and a shell (dash, or busybox sh) started on a terminal with Linux's
// line discipline (src/linux-user/tty.ts): every process the shell starts runs in the same kernel,
// Ctrl-C and Ctrl-Z go to the foreground process group, Ctrl-D is end of input. The session runs
// in ~25 ms slices between messages; when every process sleeps it waits with a timer, and when
// they wait for typing it waits for the next "tty" message. With a Wisp relay URL, the session's
// inet sockets go through the relay (page-network.ts's startUserNetwork), and every relay event
// runs the session again.
import { abiForElf, createGuest, MemFs, utf8ToByteString, type Guest } from "../embed/index.ts";
import { unpackArchive } from "../embed/archive.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { startUserNetwork } from "./page-network.ts";

type Post = (m: FromWorker, transfer?: Transferable[]) => void;
type ShellStart = Extract<ToWorker, { type: "shell" }>;

const SLICE_MS = 25;
/** Longest wait before a session blocked with sockets looks again (relay events wake it sooner). */
const NET_IDLE_MAX_MS = 100;

/** Gunzips when the bytes are gzip (DecompressionStream: no code of ours runs on them). */
async function maybeGunzip(b: Uint8Array): Promise<Uint8Array> {
  if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return b;
  const stream = new Blob([b as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export class ShellSession {
  private guest: Guest | null = null;
  private out: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly channel = new MessageChannel();
  private pending = false;
  private waitingForInput = false;
  private network: { close(): void } | null = null;
  insns = 0;
  runMs = 0;
  done = false;

  constructor(
    private readonly post: Post,
    /** The run number the page gave this session (every message about it carries it). */
    private readonly run: number,
  ) {
    this.channel.port1.onmessage = () => {
      this.pending = false;
      this.slice();
    };
  }

  async start(m: ShellStart): Promise<void> {
    const image = await maybeGunzip(new Uint8Array(m.image));
    const fs = new MemFs();
    const st = unpackArchive(fs, image);
    for (const d of ["/tmp", "/root", "/dev", "/proc"]) fs.mkdirp(d);
    fs.chmod("/tmp", 0o1777);
    this.emit(`\x1b[2m${st.files} files, ${(st.bytes / 1048576).toFixed(1)} MiB unpacked; starting ${m.argv.join(" ")}\x1b[0m\r\n`);
    // The guest architecture is the shell's (a riscv64 image by default; any guest tciemu has).
    const shellElf = fs.readFile(utf8ToByteString(m.argv[0])); // MemFs names are byte strings

    if (!shellElf) throw new Error(`${m.argv[0]}: not in the image`);
    const abi = abiForElf(shellElf);
    if (!abi) throw new Error(`${m.argv[0]}: not an ELF of a guest architecture tciemu has`);
    const net = m.wisp
      ? startUserNetwork(
          new URL(m.wisp, self.location.href).href,
          () => this.wakeForNetwork(),
          (why) => this.emit(`\x1b[2m[tciemu: ${why}]\x1b[0m\r\n`),
        )
      : null;
    this.network = net;
    const g = createGuest({
      abi,
      fs,
      network: net?.network,
      ramBytes: 512 << 20,
      stopOnFault: false,
      terminal: { rows: m.rows, cols: m.cols },
      onStdout: (b) => this.out.push(b.slice()),
      onStderr: (b) => this.out.push(b.slice()),
    });
    g.process.cwd = "/root";
    g.loadProgram(
      m.argv[0],
      m.argv,
      m.env ?? ["HOME=/root", "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "TERM=xterm-256color", "PS1=$ "],
    );
    this.guest = g;
    this.schedule();
  }

  /** Keystrokes from the page's terminal. */
  input(data: Uint8Array): void {
    if (!this.guest || this.done) return;
    this.guest.terminalInput(data);
    if (this.waitingForInput) this.schedule();
  }

  resize(rows: number, cols: number): void {
    this.guest?.terminalResize(rows, cols);
    this.schedule();
  }

  stop(): void {
    this.done = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.network?.close();
    this.network = null;
  }

  /** Data or a state change from the relay: a session waiting (for a socket, or sleeping) runs again. */
  private wakeForNetwork(): void {
    if (this.guest && !this.done && !this.pending) this.schedule();
  }

  private emit(text: string): void {
    this.out.push(new TextEncoder().encode(text));
    this.flush();
  }

  private flush(): void {
    if (!this.out.length) return;
    let n = 0;
    for (const b of this.out) n += b.length;
    const all = new Uint8Array(n);
    let o = 0;
    for (const b of this.out) {
      all.set(b, o);
      o += b.length;
    }
    this.out = [];
    this.post({ type: "out", run: this.run, data: all }, [all.buffer]);
  }

  private schedule(): void {
    this.waitingForInput = false;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending || this.done) return;
    this.pending = true;
    this.channel.port2.postMessage(null);
  }

  private slice(): void {
    const g = this.guest;
    if (!g || this.done) return;
    const t0 = performance.now();
    const i0 = g.insns;
    let r = g.run(2_000_000);
    while (r.reason === "budget" && performance.now() - t0 < SLICE_MS) r = g.run(2_000_000);
    this.runMs += performance.now() - t0;
    this.insns += g.insns - i0;
    this.flush();
    switch (r.reason) {
      case "exit":
        this.done = true;
        this.network?.close();
        this.network = null;
        this.post({
          type: "exit",
          run: this.run,
          exitCode: r.exitCode ?? 0,
          signal: r.signal,
          program: "shell",
          stats: {
            state: "exited",
            insns: g.insns,
            mips: this.runMs > 0 ? this.insns / this.runMs / 1000 : 0,
            runSeconds: this.runMs / 1000,
            recentMips: 0,
            mode: "user",
          },
        });
        return;
      case "idle":
        // Every process sleeps: come back when the first one wakes (or at the next keystroke).
        this.timer = setTimeout(
          () => {
            this.timer = null;
            this.schedule();
          },
          Math.min(1000, Math.max(0, r.wakeInMs ?? 0)),
        );
        this.waitingForInput = true;
        return;
      case "blocked":
        this.waitingForInput = true;
        // Blocked on a socket perhaps: relay events wake the session, but look again now and then all the same.
        if (this.network)
          this.timer = setTimeout(() => {
            this.timer = null;
            this.schedule();
          }, NET_IDLE_MAX_MS);
        return;
      default:
        this.schedule();
    }
  }
}
