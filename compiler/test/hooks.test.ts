/**
 * Hooks in the view module: the browser's part holds the hooks and what they use, nothing of
 * the view; the server's compile drops them and names `.Name` hooks by module; what cannot be
 * separated is a compile error at its place, with a code frame.
 */
import { describe, expect, test } from "vitest";
import { compile, CompileError, extractHooks, scanModule } from "../src/index.js";

const VIEW = `import { readFileSync } from "node:fs";
import { defineView, reply } from "@livetsx/server";
import type { Hook } from "@livetsx/client";
import { query } from "./db.ts";
import { draw, both } from "./draw.ts";
import confetti from "confetti";

const ROWS = query("select 1");
const COLORS = ["red", "blue"], SIZE = readFileSync("/x").length;
function color(i: number): string { return COLORS[i % COLORS.length]!; }

export const hooks = {
  Chart: {
    mounted() {
      void this.pushEvent("data", {}).then((r: unknown) => draw(this.el, r, color(0), both));
      confetti();
    },
  },
  "Copy-Button": { mounted(this: { el: HTMLElement }) { this.el.dataset.ready = "yes"; } },
} satisfies Record<string, Hook>;

export default defineView({
  mount: (_p, _s, socket) => { socket.assign({ rows: ROWS, size: SIZE, both }); },
  events: { data: () => reply({ rows: ROWS }) },
  render: ({ size }: { size: number }) => <div id="chart" phx-hook=".Chart" data-size={size}><b id="copy" phx-hook=".Copy-Button" /></div>,
});
`;

function compileError(source: string, run: (code: string) => unknown = (code) => extractHooks(code, { filename: "src/v.tsx" })): CompileError {
  try {
    run(source);
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
  throw new Error("expected a compile error");
}

describe("the browser's part (extractHooks)", () => {
  test("holds the hooks under full names with the imports and declarations they use, and nothing else", () => {
    const { code, names } = extractHooks(VIEW, { filename: "src/views/v.tsx" });
    expect(names).toEqual(["src/views/v.tsx#Chart", "src/views/v.tsx#Copy-Button"]);
    expect(code).toContain(`"src/views/v.tsx#Chart": {`);
    expect(code).toContain(`import { draw, both } from "./draw.ts";`);
    expect(code).toContain(`import confetti from "confetti";`);
    expect(code).toContain(`const COLORS = ["red", "blue"];`);
    expect(code).toContain("function color(i) {");
    for (const server of ["node:fs", "@livetsx/server", "./db.ts", "query", "ROWS", "SIZE", "defineView", "readFileSync", "satisfies", "HTMLElement"]) {
      expect(code, server).not.toContain(server);
    }
  });

  test("a module without hooks gives an empty registry part", () => {
    const { code, names } = extractHooks(`import { defineView } from "@livetsx/server";\nexport default defineView({ render: () => <p /> });\n`, { filename: "a.tsx" });
    expect(names).toEqual([]);
    expect(code.trim()).toBe("export const hooks = {};");
  });

  test("scanModule lists the imports to follow and whether hooks are exported", () => {
    expect(scanModule(VIEW, "v.tsx")).toEqual({ imports: ["node:fs", "@livetsx/server", "./db.ts", "./draw.ts", "confetti"], hooks: true });
    expect(scanModule(`import type { X } from "./t.ts";\nexport { a } from "./a.ts";\nconst m = () => import("./lazy.tsx");\n`, "r.ts")).toEqual({
      imports: ["./a.ts", "./lazy.tsx"],
      hooks: false,
    });
  });
});

describe("the server's compile", () => {
  test("drops the hooks and the imports only they use, and names .Name hooks by module", () => {
    const { code } = compile(VIEW, { filename: "src/views/v.tsx" });
    expect(code).not.toContain("confetti");
    expect(code).not.toContain("function color");
    expect(code).not.toContain("COLORS");
    expect(code).not.toMatch(/\bdraw\b(?!\.ts)/);
    // Used by the view too: kept.
    expect(code).toContain(`import { both } from "./draw.ts";`);
    expect(code).toContain(`phx-hook=\\"src/views/v.tsx#Chart\\"`);
    expect(code).toContain(`phx-hook=\\"src/views/v.tsx#Copy-Button\\"`);
  });

  test("a .Name the module does not export is an error; a bare name that it exports is a warning", () => {
    const error = compileError(`export const hooks = { Chart: {} };\nexport const V = () => <p phx-hook=".Chrat" />;\n`, (code) => compile(code, { filename: "src/v.tsx" }));
    expect(error.code).toBe("unknown-hook");
    expect(error.message).toMatch(/^src\/v\.tsx:2:36: error \[unknown-hook\] phx-hook="\.Chrat" names a hook of this module, but its hooks are: "Chart"/);
    expect(error.frame).toContain(`> 2 | export const V = () => <p phx-hook=".Chrat" />;`);
    const { diagnostics, code } = compile(`export const hooks = { Chart: {} };\nexport const V = () => <p phx-hook="Chart" />;\n`, { filename: "src/v.tsx" });
    expect(diagnostics.map((d) => d.code)).toEqual(["hook-without-dot"]);
    expect(code).toContain(`phx-hook=\\"Chart\\"`);
  });
});

describe("what cannot be separated is a compile error with its place", () => {
  const cases: [string, string, string, RegExp][] = [
    ["a value that is not an object literal", `const make = () => ({});\nexport const hooks = make();\n`, "hooks-not-literal", /^src\/v\.tsx:2:22: /],
    ["a spread", `const base = {};\nexport const hooks = { ...base, A: {} };\n`, "hooks-not-literal", /^src\/v\.tsx:2:24: /],
    ["a computed key", `const k = "A";\nexport const hooks = { [k]: {} };\n`, "hooks-not-literal", /^src\/v\.tsx:2:24: /],
    ["a let", `export let hooks = {};\n`, "hooks-not-literal", /^src\/v\.tsx:1:8: /],
    ["an export of a local", `const hooks = {};\nexport { hooks };\n`, "hooks-not-literal", /^src\/v\.tsx:2:10: /],
    [
      "a server-only import, through a declaration",
      `import { readFileSync } from "node:fs";\nconst SIZE = readFileSync("/x").length;\nexport const hooks = { A: { mounted() { return SIZE; } } };\n`,
      "hooks-server-only",
      /^src\/v\.tsx:2:14: error \[hooks-server-only\] Hook code runs in the browser, but `readFileSync` comes from "node:fs"/,
    ],
    [
      "the view's runtime",
      `import { defineView } from "@livetsx/server";\nconst View = defineView({ render: () => null });\nexport const hooks = { A: { mounted() { return View; } } };\n`,
      "hooks-server-only",
      /^src\/v\.tsx:2:14: .*`defineView` comes from "@livetsx\/server"/,
    ],
    ["JSX", `export const hooks = { A: { mounted() { return <p />; } } };\n`, "hooks-jsx", /^src\/v\.tsx:1:48: /],
    ["a reassigned module variable", `let n = 0;\nexport function bump() { n++; }\nexport const hooks = { A: { mounted() { return n; } } };\n`, "hooks-reassigned", /^src\/v\.tsx:3:48: /],
  ];
  test.each(cases)("%s", (_name, source, code, where) => {
    for (const run of [(c: string) => extractHooks(c, { filename: "src/v.tsx" }), (c: string) => compile(c, { filename: "src/v.tsx" })]) {
      const error = compileError(source, run);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(where);
      expect(error.frame).toMatch(/^> \d+ \|/m);
    }
  });

  test("a type from the server package is no server code", () => {
    const { code } = extractHooks(`import { type Reply } from "@livetsx/server";\nexport const hooks = { A: { mounted(): Reply | null { return null; } } };\n`, { filename: "v.tsx" });
    expect(code).not.toContain("@livetsx/server");
  });
});

test("the README's example separates as the README says", async () => {
  const { readFile } = await import("node:fs/promises");
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const example = /## Hooks in the view module[\s\S]*?```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeTruthy();
  const browser = extractHooks(example!, { filename: "src/views/stats.tsx" });
  expect(browser.names).toEqual(["src/views/stats.tsx#Chart"]);
  expect(browser.code).toContain(`import { drawBars } from "./chart.ts";`);
  expect(browser.code).not.toContain("@livetsx/server");
  const server = compile(example!, { filename: "src/views/stats.tsx" }).code;
  expect(server).not.toContain("drawBars");
  expect(server).toContain(`phx-hook=\\"src/views/stats.tsx#Chart\\"`);
});
