// Every TCG op in both widths, against the independent reference model (reference-model.ts), in the
// four pipeline configurations (optimizer on/off x lowerI64 on/off) and every operand shape (see
// op-suite.ts). Each test batches hundreds of independent ops into a few TBs.
import { afterAll, describe, expect, test } from "vitest";
import { Stop } from "../../src/exec/cpu-exec.ts";
import { MO_ALIGN, MO_BSWAP, MO_SIGN, MO_UL, MO_UQ, MO_UW, Opc, Type } from "../../src/tcg/opcodes.ts";
import {
  CONFIGS,
  RAM_BYTES,
  newWide,
  opGroups,
  runCases,
  runEnvOps,
  runMemLoads,
  runMemSequences,
  runMemStores,
  summarize,
  tempGroups,
  type Result,
} from "./op-suite.ts";
import { memBytes, refLoad, refStore, type Width } from "./reference-model.ts";
import { runRandomProgramsMinimized } from "./random-programs.ts";
import { EXCP_BAD_ADDR, EXCP_UNALIGNED, hex, readSlot, runWide, slotOf32, slotOf64, writeSlot, W_SCR } from "./wide-toy.ts";

const totals = { checks: 0, cases: 0, tests: 0 };
afterAll(() => {
  console.log(`ops.test.ts: ${totals.tests} tests, ${totals.cases} op cases x ${CONFIGS.length} configurations, ${totals.checks} checks`);
});

function runAllConfigs(f: (cfg: (typeof CONFIGS)[number]) => Result): string {
  totals.tests++;
  const failures: string[] = [];
  for (const cfg of CONFIGS) {
    const r = f(cfg);
    totals.checks += r.checks;
    failures.push(...r.failures);
  }
  return summarize(failures);
}

describe("every op against the reference model (inputs in globals, constants, mixed, same-operand, aliased outputs)", () => {
  for (const g of opGroups()) {
    test(g.name, () => {
      totals.cases += g.cases.length;
      expect(runAllConfigs((cfg) => runCases(g.cases, cfg))).toBe("");
    });
  }
});

describe("the same ops with inputs and outputs passing through TB temps", () => {
  for (const g of tempGroups()) {
    if (!g.cases.length) continue;
    test(g.name, () => {
      totals.cases += g.cases.length;
      expect(runAllConfigs((cfg) => runCases(g.cases, cfg))).toBe("");
    });
  }
});

describe("random programs: chains of ops through temps, constants and forward branches", () => {
  // Unrestricted programs (avoidKnownBugs: false): a failure is reported with a minimized program.
  // With avoidKnownBugs: true the generator steers clear of the defects pinned elsewhere in test/core,
  // which makes it a tool for finding new ones (see random-programs.ts).
  for (const cfg of CONFIGS) {
    test(`${cfg.name}: 250 programs of 40 ops`, () => {
      totals.tests++;
      const r = runRandomProgramsMinimized(cfg, 1, 250, { length: 40, avoidKnownBugs: false });
      totals.checks += r.checks;
      expect(r.failures.length ? `${r.failures.length} failing programs\n${r.failures.slice(0, 6).join("\n")}` : "").toBe("");
    });
  }
});

describe("guest memory: qemu_ld / qemu_st", () => {
  test("loads: every size/sign into i32 and i64, aligned, misaligned, page-crossing, every address form", () => {
    expect(runAllConfigs((cfg) => runMemLoads(cfg))).toBe("");
  });
  test("stores: every size from i32 and i64, aligned, misaligned, page-crossing, constant and global operands", () => {
    expect(runAllConfigs((cfg) => runMemStores(cfg))).toBe("");
  });
  test("interleaved loads and stores of mixed sizes across a page boundary see each other in order", () => {
    expect(runAllConfigs((cfg) => runMemSequences(cfg))).toBe("");
  });

  const faults: {
    name: string;
    w: Width;
    memop: number;
    base: bigint;
    off: number;
    store: boolean;
    excp: number;
    aux: number;
    auxHi: number;
  }[] = [];
  for (const memop of [0, 1, 2, 3]) {
    const n = 1 << memop;
    faults.push({
      name: `ld${8 * n} past the end of RAM`,
      w: 64,
      memop,
      base: BigInt(RAM_BYTES),
      off: 0,
      store: false,
      excp: EXCP_BAD_ADDR,
      aux: RAM_BYTES,
      auxHi: 0,
    });
    faults.push({
      name: `st${8 * n} past the end of RAM`,
      w: 64,
      memop,
      base: BigInt(RAM_BYTES) + 64n,
      off: -64 + 8,
      store: true,
      excp: EXCP_BAD_ADDR,
      aux: RAM_BYTES + 8,
      auxHi: 0,
    });
    faults.push({
      name: `ld${8 * n} with a non-zero high address word`,
      w: 64,
      memop,
      base: 0x100000000n + 0x40n,
      off: 0,
      store: false,
      excp: EXCP_BAD_ADDR,
      aux: 0x40,
      auxHi: 1,
    });
    faults.push({
      name: `ld${8 * n} whose offset carries into the high word`,
      w: 64,
      memop,
      base: 0xfffffff0n,
      off: 0x20,
      store: false,
      excp: EXCP_BAD_ADDR,
      aux: 0x10,
      auxHi: 1,
    });
    if (n > 1) {
      faults.push({
        name: `st${8 * n} straddling the end of RAM (no byte may be written)`,
        w: 64,
        memop,
        base: BigInt(RAM_BYTES - 1),
        off: 0,
        store: true,
        excp: EXCP_BAD_ADDR,
        aux: RAM_BYTES,
        auxHi: 0,
      });
      faults.push({
        name: `ld${8 * n} straddling the end of RAM`,
        w: 64,
        memop,
        base: BigInt(RAM_BYTES - 1),
        off: 0,
        store: false,
        excp: EXCP_BAD_ADDR,
        aux: RAM_BYTES,
        auxHi: 0,
      });
      faults.push({
        name: `ld${8 * n}+MO_ALIGN misaligned`,
        w: 64,
        memop: memop | MO_ALIGN,
        base: 0x2001n,
        off: 0,
        store: false,
        excp: EXCP_UNALIGNED,
        aux: 0x2001,
        auxHi: 0,
      });
      faults.push({
        name: `st${8 * n}+MO_ALIGN misaligned`,
        w: 64,
        memop: memop | MO_ALIGN,
        base: 0x2000n,
        off: n - 1,
        store: true,
        excp: EXCP_UNALIGNED,
        aux: 0x2000 + n - 1,
        auxHi: 0,
      });
    }
  }
  for (const f of faults) {
    test(`fault: ${f.name} raises ${f.excp}, keeps earlier writes and leaves memory untouched`, () => {
      totals.tests++;
      for (const cfg of CONFIGS) {
        for (const shape of ["g", "c"]) {
          const w = newWide(cfg, undefined, RAM_BYTES);
          for (let i = 0; i < 64; i++) w.mem[RAM_BYTES - 32 + (i % 32)] = (i * 37) & 0xff;
          for (let i = 0; i < 16; i++) w.mem[0x2000 + i] = i;
          const snap = w.mem.slice();
          writeSlot(w.R, slotOf64(1), 64, f.base);
          writeSlot(w.R, slotOf64(2), 64, 0x1122334455667788n);
          writeSlot(w.R, slotOf64(3), 64, 0xdeadn);
          writeSlot(w.R, slotOf64(4), 64, 0xbeefn);
          const stop = runWide(w, (b, t) => {
            b.gen_movi_i64(t.g64[0], 42); // an earlier write: must survive the fault (precise state)
            const addr = shape === "g" ? t.g64[1] : b.const_i64(f.base);
            if (f.store) b.gen_qemu_st(Type.I64, t.g64[2], addr, f.off, f.memop, 0);
            else b.gen_qemu_ld(Type.I64, t.g64[3], addr, f.off, f.memop, 0);
            b.gen_movi_i64(t.g64[4], 7); // after the fault: must not happen
          });
          const where = `${cfg.name} [${shape}]`;
          expect(stop, where).toBe(Stop.Exception);
          expect(w.exec.excp, where).toBe(f.excp);
          expect(w.exec.excpAux >>> 0, where).toBe(f.aux >>> 0);
          expect(w.exec.excpAuxHi, where).toBe(f.auxHi);
          expect(readSlot(w.R, slotOf64(0), 64), where).toBe(42n);
          expect(readSlot(w.R, slotOf64(3), 64), where).toBe(0xdeadn);
          expect(readSlot(w.R, slotOf64(4), 64), where).toBe(0xbeefn);
          expect(w.target.lastRestore, where).toEqual([0, 0]);
          expect(w.exec.insns, where).toBe(0); // the faulting instruction is refunded
          expect(
            w.mem.every((v, i) => v === snap[i]),
            `${where}: memory changed`,
          ).toBe(true);
          totals.checks += 10;
        }
      }
    });
  }

  test("i32 and i64 loads/stores with MO_BSWAP are byte-swapped (big-endian guest access)", () => {
    // MemOp MO_BSWAP (src/tcg/opcodes.ts) is documented as "guest is big-endian relative to the host".
    totals.tests++;
    const failures: string[] = [];
    for (const cfg of CONFIGS) {
      const w = newWide(cfg, undefined, RAM_BYTES);
      for (let i = 0; i < 64; i++) w.mem[0x3000 + i] = (i * 29 + 7) & 0xff;
      const model = w.mem.slice();
      const loads: [Width, number, number][] = [
        [32, MO_UW | MO_BSWAP, 0x3000],
        [32, MO_UW | MO_SIGN | MO_BSWAP, 0x3002],
        [32, MO_UL | MO_BSWAP, 0x3004],
        [64, MO_UL | MO_BSWAP, 0x3008],
        [64, MO_UL | MO_SIGN | MO_BSWAP, 0x300c],
        [64, MO_UQ | MO_BSWAP, 0x3010],
        [64, MO_UQ | MO_BSWAP, 0x3019], // misaligned: slow path
      ];
      const stores: [Width, number, number, bigint][] = [
        [32, MO_UW | MO_BSWAP, 0x3020, 0x1234n],
        [32, MO_UL | MO_BSWAP, 0x3024, 0x89abcdefn],
        [64, MO_UQ | MO_BSWAP, 0x3028, 0x0102030405060708n],
        [64, MO_UQ | MO_BSWAP, 0x3031, 0x1112131415161718n],
      ];
      writeSlot(w.R, slotOf64(0), 64, 0n);
      stores.forEach(([sw, , , v], i) => writeSlot(w.R, sw === 64 ? slotOf64(20 + i) : slotOf32(20 + i), sw, v));
      const stop = runWide(w, (b, t) => {
        loads.forEach(([lw, memop, addr], i) =>
          b.gen_qemu_ld(lw === 64 ? Type.I64 : Type.I32, lw === 64 ? t.g64[1 + i] : t.g32[1 + i], t.g64[0], addr, memop, 0),
        );
        stores.forEach(([sw, memop, addr], i) =>
          b.gen_qemu_st(sw === 64 ? Type.I64 : Type.I32, sw === 64 ? t.g64[20 + i] : t.g32[20 + i], t.g64[0], addr, memop, 0),
        );
      });
      if (stop !== Stop.Budget) failures.push(`${cfg.name}: exception ${w.exec.excp}`);
      loads.forEach(([lw, memop, addr], i) => {
        const got = readSlot(w.R, lw === 64 ? slotOf64(1 + i) : slotOf32(1 + i), lw);
        const want = refLoad(model, addr, memop, lw);
        if (got !== want)
          failures.push(`${cfg.name}: ld i${lw} memop ${memop} @${hex(BigInt(addr), 16)} = ${hex(got, lw)}, expected ${hex(want, lw)}`);
      });
      for (const [, memop, addr, v] of stores) {
        refStore(model, addr, memop, v);
        const n = memBytes(memop);
        const got = Array.from(w.mem.subarray(addr, addr + n)).map((x) => x.toString(16));
        const want = Array.from(model.subarray(addr, addr + n)).map((x) => x.toString(16));
        if (got.join() !== want.join())
          failures.push(`${cfg.name}: st memop ${memop} @${hex(BigInt(addr), 16)} wrote [${got}], expected [${want}]`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("env fields by byte offset (ld8u ld8s ld16u ld16s ld32u ld32s ld / st8 st16 st32 st)", () => {
  test("every size, sign, width and naturally aligned offset; stores from globals and constants", () => {
    expect(runAllConfigs((cfg) => runEnvOps(cfg))).toBe("");
  });
  test("a 16-bit env field at an odd byte offset is loaded/stored exactly (or rejected at translation, like misaligned 32-bit fields)", () => {
    totals.tests++;
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      const base = 4 * W_SCR;
      for (let i = 0; i < 8; i++) w.env[base + i] = 0x11 * (i + 1); // 11 22 33 44 55 66 77 88
      writeSlot(w.R, slotOf32(5), 32, 0xabcdn);
      let threw: unknown = null;
      try {
        runWide(w, (b, t) => {
          b.gen_ld(Opc.ld16u, Type.I32, t.g32[0], base + 1);
          b.gen_ld(Opc.ld16s, Type.I64, t.g64[0], base + 3);
          b.gen_st(Opc.st16, Type.I32, t.g32[5], base + 5);
        });
      } catch (e) {
        threw = e;
      }
      if (threw) continue; // rejecting the field is acceptable
      expect(readSlot(w.R, slotOf32(0), 32), `${cfg.name}: ld16u env+1`).toBe(0x3322n);
      expect(readSlot(w.R, slotOf64(0), 64), `${cfg.name}: ld16s env+3`).toBe(0x5544n);
      expect(Array.from(w.env.subarray(base + 4, base + 8)), `${cfg.name}: st16 env+5`).toEqual([0x55, 0xcd, 0xab, 0x88]);
      totals.checks += 3;
    }
  });
});

describe("regressions: lowering, liveness and slot assignment", () => {
  test("lowerI64: an i64 op that stays i64 (variable shift) writing a TB temp read through its i32 halves", () => {
    // lower-i64.ts turns `mov q0, t` into two i32 movs of t's halves; liveness.ts must then still keep
    // the `shl t, ...` that writes t (an i64 temp whose halves are live).
    totals.tests++;
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      writeSlot(w.R, slotOf64(1), 64, 3n);
      writeSlot(w.R, slotOf64(2), 64, 4n);
      writeSlot(w.R, slotOf64(3), 64, 0x1234n);
      runWide(w, (b, t) => {
        const x = b.temp_new_i64();
        b.binary(Opc.shl, Type.I64, x, t.g64[1], t.g64[2]);
        b.gen_mov_i64(t.g64[0], x);
        const y = b.temp_new_i64();
        b.gen_qemu_ld(Type.I64, y, b.const_i64(0x100), 0, MO_UQ, 0); // guest memory stays i64 too
        b.gen_add_i64(t.g64[3], t.g64[3], y);
      });
      expect(readSlot(w.R, slotOf64(0), 64), `${cfg.name}: shl through a temp`).toBe(48n);
      expect(readSlot(w.R, slotOf64(3), 64), `${cfg.name}: qemu_ld through a temp`).toBe(0x1234n);
      totals.checks += 2;
    }
  });

  test("a loop inside one TB (backward brcond on i64) keeps every temp that lives around the loop", () => {
    // encode.ts assignSlots frees a temp's slot after its last use in op order, which is only valid
    // without backward branches; with lowerI64 the i64 brcond becomes brcond2.
    totals.tests++;
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      writeSlot(w.R, slotOf64(0), 64, 0n);
      writeSlot(w.R, slotOf64(1), 64, 10n);
      writeSlot(w.R, slotOf64(2), 64, 3n);
      writeSlot(w.R, slotOf64(3), 64, 7n);
      writeSlot(w.R, slotOf64(4), 64, 0n);
      writeSlot(w.R, slotOf64(5), 64, 1n);
      runWide(w, (b, t) => {
        const inv = b.temp_new_i64(); // loop-invariant temp defined before the loop
        b.gen_add_i64(inv, t.g64[1], t.g64[5]); // 11
        const L = b.label_new();
        b.gen_set_label(L);
        b.gen_add_i64(t.g64[0], t.g64[0], inv); // last use of inv in op order
        const x = b.temp_new_i64(); // a temp first used after inv's last use
        b.gen_mul_i64(x, t.g64[2], t.g64[3]);
        b.gen_add_i64(t.g64[4], t.g64[4], x);
        b.gen_subi_i64(t.g64[2], t.g64[2], 1);
        b.gen_brcondi(Type.I64, 9 /* NE */, t.g64[2], 0, L);
      });
      expect(readSlot(w.R, slotOf64(0), 64), `${cfg.name}: sum of the invariant`).toBe(33n);
      expect(readSlot(w.R, slotOf64(4), 64), `${cfg.name}: sum of products`).toBe(42n);
      totals.checks += 2;
    }
  });

  test("a loop inside one TB whose temp is read at the loop top and redefined by `op; sextract(0,32)`", () => {
    // encode.ts fuseW fuses `add t, a, b; sextract d, t, 0, 32` into addw_i64 d, a, b when t's last
    // use in op order is the sextract, so t itself is never written. With a backward branch the loop
    // top still reads t (the previous iteration's value), which then is stale.
    totals.tests++;
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      writeSlot(w.R, slotOf64(1), 64, 100n);
      writeSlot(w.R, slotOf64(2), 64, 0n);
      writeSlot(w.R, slotOf64(3), 64, 5n);
      writeSlot(w.R, slotOf64(4), 64, 7n);
      writeSlot(w.R, slotOf64(6), 64, 3n);
      runWide(w, (b, t) => {
        const tt = b.temp_new_i64();
        b.gen_mov_i64(tt, t.g64[1]); // t = 100 before the loop
        const L = b.label_new();
        b.gen_set_label(L);
        b.gen_add_i64(t.g64[2], t.g64[2], tt); // reads t: 100, then 12, then 12
        b.gen_add_i64(tt, t.g64[3], t.g64[4]); // t = 12
        b.gen_sextract(Type.I64, t.g64[5], tt, 0, 32); // last use of t in op order
        b.gen_subi_i64(t.g64[6], t.g64[6], 1);
        b.gen_brcondi(Type.I64, 9 /* NE */, t.g64[6], 0, L);
      });
      expect(readSlot(w.R, slotOf64(2), 64), `${cfg.name}: sum of t over 3 iterations`).toBe(124n);
      expect(readSlot(w.R, slotOf64(5), 64), `${cfg.name}: sextract`).toBe(12n);
      totals.checks += 2;
    }
  });

  test("sub of two constants (what the optimizer leaves when it is off, or liveness makes of sub2)", () => {
    // encode.ts binaryWithImm turns `sub a, imm` into `add a, -imm`, but when `a` is a constant too it
    // falls through to the register form with the rewritten opcode and the original operand: a + b.
    totals.tests++;
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      writeSlot(w.R, slotOf64(3), 64, 0x300000000n);
      runWide(w, (b, t) => {
        b.gen_sub_i32(t.g32[0], b.const_i32(10), b.const_i32(3));
        b.gen_sub_i64(t.g64[0], b.const_i64(10), b.const_i64(3));
        // i64 x - x's low half through lowering: sub2 with constant low halves whose high result is
        // dead becomes `sub_i32 lo, $c, $c` after liveness (also with the optimizer on).
        const x = b.temp_new_i64(),
          y = b.temp_new_i64();
        b.gen_ori_i64(x, t.g64[3], 0x7f); // low half known: 0x7f
        b.gen_sub_i64(y, x, b.const_i64(0x7f));
        b.gen_ext32s_i64(t.g64[1], y);
      });
      expect(readSlot(w.R, slotOf32(0), 32), `${cfg.name}: sub_i32 10, 3`).toBe(7n);
      expect(readSlot(w.R, slotOf64(0), 64), `${cfg.name}: sub_i64 10, 3`).toBe(7n);
      expect(readSlot(w.R, slotOf64(1), 64), `${cfg.name}: ext32s((q3 | 0x7f) - 0x7f)`).toBe(0n);
      totals.checks += 3;
    }
  });

  test("32-bit view loop: backward brcond on i32 (the register-form slots must not be reused)", () => {
    totals.tests++;
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      writeSlot(w.R, slotOf32(0), 32, 0n);
      writeSlot(w.R, slotOf32(1), 32, 5n);
      writeSlot(w.R, slotOf32(2), 32, 4n);
      runWide(w, (b, t) => {
        const inv = b.temp_new_i32();
        b.gen_addi_i32(inv, t.g32[1], 100);
        const L = b.label_new();
        b.gen_set_label(L);
        b.gen_add_i32(t.g32[0], t.g32[0], inv);
        const x = b.temp_new_i32();
        b.gen_muli_i32(x, t.g32[2], 3);
        b.gen_add_i32(t.g32[3], t.g32[3], x);
        b.gen_subi_i32(t.g32[2], t.g32[2], 1);
        b.gen_brcondi(Type.I32, 9 /* NE */, t.g32[2], 0, L);
      });
      expect(readSlot(w.R, slotOf32(0), 32), cfg.name).toBe(420n);
      totals.checks++;
    }
  });
});
