// The debug options of tciemu-riscv64: -d / -D / -dfilter handling and the --debug prompt.
import { Bc } from "../../src/tci/opcodes.ts";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, riscvTestdataDir } from "../../tools/debian/paths.ts";

const CLI = join(repoRoot(), "tools/bin/tciemu-riscv64");
const DEMO = join(riscvTestdataDir(), "debug", "gdbdemo.elf");

function cli(args: string[], input = "") {
  const r = spawnSync(CLI, args, { input, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("tciemu-riscv64 debug options", { timeout: 120_000 }, () => {
  test("-d help, unknown items, bad -dfilter", () => {
    const h = cli(["-d", "help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Log items \(comma separated\):\nout_asm {9}/);
    expect(h.stdout).toMatch(/\njit {13}show JIT statistics/);
    const u = cli(["-d", "in_asm,bogus", DEMO]);
    expect(u.code).toBe(1);
    expect(u.stdout).toMatch(/^Log items/);
    const f = cli(["-dfilter", "0x2000..0x1000", "-d", "in_asm", DEMO]);
    expect(f.code).toBe(1);
    expect(f.stderr).toBe("tciemu-riscv64: Bad range specifier\n");
  });

  test("-d in_asm,jit -D file; -d strace", () => {
    const dir = mkdtempSync(join(tmpdir(), "tciemu-cli-"));
    const log = join(dir, "log.txt");
    const r = cli(["-d", "in_asm,jit", "-D", log, DEMO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("total 84 counter 84\n");
    expect(r.stderr).toBe("");
    const text = readFileSync(log, "utf8");
    expect(text).toMatch(/^----------------\nIN: _start\n0x0001018e:  00002197          auipc/);
    expect(text).toMatch(/\nIN: add_squares\n/);
    expect(text).toMatch(/\nTranslation buffer state:\n/);
    const s = cli(["-d", "strace", DEMO]);
    expect(s.stderr).toMatch(/write\(1,0x[0-9a-f]+,20\) = 20\n/);
    expect(s.stderr).toMatch(/exit_group\(0\)/);
  });

  test("--debug: breakpoint, op steps, temps, registers, memory, watchpoint, jit, quit", () => {
    const cmds = ["b add_squares", "c", "sop 2", "info tb", "p a0", "x/1g counter", "w counter 8", "d", "c", "info b", "info jit", "q"];
    const r = cli(["--debug", DEMO], cmds.join("\n") + "\n");
    expect(r.code).toBe(137);
    expect(r.stdout).toBe("");
    const e = r.stderr;
    expect(e).toMatch(/^\[stopped at the program's entry\]\n0x000000000001018e <_start>:  auipc gp,0x2\n\(tciemu\) /);
    expect(e).toContain("breakpoint at 0x0000000000010120 <add_squares>");
    expect(e).toContain("[breakpoint]\n0x0000000000010120 <add_squares>:  mul a0,a0,a0\n");
    // sop 2: tb_start, then the first multiply with its bytecode words, input and output
    // (packed bytecode, spec/tci/README.md: the first operand shares the opcode word, 16-bit slot pairs share one)
    const tbStart = / op 0: tb_start \$0x0,\$0x0\n {4}[0-9a-f]{8}:  ([0-9a-f]{8}) [0-9a-f]{8} +tb_start \d+, tb\d+\n/.exec(e);
    expect(tbStart, e).not.toBeNull();
    // the opcode word's low 10 bits are the opcode (src/tci/format.ts)
    expect(parseInt(tbStart![1], 16) & 0x3ff).toBe(Bc.tb_start);
    expect(e).toMatch(
      / op 2: mul_i64 x10\/a0,x10\/a0,x10\/a0\n {4}[0-9a-f]{8}:  00007023 001c001c +mul_i64 x10\/a0, x10\/a0, x10\/a0\n {4}in: {2}x10\/a0=0x0000000000000001\n {4}out: x10\/a0=0x0000000000000001\n/,
    );
    expect(e).toMatch(/\n=> {2}mul_i64 x11\/a1,x11\/a1,x11\/a1\n/);
    expect(e).toContain("a0 = 0x0000000000000001 (1)");
    expect(e).toMatch(/0x0000000000011898: {2}0x0000000000000000\n/);
    expect(e).toMatch(/\[watchpoint 0x11898 len 8: old 0000000000000000 new 0500000000000000\]\n/);
    expect(e).toContain("watchpoint 0x0000000000011898 len 8");
    expect(e).toContain("Translation buffer state:");
  });

  test("--debug: si and stb, then end of input lets the program finish", () => {
    const r = cli(["--debug", DEMO], "si 3\nstb\ninfo reg pc\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("total 84 counter 84\n");
    expect(r.stderr).toMatch(
      /\(tciemu\) 0x0000000000010198 <_start\+0xa>:  add a1,sp,8   \[tb 0, op at \d+\]\n\(tciemu\) 0x000000000001013a <main>: /,
    );
    expect(r.stderr).toMatch(/\(tciemu\) pc 0x[0-9a-f]{16} \d+\n/);
  });
});
