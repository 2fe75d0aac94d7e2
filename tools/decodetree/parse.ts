/**
 * Parser for decodetree (.decode) files, the instruction-pattern format of
 * QEMU's scripts/decodetree.py (docs/devel/decodetree.rst), with the same
 * meaning as QEMU's script gives it:
 *
 * - `%field` definitions: signed/unsigned slices `pos:len` / `pos:slen`,
 *   pieces taken from another member (`name:len`), concatenation, and
 *   `!function=fn`, also with no pieces at all (a parameter, `fn(ctx)`);
 * - `&argset a b:type ... [!extern]` (names may start with a digit);
 * - `@format` and patterns with bit pictures (`0 1 . -`), inline fields
 *   (`name:len`, `name:slen`), `%field`, `name=%field`, `name=const`;
 *   formats may be assignments only (no bit picture);
 * - argument sets inferred as QEMU does: a format or pattern naming none
 *   uses the first visible argument set with exactly its member names, else
 *   a new one (so same-name patterns without `&set` share one);
 * - `{ }` (overlapping) and `[ ]` (non-overlapping) groups;
 * - several files making one decoder (fields, formats and argument sets are
 *   shared by the files of one decoder, as in one run of QEMU's script).
 */
import {
  type ArgSetDef,
  type ArgValue,
  DecodeError,
  type DecodeFile,
  type FieldDef,
  type FieldPart,
  type FormatDef,
  type GroupDef,
  type PatternDef,
  type SourcePos,
} from "./ast.ts";

const C_IDENT = "[a-zA-Z][a-zA-Z0-9_]*";
const RE_C_IDENT = new RegExp(`^${C_IDENT}$`);
// QEMU's re_arg_ident / re_fld_ident / re_fmt_ident / re_pat_ident.
const RE_IDENT = /^[a-zA-Z0-9_]+$/;
const RE_FIELD_SLICE = /^(\d+):(s?)(\d+)$/;
const RE_FIELD_NAMED = new RegExp(`^(${C_IDENT}):(s?)(\\d+)$`);
const RE_INLINE_FIELD = new RegExp(`^(${C_IDENT}):(s?)(\\d+)$`);
const RE_BITS = /^[01.\-]+$/;
const RE_ASSIGN_FIELD = new RegExp(`^(${C_IDENT})=%([a-zA-Z0-9_]+)$`);
const RE_ASSIGN_CONST = new RegExp(`^(${C_IDENT})=([+-]?(?:0x[0-9a-fA-F]+|\\d+))$`);
const RE_ARG_MEMBER = new RegExp(`^(${C_IDENT})(?::(${C_IDENT}))?$`);

/** A logical line: comments removed, `\` continuations joined. */
interface Line {
  line: number;
  tokens: string[];
  text: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split("\n");
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let s = raw[i]!.replace(/#.*$/, "");
    while (/\\\s*$/.test(s) && i + 1 < raw.length) {
      s = s.replace(/\\\s*$/, " ") + raw[++i]!.replace(/#.*$/, "");
    }
    const tokens = s
      .trim()
      .split(/\s+/)
      .filter((t) => t !== "");
    if (tokens.length > 0)
      out.push({
        line: start + 1,
        tokens,
        text: s.trim().replace(/\s+/g, " "),
      });
  }
  return out;
}

function parseNumber(pos: SourcePos, s: string): number {
  const m = /^([+-]?)(0x[0-9a-fA-F]+|\d+)$/.exec(s);
  const v = m ? (m[1] === "-" ? -1 : 1) * Number(m[2]) : NaN;
  if (!Number.isSafeInteger(v)) throw new DecodeError(pos, `bad number '${s}'`);
  return v;
}

/** Instruction bits a field reads (QEMU's Field.mask); named pieces and parameters read none. */
export function fieldMask(f: FieldDef): number {
  let m = 0;
  for (const p of f.parts) if (p.name === undefined) m |= (p.len === 32 ? 0xffffffff : (2 ** p.len - 1) * 2 ** p.pos) >>> 0;
  return m >>> 0;
}

function sameField(a: FieldDef, b: FieldDef): boolean {
  if (a === b) return true;
  if (a.func !== b.func || a.parts.length !== b.parts.length) return false;
  return a.parts.every((p, i) => JSON.stringify(p) === JSON.stringify(b.parts[i]));
}

/** Two assignments that QEMU's eq_fields_for_fmts considers equal (constants never are). */
function sameAssignments(a: Map<string, ArgValue>, b: Map<string, ArgValue>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (!vb || va.kind !== "field" || vb.kind !== "field" || !sameField(va.field, vb.field)) return false;
  }
  return true;
}

function assignmentMask(args: Map<string, ArgValue>): number {
  let m = 0;
  for (const v of args.values()) if (v.kind === "field") m |= fieldMask(v.field);
  return m >>> 0;
}

/** A format a pattern without `@format` may share (QEMU's infer_format). */
interface InferredFormat {
  width: number;
  fieldmask: number;
  args: Map<string, ArgValue>;
  argset: ArgSetDef;
}

/**
 * Argument sets shared by every decoder of a generation run (one TS type per
 * name).  `!extern` refers to a set another decoder defined earlier.
 */
export type ArgSetRegistry = Map<string, ArgSetDef>;

/** The symbol tables of one decoder (one run of QEMU's script over one or more files). */
class Parser {
  readonly fields = new Map<string, FieldDef>();
  readonly formats = new Map<string, FormatDef>();
  readonly inferredFormats: InferredFormat[] = [];
  /** Argument sets this decoder can name, in declaration order (QEMU's `arguments`). */
  readonly visible = new Map<string, ArgSetDef>();
  path = "";

  constructor(
    readonly width: number,
    readonly registry: ArgSetRegistry,
  ) {}

  pos(line: number): SourcePos {
    return { file: this.path, line };
  }

  parse(text: string, path: string, root: GroupDef): void {
    this.path = path;
    const stack: { group: GroupDef; close: string }[] = [{ group: root, close: "" }];
    for (const l of splitLines(text)) {
      const pos = this.pos(l.line);
      const first = l.tokens[0]!;
      const top = stack[stack.length - 1]!;
      if (first === "{" || first === "[" || first === "}" || first === "]") {
        if (l.tokens.length !== 1) throw new DecodeError(pos, `'${first}' must be alone on its line`);
        if (first === "{" || first === "[") {
          const g = group(pos, first === "{");
          top.group.members.push(g);
          stack.push({ group: g, close: first === "{" ? "}" : "]" });
        } else {
          if (top.close !== first) throw new DecodeError(pos, `unexpected '${first}'`);
          if (top.group.members.length === 0) throw new DecodeError(pos, "empty pattern group");
          stack.pop();
        }
      } else if (first.startsWith("%")) {
        this.parseField(pos, first.slice(1), l.tokens.slice(1));
      } else if (first.startsWith("&")) {
        this.parseArgSet(pos, first.slice(1), l.tokens.slice(1));
      } else if (first.startsWith("@")) {
        this.parseFormat(pos, first.slice(1), l.tokens.slice(1));
      } else {
        top.group.members.push(this.parsePattern(pos, l));
      }
    }
    if (stack.length !== 1) throw new DecodeError(stack[stack.length - 1]!.group, "unclosed group");
  }

  parseField(pos: SourcePos, name: string, tokens: string[]): void {
    if (!RE_IDENT.test(name)) throw new DecodeError(pos, `bad field name '${name}'`);
    if (this.fields.has(name)) throw new DecodeError(pos, `duplicate field %${name}`);
    const parts: FieldPart[] = [];
    let func: string | undefined;
    let width = 0;
    for (const t of tokens) {
      let m: RegExpExecArray | null;
      if (t.startsWith("!function=")) {
        if (func) throw new DecodeError(pos, "duplicate function");
        func = t.slice(10);
        if (!RE_C_IDENT.test(func)) throw new DecodeError(pos, `bad function name '${func}'`);
      } else if ((m = RE_FIELD_NAMED.exec(t))) {
        const len = Number(m[3]);
        if (len < 1 || len > 32) throw new DecodeError(pos, `bad field piece '${t}'`);
        parts.push({ pos: -1, len, signed: m[2] === "s", name: m[1]! });
        width += len;
      } else if ((m = RE_FIELD_SLICE.exec(t))) {
        const p = Number(m[1]);
        const len = Number(m[3]);
        if (len < 1 || p + len > this.width) throw new DecodeError(pos, `field ${t} too large`);
        parts.push({ pos: p, len, signed: m[2] === "s" });
        width += len;
      } else {
        throw new DecodeError(pos, `invalid field token "${t}"`);
      }
    }
    if (width > this.width) throw new DecodeError(pos, "field too large");
    if (parts.length === 0 && !func) throw new DecodeError(pos, "field with no value");
    let seen = 0;
    for (const p of parts) {
      if (p.name !== undefined) continue;
      const m = fieldMask({ name, parts: [p], ...pos });
      if (seen & m) throw new DecodeError(pos, "field components overlap");
      seen |= m;
    }
    this.fields.set(name, { name, parts, func, ...pos });
  }

  parseArgSet(pos: SourcePos, name: string, tokens: string[]): void {
    if (!RE_IDENT.test(name)) throw new DecodeError(pos, `bad argument set name '${name}'`);
    let isExtern = false;
    const fields: string[] = [];
    const types: string[] = [];
    for (const t of tokens) {
      if (t === "!extern") {
        isExtern = true;
        continue;
      }
      const m = RE_ARG_MEMBER.exec(t);
      if (!m) throw new DecodeError(pos, `invalid argument set token "${t}"`);
      if (fields.includes(m[1]!)) throw new DecodeError(pos, `duplicate argument "${m[1]}"`);
      fields.push(m[1]!);
      types.push(m[2] ?? "int");
    }
    if (this.visible.has(name)) throw new DecodeError(pos, `duplicate argument set ${name}`);
    const prev = this.registry.get(name);
    if (prev) {
      // One TS interface per name: every declaration must agree.
      if (prev.fields.join(" ") !== fields.join(" ") || prev.types.join(" ") !== types.join(" ")) {
        throw new DecodeError(pos, `&${name} differs from ${prev.file}:${prev.line}`);
      }
      this.visible.set(name, prev);
      return;
    }
    if (isExtern) throw new DecodeError(pos, `!extern argument set &${name} is not defined by an earlier decoder`);
    const a: ArgSetDef = { name, fields, types, implicit: false, ...pos };
    this.registry.set(name, a);
    this.visible.set(name, a);
  }

  /**
   * QEMU's infer_argument_set: the first visible set whose members are
   * exactly `names` (all of type int), else a new set named after `base`.
   */
  inferArgSet(pos: SourcePos, base: string, names: string[]): ArgSetDef {
    for (const a of this.visible.values()) {
      if (a.fields.length !== names.length || a.types.some((t) => t !== "int")) continue;
      if (names.every((n) => a.fields.includes(n))) return a;
    }
    let name = names.length === 0 ? "empty" : base;
    for (let i = 2; this.registry.has(name); i++) name = `${base}_${i}`;
    const a: ArgSetDef = { name, fields: [...names], types: names.map(() => "int"), implicit: true, ...pos };
    this.registry.set(name, a);
    this.visible.set(name, a);
    return a;
  }

  field(pos: SourcePos, name: string): FieldDef {
    const f = this.fields.get(name);
    if (!f) throw new DecodeError(pos, `undefined field %${name}`);
    return f;
  }

  /** Parses the bit picture and assignments shared by formats and patterns. */
  parseBody(pos: SourcePos, tokens: string[]) {
    let width = 0;
    let fixedmask = 0;
    let fixedbits = 0;
    const inline: { name: string; start: number; len: number; signed: boolean }[] = [];
    const args = new Map<string, ArgValue>();
    let argset: ArgSetDef | undefined;
    let format: FormatDef | undefined;
    const setArg = (name: string, v: ArgValue) => {
      if (args.has(name)) throw new DecodeError(pos, `duplicate field ${name}`);
      args.set(name, v);
    };
    for (const t of tokens) {
      let m: RegExpExecArray | null;
      if (t.startsWith("&") && RE_IDENT.test(t.slice(1))) {
        if (argset) throw new DecodeError(pos, "multiple argument sets");
        argset = this.visible.get(t.slice(1));
        if (!argset) throw new DecodeError(pos, `undefined argument set ${t}`);
      } else if (t.startsWith("@") && RE_IDENT.test(t.slice(1))) {
        if (format) throw new DecodeError(pos, "multiple formats");
        format = this.formats.get(t.slice(1));
        if (!format) throw new DecodeError(pos, `undefined format ${t}`);
      } else if (t.startsWith("%") && RE_IDENT.test(t.slice(1))) {
        setArg(t.slice(1), { kind: "field", field: this.field(pos, t.slice(1)) });
      } else if ((m = RE_ASSIGN_FIELD.exec(t))) {
        setArg(m[1]!, { kind: "field", field: this.field(pos, m[2]!) });
      } else if ((m = RE_ASSIGN_CONST.exec(t))) {
        setArg(m[1]!, { kind: "const", value: parseNumber(pos, m[2]!) });
      } else if (RE_BITS.test(t)) {
        for (const c of t) {
          fixedmask = fixedmask * 2 + (c === "0" || c === "1" ? 1 : 0);
          fixedbits = fixedbits * 2 + (c === "1" ? 1 : 0);
        }
        width += t.length;
      } else if ((m = RE_INLINE_FIELD.exec(t))) {
        const len = Number(m[3]);
        inline.push({ name: m[1]!, start: width, len, signed: m[2] === "s" });
        fixedmask *= 2 ** len;
        fixedbits *= 2 ** len;
        width += len;
      } else {
        throw new DecodeError(pos, `invalid token "${t}"`);
      }
      if (width > this.width) throw new DecodeError(pos, `definition has more than ${this.width} bits`);
    }
    for (const f of inline) {
      const field: FieldDef = {
        name: f.name,
        parts: [{ pos: width - f.start - f.len, len: f.len, signed: f.signed }],
        ...pos,
      };
      setArg(f.name, { kind: "field", field });
    }
    return { width, fixedmask: fixedmask >>> 0, fixedbits: fixedbits >>> 0, args, argset, format };
  }

  parseFormat(pos: SourcePos, name: string, tokens: string[]): void {
    if (!RE_IDENT.test(name)) throw new DecodeError(pos, `bad format name '${name}'`);
    const b = this.parseBody(pos, tokens);
    if (b.format) throw new DecodeError(pos, "format referencing format");
    if (b.width !== 0 && b.width !== this.width) throw new DecodeError(pos, `definition has ${b.width} bits`);
    let argset = b.argset;
    if (argset) {
      for (const a of b.args.keys())
        if (!argset.fields.includes(a)) throw new DecodeError(pos, `field ${a} not in argument set ${argset.name}`);
    } else {
      argset = this.inferArgSet(pos, name, [...b.args.keys()]);
    }
    if (this.formats.has(name)) throw new DecodeError(pos, `duplicate format name ${name}`);
    const fmt: FormatDef = { name, width: b.width, fixedmask: b.fixedmask, fixedbits: b.fixedbits, argset, args: b.args, ...pos };
    this.formats.set(name, fmt);
    this.inferredFormats.push({ width: b.width, fieldmask: assignmentMask(b.args), args: b.args, argset });
  }

  /** QEMU's infer_format: the argument set of a pattern that names no format. */
  patternArgSet(pos: SourcePos, name: string, argset: ArgSetDef | undefined, args: Map<string, ArgValue>): ArgSetDef {
    const fieldmask = assignmentMask(args);
    for (const f of this.inferredFormats) {
      if (argset && f.argset !== argset) continue;
      if (f.fieldmask !== fieldmask || f.width !== this.width || !sameAssignments(args, f.args)) continue;
      return f.argset;
    }
    const set = argset ?? this.inferArgSet(pos, name, [...args.keys()]);
    this.inferredFormats.push({ width: this.width, fieldmask, args, argset: set });
    return set;
  }

  parsePattern(pos: SourcePos, l: Line): PatternDef {
    const name = l.tokens[0]!;
    if (!RE_IDENT.test(name)) throw new DecodeError(pos, `invalid token "${name}"`);
    const b = this.parseBody(pos, l.tokens.slice(1));
    if (b.width !== this.width) throw new DecodeError(pos, `definition has ${b.width} bits`);
    let { fixedmask, fixedbits } = b;
    const args = new Map<string, ArgValue>();
    let argset: ArgSetDef;
    if (b.format) {
      const fmt = b.format;
      if (b.argset) throw new DecodeError(pos, "pattern specifies both format and argument set");
      argset = fmt.argset;
      const both = fmt.fixedmask & fixedmask;
      if (((fmt.fixedbits ^ fixedbits) & both) !== 0) throw new DecodeError(pos, `fixed bits conflict with @${fmt.name}`);
      fixedmask = (fixedmask | fmt.fixedmask) >>> 0;
      fixedbits = (fixedbits | fmt.fixedbits) >>> 0;
      for (const [k, v] of fmt.args) args.set(k, v);
      for (const [k, v] of b.args) {
        if (args.has(k)) throw new DecodeError(pos, `field ${k} set by format and pattern`);
        args.set(k, v);
      }
    } else {
      argset = this.patternArgSet(pos, name, b.argset, b.args);
      for (const [k, v] of b.args) args.set(k, v);
    }
    for (const a of args.keys()) {
      if (!argset.fields.includes(a)) throw new DecodeError(pos, `field ${a} not in argument set ${argset.name}`);
    }
    const ordered: [string, ArgValue][] = argset.fields.map((f) => {
      const v = args.get(f);
      if (!v) throw new DecodeError(pos, `field ${f} not initialized`);
      return [f, v];
    });
    checkNamedReferences(pos, ordered);
    return {
      kind: "pattern",
      name,
      fixedmask,
      fixedbits,
      argset,
      args: ordered,
      format: b.format?.name,
      text: l.text,
      ...pos,
    };
  }
}

function group(pos: SourcePos, overlap: boolean): GroupDef {
  return { kind: "group", overlap, members: [], fixedmask: 0, fixedbits: 0, ...pos };
}

/** Fields built from other members must name members of the pattern and must not form a loop. */
function checkNamedReferences(pos: SourcePos, args: [string, ArgValue][]): void {
  evaluationOrder(pos, args);
}

/**
 * The order in which a pattern's members must be computed so that every
 * named piece (`%f sz:3`) reads a member computed before it (QEMU sorts
 * topologically in General.output_fields).
 */
export function evaluationOrder(pos: SourcePos, args: [string, ArgValue][]): [string, ArgValue][] {
  const byName = new Map(args);
  const done = new Set<string>();
  const active = new Set<string>();
  const out: [string, ArgValue][] = [];
  const visit = (name: string, from: string) => {
    if (done.has(name)) return;
    const v = byName.get(name);
    if (!v) throw new DecodeError(pos, `field %${from} refers to undefined field ${name}`);
    if (active.has(name)) throw new DecodeError(pos, `field definitions form a cycle: ${[...active, name].join(" => ")}`);
    active.add(name);
    if (v.kind === "field") for (const p of v.field.parts) if (p.name !== undefined) visit(p.name, name);
    active.delete(name);
    done.add(name);
    out.push([name, v]);
  };
  for (const [k] of args) visit(k, k);
  return out;
}

/**
 * Parses the files of one decoder (`sources` in order, as QEMU's script
 * concatenates its input files).  `registry` is shared between all decoders of
 * one generation run, so `&name !extern` can refer to a set an earlier decoder
 * defined and every name maps to one TS type.
 */
export function parseDecoder(sources: { text: string; path: string }[], width: number, registry: ArgSetRegistry): DecodeFile {
  if (width !== 16 && width !== 32) throw new Error(`cannot handle insns of width ${width}`);
  const p = new Parser(width, registry);
  const root = group({ file: sources[0]?.path ?? "", line: 1 }, false);
  for (const s of sources) p.parse(s.text, s.path, root);
  return { path: sources.map((s) => s.path).join("+"), width, root };
}

/** Parses one .decode file as one decoder (see parseDecoder). */
export function parseDecodeFile(text: string, path: string, width: number, argsets: ArgSetRegistry): DecodeFile {
  return parseDecoder([{ text, path }], width, argsets);
}
