// The embedding API with the ARM guest: createGuest({ abi: "arm" }) and abiForElf on an armhf ELF, a
// breakpoint on a Thumb function, registers by ARM name, memory, a syscall hook, and the run to exit,
// whose output must equal qemu-arm's for the same program.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { abiForElf, createGuest } from "../../src/embed/index.ts";
import { SymbolTable } from "../../src/debug/symbols.ts";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const ELF = join(repoRoot(), "testdata", "arm", "excl.elf");

test("createGuest runs an armhf program as qemu-arm does, with breakpoints, registers and hooks", () => {
  const q = trixieQemuUser("arm");
  if (!q) throw new Error("qemu-arm (Debian trixie) is missing: bash tools/debian/fetch.sh qemu");
  const ref = spawnSync(q, ["-cpu", "cortex-a15,neon=off,vfp-d32=off", ELF], { maxBuffer: 1 << 24 });
  expect(ref.status).toBe(0);

  const elf = new Uint8Array(readFileSync(ELF));
  expect(abiForElf(elf)?.name).toBe("arm");
  const g = createGuest({ abi: "arm", deterministic: true });
  g.loadElf(elf, ["excl.elf"]);
  const main = SymbolTable.fromElf(elf, 0).byNameLookup("main");
  expect(main, "main in excl.elf's symbols").toBeDefined();
  const mainPc = main!.addr & ~1; // a Thumb function: bit 0 of the symbol is the state, not the address
  g.addBreakpoint(mainPc);
  const calls: string[] = [];
  g.onSyscall = (c) => {
    calls.push(c.name);
  };
  let r = g.run(10_000_000);
  expect(r.reason).toBe("breakpoint");
  expect(g.getReg("pc")).toBe(BigInt(mainPc));
  expect(g.getReg("r0")).toBe(1n); // argc
  const sp = g.getReg("sp");
  expect(g.readMemory(sp - 4n, 4).length).toBe(4); // the runtime's static stack: sp is its top
  do r = g.run(10_000_000);
  while (r.reason === "budget");
  expect(r.reason).toBe("exit");
  expect(g.exited?.exitCode).toBe(0);
  expect(Buffer.from(g.stdout()).toString("latin1")).toBe(ref.stdout.toString("latin1"));
  expect(calls).toContain("set_tls");
  expect(calls).toContain("write");
});
