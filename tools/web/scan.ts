// Scans built JavaScript for run-time code generation: eval, the Function constructor, WebAssembly,
// string-argument timers and `.constructor(...)` calls. It tokenizes (comments, strings, template
// literals and regular expressions are skipped; identifiers are whole), so words inside strings and
// longer names (xterm's `evaluate`, `createSingleCallFunction`, `_evalLazyOptionalParams`) are not
// hits, while any real use of those globals is one, whatever it is called on (`globalThis.eval`).
//
//   npx tsx tools/web/scan.ts [dir]          (default dist/web; exit 1 on findings)
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface Finding {
  file: string;
  offset: number;
  what: string;
  context: string;
}

interface Tok {
  kind: "id" | "punct" | "str" | "num" | "regex" | "tmpl";
  text: string;
  at: number;
}

const KEYWORDS_BEFORE_EXPR = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/** Splits JavaScript source into tokens (enough of the grammar for minified bundles). */
export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const braces: ("brace" | "tmpl")[] = [];
  let i = 0;
  const n = src.length;
  const isIdStart = (c: string) => /[A-Za-z_$\u0080-\uffff]/.test(c);
  const isId = (c: string) => /[\w$\u0080-\uffff]/.test(c);
  const regexAllowed = (): boolean => {
    const p = toks[toks.length - 1];
    if (!p) return true;
    if (p.kind === "id") return KEYWORDS_BEFORE_EXPR.has(p.text);
    if (p.kind === "punct") return p.text !== ")" && p.text !== "]";
    return false;
  };
  /** Scans template characters from i (just after ` or }) to the closing ` or a ${. */
  const template = (start: number): void => {
    while (i < n) {
      const c = src[i];
      if (c === "\\") i += 2;
      else if (c === "`") {
        i++;
        toks.push({ kind: "tmpl", text: src.slice(start, i), at: start });
        return;
      } else if (c === "$" && src[i + 1] === "{") {
        i += 2;
        braces.push("tmpl");
        toks.push({ kind: "tmpl", text: src.slice(start, i), at: start });
        return;
      } else i++;
    }
  };
  while (i < n) {
    const c = src[i];
    if (c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\ufeff") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const e = src.indexOf("*/", i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c) i += src[i] === "\\" ? 2 : 1;
      i++;
      toks.push({ kind: "str", text: src.slice(start, i), at: start });
      continue;
    }
    if (c === "`") {
      i++;
      template(start);
      continue;
    }
    if (c === "}" && braces[braces.length - 1] === "tmpl") {
      braces.pop();
      i++;
      template(start);
      continue;
    }
    if (isIdStart(c)) {
      while (i < n && isId(src[i])) i++;
      toks.push({ kind: "id", text: src.slice(start, i), at: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      while (i < n && /[\w.]/.test(src[i])) i++;
      toks.push({ kind: "num", text: src.slice(start, i), at: start });
      continue;
    }
    if (c === "/" && regexAllowed()) {
      // A regular expression literal, on one line; if it does not close, it was a division.
      let j = i + 1,
        cls = false,
        ok = false;
      for (; j < n && src[j] !== "\n"; j++) {
        const d = src[j];
        if (d === "\\") j++;
        else if (d === "[") cls = true;
        else if (d === "]") cls = false;
        else if (d === "/" && !cls) {
          ok = true;
          break;
        }
      }
      if (ok) {
        i = j + 1;
        while (i < n && isId(src[i])) i++;
        toks.push({ kind: "regex", text: src.slice(start, i), at: start });
        continue;
      }
    }
    if (c === "{") braces.push("brace");
    else if (c === "}") braces.pop();
    i++;
    toks.push({ kind: "punct", text: c, at: start });
  }
  return toks;
}

/** Code-generation uses in one JavaScript source. */
export function scanSource(src: string, file = "<source>"): Finding[] {
  const toks = tokenize(src);
  const out: Finding[] = [];
  const ctx = (at: number) => src.slice(Math.max(0, at - 40), at + 50).replace(/\s+/g, " ");
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind !== "id") continue;
    const prev = toks[k - 1],
      next = toks[k + 1],
      after = toks[k + 2];
    const call = next?.kind === "punct" && next.text === "(";
    const isKey = next?.kind === "punct" && next.text === ":" && prev?.kind === "punct" && (prev.text === "{" || prev.text === ",");
    let what = "";
    if (t.text === "eval" && !isKey) what = "eval";
    else if (t.text === "Function" && (call || (prev?.kind === "id" && prev.text === "new"))) what = "Function constructor";
    else if (t.text === "WebAssembly") what = "WebAssembly";
    else if ((t.text === "setTimeout" || t.text === "setInterval") && call && (after?.kind === "str" || after?.kind === "tmpl"))
      what = `${t.text} with a string`;
    else if (t.text === "constructor" && prev?.text === "." && call) what = ".constructor(...) call";
    if (what) out.push({ file, offset: t.at, what, context: ctx(t.at) });
  }
  return out;
}

/** Naive text matches, for comparison: what a plain grep would report. */
export function naiveMatches(src: string): number {
  return (src.match(/eval|Function\(|WebAssembly/g) ?? []).length;
}

/** Scans every .js/.mjs/.cjs file under dir. */
export function scanDir(dir: string): { files: string[]; findings: Finding[]; naive: number } {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.([cm]?js)$/.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  const findings: Finding[] = [];
  let naive = 0;
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    findings.push(...scanSource(src, f));
    naive += naiveMatches(src);
  }
  return { files, findings, naive };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? "dist/web");
  const r = scanDir(dir);
  for (const f of r.findings) console.log(`${f.file}:${f.offset}: ${f.what}: …${f.context}…`);
  console.log(
    `${r.files.length} files, ${r.findings.length} code-generation uses (${r.naive} naive text matches of eval/Function(/WebAssembly)`,
  );
  process.exitCode = r.findings.length ? 1 : 0;
}
