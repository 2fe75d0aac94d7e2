// Liveness's mov folding (src/tcg/liveness.ts coalesce()): `op t; …; mov g, t` with t dead after
// the mov becomes `op g; …`, but only where nothing can see g change earlier than the guest changed
// it: not across an instruction boundary (the op stepper stops there), a faulting op (a fault unwinds
// to the instruction), a call, an env load of g's field or another global on g's slot.
import { describe, expect, test } from "vitest";
import { TcgBuilder } from "../../src/tcg/builder.ts";
import { TcgContext, TempKind, type Op, type Temp } from "../../src/tcg/context.ts";
import { removeDeadOps } from "../../src/tcg/liveness.ts";
import { MO_UL, OP_DEFS, Opc, Type } from "../../src/tcg/opcodes.ts";

const EAX = 4,
  ECX = 5,
  EDX = 6,
  EBX = 7;

function setup() {
  const ctx = new TcgContext(32);
  const g = {
    eax: ctx.globalNew(Type.I32, EAX, "eax"),
    ecx: ctx.globalNew(Type.I32, ECX, "ecx"),
    edx: ctx.globalNew(Type.I32, EDX, "edx"),
    ebx: ctx.globalNew(Type.I32, EBX, "ebx"),
    // a second name for eax's slot (as a target may give a field two globals)
    eaxAlias: ctx.globalNew(Type.I32, EAX, "eax_alias"),
  };
  ctx.resetForTb();
  return { ctx, b: new TcgBuilder(ctx), g };
}

/** The surviving ops as text, temps by name (per-TB temps as tN). */
function listing(ctx: TcgContext, ops: Op[]): string[] {
  const nm = (t: Temp) => (ctx.kind[t] === TempKind.Const ? `$${ctx.constValue(t)}` : ctx.name[t] || `t${t}`);
  return ops.map((o) => `${OP_DEFS[o.opc].name} ${o.args.map((a, i) => (i < o.nOut + o.nIn ? nm(a) : String(a))).join(",")}`);
}

function run(emit: (s: ReturnType<typeof setup>) => void): string[] {
  const s = setup();
  emit(s);
  s.b.gen_exit_tb(-1);
  return listing(s.ctx, removeDeadOps(s.ctx, s.ctx.ops)).filter((l) => !l.startsWith("exit_tb"));
}

describe("liveness folds `op t; mov g, t` into `op g`", () => {
  test("inside one guest instruction; ops in between that read t read g", () => {
    const out = run(({ b, g }) => {
      b.gen_insn_start(0x1000, 0);
      const t = b.temp_new_i32();
      b.gen_add_i32(t, g.eax, g.ebx);
      b.gen_sub_i32(g.ecx, t, g.edx);
      b.gen_mov_i32(g.eax, t);
    });
    expect(out).toEqual(["insn_start 4096,0,0", "add eax,eax,ebx", "sub ecx,eax,edx"]);
  });

  test("not across insn_start: the register changes in the instruction that writes it", () => {
    const out = run(({ b, g }) => {
      b.gen_insn_start(0x1000, 0);
      const t = b.temp_new_i32();
      b.gen_addi_i32(t, g.ebx, 1);
      b.gen_insn_start(0x1002, 0);
      b.gen_mov_i32(g.eax, t);
    });
    expect(out.filter((l) => !l.startsWith("insn_start"))).toEqual([
      expect.stringMatching(/^add t\d+,ebx,\$1$/),
      expect.stringMatching(/^mov eax,t\d+$/),
    ]);
  });

  test("not across an op that can fault (a guest load), nor a call-free op that reads g", () => {
    const faulting = run(({ b, g }) => {
      const t = b.temp_new_i32();
      b.gen_addi_i32(t, g.ebx, 1);
      b.gen_qemu_ld(Type.I32, g.ecx, g.edx, 0, MO_UL, 0);
      b.gen_mov_i32(g.eax, t);
    });
    expect(faulting.at(-1)).toMatch(/^mov eax,t\d+$/);
    const readsG = run(({ b, g }) => {
      const t = b.temp_new_i32();
      b.gen_addi_i32(t, g.ebx, 1);
      b.gen_mov_i32(g.ecx, g.eax);
      b.gen_mov_i32(g.eax, t);
    });
    expect(readsG.at(-1)).toMatch(/^mov eax,t\d+$/);
  });

  test("not across a read of g's env slot through another global or an env load", () => {
    const alias = run(({ b, g }) => {
      const t = b.temp_new_i32();
      b.gen_addi_i32(t, g.ebx, 1);
      b.gen_mov_i32(g.ecx, g.eaxAlias);
      b.gen_mov_i32(g.eax, t);
    });
    expect(alias).toEqual([expect.stringMatching(/^add t\d+,ebx,\$1$/), "mov ecx,eax_alias", expect.stringMatching(/^mov eax,t\d+$/)]);
    const envLoad = run(({ b, g }) => {
      const t = b.temp_new_i32();
      const x = b.temp_new_i32();
      b.gen_addi_i32(t, g.ebx, 1);
      b.gen_ld(Opc.ld32u, Type.I32, x, EAX * 4);
      b.gen_mov_i32(g.eax, t);
      b.gen_mov_i32(g.ecx, x);
    });
    expect(envLoad).toEqual([expect.stringMatching(/^add t\d+,ebx,\$1$/), "ld32u ecx,16", expect.stringMatching(/^mov eax,t\d+$/)]);
  });
});
