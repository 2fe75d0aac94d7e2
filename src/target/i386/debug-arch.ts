// The i386 specifics of logging and debugging: QEMU's x86_cpu_dump_state layout for -d cpu (and
// -d fpu), the in_asm lines of qemu-i386 (capstone's AT&T syntax, disas/), -d int lines, register
// access by name, and the gdb target description (gdb's org.gnu.gdb.i386.core / .sse / .linux
// features, so `set architecture i386` and the register numbers match gdb's i386 port).
import type { DebugArch, MemReader } from "../../exec/debug-arch.ts";
import { ccComputeAll } from "./cc.ts";
import {
  CC_A,
  CC_C,
  CC_DST,
  CC_O,
  CC_OP,
  CC_OP_NAMES,
  CC_P,
  CC_S,
  CC_SRC,
  CC_SRC2,
  CC_Z,
  CR2,
  DESC_A_MASK,
  DESC_B_MASK,
  DESC_CS_MASK,
  DESC_C_MASK,
  DESC_DPL_SHIFT,
  DESC_E_MASK,
  DESC_P_MASK,
  DESC_R_MASK,
  DESC_S_MASK,
  DESC_W_MASK,
  DF,
  DF_MASK,
  EFLAGS,
  EIP,
  FPU,
  GDT_BASE,
  GDT_LIMIT,
  HFLAGS,
  HF_CPL_MASK,
  HF_PE_MASK,
  IDT_BASE,
  IDT_LIMIT,
  LDT,
  REGS,
  TB_FLAGS,
  TR,
  segBase,
  segFlags,
  segLimit,
  segSel,
} from "./cpu-state.ts";
import { formatInsnLines } from "./disas/in-asm.ts";
import { disasI386 } from "./disas/disas.ts";
import { SSE_MXCSR, X87_FPUC, X87_FPUS, X87_REGS, X87_TAGS, X87_TOP, xmmSlot } from "./fpu/layout.ts";

export const I386_REG_NAMES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const SEG_NAMES = ["es", "cs", "ss", "ds", "fs", "gs"];

const h8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
const h4 = (v: number) => (v & 0xffff).toString(16).padStart(4, "0");

function eflagsOf(R: Int32Array): number {
  return (R[EFLAGS] | ccComputeAll(R[CC_DST], R[CC_SRC], R[CC_SRC2], R[CC_OP]) | (R[DF] & DF_MASK)) >>> 0;
}

/** cpu_x86_dump_seg_cache */
function segLine(R: Int32Array, name: string, sel: number, base: number, limit: number, flags: number): string {
  let s = `${name.padEnd(3)}=${h4(sel)} ${h8(base)} ${h8(limit)} ${h8(flags & 0x00ffff00)}`;
  if (R[HFLAGS] & HF_PE_MASK && flags & DESC_P_MASK) {
    s += ` DPL=${(flags >> DESC_DPL_SHIFT) & 3} `;
    if (flags & DESC_S_MASK) {
      if (flags & DESC_CS_MASK) {
        s += flags & DESC_B_MASK ? "CS32" : "CS16";
        s += ` [${flags & DESC_C_MASK ? "C" : "-"}${flags & DESC_R_MASK ? "R" : "-"}`;
      } else {
        s += flags & DESC_B_MASK ? "DS  " : "DS16";
        s += ` [${flags & DESC_E_MASK ? "E" : "-"}${flags & DESC_W_MASK ? "W" : "-"}`;
      }
      s += `${flags & DESC_A_MASK ? "A" : "-"}]`;
    } else {
      const sys = [
        "Reserved",
        "TSS16-avl",
        "LDT",
        "TSS16-busy",
        "CallGate16",
        "TaskGate",
        "IntGate16",
        "TrapGate16",
        "Reserved",
        "TSS32-avl",
        "Reserved",
        "TSS32-busy",
        "CallGate32",
        "Reserved",
        "IntGate32",
        "TrapGate32",
      ];
      s += sys[(flags >> 8) & 15];
    }
  }
  return s + "\n";
}

/** Registers by name: general, segment, eip/eflags, x87, MMX and XMM. */
type RegRef =
  | { kind: "gpr" | "seg" | "st" | "mm" | "xmm"; i: number }
  | {
      kind:
        | "eip"
        | "eflags"
        | "fctrl"
        | "fstat"
        | "ftag"
        | "mxcsr"
        | "fs_base"
        | "gs_base"
        | "fiseg"
        | "fioff"
        | "foseg"
        | "fooff"
        | "fop"
        | "orig_eax";
    };

function regByName(name: string): RegRef | undefined {
  const n = name.replace(/^\$/, "").toLowerCase();
  let i = I386_REG_NAMES.indexOf(n);
  if (i >= 0) return { kind: "gpr", i };
  i = SEG_NAMES.indexOf(n);
  if (i >= 0) return { kind: "seg", i };
  if (n === "eip" || n === "pc") return { kind: "eip" };
  // gdb's generic $sp/$fp (and what architecture-neutral callers such as the embedding API ask for)
  if (n === "sp") return { kind: "gpr", i: 4 };
  if (n === "fp") return { kind: "gpr", i: 5 };
  if (n === "eflags") return { kind: "eflags" };
  let m = /^st\(?(\d)\)?$/.exec(n);
  if (m) return { kind: "st", i: +m[1] };
  m = /^mm(\d)$/.exec(n);
  if (m && +m[1] < 8) return { kind: "mm", i: +m[1] };
  m = /^xmm(\d)$/.exec(n);
  if (m && +m[1] < 8) return { kind: "xmm", i: +m[1] };
  if (["fctrl", "fstat", "ftag", "mxcsr", "fs_base", "gs_base", "fiseg", "fioff", "foseg", "fooff", "fop", "orig_eax"].includes(n))
    return { kind: n as "fctrl" };
  return undefined;
}

/** The gdb register list of the i386 target description, in regnum order. */
const GDB_REGS: { name: string; bytes: number }[] = [
  ...I386_REG_NAMES.map((name) => ({ name, bytes: 4 })),
  { name: "eip", bytes: 4 },
  { name: "eflags", bytes: 4 },
  ...["cs", "ss", "ds", "es", "fs", "gs"].map((name) => ({ name, bytes: 4 })),
  ...Array.from({ length: 8 }, (_, i) => ({ name: `st${i}`, bytes: 10 })),
  ...["fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"].map((name) => ({ name, bytes: 4 })),
  ...Array.from({ length: 8 }, (_, i) => ({ name: `xmm${i}`, bytes: 16 })),
  { name: "mxcsr", bytes: 4 },
  { name: "orig_eax", bytes: 4 },
];

function gdbCoreXml(): string {
  const gprType = (n: string) => (n === "esp" || n === "ebp" ? "data_ptr" : "int32");
  const regs = [
    ...I386_REG_NAMES.map((n, i) => `  <reg name="${n}" bitsize="32" type="${gprType(n)}"${i === 0 ? ' regnum="0"' : ""}/>`),
    `  <reg name="eip" bitsize="32" type="code_ptr"/>`,
    `  <reg name="eflags" bitsize="32" type="i386_eflags"/>`,
    ...["cs", "ss", "ds", "es", "fs", "gs"].map((n) => `  <reg name="${n}" bitsize="32" type="int32"/>`),
    ...Array.from({ length: 8 }, (_, i) => `  <reg name="st${i}" bitsize="80" type="i387_ext"/>`),
    ...["fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"].map(
      (n) => `  <reg name="${n}" bitsize="32" type="int" group="float"/>`,
    ),
  ];
  const flags = [
    ["CF", 0],
    ["", 1],
    ["PF", 2],
    ["AF", 4],
    ["ZF", 6],
    ["SF", 7],
    ["TF", 8],
    ["IF", 9],
    ["DF", 10],
    ["OF", 11],
    ["NT", 14],
    ["RF", 16],
    ["VM", 17],
    ["AC", 18],
    ["VIF", 19],
    ["VIP", 20],
    ["ID", 21],
  ]
    .map(([n, b]) => `    <field name="${n}" start="${b}" end="${b}"/>`)
    .join("\n");
  return `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.i386.core">
  <flags id="i386_eflags" size="4">
${flags}
  </flags>
${regs.join("\n")}
</feature>
`;
}

function gdbSseXml(): string {
  return `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.i386.sse">
  <vector id="v4f" type="ieee_single" count="4"/>
  <vector id="v2d" type="ieee_double" count="2"/>
  <vector id="v16i8" type="int8" count="16"/>
  <vector id="v8i16" type="int16" count="8"/>
  <vector id="v4i32" type="int32" count="4"/>
  <vector id="v2i64" type="int64" count="2"/>
  <union id="vec128">
    <field name="v4_float" type="v4f"/>
    <field name="v2_double" type="v2d"/>
    <field name="v16_int8" type="v16i8"/>
    <field name="v8_int16" type="v8i16"/>
    <field name="v4_int32" type="v4i32"/>
    <field name="v2_int64" type="v2i64"/>
    <field name="uint128" type="uint128"/>
  </union>
  <flags id="i386_mxcsr" size="4">
    <field name="IE" start="0" end="0"/>
    <field name="DE" start="1" end="1"/>
    <field name="ZE" start="2" end="2"/>
    <field name="OE" start="3" end="3"/>
    <field name="UE" start="4" end="4"/>
    <field name="PE" start="5" end="5"/>
    <field name="DAZ" start="6" end="6"/>
    <field name="IM" start="7" end="7"/>
    <field name="DM" start="8" end="8"/>
    <field name="ZM" start="9" end="9"/>
    <field name="OM" start="10" end="10"/>
    <field name="UM" start="11" end="11"/>
    <field name="PM" start="12" end="12"/>
    <field name="FZ" start="15" end="15"/>
  </flags>
${Array.from({ length: 8 }, (_, i) => `  <reg name="xmm${i}" bitsize="128" type="vec128"${i === 0 ? ' regnum="32"' : ""}/>`).join("\n")}
  <reg name="mxcsr" bitsize="32" type="i386_mxcsr" group="vector"/>
</feature>
`;
}

const GDB_LINUX_XML = `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.i386.linux">
  <reg name="orig_eax" bitsize="32" type="int" regnum="41"/>
</feature>
`;

const targetXml = (osabi: string | null) => `<?xml version="1.0"?>
<!DOCTYPE target SYSTEM "gdb-target.dtd">
<target>
  <architecture>i386</architecture>
${osabi ? `  <osabi>${osabi}</osabi>\n` : ""}  <xi:include href="32bit-core.xml"/>
  <xi:include href="32bit-sse.xml"/>
  <xi:include href="32bit-linux.xml"/>
</target>
`;

/** The x87 tag word in its architectural 2-bit form (fxsave's abridged form expanded). */
function fullTagWord(R: Int32Array): number {
  const empty = R[FPU + X87_TAGS];
  let tw = 0;
  for (let i = 0; i < 8; i++) {
    let t = 3;
    if (!(empty & (1 << i))) {
      const s = FPU + X87_REGS + 3 * i;
      const exp = R[s + 2] & 0x7fff;
      const lo = R[s],
        hi = R[s + 1];
      if (exp === 0x7fff) t = 2;
      else if (exp === 0) t = lo === 0 && hi === 0 ? 1 : 2;
      else t = hi & 0x80000000 ? 0 : 2;
    }
    tw |= t << (2 * i);
  }
  return tw;
}

export class I386DebugArch implements DebugArch {
  readonly name = "i386";
  readonly generalRegs = [...I386_REG_NAMES, "eip", "eflags"];
  readonly pcSlot = EIP;
  readonly flagsSlot = TB_FLAGS;
  readonly gdbXml: Record<string, string>;
  readonly gdbRegs = GDB_REGS.map((r, regnum) => ({ name: r.name, regnum, bytes: r.bytes }));

  constructor(o: { osabi?: string | null } = {}) {
    this.gdbXml = {
      "target.xml": targetXml(o.osabi === undefined ? "GNU/Linux" : o.osabi),
      "32bit-core.xml": gdbCoreXml(),
      "32bit-sse.xml": gdbSseXml(),
      "32bit-linux.xml": GDB_LINUX_XML,
    };
  }

  globalName(name: string): string {
    return name;
  }

  /** x86_cpu_dump_state for a 32-bit guest with CPU_DUMP_CCOP (and CPU_DUMP_FPU when asked). */
  dumpState(R: Int32Array, fpu: boolean): string {
    const ef = eflagsOf(R);
    const g = (i: number) => h8(R[REGS + i]);
    const f = (m: number, c: string) => (ef & m ? c : "-");
    let s =
      `EAX=${g(0)} EBX=${g(3)} ECX=${g(1)} EDX=${g(2)}\n` +
      `ESI=${g(6)} EDI=${g(7)} EBP=${g(5)} ESP=${g(4)}\n` +
      `EIP=${h8(R[EIP])} EFL=${h8(ef)} [${f(DF_MASK, "D")}${f(CC_O, "O")}${f(CC_S, "S")}${f(CC_Z, "Z")}${f(CC_A, "A")}${f(CC_P, "P")}${f(CC_C, "C")}] ` +
      `CPL=${R[HFLAGS] & HF_CPL_MASK} II=${(R[HFLAGS] >> 3) & 1} A20=1 SMM=0 HLT=0\n`;
    const names = ["ES", "CS", "SS", "DS", "FS", "GS"];
    for (let i = 0; i < 6; i++) s += segLine(R, names[i], R[segSel(i)], R[segBase(i)], R[segLimit(i)], R[segFlags(i)]);
    s += segLine(R, "LDT", R[LDT], R[LDT + 1], R[LDT + 2], R[LDT + 3]);
    s += segLine(R, "TR", R[TR], R[TR + 1], R[TR + 2], R[TR + 3]);
    s += `GDT=     ${h8(R[GDT_BASE])} ${h8(R[GDT_LIMIT])}\n`;
    s += `IDT=     ${h8(R[IDT_BASE])} ${h8(R[IDT_LIMIT])}\n`;
    s += `CR0=80010001 CR2=${h8(R[CR2])} CR3=00000000 CR4=00000200\n`;
    s += `DR0=00000000 DR1=00000000 DR2=00000000 DR3=00000000 \nDR6=ffff0ff0 DR7=00000400\n`;
    const op = R[CC_OP];
    const opName = (op >= 0 && op < CC_OP_NAMES.length ? CC_OP_NAMES[op] : null) ?? `[${op}]`;
    s += `CCS=${h8(R[CC_SRC])} CCD=${h8(R[CC_DST])} CCO=${opName}\n`;
    s += `EFER=0000000000000000\n`;
    if (fpu) {
      const top = R[FPU + X87_TOP] & 7;
      let ftw = 0;
      for (let i = 0; i < 8; i++) if (!(R[FPU + X87_TAGS] & (1 << i))) ftw |= 1 << i;
      s += `FCW=${h4(R[FPU + X87_FPUC])} FSW=${h4((R[FPU + X87_FPUS] & ~0x3800) | (top << 11))} [ST=${top}] FTW=${ftw.toString(16).padStart(2, "0")} MXCSR=${h8(R[FPU + SSE_MXCSR])}\n`;
      for (let i = 0; i < 8; i++) {
        const r = FPU + X87_REGS + 3 * i;
        s += `FPR${i}=${h8(R[r + 1])}${h8(R[r])} ${h4(R[r + 2])}${i & 1 ? "\n" : " "}`;
      }
      for (let i = 0; i < 8; i++) {
        const x = FPU + xmmSlot(i);
        s += `XMM${i.toString().padStart(2, "0")}=${h8(R[x + 3])}${h8(R[x + 2])} ${h8(R[x + 1])}${h8(R[x])}${i & 1 ? "\n" : " "}`;
      }
    }
    return s;
  }

  inAsmLine(pc: number, read: MemReader): { text: string; len: number } | null {
    const d = this.decode(pc, read);
    if (!d) return null;
    const lines = formatInsnLines(pc, d.bytes, d.mnemonic, d.operands);
    return { text: lines.replace(/\n$/, ""), len: d.bytes.length };
  }

  disas(pc: number, read: MemReader): { text: string; len: number } | null {
    const d = this.decode(pc, read);
    return d ? { text: d.operands ? `${d.mnemonic} ${d.operands}` : d.mnemonic, len: d.bytes.length } : null;
  }

  private decode(pc: number, read: MemReader): { bytes: Uint8Array; mnemonic: string; operands: string } | null {
    const first = read(pc, 1);
    if (!first) return null;
    const buf = new Uint8Array(15);
    let n = 0;
    while (n < 15) {
      const b = read(pc + n, 1);
      if (!b) break;
      buf[n++] = b[0];
    }
    const d = disasI386(buf.subarray(0, n), pc);
    return { bytes: buf.slice(0, d.length), mnemonic: d.mnemonic, operands: d.operands };
  }

  excpName(excp: number): string {
    return excp === 0x80 ? "int $0x80" : `exception ${excp}`;
  }

  /** The -d int line of x86's do_interrupt_all: "v=0e e=0004 i=0 cpl=3 IP=0023:08049000 pc=08049000 SP=002b:..." */
  intLine(excp: number, pc: bigint, tval: bigint): string {
    return `     0: v=${(excp & 0xff).toString(16).padStart(2, "0")} e=0000 i=${excp === 0x80 ? 1 : 0} cpl=3 IP=0023:${h8(Number(pc))} pc=${h8(Number(pc))} CR2=${h8(Number(tval))}`;
  }

  getReg(R: Int32Array, name: string): bigint | undefined {
    const r = regByName(name);
    if (!r) return undefined;
    switch (r.kind) {
      case "gpr":
        return BigInt(R[REGS + r.i] >>> 0);
      case "seg":
        return BigInt(R[segSel(r.i)] & 0xffff);
      case "eip":
        return BigInt(R[EIP] >>> 0);
      case "eflags":
        return BigInt(eflagsOf(R));
      case "st": {
        const p = FPU + X87_REGS + 3 * ((R[FPU + X87_TOP] + r.i) & 7);
        return (BigInt(R[p + 2] & 0xffff) << 64n) | (BigInt(R[p + 1] >>> 0) << 32n) | BigInt(R[p] >>> 0);
      }
      case "mm": {
        const p = FPU + X87_REGS + 3 * r.i;
        return (BigInt(R[p + 1] >>> 0) << 32n) | BigInt(R[p] >>> 0);
      }
      case "xmm": {
        const x = FPU + xmmSlot(r.i);
        let v = 0n;
        for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(R[x + k] >>> 0);
        return v;
      }
      case "fctrl":
        return BigInt(R[FPU + X87_FPUC] & 0xffff);
      case "fstat":
        return BigInt(((R[FPU + X87_FPUS] & ~0x3800) | ((R[FPU + X87_TOP] & 7) << 11)) & 0xffff);
      case "ftag":
        return BigInt(fullTagWord(R));
      case "mxcsr":
        return BigInt(R[FPU + SSE_MXCSR] >>> 0);
      case "fs_base":
        return BigInt(R[segBase(4)] >>> 0);
      case "gs_base":
        return BigInt(R[segBase(5)] >>> 0);
      default:
        return 0n;
    }
  }

  setReg(R: Int32Array, name: string, v: bigint): boolean {
    const r = regByName(name);
    if (!r) return false;
    const w = Number(BigInt.asIntN(32, v));
    switch (r.kind) {
      case "gpr":
        R[REGS + r.i] = w;
        return true;
      case "eip":
        R[EIP] = w;
        return true;
      case "eflags":
        R[CC_SRC] = w & 0x8d5;
        R[CC_OP] = 0;
        R[DF] = w & DF_MASK ? -1 : 1;
        R[EFLAGS] = (R[EFLAGS] & ~0x240300) | (w & 0x240300) | 2;
        return true;
      case "st": {
        const p = FPU + X87_REGS + 3 * ((R[FPU + X87_TOP] + r.i) & 7);
        R[p] = Number(BigInt.asIntN(32, v));
        R[p + 1] = Number(BigInt.asIntN(32, v >> 32n));
        R[p + 2] = Number((v >> 64n) & 0xffffn);
        return true;
      }
      case "mm": {
        const p = FPU + X87_REGS + 3 * r.i;
        R[p] = w;
        R[p + 1] = Number(BigInt.asIntN(32, v >> 32n));
        return true;
      }
      case "xmm": {
        const x = FPU + xmmSlot(r.i);
        for (let k = 0; k < 4; k++) R[x + k] = Number(BigInt.asIntN(32, v >> BigInt(32 * k)));
        return true;
      }
      case "fctrl":
        R[FPU + X87_FPUC] = w & 0xffff;
        return true;
      case "mxcsr":
        R[FPU + SSE_MXCSR] = w;
        return true;
      default:
        return false;
    }
  }

  gdbGet(R: Int32Array, index: number): bigint {
    return this.getReg(R, this.gdbRegs[index].name) ?? 0n;
  }

  gdbSet(R: Int32Array, index: number, v: bigint): void {
    this.setReg(R, this.gdbRegs[index].name, v);
  }
}
