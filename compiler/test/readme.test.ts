/** The README's example view compiles to exactly the lines the README shows. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { compile } from "@livetsx/compiler";

const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");

test("the README's compiled output is what the compiler emits", () => {
  const view = /```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
  const shown = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(view).toBeTruthy();
  expect(shown).toBeTruthy();
  const lines = compile(view!, { filename: "counter.tsx" }).code.split("\n");
  for (const line of shown!.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("//")) continue;
    expect(lines, `README line: ${line}`).toContain(line);
  }
});
