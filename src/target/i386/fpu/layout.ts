/**
 * Layout of the x87 / MMX / SSE state block inside the i386 CPU's Int32Array
 * register file.  Every offset is relative to the block's base slot (the CPU
 * places the block where it likes and passes that base to every helper).
 *
 *   offset  slots  contents (QEMU CPUX86State field)
 *   0       24     x87 physical registers R0..R7 (fpregs[i]): 3 slots each,
 *                  [significand low, significand high, sign << 15 | exponent].
 *                  ST(i) is register (TOP + i) & 7.  MMX register i is the
 *                  significand (low, high) of physical register i.
 *   24      3      FT0, the x87 operand temporary of memory-operand forms (ft0)
 *   27      1      TOP, the stack top 0..7 (fpstt)
 *   28      1      status word without the TOP field (fpus): IE DE ZE OE UE PE
 *                  SF ES in bits 0..7, C0 C1 C2 in 8..10, C3 in 14, B in 15
 *   29      1      control word (fpuc)
 *   30      1      tag bits: bit i set = physical register i empty (fptags[i])
 *   31      1      last instruction pointer (fpip)
 *   32      1      last instruction CS selector (fpcs)
 *   33      1      last data pointer (fpdp)
 *   34      1      last data segment selector (fpds)
 *   36      32     XMM0..XMM7, 4 slots each, element 0 first (dword i of the
 *                  register at slot 4 * reg + i; a float64 element k is the
 *                  (low, high) pair at slots 2k, 2k + 1)
 *   68      4      XMM_T0, a temporary vector for memory operands (xmm_t0)
 *   72      4      XMM_T1, a second temporary vector
 *   76      1      MXCSR, with its exception flags kept up to date after every
 *                  SSE operation (QEMU merges them lazily at stmxcsr/fxsave;
 *                  the guest cannot tell the difference)
 *   77      2      MMX_T0, a temporary MMX operand (mmx_t0)
 *   80             block size
 */

export const X87_REGS = 0;
export const X87_FT0 = 24;
export const X87_TOP = 27;
export const X87_FPUS = 28;
export const X87_FPUC = 29;
export const X87_TAGS = 30;
export const X87_FPIP = 31;
export const X87_FPCS = 32;
export const X87_FPDP = 33;
export const X87_FPDS = 34;
export const SSE_XMM = 36;
export const SSE_XMM_T0 = 68;
export const SSE_XMM_T1 = 72;
export const SSE_MXCSR = 76;
export const MMX_T0 = 77;
export const FPU_BLOCK_SLOTS = 80;

/** Slot offset of XMM register n (relative to the block base). */
export function xmmSlot(n: number): number {
  return SSE_XMM + 4 * n;
}

/** x87 status word bits (FPUS_*). */
export const FPUS_IE = 1 << 0;
export const FPUS_DE = 1 << 1;
export const FPUS_ZE = 1 << 2;
export const FPUS_OE = 1 << 3;
export const FPUS_UE = 1 << 4;
export const FPUS_PE = 1 << 5;
export const FPUS_SF = 1 << 6;
export const FPUS_SE = 1 << 7;
export const FPUS_B = 1 << 15;
/** Exception mask bits of the control word. */
export const FPUC_EM = 0x3f;

/** MXCSR fields. */
export const MXCSR_DAZ = 0x0040;
export const MXCSR_FZ = 0x8000;
export const MXCSR_RESET = 0x1f80;

/**
 * Initializes the block as QEMU's x86 CPU reset does (fninit state with
 * every register empty, control word 0x37f, MXCSR 0x1f80, registers zero).
 */
export function resetFpuState(R: Int32Array, base: number): void {
  R.fill(0, base, base + FPU_BLOCK_SLOTS);
  R[base + X87_FPUC] = 0x37f;
  R[base + X87_TAGS] = 0xff;
  R[base + SSE_MXCSR] = MXCSR_RESET;
}
