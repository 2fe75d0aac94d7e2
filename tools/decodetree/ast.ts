/**
 * The parsed form of decodetree (.decode) files.  See spec/arm/README.md for
 * the text format (QEMU's docs/devel/decodetree.rst); tools/decodetree/parse.ts
 * builds these objects.
 *
 * Bit masks are unsigned 32-bit values held in JS numbers (always
 * normalised with `>>> 0`); bit 0 is the least significant instruction bit.
 */

/** Where a definition came from, for error messages and generated comments. */
export interface SourcePos {
  file: string;
  line: number;
}

/**
 * One piece of a field, most significant piece first: a slice of the
 * instruction (`pos:len`, `pos:slen`), or, when `name` is set, the low `len`
 * bits of another member of the same pattern (QEMU's NamedField:
 * `%f 10:2 sz:3`; `pos` is then -1).
 */
export interface FieldPart {
  /** Lowest instruction bit of the slice (-1 for a named piece). */
  pos: number;
  len: number;
  /** Sign-extend this piece (only meaningful for the most significant one). */
  signed: boolean;
  /** The member a named piece reads. */
  name?: string;
}

/**
 * `%name piece... [!function=fn]`: a value assembled from pieces.  With no
 * pieces and a function it is a *parameter*: `fn(ctx)` supplies the value.
 */
export interface FieldDef extends SourcePos {
  name: string;
  parts: FieldPart[];
  /** Optional transform applied to the assembled value (or the parameter's source). */
  func?: string;
}

/** `&name a b:type c [!extern]`: the named members handed to a trans_* method. */
export interface ArgSetDef extends SourcePos {
  name: string;
  fields: string[];
  /** C type of each member as written (`int` when omitted); all are numbers in TS. */
  types: string[];
  /** Created for a format or pattern that named no argument set. */
  implicit: boolean;
}

/** What one argument-set member is set to. */
export type ArgValue = { kind: "field"; field: FieldDef } | { kind: "const"; value: number };

/** `@name bits... [&argset] [assignments]`: shared layout for patterns. */
export interface FormatDef extends SourcePos {
  name: string;
  /** Number of bits in the format's picture (0 for a format of assignments only). */
  width: number;
  fixedmask: number;
  fixedbits: number;
  argset: ArgSetDef;
  args: Map<string, ArgValue>;
}

/** `name bits... [@format] [assignments]`: one instruction encoding. */
export interface PatternDef extends SourcePos {
  kind: "pattern";
  name: string;
  /** Bits that must have a fixed value, and those values. */
  fixedmask: number;
  fixedbits: number;
  argset: ArgSetDef;
  /** Value of every argset member, in argset order. */
  args: [string, ArgValue][];
  /** Name of the format used, if any. */
  format?: string;
  /** The source line, for comments in the generated code. */
  text: string;
}

/**
 * `{ ... }` (overlap: members are tried in order and a trans_* returning
 * false falls through to the next) or `[ ... ]` and the file's top level
 * (no overlap: members must be distinguishable by fixed bits).
 */
export interface GroupDef extends SourcePos {
  kind: "group";
  overlap: boolean;
  members: DecodeNode[];
  /** Bits fixed, to the same value, in every member (set by propagateMasks). */
  fixedmask: number;
  fixedbits: number;
}

export type DecodeNode = PatternDef | GroupDef;

/** One decoder: the patterns of one or more files (one run of QEMU's decodetree.py). */
export interface DecodeFile {
  /** The files, joined with '+' (for comments). */
  path: string;
  /** Instruction width in bits (16 or 32). */
  width: number;
  root: GroupDef;
}

/** Reports a problem in a .decode file. */
export class DecodeError extends Error {
  constructor(pos: SourcePos, message: string) {
    super(`${pos.file}:${pos.line}: ${message}`);
    this.name = "DecodeError";
  }
}
