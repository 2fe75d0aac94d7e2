// Interpreter warm-up. V8 optimizes tciExec with the type feedback gathered so far; a case that has
// never run has none, and the first time a guest reaches it the optimized code is thrown away
// ("deopt: insufficient type feedback") and rebuilt, costing tens of milliseconds each time. A real
// guest reaches new ops for seconds (each program phase uses others), so before the first guest TB
// runs we execute a synthetic program that uses every opcode with a few operand variants, slow and
// fast memory paths included. Done once per process. Ten rounds give every case the operand kinds
// it needs: zeros, full 32-bit values of both signs (rounds 6 and 9: outside V8's 31-bit small
// integers, so neither the ICs nor TurboFan's feedback assume small ones), smaller values, and
// addresses that straddle a page (rounds 3 and 8). Measured (2026-12-07): with four rounds, which
// never showed a full-size value, the demo under `node --jitless` ran at 3.7 MIPS instead of 6.0 and
// `busybox true` cost 3.00 × 10⁹ host instructions instead of 2.74 (callgrind, node
// --single-threaded); forty rounds: 6.1 MIPS, 2.81 × 10⁹. Deferring the warm-up to a run's first
// million instructions was worse still: without it V8 optimizes the interpreter several times
// within the first 200,000 instructions, each time on partial feedback.
import { Access, PAGE_SIZE, Softmmu, type MmuHooks } from "../mem/softmmu.ts";
import { tciExec } from "../tci/interpreter.ts";
import { BC_NAMES, BC_OPERANDS } from "../tci/opcodes.ts";
import { writeInsn } from "../tci/format.ts";
import { TLB_SIZE_BITS, jcIndex } from "../tci/state.ts";
import { TciState } from "../tci/state.ts";

let warmedUp = false;

const I64_ROT_IMM = /^rotli_i64$/;
// shli/shri/sari_i64 and rotliw_i64 take counts 1..31 only (spec/tci/bytecode.def): a count of 0 would make
// `lo >>> (32 - n)` a non-int32 value and leave a double in the type feedback of the hot loop.
const I64_SHIFT_IMM = /^((shl|shr|sar)i_i64|rotliw_i64)$/;

const CONTROL = new Set(["exit_tb", "goto_ptr", "lookup_tb", "tb_start", "goto_tb"]);

export function warmUpInterpreter(): void {
  if (warmedUp) return;
  warmedUp = true;
  const S = new TciState(256, 1 << 16, 4, null as never);
  const hooks: MmuHooks = {
    tlbFill: (lo, hi, _a: Access, idx) => mmu.setEntry(idx, lo, hi, lo & 0xffff & -PAGE_SIZE, true, true),
    unaligned: () => {
      throw new Error("warm-up: unexpected alignment fault");
    },
  };
  const mmu: Softmmu = new Softmmu(S, 1 << 16, hooks, { codeWrite: () => {}, checkWatch: () => {} });
  S.slow = mmu;
  S.attachRam(new ArrayBuffer(1 << 16));
  // Two different helpers, so the call site's feedback is already polymorphic: with one, V8 would
  // inline it and throw the optimized interpreter away ("wrong call target") at the first real helper.
  S.helpers[0] = () => {};
  S.helpers[1] = (out: number) => {
    S.R[out] = 0;
  };
  const code = S.code;
  let pc = S.codeBase;
  // Operand variants: shift counts and bit positions below and above 32, small and negative immediates.
  const imms = [0, 5, 40, -7, 31, 63];
  const fixups: number[] = [];
  for (let v = 0; v < imms.length; v++) {
    for (let op = 0; op < BC_NAMES.length; op++) {
      if (CONTROL.has(BC_NAMES[op])) continue;
      const letters = BC_OPERANDS[op];
      const operands: number[] = [];
      let nth = 0;
      for (const l of letters) {
        let w = 0;
        switch (l) {
          // Sources (64..111) and destinations (16..63) apart: the ops do not overwrite their own
          // inputs, so every op sees each round's fresh values and its compares go both ways.
          case "d":
            w = 16 + 2 * ((op + nth++ * 3 + v) % 24);
            break;
          case "s":
            w = 64 + 2 * ((op + nth++ * 3 + v) % 24);
            break;
          case "i":
            w = /^q(ld|st)/.test(BC_NAMES[op]) ? (v & 1 ? 3 : 0) : imms[v];
            break;
          case "n":
            // 64-bit rotates by an immediate take counts of 32 and above through another path.
            w = Math.abs(imms[(v + nth++) % imms.length]) % (I64_ROT_IMM.test(BC_NAMES[op]) ? 64 : 32);
            if (I64_SHIFT_IMM.test(BC_NAMES[op])) w = 1 + (w % 31);
            break;
          case "t":
            w = 0; // patched below: the next instruction
            break;
          case "m":
            w = (v % 2) << TLB_SIZE_BITS;
            break;
          case "o": {
            const name = BC_NAMES[op].replace(/_a32$/, "");
            w = /64/.test(name) ? 3 : /32/.test(name) ? 2 : /16/.test(name) ? 1 : 0;
            break;
          }
          case "h":
            w = v & 1; // the helper
            break;
          case "j":
          case "x":
            w = 0;
            break;
        }
        operands.push(w);
      }
      const next = writeInsn(code, pc, op, operands);
      // Branch targets (always an instruction's last word) go to the next instruction.
      if (letters.includes("t")) fixups.push(next - 1, next);
      pc = next;
    }
  }
  for (let i = 0; i < fixups.length; i += 2) code[fixups[i]] = fixups[i + 1];
  const emit = (name: string, ...operands: number[]) => (pc = writeInsn(code, pc, BC_NAMES.indexOf(name), operands));
  // End: a TB start with budget, a goto_tb that falls through (slot unchained), a lookup that
  // misses, and an exit.
  const end = pc;
  emit("tb_start", 1, 0);
  emit("goto_tb", 0);
  emit("lookup_tb", 16, 18, 20);
  emit("exit_tb", -1);
  // A second "TB" for the chained paths: goto_tb through slot 1 and a jump-cache hit both enter it
  // after its tb_start (or leave when the budget is spent); it exits through slot 2 (unchained).
  const tb2 = pc;
  emit("tb_start", 1, 1);
  emit("exit_tb", 2);
  const chained = pc;
  emit("goto_tb", 1);
  emit("exit_tb", -1);
  const lookup = pc;
  emit("lookup_tb", 16, 1, 1); // cs_base and flags from slot 1, kept 0 below
  emit("exit_tb", -1);
  S.jmpTarget.fill(-1);
  S.jmpTarget[1] = tb2;
  const R = S.R;
  for (let round = 0; round < 10; round++) {
    // Fresh register values each round: zeros (rounds 0, 4), small, negative and full-size values,
    // so compares go both ways; rounds 3 and 8 have addresses 3 bytes before a page end, so guest
    // accesses also straddle pages.
    for (let i = 16; i < 112; i++)
      R[i] =
        round % 5 === 3
          ? ((i << 12) | 0xffd) & 0xffff
          : round % 4 === 0
            ? 0
            : Math.imul(i * 2654435761 + round * 40503, round & 1 ? 1 : -1) >> ((round % 3) * 8);
    R[0] = 1 << 20;
    tciExec(S, S.codeBase);
    // The control ops, with and without budget left.
    R[1] = 0;
    const h = jcIndex(R[16]);
    S.jcLo[h] = R[16];
    S.jcHi[h] = R[17];
    S.jcCsBase[h] = 0;
    S.jcFlags[h] = 0;
    S.jcCode[h] = round % 3 === 0 ? -1 : tb2;
    R[0] = round & 1;
    tciExec(S, end);
    R[0] = round & 1;
    tciExec(S, chained);
    R[0] = round & 1;
    tciExec(S, lookup);
  }
  S.jcCode.fill(-1);
}
