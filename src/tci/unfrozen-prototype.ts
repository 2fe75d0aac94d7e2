// Typed arrays that hot loops store into, kept fast under hardened JavaScript (SES).
//
// V8 11.x (Node 20) compiles a store into a typed array element as a generic runtime call when any
// object on the array's prototype chain is frozen: it then has to look for read-only elements up
// the chain on every store. SES's lockdown() freezes every intrinsic, Object.prototype and
// %TypedArray%.prototype included, so after it the interpreter's register-file and guest-RAM stores
// and the encoder's code-cache writes ran 4-8x slower (measured on the demo: 80 -> 10-12 MIPS).
// Loads are not affected; newer V8 (Deno 2's V8 15, Chromium) and JavaScriptCore (Bun) are not either.
//
// withUnfrozenPrototype(a) leaves `a` alone when its prototype chain has no frozen object (plain Node,
// browsers: nothing changes there). Otherwise it re-parents `a` onto a private prototype: an
// unfrozen, null-rooted object holding the same properties as the typed array's prototypes (the
// same functions and accessors: length, set, subarray, fill, ... all work as before), one per
// typed-array kind. Only `instanceof` changes (it is false); tciemu never asks it of these arrays.
// TciState applies it to its arrays (register file, RAM views, code cache, TLB, jump cache) and to
// the module-level scratch arrays registered with hotScratchArray(); lockdown() must come before
// guests are created (as SES requires anyway).

const privatePrototypes = new Map<object, object>();

function chainHasFrozen(proto: object | null): boolean {
  for (let o = proto; o !== null; o = Object.getPrototypeOf(o)) if (Object.isFrozen(o)) return true;
  return false;
}

/**
 * SES's override taming (overrideTaming "moderate" and "severe" cover %TypedArray%.prototype) turns
 * data properties into accessor pairs whose getter carries the value as `originalValue`, so every
 * method lookup became a getter call; the private prototype holds the plain methods again.
 */
function plainDescriptor(d: PropertyDescriptor): PropertyDescriptor {
  const original: unknown =
    d.get && Object.prototype.hasOwnProperty.call(d.get, "originalValue")
      ? (d.get as { originalValue?: unknown }).originalValue
      : undefined;
  if (original === undefined) return d;
  return { value: original, writable: true, enumerable: d.enumerable, configurable: true };
}

function privatePrototype(proto: object): object {
  let p = privatePrototypes.get(proto);
  if (p === undefined) {
    const copy: object = Object.create(null);
    // Own properties first, so a subclass prototype's (Int32Array.prototype's constructor,
    // BYTES_PER_ELEMENT) win over %TypedArray%.prototype's; Object.prototype is left out.
    for (let o: object | null = proto; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o))
      for (const key of Reflect.ownKeys(o))
        if (!Object.prototype.hasOwnProperty.call(copy, key))
          Object.defineProperty(copy, key, plainDescriptor(Object.getOwnPropertyDescriptor(o, key)!));
    p = copy;
    privatePrototypes.set(proto, p);
  }
  return p;
}

export function withUnfrozenPrototype<T extends ArrayBufferView>(a: T): T {
  const proto = Object.getPrototypeOf(a) as object | null;
  // (an array someone made non-extensible keeps its prototype: it is only slower)
  if (proto !== null && Object.isExtensible(a) && chainHasFrozen(proto)) Object.setPrototypeOf(a, privatePrototype(proto));
  return a;
}

const moduleScratch: ArrayBufferView[] = [];

/**
 * For module-level scratch arrays that hot code stores into (int64.ts `res`, the FPU's views):
 * handled now, and again by keepScratchArraysFast() whenever a CPU state is created, because a
 * module may be loaded before lockdown() runs (an `import` is hoisted above the lockdown() call).
 */
export function hotScratchArray<T extends ArrayBufferView>(a: T): T {
  moduleScratch.push(a);
  return withUnfrozenPrototype(a);
}

export function keepScratchArraysFast(): void {
  for (const a of moduleScratch) withUnfrozenPrototype(a);
}
