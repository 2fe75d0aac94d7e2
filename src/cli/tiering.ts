// Which of the emulator's functions V8's optimizing compiler (TurboFan) may compile, and when, in the
// user-mode CLIs.
//
// A short process is mostly translation (`busybox true`: 833 TBs for 233,597 guest instructions), and
// TurboFan, left alone, spends it compiling the translator's functions one after another: hundreds of
// milliseconds of CPU on background threads a 2-core machine does not have to spare, installing the
// code and collecting the garbage on the main thread, for functions that have done most of their work
// by the time their optimized code arrives. Only the interpreter (tciExec) pays back within the first
// second, and it has to be compiled early, with the process's start-up, because its compile takes
// 100-200 ms: holding it back by D costs a 1-3 s run about D plus that compile.
//
// So the CLIs start with TurboFan limited to tciExec (`--turbo-filter`; its warm-up runs as usual,
// src/exec/warmup.ts) and open it to every function once the guest has run OPTIMIZE_AFTER_MS. Measured
// (2026-12-07, medians of alternating runs): `busybox true` 453 -> 365 ms (`node -e 0` 108 ms), peak RSS
// +49.7 -> +34.6 MiB over node's; the short-run set unchanged (1.39-1.66 s geomean without, 1.41-1.42
// s with, within the machine's noise). Turning TurboFan off altogether (`--no-opt`) until then made
// `busybox true` 325 ms but every 1-3 s run 0.15-0.3 s slower (the interpreter's compile started late).
//
// And without on-stack replacement (`--no-use-osr`), for the whole run. tciExec's compile is queued
// during the warm-up and arrives ~100 ms into the guest's run, while the first tciExec call is still
// looping in baseline code; V8 then compiled the function a second time for OSR (another ~95 ms on a
// background thread), and a process that ended meanwhile waited for that compile: Node joins V8's
// worker threads at exit. `busybox true` spent ~80 ms of its ~420 ms there in most runs. Without
// OSR the optimized code is entered at the next tciExec call: at the next system call, TB miss or
// slice end. (Shorter kernel slices to get there sooner were tried: in user mode every slice end
// translates a one-shot TB for an exact budget, and 2^18-instruction slices made md5sum of 20 MiB
// 1.33 -> 1.8 s.)
//
// Only the Node CLIs do this (node:v8 is Node's; V8 reads these flags when it decides what to compile,
// so changing them at run time works in Node 20-24); the library and the page leave V8 alone. Nothing
// changes when the user picked V8's tiering (--jitless, --no-opt, --turbo-filter, --use-osr, ...) or
// set TCIEMU_OPTIMIZE_AFTER_MS=-1.
import { setFlagsFromString } from "node:v8";
import { tciExec } from "../tci/interpreter.ts";

/** Guest run time (ms of wall clock) before TurboFan may optimize more than the interpreter. */
export const OPTIMIZE_AFTER_MS = 300;

const TIERING_FLAG = /^--(no-)?(jitless|opt|turbofan|turbo-filter|maglev|sparkplug|max-opt|always-opt|always-turbofan|use-osr)\b/;

function userChoseTiering(): boolean {
  const nodeOptions = (process.env.NODE_OPTIONS ?? "").split(/\s+/);
  return [...process.execArgv, ...nodeOptions].some((a) => TIERING_FLAG.test(a));
}

function optimizeAfterMs(): number {
  const env = process.env.TCIEMU_OPTIMIZE_AFTER_MS;
  const ms = env === undefined || env === "" ? OPTIMIZE_AFTER_MS : Number(env);
  return Number.isFinite(ms) ? ms : OPTIMIZE_AFTER_MS;
}

let heldFor = -1;

/** Limits TurboFan to the interpreter until optimizeSoon()'s wait is over, and turns OSR off (call it before any engine runs). */
export function holdOptimizingCompiler(): void {
  if (heldFor >= 0 || userChoseTiering()) return;
  const ms = optimizeAfterMs();
  if (ms < 0) return;
  heldFor = ms;
  // By the function's own name, which the bundler keeps (a renamed tciExec would still match).
  setFlagsFromString(`--turbo-filter=${tciExec.name}`);
  setFlagsFromString("--no-use-osr");
}

/** The guest starts running: after the hold, TurboFan may compile every function. */
export function optimizeSoon(): void {
  if (heldFor < 0) return;
  const timer = setTimeout(releaseOptimizingCompiler, heldFor);
  timer.unref();
}

function releaseOptimizingCompiler(): void {
  if (heldFor < 0) return;
  heldFor = -1;
  setFlagsFromString("--turbo-filter=*");
}
