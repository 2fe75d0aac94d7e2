// The ARM specifics of logging and debugging: QEMU's arm_cpu_dump_state layout for -d cpu, the
// in_asm lines of the capstone-exact disassembler (disas.ts) for a whole TB (the Thumb bit and
// the IT state matter), exception names for -d int, register access by name, and the gdb target
// description (gdb's org.gnu.gdb.arm.core and org.gnu.gdb.arm.vfp features, as QEMU's gdb-xml).
import type { DebugArch, MemReader } from "../../exec/debug-arch.ts";
import {
  FPSCR,
  PC,
  TB_FLAGS,
  TBF_THUMB,
  cpsrRead,
  cpsrWrite,
  dSlot,
  regSlot,
  sSlot,
  Excp,
  TB_FLAGS2,
  FPSCR_WRITABLE,
  TBF2_VECLEN_MASK,
  TBF2_VECSTRIDE_SHIFT,
} from "./cpu-state.ts";
import { disasArmBlock, formatDisasLine } from "./disas.ts";

const CORE_NAMES = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"];
const MODE_NAMES = ["usr", "fiq", "irq", "svc", "???", "???", "mon", "abt", "???", "???", "hyp", "und", "???", "???", "???", "sys"];

const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

/** QEMU's exception names (arm_cpu_do_interrupt's excnames) for -d int. */
const EXCP_NAMES: Record<number, string> = {
  [Excp.Udef]: "Undefined Instruction",
  [Excp.Swi]: "SVC",
  [Excp.PrefetchAbort]: "Prefetch Abort",
  [Excp.DataAbort]: "Data Abort",
  [Excp.Bkpt]: "Breakpoint",
  [Excp.KernelTrap]: "QEMU intercept of kernel commpage",
};

/** A register of the name space getReg/setReg accept. */
type RegRef = { kind: "r"; i: number } | { kind: "cpsr" } | { kind: "fpscr" } | { kind: "s"; i: number } | { kind: "d"; i: number };

function regByName(name: string): RegRef | undefined {
  const n = name
    .replace(/^\$/, "")
    .toLowerCase()
    .replace(/^r\d+\//, "");
  const core = CORE_NAMES.indexOf(n);
  if (core >= 0) return { kind: "r", i: core };
  if (n === "fp") return { kind: "r", i: 11 };
  if (n === "ip") return { kind: "r", i: 12 };
  if (n === "sb") return { kind: "r", i: 9 };
  if (n === "sl") return { kind: "r", i: 10 };
  if (n === "cpsr" || n === "psr") return { kind: "cpsr" };
  if (n === "fpscr") return { kind: "fpscr" };
  let m = /^r(\d+)$/.exec(n);
  if (m && +m[1] < 16) return { kind: "r", i: +m[1] };
  m = /^s(\d+)$/.exec(n);
  if (m && +m[1] < 32) return { kind: "s", i: +m[1] };
  m = /^d(\d+)$/.exec(n);
  if (m && +m[1] < 16) return { kind: "d", i: +m[1] };
  return undefined;
}

function gdbCoreXml(): string {
  const regs = CORE_NAMES.map(
    (n, i) =>
      `  <reg name="${n}" bitsize="32"${i === 13 ? ' type="data_ptr"' : i === 15 ? ' type="code_ptr"' : ""}${i === 0 ? ' regnum="0"' : ""}/>`,
  );
  // The CPSR is register 25, not 16: the FPA registers historically sat between the PC and the
  // CPSR in the "g" packet (gdb's arm-core.xml says so in an XML comment, left out here because
  // hardened JavaScript (SES) rejects any source text containing an HTML comment opener).
  return `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.arm.core">
${regs.join("\n")}
  <reg name="cpsr" bitsize="32" regnum="25"/>
</feature>
`;
}

function gdbVfpXml(): string {
  const regs: string[] = [];
  for (let i = 0; i < 16; i++) regs.push(`  <reg name="d${i}" bitsize="64" type="ieee_double"${i === 0 ? ' regnum="26"' : ""}/>`);
  return `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.arm.vfp">
${regs.join("\n")}
  <reg name="fpscr" bitsize="32" type="int" group="float"/>
</feature>
`;
}

const targetXml = (osabi: string | null) => `<?xml version="1.0"?>
<!DOCTYPE target SYSTEM "gdb-target.dtd">
<target>
  <architecture>arm</architecture>
${osabi ? `  <osabi>${osabi}</osabi>\n` : ""}  <xi:include href="arm-core.xml"/>
  <xi:include href="arm-vfp.xml"/>
</target>
`;

export interface ArmDebugArchOptions {
  /** The target description's <osabi> (default "GNU/Linux", user mode; null for none, system mode). */
  osabi?: string | null;
}

/** The length of the instruction at pc in the given state (the translator's rule). */
function insnLength(pc: number, read: MemReader, thumb: boolean): number {
  if (!thumb) return 4;
  const b = read(pc, 2);
  if (!b) return 2;
  return (b[0] | (b[1] << 8)) >>> 11 >= 0x1d ? 4 : 2;
}

export class ArmDebugArch implements DebugArch {
  readonly name = "arm";
  readonly generalRegs = CORE_NAMES.map((n, i) => (i < 13 ? n : `r${i}/${n}`));
  readonly pcSlot = PC;
  readonly flagsSlot = TB_FLAGS;
  readonly gdbXml: Record<string, string>;
  readonly gdbRegs = [
    ...CORE_NAMES.map((name, i) => ({ name, regnum: i, bytes: 4 })),
    { name: "cpsr", regnum: 25, bytes: 4 },
    ...Array.from({ length: 16 }, (_, i) => ({ name: `d${i}`, regnum: 26 + i, bytes: 8 })),
    { name: "fpscr", regnum: 42, bytes: 4 },
  ];

  constructor(o: ArmDebugArchOptions = {}) {
    this.gdbXml = {
      "target.xml": targetXml(o.osabi === undefined ? "GNU/Linux" : o.osabi),
      "arm-core.xml": gdbCoreXml(),
      "arm-vfp.xml": gdbVfpXml(),
    };
  }

  globalName(name: string): string {
    return name;
  }

  /** arm_cpu_dump_state: R00..R15, PSR with flags and mode, then (fpu) s/d registers and FPSCR. */
  dumpState(R: Int32Array, fpu: boolean): string {
    let s = "";
    for (let i = 0; i < 16; i++) s += `R${i.toString().padStart(2, "0")}=${hex8(R[regSlot(i)])}${(i & 3) === 3 ? "\n" : " "}`;
    const psr = cpsrRead(R) >>> 0;
    const f = (bit: number, c: string) => (psr & bit ? c : "-");
    s += `PSR=${hex8(psr)} ${f(1 << 31, "N")}${f(1 << 30, "Z")}${f(1 << 29, "C")}${f(1 << 28, "V")} ${psr & (1 << 5) ? "T" : "A"} ${MODE_NAMES[psr & 0xf]}${psr & 0x10 ? 32 : 26}\n`;
    if (fpu) {
      for (let i = 0; i < 16; i++) {
        const lo = R[dSlot(i)],
          hi = R[dSlot(i) + 1];
        const n2 = (k: number) => k.toString().padStart(2, "0");
        s += `s${n2(2 * i)}=${hex8(lo)} s${n2(2 * i + 1)}=${hex8(hi)} d${n2(i)}=${hex8(hi)}${hex8(lo)}\n`;
      }
      s += `FPSCR: ${hex8(R[FPSCR])}\n`;
    }
    return s;
  }

  /** The in_asm lines of a TB (QEMU disassembles the TB's bytes in one capstone pass). */
  inAsmTb(R: Int32Array, pcs: readonly number[], read: MemReader): string[] {
    if (pcs.length === 0) return [];
    const thumb = (R[TB_FLAGS] & TBF_THUMB) !== 0;
    const first = pcs[0]!,
      last = pcs[pcs.length - 1]!;
    const size = last + insnLength(last, read, thumb) - first;
    const byteAt = (a: number) => read(a, 1)?.[0] ?? 0;
    return disasArmBlock(byteAt, first, size, thumb).map((l) => formatDisasLine(l, thumb));
  }

  inAsmLine(pc: number, read: MemReader, R?: Int32Array): { text: string; len: number } | null {
    const thumb = R !== undefined && (R[TB_FLAGS] & TBF_THUMB) !== 0;
    const len = insnLength(pc, read, thumb);
    if (!read(pc, len)) return null;
    const byteAt = (a: number) => read(a, 1)?.[0] ?? 0;
    const lines = disasArmBlock(byteAt, pc, len, thumb);
    return { text: formatDisasLine(lines[0]!, thumb), len };
  }

  disas(pc: number, read: MemReader, R?: Int32Array): { text: string; len: number } | null {
    const thumb = R !== undefined && (R[TB_FLAGS] & TBF_THUMB) !== 0;
    const len = insnLength(pc, read, thumb);
    if (!read(pc, len)) return null;
    const byteAt = (a: number) => read(a, 1)?.[0] ?? 0;
    const l = disasArmBlock(byteAt, pc, len, thumb)[0]!;
    return { text: l.operands ? `${l.mnemonic} ${l.operands}` : l.mnemonic, len };
  }

  excpName(excp: number): string {
    return EXCP_NAMES[excp] ?? `exception 0x${excp.toString(16)}`;
  }

  /** arm_log_exception's line ("Taking exception 1 [Undefined Instruction] on CPU 0"), then the pc. */
  intLine(excp: number, pc: bigint, _tval: bigint): string {
    return `Taking exception ${excp} [${this.excpName(excp)}] on CPU 0\n...from EL0 to EL1\n...with ESR 0x0/0x0\n...at pc 0x${pc.toString(16)}`;
  }

  getReg(R: Int32Array, name: string): bigint | undefined {
    const r = regByName(name);
    if (!r) return undefined;
    switch (r.kind) {
      case "r":
        return BigInt(R[regSlot(r.i)] >>> 0);
      case "cpsr":
        return BigInt(cpsrRead(R) >>> 0);
      case "fpscr":
        return BigInt(R[FPSCR] >>> 0);
      case "s":
        return BigInt(R[sSlot(r.i)] >>> 0);
      case "d":
        return (BigInt(R[dSlot(r.i) + 1] >>> 0) << 32n) | BigInt(R[dSlot(r.i)] >>> 0);
    }
  }

  setReg(R: Int32Array, name: string, v: bigint): boolean {
    const r = regByName(name);
    if (!r) return false;
    const w = Number(BigInt.asIntN(32, v));
    switch (r.kind) {
      case "r":
        R[regSlot(r.i)] = w;
        break;
      case "cpsr":
        // gdb writes the whole CPSR; mode and masks are not user-writable
        cpsrWrite(R, w, 0xffffffe0 | (1 << 5));
        break;
      case "fpscr": {
        const val = w & FPSCR_WRITABLE;
        R[FPSCR] = val;
        R[TB_FLAGS2] =
          (R[TB_FLAGS2] & ~(TBF2_VECLEN_MASK | (3 << TBF2_VECSTRIDE_SHIFT))) |
          ((val >>> 16) & 7) |
          (((val >>> 20) & 3) << TBF2_VECSTRIDE_SHIFT);
        break;
      }
      case "s":
        R[sSlot(r.i)] = w;
        break;
      case "d":
        R[dSlot(r.i)] = w;
        R[dSlot(r.i) + 1] = Number(BigInt.asIntN(32, v >> 32n));
        break;
    }
    return true;
  }

  gdbGet(R: Int32Array, index: number): bigint {
    return this.getReg(R, this.gdbRegs[index]!.name) ?? 0n;
  }

  gdbSet(R: Int32Array, index: number, v: bigint): void {
    this.setReg(R, this.gdbRegs[index]!.name, v);
  }
}
