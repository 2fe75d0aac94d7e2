/**
 * tciemu's target-generic softfloat, bit-identical to QEMU 10's
 * fpu/softfloat.c.  See README.md for the representation and the API.
 */

export * from "./status.ts";
export * from "./float16.ts";
export * from "./float32.ts";
export * from "./float64.ts";
export * from "./floatx80.ts";
export * from "./floatx80-legacy.ts";
export * from "./convert.ts";
export * from "./classify.ts";
export * from "./targets.ts";
export { x80InvalidEncoding } from "./pack.ts";
