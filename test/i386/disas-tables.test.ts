/**
 * Consistency of the AT&T disassembler's instruction list (src/target/i386/disas/att-spec.ts): the
 * decision tables are built lazily, one (map, context, opcode) cell at a time, so a decode conflict
 * (two forms claiming the same bytes in the same context) would only surface when those bytes are
 * disassembled. Building every cell here catches it. What the text must be is checked against
 * qemu-i386 itself in qemu-inasm.test.ts.
 */
import { expect, test } from "vitest";
import { buildTables } from "../../src/target/i386/disas/att-tables.ts";

test("every decision table cell builds without a decode conflict", () => {
  expect(buildTables().buildAll()).toBeGreaterThan(4000);
}, 60_000);
