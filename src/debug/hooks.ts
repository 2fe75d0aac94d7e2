// How the debug tools attach to a running CpuExec without touching its hot paths:
//
//  - observers: CpuExec has one `observer` slot (checked with a null test at translation and TB
//    entry); addObserver() fans it out to several (logger + debugger) and removes itself when the
//    last one goes, so with nothing attached the slot is null again;
//  - the run loop: interceptRun() wraps CpuExec.run on that one instance, so whoever drives the CPU
//    (LinuxProcess's loop, the embedding API) keeps doing so while the debugger decides what each
//    call actually executes (single steps, op steps, breakpoints), and the -d int logger sees every
//    exception with its precise pc. Nothing changes for other instances or when it is not installed.
import type { CpuExec, ExecObserver, Stop } from "../exec/cpu-exec.ts";

const HOOKS = ["opsBefore", "opsAfter", "encoded", "enterTb"] as const;

interface FanOut extends ExecObserver {
  members: ExecObserver[];
}

const fanOuts = new WeakMap<CpuExec, FanOut>();

function rebuild(exec: CpuExec, fan: FanOut): void {
  // Only the hooks some member has are defined, so the engine skips the others entirely.
  for (const h of HOOKS) delete (fan as unknown as Record<string, unknown>)[h];
  for (const h of HOOKS) {
    const ms = fan.members.filter((m) => m[h]);
    if (ms.length === 0) continue;
    const fns = ms.map((m) => (m[h] as (...a: unknown[]) => void).bind(m));
    (fan as unknown as Record<string, unknown>)[h] = fns.length === 1 ? fns[0] : (...a: unknown[]) => fns.forEach((f) => f(...a));
  }
  exec.observer = fan.members.length ? fan : null;
}

/** Attaches an observer next to any already attached; returns the function that detaches it. */
export function addObserver(exec: CpuExec, obs: ExecObserver): () => void {
  let fan = fanOuts.get(exec);
  if (!fan) {
    fan = { members: [] };
    if (exec.observer) fan.members.push(exec.observer);
    fanOuts.set(exec, fan);
  }
  fan.members.push(obs);
  rebuild(exec, fan);
  return () => {
    const f = fanOuts.get(exec);
    if (!f) return;
    f.members = f.members.filter((m) => m !== obs);
    rebuild(exec, f);
  };
}

export type RunFn = (budget: number) => Stop;

/**
 * Makes exec.run(budget) call wrap(inner, budget), where inner is what exec.run was before (the
 * engine's loop, or an earlier wrapper). Returns the function that restores it.
 */
export function interceptRun(exec: CpuExec, wrap: (inner: RunFn, budget: number) => Stop): () => void {
  const own = Object.getOwnPropertyDescriptor(exec, "run");
  const inner: RunFn = exec.run.bind(exec);
  const wrapper: RunFn = (budget) => wrap(inner, budget);
  exec.run = wrapper;
  return () => {
    if (exec.run !== wrapper) return; // someone wrapped after us; leave the chain alone
    if (own) Object.defineProperty(exec, "run", own);
    else delete (exec as unknown as Record<string, unknown>).run;
  };
}
