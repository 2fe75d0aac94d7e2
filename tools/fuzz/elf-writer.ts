// Writes a minimal static RV64 ELF executable (ET_EXEC, no relocations, no
// interpreter) from a code image and a data image at fixed addresses.
//
// Layout of the file:
//   0x0000  ELF header + 2 program headers (not loaded)
//   0x1000  .text   -> PT_LOAD R+X at textAddr (page aligned)
//   ....    .data   -> PT_LOAD R+W at dataAddr (page aligned), p_memsz may exceed the image (bss)
//   ....    .riscv.attributes, .symtab, .strtab, .shstrtab, section headers
//
// Section headers and symbols are not needed to run the program; they are
// there so that `riscv64-linux-gnu-objdump -D` can disassemble it with block
// labels and the right ISA string.

export interface ElfSymbol {
  name: string;
  addr: number;
  size?: number;
  /** "func" for code labels (STT_FUNC), "object" for data (STT_OBJECT), else STT_NOTYPE. */
  type?: "func" | "object" | "notype";
}

export interface ElfImage {
  text: Uint8Array;
  textAddr: number;
  data: Uint8Array;
  dataAddr: number;
  /** Size of the data segment in memory (>= data.length); the rest is zero. */
  dataMemSize?: number;
  entry: number;
  symbols?: ElfSymbol[];
  /** ISA string for the .riscv.attributes section, e.g. "rv64i2p1_m2p0_...". */
  arch?: string;
}

const PAGE = 0x1000;
const EM_RISCV = 243;
const EF_RISCV_RVC = 0x1;
const EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;

const align = (v: number, a: number): number => Math.ceil(v / a) * a;

class Buf {
  bytes: number[] = [];
  u8(v: number): void {
    this.bytes.push(v & 0xff);
  }
  u16(v: number): void {
    this.u8(v);
    this.u8(v >>> 8);
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }
  u64(v: number | bigint): void {
    const b = BigInt(v);
    this.u32(Number(b & 0xffffffffn));
    this.u32(Number((b >> 32n) & 0xffffffffn));
  }
  uleb(v: number): void {
    do {
      let byte = v & 0x7f;
      v >>>= 7;
      if (v !== 0) byte |= 0x80;
      this.u8(byte);
    } while (v !== 0);
  }
  str(s: string): void {
    for (const c of new TextEncoder().encode(s)) this.u8(c);
    this.u8(0);
  }
  get length(): number {
    return this.bytes.length;
  }
}

function strtab(names: string[]): { bytes: Uint8Array; offsets: number[] } {
  const b = new Buf();
  b.u8(0);
  const offsets = names.map((n) => {
    if (n === "") return 0;
    const off = b.length;
    b.str(n);
    return off;
  });
  return { bytes: Uint8Array.from(b.bytes), offsets };
}

function attributesSection(arch: string): Uint8Array {
  // 'A' <u32 len> "riscv\0" <Tag_File=1> <u32 len> <Tag_RISCV_arch=5> arch\0
  const sub = new Buf();
  sub.uleb(5);
  sub.str(arch);
  const fileLen = 1 + 4 + sub.length;
  const vendorLen = 4 + "riscv".length + 1 + fileLen;
  const b = new Buf();
  b.u8(0x41);
  b.u32(vendorLen);
  b.str("riscv");
  b.u8(1);
  b.u32(fileLen);
  for (const x of sub.bytes) b.u8(x);
  return Uint8Array.from(b.bytes);
}

export function writeElf(img: ElfImage): Uint8Array {
  if (img.textAddr % PAGE !== 0 || img.dataAddr % PAGE !== 0) throw new Error("segments must be page aligned");
  const dataMemSize = Math.max(img.dataMemSize ?? img.data.length, img.data.length);
  if (img.textAddr + img.text.length > img.dataAddr) throw new Error("text overlaps data");

  const textOff = PAGE;
  const dataOff = align(textOff + img.text.length, PAGE);
  let off = dataOff + img.data.length;

  const attrs = img.arch !== undefined ? attributesSection(img.arch) : undefined;
  const attrsOff = off;
  if (attrs) off += attrs.length;

  // Symbols: null + locals. All symbols are local (STB_LOCAL) so sh_info = count.
  const syms = [...(img.symbols ?? [])].sort((a, b) => a.addr - b.addr);
  const symStr = strtab(syms.map((s) => s.name));
  off = align(off, 8);
  const symtabOff = off;
  const symtabSize = 24 * (syms.length + 1);
  off += symtabSize;
  const strtabOff = off;
  off += symStr.bytes.length;

  const secNames = ["", ".text", ".data", ".riscv.attributes", ".symtab", ".strtab", ".shstrtab"];
  const shstr = strtab(secNames);
  const shstrOff = off;
  off += shstr.bytes.length;
  off = align(off, 8);
  const shOff = off;
  const shnum = secNames.length;
  const total = shOff + 64 * shnum;

  const out = new Uint8Array(total);
  const put = (at: number, bytes: ArrayLike<number>) => out.set(bytes, at);

  // ELF header
  const h = new Buf();
  h.u8(0x7f);
  h.str("ELF"); // writes 'E','L','F',0 -> fix EI_CLASS below
  h.bytes.pop();
  h.u8(2); // ELFCLASS64
  h.u8(1); // ELFDATA2LSB
  h.u8(1); // EV_CURRENT
  h.u8(0); // ELFOSABI_SYSV
  while (h.length < 16) h.u8(0);
  h.u16(2); // ET_EXEC
  h.u16(EM_RISCV);
  h.u32(1);
  h.u64(img.entry);
  h.u64(64); // e_phoff
  h.u64(shOff);
  h.u32(EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE);
  h.u16(64); // e_ehsize
  h.u16(56); // e_phentsize
  h.u16(2); // e_phnum
  h.u16(64); // e_shentsize
  h.u16(shnum);
  h.u16(shnum - 1); // e_shstrndx
  // Program headers
  const phdr = (flags: number, fileOff: number, vaddr: number, filesz: number, memsz: number) => {
    h.u32(1); // PT_LOAD
    h.u32(flags);
    h.u64(fileOff);
    h.u64(vaddr);
    h.u64(vaddr);
    h.u64(filesz);
    h.u64(memsz);
    h.u64(PAGE);
  };
  phdr(5, textOff, img.textAddr, img.text.length, img.text.length); // R+X
  phdr(6, dataOff, img.dataAddr, img.data.length, dataMemSize); // R+W
  put(0, h.bytes);

  put(textOff, img.text);
  put(dataOff, img.data);
  if (attrs) put(attrsOff, attrs);

  // Symbol table
  const st = new Buf();
  for (let i = 0; i < 24; i++) st.u8(0);
  syms.forEach((s, i) => {
    const inText = s.addr >= img.textAddr && s.addr < img.textAddr + Math.max(img.text.length, 1);
    const stt = s.type === "func" ? 2 : s.type === "object" ? 1 : 0;
    st.u32(symStr.offsets[i]!);
    st.u8(stt); // STB_LOCAL << 4 | type
    st.u8(0);
    st.u16(inText ? 1 : 2);
    st.u64(s.addr);
    st.u64(s.size ?? 0);
  });
  put(symtabOff, st.bytes);
  put(strtabOff, symStr.bytes);
  put(shstrOff, shstr.bytes);

  // Section headers
  const sh = new Buf();
  const shdr = (
    name: number,
    type: number,
    flags: number,
    addr: number,
    offset: number,
    size: number,
    link: number,
    info: number,
    align: number,
    entsize: number,
  ) => {
    sh.u32(name);
    sh.u32(type);
    sh.u64(flags);
    sh.u64(addr);
    sh.u64(offset);
    sh.u64(size);
    sh.u32(link);
    sh.u32(info);
    sh.u64(align);
    sh.u64(entsize);
  };
  const SHF_WRITE = 1,
    SHF_ALLOC = 2,
    SHF_EXEC = 4;
  shdr(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  shdr(shstr.offsets[1]!, 1, SHF_ALLOC | SHF_EXEC, img.textAddr, textOff, img.text.length, 0, 0, 2, 0);
  shdr(shstr.offsets[2]!, 1, SHF_ALLOC | SHF_WRITE, img.dataAddr, dataOff, img.data.length, 0, 0, 8, 0);
  // SHT_RISCV_ATTRIBUTES = 0x70000003
  shdr(shstr.offsets[3]!, 0x70000003, 0, 0, attrsOff, attrs?.length ?? 0, 0, 0, 1, 0);
  shdr(shstr.offsets[4]!, 2, 0, 0, symtabOff, symtabSize, 5, syms.length + 1, 8, 24);
  shdr(shstr.offsets[5]!, 3, 0, 0, strtabOff, symStr.bytes.length, 0, 0, 1, 0);
  shdr(shstr.offsets[6]!, 3, 0, 0, shstrOff, shstr.bytes.length, 0, 0, 1, 0);
  put(shOff, sh.bytes);
  return out;
}

/** Little-endian code assembly buffer for mixed 16/32-bit instructions. */
export class CodeBuffer {
  private bytes: number[] = [];
  constructor(readonly base: number) {}
  get pc(): number {
    return this.base + this.bytes.length;
  }
  get length(): number {
    return this.bytes.length;
  }
  emit(word: number, size: 2 | 4): void {
    this.bytes.push(word & 0xff, (word >>> 8) & 0xff);
    if (size === 4) this.bytes.push((word >>> 16) & 0xff, (word >>> 24) & 0xff);
  }
  /** Overwrite a 32-bit instruction previously emitted at byte offset `off`. */
  patch32(off: number, word: number): void {
    for (let i = 0; i < 4; i++) this.bytes[off + i] = (word >>> (8 * i)) & 0xff;
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
