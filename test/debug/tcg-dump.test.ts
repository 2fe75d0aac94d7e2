// tcg-dump.ts prints ops in QEMU's tcg_dump_ops syntax.
import { describe, expect, test } from "vitest";
import { TcgBuilder } from "../../src/tcg/builder.ts";
import { TcgContext } from "../../src/tcg/context.ts";
import { CALL_NO_RWG_SE, Cond, MO_ALIGN, MO_SL, MO_UQ, Opc, Type } from "../../src/tcg/opcodes.ts";
import { dumpOps, formatOp, opName, snapshotTemps } from "../../src/debug/tcg-dump.ts";
import { RiscvDebugArch } from "../../src/target/riscv/debug-arch.ts";

function setup() {
  const ctx = new TcgContext(200);
  const pc = ctx.globalNew(Type.I64, 2, "pc");
  const x: number[] = [-1];
  for (let i = 1; i < 32; i++) x.push(ctx.globalNew(Type.I64, 4 + 2 * i, `x${i}`));
  const raise = ctx.helper({ name: "raise", fn: () => {}, flags: 0, out: null, ins: [Type.I32, Type.I64] });
  const fadd = ctx.helper({ name: "fadd_d", fn: () => {}, flags: CALL_NO_RWG_SE, out: Type.I64, ins: [Type.I64, Type.I64, Type.I32] });
  ctx.resetForTb();
  return { ctx, b: new TcgBuilder(ctx), pc, x, raise, fadd };
}

const arch = new RiscvDebugArch();
const opts = { globalName: (n: string) => arch.globalName(n) };

describe("QEMU op syntax", () => {
  test("the examples of the issue", () => {
    const { ctx, b, pc, x, raise } = setup();
    b.gen_insn_start(0x10078, 0);
    b.gen_addi_i64(x[2], x[2], -16);
    const t = b.temp_new_i64();
    b.gen_mov_i64(t, x[10]);
    const l = b.label_new();
    b.gen_brcondi(Type.I64, Cond.EQ, x[10], 0, l);
    b.gen_call(raise, null, [b.const_i32(0), b.const_i64(0)]);
    b.gen_set_label(l);
    b.gen_goto_tb(0);
    b.gen_movi_i64(pc, 0x10080);
    b.gen_exit_tb(0);
    const lines = dumpOps(ctx, ctx.ops, opts);
    expect(lines).toEqual([
      "",
      " ---- 0000000000010078 0000000000000000",
      " add_i64 x2/sp,x2/sp,$0xfffffffffffffff0",
      ` mov_i64 tmp${t - ctx.nGlobals},x10/a0`,
      " brcond_i64 x10/a0,$0x0,eq,$L0",
      " call raise,$0x0,$0,$0x0,$0x0",
      " set_label $L0",
      " goto_tb $0x0",
      " mov_i64 pc,$0x10080",
      " exit_tb $0x0",
    ]);
  });

  test("memory ops, helpers with results, conditions, bit fields, exits", () => {
    const { ctx, b, x, fadd } = setup();
    const i32 = b.temp_new_i32();
    b.gen_qemu_ld(Type.I64, x[10], x[2], 8, MO_UQ, 0);
    b.gen_qemu_st(Type.I64, x[11], x[2], -16, MO_UQ | MO_ALIGN, 1);
    b.gen_qemu_ld(Type.I32, i32, x[5], 0, MO_SL, 0);
    b.gen_call(fadd, x[12], [x[13], x[14], b.const_i32(7)]);
    b.gen_setcond(Type.I64, Cond.LTU, x[5], x[6], x[7]);
    b.gen_movcond(Type.I64, Cond.GE, x[5], x[6], x[7], x[8], x[9]);
    b.gen_extract(Type.I64, x[5], x[6], 3, 5);
    b.gen_ext_i32_i64(x[7], i32);
    b.gen_exit_tb(-1);
    b.gen_lookup_and_goto_ptr();
    b.gen_mb(0x30 | 15);
    b.gen_ld(Opc.ld32u, Type.I32, i32, 16);
    const n = i32 - ctx.nGlobals;
    expect(dumpOps(ctx, ctx.ops, opts)).toEqual([
      " qemu_ld_i64 x10/a0,x2/sp+0x8,un+leq,0",
      " qemu_st_i64 x11/a1,x2/sp-0x10,al+leq,1",
      ` qemu_ld_i32 tmp${n},x5/t0,un+lesl,0`,
      " call fadd_d,$0x7,$1,x12/a2,x13/a3,x14/a4,$0x7",
      " setcond_i64 x5/t0,x6/t1,x7/t2,ltu",
      " movcond_i64 x5/t0,x6/t1,x7/t2,x8/s0,x9/s1,ge",
      " extract_i64 x5/t0,x6/t1,$0x3,$0x5",
      ` ext_i32_i64 x7/t2,tmp${n}`,
      " exit_tb $0xffffffffffffffff",
      " lookup_and_goto_ptr",
      " mb seq:all",
      ` ld32u_i32 tmp${n},env,$0x10`,
    ]);
  });

  test("names, constants and snapshots", () => {
    const { ctx, b, x } = setup();
    b.gen_add_i32(b.temp_new_i32(), b.const_i32(-1), b.const_i32(5));
    const op = ctx.ops[0];
    expect(opName(op)).toBe("add_i32");
    expect(formatOp(ctx, op)).toMatch(/^add_i32 tmp\d+,\$0xffffffff,\$0x5$/);
    const snap = snapshotTemps(ctx);
    ctx.resetForTb();
    expect(formatOp(snap, op)).toMatch(/^add_i32 tmp\d+,\$0xffffffff,\$0x5$/);
    expect(formatOp(ctx, { opc: Opc.mov, type: Type.I64, args: [x[1], x[2]], nOut: 1, nIn: 1 })).toBe("mov_i64 x1,x2");
  });
});
