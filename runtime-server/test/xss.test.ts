/**
 * Markup injection through names and values the server renders: every vector is rendered and
 * the output parsed with parse5, a spec-conforming HTML parser, which must find exactly the
 * elements and attributes intended, nothing more, in every render path (the HTTP page, the join
 * render, a diff merged into the client's tree).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { parse, parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { Rendered as ClientRendered } from "@livetsx/client";
import { attrs, isAttributeName } from "../src/attributes.js";
import { Form, Input, Link, renderToString, type Field } from "../src/index.js";
import { attributeOf, NAME_VECTORS, type NameVector } from "./attribute-name-vectors.js";
import { joinedView, startServer, type TestServer } from "./support.js";
import SpreadVectors from "./views/spread-vectors.tsx";

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const isElement = (node: Node): node is Element => "tagName" in node;

/** The element with this id, anywhere below `node`. */
function byId(node: Node, id: string): Element | null {
  if (isElement(node) && node.attrs.some((a) => a.name === "id" && a.value === id)) return node;
  for (const child of "childNodes" in node ? node.childNodes : []) {
    const found = byId(child, id);
    if (found) return found;
  }
  return null;
}

/**
 * What the parser made of an element: its tag, its attributes (sorted: an object lists integer
 * keys such as "1" first), its child nodes' kinds.
 */
function shape(element: Element) {
  return {
    tag: element.tagName,
    attributes: sorted(element.attrs.map((a) => [a.name, a.value])),
    children: element.childNodes.map((child) => (isElement(child) ? `<${child.tagName}>` : child.nodeName)),
  };
}

/** The attributes a vector's element must have: `before`, and the vector's when it is valid. */
function expected(vector: NameVector, before: [string, string][], value: string): string[][] {
  return sorted(vector.valid ? [...before, [attributeOf(vector), value]] : before);
}

function sorted(attributes: string[][]): string[][] {
  return attributes.toSorted(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
}

/** Checks the `<section id="vectors">` of a render: one bare `<div>` per vector, as intended. */
function checkVectors(section: Element | null, stage: 1 | 2): void {
  expect(section).not.toBeNull();
  expect(section!.childNodes.map((child) => (isElement(child) ? child.tagName : child.nodeName))).toEqual(NAME_VECTORS.map(() => "div"));
  NAME_VECTORS.forEach((vector, i) => {
    const before: [string, string][] = stage === 1 ? [["id", `v${i}`]] : [["id", `v${i}`], ["title", "t"]];
    expect(shape(section!.childNodes[i] as Element), JSON.stringify(vector.name)).toEqual({
      tag: "div",
      attributes: expected(vector, before, String(stage)),
      children: [],
    });
  });
}

test("the vector list covers at least 70 names, most of them refused", () => {
  expect(NAME_VECTORS.length).toBeGreaterThanOrEqual(70);
  expect(NAME_VECTORS.filter((v) => !v.valid).length).toBeGreaterThanOrEqual(50);
});

describe("attribute names of a spread", () => {
  // The warnings of the vectors are not this test's output; the one below checks them.
  beforeEach(() => void vi.spyOn(console, "warn").mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  test.each(NAME_VECTORS.map((v) => [JSON.stringify(v.name), v] as const))("%s", (_label, vector) => {
    expect(isAttributeName(vector.name)).toBe(vector.valid);
    const html = `<div${attrs({ id: "x", [vector.name]: "v" }).html}></div>`;
    const fragment = parseFragment(html);
    expect(fragment.childNodes).toHaveLength(1);
    expect(shape(fragment.childNodes[0] as Element)).toEqual({ tag: "div", attributes: expected(vector, [["id", "x"]], "v"), children: [] });
  });

  test("an invalid name is warned about once, naming it; valid names are not", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const name = 'data-"><b>warned</b>';
      attrs({ [name]: 1, onclick: "x", "data-ok": 2 });
      attrs({ [name]: 1 });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain(JSON.stringify(name));
      expect(String(warn.mock.calls[0]![0])).toMatch(/^\[livetsx\] dropped the spread attribute/);
    } finally {
      warn.mockRestore();
    }
  });

  test("an event handler name in a spread is kept, its value escaped", () => {
    const html = `<div${attrs({ onclick: '"><script>alert(1)</script>' }).html}></div>`;
    expect(shape(parseFragment(html).childNodes[0] as Element)).toEqual({
      tag: "div",
      attributes: [["onclick", '"><script>alert(1)</script>']],
      children: [],
    });
  });
});

describe("components pass their rest props through the same check", () => {
  beforeEach(() => void vi.spyOn(console, "warn").mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());
  const field: Field = { name: "user[email]", id: "user_email", value: "a@b", errors: [], used: false, form: "user" };
  const vectors = NAME_VECTORS.filter((v) => v.as === undefined);

  test("<Input>", () => {
    for (const vector of vectors) {
      const fragment = parseFragment(renderToString(Input({ field, [vector.name]: "v" })));
      const input = byId(fragment, "user_email");
      const base: [string, string][] = [["type", "text"], ["id", "user_email"], ["name", "user[email]"], ["value", "a@b"]];
      expect(fragment.childNodes, JSON.stringify(vector.name)).toHaveLength(1);
      expect(shape(input!), JSON.stringify(vector.name)).toEqual({ tag: "input", attributes: expected(vector, base, "v"), children: [] });
    }
  });

  test("<Form>", () => {
    for (const vector of vectors) {
      const fragment = parseFragment(renderToString(Form({ for: { name: "user" } as never, [vector.name]: "v", children: "c" })));
      expect(fragment.childNodes, JSON.stringify(vector.name)).toHaveLength(1);
      expect(shape(fragment.childNodes[0] as Element), JSON.stringify(vector.name)).toEqual({
        tag: "form",
        attributes: expected(vector, [["id", "user"]], "v"),
        children: ["#text"],
      });
    }
  });

  test("<Link>", () => {
    for (const vector of vectors.filter((v) => attributeOf(v) !== "href")) {
      const fragment = parseFragment(renderToString(Link({ href: "/a", [vector.name]: "v", children: "c" })));
      expect(fragment.childNodes, JSON.stringify(vector.name)).toHaveLength(1);
      const attributes = expected(vector, [["href", "/a"]], "v");
      expect(shape(fragment.childNodes[0] as Element), JSON.stringify(vector.name)).toEqual({ tag: "a", attributes, children: ["#text"] });
    }
  });
});

describe("a view spreading every vector", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ routes: { "/": SpreadVectors } });
  });
  afterAll(() => server.close());

  test("the HTTP page, the join render and a diff merged into it parse to the intended elements", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { page, client, reply } = await joinedView(server, "/");
      checkVectors(byId(parse(page.html), "vectors"), 1);

      const rendered = new ClientRendered((reply.response as { rendered: Record<string, unknown> }).rendered);
      checkVectors(byId(parseFragment(String(rendered)), "vectors"), 1);

      const { response } = await client.click(page, "change");
      rendered.merge((response as { diff: Record<string, unknown> }).diff);
      checkVectors(byId(parseFragment(String(rendered)), "vectors"), 2);
      client.close();
    } finally {
      warn.mockRestore();
    }
  });
});

describe("keys naming one attribute", () => {
  /** The attributes the parser gives the one element of `html`. */
  const parsed = (html: string) => (parseFragment(`<div${html}></div>`).childNodes[0] as Element).attrs.map((a) => [a.name, a.value]);

  test("the last of class and className, or of two spellings in another case, wins as in JSX", () => {
    expect(parsed(attrs({ class: "a", id: "x", className: "b" }).html)).toEqual([["id", "x"], ["class", "b"]]);
    expect(parsed(attrs({ className: "a", class: "b" }).html)).toEqual([["class", "b"]]);
    expect(parsed(attrs({ htmlFor: "a", for: "b" }).html)).toEqual([["for", "b"]]);
    expect(parsed(attrs({ href: "/a", HREF: "/b" }).html)).toEqual([["href", "/b"]]);
    expect(parsed(attrs({ "DATA-X": "1", "data-x": "2", title: "t" }).html)).toEqual([["data-x", "2"], ["title", "t"]]);
  });

  test("a later nullish or false value removes the attribute", () => {
    expect(parsed(attrs({ class: "a", className: null }).html)).toEqual([]);
    expect(parsed(attrs({ disabled: true, DISABLED: false }).html)).toEqual([]);
  });

  test("the tokenizer folds ASCII case only: other letters name other attributes", () => {
    expect(parsed(attrs({ "data-É": "1", "data-é": "2" }).html)).toEqual([["data-É", "1"], ["data-é", "2"]]);
  });
});
