// tciemu-i386: run an i386 Linux program, with qemu-i386's command line (user-cli.ts).
//
//   tciemu-i386 [options] program [arguments...]
//
// The CPU is QEMU's `qemu32` without SSE3 (i686 with MMX, SSE, SSE2), the model whose CPUID matches
// what tciemu implements; `-cpu qemu32,-sse3,+clflush` adds CLFLUSH.
import { i386Abi } from "../linux-user/i386/abi.ts";
import type { I386UserCpuOptions } from "../linux-user/i386/cpu.ts";
import type { ProcessOptions } from "../linux-user/process.ts";
import { QEMU32_NO_SSE3, QEMU32_NO_SSE3_CLFLUSH } from "../target/i386/cpu-model.ts";
import { runUserCli } from "./user-cli.ts";

const MODELS = [QEMU32_NO_SSE3, QEMU32_NO_SSE3_CLFLUSH];

// Not awaited at the top level: the CLIs are built as CommonJS (tools/build/build.ts); a failure
// is still an unhandled rejection that ends the process with status 1.
void runUserCli(
  {
    command: "tciemu-i386",
    qemuName: "i386",
    abi: i386Abi,
    defaultCpu: QEMU32_NO_SSE3.qemuCpu,
    cpuUsage: "select CPU (qemu32,-sse3: i686 + MMX SSE SSE2; -cpu help)",
    cpuHelp:
      "Available CPUs:\n" +
      "  qemu32,-sse3          QEMU Virtual CPU version 2.5+ without SSE3: i686, MMX, SSE, SSE2 (default)\n" +
      "  qemu32,-sse3,+clflush the same with CLFLUSH\n",
    cpuOptions(cpu: string) {
      const norm = cpu.replace(/\s+/g, "");
      const m = MODELS.find((x) => x.qemuCpu === norm);
      if (!m)
        return `unable to find CPU model '${cpu}' (tciemu-i386 implements ${MODELS.map((x) => x.qemuCpu).join(" and ")}; see -cpu help)`;
      const o: I386UserCpuOptions & Partial<ProcessOptions> = { model: m };
      return o;
    },
  },
  process.argv.slice(2),
);
