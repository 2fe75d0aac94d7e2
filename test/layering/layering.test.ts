// The dependency rules of src/ (src/README.md), checked on the real import graph: every import of
// every module is resolved, each layer imports only the layers below it, host APIs (node:*) appear
// only in src/cli, and there is no import cycle anywhere. The compiler checks the other half: the
// layer projects src/tsconfig.{core,guest,cli,web}.json give each layer only the host types it may
// use (npm test runs them).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";

const SRC = join(repoRoot(), "src");

/** A module's layer: the first folder under src/ (targets and linux-user ABIs are split below). */
function layerOf(file: string): string {
  const rel = relative(SRC, file).split("/");
  return rel.length === 1 ? "(top)" : rel[0];
}

/** Which layers each layer may import (besides itself). */
const CORE = ["tcg", "tci", "exec", "mem"];
const ALLOWED: Record<string, string[]> = {
  tcg: [],
  tci: ["tcg"],
  mem: ["tcg", "tci"],
  exec: ["tcg", "tci", "mem"],
  fpu: [],
  net: [],
  target: [...CORE, "fpu"],
  "linux-user": [...CORE, "fpu", "target", "net"],
  hw: [...CORE, "fpu", "target", "net"],
  debug: [...CORE, "fpu", "target", "linux-user", "hw", "net"],
  embed: [...CORE, "fpu", "target", "linux-user", "hw", "net", "debug"],
  cli: [...CORE, "fpu", "target", "linux-user", "hw", "net", "debug", "embed"],
  web: [...CORE, "fpu", "target", "linux-user", "hw", "net", "debug", "embed"],
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

interface Edge {
  from: string;
  to: string;
  spec: string;
  typeOnly: boolean;
}

/** Static imports and re-exports of a module (dynamic import() of a literal too). */
function importsOf(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const out: { spec: string; typeOnly: boolean }[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (let m; (m = re.exec(text));) out.push({ spec: m[3], typeOnly: m[2] !== undefined });
  const dyn = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
  for (let m; (m = dyn.exec(text));) out.push({ spec: m[1], typeOnly: false });
  return out;
}

const files = walk(SRC);
const edges: Edge[] = [];
const external: { from: string; spec: string }[] = [];
for (const f of files) {
  for (const { spec, typeOnly } of importsOf(f)) {
    if (spec.startsWith(".")) edges.push({ from: f, to: resolve(dirname(f), spec), spec, typeOnly });
    else external.push({ from: f, spec });
  }
}
const rel = (f: string) => relative(repoRoot(), f);

describe("src/ dependency rules", () => {
  test("every relative import names an existing module inside src/", () => {
    const bad = edges.filter((e) => !files.includes(e.to) || !e.to.startsWith(SRC + "/")).map((e) => `${rel(e.from)} -> ${e.spec}`);
    expect(bad).toEqual([]);
    expect(edges.length).toBeGreaterThan(200);
  });

  test("each layer imports only the layers below it (types included)", () => {
    const bad: string[] = [];
    for (const e of edges) {
      const a = layerOf(e.from),
        b = layerOf(e.to);
      if (a === b) continue;
      const allowed = ALLOWED[a];
      if (!allowed) bad.push(`${rel(e.from)}: layer '${a}' is not in the rules (add it to src/README.md and this test)`);
      else if (!allowed.includes(b)) bad.push(`${rel(e.from)} -> ${rel(e.to)} (${a} may not import ${b})`);
    }
    expect(bad).toEqual([]);
  });

  test("a target imports no other target; host modules (node:*) only in src/cli", () => {
    const bad: string[] = [];
    for (const e of edges) {
      const a = relative(SRC, e.from).split("/"),
        b = relative(SRC, e.to).split("/");
      if (a[0] === "target" && b[0] === "target" && a[1] !== b[1]) bad.push(`${rel(e.from)} -> ${rel(e.to)}`);
    }
    for (const x of external) {
      const layer = layerOf(x.from);
      if (x.spec.startsWith("node:") && layer !== "cli") bad.push(`${rel(x.from)} imports ${x.spec}`);
      // Third-party packages: only the web edge (xterm.js) and the cli edge may use them.
      if (!x.spec.startsWith("node:") && layer !== "web" && layer !== "cli") bad.push(`${rel(x.from)} imports package ${x.spec}`);
    }
    expect(bad).toEqual([]);
  });

  test("no import cycles", () => {
    // Tarjan's strongly connected components over the module graph; any component of more than
    // one module (or a module importing itself) is a cycle.
    const adj = new Map<string, string[]>();
    for (const f of files) adj.set(f, []);
    for (const e of edges) if (adj.has(e.to)) adj.get(e.from)!.push(e.to);
    let index = 0;
    const idx = new Map<string, number>(),
      low = new Map<string, number>(),
      onStack = new Set<string>(),
      stack: string[] = [];
    const cycles: string[][] = [];
    const strong = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of adj.get(v)!) {
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || adj.get(v)!.includes(v)) cycles.push(comp.map(rel).sort());
      }
    };
    for (const f of files) if (!idx.has(f)) strong(f);
    expect(cycles).toEqual([]);
  });
});
