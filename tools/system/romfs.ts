// A romfs image writer (Linux Documentation/filesystems/romfs.rst): a tiny read-only filesystem
// whose kernel module is 11 KB, handy for virtio-blk disks in tests. Files sit in the root
// directory, after "." and ".." entries laid out as genromfs does.

const TYPE_HARDLINK = 0,
  TYPE_DIR = 1,
  TYPE_FILE = 2;

function pad16(n: number): number {
  return (n + 15) & ~15;
}

export function buildRomfs(files: Array<{ name: string; data: Uint8Array }>, volume = "tciemu"): Uint8Array {
  const enc = new TextEncoder();
  const volName = enc.encode(volume);
  const headerStart = 16 + pad16(volName.length + 1);
  const entries = [
    { name: ".", type: TYPE_DIR, data: new Uint8Array(0) },
    { name: "..", type: TYPE_HARDLINK, data: new Uint8Array(0) },
    ...files.map((f) => ({ name: f.name, type: TYPE_FILE, data: f.data })),
  ];
  // Lay out headers.
  const offsets: number[] = [];
  let pos = headerStart;
  for (const e of entries) {
    offsets.push(pos);
    pos += 16 + pad16(enc.encode(e.name).length + 1) + pad16(e.data.length);
  }
  const size = Math.max(pad16(pos), 1024);
  const img = new Uint8Array(size);
  const dv = new DataView(img.buffer);
  img.set(enc.encode("-rom1fs-"), 0);
  dv.setUint32(8, size);
  img.set(volName, 16);
  entries.forEach((e, i) => {
    const at = offsets[i];
    const name = enc.encode(e.name);
    const next = i + 1 < entries.length ? offsets[i + 1] : 0;
    dv.setUint32(at, next | e.type | (e.type === TYPE_DIR ? 8 : 0)); // directories are "executable"
    dv.setUint32(at + 4, e.type === TYPE_FILE ? 0 : offsets[0]); // "." lists from itself; ".." links to it
    dv.setUint32(at + 8, e.data.length);
    img.set(name, at + 16);
    const metaLen = 16 + pad16(name.length + 1);
    dv.setUint32(at + 12, checksum(img, at, metaLen));
    img.set(e.data, at + metaLen);
  });
  dv.setUint32(12, checksum(img, 0, Math.min(512, size)));
  return img;
}

/** The value that makes the big-endian 32-bit words of [at, at+len) sum to zero. */
function checksum(img: Uint8Array, at: number, len: number): number {
  const dv = new DataView(img.buffer, img.byteOffset);
  let sum = 0;
  for (let i = 0; i < len; i += 4) sum = (sum + dv.getUint32(at + i)) >>> 0;
  return (0 - sum) >>> 0;
}
