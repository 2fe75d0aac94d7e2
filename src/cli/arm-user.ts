// tciemu-arm: run a 32-bit ARM (armhf) Linux program, with qemu-arm's command line (user-cli.ts).
//
//   tciemu-arm [options] program [arguments...]
//
// The CPU is QEMU's cortex-a15 with Neon and D16-D31 off (ARMv7VE, Thumb-2, VFPv4-D16), the default
// and only model; -cpu properties may only restate that.
import { armAbi } from "../linux-user/arm/abi.ts";
import { runUserCli } from "./user-cli.ts";

const CPU_MODEL = "cortex-a15";

// Not awaited at the top level: the CLIs are built as CommonJS (tools/build/build.ts); a failure
// is still an unhandled rejection that ends the process with status 1.
void runUserCli(
  {
    command: "tciemu-arm",
    qemuName: "arm",
    abi: armAbi,
    defaultCpu: CPU_MODEL,
    cpuUsage: `select CPU (-cpu help for list): ${CPU_MODEL} (neon=off,vfp-d32=off)`,
    cpuHelp: `Available CPUs:
  ${CPU_MODEL}  (ARMv7VE, Thumb-2, VFPv4-D16, no Advanced SIMD: QEMU's cortex-a15,neon=off,vfp-d32=off)
  max         (the same)
  any         (the same)
`,
    /** -cpu MODEL[,feature=on|off...]: tciemu has no Advanced SIMD or D16-D31, so only neon=off and vfp-d32=off. */
    cpuOptions(spec: string) {
      const [model, ...props] = spec.split(",");
      if (![CPU_MODEL, "max", "any"].includes(model!)) return `unable to find CPU model '${model}'`;
      for (const p of props) {
        const [k, v] = p.split("=");
        if ((k === "neon" || k === "vfp-d32") && (v === "off" || v === "false")) continue;
        return `CPU property '${p}' is not supported (tciemu's ${CPU_MODEL} has neon=off,vfp-d32=off)`;
      }
      return {};
    },
  },
  process.argv.slice(2),
);
