// The RISC-V specifics of logging and debugging: QEMU's register names ("x2/sp"), its
// riscv_cpu_dump_state layout for -d cpu, the in_asm line layout of QEMU's disas/riscv.c, trap
// names for -d int, register access by name, and the gdb target description (gdb's standard
// org.gnu.gdb.riscv.cpu / org.gnu.gdb.riscv.fpu features).
import type { DebugArch, MemReader } from "../../exec/debug-arch.ts";
import { ABI_NAMES, FFLAGS, FRM, PC, TB_FLAGS, fslot, xslot } from "./cpu-state.ts";
import { disassemble } from "./disas.ts";

// prettier-ignore
export const FPR_ABI = [
  "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
  "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
];

/** QEMU's riscv_excp_names (mcause 0..15). */
// prettier-ignore
export const TRAP_NAMES = [
  "misaligned_fetch", "fault_fetch", "illegal_instruction", "breakpoint", "misaligned_load", "fault_load",
  "misaligned_store", "fault_store", "user_ecall", "supervisor_ecall", "hypervisor_ecall", "machine_ecall",
  "exec_page_fault", "load_page_fault", "reserved", "store_page_fault",
];

const hex16 = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, "0");

function pair(R: Int32Array, s: number): bigint {
  return (BigInt(R[s + 1] >>> 0) << 32n) | BigInt(R[s] >>> 0);
}

function regByName(name: string): { kind: "x" | "f" | "pc" | "fcsr" | "fflags" | "frm"; i: number } | undefined {
  const n = name
    .replace(/^\$/, "")
    .toLowerCase()
    .replace(/^x\d+\//, "");
  if (n === "pc") return { kind: "pc", i: 0 };
  if (n === "fcsr" || n === "fflags" || n === "frm") return { kind: n, i: 0 };
  if (n === "fp") return { kind: "x", i: 8 };
  let m = /^x(\d+)$/.exec(n);
  if (m && +m[1] < 32) return { kind: "x", i: +m[1] };
  m = /^f(\d+)$/.exec(n);
  if (m && +m[1] < 32) return { kind: "f", i: +m[1] };
  const xi = ABI_NAMES.indexOf(n);
  if (xi >= 0) return { kind: "x", i: xi };
  const fi = FPR_ABI.indexOf(n);
  if (fi >= 0) return { kind: "f", i: fi };
  return undefined;
}

function gdbCpuXml(): string {
  const types = (i: number) => (i === 1 ? "code_ptr" : i === 2 || i === 3 || i === 4 || i === 8 ? "data_ptr" : "int");
  const regs = ABI_NAMES.map((n, i) => `  <reg name="${n}" bitsize="64" type="${types(i)}"${i === 0 ? ' regnum="0"' : ""}/>`);
  return `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.riscv.cpu">
${regs.join("\n")}
  <reg name="pc" bitsize="64" type="code_ptr"/>
</feature>
`;
}

function gdbFpuXml(): string {
  const regs = FPR_ABI.map((n, i) => `  <reg name="${n}" bitsize="64" type="riscv_double"${i === 0 ? ' regnum="33"' : ""}/>`);
  return `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.riscv.fpu">
  <union id="riscv_double">
    <field name="float" type="ieee_single"/>
    <field name="double" type="ieee_double"/>
  </union>
${regs.join("\n")}
  <reg name="fflags" bitsize="32" type="int" regnum="66"/>
  <reg name="frm" bitsize="32" type="int" regnum="67"/>
  <reg name="fcsr" bitsize="32" type="int" regnum="68"/>
</feature>
`;
}

const targetXml = (osabi: string | null) => `<?xml version="1.0"?>
<!DOCTYPE target SYSTEM "gdb-target.dtd">
<target>
  <architecture>riscv:rv64</architecture>
${osabi ? `  <osabi>${osabi}</osabi>\n` : ""}  <xi:include href="riscv-64bit-cpu.xml"/>
  <xi:include href="riscv-64bit-fpu.xml"/>
</target>
`;

function readInsn(pc: number, read: MemReader): number | null {
  const lo = read(pc, 2);
  if (!lo) return null;
  const h0 = lo[0] | (lo[1] << 8);
  if ((h0 & 3) !== 3) return h0;
  const hi = read(pc + 2, 2);
  if (!hi) return null;
  return h0 | ((hi[0] | (hi[1] << 8)) << 16) | 0;
}

export interface RiscvDebugArchOptions {
  /** The target description's <osabi> (default "GNU/Linux", user mode; null for none, system mode). */
  osabi?: string | null;
}

export class RiscvDebugArch implements DebugArch {
  readonly name = "riscv64";
  readonly generalRegs = ABI_NAMES.map((n, i) => `x${i}/${n}`);
  readonly pcSlot = PC;
  readonly flagsSlot = TB_FLAGS;
  readonly gdbXml: Record<string, string>;

  constructor(o: RiscvDebugArchOptions = {}) {
    this.gdbXml = {
      "target.xml": targetXml(o.osabi === undefined ? "GNU/Linux" : o.osabi),
      "riscv-64bit-cpu.xml": gdbCpuXml(),
      "riscv-64bit-fpu.xml": gdbFpuXml(),
    };
  }
  readonly gdbRegs = [
    ...ABI_NAMES.map((name, i) => ({ name, regnum: i, bytes: 8 })),
    { name: "pc", regnum: 32, bytes: 8 },
    ...FPR_ABI.map((name, i) => ({ name, regnum: 33 + i, bytes: 8 })),
    { name: "fflags", regnum: 66, bytes: 4 },
    { name: "frm", regnum: 67, bytes: 4 },
    { name: "fcsr", regnum: 68, bytes: 4 },
  ];

  globalName(name: string): string {
    const m = /^([xf])(\d+)$/.exec(name);
    if (!m) return name;
    const i = +m[2];
    return `${name}/${m[1] === "x" ? ABI_NAMES[i] : FPR_ABI[i]}`;
  }

  dumpState(R: Int32Array, fpu: boolean): string {
    let s = ` ${"pc".padEnd(8)} ${hex16(pair(R, PC))}\n`;
    for (let i = 0; i < 32; i++) {
      s += ` ${`x${i}/${ABI_NAMES[i]}`.padEnd(8)} ${hex16(i === 0 ? 0n : pair(R, xslot(i)))}`;
      if ((i & 3) === 3) s += "\n";
    }
    if (fpu) {
      s += ` ${"fcsr".padEnd(8)} ${hex16(BigInt(((R[FRM] & 7) << 5) | (R[FFLAGS] & 31)))}\n`;
      for (let i = 0; i < 32; i++) {
        s += ` ${`f${i}/${FPR_ABI[i]}`.padEnd(8)} ${hex16(pair(R, fslot(i)))}`;
        if ((i & 3) === 3) s += "\n";
      }
    }
    return s;
  }

  disas(pc: number, read: MemReader): { text: string; len: number } | null {
    const insn = readInsn(pc, read);
    if (insn === null) return null;
    const d = disassemble(insn, BigInt(pc));
    const [mn, ops] = d.text.split("\t");
    return { text: ops ? `${mn} ${ops}` : mn, len: d.length };
  }

  inAsmLine(pc: number, read: MemReader): { text: string; len: number } | null {
    const insn = readInsn(pc, read);
    if (insn === null) return null;
    const d = disassemble(insn, BigInt(pc));
    const bytes = d.length === 2 ? (insn & 0xffff).toString(16).padStart(4, "0") : (insn >>> 0).toString(16).padStart(8, "0");
    const tab = d.text.indexOf("\t");
    const body = tab < 0 ? d.text : d.text.slice(0, tab).padEnd(24) + d.text.slice(tab + 1);
    return { text: `0x${pc.toString(16).padStart(8, "0")}:  ${bytes.padEnd(18)}${body}`, len: d.length };
  }

  excpName(excp: number): string {
    return TRAP_NAMES[excp] ?? `exception ${excp}`;
  }

  intLine(excp: number, pc: bigint, tval: bigint): string {
    return `riscv_cpu_do_interrupt: hart:0, async:0, cause:${hex16(BigInt(excp))}, epc:0x${hex16(pc)}, tval:0x${hex16(tval)}, desc=${this.excpName(excp)}`;
  }

  getReg(R: Int32Array, name: string): bigint | undefined {
    const r = regByName(name);
    if (!r) return undefined;
    switch (r.kind) {
      case "pc":
        return pair(R, PC);
      case "x":
        return r.i === 0 ? 0n : BigInt.asIntN(64, pair(R, xslot(r.i)));
      case "f":
        return pair(R, fslot(r.i));
      case "fflags":
        return BigInt(R[FFLAGS] & 31);
      case "frm":
        return BigInt(R[FRM] & 7);
      case "fcsr":
        return BigInt(((R[FRM] & 7) << 5) | (R[FFLAGS] & 31));
    }
  }

  setReg(R: Int32Array, name: string, v: bigint): boolean {
    const r = regByName(name);
    if (!r) return false;
    const put = (s: number) => {
      R[s] = Number(BigInt.asIntN(32, v));
      R[s + 1] = Number(BigInt.asIntN(32, v >> 32n));
    };
    switch (r.kind) {
      case "pc":
        put(PC);
        break;
      case "x":
        if (r.i) put(xslot(r.i));
        break;
      case "f":
        put(fslot(r.i));
        break;
      case "fflags":
        R[FFLAGS] = Number(v & 31n);
        break;
      case "frm":
        R[FRM] = Number(v & 7n);
        break;
      case "fcsr":
        R[FFLAGS] = Number(v & 31n);
        R[FRM] = Number((v >> 5n) & 7n);
        break;
    }
    return true;
  }

  gdbGet(R: Int32Array, index: number): bigint {
    return BigInt.asUintN(64, this.getReg(R, this.gdbRegs[index].name === "zero" ? "x0" : this.gdbRegs[index].name) ?? 0n);
  }

  gdbSet(R: Int32Array, index: number, v: bigint): void {
    const n = this.gdbRegs[index].name;
    this.setReg(R, n === "zero" ? "x0" : n, v);
  }
}
