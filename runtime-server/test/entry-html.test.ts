/**
 * The HTTP render's lists: entries rendered through the HTML functions the compiler writes beside
 * their entry functions must give, byte for byte, what walking each entry's `Rendered` gives, for
 * any assigns.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compile } from "@livetsx/compiler";
import { renderToString } from "../src/index.js";
import { renderTreeToString } from "../src/html.js";
import { Comprehension, Rendered } from "../src/template.js";
import View, { type Assigns, type Item } from "./views/entry-html.tsx";

// Strings with what HTML escapes, URL schemes the attribute check blocks, and astral characters.
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("<b>", "a & b", '"q"', "it's", "javascript:alert(1)", "  ", "", "👽", "</li>"),
);
const item = (id: number) =>
  fc.record({
    id: fc.constant(id),
    name: text,
    tags: fc.uniqueArray(text, { maxLength: 4 }),
    done: fc.boolean(),
    url: fc.oneof(text, fc.constantFrom("/x?a=1&b=2", "https://example.com", "javascript:void(0)", " JAVASCRIPT:x")),
    size: fc.option(fc.integer({ min: -5, max: 500 })),
    note: fc.option(text, { nil: undefined }),
  }) satisfies fc.Arbitrary<Item>;
const assigns: fc.Arbitrary<Assigns> = fc.record({
  title: text,
  items: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => item(i + 1)))),
  selected: fc.option(fc.integer({ min: 0, max: 7 })),
  compact: fc.boolean(),
});

/** The view's lists, from its tree: the comprehensions among its root's slots. */
function listsOf(tree: Rendered): Comprehension[] {
  const lists: Comprehension[] = [];
  const visit = (value: unknown): void => {
    if (value instanceof Comprehension) lists.push(value);
    else if (value instanceof Rendered) for (const d of value.dynamics) visit(typeof d === "function" ? (d as () => unknown)() : d);
  };
  visit(tree);
  return lists;
}

describe("entry HTML functions", () => {
  test("the compiler writes one for each entry of one element whose slots it can copy, and none for the others", () => {
    const tree = View.render({ title: "t", items: [], selected: null, compact: false }) as Rendered;
    const lists = listsOf(tree);
    expect(lists).toHaveLength(5);
    // The arrow entries of one element have one; the entry of two templates and the `function` callback do not.
    expect(lists.map((l) => l.html !== null)).toEqual([true, true, false, false, true]);
    const source = readFileSync(new URL("./views/entry-html.tsx", import.meta.url), "utf8");
    const { code } = compile(source, { filename: "entry-html.tsx" });
    expect(code).toContain("_$attrHTML(\"href\", item.url)");
  });

  test("give the bytes the tree gives, for any assigns", () => {
    fc.assert(
      fc.property(assigns, (a) => {
        const html = renderToString(View.render(a));
        expect(html).toBe(renderTreeToString(View.render(a)));
        expect(html).toContain(`<main title=`);
      }),
      { numRuns: 300 },
    );
  });

  test("a slot that throws fails the render as the tree's does", () => {
    const bad = { id: 1, name: "x", tags: [], done: false, url: "/", size: null, get note(): string {
      throw new Error("note failed");
    } } as Item;
    const a = { title: "t", items: [bad], selected: null, compact: false };
    expect(() => renderTreeToString(View.render(a))).toThrow("note failed");
    expect(() => renderToString(View.render(a))).toThrow("note failed");
  });
});
