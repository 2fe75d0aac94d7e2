// CRC-64 as XZ's CRC64 check uses it (ECMA-182 polynomial, reflected: 0xC96C5795D7870F42, initial
// value and final XOR all ones). The 64-bit register is kept as two uint32 halves so the loop over
// a whole image stays in int32 arithmetic.

const LO = new Uint32Array(256);
const HI = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let lo = n;
  let hi = 0;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | (hi << 31)) >>> 0;
    hi >>>= 1;
    if (carry) {
      lo = (lo ^ 0xd7870f42) >>> 0;
      hi = (hi ^ 0xc96c5795) >>> 0;
    }
  }
  LO[n] = lo;
  HI[n] = hi;
}

/** CRC-64 of data[start, end) as [low 32 bits, high 32 bits] (unsigned). */
export function crc64(data: Uint8Array, start = 0, end = data.length): [number, number] {
  let lo = 0xffffffff | 0;
  let hi = 0xffffffff | 0;
  for (let i = start; i < end; i++) {
    const x = (lo ^ data[i]) & 0xff;
    lo = LO[x] ^ ((lo >>> 8) | (hi << 24));
    hi = HI[x] ^ (hi >>> 8);
  }
  return [~lo >>> 0, ~hi >>> 0];
}
