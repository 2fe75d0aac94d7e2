/**
 * The ARM decoders against QEMU's own, at test time: QEMU's
 * scripts/decodetree.py turns QEMU's target/arm/tcg/*.decode into C (in a
 * temporary directory), gcc builds a harness with logging trans_* stubs,
 * and every trans_* call and argument value must match ours on the same
 * words (tools/decodetree/crosscheck.ts; run it by hand with millions of
 * words).  Needs python3, gcc and QEMU's source (bash tools/qemu-tci/build.sh
 * unpacks it into the cache); fails without them.
 */
import { expect, test } from "vitest";
import { crosscheck } from "../../tools/decodetree/crosscheck.ts";

const lines: string[] = [];
const log = (l: string) => lines.push(l);

test("committed ARM decoders (real field transforms) agree with QEMU's decodetree output", async () => {
  const bad = await crosscheck({ set: "spec-arm", words: 40_000, seed: 0x5eed, realFunctions: true, log });
  expect(bad, lines.join("\n")).toBe(0);
}, 300_000);

test("our decodetree tool on QEMU's own ARM files agrees with QEMU's decodetree.py", async () => {
  const bad = await crosscheck({ set: "qemu-arm", words: 40_000, seed: 0xdec0de, log });
  expect(bad, lines.join("\n")).toBe(0);
}, 300_000);
