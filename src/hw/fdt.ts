// Flattened device tree (DTB, version 17) writer and reader.
//
// Build a tree of FdtNode objects, set properties with typed helpers (u32 cells, u64s, strings,
// string lists, raw bytes, empty), then writeFdt() produces the blob the board puts in guest RAM.
// readFdt() parses a blob back into the same objects, so the board can take a user's -dtb, patch
// /chosen (bootargs, linux,initrd-start/-end) and write it out again.
//
//   const root = new FdtNode("");
//   root.set("#address-cells", 2).set("compatible", "riscv-virtio");
//   const cpus = root.add("cpus").set("timebase-frequency", 10_000_000);
//   const intc = cpus.add("cpu@0").add("interrupt-controller");
//   const ph = allocPhandle(root, intc);              // sets intc's "phandle" property
//   root.add("memory@80000000").set("device_type", "memory").set("reg", fdtU64(0x80000000, 256 << 20));
//   const dtb = writeFdt(root, { reservations: [{ address: 0x80000000, size: 0x40000 }] });
//
// Property values given to set(): a number is one u32 cell, a number[] a list of u32 cells, a bigint
// one u64, a string a NUL-terminated string, a string[] a string list, `true` an empty property,
// a Uint8Array the raw bytes. Use fdtU64() for u64 lists and fdtCells() to mix.
//
// The reader accepts versions 16 and 17 and throws FdtError on anything malformed (it is for
// host-supplied files, not guest input).

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_VERSION = 17;
export const FDT_LAST_COMP_VERSION = 16;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40;
const TWO32 = 0x1_0000_0000;

export class FdtError extends Error {
  override name = "FdtError";
}

export type FdtPropValue = Uint8Array | string | readonly string[] | number | readonly number[] | bigint | true;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** u32 big-endian cells. Numbers are taken modulo 2^32 (so -1 is 0xffffffff). */
export function fdtCells(...cells: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 * cells.length);
  const dv = new DataView(out.buffer);
  cells.forEach((c, i) => dv.setUint32(4 * i, c >>> 0, false));
  return out;
}

/** u64 big-endian values (each two cells). */
export function fdtU64(...values: readonly (number | bigint)[]): Uint8Array {
  const out = new Uint8Array(8 * values.length);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setBigUint64(8 * i, BigInt.asUintN(64, typeof v === "bigint" ? v : BigInt(Math.trunc(v))), false));
  return out;
}

/** A NUL-terminated string. */
export function fdtString(s: string): Uint8Array {
  return fdtStrings([s]);
}

/** A string list: each string NUL-terminated, concatenated. */
export function fdtStrings(list: readonly string[]): Uint8Array {
  const parts = list.map((s) => enc.encode(s));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length + 1;
  }
  return out;
}

/** Concatenates encoded values (e.g. fdtCells(phandle) with fdtU64(addr)). */
export function fdtConcat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function encodeFdtValue(v: FdtPropValue): Uint8Array {
  if (v instanceof Uint8Array) return v.slice();
  if (v === true) return new Uint8Array(0);
  if (typeof v === "string") return fdtString(v);
  if (typeof v === "number") return fdtCells(v);
  if (typeof v === "bigint") return fdtU64(v);
  if (v.length === 0) return new Uint8Array(0);
  if (typeof v[0] === "string") return fdtStrings(v as readonly string[]);
  return fdtCells(...(v as readonly number[]));
}

export class FdtNode {
  /** Properties in insertion order (the order they are written). */
  readonly props = new Map<string, Uint8Array>();
  readonly children: FdtNode[] = [];

  constructor(public name: string) {}

  /** Sets (or replaces, keeping its place) a property. */
  set(name: string, value: FdtPropValue): this {
    this.props.set(name, encodeFdtValue(value));
    return this;
  }

  remove(name: string): this {
    this.props.delete(name);
    return this;
  }

  has(name: string): boolean {
    return this.props.has(name);
  }

  /** Appends a new child node and returns it. */
  add(name: string): FdtNode {
    const n = new FdtNode(name);
    this.children.push(n);
    return n;
  }

  /** The child called `name` (full name with unit address, or the name before '@' if unique). */
  child(name: string): FdtNode | undefined {
    const exact = this.children.find((c) => c.name === name);
    if (exact !== undefined || name.includes("@")) return exact;
    const base = this.children.filter((c) => c.name.split("@")[0] === name);
    return base.length === 1 ? base[0] : undefined;
  }

  /** The child called `name`, created if missing. */
  ensure(name: string): FdtNode {
    return this.child(name) ?? this.add(name);
  }

  /** A descendant by path ("/chosen", "soc/serial@10000000"); "/" or "" is this node. */
  find(path: string): FdtNode | undefined {
    let n: FdtNode | undefined = this;
    for (const part of path.split("/")) {
      if (part === "") continue;
      n = n.child(part);
      if (n === undefined) return undefined;
    }
    return n;
  }

  get(name: string): Uint8Array | undefined {
    return this.props.get(name);
  }

  /** The property as u32 cells (undefined if absent or its length is not a multiple of 4). */
  getCells(name: string): number[] | undefined {
    const v = this.props.get(name);
    if (v === undefined || v.length % 4 !== 0) return undefined;
    const dv = new DataView(v.buffer, v.byteOffset, v.length);
    const out: number[] = [];
    for (let i = 0; i < v.length; i += 4) out.push(dv.getUint32(i, false));
    return out;
  }

  getU32(name: string): number | undefined {
    const c = this.getCells(name);
    return c !== undefined && c.length === 1 ? c[0] : undefined;
  }

  /** A one- or two-cell property as a bigint. */
  getU64(name: string): bigint | undefined {
    const c = this.getCells(name);
    if (c === undefined) return undefined;
    if (c.length === 1) return BigInt(c[0]);
    if (c.length === 2) return (BigInt(c[0]) << 32n) | BigInt(c[1]);
    return undefined;
  }

  getStrings(name: string): string[] | undefined {
    const v = this.props.get(name);
    if (v === undefined || v.length === 0 || v[v.length - 1] !== 0) return undefined;
    return dec.decode(v.subarray(0, v.length - 1)).split("\0");
  }

  getString(name: string): string | undefined {
    return this.getStrings(name)?.[0];
  }

  /** Every node of the subtree, depth first, with its path. */
  *walk(path = "/"): Generator<[string, FdtNode]> {
    yield [path, this];
    for (const c of this.children) yield* c.walk(path === "/" ? `/${c.name}` : `${path}/${c.name}`);
  }
}

/** Gives `node` a phandle (the next unused value in the tree under `root`) unless it has one. */
export function allocPhandle(root: FdtNode, node: FdtNode): number {
  const own = node.getU32("phandle");
  if (own !== undefined) return own;
  let max = 0;
  for (const [, n] of root.walk()) {
    const p = n.getU32("phandle") ?? n.getU32("linux,phandle");
    if (p !== undefined && p !== 0xffffffff && p > max) max = p;
  }
  node.set("phandle", max + 1);
  return max + 1;
}

export interface FdtReservation {
  address: number | bigint;
  size: number | bigint;
}

export interface FdtWriteOptions {
  /** Memory reservation block entries. */
  reservations?: readonly FdtReservation[];
  /** boot_cpuid_phys (default 0). */
  bootCpuidPhys?: number;
  /** Free bytes added at the end (counted in totalsize), like dtc -p. */
  padding?: number;
}

/** Serializes the tree under `root` (whose name should be "") as a version 17 DTB. */
export function writeFdt(root: FdtNode, opts: FdtWriteOptions = {}): Uint8Array {
  const strings: number[] = [];
  const stringOff = new Map<string, number>();
  const nameOff = (name: string): number => {
    let o = stringOff.get(name);
    if (o === undefined) {
      o = strings.length;
      stringOff.set(name, o);
      for (const b of enc.encode(name)) strings.push(b);
      strings.push(0);
    }
    return o;
  };

  const struct: number[] = [];
  const u32 = (v: number) => struct.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const pad = () => {
    while (struct.length % 4) struct.push(0);
  };
  const emit = (n: FdtNode) => {
    u32(FDT_BEGIN_NODE);
    for (const b of enc.encode(n.name)) struct.push(b);
    struct.push(0);
    pad();
    for (const [name, value] of n.props) {
      u32(FDT_PROP);
      u32(value.length);
      u32(nameOff(name));
      for (let i = 0; i < value.length; i++) struct.push(value[i]);
      pad();
    }
    for (const c of n.children) emit(c);
    u32(FDT_END_NODE);
  };
  emit(root);
  u32(FDT_END);

  const rsv = opts.reservations ?? [];
  const offRsv = HEADER_SIZE; // already 8-aligned
  const offStruct = offRsv + 16 * (rsv.length + 1);
  const offStrings = offStruct + struct.length;
  const used = offStrings + strings.length;
  const total = used + Math.max(0, Math.trunc(opts.padding ?? 0));
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, FDT_MAGIC);
  dv.setUint32(4, total);
  dv.setUint32(8, offStruct);
  dv.setUint32(12, offStrings);
  dv.setUint32(16, offRsv);
  dv.setUint32(20, FDT_VERSION);
  dv.setUint32(24, FDT_LAST_COMP_VERSION);
  dv.setUint32(28, (opts.bootCpuidPhys ?? 0) >>> 0);
  dv.setUint32(32, strings.length);
  dv.setUint32(36, struct.length);
  rsv.forEach((r, i) => {
    dv.setBigUint64(offRsv + 16 * i, BigInt.asUintN(64, BigInt(r.address)));
    dv.setBigUint64(offRsv + 16 * i + 8, BigInt.asUintN(64, BigInt(r.size)));
  });
  out.set(struct, offStruct);
  out.set(strings, offStrings);
  return out;
}

export interface ParsedFdt {
  root: FdtNode;
  reservations: { address: bigint; size: bigint }[];
  bootCpuidPhys: number;
  version: number;
  /** totalsize from the header. */
  totalSize: number;
}

/** Parses a DTB (version 16 or 17). Throws FdtError if it is malformed. */
export function readFdt(blob: Uint8Array): ParsedFdt {
  if (blob.length < HEADER_SIZE) throw new FdtError("fdt: shorter than its header");
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.length);
  if (dv.getUint32(0) !== FDT_MAGIC) throw new FdtError("fdt: bad magic");
  const total = dv.getUint32(4);
  const offStruct = dv.getUint32(8);
  const offStrings = dv.getUint32(12);
  const offRsv = dv.getUint32(16);
  const version = dv.getUint32(20);
  const lastComp = dv.getUint32(24);
  const bootCpuidPhys = dv.getUint32(28);
  const sizeStrings = dv.getUint32(32);
  const sizeStruct = dv.getUint32(36);
  if (version < 16 || lastComp > 17) throw new FdtError(`fdt: unsupported version ${version} (last compatible ${lastComp})`);
  if (total > blob.length || total < HEADER_SIZE) throw new FdtError("fdt: totalsize beyond the data");
  if (offStruct + sizeStruct > total || offStrings + sizeStrings > total || offRsv >= total || offRsv % 8 || offStruct % 4)
    throw new FdtError("fdt: block offsets out of range");

  const reservations: { address: bigint; size: bigint }[] = [];
  for (let o = offRsv; ; o += 16) {
    if (o + 16 > total) throw new FdtError("fdt: unterminated memory reservation block");
    const address = dv.getBigUint64(o);
    const size = dv.getBigUint64(o + 8);
    if (address === 0n && size === 0n) break;
    reservations.push({ address, size });
  }

  const end = offStruct + sizeStruct;
  let p = offStruct;
  const word = (): number => {
    if (p + 4 > end) throw new FdtError("fdt: structure block truncated");
    const v = dv.getUint32(p);
    p += 4;
    return v;
  };
  const cstring = (from: number, limit: number): [string, number] => {
    let e = from;
    while (e < limit && blob[e] !== 0) e++;
    if (e >= limit) throw new FdtError("fdt: unterminated string");
    return [dec.decode(blob.subarray(from, e)), e];
  };

  let root: FdtNode | undefined;
  const stack: FdtNode[] = [];
  for (;;) {
    const tok = word();
    if (tok === FDT_NOP) continue;
    if (tok === FDT_BEGIN_NODE) {
      const [name, e] = cstring(p, end);
      p = (e + 4) & ~3;
      if (stack.length === 0) {
        if (root !== undefined) throw new FdtError("fdt: more than one root node");
        root = new FdtNode(name);
        stack.push(root);
      } else {
        if (stack.length > 1024) throw new FdtError("fdt: nodes nested too deeply");
        stack.push(stack[stack.length - 1].add(name));
      }
    } else if (tok === FDT_PROP) {
      const len = word();
      const nameoff = word();
      if (stack.length === 0) throw new FdtError("fdt: property outside a node");
      if (len > end - p) throw new FdtError("fdt: property runs past the structure block");
      if (nameoff >= sizeStrings) throw new FdtError("fdt: property name offset out of range");
      const [name] = cstring(offStrings + nameoff, offStrings + sizeStrings);
      stack[stack.length - 1].props.set(name, blob.slice(p, p + len));
      p = (p + len + 3) & ~3;
    } else if (tok === FDT_END_NODE) {
      if (stack.length === 0) throw new FdtError("fdt: unbalanced END_NODE");
      stack.pop();
    } else if (tok === FDT_END) {
      if (stack.length !== 0 || root === undefined) throw new FdtError("fdt: END inside a node or before the root");
      break;
    } else throw new FdtError(`fdt: bad token 0x${tok.toString(16)}`);
  }
  return { root, reservations, bootCpuidPhys, version, totalSize: total };
}

/** Splits a number into [high, low] u32 cells, for reg properties built by hand. */
export function fdtHiLo(v: number): [number, number] {
  return [Math.floor(v / TWO32) >>> 0, v >>> 0];
}
