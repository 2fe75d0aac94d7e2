// A pc-driven toy guest for TB-engine tests: a tiny instruction set whose "program" is a map from
// guest pc to instruction. The translator loop decodes from the pc until a control-transfer
// instruction (or maxInsns, or an address with no instruction) and the TB ends as QEMU's
// translators do: `goto_tb n; mov pc, dest; exit_tb(n)` for direct jumps (gen_goto_tb),
// `mov pc, x; lookup_and_goto_ptr` for indirect ones. The program is not in guest memory: the
// "RAM page" of an instruction is its pc >> 12.
import { CpuExec, type ExecOptions, type GuestTarget } from "../../src/exec/cpu-exec.ts";
import { DisasJump, type DisasContext, type TranslatorOps } from "../../src/exec/translator.ts";
import type { TcgBuilder } from "../../src/tcg/builder.ts";
import type { TcgContext, Temp } from "../../src/tcg/context.ts";
import { Cond, MO_UQ, Type } from "../../src/tcg/opcodes.ts";
import { ENV_TARGET_BASE, PAGE_BITS } from "../../src/tci/state.ts";
import { PAGE_SIZE, type Softmmu } from "../../src/mem/softmmu.ts";
import { U } from "./reference-model.ts";

export const P_PC = ENV_TARGET_BASE; // pair
export const P_FLAGS = P_PC + 2;
export const P_X = P_PC + 4; // 16 i64 registers
export const NX = 16;

export const EXCP_BAD_ADDR = 99;
export const EXCP_HALT = 100;
export const EXCP_FETCH = 101;

export type Insn =
  /** x[rd] = x[rs] + imm */
  | { op: "addi"; rd: number; rs: number; imm: number }
  /** x[rd] = 64-bit load from the constant address (faults outside RAM) */
  | { op: "ld"; rd: number; addr: number }
  /** direct jump (chainable through jump slot 0) */
  | { op: "jmp"; target: number }
  /** if x[rs] != 0 goto target (slot 1) else fall through (slot 0) */
  | { op: "bnez"; rs: number; target: number }
  /** indirect jump to x[rs] through the jump cache */
  | { op: "jr"; rs: number }
  /** raises EXCP_HALT from a helper (precise: the pc of this instruction is restored) */
  | { op: "halt" };

export class PcToy implements GuestTarget, TranslatorOps {
  readonly addressBits = 64;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = P_PC;
  readonly csBaseSlot = -1;
  readonly flagsSlot = P_FLAGS;
  readonly envSlots = P_X + 2 * NX - ENV_TARGET_BASE;
  readonly translator = this;
  readonly code = null;
  pc!: Temp;
  x: Temp[] = [];
  prog = new Map<number, Insn>();
  /** Number of times each pc started a translation. */
  translations = new Map<number, number>();
  haltHelper = -1;
  lastRestore: [number, number, number] | null = null;
  restoreCalls = 0;
  exec!: CpuExec;
  /** Ops a test wants at the start of every TB (before its first instruction). */
  tbPrologue: ((b: TcgBuilder) => void) | null = null;

  initGlobals(ctx: TcgContext): void {
    this.pc = ctx.globalNew(Type.I64, P_PC, "pc");
    for (let i = 0; i < NX; i++) this.x.push(ctx.globalNew(Type.I64, P_X + 2 * i, `x${i}`));
  }

  private gotoTb(b: TcgBuilder, slot: 0 | 1, dest: number): void {
    b.gen_goto_tb(slot);
    b.gen_movi_i64(this.pc, dest);
    b.gen_exit_tb(slot);
  }

  tbStart(db: DisasContext): void {
    const pc = db.pcFirstLo;
    this.translations.set(pc, (this.translations.get(pc) ?? 0) + 1);
    if (!this.prog.has(pc)) this.exec.raise(EXCP_FETCH, pc, 0, -1);
    this.tbPrologue?.(db.b);
  }

  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcNextLo, 0, db.numInsns - 1);
  }

  translateInsn(db: DisasContext): void {
    const b = db.b;
    const pc = db.pcNextLo;
    const insn = this.prog.get(pc)!;
    const page = pc >>> 12;
    if (!db.pages.includes(page)) db.pages.push(page);
    db.advance(4);
    const next = pc + 4;
    let end = true;
    switch (insn.op) {
      case "addi":
        b.gen_addi_i64(this.x[insn.rd], this.x[insn.rs], insn.imm);
        end = false;
        break;
      case "ld": {
        const t = b.temp_new_i64();
        b.gen_qemu_ld(Type.I64, t, b.const_i64(insn.addr), 0, MO_UQ, 0);
        b.gen_mov_i64(this.x[insn.rd], t);
        end = false;
        break;
      }
      case "jmp":
        this.gotoTb(b, 0, insn.target);
        break;
      case "bnez": {
        const L = b.label_new();
        b.gen_brcondi(Type.I64, Cond.NE, this.x[insn.rs], 0, L);
        this.gotoTb(b, 0, next);
        b.gen_set_label(L);
        this.gotoTb(b, 1, insn.target);
        break;
      }
      case "jr":
        b.gen_mov_i64(this.pc, this.x[insn.rs]);
        b.gen_lookup_and_goto_ptr();
        break;
      case "halt":
        b.gen_call(this.haltHelper, null, []);
        this.gotoTb(b, 0, next); // not reached
        break;
    }
    if (end) db.isJmp = DisasJump.NoReturn;
    else if (!this.prog.has(next)) db.isJmp = DisasJump.TooMany; // no instruction there: end the TB before it
  }

  tbStop(db: DisasContext): void {
    // QEMU's DISAS_TOO_MANY: continue at the next pc in a chained TB.
    if (db.isJmp === DisasJump.TooMany) this.gotoTb(db.b, 0, db.pcNextLo);
  }

  restoreState(data: Int32Array, index: number): void {
    this.restoreCalls++;
    this.lastRestore = [data[index * 3], data[index * 3 + 1], data[index * 3 + 2]];
    this.exec.S.R[P_PC] = data[index * 3];
    this.exec.S.R[P_PC + 1] = data[index * 3 + 1];
  }
}

export interface PcMachine {
  exec: CpuExec;
  toy: PcToy;
  mmu: Softmmu;
  R: Int32Array;
  mem: Uint8Array;
}

export function makePcMachine(prog: Record<number, Insn>, opts: ExecOptions = {}, ramBytes = 1 << 16): PcMachine {
  const toy = new PcToy();
  for (const [pc, insn] of Object.entries(prog)) toy.prog.set(+pc, insn);
  const exec = new CpuExec(toy, undefined, opts);
  toy.exec = exec;
  const ram = new ArrayBuffer(ramBytes);
  const mmu: Softmmu = exec.attachSoftmmu(ram, {
    tlbFill(lo, hi, _access, mmuIdx, retaddr) {
      if (hi !== 0 || lo >>> 0 >= ramBytes) exec.raise(EXCP_BAD_ADDR, lo, hi, retaddr);
      mmu.setEntry(mmuIdx, lo, hi, lo & -PAGE_SIZE, true, true);
    },
    unaligned(lo, hi, _a, _m, retaddr): never {
      return exec.raise(98, lo, hi, retaddr);
    },
  });
  toy.haltHelper = exec.helper({ name: "halt", flags: 0, out: null, ins: [], fn: () => exec.raise(EXCP_HALT) });
  return { exec, toy, mmu, R: exec.S.R, mem: new Uint8Array(ram) };
}

export function getX(m: PcMachine, i: number): bigint {
  return U(64, (BigInt(m.R[P_X + 2 * i + 1]) << 32n) | BigInt(m.R[P_X + 2 * i] >>> 0));
}
export function setX(m: PcMachine, i: number, v: bigint): void {
  m.R[P_X + 2 * i] = Number(BigInt.asIntN(32, v));
  m.R[P_X + 2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
export function getPc(m: PcMachine): number {
  return m.R[P_PC] >>> 0;
}
export function setPc(m: PcMachine, pc: number): void {
  m.R[P_PC] = pc;
  m.R[P_PC + 1] = 0;
}
