// Kernel modules for the initramfs: find a module by name in an extracted /lib/modules/<version>
// tree (Debian's package has no modules.dep), read its `depends=` from the ELF .modinfo section,
// resolve dependencies in load order, and decompress .ko.xz (tciemu's own XZ decoder),
// .ko.zst (zstd) and .ko.gz (node:zlib).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { XzError, xzDecompress } from "../../src/hw/xz/xz.ts";

export interface ModuleFile {
  /** Canonical module name (dashes turned into underscores): "virtio_blk". */
  name: string;
  /** Absolute path of the (possibly compressed) file. */
  path: string;
  /** Path relative to the modules dir without the compression suffix: "kernel/drivers/block/virtio_blk.ko". */
  rel: string;
}

const KO = /\.ko(\.xz|\.zst|\.gz)?$/;

export function canonicalModuleName(name: string): string {
  return basename(name).replace(KO, "").replace(/-/g, "_");
}

/** The kernel version directories under a modules root (e.g. <system>/usr/lib/modules). */
export function kernelVersions(modulesRoot: string): string[] {
  try {
    return readdirSync(modulesRoot)
      .filter((d) => statSync(join(modulesRoot, d)).isDirectory())
      .sort();
  } catch {
    return [];
  }
}

/** Every module file under `modulesDir` (a /lib/modules/<version> directory), by canonical name. */
export function indexModules(modulesDir: string): Map<string, ModuleFile> {
  const out = new Map<string, ModuleFile>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (KO.test(e.name)) {
        const name = canonicalModuleName(e.name);
        if (!out.has(name)) out.set(name, { name, path: p, rel: relative(modulesDir, p).replace(/\.(xz|zst|gz)$/, "") });
      }
    }
  };
  walk(modulesDir);
  return out;
}

/** Names of built-in modules (modules.builtin), canonical. */
export function builtinModules(modulesDir: string): Set<string> {
  const f = join(modulesDir, "modules.builtin");
  if (!existsSync(f)) return new Set();
  return new Set(
    readFileSync(f, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map(canonicalModuleName),
  );
}

/** The uncompressed bytes of a module file. */
export function readModule(path: string): Uint8Array {
  if (path.endsWith(".xz")) {
    try {
      return xzDecompress(new Uint8Array(readFileSync(path)));
    } catch (e) {
      if (e instanceof XzError) throw new Error(`${path}: ${e.message}`);
      throw e;
    }
  }
  if (path.endsWith(".zst")) return new Uint8Array(execFileSync("zstd", ["-dcq", path], { maxBuffer: 1 << 30 }));
  if (path.endsWith(".gz")) return new Uint8Array(gunzipSync(readFileSync(path)));
  return new Uint8Array(readFileSync(path));
}

/** The key=value strings of a little-endian module's .modinfo section (ELF64, or ELF32 for 32-bit guests). */
export function modinfo(elf: Uint8Array): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (
    elf.length < 52 ||
    elf[0] !== 0x7f ||
    elf[1] !== 0x45 ||
    elf[2] !== 0x4c ||
    elf[3] !== 0x46 ||
    (elf[4] !== 1 && elf[4] !== 2) ||
    elf[5] !== 1
  )
    throw new Error("modinfo: not a little-endian ELF file");
  const is64 = elf[4] === 2;
  if (is64 && elf.length < 64) throw new Error("modinfo: truncated ELF header");
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.length);
  const word = (o: number) => (is64 ? Number(dv.getBigUint64(o, true)) : dv.getUint32(o, true));
  const shoff = word(is64 ? 0x28 : 0x20);
  const shentsize = dv.getUint16(is64 ? 0x3a : 0x2e, true);
  const shnum = dv.getUint16(is64 ? 0x3c : 0x30, true);
  const shstrndx = dv.getUint16(is64 ? 0x3e : 0x32, true);
  if (shoff + shnum * shentsize > elf.length || shstrndx >= shnum) throw new Error("modinfo: bad section headers");
  const sh = (i: number) => {
    const o = shoff + i * shentsize;
    return is64
      ? { name: dv.getUint32(o, true), offset: word(o + 24), size: word(o + 32) }
      : { name: dv.getUint32(o, true), offset: word(o + 16), size: word(o + 20) };
  };
  const strtab = sh(shstrndx);
  const dec = new TextDecoder();
  for (let i = 0; i < shnum; i++) {
    const s = sh(i);
    let e = strtab.offset + s.name;
    while (e < elf.length && elf[e] !== 0) e++;
    if (dec.decode(elf.subarray(strtab.offset + s.name, e)) !== ".modinfo") continue;
    if (s.offset + s.size > elf.length) throw new Error("modinfo: section beyond the file");
    for (const kv of dec.decode(elf.subarray(s.offset, s.offset + s.size)).split("\0")) {
      const eq = kv.indexOf("=");
      if (eq <= 0) continue;
      const k = kv.slice(0, eq);
      out.set(k, [...(out.get(k) ?? []), kv.slice(eq + 1)]);
    }
    return out;
  }
  return out;
}

export interface ResolvedModule extends ModuleFile {
  /** Uncompressed module. */
  data: Uint8Array;
  depends: string[];
}

/**
 * Resolves `wanted` (module names) and their dependencies, in an order where every module comes
 * after the ones it depends on. Built-in modules are dropped; an unknown module is an error.
 */
export function resolveModules(modulesDir: string, wanted: readonly string[]): ResolvedModule[] {
  const index = indexModules(modulesDir);
  const builtin = builtinModules(modulesDir);
  const order: ResolvedModule[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (raw: string, from: string | undefined) => {
    const name = canonicalModuleName(raw);
    if (builtin.has(name)) return;
    const st = state.get(name);
    if (st === "done") return;
    if (st === "visiting") throw new Error(`kernel modules: dependency cycle through ${name}`);
    const f = index.get(name);
    if (f === undefined) throw new Error(`kernel module ${name} not found in ${modulesDir}${from ? ` (needed by ${from})` : ""}`);
    state.set(name, "visiting");
    const data = readModule(f.path);
    const depends = (modinfo(data).get("depends")?.[0] ?? "").split(",").filter((d) => d !== "");
    for (const d of depends) visit(d, name);
    state.set(name, "done");
    order.push({ ...f, data, depends });
  };
  for (const w of wanted) visit(w, undefined);
  return order;
}
