// Random i386 test programs for tools/fuzz/i386-diff.ts: slots of 1-6 random instructions (every
// opcode map, random prefixes, x87/MMX/SSE/SSE2 included), each slot with its own random initial
// state (general registers, EFLAGS, x87 stack and control/status/tag words, MXCSR, XMM registers),
// run by testdata/i386/fuzz/harness.elf, which records what every slot leaves behind.
//
// Memory operands are aimed at a recorded 256-byte window: the generator picks the base/index
// register values of a slot (and the absolute displacements) so that the first memory access of
// each instruction lands there; registers it does not need get "interesting" values (0, -1, small,
// sign boundaries, random). Direct branches land in the slot's int3 padding (or unmapped memory,
// or, for 16-bit operand size, low memory), so that every slot ends in `record` or in a signal.
import { readFileSync } from "node:fs";
import { I386Decoder, type CodeReader } from "../../src/target/i386/decode.ts";
import { Fault, I386Insn, MAP_0F, MAP_1BYTE, MO_16, PREFIX_REPNZ, PREFIX_REPZ, Special, T } from "../../src/target/i386/insn.ts";
import { Op } from "../../src/target/i386/ops.ts";

// The harness's fixed addresses (testdata/i386/fuzz/harness.S)
export const SLOTS = 0x09000000;
export const SLOT_SIZE = 256;
export const INIT = 0x10000000;
export const INIT_HDR = 64;
export const INIT_SIZE = 576;
export const SCRATCH = 0x20000000;
export const SCRATCH_SIZE = 0x10000;
export const WINDOW = 0x20008000;
export const WINDOW_SIZE = 256;
export const OUT = 0x30000000;
export const REC_SIZE = 864;
/** Offsets in a record. */
export const REC = { regs: 0, eflags: 32, segs: 36, sig: 44, fx: 96, window: 608 } as const;

/** Addresses a test instruction must not write or jump to (harness, slots, init data, output, stack, vdso, IDT/GDT). */
const PROTECTED: [number, number][] = [
  [0x08040000, 0x08200000],
  [SLOTS, SLOTS + 0x01000000],
  [INIT, INIT + 0x01000000],
  [OUT, OUT + 0x01000000],
  [0x3ff00000, 0x40a00000],
  // QEMU bug kept out: its reservation of the 32-bit guest space ends below the last page, so a store
  // to 0xfffff000.. reaches host memory past it (corrupting qemu-i386 itself) instead of faulting
  [0xfffff000, 0x100001000],
];

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenInsn {
  bytes: Uint8Array;
  /** offset in the slot */
  off: number;
  /** the generator's category and opcode, e.g. "x87 dd /2 mem" */
  form: string;
}

export interface GenSlot {
  insns: GenInsn[];
  /** the slot's bytes (instructions, jmp record, int3 padding) */
  code: Uint8Array;
  /** INIT_SIZE bytes: fxsave image, popa block, eflags, esp */
  init: Uint8Array;
}

export interface GenProgram {
  slots: GenSlot[];
  elf: Uint8Array;
  /** instructions in all slots */
  insnCount: number;
}

// ---------------------------------------------------------------------------
// Random values

class Rand {
  constructor(readonly r: () => number) {}
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  u32(): number {
    return (this.int(0x10000) << 16) | this.int(0x10000);
  }
  /** A register value worth testing. */
  interesting(): number {
    switch (this.int(12)) {
      case 0:
        return 0;
      case 1:
        return -1;
      case 2:
        return this.int(64);
      case 3:
        return -1 - this.int(64);
      case 4:
        return this.pick([0x7fffffff, 0x80000000, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000, 0xffffff80, 0xffff8000]) | 0;
      case 5:
        return this.pick([1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63]);
      case 6:
        return (this.u32() & 0xff) | 0;
      case 7:
        return (this.u32() & 0xffff) | 0;
      case 8:
        return WINDOW + this.int(WINDOW_SIZE);
      default:
        return this.u32() | 0;
    }
  }
}

// ---------------------------------------------------------------------------
// Floating-point values

function f80(sign: number, exp: number, mant: bigint): Uint8Array {
  const b = new Uint8Array(10);
  for (let i = 0; i < 8; i++) b[i] = Number((mant >> BigInt(8 * i)) & 0xffn);
  b[8] = exp & 0xff;
  b[9] = ((exp >> 8) & 0x7f) | (sign << 7);
  return b;
}

function randMant(R: Rand): bigint {
  return (BigInt(R.u32() >>> 0) << 32n) | BigInt(R.u32() >>> 0);
}

/** An x87 register value: normals around 1, integers, halves, specials and invalid encodings. */
function randF80(R: Rand): Uint8Array {
  const s = R.int(2);
  const J = 1n << 63n;
  switch (R.int(16)) {
    case 0:
      return f80(s, 0, 0n); // zero
    case 1:
      return f80(s, 0x7fff, J); // infinity
    case 2:
      return f80(s, 0x7fff, J | (1n << 62n) | (R.chance(0.5) ? randMant(R) & ((1n << 62n) - 1n) : 0n)); // QNaN
    case 3:
      return f80(s, 0x7fff, J | ((randMant(R) & ((1n << 62n) - 1n)) | 1n)); // SNaN
    case 4:
      return f80(s, 0, (randMant(R) & (J - 1n)) | 1n); // denormal
    case 5:
      return f80(s, R.chance(0.5) ? 0 : 0x7fff, R.chance(0.5) ? J | (randMant(R) & 0xffffn) : randMant(R) & (J - 1n)); // pseudo-denormal / pseudo-NaN/inf
    case 6:
      return f80(s, 1 + R.int(0x7ffe), randMant(R) & (J - 1n)); // unnormal
    case 7: {
      // small integers and halves (rounding, fprem, fscale)
      const v = R.int(200) - 100 + (R.chance(0.3) ? 0.5 : 0);
      return fromDouble(v);
    }
    case 8:
      return f80(s, R.chance(0.5) ? 1 + R.int(64) : 0x7ffe - R.int(64), J | randMant(R)); // tiny / huge
    case 9:
      return fromDouble(R.pick([Math.PI, Math.PI / 2, Math.PI / 4, -Math.PI, 1e300, 1e-300, 2 ** 63, 2 ** 64, 2 ** 31, 0.1, 1 / 3, 1e20]));
    default:
      return f80(s, 0x3fff - 40 + R.int(80), J | randMant(R)); // normal
  }
}

function fromDouble(d: number): Uint8Array {
  if (d === 0) return f80(Object.is(d, -0) ? 1 : 0, 0, 0n);
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, d);
  const bits = dv.getBigUint64(0);
  const sign = Number(bits >> 63n);
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & ((1n << 52n) - 1n);
  return f80(sign, e - 1023 + 16383, (1n << 63n) | (m << 11n));
}

const F32_SPECIAL = [
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001, 0x00000001, 0x807fffff, 0x00800000,
  0x7f7fffff, 0x4f000000, 0xcf000000, 0x3f000000, 0x40490fdb,
];
const F64_SPECIAL_HI = [
  0, 0x80000000, 0x3ff00000, 0xbff00000, 0x7ff00000, 0xfff00000, 0x7ff80000, 0x7ff40000, 0x00000001, 0x00100000, 0x7fefffff, 0x41e00000,
  0xc1e00000, 0x43e00000, 0x3fe00000,
];

/** 16 bytes of an XMM (or 8 of an MMX) register: float and integer lane patterns. */
function randVec(R: Rand, out: Uint8Array, off: number, n: number): void {
  const dv = new DataView(out.buffer, out.byteOffset);
  const kind = R.int(5);
  for (let i = 0; i < n; i += 4) {
    let v: number;
    if (kind === 0) v = R.pick(F32_SPECIAL);
    else if (kind === 1)
      v = R.chance(0.3) ? R.pick(F32_SPECIAL) : (((0x3f000000 + R.int(0x02000000)) ^ (R.int(2) << 31)) >>> 0) | (R.u32() & 0x7fffff);
    else if (kind === 2)
      v =
        (i & 4) === 0
          ? R.chance(0.5)
            ? 0
            : R.u32()
          : R.chance(0.4)
            ? R.pick(F64_SPECIAL_HI)
            : ((0x3fe00000 + R.int(0x00400000)) ^ (R.int(2) << 31)) >>> 0;
    else if (kind === 3) v = R.interesting();
    else v = R.u32();
    dv.setUint32(off + i, v >>> 0, true);
  }
}

/** An fxsave image: random x87 stack, tags, control/status words, MXCSR and XMM registers. */
function randFx(R: Rand, out: Uint8Array): void {
  const dv = new DataView(out.buffer, out.byteOffset);
  let fcw = 0x037f;
  if (R.chance(0.6)) fcw = (fcw & ~0x0f00) | (R.int(4) << 8) | (R.int(4) << 10);
  if (R.chance(0.12)) fcw = (fcw & ~0x3f) | R.int(64);
  if (R.chance(0.05)) fcw ^= 0x1000;
  const top = R.int(8);
  let fsw = top << 11;
  if (R.chance(0.5)) fsw |= R.int(16) & 0x7 ? (R.int(8) << 8) | (R.int(2) << 14) : 0;
  if (R.chance(0.3)) fsw |= R.int(64) & ~fcw & 0 ? 0 : R.int(64) & fcw & 0x3f; // only masked flags set
  dv.setUint16(0, fcw, true);
  dv.setUint16(2, fsw, true);
  const ftw = R.chance(0.1) ? 0 : R.chance(0.2) ? 0xff : R.int(256);
  out[4] = ftw;
  dv.setUint16(6, R.int(0x800), true); // fop
  dv.setUint32(8, R.u32() >>> 0, true); // fip
  dv.setUint32(16, R.u32() >>> 0, true); // fdp
  let mxcsr = 0x1f80;
  if (R.chance(0.6)) mxcsr = (mxcsr & ~0x6000) | (R.int(4) << 13);
  if (R.chance(0.3)) mxcsr |= R.int(64);
  if (R.chance(0.2)) mxcsr |= 0x8000; // FZ
  if (R.chance(0.2)) mxcsr |= 0x40; // DAZ
  if (R.chance(0.08)) mxcsr &= ~(R.int(64) << 7);
  dv.setUint32(24, mxcsr, true);
  for (let i = 0; i < 8; i++) {
    if (R.chance(0.3))
      randVec(R, out, 32 + 16 * i, 8); // MMX-style content
    else out.set(randF80(R), 32 + 16 * i);
  }
  for (let i = 0; i < 8; i++) randVec(R, out, 160 + 16 * i, 16);
}

// ---------------------------------------------------------------------------
// Instructions

const SEGS = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];
const PREFIX_BYTES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

/** One-byte and 0F opcodes of the integer instructions programs use most (flags producers and consumers). */
const HOT1 = [
  ...Array.from({ length: 0x40 }, (_, i) => i).filter((i) => (i & 7) < 6 && !PREFIX_BYTES.has(i) && i !== 0x0f),
  0x27,
  0x2f,
  0x37,
  0x3f,
  0x40,
  0x44,
  0x48,
  0x4b,
  0x69,
  0x6b,
  0x70,
  0x72,
  0x74,
  0x76,
  0x78,
  0x7a,
  0x7c,
  0x7e,
  0x7f,
  0x80,
  0x81,
  0x83,
  0x84,
  0x85,
  0x86,
  0x87,
  0x88,
  0x89,
  0x8a,
  0x8b,
  0x8d,
  0x98,
  0x99,
  0x9e,
  0x9f,
  0xa8,
  0xa9,
  0xc0,
  0xc1,
  0xd0,
  0xd1,
  0xd2,
  0xd3,
  0xd4,
  0xd5,
  0xe3,
  0xf5,
  0xf6,
  0xf7,
  0xf8,
  0xf9,
  0xfc,
  0xfd,
  0xfe,
  0xff,
];
const HOT0F = [
  0x40, 0x42, 0x44, 0x47, 0x4c, 0x4f, 0x82, 0x85, 0x8e, 0x90, 0x92, 0x94, 0x97, 0x9c, 0x9f, 0xa3, 0xa4, 0xa5, 0xab, 0xac, 0xad, 0xaf, 0xb0,
  0xb1, 0xb3, 0xb6, 0xb7, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf, 0xc0, 0xc1, 0xc7, 0xc8, 0xcb,
];
const STRING_OPS = [0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0x6c, 0x6d, 0x6e, 0x6f, 0xd7];

interface Encoded {
  bytes: number[];
  /** where the ModRM byte is (-1: none) */
  modrmAt: number;
  form: string;
}

function modrmTail(R: Rand, reg: number, mem: boolean, addr16: boolean): number[] {
  if (!mem) return [0xc0 | (reg << 3) | R.int(8)];
  const mod = R.int(3);
  const rm = R.int(8);
  const out = [(mod << 6) | (reg << 3) | rm];
  if (addr16) {
    const n = mod === 1 ? 1 : mod === 2 || (mod === 0 && rm === 6) ? 2 : 0;
    for (let i = 0; i < n; i++) out.push(R.int(256));
    return out;
  }
  let dispLen = mod === 1 ? 1 : mod === 2 ? 4 : 0;
  if (rm === 4) {
    const sib = R.int(256);
    out.push(sib);
    if (mod === 0 && (sib & 7) === 5) dispLen = 4;
  } else if (mod === 0 && rm === 5) dispLen = 4;
  // small displacements: the generator solves for the registers
  const disp = dispLen === 1 ? R.int(64) - 32 : R.chance(0.8) ? R.int(128) - 64 : R.u32();
  for (let i = 0; i < dispLen; i++) out.push((disp >> (8 * i)) & 0xff);
  return out;
}

function prefixes(R: Rand, sse: boolean): number[] {
  const p: number[] = [];
  if (sse && R.chance(0.65)) {
    p.push(R.pick([0x66, 0xf3, 0xf2]));
    if (R.chance(0.05)) p.unshift(R.pick([0x66, 0xf3, 0xf2]));
  }
  if (R.chance(0.12)) p.unshift(0x66);
  if (R.chance(0.08)) p.unshift(R.pick(SEGS));
  if (R.chance(0.03)) p.unshift(0x67);
  if (R.chance(0.04)) p.unshift(0xf0);
  if (!sse && R.chance(0.03)) p.unshift(R.pick([0xf2, 0xf3]));
  if (R.chance(0.005)) while (p.length < 12 + R.int(4)) p.unshift(R.pick(SEGS)); // near and past 15 bytes
  return p;
}

/** A random instruction (bytes with some trailing junk; the decoder decides the length). */
function encodeRandom(R: Rand): Encoded {
  const x = R.r();
  const mem = R.chance(0.5);
  const reg = R.int(8);
  const tail = (pre: number[], op: number[], name: string): Encoded => {
    const addr16 = pre.includes(0x67);
    const m = modrmTail(R, reg, mem, addr16);
    const imm = Array.from({ length: 6 }, () => (R.chance(0.3) ? R.pick([0, 1, 0xff, 0x80, 0x7f, 0x1f, 0x20]) : R.int(256)));
    return {
      bytes: [...pre, ...op, ...m, ...imm],
      modrmAt: pre.length + op.length,
      form: `${name} ${op.map((b) => b.toString(16).padStart(2, "0")).join(" ")} /${reg} ${mem ? "mem" : "reg"}`,
    };
  };
  if (x < 0.22) {
    let op: number;
    do op = R.int(256);
    while (PREFIX_BYTES.has(op) || op === 0x0f);
    return tail(prefixes(R, false), [op], "1byte");
  }
  if (x < 0.4) {
    if (R.chance(0.75)) return tail(prefixes(R, false), [R.pick(HOT1)], "alu");
    return tail(prefixes(R, false), [0x0f, R.pick(HOT0F)], "alu");
  }
  if (x < 0.55) {
    const p = R.chance(0.1) ? prefixes(R, false) : R.chance(0.1) ? [0x9b] : [];
    return tail(p, [0xd8 + R.int(8)], "x87");
  }
  if (x < 0.8) return tail(prefixes(R, true), [0x0f, R.int(256)], "0f");
  if (x < 0.88) return tail(prefixes(R, true), [0x0f, R.chance(0.5) ? 0x38 : 0x3a, R.int(256)], "0f3x");
  if (x < 0.9) {
    // VEX (no AVX in qemu32: #UD, or LES/LDS when not VEX in 32-bit mode)
    const pp = R.int(4);
    const L = R.chance(0.5) ? 4 : 0;
    const vvvv = R.chance(0.6) ? 0x78 : R.int(16) << 3;
    const op = R.int(256);
    if (R.chance(0.4)) return tail([], [0xc5, 0x80 | vvvv | L | pp, op], "vex");
    return tail([], [0xc4, 0xe0 | (1 + R.int(3)), (R.chance(0.5) ? 0x80 : 0) | vvvv | L | pp, op], "vex");
  }
  // string instructions, usually repeated
  const p = prefixes(R, false);
  if (R.chance(0.7)) p.push(R.pick([0xf3, 0xf2]));
  return tail(p, [R.pick(STRING_OPS)], "string");
}

/** Is [lo, hi) clear of every protected range? */
function clear(lo: number, hi: number): boolean {
  for (const [a, b] of PROTECTED) if (lo < b && hi > a) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Slots

const R_ESP = 4;

class SlotBuilder {
  readonly regs: (number | undefined)[] = new Array(8).fill(undefined);
  readonly insns: GenInsn[] = [];
  readonly bytes: number[] = [];
  repSeen = false;
  /** An 8/16-bit SHL or SHLD is in the slot (see tryAdd). */
  shlNarrowSeen = false;
  /** The address aimMemory left the operand at (as the registers stand when the slot starts), or -1. */
  aimedAt = -1;
  constructor(
    readonly R: Rand,
    readonly base: number,
    readonly dec: I386Decoder,
    readonly insn: I386Insn,
  ) {}

  private target(): number {
    return WINDOW + 16 + this.R.int(WINDOW_SIZE - 64);
  }

  /** Chooses register values (or patches an absolute displacement) so that the access lands in the window. */
  private aimMemory(e: Encoded, d: I386Insn): boolean {
    const R = this.R;
    const regs = this.regs;
    this.aimedAt = -1;
    if (d.aflag === MO_16) return true; // 16-bit addresses: below 64 KiB, unmapped
    let bitOff = 0;
    if (d.special === Special.BitTest && !d.hasEa[2] && d.type[2] === T.G) {
      const r = d.n[2]!;
      if (regs[r] === undefined) regs[r] = R.int(256) - 128;
      bitOff = d.dflag === MO_16 ? ((regs[r]! << 16) >> 16) >> 3 : regs[r]! >> 3;
    }
    const disp = d.memDisp | 0;
    const bR = d.memBase,
      iR = d.memIndex,
      sc = d.memScale;
    const t = this.target() - bitOff;
    if (bR < 0 && iR < 0) {
      // absolute address: rewrite the displacement (mod 0, rm 5 or SIB base 5)
      if (R.chance(0.9) && e.modrmAt >= 0) {
        const at = e.modrmAt + 1 + ((e.bytes[e.modrmAt]! & 7) === 4 ? 1 : 0);
        for (let i = 0; i < 4; i++) e.bytes[at + i] = (t >> (8 * i)) & 0xff;
        this.aimedAt = t >>> 0;
        return true;
      }
      return clear(disp >>> 0, (disp >>> 0) + 600);
    }
    if (iR >= 0 && regs[iR] === undefined) {
      if (bR >= 0 && regs[bR] === undefined) regs[iR] = R.int(16) - 4;
      else {
        const rest = (t - disp - (bR >= 0 ? regs[bR]! : 0)) | 0;
        regs[iR] = rest >> sc;
      }
    }
    if (bR >= 0 && regs[bR] === undefined) regs[bR] = (t - disp - (iR >= 0 ? regs[iR]! << sc : 0)) | 0;
    const ea = (disp + (bR >= 0 ? regs[bR]! : 0) + (iR >= 0 ? regs[iR]! << sc : 0) + bitOff) >>> 0;
    this.aimedAt = ea;
    return clear(ea, ea + 600);
  }

  /** Adds one random instruction; false if the attempt was rejected. */
  tryAdd(): boolean {
    const R = this.R;
    const e = encodeRandom(R);
    const off = this.bytes.length;
    const pc = this.base + off;
    const d = this.insn;
    const decode = () => {
      const read: CodeReader = (a) => e.bytes[(a - pc) >>> 0] ?? 0x90;
      this.dec.decode(d, pc, read);
    };
    decode();
    if (d.len > e.bytes.length) return false;
    let bytes = e.bytes.slice(0, d.len);
    if (d.fault === Fault.NONE) {
      // no system calls, no host time: int $0x80, syscall/sysenter/sysret/sysexit, rdtsc, rdpmc
      if (d.map === MAP_1BYTE && d.b === 0xcd && (d.immediate & 0xff) === 0x80) return false;
      if (d.map === MAP_0F && [0x05, 0x07, 0x31, 0x33, 0x34, 0x35].includes(d.b)) return false;
      if (d.map === MAP_0F && d.b === 0x01 && d.modrm === 0xf9) return false; // rdtscp
      if (d.hasMem) {
        if (!this.aimMemory(e, d)) return false;
        bytes = e.bytes.slice(0, d.len);
        decode();
        // QEMU bug kept out: a SETcc whose byte store faults leaves qemu-i386 with EFLAGS recomputed
        // from a clobbered cc_src under the old cc_op, garbage that (reserved bits included) outlives
        // the slot. SETcc to memory only at an absolute address in the scratch data (registers that
        // earlier instructions of the slot change would move it).
        const setcc = d.map === MAP_0F && (d.b & 0xf0) === 0x90;
        if (setcc && (d.memBase >= 0 || d.memIndex >= 0 || !(this.aimedAt >= SCRATCH && this.aimedAt < SCRATCH + SCRATCH_SIZE - 1)))
          return false;
      }
      // far pointers: the offset must not be code
      if (d.type[1] === T.I_unsigned && d.type[2] === T.I_unsigned) {
        const o = d.opImm[1]! >>> 0;
        if (!clear(o, o + 16)) return false;
      }
    }
    const len = d.len;
    // relative branches get a target in the padding later; remember where their displacement is
    let rel = 0;
    for (let i = 0; i < 3; i++) {
      if (d.fault !== Fault.NONE || d.type[i] !== T.J) continue;
      const short = d.map === MAP_1BYTE && ((d.b >= 0x70 && d.b < 0x80) || d.b === 0xeb || (d.b >= 0xe0 && d.b <= 0xe3));
      rel = short ? 1 : d.dflag === MO_16 ? -2 : 4;
    }
    if (off + len + 5 > 140) return false;
    // QEMU bug kept out: after an 8/16-bit SHL or SHLD in the same TB, gen_eflags_adcox takes RCL/RCR's
    // carry-in as cc_src >> 7 (or >> 15) without masking it to one bit, and the RCL sum adds the
    // stray bits into the result. tciemu uses the carry bit, as the CPU does.
    if (this.shlNarrowSeen && (d.op === Op.RCL || d.op === Op.RCR)) return false;
    // a REP string op only first in its slot, so that its ECX/ESI/EDI are the slot's chosen values
    // (long scans used to reach the initial stack and the vdso, which the harness now wipes and
    // unmaps; the mask was LOCK|DATA by mistake before, so that rule never applied)
    const rep = /string/.test(e.form) && (d.prefix & (PREFIX_REPZ | PREFIX_REPNZ)) !== 0;
    if (rep && this.insns.length > 0) return false;
    if (rep) this.repSeen = true;
    if ((d.op === Op.SHL || d.op === Op.SHLD) && d.ot[0]! < 2) this.shlNarrowSeen = true; // CC_OP_SHLB/SHLW
    this.bytes.push(...bytes);
    this.insns.push({ bytes: Uint8Array.from(bytes), off, form: e.form + (rel ? ` rel${rel}` : "") });
    (this.insns[this.insns.length - 1] as GenInsn & { rel?: number }).rel = rel;
    return true;
  }

  /** jmp record, int3 padding, branch targets in the padding. */
  finish(record: number): Uint8Array {
    const R = this.R;
    const code = new Uint8Array(SLOT_SIZE).fill(0xcc);
    code.set(this.bytes);
    const end = this.bytes.length;
    const jmp = (record - (this.base + end + 5)) | 0;
    code.set([0xe9, jmp & 0xff, (jmp >> 8) & 0xff, (jmp >> 16) & 0xff, (jmp >>> 24) & 0xff], end);
    const padStart = end + 5;
    for (const g of this.insns as (GenInsn & { rel?: number })[]) {
      const n = g.rel ?? 0;
      if (n <= 0) continue; // 16-bit targets wrap below 64 KiB
      const next = g.off + g.bytes.length;
      let target: number;
      if (n === 4 && R.chance(0.1))
        // unmapped: a random address outside everything the program maps (not the executable stack,
        // whose zeros lead to the environment and AT_RANDOM bytes that differ from run to run)
        target = 0x50000000 + ((R.u32() >>> 0) % 0x30000000) - this.base;
      else target = padStart + R.int(Math.min(100, SLOT_SIZE - padStart - 1));
      const disp = target - next;
      if (n === 1 && (disp < -128 || disp > 127)) continue;
      for (let i = 0; i < n; i++) code[next - n + i] = (disp >> (8 * i)) & 0xff;
      g.bytes = code.slice(g.off, next);
    }
    return code;
  }

  /** The initial state: fxsave image, registers (popa order), eflags, esp. */
  initState(): Uint8Array {
    const R = this.R;
    const init = new Uint8Array(INIT_SIZE);
    randFx(R, init);
    const regs = this.regs;
    if (regs[R_ESP] === undefined) regs[R_ESP] = WINDOW + 96 + R.int(96) - (R.chance(0.9) ? 0 : R.int(4));
    if (regs[R_ESP]! % 4 === 0 && R.chance(0.9)) regs[R_ESP] = (regs[R_ESP]! & ~3) | 0;
    if (this.repSeen && regs[1] === undefined) regs[1] = R.chance(0.8) ? R.int(24) : R.interesting();
    for (const r of [6, 7]) if (regs[r] === undefined && R.chance(0.6)) regs[r] = WINDOW + 32 + R.int(160);
    if (regs[5] === undefined && R.chance(0.3)) regs[5] = WINDOW + 64 + R.int(128);
    for (let i = 0; i < 8; i++) if (regs[i] === undefined) regs[i] = R.interesting();
    const dv = new DataView(init.buffer);
    // popa order: edi esi ebp (esp) ebx edx ecx eax
    [7, 6, 5, 4, 3, 2, 1, 0].forEach((r, k) => dv.setUint32(512 + 4 * k, regs[r]! >>> 0, true));
    let fl = 0x2 | (R.int(0x100) & 0xd5) | (R.chance(0.5) ? 0x800 : 0);
    if (R.chance(0.2)) fl |= 0x400;
    if (R.chance(0.03)) fl |= 0x40000;
    dv.setUint32(544, fl, true);
    dv.setUint32(548, regs[R_ESP]! >>> 0, true);
    return init;
  }
}

// ---------------------------------------------------------------------------
// The harness and the ELF file

interface Segment {
  vaddr: number;
  data: Uint8Array;
  memsz: number;
  flags: number; // PF_X 1, PF_W 2, PF_R 4
}

export interface Harness {
  segments: Segment[];
  entry: number;
  record: number;
}

let harnessCache: Harness | null = null;

/** testdata/i386/fuzz/harness.elf: its loadable segments (except the one holding its headers) and `record`. */
export function loadHarness(path = new URL("../../testdata/i386/fuzz/harness.elf", import.meta.url)): Harness {
  if (harnessCache) return harnessCache;
  const f = new Uint8Array(readFileSync(path));
  const dv = new DataView(f.buffer, f.byteOffset);
  const phoff = dv.getUint32(28, true),
    phnum = dv.getUint16(44, true);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + 32 * i;
    if (dv.getUint32(o, true) !== 1) continue;
    const off = dv.getUint32(o + 4, true);
    if (off === 0) continue;
    const filesz = dv.getUint32(o + 16, true);
    segments.push({
      vaddr: dv.getUint32(o + 8, true),
      data: f.slice(off, off + filesz),
      memsz: dv.getUint32(o + 20, true),
      flags: dv.getUint32(o + 24, true),
    });
  }
  // the symbol table: find `record`
  const shoff = dv.getUint32(32, true),
    shnum = dv.getUint16(48, true);
  let record = 0;
  for (let i = 0; i < shnum; i++) {
    const s = shoff + 40 * i;
    if (dv.getUint32(s + 4, true) !== 2) continue; // SHT_SYMTAB
    const off = dv.getUint32(s + 16, true),
      size = dv.getUint32(s + 20, true),
      link = dv.getUint32(s + 24, true);
    const strOff = dv.getUint32(shoff + 40 * link + 16, true);
    for (let k = off; k < off + size; k += 16) {
      let n = strOff + dv.getUint32(k, true);
      let name = "";
      while (f[n]) name += String.fromCharCode(f[n++]!);
      if (name === "record") record = dv.getUint32(k + 4, true);
    }
  }
  if (!record) throw new Error("harness.elf: no symbol `record` (rebuild with testdata/i386/fuzz/build.sh)");
  harnessCache = { segments, entry: dv.getUint32(24, true), record };
  return harnessCache;
}

/** A static ELF32 i386 executable of the segments (the first, at 0x08048000, holds the headers). */
export function writeElf32(segments: Segment[], entry: number): Uint8Array {
  const PAGE = 4096;
  const phnum = segments.length + 1;
  const hdrSize = 52 + 32 * phnum;
  let fileOff = PAGE;
  const offs = segments.map((s) => {
    const o = fileOff + (s.vaddr % PAGE);
    fileOff = Math.ceil((o + s.data.length) / PAGE) * PAGE;
    return o;
  });
  const out = new Uint8Array(fileOff);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 3, true); // EM_386
  dv.setUint32(20, 1, true);
  dv.setUint32(24, entry, true);
  dv.setUint32(28, 52, true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, phnum, true);
  dv.setUint16(46, 40, true);
  const ph = (i: number, off: number, vaddr: number, filesz: number, memsz: number, flags: number) => {
    const o = 52 + 32 * i;
    dv.setUint32(o, 1, true);
    dv.setUint32(o + 4, off, true);
    dv.setUint32(o + 8, vaddr, true);
    dv.setUint32(o + 12, vaddr, true);
    dv.setUint32(o + 16, filesz, true);
    dv.setUint32(o + 20, memsz, true);
    dv.setUint32(o + 24, flags, true);
    dv.setUint32(o + 28, PAGE, true);
  };
  ph(0, 0, 0x08048000, hdrSize, hdrSize, 4);
  segments.forEach((s, i) => {
    ph(i + 1, offs[i]!, s.vaddr, s.data.length, Math.max(s.memsz, s.data.length), s.flags);
    out.set(s.data, offs[i]!);
  });
  return out;
}

/** Program `index` of a seed: `nslots` slots of 1-6 instructions. */
export function generateProgram(seed: number, index: number, nslots: number): GenProgram {
  const R = new Rand(rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0));
  const h = loadHarness();
  const dec = new I386Decoder();
  const insn = new I386Insn();
  const slots: GenSlot[] = [];
  let insnCount = 0;
  for (let i = 0; i < nslots; i++) {
    const sb = new SlotBuilder(R, SLOTS + i * SLOT_SIZE, dec, insn);
    const want = R.chance(0.35) ? 1 : 2 + R.int(5);
    for (let tries = 0; sb.insns.length < want && tries < 50; tries++) sb.tryAdd();
    const code = sb.finish(h.record);
    slots.push({ insns: sb.insns, code, init: sb.initState() });
    insnCount += sb.insns.length;
  }
  const slotBytes = new Uint8Array(nslots * SLOT_SIZE);
  slots.forEach((s, i) => slotBytes.set(s.code, i * SLOT_SIZE));
  const init = new Uint8Array(INIT_HDR + nslots * INIT_SIZE);
  new DataView(init.buffer).setUint32(0, nslots, true);
  slots.forEach((s, i) => init.set(s.init, INIT_HDR + i * INIT_SIZE));
  const scratch = new Uint8Array(SCRATCH_SIZE);
  for (let i = 0; i < SCRATCH_SIZE; i += 4)
    new DataView(scratch.buffer).setUint32(i, R.chance(0.3) ? R.interesting() >>> 0 : R.u32() >>> 0, true);
  const elf = writeElf32(
    [
      ...h.segments,
      { vaddr: SLOTS, data: slotBytes, memsz: slotBytes.length, flags: 5 },
      { vaddr: INIT, data: init, memsz: init.length, flags: 4 },
      { vaddr: SCRATCH, data: scratch, memsz: SCRATCH_SIZE, flags: 6 },
      { vaddr: OUT, data: new Uint8Array(0), memsz: nslots * REC_SIZE, flags: 6 },
    ],
    h.entry,
  );
  return { slots, elf, insnCount };
}
