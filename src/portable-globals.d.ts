// The few host facilities the emulator's non-edge layers use beyond ECMAScript: every host tciemu
// runs in (Node >= 20, browsers and their workers, Deno, Bun) has them. The layer projects
// (src/tsconfig.*.json) compile without DOM or Node types, so anything else a layer touches is a
// type error; an embedder in a bare JavaScript engine (an SES Compartment) endows these four.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare const performance: { now(): number };
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
