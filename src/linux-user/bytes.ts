// Byte-array helpers shared by the kernel and its embedders.

/** The parts, one after another, in a new array. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const r = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    r.set(p, o);
    o += p.length;
  }
  return r;
}

// File names, arguments and environment strings are bytes to Linux. The kernel carries them as
// "byte strings": JS strings with one char per byte (0..255, as latin1 reads them), so that a name
// that is not UTF-8 (b'\xff') passes through exactly as qemu-user passes it. Text a user typed or
// a host API returned as JS text becomes a byte string by its UTF-8 (utf8ToByteString), and goes
// back for display with byteStringToUtf8.

/** Bytes as a byte string (one char per byte). */
export function bytesToByteString(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/** A byte string's bytes (chars above 0xff, which a byte string never holds, keep their low byte). */
export function byteStringToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** A byte string and a terminating NUL, as a C string in guest memory. */
export function byteStringToCString(s: string): Uint8Array {
  const b = new Uint8Array(s.length + 1);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** JS text (a user's, a host API's) as the byte string of its UTF-8. */
export function utf8ToByteString(s: string): string {
  // ASCII is its own UTF-8: most names, no copy.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return bytesToByteString(new TextEncoder().encode(s));
  return s;
}

/** A byte string as JS text for users and host APIs that take text (bytes not UTF-8 become U+FFFD). */
export function byteStringToUtf8(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return new TextDecoder().decode(byteStringToBytes(s));
  return s;
}
