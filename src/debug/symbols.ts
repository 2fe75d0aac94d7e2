// ELF64 symbol tables, for the "IN: symbol" line of -d in_asm, the "Trace" line of -d exec and the
// debugger's `b main` (QEMU's lookup_symbol over the syminfos that linux-user's elfload.c keeps).
// Only FUNC and OBJECT symbols with a size are kept, as QEMU does; lookups are by address range.

export interface Sym {
  name: string;
  addr: number;
  size: number;
  func: boolean;
}

export class SymbolTable {
  /** Sorted by address. */
  readonly syms: Sym[];
  private byName = new Map<string, Sym>();

  constructor(syms: Sym[]) {
    this.syms = syms.slice().sort((a, b) => a.addr - b.addr || b.size - a.size);
    for (const s of this.syms) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
  }

  static empty(): SymbolTable {
    return new SymbolTable([]);
  }

  /**
   * The symbols of an ELF64 or ELF32 little-endian file (static or PIE). `bias` is added to every address
   * (the load bias of a PIE). Returns an empty table for anything it cannot read.
   */
  static fromElf(data: Uint8Array, bias = 0): SymbolTable {
    try {
      return new SymbolTable(readElfSymbols(data, bias));
    } catch {
      return SymbolTable.empty();
    }
  }

  /** The symbol whose [addr, addr+size) holds `addr`, or "" (QEMU's lookup_symbol). */
  lookup(addr: number): string {
    const s = this.find(addr);
    return s ? s.name : "";
  }

  /** The symbol containing addr. */
  find(addr: number): Sym | undefined {
    let lo = 0,
      hi = this.syms.length - 1,
      best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.syms[mid].addr <= addr) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = best; i >= 0 && i > best - 8; i--) {
      const s = this.syms[i];
      if (addr >= s.addr && addr < s.addr + s.size) return s;
    }
    return undefined;
  }

  /** `name+0x10` for an address inside a symbol, else "". */
  describe(addr: number): string {
    const s = this.find(addr);
    if (!s) return "";
    const off = addr - s.addr;
    return off ? `${s.name}+0x${off.toString(16)}` : s.name;
  }

  byNameLookup(name: string): Sym | undefined {
    return this.byName.get(name);
  }
}

function readElfSymbols(data: Uint8Array, bias: number): Sym[] {
  if (data.length < 52 || data[0] !== 0x7f || data[1] !== 0x45 || (data[4] !== 1 && data[4] !== 2) || data[5] !== 1) return [];
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const is64 = data[4] === 2;
  // ELF64 and ELF32 differ in field widths and offsets only
  const word = (o: number) => (is64 ? Number(dv.getBigUint64(o, true)) : dv.getUint32(o, true));
  const shoff = word(is64 ? 0x28 : 0x20);
  const shentsize = dv.getUint16(is64 ? 0x3a : 0x2e, true);
  const shnum = dv.getUint16(is64 ? 0x3c : 0x30, true);
  if (!shoff || shentsize < (is64 ? 64 : 40) || shoff + shnum * shentsize > data.length) return [];
  // ARM (and MIPS) mark Thumb functions with bit 0 of the value; QEMU's load_symbols clears it.
  const machine = dv.getUint16(0x12, true);
  const clearBit0 = machine === 40 || machine === 8;
  const symSize = is64 ? 24 : 16;
  const out: Sym[] = [];
  for (let i = 0; i < shnum; i++) {
    const sh = shoff + i * shentsize;
    const type = dv.getUint32(sh + 4, true);
    if (type !== 2 /* SHT_SYMTAB */) continue;
    const off = word(sh + (is64 ? 0x18 : 0x10)),
      size = word(sh + (is64 ? 0x20 : 0x14)),
      link = dv.getUint32(sh + (is64 ? 0x28 : 0x18), true),
      entsize = word(sh + (is64 ? 0x38 : 0x24)) || symSize;
    const strSh = shoff + link * shentsize;
    const strOff = word(strSh + (is64 ? 0x18 : 0x10)),
      strSize = word(strSh + (is64 ? 0x20 : 0x14));
    if (off + size > data.length || strOff + strSize > data.length) continue;
    for (let p = off; p + symSize <= off + size; p += entsize) {
      const nameOff = dv.getUint32(p, true);
      const info = data[p + (is64 ? 4 : 12)];
      const shndx = dv.getUint16(p + (is64 ? 6 : 14), true);
      let value = is64 ? word(p + 8) : dv.getUint32(p + 4, true);
      const ssize = is64 ? word(p + 16) : dv.getUint32(p + 8, true);
      const stt = info & 15;
      if ((stt !== 1 /* OBJECT */ && stt !== 2) /* FUNC */ || shndx === 0 || ssize === 0) continue;
      if (clearBit0) value -= value % 2;
      let end = strOff + nameOff;
      while (end < strOff + strSize && data[end] !== 0) end++;
      const name = new TextDecoder().decode(data.subarray(strOff + nameOff, end));
      if (name) out.push({ name, addr: value + bias, size: ssize, func: stt === 2 });
    }
  }
  return out;
}
