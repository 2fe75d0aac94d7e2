import { describe, expect, test } from "vitest";
import { makeToy, runBlock, setI64, getI64, G64, G32 } from "./toy-target.ts";
import { Opc, Type, MO_UQ, MO_SL } from "../../src/tcg/opcodes.ts";

describe("core smoke", () => {
  test("add_i64 and add_i32", () => {
    const toy = makeToy();
    setI64(toy.R, G64 + 2, 0xffffffffn);
    setI64(toy.R, G64 + 4, 1n);
    toy.R[G32 + 1] = 0x7fffffff;
    runBlock(toy, (b, t) => {
      b.gen_add_i64(t.g64[0], t.g64[1], t.g64[2]);
      b.gen_addi_i32(t.g32[0], t.g32[1], 1);
    });
    expect(getI64(toy.R, G64)).toBe(0x100000000n);
    expect(toy.R[G32]).toBe(-0x80000000);
  });
  test("memory round trip through the TLB", () => {
    const toy = makeToy();
    setI64(toy.R, G64 + 2, 0x1234567890abcdefn);
    setI64(toy.R, G64 + 4, 0x1000n);
    runBlock(toy, (b, t) => {
      b.gen_qemu_st(Type.I64, t.g64[1], t.g64[2], 8, MO_UQ, 0);
      b.gen_qemu_ld(Type.I64, t.g64[0], t.g64[2], 8, MO_UQ, 0);
      b.gen_qemu_ld(Type.I64, t.g64[3], t.g64[2], 12, MO_SL, 0);
    });
    expect(getI64(toy.R, G64)).toBe(0x1234567890abcdefn);
    expect(getI64(toy.R, G64 + 6)).toBe(0x12345678n);
  });
  test("optimizer folds constants", () => {
    const toy = makeToy();
    let after = 0;
    toy.exec.addObserver({ opsAfter: (_c, ops) => (after = ops.filter((o) => o.opc !== Opc.insn_start).length) });
    runBlock(toy, (b, t) => {
      const x = b.temp_new_i64();
      b.gen_movi_i64(x, 5);
      b.gen_addi_i64(x, x, 7);
      b.binaryi(Opc.shl, Type.I64, t.g64[0], x, 2);
    });
    expect(getI64(toy.R, G64)).toBe(48n);
    expect(after).toBe(3); // tb_start, mov q0 <- 48, exit_tb
  });
});
