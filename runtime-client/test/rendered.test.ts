/**
 * The rendered cache: a join, then diffs merged one by one, the HTML checked after each. Every
 * diff is frozen first, so a merge that writes into a diff fails loudly.
 */
import { describe, expect, test } from "vitest";
import { Rendered, type Diff, type MergeResult } from "../src/rendered.js";
import { prng } from "./differential/random-ops.js";
import {
  COMPONENTS,
  EVENTS,
  KEYED,
  KEYED_COUNT,
  KEYED_MOVED,
  REPLY,
  ROOT,
  STATIC,
  STREAM,
  TEMPLATES,
  TITLE,
} from "../src/wire.js";

interface Step {
  diff: Diff;
  html: string;
  result?: Partial<MergeResult>;
}

function freeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) freeze(child);
    Object.freeze(value);
  }
  return value;
}

function run(steps: Step[]): void {
  const rendered = new Rendered();
  for (const [i, step] of steps.entries()) {
    const result = rendered.merge(freeze(step.diff));
    expect(rendered.toString(), `step ${i}`).toBe(step.html);
    if (step.result) expect(result, `step ${i}`).toEqual({ events: [], components: [], ...step.result });
  }
}

const THERMO = '<div id="thermo"><h1>Temp: ';
const THERMO_MID = '</h1><button phx-click="inc">+</button><ul>';

const CASES: Record<string, Step[]> = {
  counter: [
    { diff: { 0: "72", [STATIC]: ["<p>", "</p>"] }, html: "<p>72</p>" },
    { diff: { 0: "73" }, html: "<p>73</p>" },
  ],

  // PROTOCOL.md section 6, verbatim.
  thermostat: [
    {
      diff: {
        0: "72",
        1: { [KEYED]: { 0: { 0: "kitchen", 1: "21" }, 1: { 0: "garage", 1: "12" }, [KEYED_COUNT]: 2 }, [STATIC]: 0 },
        [STATIC]: 1,
        [ROOT]: 1,
        [TEMPLATES]: {
          0: ["<li>", "<span>", "</span></li>"],
          1: ['<div id="thermo"><h1>Temp: ', '</h1><button phx-click="inc">+</button><ul>', "</ul></div>"],
        },
      },
      html: `${THERMO}72${THERMO_MID}<li>kitchen<span>21</span></li><li>garage<span>12</span></li></ul></div>`,
    },
    {
      diff: { 0: "73" },
      html: `${THERMO}73${THERMO_MID}<li>kitchen<span>21</span></li><li>garage<span>12</span></li></ul></div>`,
    },
    {
      diff: { 1: { [KEYED]: { 0: 1, 1: 0, [KEYED_COUNT]: 2, [KEYED_MOVED]: true } } },
      html: `${THERMO}73${THERMO_MID}<li>garage<span>12</span></li><li>kitchen<span>21</span></li></ul></div>`,
    },
    {
      diff: { 1: { [KEYED]: { 1: { 1: "13" }, [KEYED_COUNT]: 2 } } },
      html: `${THERMO}73${THERMO_MID}<li>garage<span>12</span></li><li>kitchen<span>13</span></li></ul></div>`,
    },
    {
      diff: { 1: { [KEYED]: { [KEYED_COUNT]: 0 } } },
      html: `${THERMO}73${THERMO_MID}</ul></div>`,
    },
    {
      diff: { [EVENTS]: [["highlight", { id: 5 }]], [TITLE]: "Inbox (3)" },
      html: `${THERMO}73${THERMO_MID}</ul></div>`,
      result: { events: [["highlight", { id: 5 }]], title: "Inbox (3)" },
    },
  ],

  "shared statics (p) at the root, nested and in comprehensions, per diff": [
    {
      diff: {
        [STATIC]: 0,
        0: { [STATIC]: 1, 0: "a" },
        1: { [STATIC]: 1, [KEYED]: { 0: { 0: "x" }, 1: { 0: { [STATIC]: 2, 0: "y" } }, [KEYED_COUNT]: 2 } },
        [TEMPLATES]: { 0: ["<div>", "", "</div>"], 1: ["<b>", "</b>"], 2: ["<i>", "</i>"] },
      },
      html: "<div><b>a</b><b>x</b><b><i>y</i></b></div>",
    },
    {
      // Index 0 of this diff's table is not index 0 of the join's: tables do not carry over.
      diff: {
        0: { [STATIC]: 0, 0: "c" },
        1: { [KEYED]: { 0: { 0: { [STATIC]: 1, 0: "z" } }, [KEYED_COUNT]: 2 } },
        [TEMPLATES]: { 0: ["<u>", "</u>"], 1: ["<s>", "</s>"] },
      },
      html: "<div><u>c</u><b><s>z</s></b><b><i>y</i></b></div>",
    },
    { diff: { 0: { 0: "d" } }, html: "<div><u>d</u><b><s>z</s></b><b><i>y</i></b></div>" },
  ],

  "nested rendered: merged without s, replaced with s": [
    {
      diff: { [STATIC]: ["<p>", "</p>"], 0: { [STATIC]: ["<b>", "|", "</b>"], 0: "a", 1: "b" } },
      html: "<p><b>a|b</b></p>",
    },
    { diff: { 0: { 1: "c" } }, html: "<p><b>a|c</b></p>" },
    // New statics with one dynamic: nothing of the old subtree survives, not even slot 1.
    { diff: { 0: { [STATIC]: ["<i>", "</i>"], 0: "x" } }, html: "<p><i>x</i></p>" },
    { diff: { 0: { 0: "y" } }, html: "<p><i>y</i></p>" },
  ],

  "branch switch": [
    { diff: { [STATIC]: ["<main>", "</main>"], 0: { [STATIC]: ["<p>Loading ", "</p>"], 0: "…" } }, html: "<main><p>Loading …</p></main>" },
    { diff: { 0: { [STATIC]: ["<ul>", "</ul>"], 0: "<li>1</li>" } }, html: "<main><ul><li>1</li></ul></main>" },
    { diff: { 0: "" }, html: "<main></main>" },
    { diff: { 0: { [STATIC]: ["<p>Loading ", "</p>"], 0: "again" } }, html: "<main><p>Loading again</p></main>" },
  ],

  "keyed comprehension": [
    {
      diff: {
        [STATIC]: ["<ul>", "</ul>"],
        0: { [STATIC]: ["<li>", "</li>"], [KEYED]: { 0: { 0: "a" }, 1: { 0: "b" }, [KEYED_COUNT]: 2 } },
      },
      html: "<ul><li>a</li><li>b</li></ul>",
    },
    { diff: { 0: { [KEYED]: { 2: { 0: "c" }, [KEYED_COUNT]: 3 } } }, html: "<ul><li>a</li><li>b</li><li>c</li></ul>" },
    { diff: { 0: { [KEYED]: { 1: { 0: "B" }, [KEYED_COUNT]: 3 } } }, html: "<ul><li>a</li><li>B</li><li>c</li></ul>" },
    { diff: { 0: { [KEYED]: { [KEYED_COUNT]: 2 } } }, html: "<ul><li>a</li><li>B</li></ul>" },
    // Remove the first: the second moves up to index 0.
    { diff: { 0: { [KEYED]: { 0: 1, [KEYED_COUNT]: 1, [KEYED_MOVED]: true } } }, html: "<ul><li>B</li></ul>" },
    {
      diff: { 0: { [KEYED]: { 0: { 0: "n" }, 1: [0, { 0: "B2" }], [KEYED_COUNT]: 2, [KEYED_MOVED]: true } } },
      html: "<ul><li>n</li><li>B2</li></ul>",
    },
    // A rotation: every index reads the entry from before this diff.
    {
      diff: { 0: { [KEYED]: { 0: { 0: "m" }, 1: [0, { 0: "n2" }], 2: 1, [KEYED_COUNT]: 3, [KEYED_MOVED]: true } } },
      html: "<ul><li>m</li><li>n2</li><li>B2</li></ul>",
    },
    {
      diff: { 0: { [KEYED]: { 0: 2, 1: 0, 2: 1, [KEYED_COUNT]: 3, [KEYED_MOVED]: true } } },
      html: "<ul><li>B2</li><li>m</li><li>n2</li></ul>",
    },
    { diff: { 0: { [KEYED]: { [KEYED_COUNT]: 0 } } }, html: "<ul></ul>" },
    {
      diff: { 0: { [KEYED]: { 0: { 0: "fresh" }, [KEYED_COUNT]: 1 }, [STREAM]: ["ref", [["items-1", -1, null, false]], []] } },
      html: "<ul><li>fresh</li></ul>",
    },
  ],

  "nested comprehensions: rows × cells": [
    {
      diff: {
        [STATIC]: ["<table>", "</table>"],
        0: {
          [STATIC]: ["<tr>", "</tr>"],
          [KEYED]: {
            0: { 0: { [STATIC]: ["<td>", "</td>"], [KEYED]: { 0: { 0: "a1" }, 1: { 0: "a2" }, [KEYED_COUNT]: 2 } } },
            1: { 0: { [STATIC]: ["<td>", "</td>"], [KEYED]: { 0: { 0: "b1" }, 1: { 0: "b2" }, [KEYED_COUNT]: 2 } } },
            [KEYED_COUNT]: 2,
          },
        },
      },
      html: "<table><tr><td>a1</td><td>a2</td></tr><tr><td>b1</td><td>b2</td></tr></table>",
    },
    {
      diff: { 0: { [KEYED]: { 1: { 0: { [KEYED]: { 0: { 0: "B1" }, [KEYED_COUNT]: 2 } } }, [KEYED_COUNT]: 2 } } },
      html: "<table><tr><td>a1</td><td>a2</td></tr><tr><td>B1</td><td>b2</td></tr></table>",
    },
    {
      diff: { 0: { [KEYED]: { 0: [1, { 0: { [KEYED]: { 0: 1, 1: 0, [KEYED_COUNT]: 2, [KEYED_MOVED]: true } } }], 1: 0, [KEYED_COUNT]: 2, [KEYED_MOVED]: true } } },
      html: "<table><tr><td>b2</td><td>B1</td></tr><tr><td>a1</td><td>a2</td></tr></table>",
    },
  ],

  "title, events and reply are returned, not rendered": [
    // A join's top-level `r` is its root flag, but merge cannot tell a join from a reply: the
    // caller ignores `reply` for a join.
    {
      diff: { [STATIC]: ["<h1>", "</h1>"], 0: "Inbox", [ROOT]: 1, [TITLE]: "Inbox" },
      html: "<h1>Inbox</h1>",
      result: { title: "Inbox", reply: 1 },
    },
    {
      diff: { [EVENTS]: [["highlight", { id: 5 }]], [TITLE]: "Inbox (3)" },
      html: "<h1>Inbox</h1>",
      result: { events: [["highlight", { id: 5 }]], title: "Inbox (3)" },
    },
    { diff: { [REPLY]: { ok: true }, 0: "Sent" }, html: "<h1>Sent</h1>", result: { reply: { ok: true } } },
  ],

  components: [
    {
      diff: {
        [STATIC]: ["<div>", "<p>", "</p></div>"],
        0: 1,
        1: { [STATIC]: ["", ""], [KEYED]: { 0: { 0: 2 }, [KEYED_COUNT]: 1 } },
        [COMPONENTS]: {
          1: { [STATIC]: ['<span class="card">', "</span>"], [ROOT]: 1, 0: "one" },
          2: { [STATIC]: 1, 0: "two" },
        },
      },
      html: '<div><span data-phx-component="1" class="card">one</span><p><span data-phx-component="2" class="card">two</span></p></div>',
    },
    {
      // 3 takes the statics of 2 from before this diff (-2), 4 those of 3 as of this diff (+3);
      // both start from that component's tree, so 4's slot 0 is 3's "two".
      diff: {
        1: { [KEYED]: { 1: { 0: 3 }, 2: { 0: 4 }, [KEYED_COUNT]: 3 } },
        [COMPONENTS]: { 2: { 0: "TWO" }, 3: { [STATIC]: -2 }, 4: { [STATIC]: 3 } },
      },
      html:
        '<div><span data-phx-component="1" class="card">one</span><p>' +
        '<span data-phx-component="2" class="card">TWO</span>' +
        '<span data-phx-component="3" class="card">two</span>' +
        '<span data-phx-component="4" class="card">two</span></p></div>',
    },
    {
      // A component's nested statics resolve against its own `p`; a new root without `r` gets no attribute.
      diff: {
        [COMPONENTS]: {
          1: { [STATIC]: ["<!-- c -->\n<em>", "</em>", ""], [ROOT]: 1, 0: "x", 1: { [STATIC]: 0, 0: "!" }, [TEMPLATES]: { 0: ["<b>", "</b>"] } },
          4: { [STATIC]: ["", "+"], 0: "plain" },
        },
      },
      html:
        '<div><!-- c -->\n<em data-phx-component="1">x</em><b>!</b><p>' +
        '<span data-phx-component="2" class="card">TWO</span>' +
        '<span data-phx-component="3" class="card">two</span>plain+</p></div>',
    },
  ],
};

describe("Rendered", () => {
  for (const [name, steps] of Object.entries(CASES)) test(name, () => run(steps));

  test("the constructor merges the join", () => {
    expect(String(new Rendered({ [STATIC]: ["<p>", "</p>"], 0: "72", [ROOT]: 1 }))).toBe("<p>72</p>");
  });

  test("pruned components are forgotten", () => {
    const rendered = new Rendered({ [STATIC]: ["", ""], 0: 1, [COMPONENTS]: { 1: { [STATIC]: ["<i>", "</i>"], 0: "c" } } });
    expect(rendered.toString()).toBe("<i>c</i>");
    rendered.merge({ 0: "" });
    rendered.pruneComponents([1]);
    expect(rendered.toString()).toBe("");
    expect(() => rendered.merge({ 0: 1 }) && rendered.toString()).toThrow(/component 1/);
  });

  test("an unknown shared statics index is reported", () => {
    expect(() => new Rendered({ [STATIC]: 3, [TEMPLATES]: { 0: ["a"] } })).toThrow(/shared statics 3/);
  });
});

describe("patching alone", () => {
  const ROW = ['\n  <tr id="', '"><td>', "</td>", "</tr>\n"];
  const page = (): Diff => ({
    [STATIC]: ["<div><p>", "</p><table>", "</table>", "</div>"],
    0: "0",
    1: { [STATIC]: ROW, [KEYED]: { 0: { 0: "a", 1: "A", 2: "" }, 1: { 0: "b", 1: "B", 2: "" }, [KEYED_COUNT]: 2 } },
    2: { [STATIC]: ["<span>", "</span>"], 0: "x", [ROOT]: 1 },
  });

  function joined(): Rendered {
    const rendered = new Rendered();
    rendered.merge(freeze(page()));
    rendered.domHTML();
    return rendered;
  }

  test("the DOM's HTML marks single roots with their path, and the element around each slot; plain HTML is unmarked", () => {
    const rendered = joined();
    expect(rendered.domHTML(true)).toBe(
      '<div><p data-phx-id=".0">0</p><table data-phx-id=".1">\n  <tr data-phx-id="-1-0" id="a"><td>A</td></tr>\n\n  <tr data-phx-id="-1-1" id="b"><td>B</td></tr>\n' +
        '</table><span data-phx-id="-2">x</span></div>',
    );
    expect(rendered.toString()).not.toContain("data-phx-id");
  });

  test("rendering the whole view again, what the page shows as it is goes as stubs that keep their id", () => {
    const rendered = joined();
    rendered.merge(freeze({ 1: { [KEYED]: { 1: { 1: "B2" }, [KEYED_COUNT]: 2 } }, 2: "y" }));
    expect(rendered.takeUnits()).toBeNull();
    expect(rendered.domHTML()).toBe(
      '<div><p data-phx-id=".0" data-phx-skip></p><table data-phx-id=".1">\n  <tr data-phx-id="-1-0" data-phx-skip id="a"></tr>\n\n  <tr data-phx-id="-1-1" id="b"><td>B2</td></tr>\n' +
        "</table>y</div>",
    );
    // After a move each entry is compared with the one the page shows at its new place.
    rendered.merge(freeze({ 1: { [KEYED]: { 0: 1, 1: 0, [KEYED_COUNT]: 2, [KEYED_MOVED]: 1 } } }));
    expect(rendered.domHTML()).toContain('<tr data-phx-id="-1-0" id="b"><td>B2</td></tr>');
    // The units patched count as shown.
    rendered.merge(freeze({ 2: { [STATIC]: ["<span>", "</span>"], 0: "x", [ROOT]: 1 } }));
    rendered.domHTML();
    rendered.merge(freeze({ 2: { 0: "y" } }));
    expect(rendered.takeUnits()).toHaveLength(1);
    rendered.shown();
    rendered.merge(freeze({ 1: { [KEYED]: { [KEYED_COUNT]: 1 } } }));
    expect(rendered.domHTML()).toContain('<span data-phx-id="-2" data-phx-skip></span>');
    // An element none of whose slots changed goes as a stub with its attributes: the rows with it.
    const page2 = new Rendered();
    page2.merge(freeze({ [STATIC]: ['<main class="', '"><ul id="list" class="', '">', "</ul></main>"], 0: "a", 1: "b", 2: { [STATIC]: ["<li>", "</li>"], [KEYED]: { 0: { 0: "x" }, [KEYED_COUNT]: 1 } } }));
    page2.domHTML();
    page2.merge(freeze({ 0: "A" }));
    expect(page2.takeUnits()).toBeNull();
    expect(page2.domHTML()).toBe('<main class="A"><ul data-phx-id=".0" data-phx-skip id="list" class="b"></ul></main>');
  });

  test("a change inside an entry or a single-root rendered is that element alone", () => {
    const rendered = joined();
    rendered.merge(freeze({ 1: { [KEYED]: { 1: { 1: "B2" }, [KEYED_COUNT]: 2 } }, 2: { 0: "y" } }));
    expect(rendered.takeUnits()).toEqual([
      { id: "-1-1", html: '\n  <tr data-phx-id="-1-1" id="b"><td>B2</td></tr>\n' },
      { id: "-2", html: '<span data-phx-id="-2">y</span>' },
    ]);
    expect(rendered.takeUnits()).toBeNull();
  });

  test("a value's innermost element is patched alone, unless a nested node is inside it too", () => {
    const rendered = joined();
    rendered.merge(freeze({ 0: "1" }));
    expect(rendered.takeUnits()).toEqual([{ id: ".0", html: '<p data-phx-id=".0">1</p>' }]);
    const mixed = new Rendered();
    mixed.merge(freeze({ [STATIC]: ['<section><h1 class="', '">', " ", "</h1></section>"], 0: "a", 1: "t", 2: { [STATIC]: ["<i>", "</i>"], 0: "n", [ROOT]: 1 } }));
    expect(mixed.domHTML()).toBe('<section><h1 data-phx-id=".0" class="a">t <i data-phx-id="-2">n</i></h1></section>');
    mixed.merge(freeze({ 0: "b" }));
    expect(mixed.takeUnits()).toBeNull();
    mixed.domHTML();
    mixed.merge(freeze({ 2: { 0: "m" } }));
    expect(mixed.takeUnits()).toEqual([{ id: "-2", html: '<i data-phx-id="-2">m</i>' }]);
  });

  test("the element around a slot is its tag's own element for an attribute, the innermost one for content", () => {
    const rendered = new Rendered();
    const statics = ['<div><input value="', '"><textarea>', "</textarea><ul><li>", "</li></ul>", "</div>"];
    rendered.merge(freeze({ [STATIC]: statics, 0: "a", 1: "b", 2: "c", 3: "d" }));
    expect(rendered.domHTML()).toBe('<div><input data-phx-id=".0" value="a"><textarea data-phx-id=".1">b</textarea><ul><li data-phx-id=".2">c</li></ul>d</div>');
    rendered.merge(freeze({ 0: "A", 2: "C" }));
    expect(rendered.takeUnits()).toEqual([
      { id: ".0", html: '<input data-phx-id=".0" value="A">' },
      { id: ".2", html: '<li data-phx-id=".2">C</li>' },
    ]);
    // Slot 3 sits in the view's root element, which only the whole view holds.
    rendered.merge(freeze({ 3: "D" }));
    expect(rendered.takeUnits()).toBeNull();
  });

  test("an entry's unit renders the components the same diff brought", () => {
    const rendered = new Rendered();
    const li = ["<li>", "</li>"];
    rendered.merge(freeze({ [STATIC]: ["<ul>", "</ul>"], 0: { [STATIC]: li, [KEYED]: { 0: { 0: "a" }, [KEYED_COUNT]: 1 } } }));
    rendered.domHTML();
    rendered.merge(freeze({ 0: { [KEYED]: { 0: { 0: 1 }, [KEYED_COUNT]: 1 } }, [COMPONENTS]: { 1: { [STATIC]: ["<b>", "</b>"], 0: "one", [ROOT]: 1 } } }));
    expect(rendered.takeUnits()).toEqual([{ id: "-0-0", html: '<li data-phx-id="-0-0"><b data-phx-component="1" data-phx-id="c1">one</b></li>' }]);
  });

  test("a nested single root inside an entry is patched rather than the entry", () => {
    const rendered = new Rendered();
    rendered.merge(freeze({ ...page(), 1: { [STATIC]: ROW, [KEYED]: { 0: { 0: "a", 1: "A", 2: { [STATIC]: ["<b>", "</b>"], 0: "1", [ROOT]: 1 } }, [KEYED_COUNT]: 1 } } }));
    rendered.domHTML();
    rendered.merge(freeze({ 1: { [KEYED]: { 0: { 2: { 0: "2" } }, [KEYED_COUNT]: 1 } } }));
    expect(rendered.takeUnits()).toEqual([{ id: "-1-0-2", html: '<b data-phx-id="-1-0-2">2</b>' }]);
  });

  const whole: Record<string, Diff> = {
    "a value no marked element holds": { 2: "y" },
    "a move": { 1: { [KEYED]: { 0: 1, 1: 0, [KEYED_COUNT]: 2, [KEYED_MOVED]: 1 } } },
    "a new count": { 1: { [KEYED]: { [KEYED_COUNT]: 1 } } },
    "new statics": { 2: { [STATIC]: ["<em>", "</em>"], 0: "y", [ROOT]: 1 } },
    "a stream": { 1: { [KEYED]: { [KEYED_COUNT]: 2 }, [STREAM]: ["s", [], []] } },
  };
  for (const [name, diff] of Object.entries(whole)) {
    test(`${name} renders the whole view`, () => {
      const rendered = joined();
      rendered.merge(freeze(diff));
      expect(rendered.takeUnits()).toBeNull();
    });
  }

  test("two diffs before a render, or the join, render the whole view; a components-only diff patches none of it", () => {
    const rendered = new Rendered();
    rendered.merge(freeze(page()));
    expect(rendered.takeUnits()).toBeNull();
    rendered.merge(freeze({ 2: { 0: "y" } }));
    rendered.merge(freeze({ 2: { 0: "z" } }));
    expect(rendered.takeUnits()).toBeNull();
    rendered.merge(freeze({ [COMPONENTS]: { 1: { [STATIC]: ["<i>", "</i>"], 0: "c", [ROOT]: 1 } } }));
    expect(rendered.takeUnits()).toEqual([]);
    expect(rendered.componentHTML(1)).toBe('<i data-phx-component="1" data-phx-id="c1">c</i>');
  });

  // Statics of an entry and whether the client may patch it alone.
  const roots: [string[], boolean][] = [
    [["<li>", "</li>"], true],
    [["  <li class=\"", "\">", "</li>  "], true],
    [['<input value="', '">'], true],
    [["<img>", ""], false],
    [["<li>a</li><li>", "</li>"], false],
    [["text <b>", "</b>"], false],
    [["<li>", "</li>", ""], false],
    [["<div><script>if (a < b) document.write('</div>')</script>", "</div>"], true],
    [['<p title="a > b">', "</p><!-- after -->"], false],
    [["<!-- x --><p>", "</p>"], false],
    [["<svg><path d=\"M0\"/>", "</svg>"], true],
  ];
  for (const [statics, single] of roots) {
    test(`${JSON.stringify(statics)} ${single ? "is" : "is not"} a single root`, () => {
      const rendered = new Rendered();
      const row = statics.length > 1 ? Object.fromEntries(statics.slice(1).map((_, i) => [i, "v"])) : {};
      rendered.merge(freeze({ [STATIC]: ["<ul>", "</ul>"], 0: { [STATIC]: statics, [KEYED]: { 0: row, [KEYED_COUNT]: 1 } } }));
      rendered.domHTML();
      rendered.merge(freeze({ 0: { [KEYED]: { 0: { 0: "w" }, [KEYED_COUNT]: 1 } } }));
      const units = rendered.takeUnits();
      expect(units === null ? false : units.length === 1).toBe(single);
    });
  }
});

// A keyed list of records, each rendered as an entry whose score is a nested rendered that
// switches templates at 50: a reference encoder sends it as the server would.

interface Row {
  id: number;
  name: string;
  score: number;
}

const ENTRY = ['<li id="r', '">', " ", "</li>"];
const HIGH = ["<em>", "</em>"];
const LOW = ["<i>", "</i>"];

/** Encodes one diff: `p` collects the nested statics it sends, each once. */
class Encoder {
  readonly table: string[][] = [];

  ref(statics: string[]): number {
    const at = this.table.indexOf(statics);
    return at >= 0 ? at : this.table.push(statics) - 1;
  }

  score(row: Row): Diff {
    return { [STATIC]: this.ref(row.score >= 50 ? HIGH : LOW), 0: String(row.score) };
  }

  full(row: Row): Diff {
    return { 0: String(row.id), 1: row.name, 2: this.score(row) };
  }

  /** The changed slots of an entry, or null. */
  changes(before: Row, after: Row): Diff | null {
    const diff: Diff = {};
    if (before.name !== after.name) diff[1] = after.name;
    if (before.score !== after.score) {
      diff[2] = before.score >= 50 === after.score >= 50 ? { 0: String(after.score) } : this.score(after);
    }
    return Object.keys(diff).length ? diff : null;
  }

  keyed(before: Row[], after: Row[]): Diff {
    const at = new Map(before.map((row, i) => [row.id, i]));
    const keyed: Diff = { [KEYED_COUNT]: after.length };
    after.forEach((row, i) => {
      const old = at.get(row.id);
      if (old === undefined) return void (keyed[i] = this.full(row));
      const changes = this.changes(before[old]!, row);
      if (old !== i) {
        keyed[i] = changes ? [old, changes] : old;
        keyed[KEYED_MOVED] = true;
      } else if (changes) keyed[i] = changes;
    });
    return keyed;
  }

  finish(diff: Diff): Diff {
    if (this.table.length) diff[TEMPLATES] = { ...this.table };
    return diff;
  }
}

function join(rows: Row[]): Diff {
  const encoder = new Encoder();
  const list = { [STATIC]: encoder.ref(ENTRY), [KEYED]: encoder.keyed([], rows) };
  return encoder.finish({ [STATIC]: encoder.ref(["<ol>", "</ol>"]), 0: list });
}

function expected(rows: Row[]): string {
  const score = (row: Row) => (row.score >= 50 ? `<em>${row.score}</em>` : `<i>${row.score}</i>`);
  return `<ol>${rows.map((row) => `<li id="r${row.id}">${row.name} ${score(row)}</li>`).join("")}</ol>`;
}

function mutate(rows: Row[], random: () => number, next: () => number): Row[] {
  const out = rows.slice();
  const pick = (n: number) => Math.floor(random() * n);
  const ops = 1 + pick(3);
  for (let n = 0; n < ops; n++) {
    const op = random();
    if (op < 0.35 || out.length === 0) out.splice(pick(out.length + 1), 0, { id: next(), name: `n${pick(100)}`, score: pick(100) });
    else if (op < 0.5) out.splice(pick(out.length), 1);
    else if (op < 0.7) out.splice(pick(out.length + 1), 0, ...out.splice(pick(out.length), 1));
    else if (op < 0.9) {
      const i = pick(out.length);
      out[i] = random() < 0.5 ? { ...out[i]!, name: `n${pick(100)}` } : { ...out[i]!, score: pick(100) };
    } else if (op < 0.99) out.reverse();
    else out.splice(0, out.length);
  }
  return out;
}

test("a random sequence of keyed operations merges to the fresh render of the final state", () => {
  const random = prng(0x5eed);
  let id = 0;
  let rows: Row[] = [];
  for (let i = 0; i < 8; i++) rows.push({ id: id++, name: `n${i}`, score: Math.floor(random() * 100) });
  const rendered = new Rendered(freeze(join(rows)));
  for (let step = 0; step < 400; step++) {
    const after = mutate(rows, random, () => id++);
    const encoder = new Encoder();
    rendered.merge(freeze(encoder.finish({ 0: { [KEYED]: encoder.keyed(rows, after) } })));
    rows = after;
    expect(rendered.toString(), `step ${step}`).toBe(expected(rows));
  }
  expect(new Rendered(join(rows)).toString()).toBe(rendered.toString());
});
