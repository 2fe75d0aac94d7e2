/**
 * Saving and restoring the FPU environment and state through guest memory
 * (QEMU's do_fstenv / do_fldenv / do_fsave / do_frstor / do_fxsave /
 * do_fxrstor in target/i386/tcg/fpu_helper.c): fnstenv, fldenv, fnsave,
 * frstor in their 16- and 32-bit protected-mode forms, fxsave and fxrstor in
 * their 32-bit form, and the MMX mode switches.
 */

import {
  SSE_MXCSR,
  X87_FPCS,
  X87_FPDP,
  X87_FPDS,
  X87_FPIP,
  X87_FPUC,
  X87_FPUS,
  X87_TAGS,
  X87_TOP,
  FPUS_B,
  FPUS_SE,
  xmmSlot,
} from "./layout.ts";
import type { FpuMemory } from "./memory.ts";
import { fninit, fnstsw, stSlot } from "./x87.ts";

/** Tag word of fnstenv: 2 bits per physical register (valid, zero, special, empty). */
function fullTagWord(R: Int32Array, base: number): number {
  const tags = R[base + X87_TAGS]!;
  let fptag = 0;
  for (let i = 7; i >= 0; i--) {
    fptag <<= 2;
    if ((tags & (1 << i)) !== 0) {
      fptag |= 3;
    } else {
      const s = base + 3 * i;
      const exp = R[s + 2]! & 0x7fff;
      const hi = R[s + 1]!,
        lo = R[s]!;
      if (exp === 0 && (hi | lo) === 0)
        fptag |= 1; // zero
      else if (exp === 0 || exp === 0x7fff || hi >= 0) fptag |= 2; // NaN, infinity, denormal
    }
  }
  return fptag;
}

function storeEnv(R: Int32Array, base: number, mem: FpuMemory, ptr: number, data32: boolean): void {
  const fpus = fnstsw(R, base);
  const fptag = fullTagWord(R, base);
  if (data32) {
    mem.store32(ptr >>> 0, R[base + X87_FPUC]!);
    mem.store32((ptr + 4) >>> 0, fpus);
    mem.store32((ptr + 8) >>> 0, fptag);
    mem.store32((ptr + 12) >>> 0, R[base + X87_FPIP]!);
    mem.store32((ptr + 16) >>> 0, R[base + X87_FPCS]!);
    mem.store32((ptr + 20) >>> 0, R[base + X87_FPDP]!);
    mem.store32((ptr + 24) >>> 0, R[base + X87_FPDS]!);
  } else {
    mem.store16(ptr >>> 0, R[base + X87_FPUC]!);
    mem.store16((ptr + 2) >>> 0, fpus);
    mem.store16((ptr + 4) >>> 0, fptag);
    mem.store16((ptr + 6) >>> 0, R[base + X87_FPIP]!);
    mem.store16((ptr + 8) >>> 0, R[base + X87_FPCS]!);
    mem.store16((ptr + 10) >>> 0, R[base + X87_FPDP]!);
    mem.store16((ptr + 12) >>> 0, R[base + X87_FPDS]!);
  }
}

/** cpu_set_fpus: TOP from bits 11..13, B mirrors ES. */
function setFpus(R: Int32Array, base: number, fpus: number): void {
  R[base + X87_TOP] = (fpus >> 11) & 7;
  let v = fpus & ~0x3800 & ~FPUS_B & 0xffff;
  if ((v & FPUS_SE) !== 0) v |= FPUS_B;
  R[base + X87_FPUS] = v;
}

function loadEnv(R: Int32Array, base: number, mem: FpuMemory, ptr: number, data32: boolean): void {
  R[base + X87_FPUC] = mem.load16(ptr >>> 0);
  const fpus = mem.load16((ptr + (data32 ? 4 : 2)) >>> 0);
  let fptag = mem.load16((ptr + (data32 ? 8 : 4)) >>> 0);
  setFpus(R, base, fpus);
  let tags = 0;
  for (let i = 0; i < 8; i++) {
    if ((fptag & 3) === 3) tags |= 1 << i;
    fptag >>= 2;
  }
  R[base + X87_TAGS] = tags;
}

function store80(mem: FpuMemory, ptr: number, R: Int32Array, s: number): void {
  mem.store32(ptr >>> 0, R[s]!);
  mem.store32((ptr + 4) >>> 0, R[s + 1]!);
  mem.store16((ptr + 8) >>> 0, R[s + 2]!);
}

function load80(mem: FpuMemory, ptr: number, R: Int32Array, s: number): void {
  R[s] = mem.load32(ptr >>> 0);
  R[s + 1] = mem.load32((ptr + 4) >>> 0);
  R[s + 2] = mem.load16((ptr + 8) >>> 0);
}

/** fnstenv: 14 bytes (data32 false) or 28 bytes (data32 true). */
export function fstenv(R: Int32Array, base: number, mem: FpuMemory, ptr: number, data32: boolean): void {
  mem.prepare(ptr >>> 0, data32 ? 28 : 14, true);
  storeEnv(R, base, mem, ptr, data32);
}

/** fldenv (QEMU probes the area for writing, as its helper does). */
export function fldenv(R: Int32Array, base: number, mem: FpuMemory, ptr: number, data32: boolean): void {
  mem.prepare(ptr >>> 0, data32 ? 28 : 14, true);
  loadEnv(R, base, mem, ptr, data32);
}

/** fnsave: environment then ST(0)..ST(7), then fninit. */
export function fsave(R: Int32Array, base: number, mem: FpuMemory, ptr: number, data32: boolean): void {
  const env = data32 ? 28 : 14;
  mem.prepare(ptr >>> 0, env + 80, true);
  storeEnv(R, base, mem, ptr, data32);
  for (let i = 0; i < 8; i++) store80(mem, ptr + env + 10 * i, R, stSlot(R, base, i));
  fninit(R, base);
}

export function frstor(R: Int32Array, base: number, mem: FpuMemory, ptr: number, data32: boolean): void {
  const env = data32 ? 28 : 14;
  mem.prepare(ptr >>> 0, env + 80, false);
  loadEnv(R, base, mem, ptr, data32);
  for (let i = 0; i < 8; i++) load80(mem, ptr + env + 10 * i, R, stSlot(R, base, i));
}

/**
 * fxsave (32-bit form, 512 bytes).  Returns false, writing nothing, when
 * the address is not 16-byte aligned (the caller raises #GP).  With
 * osfxsr (CR4.OSFXSR, always set by Linux) MXCSR and XMM0..7 are saved too.
 * Bytes QEMU does not write (the opcode field, the 6 bytes after each
 * 80-bit register, the reserved area) are left as they were.
 */
export function fxsave(R: Int32Array, base: number, mem: FpuMemory, ptr: number, osfxsr = true): boolean {
  if ((ptr & 0xf) !== 0) return false;
  mem.prepare(ptr >>> 0, 512, true);
  const tags = R[base + X87_TAGS]!;
  mem.store16(ptr >>> 0, R[base + X87_FPUC]!);
  mem.store16((ptr + 2) >>> 0, fnstsw(R, base));
  mem.store16((ptr + 4) >>> 0, (tags ^ 0xff) & 0xff);
  // fpip and fpdp (with their selectors) are written as zeros.
  for (let k = 8; k < 24; k += 4) mem.store32((ptr + k) >>> 0, 0);
  for (let i = 0; i < 8; i++) store80(mem, ptr + 32 + 16 * i, R, stSlot(R, base, i));
  if (osfxsr) {
    mem.store32((ptr + 24) >>> 0, R[base + SSE_MXCSR]!);
    mem.store32((ptr + 28) >>> 0, 0x0000ffff);
    for (let r = 0; r < 8; r++) {
      const x = base + xmmSlot(r);
      for (let k = 0; k < 4; k++) mem.store32((ptr + 160 + 16 * r + 4 * k) >>> 0, R[x + k]!);
    }
  }
  return true;
}

/** fxrstor (32-bit form).  Returns false when the address is not 16-byte aligned (#GP). */
export function fxrstor(R: Int32Array, base: number, mem: FpuMemory, ptr: number, osfxsr = true): boolean {
  if ((ptr & 0xf) !== 0) return false;
  mem.prepare(ptr >>> 0, 512, false);
  R[base + X87_FPUC] = mem.load16(ptr >>> 0);
  setFpus(R, base, mem.load16((ptr + 2) >>> 0));
  const ftw = mem.load16((ptr + 4) >>> 0) ^ 0xff;
  R[base + X87_TAGS] = ftw & 0xff;
  for (let i = 0; i < 8; i++) load80(mem, ptr + 32 + 16 * i, R, stSlot(R, base, i));
  if (osfxsr) {
    R[base + SSE_MXCSR] = mem.load32((ptr + 24) >>> 0);
    for (let r = 0; r < 8; r++) {
      const x = base + xmmSlot(r);
      for (let k = 0; k < 4; k++) R[x + k] = mem.load32((ptr + 160 + 16 * r + 4 * k) >>> 0);
    }
  }
  return true;
}

/** Entering MMX mode (helper_enter_mmx): TOP = 0, every register valid. */
export function enterMmx(R: Int32Array, base: number): void {
  R[base + X87_TOP] = 0;
  R[base + X87_TAGS] = 0;
}

/** emms: every register empty. */
export function emms(R: Int32Array, base: number): void {
  R[base + X87_TAGS] = 0xff;
}
