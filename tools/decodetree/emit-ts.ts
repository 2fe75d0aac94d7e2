/**
 * Emits the TypeScript decoder module from parsed .decode files: argument
 * set interfaces, the handler interface, field extraction functions and one
 * decode function per file that walks the decision tree and calls the
 * handler's trans_* methods.
 */
import { basename } from "node:path";
import {
  type ArgSetDef,
  type ArgValue,
  DecodeError,
  type DecodeFile,
  type DecodeNode,
  type FieldDef,
  type GroupDef,
  type PatternDef,
} from "./ast.ts";
import { evaluationOrder } from "./parse.ts";
import { buildTree, type DecisionTree, propagateMasks } from "./tree.ts";

export interface DecoderSpec {
  file: DecodeFile;
  /** Name of the exported decode function, e.g. decodeInsn32. */
  functionName: string;
}

export interface EmitOptions {
  decoders: DecoderSpec[];
  /**
   * Pass the handler to `!function` transforms as their first argument, as
   * QEMU passes its DisasContext (`fn(ctx, value)`, and `fn(ctx)` for a
   * parameter field).  Without it transforms get the value only and
   * parameter fields are rejected.
   */
  functionContext?: boolean;
  /** A type exported by functionsModule that the handler interface extends (the context the transforms read). */
  handlerExtends?: string;
  /** For an argument set declared by another generated module: that module's import path (the type is imported, not redeclared). */
  argSetModule?: (a: ArgSetDef) => string | undefined;
  /** All argument sets, in declaration order (the order of the emitted interfaces). */
  argsets: Map<string, ArgSetDef>;
  /** Name of the exported handler interface. */
  handlerName: string;
  /** Module (relative import path) exporting the !function transforms. */
  functionsModule: string;
  /** Header comment lines (without the comment markers). */
  header: string[];
}

const hex = (n: number) => "0x" + (n >>> 0).toString(16);

/** `&r2_rm` -> `ArgR2Rm`. */
export function argSetTypeName(a: ArgSetDef): string {
  return (
    "Arg" +
    a.name
      .split("_")
      .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
      .join("")
  );
}

/** Lowest set bit and length if `mask` is one contiguous run of ones. */
function contiguous(mask: number): { pos: number; len: number } | null {
  if (mask === 0) return null;
  let pos = 0;
  while (((mask >>> pos) & 1) === 0) pos++;
  const run = mask >>> pos;
  if ((run & (run + 1)) !== 0 && run !== 0xffffffff) return null;
  return { pos, len: 32 - Math.clz32(run) };
}

/** Expression for `insn & mask` as a non-negative number. */
function maskedInsn(mask: number): string {
  return mask & 0x80000000 ? `((insn & ${hex(mask)}) >>> 0)` : `(insn & ${hex(mask)})`;
}

/** Expression extracting one (unsigned or sign-extended) bit slice of insn. */
function slice(pos: number, len: number, signed: boolean): string {
  if (signed) {
    if (pos + len === 32) return `(insn >> ${pos})`;
    return `((insn << ${32 - pos - len}) >> ${32 - len})`;
  }
  if (pos + len === 32) return `(insn >>> ${pos})`;
  if (pos === 0) return `(insn & ${hex(2 ** len - 1)})`;
  return `((insn >>> ${pos}) & ${hex(2 ** len - 1)})`;
}

/** Expression for the low `len` bits of a member already computed into local `v`. */
function namedPiece(v: string, len: number, signed: boolean): string {
  if (len >= 32) return v;
  return signed ? `((${v} << ${32 - len}) >> ${32 - len})` : `(${v} & ${hex(2 ** len - 1)})`;
}

/** A member's local variable in an extractor that computes members one by one. */
const local = (name: string) => `v_${name}`;

interface ExprContext {
  usedFunctions: Set<string>;
  functionContext: boolean;
}

function fieldExpr(f: FieldDef, cx: ExprContext): string {
  let e: string;
  if (f.parts.length === 0) {
    if (!cx.functionContext || !f.func) throw new DecodeError(f, `parameter field %${f.name} needs functionContext`);
    e = "";
  } else {
    const total = f.parts.reduce((n, p) => n + p.len, 0);
    let shift = total;
    const terms = f.parts.map((p) => {
      shift -= p.len;
      const s = p.name === undefined ? slice(p.pos, p.len, p.signed) : namedPiece(local(p.name), p.len, p.signed);
      return shift === 0 ? s : `(${s} << ${shift})`;
    });
    e = terms.length === 1 ? terms[0]! : `(${terms.join(" | ")})`;
    // A 32-bit unsigned concatenation would otherwise come out negative.
    if (total === 32 && !f.parts[0]!.signed && terms.length > 1) e = `(${e} >>> 0)`;
  }
  if (f.func) {
    cx.usedFunctions.add(f.func);
    if (cx.functionContext) e = e === "" ? `${f.func}(h)` : `${f.func}(h, ${e})`;
    else e = `${f.func}(${e})`;
  }
  return e;
}

function argExpr(v: ArgValue, cx: ExprContext): string {
  return v.kind === "const" ? String(v.value) : fieldExpr(v.field, cx);
}

function readsNamed(v: ArgValue): boolean {
  return v.kind === "field" && v.field.parts.some((p) => p.name !== undefined);
}

function readsContext(v: ArgValue): boolean {
  return v.kind === "field" && v.field.func !== undefined;
}

class Emitter {
  readonly usedFunctions = new Set<string>();
  /** Extraction function body -> name, so identical extractions are shared. */
  readonly extractors = new Map<string, string>();
  readonly extractorNames = new Set<string>();
  readonly extractorCode: string[] = [];
  readonly extractorTakesHandler = new Map<string, boolean>();

  constructor(readonly opts: EmitOptions) {}

  extractor(p: PatternDef, width: number, formatName: string): string {
    const type = argSetTypeName(p.argset);
    const cx: ExprContext = { usedFunctions: this.usedFunctions, functionContext: !!this.opts.functionContext };
    let lines: string[];
    if (p.args.some(([, v]) => readsNamed(v))) {
      // Members built from other members: compute them in dependency order.
      const order = evaluationOrder(p, p.args);
      lines = order.map(([k, v]) => `  const ${local(k)} = ${argExpr(v, cx)};`);
      lines.push(`  return { ${p.args.map(([k]) => `${k}: ${local(k)}`).join(", ")} };`);
    } else {
      lines = [`  return { ${p.args.map(([k, v]) => `${k}: ${argExpr(v, cx)}`).join(", ")} };`];
    }
    const needsH = this.opts.functionContext && p.args.some(([, v]) => readsContext(v));
    const key = `${type}:${needsH}:${lines.join("\n")}`;
    const known = this.extractors.get(key);
    if (known) return known;
    let name = `extract${width}_${formatName}`;
    for (let i = 2; this.extractorNames.has(name); i++) name = `extract${width}_${formatName}_${i}`;
    this.extractors.set(key, name);
    this.extractorNames.add(name);
    const param = p.args.length ? "insn" : "_insn";
    const params = needsH ? `h: ${this.opts.handlerName}, ${param}: number` : `${param}: number`;
    this.extractorCode.push(`function ${name}(${params}): ${type} {`, ...lines, `}`, ``);
    this.extractorTakesHandler.set(name, !!needsH);
    return name;
  }

  /** Code that returns true if `node` matches and its handler accepts it, else falls through. */
  node(n: DecodeNode | DecisionTree, outermask: number, width: number, ind: string): string[] {
    if (n.kind === "tree") return this.tree(n, width, ind);
    const rest = (n.fixedmask & ~outermask) >>> 0;
    const inner = (outermask | rest) >>> 0;
    const bodyInd = rest ? ind + "  " : ind;
    const body = n.kind === "pattern" ? this.call(n, width, bodyInd) : this.group(n, inner, width, bodyInd);
    if (!rest) return body;
    return [`${ind}if (${maskedInsn(rest)} === ${hex(n.fixedbits & rest)}) {`, ...body, `${ind}}`];
  }

  call(p: PatternDef, width: number, ind: string): string[] {
    const ex = this.extractor(p, width, p.format ?? p.name);
    const args = this.extractorTakesHandler.get(ex) ? "h, insn" : "insn";
    return [`${ind}// ${basename(p.file)}:${p.line}: ${p.text}`, `${ind}if (h.trans_${p.name}(${ex}(${args}))) return true;`];
  }

  group(g: GroupDef, outermask: number, width: number, ind: string): string[] {
    if (!g.overlap) return this.tree(buildTree(g.members, outermask, width), width, ind);
    return g.members.flatMap((m) => this.node(m, outermask, width, ind));
  }

  tree(t: DecisionTree, width: number, ind: string): string[] {
    if (t.innermask === 0) return this.node(t.cases[0]!.node, t.fullmask, width, ind);
    const c = contiguous(t.innermask);
    const sel = c ? slice(c.pos, c.len, false) : maskedInsn(t.innermask);
    const label = (bits: number) => hex(c ? bits >>> c.pos : bits);
    if (t.cases.length === 1) {
      const only = t.cases[0]!;
      return [`${ind}if (${sel} === ${label(only.bits)}) {`, ...this.node(only.node, t.fullmask, width, ind + "  "), `${ind}}`];
    }
    const out = [`${ind}switch (${sel}) {`];
    for (const k of t.cases) {
      out.push(`${ind}  case ${label(k.bits)}:`, ...this.node(k.node, t.fullmask, width, ind + "    "), `${ind}    break;`);
    }
    out.push(`${ind}}`);
    return out;
  }

  emit(): string {
    const { decoders, handlerName, functionsModule, header } = this.opts;
    // trans_* methods in order of first use; argument sets in declaration order.
    const used = new Set<ArgSetDef>();
    const methods = new Map<string, PatternDef>();
    const visit = (n: DecodeNode): void => {
      if (n.kind === "group") return n.members.forEach(visit);
      used.add(n.argset);
      const prev = methods.get(n.name);
      if (prev && prev.argset !== n.argset) {
        throw new DecodeError(n, `${n.name} uses &${n.argset.name} but ${prev.file}:${prev.line} uses &${prev.argset.name}`);
      }
      if (!prev) methods.set(n.name, n);
    };
    for (const d of decoders) visit(d.file.root);

    const fns: string[] = [];
    for (const d of decoders) {
      const { width, root } = d.file;
      propagateMasks(root, width);
      const body = this.group(root, 0, width, "  ");
      const norm =
        width === 32
          ? ["  // Accept the word as int32 or uint32; bit operations below work on int32.", "  insn |= 0;"]
          : [`  insn &= ${hex(2 ** width - 1)};`];
      fns.push(
        `/** Decodes one ${width}-bit instruction (${d.file.path
          .split("+")
          .map((f) => basename(f))
          .join(" + ")}); false if no pattern matched or every matching handler declined. */`,
        `export function ${d.functionName}(h: ${handlerName}, insn: number): boolean {`,
        ...norm,
        ...body,
        `  return false;`,
        `}`,
        ``,
      );
    }

    const out: string[] = header.map((l) => `// ${l}`.trimEnd());
    out.push("");
    const fromFunctions = [...this.usedFunctions].sort();
    if (this.opts.handlerExtends) fromFunctions.push(`type ${this.opts.handlerExtends}`);
    if (fromFunctions.length) out.push(`import { ${fromFunctions.join(", ")} } from "${functionsModule}";`);
    // Argument sets another generated module declares are imported from it (one type per set).
    const imports = new Map<string, string[]>();
    for (const a of this.opts.argsets.values()) {
      const mod = used.has(a) ? this.opts.argSetModule?.(a) : undefined;
      if (mod) imports.set(mod, [...(imports.get(mod) ?? []), argSetTypeName(a)]);
    }
    for (const [mod, names] of imports) out.push(`import type { ${names.join(", ")} } from "${mod}";`);
    if (fromFunctions.length || imports.size) out.push("");
    for (const a of this.opts.argsets.values()) {
      if (!used.has(a) || this.opts.argSetModule?.(a)) continue;
      const members = a.fields.map((f, i) => `  ${f}: number;${a.types[i] !== "int" ? ` // ${a.types[i]}` : ""}`);
      out.push(`/** Argument set &${a.name} (${basename(a.file)}:${a.line}${a.implicit ? ", implicit" : ""}). */`);
      out.push(`export interface ${argSetTypeName(a)} {`, ...members, "}", "");
    }
    out.push(
      `/**`,
      ` * One method per pattern name.  Return true when the instruction was handled;`,
      ` * false makes the decoder try the next candidate of an overlapping group and`,
      ` * finally report "no match".`,
      ` */`,
      `export interface ${handlerName}${this.opts.handlerExtends ? ` extends ${this.opts.handlerExtends}` : ""} {`,
    );
    for (const p of methods.values()) out.push(`  trans_${p.name}(a: ${argSetTypeName(p.argset)}): boolean;`);
    out.push("}", "");
    out.push(...this.extractorCode, ...fns);
    return out.join("\n");
  }
}

/** Generates the decoder module source (not yet prettier-formatted). */
export function emitDecoderModule(opts: EmitOptions): string {
  return new Emitter(opts).emit();
}
