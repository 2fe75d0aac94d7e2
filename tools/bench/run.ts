// npm run bench: every speed figure tciemu reports, measured in one run next to the references.
//
//   1. core micro-benchmarks: blocks built through the IR API (paired vs lowered i64), bytecode ops/s
//   2. Linux user mode: Debian riscv64 binaries under tciemu, QEMU TCI and QEMU JIT (tools/bench/user.ts);
//      short: the 1-3 s set (short Debian runs, coreutils md5sum and sort, a dash script), start-up included;
//      user-arm: the same workloads from Debian armhf under tciemu-arm, qemu-arm's TCI build and qemu-arm
//      user-i386: the same workloads as Debian i386 binaries, tciemu-i386 vs qemu-i386 (TCI and JIT)
//   3. system mode: Debian's kernel + OpenSBI booting to our initramfs shell, tciemu vs qemu-system-riscv64
//   3b. ARM system mode: Debian's armmp kernel to the same shell on the ARM virt board, tciemu vs
//       qemu-system-arm (tools/bench/arm-boot.ts)
//   4. start-up: `tciemu-riscv64 -L sysroot busybox true` vs `node -e 0` (tools/bench/startup.ts)
//   4b. translation: TBs translated per second by a cold and a warm process on short Debian runs
//       (busybox true, a dynamically linked coreutils ls, a dash script; tools/bench/translate.ts)
//   5. hosts: the demo through the package in Node, Node + SES, Deno, Bun (tools/bench/hosts.ts)
//   6. network: TCP into and out of the booted guest, tciemu's virtio-net + NAT vs qemu-system-riscv64
//      -netdev user (tools/bench/net.ts)
//   7. JIT-less: the demo under `node --jitless` next to the JIT (tools/bench/jitless.ts); with
//      --jitless-boot also the Debian boot of 3. under --jitless (minutes: off by default)
//   8. processes: a process-heavy dash script (pipes, $(...)), tciemu's one kernel vs Linux with
//      qemu-riscv64 through binfmt_misc (tools/bench/processes.ts)
//
// Options: --only core,user,short,user-arm,user-i386,boot,arm-boot,startup,translate,hosts,net,jitless,processes
//          --scale X (user workloads; also TCIEMU_BENCH_SCALE)
//          --net-mb N (MiB each way, default 32)
//          --jitless-boot (jitless: add the Debian boot under node --jitless)
// Missing reference emulators are reported in the table (with the command that provides them).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runCoreBench } from "./core.ts";
import { EMULATORS, formatUserTable, runUserBench } from "./user.ts";
import { runStartupBench } from "./startup.ts";
import { runTranslateBench } from "./translate.ts";
import { runHostsBench } from "./hosts.ts";
import { runArmBootBench } from "./arm-boot.ts";
import { runJitlessBench } from "./jitless.ts";
import { formatNetTable, runNetBench } from "./net.ts";
import { runProcessBench } from "./processes.ts";
import { bootFiles, bootToShell } from "./debian-boot.ts";
import { SHELL_STARTING } from "../system/initramfs.ts";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = (opt("only") ?? "core,user,short,user-arm,user-i386,boot,arm-boot,startup,translate,hosts,net,jitless,processes").split(",");
const scale = Number(opt("scale") ?? process.env.TCIEMU_BENCH_SCALE ?? 1);
const log = (s: string) => process.stdout.write(s + "\n");

log(
  `tciemu bench — node ${process.version}, load average ${loadavg()[0].toFixed(1)} (ratios are meaningful, absolutes only on a quiet machine)\n`,
);

if (only.includes("core")) {
  log("## Core micro-benchmarks (chained loops built through the TCG builder API)");
  runCoreBench(2, log);
  log("");
}

if (only.includes("user")) {
  log(`## Linux user mode: Debian riscv64 binaries (scale ${scale})`);
  const rows = await runUserBench({ scale, emulators: [...EMULATORS], log: (s) => log("  " + s) });
  log(formatUserTable(rows, "wall"));
  log("");
}

if (only.includes("short")) {
  log("## Short runs (issue 17.3): 1-3 s programs under QEMU TCI, start-up included (riscv64 userland)");
  const rows = await runUserBench({ scale, set: "short", emulators: ["tciemu", "qemu-tci"], log: (s) => log("  " + s) });
  log(formatUserTable(rows, "wall"));
  log(formatUserTable(rows, "cpu"));
  log("");
}

if (only.includes("user-arm")) {
  log(`## Linux user mode: Debian armhf binaries, -cpu cortex-a15,neon=off,vfp-d32=off (scale ${scale})`);
  const rows = await runUserBench({ scale, emulators: [...EMULATORS], guest: "arm", log: (s) => log("  " + s) });
  log(formatUserTable(rows, "wall"));
  log("");
}

if (only.includes("user-i386")) {
  log(`## Linux user mode: Debian i386 binaries (scale ${scale}; every QEMU with -cpu qemu32,-sse3)`);
  const rows = await runUserBench({ scale, emulators: [...EMULATORS], guest: "i386", log: (s) => log("  " + s) });
  log(formatUserTable(rows, "wall"));
  log("");
}

if (only.includes("boot")) {
  log("## System mode: Debian kernel + OpenSBI to the initramfs shell");
  const files = bootFiles();
  if (!files) log("  missing: run 'bash tools/debian/fetch.sh system'");
  else {
    const { kernel, bios, initrd } = files;
    // tciemu, in-process (real-time clock, as a user would run it)
    const { ok, insns, secs } = bootToShell(files, 600);
    // QEMU JIT on the same files, wall time to the same marker
    const qemuSecs = await new Promise<number | null>((resolve) => {
      const q0 = performance.now();
      let qout = "";
      const initrdPath = join(mkdtempSync(join(tmpdir(), "tciemu-bench-")), "initrd.gz");
      writeFileSync(initrdPath, initrd);
      const p = spawn(
        "qemu-system-riscv64",
        ["-M", "virt", "-m", "256M", "-bios", bios, "-kernel", kernel, "-initrd", initrdPath, "-append", "console=ttyS0", "-nographic"],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      p.on("error", () => resolve(null));
      p.stdout.on("data", (d: Buffer) => {
        qout += d.toString("latin1");
        if (qout.includes(SHELL_STARTING)) {
          resolve((performance.now() - q0) / 1000);
          p.kill("SIGKILL");
        }
      });
      setTimeout(() => {
        p.kill("SIGKILL");
        resolve(null);
      }, 120_000);
    });
    log("| emulator | guest insns to shell | wall s | MIPS |");
    log("|---|---:|---:|---:|");
    log(
      `| tciemu (Node) | ${ok ? insns.toLocaleString("en-US") : "did not reach the shell"} | ${secs.toFixed(1)} | ${(insns / secs / 1e6).toFixed(1)} |`,
    );
    log(
      `| qemu-system-riscv64 (JIT) | (same kernel) | ${qemuSecs === null ? "n/a (apt-get install qemu-system-misc)" : qemuSecs.toFixed(1)} | |`,
    );
    if (qemuSecs !== null) log(`\ntciemu/QEMU-JIT boot-time ratio: ${(secs / qemuSecs).toFixed(1)}x slower`);
    // The browser: the Chromium boot test measures click -> shell prompt in the strict-CSP page.
    log("\nBrowser (Debian's Chromium, strict-CSP page, worker):");
    const browser = await new Promise<string>((resolve) => {
      let text = "";
      const p = spawn(process.execPath, [join("node_modules", "vitest", "vitest.mjs"), "run", "test/web/boot.test.ts"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      p.stdout.on("data", (d: Buffer) => (text += d.toString()));
      p.stderr.on("data", (d: Buffer) => (text += d.toString()));
      p.on("close", () => resolve(text.replace(/\x1b\[[0-9;]*m/g, ""))); // vitest's colours
      p.on("error", () => resolve(""));
    });
    const line = browser.split("\n").find((l) => l.includes("browser boot ("));
    log(line ? `  ${line.trim()}` : "  browser boot not measured (needs apt-get install chromium; see test/web/boot.test.ts)");
    // Like for like (issue 17.4: the page within 1.3x of Node): the test boots the page's own files
    // (its initramfs also loads the net and 9p modules) on the same board in Node, to the same prompt.
    const nodeLine = browser.split("\n").find((l) => l.includes("node boot (same board"));
    if (line && nodeLine) log(`  ${nodeLine.trim()}`);
  }
}

if (only.includes("arm-boot")) {
  log("\n## ARM system mode: Debian armmp kernel to the initramfs shell (virt, cortex-a15)");
  await runArmBootBench(log);
}

if (only.includes("processes")) {
  log("\n## Processes: a process-heavy dash script, tciemu vs Linux + qemu-riscv64 (binfmt_misc)");
  await runProcessBench(log);
}

if (only.includes("startup")) {
  log("\n## Start-up: tciemu-riscv64 -L sysroot busybox true (compiled CLI) vs node -e 0");
  await runStartupBench({ log });
}

if (only.includes("translate")) {
  log("\n## Translation: TBs translated per second, cold (first process) and warm (tools/bench/translate.ts)");
  await runTranslateBench({ log });
}

if (only.includes("hosts")) {
  log("\n## JavaScript hosts: the demo through the package");
  await runHostsBench({ log });
}

if (only.includes("net")) {
  const mb = Number(opt("net-mb") ?? 32);
  log(`\n## Network: TCP through the booted guest's virtio-net (${mb} MiB each way)`);
  try {
    const rows = await runNetBench({ mb, log: (s) => log("  " + s) });
    log(formatNetTable(rows, mb));
  } catch (e) {
    log(`  ${(e as Error).message}`);
  }
}

if (only.includes("jitless")) {
  log("\n## JIT-less: node --jitless (browsers with the JIT disabled)");
  await runJitlessBench({ log, boot: args.includes("--jitless-boot") });
}
