/**
 * The i386 guest's x87, MMX-state and SSE/SSE2 floating-point semantics on
 * top of src/fpu, following QEMU 10's target/i386/tcg/fpu_helper.c and
 * target/i386/ops_sse.h.  See README.md.
 */

export * from "./layout.ts";
export * from "./memory.ts";
export * from "./libm.ts";
export * from "./x87.ts";
export * from "./x87-special.ts";
export * from "./x87-env.ts";
export * from "./sse.ts";
