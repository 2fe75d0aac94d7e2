// The gdb protocol logic without gdb: packets through an in-memory transport.
import { describe, expect, test } from "vitest";
import { GdbStub, type GdbTransport } from "../../src/debug/gdbstub.ts";
import { DebugKill, DebugSession } from "../../src/debug/session.ts";
import { executableSymbols, linuxDebugTarget } from "../../src/debug/linux-user.ts";
import { newProcess, testElf } from "./harness.ts";

const pkt = (p: string) => {
  let s = 0;
  for (const c of p) s = (s + c.charCodeAt(0)) & 0xff;
  return `$${p}#${s.toString(16).padStart(2, "0")}`;
};

/** Feeds scripted input: each entry is returned by one read(); the replies are collected. */
class ScriptTransport implements GdbTransport {
  sent = "";
  constructor(private inputs: string[]) {}
  read(): Uint8Array | null {
    const s = this.inputs.shift();
    return s === undefined ? null : new Uint8Array(Buffer.from(s, "latin1"));
  }
  write(d: Uint8Array): void {
    this.sent += Buffer.from(d).toString("latin1");
  }
  replies(): string[] {
    return [...this.sent.matchAll(/\$([^#]*)#[0-9a-f]{2}/g)].map((m) => m[1]);
  }
}

function session(elf: Uint8Array, inputs: string[]) {
  const { p, host } = newProcess(elf);
  const t = linuxDebugTarget(p);
  const tr = new ScriptTransport(inputs);
  const stub = new GdbStub(tr, {
    arch: t.arch,
    R: t.R,
    readMem: t.readMem,
    writeMem: t.writeMem,
    monitor: (c) => (c === "echo" ? "hi\n" : null),
  });
  new DebugSession(t.exec, stub, {
    arch: t.arch,
    readMem: t.readMem,
    writeMem: t.writeMem,

    isSyscall: t.isSyscall,
    exactSteps: true,
  }).attach();
  return { p, host, tr, stub };
}

describe("gdb remote protocol", () => {
  const elf = testElf("debug/gdbdemo.elf");
  const fn = executableSymbols(elf).byNameLookup("add_squares")!;

  test("queries, registers, memory, breakpoints, stepping, exit", () => {
    const { p, tr, stub } = session(elf, [
      "+" + pkt("qSupported:multiprocess+;swbreak+;xmlRegisters=i386"),
      pkt("qXfer:features:read:target.xml:0,ffb"),
      pkt("qXfer:features:read:riscv-64bit-fpu.xml:0,40"),
      pkt("?"),
      pkt("g"),
      pkt("p20"),
      pkt("p42"),
      pkt("qAttached"),
      pkt("qfThreadInfo") + pkt("qsThreadInfo"),
      pkt(`Z0,${fn.addr.toString(16)},2`),
      pkt("vCont?"),
      pkt("vCont;c"),
      pkt("p20"),
      pkt(`m${fn.addr.toString(16)},4`),
      pkt("qRcmd," + Buffer.from("echo").toString("hex")),
      pkt("s"),
      pkt("p20"),
      pkt(`z0,${fn.addr.toString(16)},2`),
      pkt("c"),
      ...Array<string>(50).fill(""), // polls for Ctrl-C while it runs to the end: nothing
    ]);
    const r = p.run();
    stub.exited(r.exitCode);
    expect(r.exitCode).toBe(0);
    const rep = tr.replies();
    expect(rep[0]).toBe("PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+");
    expect(rep[1]).toMatch(
      /^l<\?xml version="1.0"\?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n<target>\n  <architecture>riscv:rv64<\/architecture>/,
    );
    expect(rep[2]).toMatch(/^m<\?xml/); // more to come: only 0x40 bytes asked
    expect(rep[3]).toBe("T05thread:1;");
    expect(rep[4].length).toBe(2 * (33 * 8 + 32 * 8 + 3 * 4)); // x0..x31, pc, f0..f31, fflags, frm, fcsr
    expect(rep[5]).toMatch(/^[0-9a-f]{16}$/); // pc at the entry
    expect(rep[6]).toBe("00000000"); // frm
    expect(rep[7]).toBe("1");
    expect(rep.slice(8, 10)).toEqual(["m1", "l"]);
    expect(rep[10]).toBe("OK");
    expect(rep[11]).toBe("vCont;c;C;s;S");
    expect(rep[12]).toBe("T05thread:1;swbreak:;"); // the breakpoint hit
    const le = (v: number) => Buffer.from(new BigUint64Array([BigInt(v)]).buffer).toString("hex");
    expect(rep[13]).toBe(le(fn.addr));
    expect(rep[14]).toBe("02a50533".match(/../g)!.reverse().join("")); // mul a0,a0,a0
    expect(rep[15]).toBe("O" + Buffer.from("hi\n").toString("hex"));
    expect(rep[16]).toBe("OK");
    expect(rep[17]).toBe("T05thread:1;"); // after the step
    expect(rep[18]).toBe(le(fn.addr + 4));
    expect(rep[19]).toBe("OK");
    expect(rep[20]).toBe("W00");
  });

  test("Ctrl-C interrupts a running guest; k kills it", () => {
    const demo = testElf("demo.elf");
    const { p, tr } = session(demo, [pkt("c"), "", "", "\x03", pkt("p20"), pkt("k")]);
    expect(() => p.run()).toThrow(DebugKill);
    const rep = tr.replies();
    expect(rep[0]).toBe("T02thread:1;");
    expect(rep[1]).toMatch(/^[0-9a-f]{16}$/);
  });
});
