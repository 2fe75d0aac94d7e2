// The bytecode interpreter: one switch loop over the code cache, modeled on QEMU's tcg/tci.c but
// shaped for a JS engine (see spec/tci/README.md):
//   - the opcode word carries the first operand in its high bits and small operands share words
//     (src/tci/format.ts), so an instruction costs few typed-array loads;
//   - R is one Int32Array holding guest state and temps; i64 values are slot pairs (lo, hi);
//   - compare-and-branch ops carry their condition in the opcode, chosen at translation time;
//   - guest loads/stores do the softmmu TLB check inline and call the slow path only on a miss;
//   - only int32 arithmetic, typed arrays and locals: no allocation and no closures per op.
// Rare ops live in interp-rare.ts so that this function stays small enough for V8 to optimize well.
// For engines without a JIT (spec/tci/README.md, "Choices for JIT-less engines"): the cases share a
// few function-level lets (Ignition gives each const a register of its own, and registers above 255
// cost a Wide prefix), the hottest cases come first (feedback slots are numbered in source order),
// and hot paths call nothing.
//
// tciExec runs from `pc` (a code-cache offset) through chained TBs until a TB exits, and returns the
// exit value: >= 0 a chainable exit (tb * 2 + slot), EXIT_NOCHAIN, or EXIT_REQUESTED_BASE - tb.
// Operand decoding below uses the literals of format.ts: `w >> 10` is a `^x` field (OP_BITS = 10),
// `p & 0xffff` and `p >>> 16` the two fields of a `(xy)` pair, `w & 0x3ff` the opcode (OP_MASK).
import { execRareOp } from "./interp-rare.ts";
import { EXIT_NOCHAIN, EXIT_REQUESTED_BASE, JC_MASK, PAGE_BITS, PAGE_MASK, TLB_MASK, jcIndex, type TciState } from "./state.ts";

// BEGIN GENERATED const enum Bc (tools/gen-bytecode.ts from spec/tci/bytecode.def)
const enum Bc {
  mov_i32 = 0,
  movi_i32 = 1,
  mov_i64 = 2,
  movi_i64 = 3,
  add_i32 = 4,
  addi_i32 = 5,
  sub_i32 = 6,
  neg_i32 = 7,
  mul_i32 = 8,
  muli_i32 = 9,
  and_i32 = 10,
  andi_i32 = 11,
  or_i32 = 12,
  ori_i32 = 13,
  xor_i32 = 14,
  xori_i32 = 15,
  not_i32 = 16,
  andc_i32 = 17,
  orc_i32 = 18,
  eqv_i32 = 19,
  nand_i32 = 20,
  nor_i32 = 21,
  shl_i32 = 22,
  shli_i32 = 23,
  shr_i32 = 24,
  shri_i32 = 25,
  sar_i32 = 26,
  sari_i32 = 27,
  rotl_i32 = 28,
  rotr_i32 = 29,
  rotli_i32 = 30,
  add_i64 = 31,
  addi_i64 = 32,
  sub_i64 = 33,
  neg_i64 = 34,
  mul_i64 = 35,
  and_i64 = 36,
  andi_i64 = 37,
  or_i64 = 38,
  ori_i64 = 39,
  xor_i64 = 40,
  xori_i64 = 41,
  not_i64 = 42,
  andc_i64 = 43,
  orc_i64 = 44,
  eqv_i64 = 45,
  nand_i64 = 46,
  nor_i64 = 47,
  shl_i64 = 48,
  shli_i64 = 49,
  shr_i64 = 50,
  shri_i64 = 51,
  sar_i64 = 52,
  sari_i64 = 53,
  rotl_i64 = 54,
  rotr_i64 = 55,
  rotli_i64 = 56,
  addw_i64 = 57,
  addiw_i64 = 58,
  subw_i64 = 59,
  mulw_i64 = 60,
  shlw_i64 = 61,
  shliw_i64 = 62,
  shrw_i64 = 63,
  shriw_i64 = 64,
  sarw_i64 = 65,
  sariw_i64 = 66,
  rotliw_i64 = 67,
  ext_i32_i64 = 68,
  extu_i32_i64 = 69,
  ext32s_i64 = 70,
  ext32u_i64 = 71,
  extract_i32 = 72,
  sextract_i32 = 73,
  deposit_i32 = 74,
  extract2_i32 = 75,
  extract_i64 = 76,
  sextract_i64 = 77,
  deposit_i64 = 78,
  extract2_i64 = 79,
  mulu2_i32 = 80,
  muls2_i32 = 81,
  muluh_i32 = 82,
  mulsh_i32 = 83,
  mulu2_i64 = 84,
  muls2_i64 = 85,
  muluh_i64 = 86,
  mulsh_i64 = 87,
  divs_i32 = 88,
  divu_i32 = 89,
  rems_i32 = 90,
  remu_i32 = 91,
  divs_i64 = 92,
  divu_i64 = 93,
  rems_i64 = 94,
  remu_i64 = 95,
  add2_i32 = 96,
  sub2_i32 = 97,
  clz_i32 = 98,
  ctz_i32 = 99,
  ctpop_i32 = 100,
  clz_i64 = 101,
  ctz_i64 = 102,
  ctpop_i64 = 103,
  bswap16_i32 = 104,
  bswap32_i32 = 105,
  bswap16_i64 = 106,
  bswap32_i64 = 107,
  bswap64_i64 = 108,
  setcond_i32 = 109,
  setcondi_i32 = 110,
  negsetcond_i32 = 111,
  setcond_i64 = 112,
  setcondi_i64 = 113,
  negsetcond_i64 = 114,
  setcond2_i32 = 115,
  movcond_i32 = 116,
  movcond_i64 = 117,
  setcond_lt_i64 = 118,
  setcond_ltu_i64 = 119,
  setcondi_lt_i64 = 120,
  setcondi_ltu_i64 = 121,
  setcond_eq_i64 = 122,
  setcondi_eq_i64 = 123,
  setcond_ne_i64 = 124,
  setcondi_ne_i64 = 125,
  br = 126,
  brcond2_i32 = 127,
  brcond_eq_i32 = 128,
  brcond_ne_i32 = 129,
  brcond_lt_i32 = 130,
  brcond_ge_i32 = 131,
  brcond_ltu_i32 = 132,
  brcond_geu_i32 = 133,
  brcond_tsteq_i32 = 134,
  brcond_tstne_i32 = 135,
  brcondi_eq_i32 = 136,
  brcondi_ne_i32 = 137,
  brcondi_lt_i32 = 138,
  brcondi_ge_i32 = 139,
  brcondi_le_i32 = 140,
  brcondi_gt_i32 = 141,
  brcondi_ltu_i32 = 142,
  brcondi_geu_i32 = 143,
  brcondi_leu_i32 = 144,
  brcondi_gtu_i32 = 145,
  brcondi_tsteq_i32 = 146,
  brcondi_tstne_i32 = 147,
  brcond_eq_i64 = 148,
  brcond_ne_i64 = 149,
  brcond_lt_i64 = 150,
  brcond_ge_i64 = 151,
  brcond_ltu_i64 = 152,
  brcond_geu_i64 = 153,
  brcond_tsteq_i64 = 154,
  brcond_tstne_i64 = 155,
  brcondi_eq_i64 = 156,
  brcondi_ne_i64 = 157,
  brcondi_lt_i64 = 158,
  brcondi_ge_i64 = 159,
  brcondi_le_i64 = 160,
  brcondi_gt_i64 = 161,
  brcondi_ltu_i64 = 162,
  brcondi_geu_i64 = 163,
  brcondi_leu_i64 = 164,
  brcondi_gtu_i64 = 165,
  brcondi_tsteq_i64 = 166,
  brcondi_tstne_i64 = 167,
  qld8u_i32 = 168,
  qld8s_i32 = 169,
  qld16u_i32 = 170,
  qld16s_i32 = 171,
  qld32_i32 = 172,
  qld8u_i64 = 173,
  qld8s_i64 = 174,
  qld16u_i64 = 175,
  qld16s_i64 = 176,
  qld32u_i64 = 177,
  qld32s_i64 = 178,
  qld64_i64 = 179,
  qst8 = 180,
  qst16 = 181,
  qst32 = 182,
  qst64 = 183,
  ld8u_env = 184,
  ld8s_env = 185,
  ld16u_env = 186,
  ld16s_env = 187,
  st8_env = 188,
  st16_env = 189,
  call = 190,
  tb_start = 191,
  goto_tb = 192,
  exit_tb = 193,
  goto_ptr = 194,
  lookup_tb = 195,
  mb = 196,
  qld8u_a32 = 197,
  qld8s_a32 = 198,
  qld16u_a32 = 199,
  qld16s_a32 = 200,
  qld32_a32 = 201,
  qld64_a32 = 202,
  qst8_a32 = 203,
  qst16_a32 = 204,
  qst32_a32 = 205,
  qst64_a32 = 206,
  shlhi_i64 = 207,
  shrhi_i64 = 208,
  sarhi_i64 = 209,
  tb_cold = 210,
}
// END GENERATED const enum Bc

// Softmmu geometry as literals: module-level constants are loaded from the module context in
// every memory op of the optimized loop (and a shift by a loaded count is checked for its sign); a
// same-file const enum is inlined as numbers. The values are state.ts's, checked when this loads.
// M1..M8: the page-tag masks for an access of 1, 2, 4, 8 bytes: the page number plus the alignment
// bits, so a misaligned access never matches a tag and takes the slow path.
const enum G {
  PB = 12, // PAGE_BITS
  TLBM = 1023, // TLB_MASK
  M1 = -4096, // PAGE_MASK
  M2 = -4095,
  M4 = -4093,
  M8 = -4089,
  JCM = 16383, // JC_MASK: lookup_tb computes jcIndex inline (a call costs several ops in Ignition)
}
if (G.PB !== PAGE_BITS || G.TLBM !== TLB_MASK || G.M1 !== PAGE_MASK || G.M8 !== (PAGE_MASK | 7))
  throw new Error("interpreter: softmmu geometry differs from state.ts");
if (G.JCM !== JC_MASK || jcIndex(-2) !== ((-2 >>> 1) & G.JCM))
  throw new Error("interpreter: jump-cache hash differs from state.ts's jcIndex");

export function tciExec(S: TciState, startPc: number): number {
  // R, the TLB, the jump slots and the jump cache are all words of C (TciState): one typed array
  // whose map, length and data pointer V8 checks once per op instead of once per array.
  const C = S.code;
  const R = C;
  const m8 = S.mem8,
    m8s = S.mem8s,
    m16 = S.mem16,
    m16s = S.mem16s,
    m32 = S.mem32;
  const tRL = S.tlbReadLoAt,
    tRH = S.tlbReadHiAt,
    tWL = S.tlbWriteLoAt,
    tWH = S.tlbWriteHiAt,
    tA = S.tlbAddendAt;
  const jmp = S.jmpTargetAt;
  const jcLo = S.jcLoAt,
    jcHi = S.jcHiAt,
    jcCsBase = S.jcCsBaseAt,
    jcFlags = S.jcFlagsAt,
    jcCode = S.jcCodeAt;
  let pc = startPc | 0;
  // The opcode word and every case's operands and intermediates: shared, so that Ignition needs few
  // registers (see the header); each case assigns what it reads before reading it.
  let a0 = 0,
    a1 = 0,
    b0 = 0,
    b1 = 0,
    cross1 = 0,
    cross2 = 0,
    mid = 0;
  let w = 0,
    d = 0,
    s = 0,
    lo = 0,
    p = 0,
    a = 0,
    b = 0,
    al = 0,
    imm = 0,
    bl = 0,
    n = 0,
    ah = 0,
    v = 0,
    pos = 0,
    len = 0,
    bh = 0,
    m = 0,
    hi = 0,
    e = 0,
    i = 0,
    left = 0,
    t = 0,
    h = 0;
  for (;;) {
    w = C[pc];
    switch (w & 0x3ff) {
      // ---- the hottest ops first (RISC-V's, then i386's and ARM's), whatever their group: Ignition
      // numbers an op's feedback slots in source order, and an operand above 255 costs a Wide
      // prefix (one more dispatch) on every bytecode that uses it. TurboFan does not care.
      // Only the first ~10 cases fit under slot 256; the rest are still roughly hot-first.
      case Bc.mov_i64: {
        d = w >> 10;
        s = C[pc + 1];
        lo = R[s];
        R[d + 1] = R[s + 1];
        R[d] = lo;
        pc += 2;
        break;
      }
      case Bc.movi_i64: {
        d = w >> 10;
        R[d] = C[pc + 1];
        R[d + 1] = C[pc + 2];
        pc += 3;
        break;
      }
      case Bc.mov_i32: {
        R[w >> 10] = R[C[pc + 1]];
        pc += 2;
        break;
      }
      case Bc.movi_i32: {
        R[w >> 10] = C[pc + 1];
        pc += 2;
        break;
      }
      case Bc.goto_tb: {
        t = C[jmp + (w >> 10)];
        if (t < 0) {
          pc += 1;
          break;
        }
        left = (R[0] - (C[t] >> 10)) | 0;
        if (left < 0) return EXIT_REQUESTED_BASE - C[t + 1];
        R[0] = left;
        pc = t + 2;
        break;
      }
      case Bc.add_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        al = R[a];
        lo = (al + R[b]) | 0;
        R[d + 1] = (R[a + 1] + R[b + 1] + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        R[d] = lo;
        pc += 2;
        break;
      }
      case Bc.shri_i64: {
        // n = 1..31 (0 is mov_i64, 32..63 shrhi_i64)
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        n = p >>> 16;
        ah = R[a + 1];
        R[d] = (R[a] >>> n) | (ah << (32 - n));
        R[d + 1] = ah >>> n;
        pc += 2;
        break;
      }
      case Bc.shrhi_i64: {
        p = C[pc + 1];
        d = w >> 10;
        R[d] = R[(p & 0xffff) + 1] >>> (p >>> 16);
        R[d + 1] = 0;
        pc += 2;
        break;
      }
      case Bc.shli_i64: {
        // n = 1..31 (the encoder turns 0 into mov_i64 and 32..63 into shlhi_i64)
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        n = p >>> 16;
        al = R[a];
        R[d + 1] = (R[a + 1] << n) | (al >>> (32 - n));
        R[d] = al << n;
        pc += 2;
        break;
      }
      case Bc.shlhi_i64: {
        p = C[pc + 1];
        d = w >> 10;
        R[d + 1] = R[p & 0xffff] << (p >>> 16);
        R[d] = 0;
        pc += 2;
        break;
      }
      case Bc.addi_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        al = R[a];
        lo = (al + imm) | 0;
        R[d + 1] = (R[a + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        R[d] = lo;
        pc += 3;
        break;
      }
      case Bc.qld64_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        d = w >> 10;
        if ((lo & G.M8) === C[tRL + e] && hi === C[tRH + e]) {
          i = (C[tA + e] + lo) >> 2;
          R[d] = m32[i];
          R[d + 1] = m32[i + 1];
        } else {
          R[d] = S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
          R[d + 1] = S.slow.hi;
        }
        pc += 4;
        break;
      }
      case Bc.qst64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = w >> 10;
        if ((lo & G.M8) === C[tWL + e] && hi === C[tWH + e]) {
          i = (C[tA + e] + lo) >> 2;
          m32[i] = R[v];
          m32[i + 1] = R[v + 1];
        } else S.slow.store(R[v], R[v + 1], lo, hi, C[pc + 3], m, pc);
        pc += 4;
        break;
      }

      case Bc.or_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        lo = R[a] | R[b];
        R[d + 1] = R[a + 1] | R[b + 1];
        R[d] = lo;
        pc += 2;
        break;
      }
      case Bc.xor_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        lo = R[a] ^ R[b];
        R[d + 1] = R[a + 1] ^ R[b + 1];
        R[d] = lo;
        pc += 2;
        break;
      }
      case Bc.and_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        lo = R[a] & R[b];
        R[d + 1] = R[a + 1] & R[b + 1];
        R[d] = lo;
        pc += 2;
        break;
      }
      case Bc.andi_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        lo = R[a] & imm;
        R[d + 1] = R[a + 1] & (imm >> 31);
        R[d] = lo;
        pc += 3;
        break;
      }
      case Bc.brcond_ne_i64: {
        a = w >> 10;
        b = C[pc + 1];
        pc = R[a] !== R[b] || R[a + 1] !== R[b + 1] ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcond_eq_i64: {
        a = w >> 10;
        b = C[pc + 1];
        pc = R[a] === R[b] && R[a + 1] === R[b + 1] ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcond_geu_i64: {
        a = w >> 10;
        b = C[pc + 1];
        ah = R[a + 1] >>> 0;
        bh = R[b + 1] >>> 0;
        pc = ah > bh || (ah === bh && R[a] >>> 0 >= R[b] >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_ne_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        pc = R[a] !== imm || R[a + 1] !== imm >> 31 ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_eq_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        pc = R[a] === imm && R[a + 1] === imm >> 31 ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.addw_i64: {
        d = w >> 10;
        p = C[pc + 1];
        v = (R[p & 0xffff] + R[p >>> 16]) | 0;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }
      case Bc.addiw_i64: {
        d = w >> 10;
        v = (R[C[pc + 1]] + C[pc + 2]) | 0;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 3;
        break;
      }
      case Bc.shliw_i64: {
        d = w >> 10;
        p = C[pc + 1];
        v = R[p & 0xffff] << (p >>> 16);
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }
      case Bc.extract_i64: {
        p = C[pc + 2];
        pos = p & 0xffff;
        len = p >>> 16;
        if (pos + len > 32) {
          pc = execRareOp(S, pc) | 0;
          break;
        }
        d = w >> 10;
        v = R[C[pc + 1]] >>> pos;
        R[d] = len === 32 ? v : v & ((1 << len) - 1);
        R[d + 1] = 0;
        pc += 3;
        break;
      }
      case Bc.sari_i64: {
        // n = 1..31 (0 is mov_i64, 32..63 sarhi_i64)
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        n = p >>> 16;
        ah = R[a + 1];
        R[d] = (R[a] >>> n) | (ah << (32 - n));
        R[d + 1] = ah >> n;
        pc += 2;
        break;
      }
      case Bc.sarhi_i64: {
        p = C[pc + 1];
        d = w >> 10;
        ah = R[(p & 0xffff) + 1];
        R[d] = ah >> (p >>> 16);
        R[d + 1] = ah >> 31;
        pc += 2;
        break;
      }
      case Bc.shl_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        n = R[p >>> 16] & 63;
        al = R[a];
        ah = R[a + 1];
        if (n === 0) {
          R[d] = al;
          R[d + 1] = ah;
        } else if (n < 32) {
          R[d + 1] = (ah << n) | (al >>> (32 - n));
          R[d] = al << n;
        } else {
          R[d + 1] = al << (n - 32);
          R[d] = 0;
        }
        pc += 2;
        break;
      }
      case Bc.mul_i64: {
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        // int64.ts's mul64 and mulhu32 written out: a call and the res[] round trip cost more than
        // the arithmetic in an interpreter (Ignition), and TurboFan inlined them anyway. The high
        // word of al*bl comes from 16-bit limbs (every partial sum is exact in a double).
        al = R[a];
        bl = R[b];
        a0 = al & 0xffff;
        a1 = al >>> 16;
        b0 = bl & 0xffff;
        b1 = bl >>> 16;
        cross1 = a0 * b1;
        cross2 = a1 * b0;
        mid = ((a0 * b0) >>> 16) + (cross1 & 0xffff) + (cross2 & 0xffff);
        hi = (a1 * b1 + (cross1 >>> 16) + (cross2 >>> 16) + (mid >>> 16) + Math.imul(al, R[b + 1]) + Math.imul(R[a + 1], bl)) | 0;
        d = w >> 10;
        R[d] = Math.imul(al, bl);
        R[d + 1] = hi;
        pc += 2;
        break;
      }
      case Bc.call:
        S.retaddr = pc;
        S.helpers[C[pc + 1]](C[pc + 2], C[pc + 3], C[pc + 4], C[pc + 5], C[pc + 6]);
        pc += 7;
        break;
      case Bc.lookup_tb: {
        s = w >> 10;
        p = C[pc + 1];
        lo = R[s];
        h = (lo >>> 1) & G.JCM; // jcIndex(lo)
        t = C[jcCode + h];
        if (t < 0 || C[jcLo + h] !== lo || C[jcHi + h] !== R[s + 1] || C[jcFlags + h] !== R[p >>> 16] || C[jcCsBase + h] !== R[p & 0xffff])
          return EXIT_NOCHAIN;
        left = (R[0] - (C[t] >> 10)) | 0;
        if (left < 0) return EXIT_REQUESTED_BASE - C[t + 1];
        R[0] = left;
        pc = t + 2;
        break;
      }
      case Bc.qld32s_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M4) === C[tRL + e] && hi === C[tRH + e] ? m32[(C[tA + e] + lo) >> 2] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 4;
        break;
      }
      case Bc.qld32u_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M4) === C[tRL + e] && hi === C[tRH + e] ? m32[(C[tA + e] + lo) >> 2] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        R[d + 1] = 0;
        pc += 4;
        break;
      }
      case Bc.qst32: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = w >> 10;
        if ((lo & G.M4) === C[tWL + e] && hi === C[tWH + e]) m32[(C[tA + e] + lo) >> 2] = R[v];
        else S.slow.store(R[v], 0, lo, hi, C[pc + 3], m, pc);
        pc += 4;
        break;
      }
      case Bc.sub_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        al = R[a];
        bl = R[b];
        R[d + 1] = (R[a + 1] - R[b + 1] - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
        R[d] = (al - bl) | 0;
        pc += 2;
        break;
      }
      case Bc.brcond_ge_i64: {
        a = w >> 10;
        b = C[pc + 1];
        ah = R[a + 1];
        bh = R[b + 1];
        pc = ah > bh || (ah === bh && R[a] >>> 0 >= R[b] >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.qld32_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        R[w >> 10] = (lo & G.M4) === C[tRL + e] ? m32[(C[tA + e] + lo) >> 2] : S.slow.load(lo, 0, C[pc + 3], m, pc) | 0;
        pc += 4;
        break;
      }
      case Bc.qst32_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        if ((lo & G.M4) === C[tWL + e]) m32[(C[tA + e] + lo) >> 2] = R[w >> 10];
        else S.slow.store(R[w >> 10], 0, lo, 0, C[pc + 3], m, pc);
        pc += 4;
        break;
      }
      case Bc.add_i32: {
        p = C[pc + 1];
        R[w >> 10] = (R[p & 0xffff] + R[p >>> 16]) | 0;
        pc += 2;
        break;
      }
      case Bc.addi_i32: {
        R[w >> 10] = (R[C[pc + 1]] + C[pc + 2]) | 0;
        pc += 3;
        break;
      }
      case Bc.xor_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] ^ R[p >>> 16];
        pc += 2;
        break;
      }
      case Bc.rotli_i32: {
        p = C[pc + 1];
        v = R[p & 0xffff];
        n = (p >>> 16) & 31;
        R[w >> 10] = (v << n) | (v >>> (32 - n));
        pc += 2;
        break;
      }

      // ---- moves

      // ---- 32-bit ALU: ^d(ss) register forms, ^dsi immediate forms, ^d(sn) constant shifts
      case Bc.sub_i32: {
        p = C[pc + 1];
        R[w >> 10] = (R[p & 0xffff] - R[p >>> 16]) | 0;
        pc += 2;
        break;
      }
      case Bc.neg_i32: {
        R[w >> 10] = -R[C[pc + 1]] | 0;
        pc += 2;
        break;
      }
      case Bc.mul_i32: {
        p = C[pc + 1];
        R[w >> 10] = Math.imul(R[p & 0xffff], R[p >>> 16]);
        pc += 2;
        break;
      }
      case Bc.muli_i32: {
        R[w >> 10] = Math.imul(R[C[pc + 1]], C[pc + 2]);
        pc += 3;
        break;
      }
      case Bc.and_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] & R[p >>> 16];
        pc += 2;
        break;
      }
      case Bc.andi_i32: {
        R[w >> 10] = R[C[pc + 1]] & C[pc + 2];
        pc += 3;
        break;
      }
      case Bc.or_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] | R[p >>> 16];
        pc += 2;
        break;
      }
      case Bc.ori_i32: {
        R[w >> 10] = R[C[pc + 1]] | C[pc + 2];
        pc += 3;
        break;
      }
      case Bc.xori_i32: {
        R[w >> 10] = R[C[pc + 1]] ^ C[pc + 2];
        pc += 3;
        break;
      }
      case Bc.not_i32: {
        R[w >> 10] = ~R[C[pc + 1]];
        pc += 2;
        break;
      }
      case Bc.shl_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] << R[p >>> 16];
        pc += 2;
        break;
      }
      case Bc.shli_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] << (p >>> 16);
        pc += 2;
        break;
      }
      case Bc.shr_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] >>> R[p >>> 16];
        pc += 2;
        break;
      }
      case Bc.shri_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] >>> (p >>> 16);
        pc += 2;
        break;
      }
      case Bc.sar_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] >> R[p >>> 16];
        pc += 2;
        break;
      }
      case Bc.sari_i32: {
        p = C[pc + 1];
        R[w >> 10] = R[p & 0xffff] >> (p >>> 16);
        pc += 2;
        break;
      }

      // ---- 64-bit ALU on pairs. Every case reads all inputs before writing, so d may alias a or b.
      case Bc.neg_i64: {
        d = w >> 10;
        a = C[pc + 1];
        al = R[a];
        R[d + 1] = (-R[a + 1] - (al !== 0 ? 1 : 0)) | 0;
        R[d] = -al | 0;
        pc += 2;
        break;
      }
      case Bc.ori_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        lo = R[a] | imm;
        R[d + 1] = R[a + 1] | (imm >> 31);
        R[d] = lo;
        pc += 3;
        break;
      }
      case Bc.xori_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        lo = R[a] ^ imm;
        R[d + 1] = R[a + 1] ^ (imm >> 31);
        R[d] = lo;
        pc += 3;
        break;
      }
      case Bc.not_i64: {
        d = w >> 10;
        a = C[pc + 1];
        lo = ~R[a];
        R[d + 1] = ~R[a + 1];
        R[d] = lo;
        pc += 2;
        break;
      }
      // Shifts by a register (count mod 64), here rather than out of line: compilers emit them in
      // hash and bignum loops, and a call to execRareOp costs several ops' worth in Ignition.
      case Bc.shr_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        n = R[p >>> 16] & 63;
        al = R[a];
        ah = R[a + 1];
        if (n === 0) {
          R[d] = al;
          R[d + 1] = ah;
        } else if (n < 32) {
          R[d] = (al >>> n) | (ah << (32 - n));
          R[d + 1] = ah >>> n;
        } else {
          R[d] = ah >>> (n - 32);
          R[d + 1] = 0;
        }
        pc += 2;
        break;
      }
      case Bc.sar_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        n = R[p >>> 16] & 63;
        al = R[a];
        ah = R[a + 1];
        if (n === 0) {
          R[d] = al;
          R[d + 1] = ah;
        } else if (n < 32) {
          R[d] = (al >>> n) | (ah << (32 - n));
          R[d + 1] = ah >> n;
        } else {
          R[d] = ah >> (n - 32);
          R[d + 1] = ah >> 31;
        }
        pc += 2;
        break;
      }

      // ---- RV64 "W" forms: 32-bit result sign-extended into the pair
      case Bc.subw_i64: {
        d = w >> 10;
        p = C[pc + 1];
        v = (R[p & 0xffff] - R[p >>> 16]) | 0;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }
      case Bc.mulw_i64: {
        d = w >> 10;
        p = C[pc + 1];
        v = Math.imul(R[p & 0xffff], R[p >>> 16]);
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }
      case Bc.rotli_i64: {
        // RV64 rori and the optimizer's rewrite of the shift-shift-or rotate (SHA-3, hashing)
        d = w >> 10;
        p = C[pc + 1];
        s = p & 0xffff;
        n = (p >>> 16) & 31;
        if ((p >>> 16) & 32) {
          lo = R[s + 1];
          hi = R[s];
        } else {
          lo = R[s];
          hi = R[s + 1];
        }
        if (n === 0) {
          R[d] = lo;
          R[d + 1] = hi;
        } else {
          R[d] = (lo << n) | (hi >>> (32 - n));
          R[d + 1] = (hi << n) | (lo >>> (32 - n));
        }
        pc += 2;
        break;
      }
      case Bc.rotliw_i64: {
        // RV64 roriw and the 32-bit rotate idiom (srliw + slliw + or), sign-extended
        d = w >> 10;
        p = C[pc + 1];
        v = R[p & 0xffff];
        n = p >>> 16;
        v = (v << n) | (v >>> (32 - n));
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }

      // ---- width changes and common bit fields
      case Bc.ext_i32_i64: {
        d = w >> 10;
        v = R[C[pc + 1]];
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }
      case Bc.extu_i32_i64: {
        d = w >> 10;
        R[d] = R[C[pc + 1]];
        R[d + 1] = 0;
        pc += 2;
        break;
      }
      case Bc.ext32s_i64: {
        d = w >> 10;
        v = R[C[pc + 1]];
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 2;
        break;
      }
      case Bc.ext32u_i64: {
        d = w >> 10;
        R[d] = R[C[pc + 1]];
        R[d + 1] = 0;
        pc += 2;
        break;
      }

      // Bit fields within the low word (RV64 srliw/sraiw, zero/sign extensions); others out of line.
      case Bc.sextract_i64: {
        p = C[pc + 2];
        pos = p & 0xffff;
        len = p >>> 16;
        if (pos + len > 32) {
          pc = execRareOp(S, pc) | 0;
          break;
        }
        d = w >> 10;
        v = (R[C[pc + 1]] << (32 - pos - len)) >> (32 - len);
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 3;
        break;
      }

      // ---- hot compares (RISC-V slt/sltu/seqz/snez)
      case Bc.setcond_lt_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        ah = R[a + 1];
        bh = R[b + 1];
        R[d] = ah < bh || (ah === bh && R[a] >>> 0 < R[b] >>> 0) ? 1 : 0;
        R[d + 1] = 0;
        pc += 2;
        break;
      }
      case Bc.setcondi_lt_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        ah = R[a + 1];
        bh = imm >> 31;
        R[d] = ah < bh || (ah === bh && R[a] >>> 0 < imm >>> 0) ? 1 : 0;
        R[d + 1] = 0;
        pc += 3;
        break;
      }
      case Bc.setcond_ltu_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        ah = R[a + 1] >>> 0;
        bh = R[b + 1] >>> 0;
        R[d] = ah < bh || (ah === bh && R[a] >>> 0 < R[b] >>> 0) ? 1 : 0;
        R[d + 1] = 0;
        pc += 2;
        break;
      }
      case Bc.setcondi_ltu_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        ah = R[a + 1] >>> 0;
        bh = (imm >> 31) >>> 0;
        R[d] = ah < bh || (ah === bh && R[a] >>> 0 < imm >>> 0) ? 1 : 0;
        R[d + 1] = 0;
        pc += 3;
        break;
      }
      case Bc.setcond_eq_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        v = R[a] === R[b] && R[a + 1] === R[b + 1] ? 1 : 0;
        R[d] = v;
        R[d + 1] = 0;
        pc += 2;
        break;
      }
      case Bc.setcondi_eq_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        v = R[a] === imm && R[a + 1] === imm >> 31 ? 1 : 0;
        R[d] = v;
        R[d + 1] = 0;
        pc += 3;
        break;
      }
      case Bc.setcond_ne_i64: {
        d = w >> 10;
        p = C[pc + 1];
        a = p & 0xffff;
        b = p >>> 16;
        v = R[a] !== R[b] || R[a + 1] !== R[b + 1] ? 1 : 0;
        R[d] = v;
        R[d + 1] = 0;
        pc += 2;
        break;
      }
      case Bc.setcondi_ne_i64: {
        d = w >> 10;
        a = C[pc + 1];
        imm = C[pc + 2];
        v = R[a] !== imm || R[a + 1] !== imm >> 31 ? 1 : 0;
        R[d] = v;
        R[d + 1] = 0;
        pc += 3;
        break;
      }

      // ---- branches: ^sst register forms, ^sit immediate forms; the target is the third word
      case Bc.br:
        pc = C[pc + 1];
        break;
      case Bc.brcond_eq_i32:
        pc = R[w >> 10] === R[C[pc + 1]] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_ne_i32:
        pc = R[w >> 10] !== R[C[pc + 1]] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_lt_i32:
        pc = R[w >> 10] < R[C[pc + 1]] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_ge_i32:
        pc = R[w >> 10] >= R[C[pc + 1]] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_ltu_i32:
        pc = R[w >> 10] >>> 0 < R[C[pc + 1]] >>> 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_geu_i32:
        pc = R[w >> 10] >>> 0 >= R[C[pc + 1]] >>> 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_tsteq_i32:
        pc = (R[w >> 10] & R[C[pc + 1]]) === 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_tstne_i32:
        pc = (R[w >> 10] & R[C[pc + 1]]) !== 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_eq_i32:
        pc = R[w >> 10] === C[pc + 1] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_ne_i32:
        pc = R[w >> 10] !== C[pc + 1] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_lt_i32:
        pc = R[w >> 10] < C[pc + 1] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_ge_i32:
        pc = R[w >> 10] >= C[pc + 1] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_le_i32:
        pc = R[w >> 10] <= C[pc + 1] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_gt_i32:
        pc = R[w >> 10] > C[pc + 1] ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_ltu_i32:
        pc = R[w >> 10] >>> 0 < C[pc + 1] >>> 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_geu_i32:
        pc = R[w >> 10] >>> 0 >= C[pc + 1] >>> 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_leu_i32:
        pc = R[w >> 10] >>> 0 <= C[pc + 1] >>> 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_gtu_i32:
        pc = R[w >> 10] >>> 0 > C[pc + 1] >>> 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_tsteq_i32:
        pc = (R[w >> 10] & C[pc + 1]) === 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcondi_tstne_i32:
        pc = (R[w >> 10] & C[pc + 1]) !== 0 ? C[pc + 2] : pc + 3;
        break;
      case Bc.brcond_lt_i64: {
        a = w >> 10;
        b = C[pc + 1];
        ah = R[a + 1];
        bh = R[b + 1];
        pc = ah < bh || (ah === bh && R[a] >>> 0 < R[b] >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcond_ltu_i64: {
        a = w >> 10;
        b = C[pc + 1];
        ah = R[a + 1] >>> 0;
        bh = R[b + 1] >>> 0;
        pc = ah < bh || (ah === bh && R[a] >>> 0 < R[b] >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcond_tsteq_i64: {
        a = w >> 10;
        b = C[pc + 1];
        pc = ((R[a] & R[b]) | (R[a + 1] & R[b + 1])) === 0 ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcond_tstne_i64: {
        a = w >> 10;
        b = C[pc + 1];
        pc = ((R[a] & R[b]) | (R[a + 1] & R[b + 1])) !== 0 ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_lt_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1];
        bh = imm >> 31;
        pc = ah < bh || (ah === bh && R[a] >>> 0 < imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_ge_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1];
        bh = imm >> 31;
        pc = ah > bh || (ah === bh && R[a] >>> 0 >= imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_le_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1];
        bh = imm >> 31;
        pc = ah < bh || (ah === bh && R[a] >>> 0 <= imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_gt_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1];
        bh = imm >> 31;
        pc = ah > bh || (ah === bh && R[a] >>> 0 > imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_ltu_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1] >>> 0;
        bh = (imm >> 31) >>> 0;
        pc = ah < bh || (ah === bh && R[a] >>> 0 < imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_geu_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1] >>> 0;
        bh = (imm >> 31) >>> 0;
        pc = ah > bh || (ah === bh && R[a] >>> 0 >= imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_leu_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1] >>> 0;
        bh = (imm >> 31) >>> 0;
        pc = ah < bh || (ah === bh && R[a] >>> 0 <= imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_gtu_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        ah = R[a + 1] >>> 0;
        bh = (imm >> 31) >>> 0;
        pc = ah > bh || (ah === bh && R[a] >>> 0 > imm >>> 0) ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_tsteq_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        pc = ((R[a] & imm) | (R[a + 1] & (imm >> 31))) === 0 ? C[pc + 2] : pc + 3;
        break;
      }
      case Bc.brcondi_tstne_i64: {
        a = w >> 10;
        imm = C[pc + 1];
        pc = ((R[a] & imm) | (R[a + 1] & (imm >> 31))) !== 0 ? C[pc + 2] : pc + 3;
        break;
      }

      // ---- guest memory of 64-bit guests, ^d(sm)io / ^s(sm)io: address = pair s + sign-extended imm; inline TLB check
      case Bc.qld8u_i32: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M1) === C[tRL + e] && hi === C[tRH + e] ? m8[(C[tA + e] + lo) | 0] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        pc += 4;
        break;
      }
      case Bc.qld8u_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M1) === C[tRL + e] && hi === C[tRH + e] ? m8[(C[tA + e] + lo) | 0] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        R[d + 1] = 0;
        pc += 4;
        break;
      }
      case Bc.qld8s_i32: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M1) === C[tRL + e] && hi === C[tRH + e] ? m8s[(C[tA + e] + lo) | 0] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        pc += 4;
        break;
      }
      case Bc.qld8s_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M1) === C[tRL + e] && hi === C[tRH + e] ? m8s[(C[tA + e] + lo) | 0] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 4;
        break;
      }
      case Bc.qld16u_i32: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M2) === C[tRL + e] && hi === C[tRH + e] ? m16[(C[tA + e] + lo) >> 1] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        pc += 4;
        break;
      }
      case Bc.qld16u_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M2) === C[tRL + e] && hi === C[tRH + e] ? m16[(C[tA + e] + lo) >> 1] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        R[d + 1] = 0;
        pc += 4;
        break;
      }
      case Bc.qld16s_i32: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M2) === C[tRL + e] && hi === C[tRH + e] ? m16s[(C[tA + e] + lo) >> 1] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        pc += 4;
        break;
      }
      case Bc.qld16s_i64: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M2) === C[tRL + e] && hi === C[tRH + e] ? m16s[(C[tA + e] + lo) >> 1] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc += 4;
        break;
      }
      case Bc.qld32_i32: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = (lo & G.M4) === C[tRL + e] && hi === C[tRH + e] ? m32[(C[tA + e] + lo) >> 2] : S.slow.load(lo, hi, C[pc + 3], m, pc) | 0;
        d = w >> 10;
        R[d] = v;
        pc += 4;
        break;
      }
      case Bc.qst8: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = w >> 10;
        if ((lo & G.M1) === C[tWL + e] && hi === C[tWH + e]) m8[(C[tA + e] + lo) | 0] = R[v];
        else S.slow.store(R[v], 0, lo, hi, C[pc + 3], m, pc);
        pc += 4;
        break;
      }
      case Bc.qst16: {
        p = C[pc + 1];
        imm = C[pc + 2];
        b = p & 0xffff;
        m = p >>> 16;
        al = R[b];
        lo = (al + imm) | 0;
        hi = (R[b + 1] + (imm >> 31) + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = w >> 10;
        if ((lo & G.M2) === C[tWL + e] && hi === C[tWH + e]) m16[(C[tA + e] + lo) >> 1] = R[v];
        else S.slow.store(R[v], 0, lo, hi, C[pc + 3], m, pc);
        pc += 4;
        break;
      }

      // ---- guest memory of 32-bit guests: the address wraps at 2^32 and has no high word
      case Bc.qld8u_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        R[w >> 10] = (lo & G.M1) === C[tRL + e] ? m8[(C[tA + e] + lo) | 0] : S.slow.load(lo, 0, C[pc + 3], m, pc) | 0;
        pc += 4;
        break;
      }
      case Bc.qld8s_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        R[w >> 10] = (lo & G.M1) === C[tRL + e] ? m8s[(C[tA + e] + lo) | 0] : S.slow.load(lo, 0, C[pc + 3], m, pc) | 0;
        pc += 4;
        break;
      }
      case Bc.qld16u_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        R[w >> 10] = (lo & G.M2) === C[tRL + e] ? m16[(C[tA + e] + lo) >> 1] : S.slow.load(lo, 0, C[pc + 3], m, pc) | 0;
        pc += 4;
        break;
      }
      case Bc.qld16s_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        R[w >> 10] = (lo & G.M2) === C[tRL + e] ? m16s[(C[tA + e] + lo) >> 1] : S.slow.load(lo, 0, C[pc + 3], m, pc) | 0;
        pc += 4;
        break;
      }
      case Bc.qld64_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        d = w >> 10;
        if ((lo & G.M8) === C[tRL + e]) {
          i = (C[tA + e] + lo) >> 2;
          R[d] = m32[i];
          R[d + 1] = m32[i + 1];
        } else {
          R[d] = S.slow.load(lo, 0, C[pc + 3], m, pc) | 0;
          R[d + 1] = S.slow.hi;
        }
        pc += 4;
        break;
      }
      case Bc.qst8_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        if ((lo & G.M1) === C[tWL + e]) m8[(C[tA + e] + lo) | 0] = R[w >> 10];
        else S.slow.store(R[w >> 10], 0, lo, 0, C[pc + 3], m, pc);
        pc += 4;
        break;
      }
      case Bc.qst16_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        if ((lo & G.M2) === C[tWL + e]) m16[(C[tA + e] + lo) >> 1] = R[w >> 10];
        else S.slow.store(R[w >> 10], 0, lo, 0, C[pc + 3], m, pc);
        pc += 4;
        break;
      }
      case Bc.qst64_a32: {
        p = C[pc + 1];
        m = p >>> 16;
        lo = (R[p & 0xffff] + C[pc + 2]) | 0;
        e = m + ((lo >>> G.PB) & G.TLBM);
        v = w >> 10;
        if ((lo & G.M8) === C[tWL + e]) {
          i = (C[tA + e] + lo) >> 2;
          m32[i] = R[v];
          m32[i + 1] = R[v + 1];
        } else S.slow.store(R[v], R[v + 1], lo, 0, C[pc + 3], m, pc);
        pc += 4;
        break;
      }

      // ---- helper calls: slot indices are passed, the helper reads and writes R itself

      // ---- TB control. tb_start (^nx) charges the TB when the main loop enters it; chained entries
      // (goto_tb, lookup_tb) charge the next TB themselves and enter it after its tb_start, one
      // dispatch less per chained TB.
      case Bc.tb_start: {
        left = (R[0] - (w >> 10)) | 0;
        if (left < 0) return EXIT_REQUESTED_BASE - C[pc + 1];
        R[0] = left;
        pc += 2;
        break;
      }
      case Bc.exit_tb:
        return C[pc + 1];
      case Bc.goto_ptr: {
        t = R[w >> 10];
        if (t < 0) return EXIT_NOCHAIN;
        pc = t;
        break;
      }

      default:
        pc = execRareOp(S, pc) | 0;
    }
  }
}
