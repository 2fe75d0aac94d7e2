/**
 * The parsed form of a decodetree (.decode) file.  See spec/riscv/README.md
 * for the text format; tools/decodetree/parse.ts builds these objects.
 *
 * Bit masks are unsigned 32-bit values held in JS numbers (always
 * normalised with `>>> 0`); bit 0 is the least significant instruction bit.
 */

/** Where a definition came from, for error messages and generated comments. */
export interface SourcePos {
  file: string;
  line: number;
}

/** One contiguous slice of instruction bits inside a field. */
export interface FieldPart {
  /** Lowest instruction bit of the slice. */
  pos: number;
  len: number;
  /** Sign-extend this slice (only meaningful for the most significant one). */
  signed: boolean;
}

/** `%name pos:len ... [!function=fn]`: a value assembled from bit slices. */
export interface FieldDef extends SourcePos {
  name: string;
  /** Most significant slice first, as written. */
  parts: FieldPart[];
  /** Optional transform applied to the assembled value. */
  func?: string;
}

/** `&name a b c`: the named members handed to a trans_* method. */
export interface ArgSetDef extends SourcePos {
  name: string;
  fields: string[];
}

/** What one argument-set member is set to. */
export type ArgValue = { kind: "field"; field: FieldDef } | { kind: "const"; value: number };

/** `@name bits... [&argset] [assignments]`: shared layout for patterns. */
export interface FormatDef extends SourcePos {
  name: string;
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

export interface DecodeFile {
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
