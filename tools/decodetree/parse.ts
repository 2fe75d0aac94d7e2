/**
 * Parser for decodetree (.decode) files, the instruction-pattern format of
 * QEMU's scripts/decodetree.py.  Supported: `%field` definitions with signed
 * slices, concatenation and `!function=`; `&argset` (with `!extern`);
 * `@format` and patterns with bit pictures (`0 1 . -`), inline fields
 * (`name:len`, `name:slen`), `%field`, `name=%field`, `name=const`; and the
 * `{ }` (overlapping) and `[ ]` (non-overlapping) groups.
 */
import {
  type ArgSetDef,
  type ArgValue,
  DecodeError,
  type DecodeFile,
  type DecodeNode,
  type FieldDef,
  type FieldPart,
  type FormatDef,
  type GroupDef,
  type PatternDef,
  type SourcePos,
} from "./ast.ts";

const NAME = "[a-zA-Z][a-zA-Z0-9_]*";
const RE_NAME = new RegExp(`^${NAME}$`);
const RE_FIELD_PART = /^(\d+):(s?)(\d+)$/;
const RE_INLINE_FIELD = new RegExp(`^(${NAME}):(s?)(\\d+)$`);
const RE_BITS = /^[01.\-]+$/;
const RE_ASSIGN = new RegExp(`^(${NAME})=(.+)$`);

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

function parseInt0(pos: SourcePos, s: string): number {
  const m = /^(-?)(0x[0-9a-fA-F]+|\d+)$/.exec(s);
  const v = m ? (m[1] ? -1 : 1) * Number(m[2]) : NaN;
  if (!Number.isSafeInteger(v)) throw new DecodeError(pos, `bad number '${s}'`);
  return v;
}

/** The per-file symbol tables plus the argument sets shared between files. */
class Parser {
  readonly fields = new Map<string, FieldDef>();
  readonly formats = new Map<string, FormatDef>();

  constructor(
    readonly path: string,
    readonly width: number,
    readonly argsets: Map<string, ArgSetDef>,
  ) {}

  pos(line: number): SourcePos {
    return { file: this.path, line };
  }

  parse(text: string): DecodeFile {
    const root: GroupDef = this.group(this.pos(1), false);
    const stack: { group: GroupDef; close: string }[] = [{ group: root, close: "" }];
    for (const l of splitLines(text)) {
      const pos = this.pos(l.line);
      const first = l.tokens[0]!;
      const top = stack[stack.length - 1]!;
      if (first === "{" || first === "[" || first === "}" || first === "]") {
        if (l.tokens.length !== 1) throw new DecodeError(pos, `'${first}' must be alone on its line`);
        if (first === "{" || first === "[") {
          const g = this.group(pos, first === "{");
          top.group.members.push(g);
          stack.push({ group: g, close: first === "{" ? "}" : "]" });
        } else {
          if (top.close !== first) throw new DecodeError(pos, `unexpected '${first}'`);
          stack.pop();
        }
      } else if (first.startsWith("%")) {
        this.parseField(pos, l.tokens);
      } else if (first.startsWith("&")) {
        this.parseArgSet(pos, l.tokens);
      } else if (first.startsWith("@")) {
        this.parseFormat(pos, l.tokens);
      } else {
        top.group.members.push(this.parsePattern(pos, l));
      }
    }
    if (stack.length !== 1) throw new DecodeError(stack[stack.length - 1]!.group, "unclosed group");
    return { path: this.path, width: this.width, root };
  }

  group(pos: SourcePos, overlap: boolean): GroupDef {
    return {
      kind: "group",
      overlap,
      members: [],
      fixedmask: 0,
      fixedbits: 0,
      ...pos,
    };
  }

  parseField(pos: SourcePos, tokens: string[]): void {
    const name = tokens[0]!.slice(1);
    if (!RE_NAME.test(name)) throw new DecodeError(pos, `bad field name '${name}'`);
    if (this.fields.has(name)) throw new DecodeError(pos, `duplicate field %${name}`);
    const parts: FieldPart[] = [];
    let func: string | undefined;
    for (const t of tokens.slice(1)) {
      const m = RE_FIELD_PART.exec(t);
      if (m) {
        const part = {
          pos: Number(m[1]),
          len: Number(m[3]),
          signed: m[2] === "s",
        };
        if (part.len < 1 || part.pos + part.len > this.width) throw new DecodeError(pos, `field slice '${t}' out of range`);
        parts.push(part);
      } else if (t.startsWith("!function=") && RE_NAME.test(t.slice(10))) {
        func = t.slice(10);
      } else {
        throw new DecodeError(pos, `bad field token '${t}'`);
      }
    }
    if (parts.length === 0) throw new DecodeError(pos, `field %${name} has no bits`);
    if (parts.reduce((n, p) => n + p.len, 0) > 32) throw new DecodeError(pos, `field %${name} wider than 32 bits`);
    this.fields.set(name, { name, parts, func, ...pos });
  }

  parseArgSet(pos: SourcePos, tokens: string[]): void {
    const name = tokens[0]!.slice(1);
    if (!RE_NAME.test(name)) throw new DecodeError(pos, `bad argument set name '${name}'`);
    const isExtern = tokens.includes("!extern");
    const fields = tokens.slice(1).filter((t) => t !== "!extern");
    for (const f of fields) if (!RE_NAME.test(f)) throw new DecodeError(pos, `bad argument name '${f}'`);
    if (new Set(fields).size !== fields.length) throw new DecodeError(pos, `duplicate member in &${name}`);
    const prev = this.argsets.get(name);
    if (prev) {
      // Argument sets are shared by all decoders of one generated file.
      if (prev.fields.join(" ") !== fields.join(" ")) {
        throw new DecodeError(pos, `&${name} differs from ${prev.file}:${prev.line}`);
      }
      if (!isExtern && prev.file === this.path) throw new DecodeError(pos, `duplicate argument set &${name}`);
    } else {
      if (isExtern) throw new DecodeError(pos, `!extern argument set &${name} is not defined by an earlier file`);
      this.argsets.set(name, { name, fields, ...pos });
    }
  }

  /** Parses the bit picture and assignments shared by formats and patterns. */
  parseBody(pos: SourcePos, tokens: string[], isPattern: boolean) {
    let bits = "";
    const inline: {
      name: string;
      start: number;
      len: number;
      signed: boolean;
    }[] = [];
    const args = new Map<string, ArgValue>();
    let argset: ArgSetDef | undefined;
    let format: FormatDef | undefined;
    const setArg = (name: string, v: ArgValue) => {
      if (args.has(name)) throw new DecodeError(pos, `'${name}' assigned twice`);
      args.set(name, v);
    };
    for (const t of tokens) {
      let m: RegExpExecArray | null;
      if (RE_BITS.test(t)) {
        bits += t;
      } else if ((m = RE_INLINE_FIELD.exec(t))) {
        inline.push({
          name: m[1]!,
          start: bits.length,
          len: Number(m[3]),
          signed: m[2] === "s",
        });
        bits += ".".repeat(Number(m[3]));
      } else if (t.startsWith("&")) {
        if (argset) throw new DecodeError(pos, "more than one argument set");
        argset = this.argsets.get(t.slice(1));
        if (!argset) throw new DecodeError(pos, `unknown argument set ${t}`);
      } else if (t.startsWith("@")) {
        if (!isPattern) throw new DecodeError(pos, "a format cannot use another format");
        if (format) throw new DecodeError(pos, "more than one format");
        format = this.formats.get(t.slice(1));
        if (!format) throw new DecodeError(pos, `unknown format ${t}`);
      } else if (t.startsWith("%")) {
        setArg(t.slice(1), {
          kind: "field",
          field: this.field(pos, t.slice(1)),
        });
      } else if ((m = RE_ASSIGN.exec(t))) {
        const v = m[2]!;
        setArg(
          m[1]!,
          v.startsWith("%") ? { kind: "field", field: this.field(pos, v.slice(1)) } : { kind: "const", value: parseInt0(pos, v) },
        );
      } else {
        throw new DecodeError(pos, `unexpected token '${t}'`);
      }
    }
    if (bits.length !== this.width) {
      throw new DecodeError(pos, `bit picture has ${bits.length} bits, expected ${this.width}`);
    }
    let fixedmask = 0;
    let fixedbits = 0;
    for (let i = 0; i < bits.length; i++) {
      const bit = this.width - 1 - i;
      if (bits[i] === "0" || bits[i] === "1") {
        fixedmask = (fixedmask | (1 << bit)) >>> 0;
        if (bits[i] === "1") fixedbits = (fixedbits | (1 << bit)) >>> 0;
      }
    }
    for (const f of inline) {
      const field: FieldDef = {
        name: f.name,
        parts: [{ pos: this.width - f.start - f.len, len: f.len, signed: f.signed }],
        ...pos,
      };
      setArg(f.name, { kind: "field", field });
    }
    return { fixedmask, fixedbits, args, argset, format };
  }

  field(pos: SourcePos, name: string): FieldDef {
    const f = this.fields.get(name);
    if (!f) throw new DecodeError(pos, `unknown field %${name}`);
    return f;
  }

  /** The argument set named after a format or pattern that declares none. */
  implicitArgSet(pos: SourcePos, name: string, args: Map<string, ArgValue>): ArgSetDef {
    const fields = [...args.keys()];
    const key = fields.length === 0 ? "empty" : name;
    const prev = this.argsets.get(key);
    if (prev) {
      if (prev.fields.join(" ") !== fields.join(" ")) throw new DecodeError(pos, `implicit &${key} clashes with ${prev.file}:${prev.line}`);
      return prev;
    }
    const a = { name: key, fields, ...pos };
    this.argsets.set(key, a);
    return a;
  }

  parseFormat(pos: SourcePos, tokens: string[]): void {
    const name = tokens[0]!.slice(1);
    if (!RE_NAME.test(name)) throw new DecodeError(pos, `bad format name '${name}'`);
    if (this.formats.has(name)) throw new DecodeError(pos, `duplicate format @${name}`);
    const b = this.parseBody(pos, tokens.slice(1), false);
    const argset = b.argset ?? this.implicitArgSet(pos, name, b.args);
    for (const a of b.args.keys()) {
      if (!argset.fields.includes(a)) throw new DecodeError(pos, `'${a}' is not a member of &${argset.name}`);
    }
    this.formats.set(name, {
      name,
      fixedmask: b.fixedmask,
      fixedbits: b.fixedbits,
      argset,
      args: b.args,
      ...pos,
    });
  }

  parsePattern(pos: SourcePos, l: Line): PatternDef {
    const name = l.tokens[0]!;
    if (!RE_NAME.test(name)) throw new DecodeError(pos, `bad pattern name '${name}'`);
    const b = this.parseBody(pos, l.tokens.slice(1), true);
    let { fixedmask, fixedbits } = b;
    const args = new Map<string, ArgValue>();
    let argset: ArgSetDef;
    if (b.format) {
      const fmt = b.format;
      if (b.argset && b.argset !== fmt.argset) throw new DecodeError(pos, `&${b.argset.name} conflicts with @${fmt.name}`);
      argset = fmt.argset;
      const both = fmt.fixedmask & fixedmask;
      if (((fmt.fixedbits ^ fixedbits) & both) !== 0) throw new DecodeError(pos, `fixed bits conflict with @${fmt.name}`);
      fixedmask = (fixedmask | fmt.fixedmask) >>> 0;
      fixedbits = (fixedbits | fmt.fixedbits) >>> 0;
      for (const [k, v] of fmt.args) args.set(k, v);
      for (const [k, v] of b.args) {
        if (args.has(k)) throw new DecodeError(pos, `'${k}' is set by both @${fmt.name} and the pattern`);
        args.set(k, v);
      }
    } else {
      argset = b.argset ?? this.implicitArgSet(pos, name, b.args);
      for (const [k, v] of b.args) args.set(k, v);
    }
    for (const a of args.keys()) {
      if (!argset.fields.includes(a)) throw new DecodeError(pos, `'${a}' is not a member of &${argset.name}`);
    }
    const ordered: [string, ArgValue][] = argset.fields.map((f) => {
      const v = args.get(f);
      if (!v) throw new DecodeError(pos, `member '${f}' of &${argset.name} is not set`);
      return [f, v];
    });
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

/**
 * Parses one .decode file.  `argsets` is shared between the files that go
 * into one generated module, so `&name !extern` can refer to an argument set
 * defined by a file parsed earlier.
 */
export function parseDecodeFile(text: string, path: string, width: number, argsets: Map<string, ArgSetDef>): DecodeFile {
  return new Parser(path, width, argsets).parse(text);
}
