// The embedding API with the i386 guest: createGuest({ abi: "i386" }) runs the int $0x80 hello, stops
// at a breakpoint on its first int $0x80 with the registers qemu-i386 has there (its -d cpu log with
// one instruction per TB), and prints what qemu-i386 prints.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { abiForElf, createGuest } from "../../src/embed/index.ts";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const ELF = join(repoRoot(), "testdata/i386/hello/hello.elf");
const INT80 = 0x08049014; // the first int $0x80 (testdata/i386/hello/hello.S)

/** qemu-i386's registers when it reaches `pc`, and its stdout. */
function qemuAt(pc: number): { regs: Record<string, number>; stdout: string } {
  const qemu = trixieQemuUser("i386");
  if (!qemu) throw new Error("no trixie qemu-i386: run 'bash tools/debian/fetch.sh qemu'");
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-embed-"));
  try {
    const log = join(dir, "cpu.log");
    const r = spawnSync(qemu, ["-cpu", "qemu32,-sse3", "-one-insn-per-tb", "-d", "cpu,nochain", "-D", log, ELF], { encoding: "latin1" });
    const text = readFileSync(log, "latin1");
    const at = text.split(/\n(?=EAX=)/).find((b) => new RegExp(`EIP=${pc.toString(16).padStart(8, "0")}\\b`).test(b));
    if (!at) throw new Error(`qemu-i386 never reached 0x${pc.toString(16)}`);
    const regs: Record<string, number> = {};
    for (const m of at.matchAll(/\b(EAX|EBX|ECX|EDX|ESI|EDI|EBP|ESP)=([0-9a-f]{8})/g)) regs[m[1]!.toLowerCase()] = parseInt(m[2]!, 16);
    return { regs, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  "createGuest({ abi: 'i386' }) runs the hello like qemu-i386, stopping at a breakpoint with its registers",
  { timeout: 120_000 },
  () => {
    const elf = new Uint8Array(readFileSync(ELF));
    expect(abiForElf(elf)?.name).toBe("i386");
    const q = qemuAt(INT80);
    let out = "";
    const g = createGuest({ abi: "i386", onStdout: (b) => (out += new TextDecoder().decode(b)) });
    g.loadElf(elf, ["hello"]);
    g.addBreakpoint(INT80);
    const r = g.run(1_000_000);
    expect(r.reason).toBe("breakpoint");
    // esp depends on the argv and environment strings on the stack, which differ from qemu's command line
    delete q.regs["esp"];
    for (const [name, v] of Object.entries(q.regs)) expect([name, Number(g.getReg(name as never))]).toEqual([name, v]);
    const end = g.run(1_000_000);
    expect(end.reason).toBe("exit");
    expect(out).toBe(q.stdout);
  },
);
