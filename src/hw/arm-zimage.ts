// The 32-bit ARM Linux zImage: a self-decompressing kernel (arch/arm/boot/compressed/). Its header
// and the "KLSZ" table the linker script (vmlinux.lds.S) appends tell where the compressed payload
// ("piggy data") ends, how big the decompressed Image is, the kernel's TEXT_OFFSET and its .bss
// size. unpackZImage unpacks an XZ payload (Debian's armmp: CONFIG_KERNEL_XZ, LZMA2 with the ARM
// BCJ filter, see scripts/xz_wrap.sh) so the board can enter the decompressed kernel directly,
// as the decompressor's own __enter_kernel would (see arm-boot.ts).
//
//   0x24  0x016f2818        zImage magic
//   0x28  _magic_start      link address (0: position independent)
//   0x2c  _magic_end        size of the image (_edata)
//   0x30  0x04030201        endianness flag (little-endian)
//   0x34  0x45454545        "table present" magic
//   0x38  _magic_table      offset of the table:
//           [0] number of words that follow (6)  [1] 0x5a534c4b "KLSZ"
//           [2] offset of the inflated-size word (the last 4 bytes of the piggy data)
//           [3] _kernel_bss_size  [4] TEXT_OFFSET  [5] MALLOC_SIZE
import { XzError, xzDecompress, xzStreamStart } from "./xz/xz.ts";

export const ZIMAGE_MAGIC = 0x016f2818;
const ZIMAGE_TABLE_MAGIC = 0x45454545;
const ZIMAGE_TABLE_TAG = 0x5a534c4b;
const ZIMAGE_ENDIAN_LE = 0x04030201;

export class ZImageError extends Error {
  override name = "ZImageError";
}

export interface ZImagePayload {
  /** "xz" when the payload is an XZ stream ending right before the inflated-size word. */
  format: "xz" | "other";
  /** The payload's byte range in the zImage (start is -1 when the format is not recognised). */
  start: number;
  end: number;
  /** The decompressed Image's size (the word after the payload). */
  inflatedSize: number;
  /** Where the kernel runs relative to the start of RAM (arch/arm/Makefile's textofs). */
  textOffset: number;
  /** The decompressed kernel's .bss size, which follows the Image in memory. */
  kernelBssSize: number;
}

/** True if the bytes start like a little-endian ARM zImage. */
export function isZImage(img: Uint8Array): boolean {
  return img.length >= 0x40 && u32(img, 0x24) === ZIMAGE_MAGIC && u32(img, 0x30) === ZIMAGE_ENDIAN_LE;
}

/** The zImage's payload description; throws ZImageError if this is not a zImage with a KLSZ table. */
export function findZImagePayload(img: Uint8Array): ZImagePayload {
  if (!isZImage(img)) throw new ZImageError("not a little-endian ARM zImage (no 0x016f2818 magic at 0x24)");
  if (u32(img, 0x34) !== ZIMAGE_TABLE_MAGIC) throw new ZImageError("zImage without a size table (kernel older than 4.15?)");
  const table = u32(img, 0x38);
  if (table + 24 > img.length || u32(img, table + 4) !== ZIMAGE_TABLE_TAG || u32(img, table) < 5)
    throw new ZImageError("zImage size table is missing or damaged");
  const sizeAt = u32(img, table + 8);
  if (sizeAt < 0x40 || sizeAt + 4 > img.length) throw new ZImageError("zImage inflated-size offset outside the image");
  const inflatedSize = u32(img, sizeAt);
  const kernelBssSize = u32(img, table + 12);
  const textOffset = u32(img, table + 16);
  const start = xzStreamStart(img, sizeAt);
  return { format: start === null ? "other" : "xz", start: start ?? -1, end: sizeAt, inflatedSize, kernelBssSize, textOffset };
}

/** Decompresses the zImage's XZ payload into the kernel Image; throws ZImageError otherwise. */
export function unpackZImage(img: Uint8Array): { image: Uint8Array; payload: ZImagePayload } {
  const payload = findZImagePayload(img);
  if (payload.format !== "xz")
    throw new ZImageError("the zImage payload is not XZ-compressed (only CONFIG_KERNEL_XZ kernels can be unpacked)");
  let image: Uint8Array;
  try {
    image = xzDecompress(img.subarray(payload.start, payload.end), { maxOutput: 256 << 20 });
  } catch (e) {
    if (e instanceof XzError) throw new ZImageError(`zImage payload: ${e.message}`);
    throw e;
  }
  if (image.length !== payload.inflatedSize) throw new ZImageError("zImage payload size differs from the size the zImage records");
  return { image, payload };
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
