// Writes a minimal static ARM (EABI5, hard float) ELF32 executable: a code image and a data image at
// fixed addresses, plus a symbol table with ARM's mapping symbols ($a, $t, $d) so that
// `arm-linux-gnueabihf-objdump -d` disassembles each region in the right state.
//
//   0x0000  ELF header + 2 program headers
//   0x1000  .text -> PT_LOAD R+X at textAddr
//   ....    .data -> PT_LOAD R+W at dataAddr (p_memsz may exceed the image)
//   ....    .symtab, .strtab, .shstrtab, section headers

export interface ArmElfSymbol {
  name: string;
  addr: number;
  size?: number;
  type?: "func" | "object" | "notype";
}

export interface ArmElfImage {
  text: Uint8Array;
  textAddr: number;
  data: Uint8Array;
  dataAddr: number;
  dataMemSize?: number;
  /** Entry point (bit 0 set for a Thumb entry). */
  entry: number;
  symbols?: ArmElfSymbol[];
}

const PAGE = 0x1000;
const EM_ARM = 40;
/** EF_ARM_EABI_VER5 | EF_ARM_ABI_FLOAT_HARD */
const E_FLAGS = 0x05000400;
const align = (v: number, a: number) => Math.ceil(v / a) * a;

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
  get length(): number {
    return this.bytes.length;
  }
}

function strtab(names: string[]): { bytes: Uint8Array; offsets: number[] } {
  const out: number[] = [0];
  const offsets = names.map((n) => {
    if (n === "") return 0;
    const off = out.length;
    for (const c of new TextEncoder().encode(n)) out.push(c);
    out.push(0);
    return off;
  });
  return { bytes: Uint8Array.from(out), offsets };
}

export function writeArmElf(img: ArmElfImage): Uint8Array {
  const dataMemSize = Math.max(img.dataMemSize ?? img.data.length, img.data.length);
  const textOff = PAGE;
  const dataOff = align(textOff + img.text.length, PAGE);
  let off = dataOff + img.data.length;
  const syms = [...(img.symbols ?? [])].sort((a, b) => a.addr - b.addr);
  const symStr = strtab(syms.map((s) => s.name));
  off = align(off, 4);
  const symtabOff = off;
  const symtabSize = 16 * (syms.length + 1);
  off += symtabSize;
  const strtabOff = off;
  off += symStr.bytes.length;
  const secNames = ["", ".text", ".data", ".symtab", ".strtab", ".shstrtab"];
  const shstr = strtab(secNames);
  const shstrOff = off;
  off += shstr.bytes.length;
  off = align(off, 4);
  const shOff = off;
  const shnum = secNames.length;
  const out = new Uint8Array(shOff + 40 * shnum);

  const h = new Buf();
  for (const b of [0x7f, 0x45, 0x4c, 0x46, 1 /* ELFCLASS32 */, 1 /* LSB */, 1, 0]) h.u8(b);
  while (h.length < 16) h.u8(0);
  h.u16(2); // ET_EXEC
  h.u16(EM_ARM);
  h.u32(1);
  h.u32(img.entry);
  h.u32(52); // e_phoff
  h.u32(shOff);
  h.u32(E_FLAGS);
  h.u16(52);
  h.u16(32);
  h.u16(2);
  h.u16(40);
  h.u16(shnum);
  h.u16(shnum - 1);
  const phdr = (flags: number, fileOff: number, vaddr: number, filesz: number, memsz: number) => {
    h.u32(1); // PT_LOAD
    h.u32(fileOff);
    h.u32(vaddr);
    h.u32(vaddr);
    h.u32(filesz);
    h.u32(memsz);
    h.u32(flags);
    h.u32(PAGE);
  };
  phdr(5, textOff, img.textAddr, img.text.length, img.text.length);
  phdr(6, dataOff, img.dataAddr, img.data.length, dataMemSize);
  out.set(h.bytes, 0);
  out.set(img.text, textOff);
  out.set(img.data, dataOff);

  const st = new Buf();
  for (let i = 0; i < 16; i++) st.u8(0);
  syms.forEach((s, i) => {
    const inText = s.addr >= img.textAddr && s.addr < img.textAddr + Math.max(img.text.length, 1);
    st.u32(symStr.offsets[i]!);
    st.u32(s.addr);
    st.u32(s.size ?? 0);
    st.u8(s.type === "func" ? 2 : s.type === "object" ? 1 : 0);
    st.u8(0);
    st.u16(inText ? 1 : 2);
  });
  out.set(st.bytes, symtabOff);
  out.set(symStr.bytes, strtabOff);
  out.set(shstr.bytes, shstrOff);

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
    al: number,
    es: number,
  ) => {
    for (const v of [name, type, flags, addr, offset, size, link, info, al, es]) sh.u32(v);
  };
  shdr(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  shdr(shstr.offsets[1]!, 1, 6, img.textAddr, textOff, img.text.length, 0, 0, 4, 0);
  shdr(shstr.offsets[2]!, 1, 3, img.dataAddr, dataOff, img.data.length, 0, 0, 8, 0);
  shdr(shstr.offsets[3]!, 2, 0, 0, symtabOff, symtabSize, 4, syms.length + 1, 4, 16);
  shdr(shstr.offsets[4]!, 3, 0, 0, strtabOff, symStr.bytes.length, 0, 0, 1, 0);
  shdr(shstr.offsets[5]!, 3, 0, 0, shstrOff, shstr.bytes.length, 0, 0, 1, 0);
  out.set(sh.bytes, shOff);
  return out;
}
