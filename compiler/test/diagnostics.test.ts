import { describe, expect, test } from "vitest";
import { compile, CompileError } from "@livetsx/compiler";

function errorOf(source: string, filename = "views/bad.tsx"): CompileError {
  try {
    compile(source, { filename });
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("expected a CompileError");
}

const view = (events: string, body: string) =>
  `import { defineView } from "@livetsx/server";\nexport default defineView({\n  events: { ${events} },\n  render: ({ open }: any) => (\n    ${body}\n  ),\n});\n`;

describe("event names", () => {
  test("an unknown name fails with a suggestion, a location and a code frame", () => {
    const e = errorOf(view("inc: () => {}, dec: () => {}", `<button phx-click="inx">+</button>`));
    expect(e.code).toBe("unknown-event");
    expect(e.message).toContain(`views/bad.tsx:5:23: error [unknown-event] phx-click="inx"`);
    expect(e.message).toContain(`Did you mean "inc"?`);
    expect(e.frame).toContain(`> 5 |     <button phx-click="inx">+</button>`);
    expect(e.loc).toEqual({ file: "views/bad.tsx", line: 5, column: 23 });
  });

  test("every literal a conditional can produce is checked", () => {
    const e = errorOf(view("close: () => {}", `<button phx-click={open ? "close" : "opne"}>x</button>`));
    expect(e.message).toContain(`phx-click="opne"`);
  });

  test("all errors are reported at once", () => {
    const e = errorOf(view("a: () => {}", `<form phx-change="b" phx-submit="c"><input phx-blur="a" /></form>`));
    expect(e.diagnostics.map((d) => d.message.slice(0, 15))).toEqual([`phx-change="b" `, `phx-submit="c" `]);
  });

  test("phx-target, lv: events and views with unknowable events are not checked", () => {
    expect(() => compile(view("a: () => {}", `<button phx-click="other" phx-target="#c">x</button>`), { filename: "v.tsx" })).not.toThrow();
    expect(() => compile(view("a: () => {}", `<button phx-click="lv:clear-flash">x</button>`), { filename: "v.tsx" })).not.toThrow();
    expect(() => compile(view("...base", `<button phx-click="whatever">x</button>`), { filename: "v.tsx" })).not.toThrow();
  });
});

describe("other diagnostics", () => {
  test("a list entry without a key is a warning, not an error", () => {
    const { diagnostics } = compile(view("", `<ul>{[1, 2].map((n) => <li>{n}</li>)}</ul>`), { filename: "v.tsx" });
    expect(diagnostics).toMatchObject([{ code: "missing-key", severity: "warning", line: 5, column: 28 }]);
  });

  test("React handlers are refused with the binding to use", () => {
    const e = errorOf(view("", `<input onChange={() => 1} />`));
    expect(e.code).toBe("react-event-prop");
    expect(e.message).toContain(`phx-change="event_name"`);
  });

  test("dangerouslySetInnerHTML points to raw()", () => {
    expect(errorOf(view("", `<div dangerouslySetInnerHTML={{ __html: "x" }} />`)).message).toContain("{raw(html)}");
  });

  test("syntax errors carry their location", () => {
    const e = errorOf(`const x = <div>;\n`, "views/syntax.tsx");
    expect(e.code).toBe("syntax-error");
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/^views\/syntax\.tsx:1:\d+: error \[syntax-error\]/);
  });

  test("an unknown target is refused", () => {
    expect(() => compile("", { filename: "v.tsx", target: "dom" as "server" })).toThrow(/Unknown compile target "dom"/);
  });
});

describe("output", () => {
  test("types are removed and a source map points back to the input", () => {
    const source = view("", `<p>{(open as boolean) ? "yes" : "no"}</p>`);
    const { code, map } = compile(source, { filename: "views/t.tsx" });
    expect(code).not.toMatch(/as boolean|: any/);
    const m = map as { sources: string[]; mappings: string; sourcesContent: string[] };
    expect(m.sources).toEqual(["views/t.tsx"]);
    expect(m.sourcesContent[0]).toBe(source);
    expect(m.mappings.length).toBeGreaterThan(0);
  });

  test("a module without JSX is left without runtime imports", () => {
    const { code } = compile(`export const x: number = 1;\n`, { filename: "plain.ts" });
    expect(code).toBe("export const x = 1;");
  });
});
