// A shell in a booted guest, driven through /init's test mode (kernel command line tciemu.test=1):
// each command line is sent on the console, and its output runs up to `tciemu: rc=N` and the next
// prompt. Used by the system tests and the network bench for tciemu and QEMU alike.
import { TEST_PROMPT, TEST_RC_PREFIX } from "./initramfs.ts";

export interface GuestShell {
  /** Runs one command line; resolves with its output (without the markers) and exit status. */
  run(cmd: string, timeoutMs?: number): Promise<{ text: string; rc: number }>;
  /** Everything the console printed so far. */
  readonly console: string;
  close(): Promise<void>;
}

export interface ConsolePort {
  write(bytes: Uint8Array): void;
  close(): Promise<void>;
  /** True once the machine stopped (then waiting is pointless). */
  exited(): boolean;
}

export class ConsoleShell implements GuestShell {
  private out = "";
  private pos = 0;
  private readonly waiters = new Set<() => boolean>();
  private readonly decoder = new TextDecoder("latin1");

  constructor(private readonly port: ConsolePort) {}

  get console(): string {
    return this.out;
  }

  /** Console output from the machine. */
  feed(bytes: Uint8Array): void {
    this.out += this.decoder.decode(bytes, { stream: true });
    this.recheck();
  }

  /** Re-evaluates the waits (e.g. after the machine stopped). */
  recheck(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Waits for the first prompt (the boot). */
  async ready(timeoutMs = 1_800_000): Promise<void> {
    this.pos = await this.waitFor(TEST_PROMPT, 0, timeoutMs);
  }

  private waitFor(text: string, from: number, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      let scanned = from; // no match starts before this
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): boolean => {
        const at = this.out.indexOf(text, scanned);
        if (at >= 0) {
          finish();
          resolve(at + text.length);
          return true;
        }
        scanned = Math.max(from, this.out.length - text.length + 1);
        if (this.port.exited()) {
          finish();
          reject(new Error(`machine stopped before ${JSON.stringify(text)}; console tail:\n${this.out.slice(-3000)}`));
          return true;
        }
        return false;
      };
      if (check()) return;
      this.waiters.add(check);
      timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${JSON.stringify(text)}; console tail:\n${this.out.slice(-3000)}`));
      }, timeoutMs);
    });
  }

  async run(cmd: string, timeoutMs = 600_000): Promise<{ text: string; rc: number }> {
    const start = this.pos;
    this.port.write(new TextEncoder().encode(cmd + "\n"));
    const rcAt = await this.waitFor(TEST_RC_PREFIX, start, timeoutMs);
    const next = await this.waitFor(TEST_PROMPT, rcAt, timeoutMs);
    this.pos = next;
    const nl = this.out.indexOf("\n", rcAt);
    return { text: this.out.slice(start, rcAt - TEST_RC_PREFIX.length), rc: Number(this.out.slice(rcAt, nl).trim()) };
  }

  close(): Promise<void> {
    return this.port.close();
  }
}
