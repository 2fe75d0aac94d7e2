// LZMA2 decoder (the compression filter of XZ), in "single-call" form: the whole output of a block
// is one preallocated Uint8Array and doubles as the LZ dictionary, so matches copy straight from
// earlier output and nothing is ever copied twice. This is what makes unpacking a 20 MB kernel image
// fast: the range decoder, the literal coder and the match loop keep their state in locals for a
// whole chunk (every bit decode is written out inline), and the probabilities live in one
// Uint16Array.
//
// LZMA2 is a sequence of chunks, each introduced by a control byte:
//   0x00           end of the LZMA2 data
//   0x01 / 0x02    an uncompressed chunk (0x01 also resets the dictionary): 16-bit size-1, data
//   0x80..0xFF     an LZMA chunk: bits 4..0 are bits 20..16 of (uncompressed size - 1), then
//                  16-bit uncompressed size-1, 16-bit compressed size-1 (big-endian), then a
//                  properties byte (lc/lp/pb) if bits 6..5 are 2 or 3. Bits 6..5: 0 = continue,
//                  1 = reset the LZMA state, 2 = also new properties, 3 = also reset the dictionary.
// The rules on what must come first (a dictionary reset, then properties) and on how a chunk ends
// (every compressed byte used, the range decoder's code at 0, no match left over) are those of
// xz-embedded's xz_dec_lzma2.c and liblzma; any violation throws XzError("corrupt LZMA2 data").
import { XzError } from "./xz-error.ts";

// The probability array: offsets of each model (LZMA's contexts).
const STATES = 12;
const POS_STATES_MAX = 16;
const IS_MATCH = 0;
const IS_REP = IS_MATCH + STATES * POS_STATES_MAX;
const IS_REP0 = IS_REP + STATES;
const IS_REP1 = IS_REP0 + STATES;
const IS_REP2 = IS_REP1 + STATES;
const IS_REP0_LONG = IS_REP2 + STATES;
const DIST_SLOT = IS_REP0_LONG + STATES * POS_STATES_MAX;
const DIST_SPECIAL = DIST_SLOT + 4 * 64;
const DIST_ALIGN = DIST_SPECIAL + 114;
// A length coder: choice, choice2, low[16][8], mid[16][8], high[256].
const LEN_CHOICE = 0;
const LEN_CHOICE2 = 1;
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8;
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8;
const LEN_SIZE = LEN_HIGH + 256;
const MATCH_LEN = DIST_ALIGN + 16;
const REP_LEN = MATCH_LEN + LEN_SIZE;
const LITERAL = REP_LEN + LEN_SIZE;
/** LZMA2 limits lc + lp to 4: at most 16 literal coders of 0x300 probabilities. */
const PROBS_SIZE = LITERAL + 0x300 * 16;

const PROB_INIT = 1024; // 0.5 in 11-bit fixed point
/** Flips the sign bit: (a ^ SIGN) < (b ^ SIGN) compares int32 bit patterns as unsigned. */
const SIGN = 0x80000000 | 0;
const MATCH_LEN_MIN = 2;
const END_POS_MODEL_INDEX = 14;

function corrupt(): never {
  throw new XzError("corrupt LZMA2 data");
}

export class Lzma2Decoder {
  private readonly probs = new Uint16Array(PROBS_SIZE);
  private lc = 0;
  private lp = 0;
  private pb = 0;
  private state = 0;
  private rep0 = 0;
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;
  /** Where the dictionary starts in the output (the last dictionary reset). */
  private dictStart = 0;
  private needDictReset = true;
  private needProps = true;

  /**
   * @param dictSize the dictionary size of the filter properties: no match may reach further back
   */
  constructor(private readonly dictSize: number) {}

  /**
   * Decodes LZMA2 data from inp[inPos..inEnd) into out[outPos..outEnd), which must be exactly the
   * block's uncompressed size. Returns the input position after the end-of-data control byte.
   */
  decode(inp: Uint8Array, inPos: number, inEnd: number, out: Uint8Array, outPos: number, outEnd: number): number {
    let ip = inPos;
    let op = outPos;
    for (;;) {
      if (ip >= inEnd) throw new XzError("truncated LZMA2 data");
      const control = inp[ip++];
      if (control === 0x00) break;
      if (control >= 0xe0 || control === 0x01) {
        this.needProps = true;
        this.needDictReset = false;
        this.dictStart = op;
      } else if (this.needDictReset) {
        corrupt();
      }
      if (control >= 0x80) {
        if (ip + 4 > inEnd) throw new XzError("truncated LZMA2 data");
        const usize = ((control & 0x1f) << 16) + (inp[ip] << 8) + inp[ip + 1] + 1;
        const csize = (inp[ip + 2] << 8) + inp[ip + 3] + 1;
        ip += 4;
        if (control >= 0xc0) {
          if (ip >= inEnd) throw new XzError("truncated LZMA2 data");
          this.setProps(inp[ip++]);
          this.needProps = false;
          this.resetState();
        } else if (this.needProps) {
          corrupt();
        } else if (control >= 0xa0) {
          this.resetState();
        }
        if (op + usize > outEnd) corrupt();
        if (ip + csize > inEnd) throw new XzError("truncated LZMA2 data");
        this.decodeLzmaChunk(inp, ip, ip + csize, out, op, op + usize);
        ip += csize;
        op += usize;
      } else {
        if (control > 0x02) corrupt();
        if (ip + 2 > inEnd) throw new XzError("truncated LZMA2 data");
        const size = (inp[ip] << 8) + inp[ip + 1] + 1;
        ip += 2;
        if (op + size > outEnd) corrupt();
        if (ip + size > inEnd) throw new XzError("truncated LZMA2 data");
        out.set(inp.subarray(ip, ip + size), op);
        ip += size;
        op += size;
      }
    }
    if (op !== outEnd) corrupt();
    return ip;
  }

  private setProps(b: number): void {
    if (b >= 9 * 5 * 5) corrupt();
    this.lc = b % 9;
    b = (b / 9) | 0;
    this.lp = b % 5;
    this.pb = (b / 5) | 0;
    if (this.lc + this.lp > 4 || this.pb > 4) corrupt();
  }

  private resetState(): void {
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.probs.fill(PROB_INIT);
  }

  /**
   * One LZMA chunk: inp[ip..inEnd) is its compressed data (range coder init included) and it must
   * produce exactly out[op..limit). The range decoder and LZMA state are locals here; every
   * "bit" below is the range decoder's adaptive bit decode written out:
   *   normalize; bound = Math.imul(range >>> 11, p);
   *   0: range = bound, p += (2048 - p) >> 5        1: range -= bound, code -= bound, p -= p >> 5
   */
  private decodeLzmaChunk(inp: Uint8Array, ip: number, inEnd: number, out: Uint8Array, op: number, limit: number): void {
    const probs = this.probs;
    // Range decoder init: a zero byte, then the 32-bit code (liblzma rejects a non-zero first byte).
    if (inEnd - ip < 5 || inp[ip] !== 0) corrupt();
    let code = (inp[ip + 1] << 24) | (inp[ip + 2] << 16) | (inp[ip + 3] << 8) | inp[ip + 4];
    let range = -1; // 0xffffffff
    ip += 5;
    let state = this.state;
    let rep0 = this.rep0;
    let rep1 = this.rep1;
    let rep2 = this.rep2;
    let rep3 = this.rep3;
    const dictStart = this.dictStart;
    const dictSize = this.dictSize;
    const lc = this.lc;
    const lpMask = (1 << this.lp) - 1;
    const pbMask = (1 << this.pb) - 1;
    let p = 0;
    let bound = 0;

    while (op < limit) {
      const rel = op - dictStart;
      const posState = rel & pbMask;
      // isMatch[state][posState]
      let pi = IS_MATCH + (state << 4) + posState;
      if (range >>> 24 === 0) {
        range <<= 8;
        code = (code << 8) | inp[ip++];
      }
      p = probs[pi];
      bound = Math.imul(range >>> 11, p);
      if ((code ^ SIGN) < (bound ^ SIGN)) {
        range = bound;
        probs[pi] = p + ((2048 - p) >>> 5);
        // ---- literal
        const prev = rel > 0 ? out[op - 1] : 0;
        const base = LITERAL + 0x300 * (((rel & lpMask) << lc) + (prev >>> (8 - lc)));
        let sym = 1;
        if (state < 7) {
          do {
            pi = base + sym;
            if (range >>> 24 === 0) {
              range <<= 8;
              code = (code << 8) | inp[ip++];
            }
            p = probs[pi];
            bound = Math.imul(range >>> 11, p);
            if ((code ^ SIGN) < (bound ^ SIGN)) {
              range = bound;
              probs[pi] = p + ((2048 - p) >>> 5);
              sym <<= 1;
            } else {
              range = (range - bound) | 0;
              code = (code - bound) | 0;
              probs[pi] = p - (p >>> 5);
              sym = (sym << 1) | 1;
            }
          } while (sym < 0x100);
        } else {
          // A "matched" literal: the byte at rep0 steers the model until the first mismatching bit.
          let matchByte = out[op - rep0 - 1];
          let offset = 0x100;
          do {
            matchByte <<= 1;
            const matchBit = matchByte & offset;
            pi = base + offset + matchBit + sym;
            if (range >>> 24 === 0) {
              range <<= 8;
              code = (code << 8) | inp[ip++];
            }
            p = probs[pi];
            bound = Math.imul(range >>> 11, p);
            if ((code ^ SIGN) < (bound ^ SIGN)) {
              range = bound;
              probs[pi] = p + ((2048 - p) >>> 5);
              sym <<= 1;
              offset &= ~matchBit;
            } else {
              range = (range - bound) | 0;
              code = (code - bound) | 0;
              probs[pi] = p - (p >>> 5);
              sym = (sym << 1) | 1;
              offset &= matchBit;
            }
          } while (sym < 0x100);
        }
        out[op++] = sym;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      range = (range - bound) | 0;
      code = (code - bound) | 0;
      probs[pi] = p - (p >>> 5);

      // ---- a match or a repeated match: isRep[state]
      let lenBase: number;
      pi = IS_REP + state;
      if (range >>> 24 === 0) {
        range <<= 8;
        code = (code << 8) | inp[ip++];
      }
      p = probs[pi];
      bound = Math.imul(range >>> 11, p);
      if ((code ^ SIGN) < (bound ^ SIGN)) {
        range = bound;
        probs[pi] = p + ((2048 - p) >>> 5);
        // A new match: the distance comes after the length.
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        state = state < 7 ? 7 : 10;
        lenBase = MATCH_LEN;
      } else {
        range = (range - bound) | 0;
        code = (code - bound) | 0;
        probs[pi] = p - (p >>> 5);
        if (rel === 0) corrupt(); // nothing to repeat yet
        // isRep0[state]
        pi = IS_REP0 + state;
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | inp[ip++];
        }
        p = probs[pi];
        bound = Math.imul(range >>> 11, p);
        if ((code ^ SIGN) < (bound ^ SIGN)) {
          range = bound;
          probs[pi] = p + ((2048 - p) >>> 5);
          // isRep0Long[state][posState]: 0 is a "short rep", one byte from rep0.
          pi = IS_REP0_LONG + (state << 4) + posState;
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | inp[ip++];
          }
          p = probs[pi];
          bound = Math.imul(range >>> 11, p);
          if ((code ^ SIGN) < (bound ^ SIGN)) {
            range = bound;
            probs[pi] = p + ((2048 - p) >>> 5);
            state = state < 7 ? 9 : 11;
            out[op] = out[op - rep0 - 1];
            op++;
            continue;
          }
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          probs[pi] = p - (p >>> 5);
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          probs[pi] = p - (p >>> 5);
          // isRep1[state]
          pi = IS_REP1 + state;
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | inp[ip++];
          }
          p = probs[pi];
          bound = Math.imul(range >>> 11, p);
          let dist: number;
          if ((code ^ SIGN) < (bound ^ SIGN)) {
            range = bound;
            probs[pi] = p + ((2048 - p) >>> 5);
            dist = rep1;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            probs[pi] = p - (p >>> 5);
            // isRep2[state]
            pi = IS_REP2 + state;
            if (range >>> 24 === 0) {
              range <<= 8;
              code = (code << 8) | inp[ip++];
            }
            p = probs[pi];
            bound = Math.imul(range >>> 11, p);
            if ((code ^ SIGN) < (bound ^ SIGN)) {
              range = bound;
              probs[pi] = p + ((2048 - p) >>> 5);
              dist = rep2;
            } else {
              range = (range - bound) | 0;
              code = (code - bound) | 0;
              probs[pi] = p - (p >>> 5);
              dist = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = dist;
        }
        state = state < 7 ? 8 : 11;
        lenBase = REP_LEN;
      }

      // ---- the length (choice → low / mid / high bit trees)
      let len: number;
      {
        let tree: number;
        let bits: number;
        pi = lenBase + LEN_CHOICE;
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | inp[ip++];
        }
        p = probs[pi];
        bound = Math.imul(range >>> 11, p);
        if ((code ^ SIGN) < (bound ^ SIGN)) {
          range = bound;
          probs[pi] = p + ((2048 - p) >>> 5);
          tree = lenBase + LEN_LOW + (posState << 3);
          bits = 3;
          len = MATCH_LEN_MIN;
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          probs[pi] = p - (p >>> 5);
          pi = lenBase + LEN_CHOICE2;
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | inp[ip++];
          }
          p = probs[pi];
          bound = Math.imul(range >>> 11, p);
          if ((code ^ SIGN) < (bound ^ SIGN)) {
            range = bound;
            probs[pi] = p + ((2048 - p) >>> 5);
            tree = lenBase + LEN_MID + (posState << 3);
            bits = 3;
            len = MATCH_LEN_MIN + 8;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            probs[pi] = p - (p >>> 5);
            tree = lenBase + LEN_HIGH;
            bits = 8;
            len = MATCH_LEN_MIN + 16;
          }
        }
        let m = 1;
        const top = 1 << bits;
        do {
          pi = tree + m;
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | inp[ip++];
          }
          p = probs[pi];
          bound = Math.imul(range >>> 11, p);
          if ((code ^ SIGN) < (bound ^ SIGN)) {
            range = bound;
            probs[pi] = p + ((2048 - p) >>> 5);
            m <<= 1;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            probs[pi] = p - (p >>> 5);
            m = (m << 1) | 1;
          }
        } while (m < top);
        len += m - top;
      }

      // ---- the distance of a new match
      if (lenBase === MATCH_LEN) {
        const lenState = len < 6 ? len - 2 : 3;
        const tree = DIST_SLOT + (lenState << 6);
        let slot = 1;
        do {
          pi = tree + slot;
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | inp[ip++];
          }
          p = probs[pi];
          bound = Math.imul(range >>> 11, p);
          if ((code ^ SIGN) < (bound ^ SIGN)) {
            range = bound;
            probs[pi] = p + ((2048 - p) >>> 5);
            slot <<= 1;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            probs[pi] = p - (p >>> 5);
            slot = (slot << 1) | 1;
          }
        } while (slot < 64);
        slot -= 64;
        let dist: number;
        if (slot < 4) {
          dist = slot;
        } else {
          const direct = (slot >>> 1) - 1;
          dist = (2 | (slot & 1)) << direct; // < 2^31 for the modelled slots
          if (slot < END_POS_MODEL_INDEX) {
            // Reverse bit tree over the "special" probabilities of this slot.
            const spec = DIST_SPECIAL + dist - slot - 1;
            let m = 1;
            for (let i = 0; i < direct; i++) {
              pi = spec + m;
              if (range >>> 24 === 0) {
                range <<= 8;
                code = (code << 8) | inp[ip++];
              }
              p = probs[pi];
              bound = Math.imul(range >>> 11, p);
              if ((code ^ SIGN) < (bound ^ SIGN)) {
                range = bound;
                probs[pi] = p + ((2048 - p) >>> 5);
                m <<= 1;
              } else {
                range = (range - bound) | 0;
                code = (code - bound) | 0;
                probs[pi] = p - (p >>> 5);
                m = (m << 1) | 1;
                dist |= 1 << i;
              }
            }
          } else {
            // Direct bits (probability 1/2), then 4 align bits from their reverse bit tree.
            dist = 2 | (slot & 1);
            for (let i = direct - 4; i > 0; i--) {
              if (range >>> 24 === 0) {
                range <<= 8;
                code = (code << 8) | inp[ip++];
              }
              // code < 2 * range: code - range has its sign bit set exactly when the bit is 0.
              range >>>= 1;
              code = (code - range) | 0;
              const t = code >> 31;
              dist = dist * 2 + 1 + t;
              code = (code + (range & t)) | 0;
            }
            dist *= 16;
            let m = 1;
            for (let i = 0; i < 4; i++) {
              pi = DIST_ALIGN + m;
              if (range >>> 24 === 0) {
                range <<= 8;
                code = (code << 8) | inp[ip++];
              }
              p = probs[pi];
              bound = Math.imul(range >>> 11, p);
              if ((code ^ SIGN) < (bound ^ SIGN)) {
                range = bound;
                probs[pi] = p + ((2048 - p) >>> 5);
                m <<= 1;
              } else {
                range = (range - bound) | 0;
                code = (code - bound) | 0;
                probs[pi] = p - (p >>> 5);
                m = (m << 1) | 1;
                dist += 1 << i;
              }
            }
            // dist is now up to 2^32 - 1: 0xFFFFFFFF is LZMA's end marker, which LZMA2 forbids,
            // and like every other distance it must lie inside the dictionary (checked below).
          }
        }
        rep0 = dist;
      }

      // ---- copy the match from earlier output
      const avail = rel < dictSize ? rel : dictSize;
      if (rep0 >= avail || op + len > limit) corrupt();
      let from = op - rep0 - 1;
      if (len >= 64 && rep0 + 1 >= len) {
        // Long and not overlapping its own output: a block copy pays off.
        out.copyWithin(op, from, from + len);
        op += len;
      } else {
        const end = op + len;
        while (op < end) out[op++] = out[from++];
      }
      if (ip > inEnd) corrupt();
    }

    // The chunk must end exactly: all of its input used and the range decoder's code at 0.
    if (range >>> 24 === 0) {
      range <<= 8;
      code = (code << 8) | inp[ip++];
    }
    if (ip !== inEnd || code !== 0) corrupt();
    this.state = state;
    this.rep0 = rep0;
    this.rep1 = rep1;
    this.rep2 = rep2;
    this.rep3 = rep3;
  }
}
