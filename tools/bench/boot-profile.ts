// Where the riscv64 Debian boot's time goes (issue 17.4). Two steps:
//
//   npx tsx tools/bench/boot-profile.ts kallsyms OUT.txt
//       boots (test-mode initramfs + a scratch virtio-blk disk) and copies the guest's /proc/kallsyms
//       to the disk (`cat /proc/kallsyms > /dev/vda`: the console would take billions of instructions
//       for 5 MB), then writes it to OUT.txt. Debian's System.map is a stub; the kernel has no KASLR
//       seed on our board, so the addresses are those of every boot.
//   npx tsx tools/bench/boot-profile.ts profile KALLSYMS.txt [--every N] [--icount]
//       boots the bench's configuration (bench/run.ts "boot": no modules, console=ttyS0, real-time
//       clock unless --icount) to the shell, sampling the guest pc every N instructions (default
//       200 000), and prints the top functions, the privilege modes, and the engine's counters (TB
//       exits, translations, TLB fills) per phase.
import { readFileSync, writeFileSync } from "node:fs";
import { opensbiFirmware, systemBusybox, systemKernel } from "../debian/paths.ts";
import { defaultModulesDir } from "../system/make-initramfs.ts";
import { buildInitramfs, SHELL_STARTING, TEST_PROMPT, TEST_RC_PREFIX } from "../system/initramfs.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { memoryDisk } from "../../src/hw/virtio-blk.ts";
import { BC_NAMES } from "../../src/tci/opcodes.ts";
import { insnWordsAt, opcodeAt } from "../../src/tci/format.ts";

const [mode, file] = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf("--" + name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const kernel = systemKernel();
const bios = opensbiFirmware("fw_dynamic", "bin");
const busybox = systemBusybox();
if (!kernel || !bios || !busybox) throw new Error("run 'bash tools/debian/fetch.sh system'");

if (mode === "kallsyms") {
  const modulesDir = defaultModulesDir();
  if (modulesDir === undefined) throw new Error("no Debian kernel modules: run 'bash tools/debian/fetch.sh system'");
  const initrd = buildInitramfs({ busybox, modules: ["virtio_mmio", "virtio_blk"], modulesDir }).gz;
  const disk = new Uint8Array(32 << 20);
  let out = "";
  const board = new VirtBoard({
    ramBytes: 256 << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd,
    append: "console=ttyS0 tciemu.test=1",
    disks: [memoryDisk(disk)],
    serialOut: (b) => (out += new TextDecoder().decode(b)),
  });
  const waitFor = (s: string, from: number) => {
    for (;;) {
      const i = out.indexOf(s, from);
      if (i >= 0) return i + s.length;
      if (board.machine.run(2_000_000) === "exit") throw new Error("machine stopped:\n" + out.slice(-2000));
    }
  };
  let pos = waitFor(TEST_PROMPT, 0);
  board.input(new TextEncoder().encode("cat /proc/kallsyms > /dev/vda; sync; wc -c /proc/kallsyms\n"));
  pos = waitFor(TEST_RC_PREFIX, pos);
  waitFor(TEST_PROMPT, pos);
  const end = disk.indexOf(0);
  writeFileSync(file, disk.subarray(0, end < 0 ? disk.length : end));
  console.log(`wrote ${end} bytes of kallsyms to ${file}`);
  console.log(out.slice(out.lastIndexOf("wc -c")).slice(0, 200));
} else if (mode === "profile") {
  // Text symbols, sorted by address (numbers below 2^53 are exact for kernel addresses > 2^63? no:
  // kernel addresses are 0xffffffff8xxxxxxx, so keep them as offsets from the lowest).
  const syms: { addr: bigint; name: string }[] = [];
  for (const line of readFileSync(file, "latin1").split("\n")) {
    const [a, t, n] = line.split(/\s+/);
    if (!n || !/^[tTwW]$/.test(t)) continue;
    syms.push({ addr: BigInt("0x" + a), name: n });
  }
  syms.sort((x, y) => (x.addr < y.addr ? -1 : x.addr > y.addr ? 1 : 0));
  const symOf = (pc: bigint): string => {
    if (syms.length === 0 || pc < syms[0].addr) return pc < 0x100000000n ? "(physical/OpenSBI)" : "(below kernel text)";
    let lo = 0,
      hi = syms.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (syms[mid].addr <= pc) lo = mid;
      else hi = mid - 1;
    }
    return syms[lo].name;
  };
  const every = Number(opt("every") ?? 200_000);
  const initrd = buildInitramfs({ busybox }).gz;
  let out = "";
  // eslint-disable-next-line prefer-const
  let board: VirtBoard | undefined;
  board = new VirtBoard({
    ramBytes: 256 << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd,
    append: "console=ttyS0",
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    ...(process.argv.includes("--icount") ? { icountShift: 0 } : {}),
    // --virtual-clock: the "host" clock is 1 ns per guest instruction, so the board runs as in real
    // time (approximate slice budgets) but the guest takes the same path whatever the host's speed
    // (for callgrind, where real time would be ~50 times slower than the guest expects).
    ...(process.argv.includes("--virtual-clock") ? { hostNowNs: () => (board ? board.machine.cpu.instret() : 0) } : {}),
    ...(opt("code-words") ? { codeWords: Number(opt("code-words")) } : {}),
    ...(opt("max-tbs") ? { maxTbs: Number(opt("max-tbs")) } : {}),
  });
  const m = board.machine;
  const hist = new Map<string, number>();
  const histMs = new Map<string, number>();
  let tPrev = performance.now();
  const privs = [0, 0, 0, 0];
  let samples = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const exec = m.exec;
  // --opmix: every TB entered through the loop (the observer turns chaining and the jump cache off),
  // its bytecode histogram weighted by entries, per guest function; and what was translated, per function.
  const opmix = process.argv.includes("--opmix");
  exec.translationClock = () => performance.now();
  const runs = new Map<number, number>();
  const translatedBy = new Map<string, number>();
  if (opmix)
    exec.addObserver({
      enterTb: (tb) => runs.set(tb, (runs.get(tb) ?? 0) + 1),
      encoded: (tb) => {
        const n = symOf((BigInt(exec.tbs.pcHi[tb] >>> 0) << 32n) | BigInt(exec.tbs.pcLo[tb] >>> 0));
        translatedBy.set(n, (translatedBy.get(n) ?? 0) + exec.tbs.icount[tb]);
      },
    });
  while (!out.includes(SHELL_STARTING)) {
    const r = m.run(every);
    if (r === "exit") break;
    const pc = m.cpu.pc;
    const name = symOf(pc);
    hist.set(name, (hist.get(name) ?? 0) + 1);
    // the slice's host time, charged to where it ended (a time-weighted view next to the count one)
    const tNow = performance.now();
    histMs.set(name, (histMs.get(name) ?? 0) + tNow - tPrev);
    tPrev = tNow;
    privs[m.priv.priv]++;
    samples++;
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`boot: ${m.insns} insns, ${secs.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${samples} samples`);
  console.log(`privilege samples: U ${privs[0]} S ${privs[1]} M ${privs[3]}`);
  console.log(
    `TB exits to the loop ${exec.tbExits} (chainable ${exec.tbExitsChainable}), insns translated ${exec.insnsTranslated}, ops ${exec.opsAfterTotal}`,
  );
  console.log(
    `translation ${(exec.translateMs / 1000).toFixed(2)} s (${((exec.translateMs * 1000) / exec.insnsTranslated).toFixed(1)} us per guest insn)`,
  );
  console.log(`TBs: ${exec.tbs.count}, flushes ${exec.tbs.flushes}, code words in use ${exec.tbs.codeTop - exec.S.codeBase}`);
  const top = [...hist.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(opt("top") ?? 60));
  const totalMs = [...histMs.values()].reduce((a, b) => a + b, 0);
  console.log("insns%  samples  time%  ns/insn  function");
  for (const [n, c] of top) {
    const ms = histMs.get(n) ?? 0;
    const pct = ((100 * c) / samples).toFixed(1).padStart(5);
    console.log(
      `${pct}%  ${c.toString().padStart(6)}  ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${((ms * 1e6) / (c * every)).toFixed(1).padStart(6)}  ${n}`,
    );
  }
  if (opmix) {
    const all = new Map<string, number>();
    const byFn = new Map<string, Map<string, number>>();
    let total = 0;
    for (const [tb, n] of runs) {
      const fn = symOf((BigInt(exec.tbs.pcHi[tb] >>> 0) << 32n) | BigInt(exec.tbs.pcLo[tb] >>> 0));
      let f = byFn.get(fn);
      if (!f) byFn.set(fn, (f = new Map()));
      for (let pc = exec.tbs.codeStart[tb]; pc < exec.tbs.codeEnd[tb]; pc += insnWordsAt(exec.S.code, pc)) {
        const name = BC_NAMES[opcodeAt(exec.S.code, pc)];
        all.set(name, (all.get(name) ?? 0) + n);
        f.set(name, (f.get(name) ?? 0) + n);
        total += n;
      }
    }
    const show = (title: string, mix: Map<string, number>, k: number) => {
      const t = [...mix.values()].reduce((a, b) => a + b, 0);
      console.log(
        `${title}: ${t} ops: ` +
          [...mix]
            .sort((a, b) => b[1] - a[1])
            .slice(0, k)
            .map(([n, c]) => `${n} ${((100 * c) / t).toFixed(1)}%`)
            .join(", "),
      );
    };
    console.log(`bytecode ops (static per TB, by entries) ${total}, per guest insn ${(total / m.insns).toFixed(2)}`);
    show("all", all, 40);
    for (const fn of [
      "blake2s_compress",
      "vli_mult",
      "keccakf_round",
      "mpihelp_submul_1",
      "vli_mmod_fast.isra.0",
      "memset",
      "memcpy",
      "mpihelp_addmul_1",
      "trace_event_update_all",
      "chacha_permute",
    ])
      if (byFn.has(fn)) show(fn, byFn.get(fn)!, 16);
    console.log("translated guest insns by function:");
    for (const [n, c] of [...translatedBy].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${c.toString().padStart(8)}  ${n}`);
  }
} else {
  console.error("usage: boot-profile.ts kallsyms OUT | profile KALLSYMS [--every N] [--icount] [--top N]");
  process.exit(2);
}
