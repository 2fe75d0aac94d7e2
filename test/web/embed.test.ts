// The embedding API (src/embed) in Node: the same module the browser worker uses.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MemFs, createGuest, runElf, type RunOutcome } from "../../src/embed/index.ts";
import { CAT, ECHO_ONCE, elfOf, words } from "./programs.ts";

const DEMO = new Uint8Array(readFileSync(new URL("../../testdata/riscv/demo.elf", import.meta.url)));
const RV64I = new Uint8Array(readFileSync(new URL("../../testdata/riscv/ext/rv64i.elf", import.meta.url)));
const LAST_LINE = "demo: all self-checks passed";
const QUEENS = 0x10b5c; // demo.elf symbol `queens`
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function rawGuest(code: number[], opts: Parameters<typeof createGuest>[0] = {}) {
  const g = createGuest(opts);
  g.map(0x10000, 4096, "rx");
  g.writeMemory(0x10000, words(code), true);
  g.map(0x800000, 65536, "rw");
  g.setReg("sp", 0x800000 + 32768);
  g.pc = 0x10000n;
  return g;
}

describe("embedding API", () => {
  it("runs the demo with streamed stdout", () => {
    const chunks: string[] = [];
    const g = createGuest({ onStdout: (b) => chunks.push(dec(b)) });
    g.loadElf(DEMO, ["demo"]);
    const r = g.run();
    expect(r.reason).toBe("exit");
    expect(r.exitCode).toBe(0);
    expect(chunks.join("").trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
    expect(g.insns).toBe(r.insns);
  });

  it("deterministic mode: two runs give identical instruction counts and output", () => {
    const runs = [0, 1].map(() => {
      const g = createGuest({ deterministic: true });
      g.loadElf(DEMO, ["demo"]);
      const seen: bigint[] = [];
      g.onSyscall = (c) => {
        if (c.name === "clock_gettime" || c.name === "getrandom") seen.push(c.args[0]);
      };
      // in uneven slices, to show that slicing does not change the result
      let r: RunOutcome;
      do r = g.run(7_777_777);
      while (r.reason === "budget");
      return { r, out: dec(g.stdout()), insns: g.insns };
    });
    expect(runs[0].r.reason).toBe("exit");
    expect(runs[0].insns).toBe(runs[1].insns);
    expect(runs[0].out).toBe(runs[1].out);
    expect(runs[0].out.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
    // and the same count as an unsliced run
    expect(runElf(DEMO, ["demo"], { deterministic: true }).insns).toBe(runs[0].insns);
  });

  it("deterministic clock follows the instruction count", () => {
    const g = createGuest({ deterministic: { nsPerInsn: 10 } });
    g.loadElf(DEMO, ["demo"]);
    g.run(1_000_000);
    expect(g.host.monotonicNs()).toBe(BigInt(g.insns) * 10n);
    expect(g.host.realtimeNs()).toBe(1_700_000_000_000_000_000n + BigInt(g.insns) * 10n);
    const a = g.host.randomBytes(8);
    const h = createGuest({ deterministic: true });
    expect([...h.host.randomBytes(16)].slice(8)).not.toEqual([...a]); // a stream, not a constant
    expect([...createGuest({ deterministic: true }).host.randomBytes(8)]).toEqual([
      ...createGuest({ deterministic: true }).host.randomBytes(8),
    ]);
  });

  it("budget stops are exact and resumable", () => {
    const g = createGuest({ deterministic: true });
    g.loadElf(DEMO, ["demo"]);
    const r1 = g.run(12345);
    expect(r1).toMatchObject({ reason: "budget", insns: 12345 });
    const r2 = g.run(1);
    expect(r2).toMatchObject({ reason: "budget", insns: 1 });
    expect(g.insns).toBe(12346);
    const r3 = g.run();
    expect(r3.reason).toBe("exit");
    expect(dec(g.stdout()).trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
  });

  it("breakpoints stop before the instruction, exactly, and do not change the run", () => {
    const plain = runElf(DEMO, ["demo"], { deterministic: true });
    const g = createGuest({ deterministic: true });
    g.loadElf(DEMO, ["demo"]);
    g.addBreakpoint(QUEENS);
    let hits = 0;
    const at: number[] = [];
    let r = g.run();
    while (r.reason === "breakpoint") {
      expect(g.pc).toBe(BigInt(QUEENS));
      hits++;
      at.push(g.insns);
      if (hits === 3) g.removeBreakpoint(QUEENS);
      r = g.run();
    }
    expect(r.reason).toBe("exit");
    expect(hits).toBe(3);
    expect(g.insns).toBe(plain.insns);
    expect(dec(g.stdout())).toBe(dec(plain.stdout));
    // Stepping one instruction from a breakpoint moves past it.
    const h = createGuest({ deterministic: true });
    h.loadElf(DEMO, ["demo"]);
    h.addBreakpoint(QUEENS);
    expect(h.run().reason).toBe("breakpoint");
    expect(h.insns).toBe(at[0]);
    expect(h.run(1)).toMatchObject({ reason: "budget", insns: 1 });
    expect(h.pc).not.toBe(BigInt(QUEENS));
  });

  it("breakpoint and watchpoint hooks run in place and let run() go on", () => {
    const g = createGuest({ deterministic: true });
    g.loadElf(DEMO, ["demo"]);
    const depths: bigint[] = [];
    g.addBreakpoint(QUEENS, (guest) => {
      depths.push(guest.getReg("a4")); // queens(..., row, n): a4 is the current row
      return depths.length < 1000 ? "continue" : "stop";
    });
    // the hook asked to stop at the 1000th call
    expect(g.run()).toMatchObject({ reason: "breakpoint", pc: BigInt(QUEENS) });
    expect(depths.length).toBe(1000);
    expect(new Set(depths).size).toBeGreaterThan(3);
    g.removeBreakpoint(QUEENS);
    expect(g.run().reason).toBe("exit");
    let writes = 0;
    const h = createGuest({ deterministic: true });
    h.loadElf(DEMO, ["demo"]);
    h.run(100); // _start moves sp to the demo's own stack
    const sp = h.getReg("sp");
    const id = h.addWatchpoint(sp - 0x4000n, 0x8000, "write", (_g, hit) => {
      expect(hit.watch?.write).toBe(true);
      return ++writes < 2000 ? "continue" : "stop";
    });
    expect(h.run()).toMatchObject({ reason: "watchpoint", watch: { id } });
    expect(writes).toBe(2000);
    h.removeWatchpoint(id);
    expect(h.run().reason).toBe("exit");
    expect(h.insns).toBe(g.insns);
  });

  it("a breakpoint at the entry point stops before anything runs", () => {
    const g = createGuest();
    const { entry } = g.loadElf(RV64I, ["rv64i"]);
    g.addBreakpoint(entry);
    expect(g.run()).toMatchObject({ reason: "breakpoint", insns: 0, pc: entry });
    expect(g.run().reason).toBe("exit");
  });

  it("watchpoints stop at the accessing instruction with the value about to be written", () => {
    // Find the first write() buffer, then watch it in a fresh identical run.
    let buf = 0n;
    let writeAt = 0;
    const a = createGuest({ deterministic: true });
    a.loadElf(DEMO, ["demo"]);
    a.onSyscall = (c, g) => {
      if (c.name === "write" && !buf) {
        buf = c.args[1];
        writeAt = g.insns;
      }
    };
    a.run();
    expect(buf).not.toBe(0n);

    const g = createGuest({ deterministic: true });
    g.loadElf(DEMO, ["demo"]);
    const id = g.addWatchpoint(buf, 1, "write");
    const r = g.run();
    expect(r.reason).toBe("watchpoint");
    expect(r.watch).toMatchObject({ id, write: true });
    expect(r.watch!.addr <= buf && buf < r.watch!.addr + BigInt(r.watch!.size)).toBe(true);
    expect(g.insns).toBeLessThan(writeAt);
    const before = g.readMemory(r.watch!.addr, r.watch!.size);
    expect(g.run(1).reason).toBe("budget"); // the store runs now
    const after = g.readMemory(r.watch!.addr, r.watch!.size);
    const v = after.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
    expect(v).toBe(r.watch!.value);
    expect(before.length).toBe(after.length);
    g.removeWatchpoint(id);
    expect(g.run().reason).toBe("exit");
    expect(dec(g.stdout()).trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
  });

  it("syscall hooks observe and override", () => {
    const g = createGuest({ deterministic: true });
    g.loadElf(DEMO, ["demo"]);
    let captured = "";
    const names = new Set<string>();
    g.onSyscall = (c, guest) => {
      names.add(c.name);
      if (c.name === "write") {
        const n = Number(c.args[2]);
        captured += dec(guest.readMemory(c.args[1], n));
        return { result: n };
      }
    };
    expect(g.run().reason).toBe("exit");
    expect(g.stdout().length).toBe(0); // the hook swallowed every write
    expect(captured.trimEnd().split("\n").at(-1)).toBe(LAST_LINE);
    expect(names.has("exit_group") || names.has("exit")).toBe(true);
  });

  it("maps memory, runs raw code, blocks on stdin until the embedder has data", () => {
    const input: Uint8Array[] = [];
    let out = "";
    const g = rawGuest(ECHO_ONCE, { stdin: () => input.shift() ?? null, onStdout: (b) => (out += dec(b)) });
    const r1 = g.run();
    expect(r1).toMatchObject({ reason: "blocked", syscall: 63 });
    expect(g.pc).toBe(0x10010n); // at the ecall
    input.push(new TextEncoder().encode("hello\n"));
    const r2 = g.run();
    expect(r2).toMatchObject({ reason: "exit", exitCode: 0 });
    expect(out).toBe("hello\n");
  });

  it("a loaded ELF reads stdin chunk by chunk, blocking between chunks", () => {
    const chunks = ["one\n", "two\n"].map((t) => new TextEncoder().encode(t));
    let done = false;
    const g = createGuest({ stdin: () => chunks.shift() ?? (done ? new Uint8Array(0) : null) });
    g.loadElf(elfOf(CAT), ["cat"]);
    let r = g.run();
    expect(r.reason).toBe("blocked");
    expect(dec(g.stdout())).toBe("one\ntwo\n");
    done = true;
    r = g.run();
    expect(r).toMatchObject({ reason: "exit", exitCode: 0 });
  });

  it("stops on faults before the signal, then delivers it", () => {
    // lw a0, 0(x0): a load page fault at address 0
    const g = rawGuest([(0 << 20) | (0 << 15) | (2 << 12) | (10 << 7) | 0x03]);
    const r = g.run();
    expect(r.reason).toBe("fault");
    expect(r.fault).toMatchObject({ cause: 13, addr: 0n, signal: 11 });
    expect(g.pc).toBe(0x10000n);
    const r2 = g.run();
    expect(r2).toMatchObject({ reason: "exit", signal: 11, exitCode: 139 });
  });

  it("uses an embedder-supplied file system", () => {
    const fs = new MemFs();
    fs.mkdirp("/etc");
    fs.writeFile("/etc/motd", "hi\n");
    const g = createGuest({ fs });
    expect(g.host.fs).toBe(fs);
    expect(g.host.fs.stat("/etc/motd", true)).toMatchObject({ size: 3n });
  });

  it("registers and memory", () => {
    const g = createGuest();
    g.loadElf(RV64I, ["rv64i"]);
    g.setReg("a0", -1n);
    expect(g.getReg("a0")).toBe(0xffffffffffffffffn);
    expect(g.getReg("x10")).toBe(g.getReg(10));
    g.setReg("zero", 5);
    expect(g.getReg(0)).toBe(0n);
    const sp = g.getReg("sp");
    expect(g.readU64(sp)).toBe(1n); // argc
    expect(g.readCString(g.readU64(sp + 8n))).toBe("rv64i");
    expect(() => g.readMemory(0, 4)).toThrow(RangeError);
    expect(g.mappings().some(([, , p]) => p === "r-x")).toBe(true);
  });

  it("imports nothing from Node (the whole module graph of src/embed and src/web)", () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      for (const m of src.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith(".")) walk(resolve(dirname(file), spec));
        else if (spec !== "@xterm/xterm") bad.push(`${file}: ${spec}`);
      }
    };
    const root = fileURLToPath(new URL("../../src/", import.meta.url));
    for (const entry of ["embed/index.ts", "web/worker.ts", "web/main.ts"]) walk(resolve(root, entry));
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });
});
