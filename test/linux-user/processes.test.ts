// Multi-process Linux user mode against Linux itself: shell scripts (testdata/linux-user/scripts)
// run by Debian's riscv64 dash and bash under tciemu and under Linux with qemu-riscv64 registered
// through binfmt_misc (tools/linux-user/linux-reference.sh). Standard output, standard error and
// the exit status must be byte-identical. The reference needs root (or unprivileged user
// namespaces) and Linux >= 6.7; without it the tests FAIL with the command to check it.
import { describe, expect, test } from "vitest";
import { diff, requireTools } from "./harness.ts";
import { loadScripts, referenceProblem, runScriptLinux, runScriptTciemu } from "./scripts-harness.ts";

describe("shell scripts match Linux with qemu-riscv64 through binfmt_misc", () => {
  test("the Linux reference can run here", () => {
    requireTools();
    expect(referenceProblem()).toBeNull();
  });
  for (const c of loadScripts()) {
    for (const shell of c.shells) {
      test(`${shell} ${c.name}`, { timeout: 900_000 }, () => {
        requireTools();
        const problem = referenceProblem();
        if (problem) throw new Error(problem);
        const want = runScriptLinux(c, shell);
        const got = runScriptTciemu(c, shell);
        const d = diff(want, got);
        if (d) throw new Error(`${shell} ${c.name}: ${d}`);
      });
    }
  }
});
