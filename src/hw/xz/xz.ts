// The .xz container (the XZ File Format specification 1.x, as xz-utils writes it): one or more
// streams, each a stream header, blocks, an index and a stream footer, separated by stream padding
// (zero bytes in multiples of four). A block is a block header (its filter chain: up to three
// delta/BCJ filters, then LZMA2), the compressed data, block padding and the check of the
// uncompressed data (none, CRC32, CRC64 or SHA-256).
//
// xzDecompress reads the streams' indexes first (from the end of the input backwards), so it knows
// the total uncompressed size, allocates the output once and decodes every block straight into it
// (the LZMA2 decoder uses the output as its dictionary). Everything is verified: magic bytes, every
// CRC32 of the headers and the index, the index against the blocks actually found, block sizes,
// padding, and each block's check. Any problem throws XzError with what was wrong; nothing else is
// thrown for any input.
import { crc32 } from "./crc32.ts";
import { crc64 } from "./crc64.ts";
import { sha256 } from "./sha256.ts";
import {
  FILTER_ARM,
  FILTER_ARM64,
  FILTER_ARMTHUMB,
  FILTER_DELTA,
  FILTER_IA64,
  FILTER_LZMA2,
  FILTER_POWERPC,
  FILTER_SPARC,
  FILTER_X86,
  unfilter,
} from "./branch-filters.ts";
import { Lzma2Decoder } from "./lzma2-decoder.ts";
import { XzError } from "./xz-error.ts";

export { XzError } from "./xz-error.ts";

export const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const FOOTER_MAGIC = [0x59, 0x5a]; // "YZ"
const HEADER_SIZE = 12;
const FOOTER_SIZE = 12;

export const CHECK_NONE = 0;
export const CHECK_CRC32 = 1;
export const CHECK_CRC64 = 4;
export const CHECK_SHA256 = 10;
/** The size of each check type's value (the specification's table, including the reserved IDs). */
const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

export interface XzOptions {
  /** Refuse to produce more than this many bytes (default 1 GiB). */
  maxOutput?: number;
}

interface IndexRecord {
  unpaddedSize: number;
  uncompressedSize: number;
}

interface StreamInfo {
  /** Offset of the stream header in the input. */
  start: number;
  /** Offset of the index. */
  indexStart: number;
  checkType: number;
  records: IndexRecord[];
  uncompressedSize: number;
}

/** Decompresses a complete .xz file (one or more streams with optional stream padding). */
export function xzDecompress(input: Uint8Array, opts: XzOptions = {}): Uint8Array {
  const maxOutput = opts.maxOutput ?? 1 << 30;
  const streams = readStreamsBackwards(input);
  let total = 0;
  for (const s of streams) total += s.uncompressedSize;
  if (total > maxOutput) throw new XzError(`uncompressed size ${total} exceeds the limit of ${maxOutput} bytes`);
  const out = new Uint8Array(total);
  let op = 0;
  for (const s of streams) op = decodeStream(input, s, out, op);
  return out;
}

/**
 * Where the .xz stream that ends exactly at `end` starts (its stream header), found through its
 * footer and index; null if input[..end) does not end with a valid xz stream. Used to find the
 * payload inside a zImage, whose decompressor also contains the magic bytes.
 */
export function xzStreamStart(input: Uint8Array, end: number): number | null {
  try {
    return readStream(input, end).start;
  } catch (e) {
    if (e instanceof XzError) return null;
    throw e;
  }
}

/** The streams of the input, first to last, each parsed from its footer and index. */
function readStreamsBackwards(input: Uint8Array): StreamInfo[] {
  const streams: StreamInfo[] = [];
  let end = input.length;
  if (end % 4 !== 0) throw new XzError("file size is not a multiple of four (truncated or trailing garbage)");
  for (;;) {
    // Stream padding: zero bytes, four at a time.
    while (end >= 4 && input[end - 1] === 0 && input[end - 2] === 0 && input[end - 3] === 0 && input[end - 4] === 0) end -= 4;
    if (end === 0) break;
    const s = readStream(input, end);
    streams.unshift(s);
    end = s.start;
  }
  if (streams.length === 0) throw new XzError("no xz stream (empty or all padding)");
  return streams;
}

function readStream(input: Uint8Array, end: number): StreamInfo {
  if (end < HEADER_SIZE + FOOTER_SIZE || end > input.length) throw new XzError("truncated xz stream");
  // Stream footer: CRC32, backward size, stream flags, "YZ".
  const f = end - FOOTER_SIZE;
  if (input[f + 10] !== FOOTER_MAGIC[0] || input[f + 11] !== FOOTER_MAGIC[1]) throw new XzError("bad xz stream footer magic");
  if (crc32(input, f + 4, f + 10) !== u32(input, f)) throw new XzError("xz stream footer CRC32 mismatch");
  const indexSize = (u32(input, f + 4) + 1) * 4;
  const checkType = streamFlags(input, f + 8);
  const indexStart = f - indexSize;
  if (indexStart < HEADER_SIZE) throw new XzError("xz index size points outside the stream");
  const records = readIndex(input, indexStart, f);
  let blocksSize = 0;
  let uncompressedSize = 0;
  for (const r of records) {
    blocksSize += roundUp4(r.unpaddedSize);
    uncompressedSize += r.uncompressedSize;
  }
  const start = indexStart - blocksSize - HEADER_SIZE;
  if (start < 0) throw new XzError("xz index describes more data than there is");
  for (let i = 0; i < 6; i++) if (input[start + i] !== XZ_MAGIC[i]) throw new XzError("bad xz stream header magic");
  if (crc32(input, start + 6, start + 8) !== u32(input, start + 8)) throw new XzError("xz stream header CRC32 mismatch");
  if (streamFlags(input, start + 6) !== checkType) throw new XzError("xz stream header and footer flags differ");
  return { start, indexStart, checkType, records, uncompressedSize };
}

/** Stream flags: a zero byte, then the check type in the low nibble of the second. */
function streamFlags(input: Uint8Array, at: number): number {
  if (input[at] !== 0 || (input[at + 1] & 0xf0) !== 0) throw new XzError("unsupported xz stream flags");
  return input[at + 1];
}

function readIndex(input: Uint8Array, start: number, end: number): IndexRecord[] {
  if (input[start] !== 0) throw new XzError("bad xz index indicator");
  const pos = { at: start + 1 };
  const count = readVli(input, pos, end);
  const records: IndexRecord[] = [];
  for (let i = 0; i < count; i++) {
    const unpaddedSize = readVli(input, pos, end);
    const uncompressedSize = readVli(input, pos, end);
    if (unpaddedSize < 5 || uncompressedSize > Number.MAX_SAFE_INTEGER) throw new XzError("bad xz index record");
    records.push({ unpaddedSize, uncompressedSize });
  }
  while (pos.at % 4 !== 0) if (input[pos.at++] !== 0) throw new XzError("non-zero xz index padding");
  if (pos.at + 4 !== end) throw new XzError("xz index size mismatch");
  if (crc32(input, start, pos.at) !== u32(input, pos.at)) throw new XzError("xz index CRC32 mismatch");
  return records;
}

function decodeStream(input: Uint8Array, s: StreamInfo, out: Uint8Array, op: number): number {
  const checkSize = CHECK_SIZES[s.checkType];
  let pos = s.start + HEADER_SIZE;
  for (const rec of s.records) {
    const blockStart = pos;
    const h = readBlockHeader(input, pos, s.indexStart);
    if (h.uncompressedSize !== null && h.uncompressedSize !== rec.uncompressedSize)
      throw new XzError("xz block size differs from the index");
    pos += h.headerSize;
    const outEnd = op + rec.uncompressedSize;
    const dataEnd = pos + (h.compressedSize ?? s.indexStart - pos);
    if (dataEnd > s.indexStart) throw new XzError("xz block extends past its stream");
    const lzma2 = new Lzma2Decoder(h.dictSize);
    const after = lzma2.decode(input, pos, dataEnd, out, op, outEnd);
    const compressedSize = after - pos;
    if (h.compressedSize !== null && compressedSize !== h.compressedSize) throw new XzError("xz block compressed size mismatch");
    if (h.headerSize + compressedSize + checkSize !== rec.unpaddedSize) throw new XzError("xz block size differs from the index");
    pos = after;
    while ((pos - blockStart) % 4 !== 0) if (input[pos++] !== 0) throw new XzError("non-zero xz block padding");
    for (let i = h.filters.length - 1; i >= 0; i--) unfilter(h.filters[i].id, h.filters[i].arg, out, op, outEnd);
    verifyCheck(s.checkType, input, pos, out, op, outEnd);
    pos += checkSize;
    op = outEnd;
  }
  if (pos !== s.indexStart) throw new XzError("xz blocks and index do not line up");
  return op;
}

interface BlockHeader {
  headerSize: number;
  compressedSize: number | null;
  uncompressedSize: number | null;
  dictSize: number;
  /** The non-LZMA2 filters in encoding order, with their argument (delta distance / BCJ start offset). */
  filters: { id: number; arg: number }[];
}

function readBlockHeader(input: Uint8Array, at: number, limit: number): BlockHeader {
  if (at >= limit) throw new XzError("truncated xz block");
  if (input[at] === 0) throw new XzError("xz index found where the index lists another block");
  const headerSize = (input[at] + 1) * 4;
  const end = at + headerSize - 4;
  if (end + 4 > limit) throw new XzError("truncated xz block header");
  if (crc32(input, at, end) !== u32(input, end)) throw new XzError("xz block header CRC32 mismatch");
  const flags = input[at + 1];
  if (flags & 0x3c) throw new XzError("unsupported xz block flags");
  const pos = { at: at + 2 };
  const compressedSize = flags & 0x40 ? readVli(input, pos, end) : null;
  const uncompressedSize = flags & 0x80 ? readVli(input, pos, end) : null;
  if (compressedSize === 0) throw new XzError("xz block with a zero compressed size");
  const nFilters = (flags & 3) + 1;
  const filters: { id: number; arg: number }[] = [];
  let dictSize = 0;
  for (let i = 0; i < nFilters; i++) {
    const id = readVli(input, pos, end);
    const propsSize = readVli(input, pos, end);
    if (pos.at + propsSize > end) throw new XzError("truncated xz filter properties");
    const props = input.subarray(pos.at, pos.at + propsSize);
    pos.at += propsSize;
    const last = i === nFilters - 1;
    if (id === FILTER_LZMA2) {
      if (!last) throw new XzError("LZMA2 must be the last xz filter");
      if (propsSize !== 1 || props[0] > 40) throw new XzError("bad LZMA2 properties");
      const b = props[0];
      dictSize = b === 40 ? 0xffffffff : (2 | (b & 1)) * 2 ** ((b >>> 1) + 11);
    } else if (last) {
      throw new XzError(`unsupported xz compression filter 0x${id.toString(16)}`);
    } else if (id === FILTER_DELTA) {
      if (propsSize !== 1) throw new XzError("bad delta filter properties");
      filters.push({ id, arg: props[0] + 1 });
    } else if (
      id === FILTER_X86 ||
      id === FILTER_POWERPC ||
      id === FILTER_IA64 ||
      id === FILTER_ARM ||
      id === FILTER_ARMTHUMB ||
      id === FILTER_SPARC ||
      id === FILTER_ARM64
    ) {
      if (propsSize !== 0 && propsSize !== 4) throw new XzError("bad BCJ filter properties");
      filters.push({ id, arg: propsSize === 4 ? u32(props, 0) : 0 });
    } else {
      throw new XzError(`unsupported xz filter 0x${id.toString(16)}`);
    }
  }
  for (; pos.at < end; pos.at++) if (input[pos.at] !== 0) throw new XzError("non-zero xz block header padding");
  return { headerSize, compressedSize, uncompressedSize, dictSize, filters };
}

function verifyCheck(type: number, input: Uint8Array, at: number, out: Uint8Array, start: number, end: number): void {
  if (at + CHECK_SIZES[type] > input.length) throw new XzError("truncated xz check");
  switch (type) {
    case CHECK_NONE:
      return;
    case CHECK_CRC32:
      if (crc32(out, start, end) !== u32(input, at)) throw new XzError("xz CRC32 check failed: the data is corrupt");
      return;
    case CHECK_CRC64: {
      const [lo, hi] = crc64(out, start, end);
      if (lo !== u32(input, at) || hi !== u32(input, at + 4)) throw new XzError("xz CRC64 check failed: the data is corrupt");
      return;
    }
    case CHECK_SHA256: {
      const d = sha256(out, start, end);
      for (let i = 0; i < 32; i++) if (d[i] !== input[at + i]) throw new XzError("xz SHA-256 check failed: the data is corrupt");
      return;
    }
    default:
      throw new XzError(`unsupported xz check type ${type}`);
  }
}

/** A variable-length integer: 7 bits per byte, low first, at most 9 bytes, minimal encoding. */
function readVli(input: Uint8Array, pos: { at: number }, end: number): number {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (pos.at >= end) throw new XzError("truncated xz integer");
    const b = input[pos.at++];
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) {
      if (b === 0 && i > 0) throw new XzError("non-minimal xz integer");
      if (value > Number.MAX_SAFE_INTEGER) throw new XzError("xz integer too large");
      return value;
    }
  }
  throw new XzError("xz integer longer than 9 bytes");
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function roundUp4(n: number): number {
  return n + ((4 - (n % 4)) % 4);
}
