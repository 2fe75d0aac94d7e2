// Shared helpers for the debugger tests: run a testdata program plainly or under a DebugSession
// driven by a scripted controller, and capture everything that must match (exit, output, guest
// instruction count, registers, a hash of all mapped memory).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { riscvTestdataDir } from "../../tools/debian/paths.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { LinuxProcess, type ProcessOptions } from "../../src/linux-user/process.ts";
import { riscvCpuOf } from "../../src/linux-user/riscv64/cpu.ts";
import { LOAD_VAL, PC } from "../../src/target/riscv/cpu-state.ts";
import { linuxDebugTarget } from "../../src/debug/linux-user.ts";
import { DebugSession, type Command, type Controller } from "../../src/debug/session.ts";
import type { OpStep } from "../../src/debug/stepper.ts";

export function testElf(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(riscvTestdataDir(), rel)));
}

export interface Outcome {
  exitCode: number;
  stdout: string;
  insns: number;
  regs: number[];
  memHash: string;
}

function capture(p: LinuxProcess, host: BufferHost, exitCode: number): Outcome {
  const read = linuxDebugTarget(p).readMem;
  let h = 0x811c9dc5;
  for (const [lo, hi] of p.as.ranges()) {
    const d = read(lo, hi - lo);
    if (!d) continue;
    for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 0x01000193);
    h = Math.imul(h ^ (lo / 4096), 0x01000193);
  }
  return {
    exitCode,
    stdout: Buffer.from(host.stdout()).toString("latin1"),
    insns: p.cpu.exec.insns,
    regs: Array.from(riscvCpuOf(p).R.subarray(PC, LOAD_VAL + 2)),
    memHash: (h >>> 0).toString(16),
  };
}

export function newProcess(elf: Uint8Array, opts: ProcessOptions = {}): { p: LinuxProcess; host: BufferHost } {
  const host = new BufferHost();
  // Deterministic: AT_RANDOM and the clocks are the same in every run.
  host.randomBytes = (n: number) => new Uint8Array(n);
  host.clock = () => 1_700_000_000_000_000_000n;
  const p = new LinuxProcess(host, opts);
  p.load(elf, ["prog"], []);
  return { p, host };
}

export function runPlain(elf: Uint8Array, opts: ProcessOptions = {}): Outcome {
  const { p, host } = newProcess(elf, opts);
  const r = p.run();
  return capture(p, host, r.exitCode);
}

/** A controller that answers every stop from a script function. */
export class Scripted implements Controller {
  stops: { kind: string; pc: bigint }[] = [];
  constructor(
    readonly next: (n: number, s: DebugSession) => Command,
    readonly onOp?: (s: OpStep) => void,
  ) {
    if (onOp) this.opStepped = onOp;
  }
  opStepped?: (s: OpStep) => void;
  stopped(ev: { reason: { kind: string }; pc: bigint }, s: DebugSession): Command {
    this.stops.push({ kind: ev.reason.kind, pc: ev.pc });
    return this.next(this.stops.length - 1, s);
  }
}

export function runDebugged(elf: Uint8Array, ctl: Controller, opts: ProcessOptions = {}): Outcome & { session: DebugSession } {
  const { p, host } = newProcess(elf, opts);
  const t = linuxDebugTarget(p);
  const session = new DebugSession(t.exec, ctl, {
    arch: t.arch,
    readMem: t.readMem,
    writeMem: t.writeMem,

    isSyscall: t.isSyscall,
  }).attach();
  const r = p.run();
  return { ...capture(p, host, r.exitCode), session };
}
