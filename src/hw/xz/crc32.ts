// CRC-32 (IEEE 802.3, the reflected polynomial 0xEDB88320), as XZ uses it for its headers, its
// index and the CRC32 check (the same CRC as zlib's). Slicing-by-8 tables: the check of a 20 MB
// kernel image runs over every byte.

const TABLES = makeTables();

function makeTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let s = 1; s < 8; s++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[s * 256 + n] = c;
    }
  }
  return t;
}

/** CRC-32 of data[start, end), continuing from `crc` (the CRC of the bytes before; 0 to start). */
export function crc32(data: Uint8Array, start = 0, end = data.length, crc = 0): number {
  const t = TABLES;
  let c = ~crc;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[0x700 + (a & 0xff)] ^
      t[0x600 + ((a >>> 8) & 0xff)] ^
      t[0x500 + ((a >>> 16) & 0xff)] ^
      t[0x400 + (a >>> 24)] ^
      t[0x300 + data[i + 4]] ^
      t[0x200 + data[i + 5]] ^
      t[0x100 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < end; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
