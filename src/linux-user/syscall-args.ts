// A syscall's arguments as the generic handlers read them. The CPU adapter copies the raw argument
// registers in (rawLo/rawHi: the low and high 32 bits of each register; rawHi is unused on 32-bit
// ABIs); load() then maps them to the handler's arguments with the ABI's convention: on 64-bit
// ABIs argument i is register i; on 32-bit ABIs a 64-bit argument (an loff_t...) comes from a
// register pair that the syscall table names, e.g. i386's pread64(fd, buf, count, pos) takes pos
// from (esi, edi), ARM EABI's from (r4, r5) (pairs start at an even register there).
//
// Accessors (all exact JS numbers below 2^53):
//   int(i)   the low 32 bits, signed (fds, flags, modes)
//   uint(i)  the low 32 bits, unsigned
//   long(i)  the register (or pair) as a signed long / loff_t
//   ptr(i)   the register (or pair) as an unsigned long (addresses, sizes)

/** Up to this many argument registers (ARM EABI can need r0..r6 when 64-bit pairs are aligned). */
export const RAW_ARGS = 8;

/**
 * How a handler's arguments come from registers: a register index, [lo, hi] for a 64-bit pair,
 * or a constant ({ value }) so an old call can reuse a newer handler: open(path, flags, mode) is
 * openat with [{ value: AT_FDCWD }, 0, 1, 2].
 */
export type ArgSpec = ReadonlyArray<number | readonly [number, number] | { readonly value: number }>;

/** An ArgSpec compiled to register indexes (hi: -1 for a single register, -2 for a constant). */
export interface CompiledArgs {
  readonly lo: Int8Array;
  readonly hi: Int8Array;
  readonly value: Int32Array;
}

/** A constant argument: AT_FDCWD for the *at() handlers that old calls reuse. */
export const AT_FDCWD_ARG = { value: -100 } as const;

export function compileArgs(spec: ArgSpec): CompiledArgs {
  const lo = new Int8Array(RAW_ARGS),
    hi = new Int8Array(RAW_ARGS).fill(-1),
    value = new Int32Array(RAW_ARGS);
  for (let i = 0; i < RAW_ARGS; i++) lo[i] = i < spec.length ? 0 : i;
  spec.forEach((s, i) => {
    if (typeof s === "number") lo[i] = s;
    else if ("value" in s) {
      hi[i] = -2;
      value[i] = s.value;
    } else {
      lo[i] = s[0];
      hi[i] = s[1];
    }
  });
  return { lo, hi, value };
}

const TWO32 = 4294967296;

export class SyscallArgs {
  /** Raw argument registers, filled by the CPU adapter. */
  readonly rawLo = new Int32Array(RAW_ARGS);
  readonly rawHi = new Int32Array(RAW_ARGS);
  /** The handler's arguments: low word, high word for unsigned and for signed reads. */
  private readonly lo = new Int32Array(RAW_ARGS);
  private readonly hiU = new Int32Array(RAW_ARGS);
  private readonly hiS = new Int32Array(RAW_ARGS);

  constructor(readonly wordBits: 32 | 64) {}

  /** Maps the raw registers to arguments (spec null: argument i is register i). */
  load(spec: CompiledArgs | null): void {
    const { rawLo, rawHi, lo, hiU, hiS } = this;
    if (spec === null) {
      if (this.wordBits === 64) {
        lo.set(rawLo);
        hiU.set(rawHi);
        hiS.set(rawHi);
      } else
        for (let i = 0; i < RAW_ARGS; i++) {
          lo[i] = rawLo[i];
          hiU[i] = 0;
          hiS[i] = rawLo[i] >> 31;
        }
      return;
    }
    for (let i = 0; i < RAW_ARGS; i++) {
      const r = spec.lo[i],
        h = spec.hi[i];
      if (h === -2) {
        // a constant: sign-extended for signed reads, as a small C int would be
        const v = spec.value[i];
        lo[i] = v;
        hiS[i] = v >> 31;
        hiU[i] = this.wordBits === 64 ? v >> 31 : 0;
        continue;
      }
      lo[i] = rawLo[r];
      if (h >= 0) hiU[i] = hiS[i] = rawLo[h];
      else if (this.wordBits === 64) hiU[i] = hiS[i] = rawHi[r];
      else {
        hiU[i] = 0;
        hiS[i] = rawLo[r] >> 31;
      }
    }
  }

  int(i: number): number {
    return this.lo[i];
  }
  uint(i: number): number {
    return this.lo[i] >>> 0;
  }
  long(i: number): number {
    return this.hiS[i] * TWO32 + (this.lo[i] >>> 0);
  }
  ptr(i: number): number {
    return (this.hiU[i] >>> 0) * TWO32 + (this.lo[i] >>> 0);
  }
  /** The argument as a signed 64-bit bigint (hooks that want every bit). */
  big(i: number): bigint {
    return (BigInt(this.hiS[i]) << 32n) | BigInt(this.lo[i] >>> 0);
  }
}
