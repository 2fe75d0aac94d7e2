// A 32-bit toy guest (issue 10.3): its addresses are i32 temps, so its loads and stores use the
// *_a32 bytecodes, whose address arithmetic wraps at 2^32. The program is a map from pc to
// instruction (as in pc-toy.ts); the guest's RAM is identity-mapped at 0 and mirrored at the top
// of the 4 GiB space ([2^32 - RAM, 2^32) -> RAM), so that base + offset sums that wrap past 2^32
// land in RAM and can be checked; every other address faults (EXCP_BAD_ADDR, precise).
//
// toy32Reference() runs the same program on a plain JS model of the guest (BigInt registers, a byte
// array) so that tests compare the engine with it instruction by instruction.
import { CpuExec, type ExecOptions, type GuestTarget } from "../../src/exec/cpu-exec.ts";
import { DisasJump, type DisasContext, type TranslatorOps } from "../../src/exec/translator.ts";
import { PAGE_SIZE, type Softmmu } from "../../src/mem/softmmu.ts";
import type { TcgBuilder } from "../../src/tcg/builder.ts";
import type { TcgContext, Temp } from "../../src/tcg/context.ts";
import { Cond, MO_ALIGN, MO_SIZE, Type } from "../../src/tcg/opcodes.ts";
import { ENV_TARGET_BASE, PAGE_BITS } from "../../src/tci/state.ts";
import { U, memBytes, refLoad, refStore } from "./reference-model.ts";

export const T_PC = ENV_TARGET_BASE; // pc, then a slot that stays 0 (the pc's high word)
export const T_FLAGS = T_PC + 2;
export const T_R = T_PC + 4; // 8 i32 registers
export const T_D = T_R + 8; // 4 i64 registers (pairs)
export const NR = 8;
export const ND = 4;

export const EXCP_BAD_ADDR = 99;
export const EXCP_HALT = 100;

export type Insn32 =
  /** r[rd] = r[rs] + imm (mod 2^32) */
  | { op: "addi"; rd: number; rs: number; imm: number }
  /** r[rd] = load(memop) from r[rb] + off (mod 2^32); or d[rd] for a 64-bit load */
  | { op: "ld"; rd: number; rb: number; off: number; memop: number }
  /** store(memop) of r[rs] (or d[rs] for 64 bits) to r[rb] + off */
  | { op: "st"; rs: number; rb: number; off: number; memop: number }
  /** direct jump (chained through slot 0) */
  | { op: "jmp"; target: number }
  /** if r[rs] != 0 goto target (slot 1) else fall through (slot 0) */
  | { op: "bnez"; rs: number; target: number }
  | { op: "halt" };

export class Toy32 implements GuestTarget, TranslatorOps {
  readonly addressBits = 32;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = T_PC;
  readonly csBaseSlot = -1;
  readonly flagsSlot = T_FLAGS;
  readonly envSlots = T_D + 2 * ND - ENV_TARGET_BASE;
  readonly translator = this;
  readonly code = null;
  pc!: Temp;
  r: Temp[] = [];
  d: Temp[] = [];
  prog = new Map<number, Insn32>();
  haltHelper = -1;
  exec!: CpuExec;

  initGlobals(ctx: TcgContext): void {
    this.pc = ctx.globalNew(Type.I32, T_PC, "pc");
    for (let i = 0; i < NR; i++) this.r.push(ctx.globalNew(Type.I32, T_R + i, `r${i}`));
    for (let i = 0; i < ND; i++) this.d.push(ctx.globalNew(Type.I64, T_D + 2 * i, `d${i}`));
  }

  private gotoTb(db: DisasContext, slot: 0 | 1, dest: number): void {
    const b = db.b;
    if (db.useGotoTb(dest, 0)) {
      b.gen_goto_tb(slot);
      b.gen_movi_i32(this.pc, dest);
      b.gen_exit_tb(slot);
    } else {
      b.gen_movi_i32(this.pc, dest);
      b.gen_lookup_and_goto_ptr();
    }
  }

  tbStart(db: DisasContext): void {
    if (!this.prog.has(db.pcFirstLo >>> 0)) this.exec.raise(EXCP_BAD_ADDR, db.pcFirstLo, 0, -1);
  }
  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcNextLo, 0);
  }
  translateInsn(db: DisasContext): void {
    const b = db.b;
    const pc = db.pcNextLo >>> 0;
    const insn = this.prog.get(pc)!;
    db.advance(4);
    const next = (pc + 4) >>> 0;
    let end = true;
    switch (insn.op) {
      case "addi":
        b.gen_addi_i32(this.r[insn.rd], this.r[insn.rs], insn.imm);
        end = false;
        break;
      case "ld": {
        const wide = (insn.memop & MO_SIZE) === 3;
        b.gen_qemu_ld(wide ? Type.I64 : Type.I32, wide ? this.d[insn.rd] : this.r[insn.rd], this.r[insn.rb], insn.off, insn.memop, 0);
        end = false;
        break;
      }
      case "st": {
        const wide = (insn.memop & MO_SIZE) === 3;
        b.gen_qemu_st(wide ? Type.I64 : Type.I32, wide ? this.d[insn.rs] : this.r[insn.rs], this.r[insn.rb], insn.off, insn.memop, 0);
        end = false;
        break;
      }
      case "jmp":
        this.gotoTb(db, 0, insn.target);
        break;
      case "bnez": {
        const L = b.label_new();
        b.gen_brcondi(Type.I32, Cond.NE, this.r[insn.rs], 0, L);
        this.gotoTb(db, 0, next);
        b.gen_set_label(L);
        this.gotoTb(db, 1, insn.target);
        break;
      }
      case "halt":
        b.gen_call(this.haltHelper, null, []);
        break;
    }
    if (end) db.isJmp = DisasJump.NoReturn;
    else if (!this.prog.has(next)) db.isJmp = DisasJump.TooMany;
  }
  tbStop(db: DisasContext): void {
    if (db.isJmp === DisasJump.TooMany) this.gotoTb(db, 0, db.pcNextLo >>> 0);
  }
  restoreState(data: Int32Array, index: number): void {
    this.exec.S.R[T_PC] = data[index * 3];
  }
}

export interface Toy32Machine {
  exec: CpuExec;
  toy: Toy32;
  mmu: Softmmu;
  R: Int32Array;
  mem: Uint8Array;
}

/** RAM offset of a guest address, or -1 (RAM at 0 and mirrored just below 2^32). */
export function toy32RamOffset(addr: number, ramBytes: number): number {
  const a = addr >>> 0;
  if (a < ramBytes) return a;
  if (a >= 2 ** 32 - ramBytes) return a - (2 ** 32 - ramBytes);
  return -1;
}

export function makeToy32(prog: Record<number, Insn32>, opts: ExecOptions = {}, ramBytes = 1 << 16): Toy32Machine {
  const toy = new Toy32();
  for (const [pc, insn] of Object.entries(prog)) toy.prog.set(+pc, insn);
  const exec = new CpuExec(toy, undefined, opts);
  toy.exec = exec;
  const ram = new ArrayBuffer(ramBytes);
  const mmu: Softmmu = exec.attachSoftmmu(ram, {
    tlbFill(lo, hi, _access, mmuIdx, retaddr) {
      const off = toy32RamOffset(lo, ramBytes);
      if (hi !== 0 || off < 0) exec.raise(EXCP_BAD_ADDR, lo, hi, retaddr);
      mmu.setEntry(mmuIdx, lo, 0, off & -PAGE_SIZE, true, true);
    },
    unaligned(lo, hi, _a, _m, retaddr): never {
      return exec.raise(98, lo, hi, retaddr);
    },
  });
  toy.haltHelper = exec.helper({ name: "halt", flags: 0, out: null, ins: [], fn: () => exec.raise(EXCP_HALT) });
  return { exec, toy, mmu, R: exec.S.R, mem: new Uint8Array(ram) };
}

/** The state a run ends in: registers, memory, pc and why it stopped. */
export interface Toy32State {
  r: number[];
  d: bigint[];
  pc: number;
  mem: Uint8Array;
  /** "halt", "fault@ADDR" / "unaligned@ADDR" (with the faulting address) or "budget". */
  end: string;
  insns: number;
}

/** The reference model: runs `prog` from `pc` for at most `budget` instructions. */
export function toy32Reference(prog: Record<number, Insn32>, init: Toy32State, budget: number): Toy32State {
  const r = init.r.slice(),
    d = init.d.slice(),
    mem = init.mem.slice();
  let pc = init.pc >>> 0;
  let insns = 0;
  const ramBytes = mem.length;
  for (;;) {
    if (insns >= budget) return { r, d, pc, mem, end: "budget", insns };
    const insn = prog[pc];
    if (!insn) return { r, d, pc, mem, end: `fault@${pc.toString(16)}`, insns };
    switch (insn.op) {
      case "addi":
        r[insn.rd] = (r[insn.rs] + insn.imm) >>> 0;
        break;
      case "ld":
      case "st": {
        const addr = (r[insn.rb] + insn.off) >>> 0;
        const n = memBytes(insn.memop);
        // MO_ALIGN is checked before the page (as the softmmu does).
        if (insn.memop & MO_ALIGN && addr % n) return { r, d, pc, mem, end: `unaligned@${addr.toString(16)}`, insns };
        // Every byte must be mapped (the softmmu checks both pages of a crossing access).
        const offs: number[] = [];
        for (let i = 0; i < n; i++) offs.push(toy32RamOffset((addr + i) >>> 0, ramBytes));
        const bad = offs.findIndex((o) => o < 0);
        if (bad >= 0) return { r, d, pc, mem, end: `fault@${((addr + bad) >>> 0).toString(16)}`, insns };
        const contiguous = offs.every((o, i) => o === offs[0] + i);
        if (!contiguous) throw new Error("toy32 reference: an access that wraps inside RAM's mirror (generate around it)");
        const wide = n === 8;
        if (insn.op === "ld") {
          const v = refLoad(mem, offs[0], insn.memop, wide ? 64 : 32);
          if (wide) d[insn.rd] = v;
          else r[insn.rd] = Number(v);
        } else refStore(mem, offs[0], insn.memop, wide ? d[insn.rs] : BigInt(r[insn.rs]));
        break;
      }
      case "jmp":
        insns++;
        pc = insn.target >>> 0;
        continue;
      case "bnez":
        insns++;
        pc = r[insn.rs] !== 0 ? insn.target >>> 0 : (pc + 4) >>> 0;
        continue;
      case "halt":
        return { r, d, pc, mem, end: "halt", insns };
    }
    insns++;
    pc = (pc + 4) >>> 0;
  }
}

export function toy32State(m: Toy32Machine, end: string): Toy32State {
  const r: number[] = [];
  for (let i = 0; i < NR; i++) r.push(m.R[T_R + i] >>> 0);
  const d: bigint[] = [];
  for (let i = 0; i < ND; i++) d.push(U(64, (BigInt(m.R[T_D + 2 * i + 1]) << 32n) | BigInt(m.R[T_D + 2 * i] >>> 0)));
  return { r, d, pc: m.R[T_PC] >>> 0, mem: m.mem.slice(), end, insns: m.exec.insns };
}

export function setToy32State(m: Toy32Machine, s: Toy32State): void {
  for (let i = 0; i < NR; i++) m.R[T_R + i] = s.r[i] | 0;
  for (let i = 0; i < ND; i++) {
    m.R[T_D + 2 * i] = Number(BigInt.asIntN(32, s.d[i]));
    m.R[T_D + 2 * i + 1] = Number(BigInt.asIntN(32, s.d[i] >> 32n));
  }
  m.R[T_PC] = s.pc | 0;
  m.R[T_PC + 1] = 0;
  m.mem.set(s.mem);
}

export type { TcgBuilder };
