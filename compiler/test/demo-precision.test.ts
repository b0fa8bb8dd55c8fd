/**
 * The demo views are written the way the README recommends: every slot of them gets precise
 * deps (`npm run tracking:share` prints the share over the fixtures too).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { compile } from "@livetsx/compiler";

const views = join(import.meta.dirname, "../../examples/src/views");

describe("demo views", () => {
  for (const file of readdirSync(views).filter((f) => f.endsWith(".tsx"))) {
    test(`${file}: no always-evaluated slot`, () => {
      const { metadata } = compile(readFileSync(join(views, file), "utf8"), { filename: file });
      const dirty = metadata.templates.flatMap((t) => t.slots.filter((s) => s.deps === "*").map((s) => `${t.line}: ${s.code} (${s.reason})`));
      expect(dirty).toEqual([]);
      expect(metadata.templates.length).toBeGreaterThan(0);
    });
  }
});
