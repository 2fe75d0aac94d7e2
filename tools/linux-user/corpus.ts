// Runs the Debian corpus (test/linux-user/corpus.ts, or test/arm/corpus.ts with --arm) under tciemu
// and qemu-user and reports differences and times:
//   npx tsx tools/linux-user/corpus.ts [--arm] [name-substring] [--strace]
import { CORPUS } from "../../test/linux-user/corpus.ts";
import { ARM_CORPUS, QEMU_ARM_CPU, requireArmTools } from "../../test/arm/corpus.ts";
import { diff, requireTools, runQemu, runTciemu } from "../../test/linux-user/harness.ts";
import { armAbi } from "../../src/linux-user/arm/abi.ts";

const args = process.argv.slice(2);
const strace = args.includes("--strace");
const arm = args.includes("--arm");
const filter = args.find((a) => !a.startsWith("--")) ?? "";
const { qemu, sysroot } = arm ? requireArmTools() : requireTools();
let fails = 0;
for (const c of arm ? ARM_CORPUS : CORPUS) {
  if (!c.name.includes(filter)) continue;
  const q = runQemu(c, qemu, sysroot, arm ? QEMU_ARM_CPU : []);
  let t;
  try {
    t = runTciemu(c, sysroot, { strace, ...(arm ? { abi: armAbi } : {}) });
  } catch (e) {
    fails++;
    console.log(`FAIL ${c.name}: threw ${(e as Error).stack}`);
    continue;
  }
  const d = diff(q, t);
  if (d) fails++;
  console.log(
    `${d ? "FAIL" : "ok  "} ${c.name}  (qemu ${q.ms.toFixed(0)} ms, tciemu ${t.ms.toFixed(0)} ms, ${((t.insns ?? 0) / 1e6).toFixed(1)} M insns; ` +
      `${q.stdout.length} bytes out, ${q.stderr.length} err, status ${q.status})${d ? "\n  " + d : ""}`,
  );
}
console.log(`${fails} failed`);
