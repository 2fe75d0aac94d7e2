// MMX and SSE2 integer vector operations (QEMU 10's target/i386/ops_sse.h helpers and the gvec
// expansions emit.c.inc uses), on 8-byte (MMX) or 16-byte (XMM) registers in the register file R.
// Operands are R slot numbers of the registers' first dword; byte/word lanes are read through the
// byte and half-word views of R (host little-endian, as the rest of the engine). The destination
// may be one of the sources: lane-wise ops are computed in place, the others through a scratch.
import { hotScratchArray } from "../../tci/unfrozen-prototype.ts";

/** Vector operations by number (the translator packs one into a helper descriptor). */
export const enum V {
  PADDB,
  PADDW,
  PADDD,
  PADDQ,
  PSUBB,
  PSUBW,
  PSUBD,
  PSUBQ,
  PADDSB,
  PADDSW,
  PADDUSB,
  PADDUSW,
  PSUBSB,
  PSUBSW,
  PSUBUSB,
  PSUBUSW,
  PAND,
  PANDN,
  POR,
  PXOR,
  PCMPEQB,
  PCMPEQW,
  PCMPEQD,
  PCMPGTB,
  PCMPGTW,
  PCMPGTD,
  PMULLW,
  PMULHW,
  PMULHUW,
  PMULUDQ,
  PMADDWD,
  PSADBW,
  PAVGB,
  PAVGW,
  PMINUB,
  PMAXUB,
  PMINSW,
  PMAXSW,
  PACKSSWB,
  PACKUSWB,
  PACKSSDW,
  PUNPCKLBW,
  PUNPCKLWD,
  PUNPCKLDQ,
  PUNPCKLQDQ,
  PUNPCKHBW,
  PUNPCKHWD,
  PUNPCKHDQ,
  PUNPCKHQDQ,
  /** shifts by the low 64 bits of operand s */
  PSRLW,
  PSRAW,
  PSLLW,
  PSRLD,
  PSRAD,
  PSLLD,
  PSRLQ,
  PSLLQ,
  /** shifts by the immediate */
  PSRLW_I,
  PSRAW_I,
  PSLLW_I,
  PSRLD_I,
  PSRAD_I,
  PSLLD_I,
  PSRLQ_I,
  PSLLQ_I,
  PSRLDQ_I,
  PSLLDQ_I,
  PSHUFD,
  PSHUFHW,
  PSHUFLW,
  PSHUFW,
  SHUFPS,
  SHUFPD,
  COUNT,
}

const tmp = hotScratchArray(new Int32Array(4));
const tmp8 = hotScratchArray(new Uint8Array(tmp.buffer));
const tmp16 = hotScratchArray(new Uint16Array(tmp.buffer));

const satsb = (x: number) => (x < -128 ? -128 : x > 127 ? 127 : x);
const satub = (x: number) => (x < 0 ? 0 : x > 255 ? 255 : x);
const satsw = (x: number) => (x < -32768 ? -32768 : x > 32767 ? 32767 : x);
const satuw = (x: number) => (x < 0 ? 0 : x > 65535 ? 65535 : x);

/**
 * Runs vector operation `op` on `bytes`-wide registers at slots d (destination), v and s (sources;
 * for the legacy two-operand forms v is d). `imm` is the immediate of shuffles and shifts.
 */
export function vecOp(
  R: Int32Array,
  R8: Uint8Array,
  R16: Uint16Array,
  op: V,
  bytes: number,
  d: number,
  v: number,
  s: number,
  imm: number,
): void {
  const n32 = bytes >> 2;
  const n16 = bytes >> 1;
  const d8 = d * 4,
    v8 = v * 4,
    s8 = s * 4;
  const d16 = d * 2,
    v16 = v * 2,
    s16 = s * 2;
  let i: number;
  switch (op) {
    case V.PADDB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = R8[v8 + i] + R8[s8 + i];
      return;
    case V.PADDW:
      for (i = 0; i < n16; i++) R16[d16 + i] = R16[v16 + i] + R16[s16 + i];
      return;
    case V.PADDD:
      for (i = 0; i < n32; i++) R[d + i] = (R[v + i] + R[s + i]) | 0;
      return;
    case V.PADDQ:
      for (i = 0; i < n32; i += 2) {
        const lo = (R[v + i] >>> 0) + (R[s + i] >>> 0);
        R[d + i + 1] = (R[v + i + 1] + R[s + i + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
        R[d + i] = lo | 0;
      }
      return;
    case V.PSUBB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = R8[v8 + i] - R8[s8 + i];
      return;
    case V.PSUBW:
      for (i = 0; i < n16; i++) R16[d16 + i] = R16[v16 + i] - R16[s16 + i];
      return;
    case V.PSUBD:
      for (i = 0; i < n32; i++) R[d + i] = (R[v + i] - R[s + i]) | 0;
      return;
    case V.PSUBQ:
      for (i = 0; i < n32; i += 2) {
        const a = R[v + i] >>> 0,
          b = R[s + i] >>> 0;
        R[d + i + 1] = (R[v + i + 1] - R[s + i + 1] - (a < b ? 1 : 0)) | 0;
        R[d + i] = (a - b) | 0;
      }
      return;
    case V.PADDSB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = satsb(((R8[v8 + i] << 24) >> 24) + ((R8[s8 + i] << 24) >> 24));
      return;
    case V.PADDSW:
      for (i = 0; i < n16; i++) R16[d16 + i] = satsw(((R16[v16 + i] << 16) >> 16) + ((R16[s16 + i] << 16) >> 16));
      return;
    case V.PADDUSB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = satub(R8[v8 + i] + R8[s8 + i]);
      return;
    case V.PADDUSW:
      for (i = 0; i < n16; i++) R16[d16 + i] = satuw(R16[v16 + i] + R16[s16 + i]);
      return;
    case V.PSUBSB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = satsb(((R8[v8 + i] << 24) >> 24) - ((R8[s8 + i] << 24) >> 24));
      return;
    case V.PSUBSW:
      for (i = 0; i < n16; i++) R16[d16 + i] = satsw(((R16[v16 + i] << 16) >> 16) - ((R16[s16 + i] << 16) >> 16));
      return;
    case V.PSUBUSB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = satub(R8[v8 + i] - R8[s8 + i]);
      return;
    case V.PSUBUSW:
      for (i = 0; i < n16; i++) R16[d16 + i] = satuw(R16[v16 + i] - R16[s16 + i]);
      return;
    case V.PAND:
      for (i = 0; i < n32; i++) R[d + i] = R[v + i] & R[s + i];
      return;
    case V.PANDN:
      for (i = 0; i < n32; i++) R[d + i] = ~R[v + i] & R[s + i];
      return;
    case V.POR:
      for (i = 0; i < n32; i++) R[d + i] = R[v + i] | R[s + i];
      return;
    case V.PXOR:
      for (i = 0; i < n32; i++) R[d + i] = R[v + i] ^ R[s + i];
      return;
    case V.PCMPEQB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = R8[v8 + i] === R8[s8 + i] ? 0xff : 0;
      return;
    case V.PCMPEQW:
      for (i = 0; i < n16; i++) R16[d16 + i] = R16[v16 + i] === R16[s16 + i] ? 0xffff : 0;
      return;
    case V.PCMPEQD:
      for (i = 0; i < n32; i++) R[d + i] = R[v + i] === R[s + i] ? -1 : 0;
      return;
    case V.PCMPGTB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = R8[v8 + i] << 24 > R8[s8 + i] << 24 ? 0xff : 0;
      return;
    case V.PCMPGTW:
      for (i = 0; i < n16; i++) R16[d16 + i] = R16[v16 + i] << 16 > R16[s16 + i] << 16 ? 0xffff : 0;
      return;
    case V.PCMPGTD:
      for (i = 0; i < n32; i++) R[d + i] = R[v + i] > R[s + i] ? -1 : 0;
      return;
    case V.PMULLW:
      for (i = 0; i < n16; i++) R16[d16 + i] = Math.imul(R16[v16 + i], R16[s16 + i]);
      return;
    case V.PMULHW:
      for (i = 0; i < n16; i++) R16[d16 + i] = Math.imul((R16[v16 + i] << 16) >> 16, (R16[s16 + i] << 16) >> 16) >> 16;
      return;
    case V.PMULHUW:
      for (i = 0; i < n16; i++) R16[d16 + i] = (R16[v16 + i] * R16[s16 + i]) >>> 16;
      return;
    case V.PMULUDQ:
      for (i = 0; i < n32; i += 2) {
        const a = R[v + i] >>> 0,
          b = R[s + i] >>> 0;
        // 32x32 -> 64 from 16-bit halves, exact in doubles
        const al = a & 0xffff,
          ah = a >>> 16,
          bl = b & 0xffff,
          bh = b >>> 16;
        const ll = al * bl;
        const mid = ah * bl + al * bh; // < 2^33
        const lo = ll + (mid % 65536) * 65536; // < 2^49
        const hi = ah * bh + Math.floor(mid / 65536) + Math.floor(lo / 4294967296);
        R[d + i] = (lo % 4294967296) | 0;
        R[d + i + 1] = hi | 0;
      }
      return;
    case V.PMADDWD:
      for (i = 0; i < n32; i++) {
        const a0 = (R16[v16 + 2 * i] << 16) >> 16,
          a1 = (R16[v16 + 2 * i + 1] << 16) >> 16;
        const b0 = (R16[s16 + 2 * i] << 16) >> 16,
          b1 = (R16[s16 + 2 * i + 1] << 16) >> 16;
        R[d + i] = (a0 * b0 + a1 * b1) | 0;
      }
      return;
    case V.PSADBW:
      for (i = 0; i < bytes; i += 8) {
        let sum = 0;
        for (let k = 0; k < 8; k++) sum += Math.abs(R8[v8 + i + k] - R8[s8 + i + k]);
        R[d + (i >> 2)] = sum;
        R[d + (i >> 2) + 1] = 0;
      }
      return;
    case V.PAVGB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = (R8[v8 + i] + R8[s8 + i] + 1) >> 1;
      return;
    case V.PAVGW:
      for (i = 0; i < n16; i++) R16[d16 + i] = (R16[v16 + i] + R16[s16 + i] + 1) >> 1;
      return;
    case V.PMINUB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = Math.min(R8[v8 + i], R8[s8 + i]);
      return;
    case V.PMAXUB:
      for (i = 0; i < bytes; i++) R8[d8 + i] = Math.max(R8[v8 + i], R8[s8 + i]);
      return;
    case V.PMINSW:
      for (i = 0; i < n16; i++) R16[d16 + i] = Math.min((R16[v16 + i] << 16) >> 16, (R16[s16 + i] << 16) >> 16);
      return;
    case V.PMAXSW:
      for (i = 0; i < n16; i++) R16[d16 + i] = Math.max((R16[v16 + i] << 16) >> 16, (R16[s16 + i] << 16) >> 16);
      return;
    case V.PACKSSWB:
    case V.PACKUSWB: {
      const sat = op === V.PACKSSWB ? satsb : satub;
      const half = n16; // words per source = bytes / 2
      for (i = 0; i < half; i++) tmp8[i] = sat((R16[v16 + i] << 16) >> 16);
      for (i = 0; i < half; i++) tmp8[half + i] = sat((R16[s16 + i] << 16) >> 16);
      for (i = 0; i < n32; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PACKSSDW: {
      for (i = 0; i < n32; i++) tmp16[i] = satsw(R[v + i]);
      for (i = 0; i < n32; i++) tmp16[n32 + i] = satsw(R[s + i]);
      for (i = 0; i < n32; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PUNPCKLBW:
    case V.PUNPCKHBW: {
      const base = op === V.PUNPCKHBW ? bytes >> 1 : 0;
      for (i = 0; i < bytes >> 1; i++) {
        tmp8[2 * i] = R8[v8 + base + i];
        tmp8[2 * i + 1] = R8[s8 + base + i];
      }
      for (i = 0; i < n32; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PUNPCKLWD:
    case V.PUNPCKHWD: {
      const base = op === V.PUNPCKHWD ? n16 >> 1 : 0;
      for (i = 0; i < n16 >> 1; i++) {
        tmp16[2 * i] = R16[v16 + base + i];
        tmp16[2 * i + 1] = R16[s16 + base + i];
      }
      for (i = 0; i < n32; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PUNPCKLDQ:
    case V.PUNPCKHDQ: {
      const base = op === V.PUNPCKHDQ ? n32 >> 1 : 0;
      for (i = 0; i < n32 >> 1; i++) {
        tmp[2 * i] = R[v + base + i];
        tmp[2 * i + 1] = R[s + base + i];
      }
      for (i = 0; i < n32; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PUNPCKLQDQ:
    case V.PUNPCKHQDQ: {
      const base = op === V.PUNPCKHQDQ ? 2 : 0;
      tmp[0] = R[v + base];
      tmp[1] = R[v + base + 1];
      tmp[2] = R[s + base];
      tmp[3] = R[s + base + 1];
      for (i = 0; i < 4; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PSRLW:
    case V.PSRAW:
    case V.PSLLW:
    case V.PSRLD:
    case V.PSRAD:
    case V.PSLLD:
    case V.PSRLQ:
    case V.PSLLQ: {
      // the count is the low 64 bits of s (c->Q(0)); QEMU checks the whole quadword
      const big = R[s + 1] !== 0;
      const c = R[s] >>> 0;
      const k = big ? 0xffff : c;
      vecShift(R, R16, op - V.PSRLW + V.PSRLW_I, bytes, d, v, k);
      return;
    }
    case V.PSRLW_I:
    case V.PSRAW_I:
    case V.PSLLW_I:
    case V.PSRLD_I:
    case V.PSRAD_I:
    case V.PSLLD_I:
    case V.PSRLQ_I:
    case V.PSLLQ_I:
      vecShift(R, R16, op, bytes, d, v, imm);
      return;
    case V.PSRLDQ_I:
    case V.PSLLDQ_I: {
      const sh = imm > 16 ? 16 : imm;
      for (i = 0; i < 16; i++) {
        const src = op === V.PSRLDQ_I ? i + sh : i - sh;
        tmp8[i] = src >= 0 && src < 16 ? R8[v8 + src] : 0;
      }
      for (i = 0; i < 4; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PSHUFD:
      for (i = 0; i < 4; i++) tmp[i] = R[s + ((imm >> (2 * i)) & 3)];
      for (i = 0; i < 4; i++) R[d + i] = tmp[i];
      return;
    case V.PSHUFLW:
    case V.PSHUFHW: {
      const base = op === V.PSHUFHW ? 4 : 0;
      for (i = 0; i < 8; i++) tmp16[i] = R16[s16 + i];
      for (i = 0; i < 4; i++) tmp16[base + i] = R16[s16 + base + ((imm >> (2 * i)) & 3)];
      for (i = 0; i < 4; i++) R[d + i] = tmp[i];
      return;
    }
    case V.PSHUFW:
      for (i = 0; i < 4; i++) tmp16[i] = R16[s16 + ((imm >> (2 * i)) & 3)];
      R[d] = tmp[0];
      R[d + 1] = tmp[1];
      return;
    case V.SHUFPS:
      tmp[0] = R[v + (imm & 3)];
      tmp[1] = R[v + ((imm >> 2) & 3)];
      tmp[2] = R[s + ((imm >> 4) & 3)];
      tmp[3] = R[s + ((imm >> 6) & 3)];
      for (i = 0; i < 4; i++) R[d + i] = tmp[i];
      return;
    case V.SHUFPD: {
      const a = 2 * (imm & 1),
        b = 2 * ((imm >> 1) & 1);
      tmp[0] = R[v + a];
      tmp[1] = R[v + a + 1];
      tmp[2] = R[s + b];
      tmp[3] = R[s + b + 1];
      for (i = 0; i < 4; i++) R[d + i] = tmp[i];
      return;
    }
  }
  throw new Error(`vecOp: operation ${op}`);
}

/** Element shifts by k (already the count; a count beyond the width zeroes, or fills with the sign). */
function vecShift(R: Int32Array, R16: Uint16Array, op: number, bytes: number, d: number, v: number, k: number): void {
  const n32 = bytes >> 2,
    n16 = bytes >> 1;
  const d16 = d * 2,
    v16 = v * 2;
  let i: number;
  switch (op) {
    case V.PSRLW_I:
      if (k > 15) for (i = 0; i < n32; i++) R[d + i] = 0;
      else for (i = 0; i < n16; i++) R16[d16 + i] = R16[v16 + i] >>> k;
      return;
    case V.PSLLW_I:
      if (k > 15) for (i = 0; i < n32; i++) R[d + i] = 0;
      else for (i = 0; i < n16; i++) R16[d16 + i] = R16[v16 + i] << k;
      return;
    case V.PSRAW_I: {
      const sh = k > 15 ? 15 : k;
      for (i = 0; i < n16; i++) R16[d16 + i] = ((R16[v16 + i] << 16) >> 16) >> sh;
      return;
    }
    case V.PSRLD_I:
      if (k > 31) for (i = 0; i < n32; i++) R[d + i] = 0;
      else for (i = 0; i < n32; i++) R[d + i] = R[v + i] >>> k;
      return;
    case V.PSLLD_I:
      if (k > 31) for (i = 0; i < n32; i++) R[d + i] = 0;
      else for (i = 0; i < n32; i++) R[d + i] = R[v + i] << k;
      return;
    case V.PSRAD_I: {
      const sh = k > 31 ? 31 : k;
      for (i = 0; i < n32; i++) R[d + i] = R[v + i] >> sh;
      return;
    }
    case V.PSRLQ_I:
    case V.PSLLQ_I:
      for (i = 0; i < n32; i += 2) {
        const lo = R[v + i],
          hi = R[v + i + 1];
        let rl = 0,
          rh = 0;
        if (k === 0) {
          rl = lo;
          rh = hi;
        } else if (k < 32) {
          if (op === V.PSRLQ_I) {
            rl = (lo >>> k) | (hi << (32 - k));
            rh = hi >>> k;
          } else {
            rh = (hi << k) | (lo >>> (32 - k));
            rl = lo << k;
          }
        } else if (k < 64) {
          if (op === V.PSRLQ_I) rl = hi >>> (k - 32);
          else rh = lo << (k - 32);
        }
        R[d + i] = rl;
        R[d + i + 1] = rh;
      }
      return;
  }
}

/** pmovmskb: the sign bit of each byte. */
export function pmovmskb(R8: Uint8Array, s: number, bytes: number): number {
  let m = 0;
  const s8 = s * 4;
  for (let i = 0; i < bytes; i++) m |= (R8[s8 + i] >> 7) << i;
  return m;
}
