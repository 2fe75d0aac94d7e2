// sifive,test0: the syscon-poweroff / syscon-reboot writes Linux and OpenSBI do.
import { describe, expect, test } from "vitest";
import { SifiveTest, type TestExit } from "../../src/hw/sifive-test.ts";

function make() {
  const exits: TestExit[] = [];
  return { d: new SifiveTest((e) => exits.push(e)), exits };
}

describe("sifive-test", () => {
  test("poweroff, fail with code, reset", () => {
    const { d, exits } = make();
    d.write(0, 4, 0x5555);
    d.write(0, 4, 0x3333 | (42 << 16));
    d.write(0, 4, 0x7777);
    d.write(0, 2, 0x5555);
    expect(exits).toEqual([{ kind: "poweroff", code: 0 }, { kind: "fail", code: 42 }, { kind: "reset" }, { kind: "poweroff", code: 0 }]);
  });

  test("an 8-byte write arrives as two 4-byte writes: only the low word at offset 0 counts", () => {
    const { d, exits } = make();
    d.write(0, 4, 0x3333 | (0xffff << 16));
    d.write(4, 4, 0x5555);
    expect(exits).toEqual([{ kind: "fail", code: 0xffff }]);
  });

  test("other values, offsets and sizes are ignored; reads give 0", () => {
    const { d, exits } = make();
    d.write(0, 4, 0x1234);
    d.write(0, 4, 0x5554);
    d.write(4, 4, 0x5555);
    d.write(0, 1, 0x55);
    d.write(0x100, 4, 0x7777);
    d.write(0, 8, 0x5555);
    expect(exits).toEqual([]);
    expect(d.read(0, 4)).toBe(0);
    expect(d.read(0xfff, 1)).toBe(0);
  });
});
