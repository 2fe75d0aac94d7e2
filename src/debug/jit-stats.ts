// JIT statistics, like QEMU's monitor command `info jit` (accel/tcg/translate-all.c dump_exec_info
// and tcg_dump_info), from the counters CpuExec and TbCache keep anyway. Printed by `-d jit` at exit
// and by the debugger's `info jit`.
import type { CpuExec } from "../exec/cpu-exec.ts";

export interface JitStats {
  /** TBs translated since start (all code-cache generations). */
  tbsTranslated: number;
  /** TBs in the code cache now. */
  tbsInCache: number;
  codeWordsUsed: number;
  codeWordsSize: number;
  /** Guest instructions translated (summed over all TBs). */
  insnsTranslated: number;
  avgInsnsPerTb: number;
  /** TCG ops per guest instruction before / after the optimizer and dead-op removal. */
  opsPerInsnBefore: number;
  opsPerInsnAfter: number;
  /** Bytecode words per translated guest instruction (TBs now in the cache). */
  wordsPerInsn: number;
  /** TB exits back to the execution loop, and how many of them could be chained. */
  tbExits: number;
  tbExitsChainable: number;
  chainableShare: number;
  chainedLinks: number;
  flushes: number;
  invalidations: number;
  /** TBs translated without the optimizer (the cold tier), and how many of them were translated again, optimized. */
  coldTranslations: number;
  promotions: number;
  coldEntries: number;
  guestInsns: number;
}

export function jitStats(exec: CpuExec): JitStats {
  const tbs = exec.tbs;
  let liveInsns = 0,
    liveWords = 0;
  for (let t = 0; t < tbs.count; t++) {
    liveInsns += tbs.icount[t];
    liveWords += tbs.codeEnd[t] - tbs.codeStart[t];
  }
  const div = (a: number, b: number) => (b ? a / b : 0);
  return {
    tbsTranslated: tbs.translations,
    tbsInCache: tbs.count,
    codeWordsUsed: tbs.codeTop - exec.S.codeBase,
    codeWordsSize: exec.S.code.length - exec.S.codeBase,
    insnsTranslated: exec.insnsTranslated,
    avgInsnsPerTb: div(exec.insnsTranslated, tbs.translations),
    opsPerInsnBefore: div(exec.opsBeforeTotal, exec.insnsTranslated),
    opsPerInsnAfter: div(exec.opsAfterTotal, exec.insnsTranslated),
    wordsPerInsn: div(liveWords, liveInsns),
    tbExits: exec.tbExits,
    tbExitsChainable: exec.tbExitsChainable,
    chainableShare: div(exec.tbExitsChainable, exec.tbExits),
    chainedLinks: tbs.chainedLinks,
    flushes: tbs.flushes,
    invalidations: tbs.invalidations,
    coldTranslations: exec.coldTranslations,
    promotions: exec.promotions,
    coldEntries: exec.opts.coldEntries,
    guestInsns: exec.insns,
  };
}

/** The statistics as text, in the layout of QEMU's `info jit`. */
export function formatJitStats(s: JitStats): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const f = (x: number) => x.toFixed(1);
  const lines = [
    "Translation buffer state:",
    `gen code size       ${s.codeWordsUsed}/${s.codeWordsSize} words (${pct(s.codeWordsUsed / s.codeWordsSize)})`,
    `TB count            ${s.tbsInCache} in cache, ${s.tbsTranslated} translated`,
    `TB avg target size  ${f(s.avgInsnsPerTb)} guest insns`,
    `TB avg host size    ${f(s.wordsPerInsn)} bytecode words per guest insn`,
    `TCG ops per insn    ${f(s.opsPerInsnBefore)} before optimization, ${f(s.opsPerInsnAfter)} after (cold TBs: dead ops removed only)`,
    `direct jump count   ${s.chainedLinks} links made`,
    `TB exits to loop    ${s.tbExits} (${pct(s.chainableShare)} chainable: ${s.tbExitsChainable})`,
    "",
    "Statistics:",
    `TB flush count      ${s.flushes}`,
    `TB invalidate count ${s.invalidations}`,
    `TB cold tier        ${s.coldTranslations} translated unoptimized, ${s.promotions} of them again after ${s.coldEntries} entries`,
    `guest insns run     ${s.guestInsns}`,
  ];
  return lines.join("\n") + "\n";
}
