/**
 * Builds the decision tree that the generated decoder walks, following the
 * algorithm of QEMU's decodetree.py: at each node, switch on the bits that
 * every remaining candidate fixes, then recurse into each bin.  Overlapping
 * `{ }` groups stay in the tree as single leaves whose members are tried in
 * order at run time.
 */
import { DecodeError, type DecodeNode, type GroupDef } from "./ast.ts";

/** A switch on `insn & innermask`, given that the bits of `outermask` are already known. */
export interface DecisionTree {
  kind: "tree";
  /** outermask | innermask: the bits known inside each case. */
  fullmask: number;
  innermask: number;
  cases: { bits: number; node: DecisionTree | DecodeNode }[];
}

function widthMask(width: number): number {
  return width === 32 ? 0xffffffff : (1 << width) - 1;
}

/**
 * Fills in GroupDef.fixedmask/fixedbits: the bits that all members fix to
 * the same value.  Like decodetree, the mask starts as the intersection of
 * the members' masks and is narrowed until their values agree.
 */
export function propagateMasks(g: GroupDef, width: number): void {
  let mask = widthMask(width);
  for (const m of g.members) {
    if (m.kind === "group") propagateMasks(m, width);
    mask = (mask & m.fixedmask) >>> 0;
  }
  if (g.members.length === 0) mask = 0;
  let bits = 0;
  for (;;) {
    bits = (g.members[0]?.fixedbits ?? 0) & mask;
    const differ = g.members.reduce((d, m) => d | ((m.fixedbits & mask) ^ bits), 0);
    if (differ === 0) break;
    mask = (mask & ~differ) >>> 0;
  }
  g.fixedmask = mask;
  g.fixedbits = bits >>> 0;
}

function describe(n: DecodeNode): string {
  return n.kind === "pattern" ? `${n.file}:${n.line}: ${n.text}` : `${n.file}:${n.line}: group`;
}

/** Builds the decision tree for non-overlapping `nodes`, given known bits `outermask`. */
export function buildTree(nodes: DecodeNode[], outermask: number, width: number): DecisionTree {
  let innermask = (widthMask(width) & ~outermask) >>> 0;
  for (const n of nodes) innermask = (innermask & n.fixedmask) >>> 0;
  if (innermask === 0) {
    if (nodes.length === 1) {
      return {
        kind: "tree",
        fullmask: outermask,
        innermask: 0,
        cases: [{ bits: 0, node: nodes[0]! }],
      };
    }
    throw new DecodeError(nodes[0]!, `overlapping patterns:\n  ${nodes.map(describe).join("\n  ")}`);
  }
  const fullmask = (outermask | innermask) >>> 0;
  const bins = new Map<number, DecodeNode[]>();
  for (const n of nodes) {
    const b = (n.fixedbits & innermask) >>> 0;
    const bin = bins.get(b);
    if (bin) bin.push(n);
    else bins.set(b, [n]);
  }
  const cases: DecisionTree["cases"] = [];
  for (const [bits, bin] of bins) {
    const only = bin[0]!;
    const complete = bin.length === 1 && (only.fixedmask & ~fullmask) >>> 0 === 0;
    cases.push({
      bits,
      node: complete ? only : buildTree(bin, fullmask, width),
    });
  }
  cases.sort((a, b) => a.bits - b.bits);
  return { kind: "tree", fullmask, innermask, cases };
}
