// How a guest architecture describes itself to the debug tools (logs, op stepper, CLI debugger, gdb
// stub): register names and layout, QEMU's text formats for its state and instructions, and its gdb
// target description. Each target implements it next to its translator (src/target/<arch>/); the
// tools in src/debug use nothing target-specific beyond it.

/** Reads guest memory (null if unmapped). */
export type MemReader = (addr: number, len: number) => Uint8Array | null;

/** Interface the generic debug code (logs, stepper, debugger, gdb stub) uses for the guest. */
export interface DebugArch {
  readonly name: string;
  /**
   * The general-purpose registers as the embedding API and the page show them, in index order
   * (RISC-V: "x0/zero" ... "x31/t6"); each name is accepted by getReg/setReg.
   */
  readonly generalRegs: readonly string[];
  readonly pcSlot: number;
  readonly flagsSlot: number;
  /** Display name of a TCG global in op dumps. */
  globalName(name: string): string;
  /** QEMU's cpu_dump_state text (each line starts with a space and ends with \n). */
  dumpState(R: Int32Array, fpu: boolean): string;
  /** One in_asm line for the instruction at pc, or null if unreadable; also its length. */
  inAsmLine(pc: number, read: MemReader): { text: string; len: number } | null;
  /** Short disassembly ("addi sp,sp,-16") and length. */
  disas(pc: number, read: MemReader): { text: string; len: number } | null;
  /** The -d int line for an exception seen at pc with its auxiliary value. */
  intLine(excp: number, pc: bigint, tval: bigint): string;
  excpName(excp: number): string;
  /** Register names accepted by getReg/setReg (ABI and xN/fN forms, pc, fcsr...). */
  getReg(R: Int32Array, name: string): bigint | undefined;
  setReg(R: Int32Array, name: string, v: bigint): boolean;
  /** gdb: the target description documents, by annex name ("target.xml" first). */
  readonly gdbXml: Record<string, string>;
  /** gdb: registers in regnum order with their sizes in bytes; regnum -> index. */
  readonly gdbRegs: readonly { name: string; regnum: number; bytes: number }[];
  gdbGet(R: Int32Array, index: number): bigint;
  gdbSet(R: Int32Array, index: number, v: bigint): void;
}
