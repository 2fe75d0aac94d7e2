// tciemu-riscv64: run a riscv64 Linux program, with qemu-riscv64's command line (user-cli.ts).
//
//   tciemu-riscv64 [options] program [arguments...]
//
// The CPU is RV64GC with Zba, Zbb, Zbs and Zicond; QEMU's names for it (rv64, any, max) are accepted.
import { riscv64Abi } from "../linux-user/riscv64/abi.ts";
import { runUserCli } from "./user-cli.ts";

// Not awaited at the top level: the CLIs are built as CommonJS (tools/build/build.ts); a failure
// is still an unhandled rejection that ends the process with status 1.
void runUserCli(
  {
    command: "tciemu-riscv64",
    qemuName: "riscv64",
    abi: riscv64Abi,
    defaultCpu: "any",
    cpuUsage: "select CPU (only rv64 / any: RV64GC + Zba Zbb Zbs Zicond)",
    cpuHelp: "Available CPUs:\n  rv64 (RV64GC + Zba Zbb Zbs Zicond)\n  any\n",
    cpuOptions(cpu: string) {
      return ["rv64", "any", "max"].includes(cpu.split(",")[0]) ? {} : `unable to find CPU model '${cpu}'`;
    },
  },
  process.argv.slice(2),
);
