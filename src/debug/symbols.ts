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
   * The symbols of an ELF64 little-endian file (static or PIE). `bias` is added to every address
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
  if (data.length < 64 || data[0] !== 0x7f || data[1] !== 0x45 || data[4] !== 2 || data[5] !== 1) return [];
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u64 = (o: number) => Number(dv.getBigUint64(o, true));
  const shoff = u64(0x28);
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  if (!shoff || shentsize < 64 || shoff + shnum * shentsize > data.length) return [];
  const out: Sym[] = [];
  for (let i = 0; i < shnum; i++) {
    const sh = shoff + i * shentsize;
    const type = dv.getUint32(sh + 4, true);
    if (type !== 2 /* SHT_SYMTAB */) continue;
    const off = u64(sh + 0x18),
      size = u64(sh + 0x20),
      link = dv.getUint32(sh + 0x28, true),
      entsize = u64(sh + 0x38) || 24;
    const strSh = shoff + link * shentsize;
    const strOff = u64(strSh + 0x18),
      strSize = u64(strSh + 0x20);
    if (off + size > data.length || strOff + strSize > data.length) continue;
    for (let p = off; p + 24 <= off + size; p += entsize) {
      const nameOff = dv.getUint32(p, true);
      const info = data[p + 4];
      const shndx = dv.getUint16(p + 6, true);
      const value = u64(p + 8);
      const ssize = u64(p + 16);
      const stt = info & 15;
      if ((stt !== 1 /* OBJECT */ && stt !== 2) /* FUNC */ || shndx === 0 || ssize === 0) continue;
      let end = strOff + nameOff;
      while (end < strOff + strSize && data[end] !== 0) end++;
      const name = new TextDecoder().decode(data.subarray(strOff + nameOff, end));
      if (name) out.push({ name, addr: value + bias, size: ssize, func: stt === 2 });
    }
  }
  return out;
}
