// README's "Embedding" section shows the host recipes the tests run: each file of
// test/hosts/recipes/ must appear there verbatim, so the documented code is the tested code.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";

describe("README recipes", () => {
  const root = repoRoot();
  const readme = readFileSync(join(root, "README.md"), "utf8");
  for (const f of readdirSync(join(root, "test/hosts/recipes")))
    it(`README shows test/hosts/recipes/${f} as it is`, () => {
      const code = readFileSync(join(root, "test/hosts/recipes", f), "utf8").trimEnd();
      expect(readme).toContain("```js\n" + code + "\n```");
    });
});
