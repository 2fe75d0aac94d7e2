// The interpreter's out-of-line ops: everything that is too rare or too large for the hot loop in
// interpreter.ts (division, bit counts, byte swaps, generic compares, bit fields, double-word ops).
// Each case executes one op and returns the next pc. None of them leaves the TB.
import {
  bswap32,
  clz64,
  ctpop32,
  ctz32,
  ctz64,
  divs64,
  divu64,
  mulhs32,
  mulhu32,
  muls128,
  mulu128,
  rems64,
  remu64,
  res,
  res128,
  rotl64,
  shl64,
  shr64,
} from "./int64.ts";
import { ENV_BUDGET, type TciState } from "./state.ts";

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

/** Condition codes as in src/tcg/opcodes.ts Cond. */
export function cmp32(cond: number, a: number, b: number): boolean {
  switch (cond) {
    case 8:
      return a === b;
    case 9:
      return a !== b;
    case 2:
      return a < b;
    case 3:
      return a >= b;
    case 4:
      return a <= b;
    case 5:
      return a > b;
    case 6:
      return a >>> 0 < b >>> 0;
    case 7:
      return a >>> 0 >= b >>> 0;
    case 10:
      return a >>> 0 <= b >>> 0;
    case 11:
      return a >>> 0 > b >>> 0;
    case 12:
      return (a & b) === 0;
    case 13:
      return (a & b) !== 0;
    case 1:
      return true;
    default:
      return false;
  }
}

export function cmp64(cond: number, al: number, ah: number, bl: number, bh: number): boolean {
  switch (cond) {
    case 8:
      return al === bl && ah === bh;
    case 9:
      return al !== bl || ah !== bh;
    case 12:
      return ((al & bl) | (ah & bh)) === 0;
    case 13:
      return ((al & bl) | (ah & bh)) !== 0;
    case 1:
      return true;
    case 0:
      return false;
  }
  // Ordered compares: decide on the high words, then unsigned low words.
  let c: number;
  if (ah !== bh) {
    const signed = cond >= 2 && cond <= 5;
    c = signed ? (ah < bh ? -1 : 1) : ah >>> 0 < bh >>> 0 ? -1 : 1;
  } else c = al === bl ? 0 : al >>> 0 < bl >>> 0 ? -1 : 1;
  switch (cond) {
    case 2:
    case 6:
      return c < 0;
    case 3:
    case 7:
      return c >= 0;
    case 4:
    case 10:
      return c <= 0;
    default:
      return c > 0;
  }
}

function extract32(v: number, pos: number, len: number): number {
  return len === 32 ? v >>> pos : (v >>> pos) & ((1 << len) - 1);
}
function sextract32(v: number, pos: number, len: number): number {
  return (v << (32 - pos - len)) >> (32 - len);
}

export function execRareOp(S: TciState, pc: number): number {
  const R = S.R;
  const C = S.code;
  const op = C[pc] & 0x3ff; // OP_MASK (src/tci/format.ts); rare ops keep whole-word operands
  const d = C[pc + 1],
    a = C[pc + 2],
    b = C[pc + 3];
  switch (op) {
    case Bc.rotl_i32: {
      const n = R[b] & 31;
      R[d] = (R[a] << n) | (R[a] >>> (32 - n));
      return pc + 4;
    }
    case Bc.rotr_i32: {
      const n = R[b] & 31;
      R[d] = (R[a] >>> n) | (R[a] << (32 - n));
      return pc + 4;
    }
    case Bc.andc_i32:
      R[d] = R[a] & ~R[b];
      return pc + 4;
    case Bc.orc_i32:
      R[d] = R[a] | ~R[b];
      return pc + 4;
    case Bc.eqv_i32:
      R[d] = ~(R[a] ^ R[b]);
      return pc + 4;
    case Bc.nand_i32:
      R[d] = ~(R[a] & R[b]);
      return pc + 4;
    case Bc.nor_i32:
      R[d] = ~(R[a] | R[b]);
      return pc + 4;
    case Bc.andc_i64:
    case Bc.orc_i64:
    case Bc.eqv_i64:
    case Bc.nand_i64:
    case Bc.nor_i64: {
      for (let h = 0; h < 2; h++) {
        const x = R[a + h],
          y = R[b + h];
        R[d + h] =
          op === Bc.andc_i64
            ? x & ~y
            : op === Bc.orc_i64
              ? x | ~y
              : op === Bc.eqv_i64
                ? ~(x ^ y)
                : op === Bc.nand_i64
                  ? ~(x & y)
                  : ~(x | y);
      }
      return pc + 4;
    }
    case Bc.rotl_i64:
    case Bc.rotr_i64: {
      let n = R[b] & 63;
      if (op === Bc.rotr_i64) n = (64 - n) & 63;
      rotl64(R[a], R[a + 1], n);
      R[d] = res[0];
      R[d + 1] = res[1];
      return pc + 4;
    }
    case Bc.shlw_i64:
    case Bc.shrw_i64:
    case Bc.sarw_i64:
    case Bc.shriw_i64:
    case Bc.sariw_i64: {
      const x = R[a];
      const n = op === Bc.shriw_i64 || op === Bc.sariw_i64 ? b & 31 : R[b] & 31;
      const v = op === Bc.shlw_i64 ? x << n : op === Bc.shrw_i64 || op === Bc.shriw_i64 ? x >>> n : x >> n;
      R[d] = v | 0;
      R[d + 1] = (v | 0) >> 31;
      return pc + 4;
    }
    case Bc.extract_i32:
      R[d] = extract32(R[a], b, C[pc + 4]) | 0;
      return pc + 5;
    case Bc.sextract_i32:
      R[d] = sextract32(R[a], b, C[pc + 4]);
      return pc + 5;
    case Bc.extract_i64:
    case Bc.sextract_i64: {
      // packed layout ^ds(nn): d in the opcode word, s whole, (pos, len) in one word
      const dd = C[pc] >> 10,
        s = C[pc + 1],
        pos = C[pc + 2] & 0xffff,
        len = C[pc + 2] >>> 16;
      shr64(R[s], R[s + 1], pos);
      let lo = res[0],
        hi = res[1];
      const signed = op === Bc.sextract_i64;
      if (len <= 32) {
        lo = signed ? sextract32(lo, 0, len) : extract32(lo, 0, len) | 0;
        hi = signed ? lo >> 31 : 0;
      } else if (len < 64) {
        hi = signed ? sextract32(hi, 0, len - 32) : extract32(hi, 0, len - 32) | 0;
      }
      R[dd] = lo;
      R[dd + 1] = hi;
      return pc + 3;
    }
    case Bc.deposit_i32: {
      const pos = C[pc + 4],
        len = C[pc + 5];
      const m = (len === 32 ? -1 : (1 << len) - 1) << pos;
      R[d] = (R[a] & ~m) | ((R[b] << pos) & m);
      return pc + 6;
    }
    case Bc.deposit_i64: {
      const pos = C[pc + 4],
        len = C[pc + 5];
      // mask = ((1 << len) - 1) << pos, as a pair
      let ml: number, mh: number;
      if (len >= 64) {
        ml = mh = -1;
      } else if (len >= 32) {
        ml = -1;
        mh = len === 32 ? 0 : (1 << (len - 32)) - 1;
      } else {
        ml = (1 << len) - 1;
        mh = 0;
      }
      shl64(ml, mh, pos);
      ml = res[0];
      mh = res[1];
      shl64(R[b], R[b + 1], pos);
      R[d] = (R[a] & ~ml) | (res[0] & ml);
      R[d + 1] = (R[a + 1] & ~mh) | (res[1] & mh);
      return pc + 6;
    }
    case Bc.extract2_i32: {
      const pos = C[pc + 4];
      R[d] = pos === 0 ? R[a] : (R[a] >>> pos) | (R[b] << (32 - pos));
      return pc + 5;
    }
    case Bc.extract2_i64: {
      const pos = C[pc + 4];
      // ((b:a) >> pos) low 64 bits, for 0 <= pos < 64
      const al = R[a],
        ah = R[a + 1],
        bl = R[b],
        bh = R[b + 1];
      if (pos === 0) {
        R[d] = al;
        R[d + 1] = ah;
      } else if (pos < 32) {
        R[d] = (al >>> pos) | (ah << (32 - pos));
        R[d + 1] = (ah >>> pos) | (bl << (32 - pos));
      } else if (pos === 32) {
        R[d] = ah;
        R[d + 1] = bl;
      } else {
        const p = pos - 32;
        R[d] = (ah >>> p) | (bl << (32 - p));
        R[d + 1] = (bl >>> p) | (bh << (32 - p));
      }
      return pc + 5;
    }
    case Bc.mulu2_i32:
    case Bc.muls2_i32: {
      const x = R[b],
        y = R[C[pc + 4]];
      const hi = op === Bc.mulu2_i32 ? mulhu32(x, y) : mulhs32(x, y);
      R[d] = Math.imul(x, y);
      R[a] = hi;
      return pc + 5;
    }
    case Bc.muluh_i32:
      R[d] = mulhu32(R[a], R[b]);
      return pc + 4;
    case Bc.mulsh_i32:
      R[d] = mulhs32(R[a], R[b]);
      return pc + 4;
    case Bc.mulu2_i64:
    case Bc.muls2_i64: {
      const x = b,
        y = C[pc + 4];
      (op === Bc.mulu2_i64 ? mulu128 : muls128)(R[x], R[x + 1], R[y], R[y + 1]);
      R[d] = res128[0];
      R[d + 1] = res128[1];
      R[a] = res128[2];
      R[a + 1] = res128[3];
      return pc + 5;
    }
    case Bc.muluh_i64:
    case Bc.mulsh_i64:
      (op === Bc.muluh_i64 ? mulu128 : muls128)(R[a], R[a + 1], R[b], R[b + 1]);
      R[d] = res128[2];
      R[d + 1] = res128[3];
      return pc + 4;
    case Bc.divs_i32: {
      const x = R[a],
        y = R[b];
      R[d] = y === 0 ? -1 : y === -1 ? -x | 0 : (x / y) | 0;
      return pc + 4;
    }
    case Bc.divu_i32: {
      const x = R[a] >>> 0,
        y = R[b] >>> 0;
      R[d] = y === 0 ? -1 : (x / y) | 0;
      return pc + 4;
    }
    case Bc.rems_i32: {
      const x = R[a],
        y = R[b];
      R[d] = y === 0 ? x : y === -1 ? 0 : (x % y) | 0;
      return pc + 4;
    }
    case Bc.remu_i32: {
      const x = R[a] >>> 0,
        y = R[b] >>> 0;
      R[d] = y === 0 ? x | 0 : (x % y) | 0;
      return pc + 4;
    }
    case Bc.divs_i64:
    case Bc.divu_i64:
    case Bc.rems_i64:
    case Bc.remu_i64:
      (op === Bc.divs_i64 ? divs64 : op === Bc.divu_i64 ? divu64 : op === Bc.rems_i64 ? rems64 : remu64)(R[a], R[a + 1], R[b], R[b + 1]);
      R[d] = res[0];
      R[d + 1] = res[1];
      return pc + 4;
    case Bc.add2_i32:
    case Bc.sub2_i32: {
      const al = R[b],
        ah = R[C[pc + 4]],
        bl = R[C[pc + 5]],
        bh = R[C[pc + 6]];
      let lo: number, hi: number;
      if (op === Bc.add2_i32) {
        lo = (al + bl) | 0;
        hi = (ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
      } else {
        lo = (al - bl) | 0;
        hi = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
      }
      R[d] = lo;
      R[a] = hi;
      return pc + 7;
    }
    case Bc.clz_i32:
      R[d] = R[a] === 0 ? R[b] : Math.clz32(R[a]);
      return pc + 4;
    case Bc.ctz_i32:
      R[d] = R[a] === 0 ? R[b] : ctz32(R[a]);
      return pc + 4;
    case Bc.ctpop_i32:
      R[d] = ctpop32(R[a]);
      return pc + 3;
    case Bc.clz_i64:
    case Bc.ctz_i64: {
      const lo = R[a],
        hi = R[a + 1];
      if ((lo | hi) === 0) {
        R[d] = R[b];
        R[d + 1] = R[b + 1];
      } else {
        R[d] = op === Bc.clz_i64 ? clz64(lo, hi) : ctz64(lo, hi);
        R[d + 1] = 0;
      }
      return pc + 4;
    }
    case Bc.ctpop_i64:
      R[d] = ctpop32(R[a]) + ctpop32(R[a + 1]);
      R[d + 1] = 0;
      return pc + 3;
    case Bc.bswap16_i32:
    case Bc.bswap16_i64: {
      const x = R[a];
      let v = ((x & 0xff) << 8) | ((x >>> 8) & 0xff);
      if (b & 4) v = (v << 16) >> 16;
      R[d] = v;
      if (op === Bc.bswap16_i64) R[d + 1] = v >> 31;
      return pc + 4;
    }
    case Bc.bswap32_i32:
      R[d] = bswap32(R[a]);
      return pc + 4;
    case Bc.bswap32_i64: {
      const v = bswap32(R[a]);
      R[d] = v;
      R[d + 1] = b & 4 ? v >> 31 : 0;
      return pc + 4;
    }
    case Bc.bswap64_i64: {
      const lo = R[a],
        hi = R[a + 1];
      R[d] = bswap32(hi);
      R[d + 1] = bswap32(lo);
      return pc + 3;
    }
    case Bc.setcond_i32:
      R[d] = cmp32(C[pc + 4], R[a], R[b]) ? 1 : 0;
      return pc + 5;
    case Bc.setcondi_i32:
      R[d] = cmp32(C[pc + 4], R[a], b) ? 1 : 0;
      return pc + 5;
    case Bc.negsetcond_i32:
      R[d] = cmp32(C[pc + 4], R[a], R[b]) ? -1 : 0;
      return pc + 5;
    case Bc.setcond_i64:
    case Bc.negsetcond_i64: {
      const t = cmp64(C[pc + 4], R[a], R[a + 1], R[b], R[b + 1]);
      const v = t ? (op === Bc.setcond_i64 ? 1 : -1) : 0;
      R[d] = v;
      R[d + 1] = v >> 31;
      return pc + 5;
    }
    case Bc.setcondi_i64:
      R[d] = cmp64(C[pc + 4], R[a], R[a + 1], b, b >> 31) ? 1 : 0;
      R[d + 1] = 0;
      return pc + 5;
    case Bc.setcond2_i32:
      R[d] = cmp64(C[pc + 6], R[a], R[b], R[C[pc + 4]], R[C[pc + 5]]) ? 1 : 0;
      return pc + 7;
    case Bc.movcond_i32:
      R[d] = cmp32(C[pc + 6], R[a], R[b]) ? R[C[pc + 4]] : R[C[pc + 5]];
      return pc + 7;
    case Bc.movcond_i64: {
      const s = cmp64(C[pc + 6], R[a], R[a + 1], R[b], R[b + 1]) ? C[pc + 4] : C[pc + 5];
      const lo = R[s];
      R[d + 1] = R[s + 1];
      R[d] = lo;
      return pc + 7;
    }
    case Bc.brcond2_i32:
      // operands: al ah bl bh cond target
      return cmp64(C[pc + 5], R[d], R[a], R[b], R[C[pc + 4]]) ? C[pc + 6] : pc + 7;
    case Bc.ld8u_env:
      R[d] = S.R8[a];
      return pc + 3;
    case Bc.ld8s_env:
      R[d] = (S.R8[a] << 24) >> 24;
      return pc + 3;
    case Bc.ld16u_env:
      R[d] = S.R16[a >> 1];
      return pc + 3;
    case Bc.ld16s_env:
      R[d] = (S.R16[a >> 1] << 16) >> 16;
      return pc + 3;
    case Bc.st8_env:
      S.R8[a] = R[d];
      return pc + 3;
    case Bc.st16_env:
      S.R16[a >> 1] = R[d];
      return pc + 3;
    case Bc.mb:
      return pc + 2;
    case Bc.tb_cold: {
      // [tb_start ^icount, tb] [tb_cold ^n] [exit_tb, EXIT_PROMOTE_BASE - tb]
      const n = C[pc] >> 10;
      if (n > 1) {
        C[pc] = ((n - 1) << 10) | Bc.tb_cold;
        return pc + 3;
      }
      // The TB's entry charged its icount (tb_start or the chaining op): nothing of it ran.
      R[ENV_BUDGET] = (R[ENV_BUDGET] + (C[pc - 2] >> 10)) | 0;
      return pc + 1;
    }
  }
  throw new Error(`tci: bad opcode ${op} at code offset ${pc}`);
}
