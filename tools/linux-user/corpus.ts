// Runs the Debian corpus (test/linux-user/corpus.ts) under tciemu and qemu-riscv64 and reports
// differences and times:  npx tsx tools/linux-user/corpus.ts [name-substring] [--strace]
import { CORPUS } from "../../test/linux-user/corpus.ts";
import { diff, requireTools, runQemu, runTciemu } from "../../test/linux-user/harness.ts";

const args = process.argv.slice(2);
const strace = args.includes("--strace");
const filter = args.find((a) => !a.startsWith("--")) ?? "";
const { qemu, sysroot } = requireTools();
let fails = 0;
for (const c of CORPUS) {
  if (!c.name.includes(filter)) continue;
  const q = runQemu(c, qemu, sysroot);
  let t;
  try {
    t = runTciemu(c, sysroot, { strace });
  } catch (e) {
    fails++;
    console.log(`FAIL ${c.name}: threw ${(e as Error).stack}`);
    continue;
  }
  const d = diff(q, t);
  if (d) fails++;
  console.log(
    `${d ? "FAIL" : "ok  "} ${c.name}  (qemu ${q.ms.toFixed(0)} ms, tciemu ${t.ms.toFixed(0)} ms, ${((t.insns ?? 0) / 1e6).toFixed(1)} M insns)${d ? "\n  " + d : ""}`,
  );
}
console.log(`${fails} failed`);
