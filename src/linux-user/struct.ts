// Declarative C struct layouts for the guest ABI: each struct is a list of fields with byte offsets
// and types, written per architecture as data (riscv64/structs.ts, later i386 and ARM next to it),
// so generic syscall code reads and writes `stat`, `timespec`, `sigaction`... by field name and a
// new ABI adds its layouts without code. Guest memory is little-endian.
//
// Values are JS numbers (exact below 2^53; 64-bit fields are split into two 32-bit halves) or, for
// 64-bit fields that may use all 64 bits, bigints.

export type FieldType = "u8" | "s8" | "u16" | "s16" | "u32" | "s32" | "u64" | "s64";

export interface Field {
  readonly off: number;
  readonly type: FieldType;
}

export class Struct<F extends string = string> {
  constructor(
    readonly name: string,
    readonly size: number,
    readonly fields: Readonly<Record<F, Field>>,
  ) {
    for (const [k, f] of Object.entries<Field>(this.fields))
      if (f.off < 0 || f.off + fieldSize(f.type) > size) throw new Error(`struct ${name}: field ${k} outside the struct`);
  }

  /** A zeroed buffer of this struct, to fill with set(). */
  alloc(): StructBuf<F> {
    return new StructBuf(this, new Uint8Array(this.size));
  }
  /** A view of bytes already read from the guest (at least `size` long). */
  view(bytes: Uint8Array): StructBuf<F> {
    return new StructBuf(this, bytes);
  }
  has(f: string): boolean {
    return Object.hasOwn(this.fields, f);
  }
  offsetOf(f: F): number {
    return this.fields[f].off;
  }
}

/** A struct layout: `struct("timespec", 16, { tv_sec: [0, "s64"], tv_nsec: [8, "s64"] })`. */
export function struct<F extends string>(name: string, size: number, fields: Record<F, readonly [number, FieldType]>): Struct<F> {
  const out = {} as Record<F, Field>;
  for (const k of Object.keys(fields) as F[]) out[k] = { off: fields[k][0], type: fields[k][1] };
  return new Struct(name, size, out);
}

export function fieldSize(t: FieldType): number {
  return t === "u8" || t === "s8" ? 1 : t === "u16" || t === "s16" ? 2 : t === "u32" || t === "s32" ? 4 : 8;
}

const TWO32 = 4294967296;

/** One struct's bytes with typed field access. */
export class StructBuf<F extends string = string> {
  private readonly dv: DataView;
  constructor(
    readonly layout: Struct<F>,
    readonly bytes: Uint8Array,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Stores v (truncated to the field's width, two's complement for negative values). */
  set(name: F, v: number | bigint): this {
    const f = this.layout.fields[name];
    const dv = this.dv;
    switch (f.type) {
      case "u8":
      case "s8":
        dv.setUint8(f.off, Number(typeof v === "bigint" ? BigInt.asUintN(8, v) : v & 0xff));
        break;
      case "u16":
      case "s16":
        dv.setUint16(f.off, Number(typeof v === "bigint" ? BigInt.asUintN(16, v) : v & 0xffff), true);
        break;
      case "u32":
      case "s32":
        dv.setUint32(f.off, typeof v === "bigint" ? Number(BigInt.asUintN(32, v)) : v >>> 0, true);
        break;
      default:
        if (typeof v === "bigint") dv.setBigUint64(f.off, BigInt.asUintN(64, v), true);
        else {
          dv.setUint32(f.off, v >>> 0, true);
          dv.setInt32(f.off + 4, Math.floor(v / TWO32), true);
        }
    }
    return this;
  }

  /** A field's value as a number (64-bit fields exact below 2^53). */
  get(name: F): number {
    const f = this.layout.fields[name];
    const dv = this.dv;
    switch (f.type) {
      case "u8":
        return dv.getUint8(f.off);
      case "s8":
        return dv.getInt8(f.off);
      case "u16":
        return dv.getUint16(f.off, true);
      case "s16":
        return dv.getInt16(f.off, true);
      case "u32":
        return dv.getUint32(f.off, true);
      case "s32":
        return dv.getInt32(f.off, true);
      case "u64":
        return dv.getUint32(f.off + 4, true) * TWO32 + dv.getUint32(f.off, true);
      default:
        return dv.getInt32(f.off + 4, true) * TWO32 + dv.getUint32(f.off, true);
    }
  }

  /** The low 32 bits of a field, unsigned (a flags word kept in an unsigned long). */
  low32(name: F): number {
    const f = this.layout.fields[name];
    return fieldSize(f.type) >= 4 ? this.dv.getUint32(f.off, true) : this.get(name) >>> 0;
  }

  /** Sets a field the layout may not have (an ABI-specific extra); no-op when it is absent. */
  setOpt(name: string, v: number | bigint): this {
    if (Object.hasOwn(this.layout.fields, name)) this.set(name as F, v);
    return this;
  }
  /** A field the layout may not have; 0 when it is absent. */
  getOpt(name: string): number {
    return Object.hasOwn(this.layout.fields, name) ? this.get(name as F) : 0;
  }

  /** A field the layout may not have, as an exact bigint; 0n when it is absent. */
  getOptBig(name: string): bigint {
    return Object.hasOwn(this.layout.fields, name) ? this.getBig(name as F) : 0n;
  }

  /** A field's exact value as a bigint. */
  getBig(name: F): bigint {
    const f = this.layout.fields[name];
    const dv = this.dv;
    switch (f.type) {
      case "u64":
        return dv.getBigUint64(f.off, true);
      case "s64":
        return dv.getBigInt64(f.off, true);
      default:
        return BigInt(this.get(name));
    }
  }
}
