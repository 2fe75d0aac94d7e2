import { cos, sin, tan } from "../../../fpu/libm-glibc.ts";

/**
 * The host double-precision libm that QEMU's fsin, fcos, fsincos and fptan
 * go through (target/i386/tcg/fpu_helper.c calls the host's sin, cos and
 * tan on the argument rounded to double).  To match qemu-i386 bit for bit
 * this must be Debian glibc's implementation: the default is src/fpu's
 * port of it (the build x86-64 hosts with FMA run, as QEMU does on them);
 * setX87Libm installs another (glibcLibm("sse2") for hosts without FMA).
 * The JS engine's Math functions differ from glibc on ~2% of arguments.
 *
 * The helpers only pass finite arguments: NaNs and infinities are handled
 * as glibc does (a NaN comes back quieted with its payload, an infinity
 * gives the default NaN 0xfff8000000000000) before the interface is called.
 */
export interface X87Libm {
  sin(x: number): number;
  cos(x: number): number;
  tan(x: number): number;
}

let libm: X87Libm = { sin, cos, tan };

/** Installs the libm used by fsin, fcos, fsincos and fptan. */
export function setX87Libm(impl: X87Libm): void {
  libm = impl;
}

export function x87Libm(): X87Libm {
  return libm;
}
