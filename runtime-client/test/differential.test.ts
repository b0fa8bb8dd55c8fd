/**
 * Differential test of the rendered cache: diffs from our real server pipeline (views compiled by
 * our compiler, the view instance, the diff engine) are merged step by step into our client's
 * `Rendered` and into the official Phoenix LiveView 1.2.12 client's, and the HTML of both must be
 * identical after every step. How the official side is driven and compared: see
 * `differential/official.ts`. Each run but the stream's is then replayed on a page in Chromium
 * through our DOM patch, the DOM equal to that HTML after every step (`differential/dom.ts`).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { Differential } from "./differential/harness.js";
import { DomReplay } from "./differential/dom.js";
import Grid from "./differential/grid.tsx";
import Keyed from "./differential/keyed.tsx";
import Lists from "./differential/lists.tsx";
import Branches from "./differential/branches.tsx";
import Components from "./differential/components.tsx";
import Random from "./differential/random.tsx";
import Shapes from "./differential/shapes.tsx";
import Live from "./differential/live.tsx";
import Feed from "./differential/feed.tsx";
import Hollow from "./differential/hollow.tsx";
import { streamEntriesOfStep } from "./differential/streams.js";
import { prng, randomOp } from "./differential/random-ops.js";
import { COMPONENTS, KEYED, KEYED_MOVED, STATIC, STREAM, TEMPLATES } from "../src/wire.js";

let dom: DomReplay;

// The official client clones with `"structuredClone" in window ? … : JSON`, and this project
// runs in Node: give it a window so it takes the structuredClone path, as in a browser.
beforeAll(async () => {
  vi.stubGlobal("window", globalThis);
  dom = await DomReplay.start();
}, 60_000);
afterAll(async () => {
  vi.unstubAllGlobals();
  await dom?.close();
});

describe("nested comprehensions", () => {
  test("rows × cells: change one cell, add and remove rows and columns", async () => {
    const run = await Differential.join("grid", Grid);
    await run.event("cell", { row: 2, column: "b", value: "B2!" });
    await run.event("addRow", { id: 4 });
    await run.event("addRow", { id: 5, at: 0 });
    await run.event("removeColumn", { column: "b" });
    await run.event("cell", { row: 5, column: "c", value: "<c5>" });
    await run.event("addColumn", { column: "d", at: 1 });
    await run.event("reverseColumns");
    await run.event("tag", { row: 1, tags: ["x", "y", "z"] });
    await run.event("tag", { row: 1, tags: [] });
    await run.event("moveRow", { id: 3, to: 0, column: "c", value: "moved" });
    await run.event("reverseRows");
    await run.event("removeRow", { id: 2 });
    await run.event("caption", { to: "Grid & co" });
    await run.event("removeColumn", { column: "a" });
    await run.event("removeColumn", { column: "c" });
    await run.event("removeColumn", { column: "d" });
    await run.event("addColumn", { column: "e" });
    await run.event("addColumn", { column: "f", at: 0 });
    await run.event("moveRow", { id: 1, to: 2, column: "e", value: "E1" });
    expect(run.steps).toHaveLength(20);
    expect(run.html).toContain('<td class="col-e">E1</td>');
    await dom.replay(run);
  });
});

describe("keyed moves", () => {
  test("shuffles with edits in the same event, reverse, rotate", async () => {
    const run = await Differential.join("keyed", Keyed);
    const moved = await run.event("arrange", { order: [3, 1, 6, 2, 5, 4], edits: [{ id: 6, label: "six" }, { id: 2, count: 9 }] });
    expect((moved![0] as Record<string, Record<string, unknown>>)[KEYED]![KEYED_MOVED]).toBe(true);
    await run.event("reverse");
    await run.event("rotate", { by: 1 });
    await run.event("rotate", { by: -2 });
    await run.event("arrange", { order: [4, 5, 6, 1, 2, 3], edits: [{ id: 1, count: 7 }, { id: 4, label: "four" }, { id: 5, count: 5 }] });
    await run.event("edit", { edits: [{ id: 3, label: "three" }] });
    // Moves, a new entry and a dropped one at once.
    await run.event("arrange", { order: [7, 3, 2, 1, 6], edits: [{ id: 3, count: 0 }] });
    await run.event("arrange", { order: [6, 1, 2, 3, 7, 8, 9] });
    await run.event("reverse");
    await run.event("arrange", { order: [9] });
    await run.event("arrange", { order: [1, 9, 2] });
    expect(run.steps).toHaveLength(12);
    await dom.replay(run);
  });
});

describe("shrinking and growing lists", () => {
  test("shrink, grow, prepend, empty and refill", async () => {
    const run = await Differential.join("lists", Lists);
    await run.event("grow", { by: 3 });
    await run.event("shrink", { by: 2 });
    await run.event("prepend", { by: 2 });
    await run.event("dropFront", { by: 3 });
    await run.event("set", { letters: ["x", "y", "z", "w"] });
    await run.event("set", { letters: ["q"] });
    await run.event("empty");
    await run.event("title", { to: "Empty" });
    await run.event("grow", { by: 4 });
    await run.event("set", { letters: ["a", "b"] });
    await run.event("shrink", { by: 4 });
    await run.event("set", { ids: [5, 4, 3, 2, 1], letters: ["a", "b", "c"] });
    await run.event("set", { ids: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(run.html).toContain("<footer>8 items</footer>");
    await dom.replay(run);
  });
});

describe("branch switches", () => {
  test("ternaries between templates, && appearing and disappearing, conditionals inside entries", async () => {
    const run = await Differential.join("branches", Branches);
    await run.event("set", { mode: "b" });
    await run.event("set", { title: "Renamed" });
    await run.event("set", { mode: "c" });
    await run.event("set", { mode: "a", showNote: true });
    await run.event("set", { note: "again" });
    await run.event("set", { count: 3 });
    await run.event("set", { count: 8 });
    await run.event("set", { count: 0, showNote: false });
    await run.event("task", { id: 1, urgent: true });
    await run.event("task", { id: 2, done: true, note: "" });
    await run.event("task", { id: 3, done: false, note: "later" });
    await run.event("set", { showNote: true });
    await run.event("add", { id: 4, label: "<new>", done: false, urgent: true, note: "n" });
    await run.event("remove", { id: 1 });
    await run.event("set", { tasks: [] });
    await run.event("set", { note: "empty now" });
    await run.event("set", { tasks: [{ id: 9, label: "back", done: false, urgent: false, note: "" }], mode: "b" });
    expect(run.steps).toHaveLength(18);
    await dom.replay(run);
  });
});

describe("function components", () => {
  test("props and children change; one card template shared by many entries", async () => {
    const run = await Differential.join("components", Components);
    await run.event("theme", { to: "dark" });
    await run.event("person", { id: 4, online: true });
    await run.event("person", { id: 5, role: "user" });
    await run.event("person", { id: 6, role: "admin", name: "Six" });
    await run.event("heading", { to: "Everyone" });
    // Twelve new cards in one diff: their statics travel once, in `p`.
    const added = await run.event("add", { n: 12, at: 3 });
    expect(Object.keys(added![TEMPLATES] as object).length).toBeLessThan(12);
    await run.event("reverse");
    await run.event("keep", { ids: [1, 5, 10, 15, 20, 25, 30] });
    await run.event("footer");
    await run.event("theme", { to: "contrast" });
    await run.event("keep", { ids: [] });
    await run.event("add", { n: 3 });
    expect(run.steps).toHaveLength(13);
    await dom.replay(run);
  });
});

describe("slots that change kind", () => {
  test("a slot goes from list to text, element, component, nothing; the root switches template", async () => {
    const run = await Differential.join("shapes", Shapes);
    const script: Record<string, unknown>[] = [
      { shape: "text" },
      { shape: "element" },
      { words: ["x", "yyyy"] },
      { shape: "component" },
      { words: ["", "q"] },
      { shape: "nothing" },
      { shape: "number", n: 0 },
      { n: 5 },
      { root: "fragment" },
      { shape: "list" },
      { words: ["abc", "de"] },
      { root: "section", n: 1 },
      { shape: "element", n: 2 },
      { root: "div" },
      { words: ["de", "abc", "fgh"] },
    ];
    for (const assigns of script) await run.event("set", assigns);
    expect(run.steps).toHaveLength(script.length + 1);
    await dom.replay(run);
  });
});

describe("whole-view patches down to their stubs", () => {
  test("the root's attributes, an inner element's, a text between stubs, an element appearing beside them", async () => {
    const run = await Differential.join("hollow", Hollow);
    await run.event("set", { look: "dark" });
    await run.event("set", { look: "" });
    await run.event("set", { inner: "box wide" });
    await run.event("set", { look: "dark", inner: "box" });
    await run.event("set", { note: "second", look: "light" });
    await run.event("set", { extra: true, look: "dark" });
    await run.event("set", { extra: false });
    await run.event("rename", { id: 2, label: "two", look: "plain" });
    await run.event("set", { tags: ["q", "p", "r"], look: "light" });
    await run.event("set", { items: [{ id: 5, label: "five" }], title: "Hollow again", look: "dark" });
    await run.event("set", { title: "<b>Hollow</b>", inner: "" });
    expect(run.steps).toHaveLength(12);
    expect(run.html).toContain('<section class="dark" data-look="dark">');
    // The root's attribute changes are the whole view's; the rest go alone or with it.
    expect(await dom.replay(run)).toBeLessThan(run.steps.length - 1);
  });
});

describe("live components", () => {
  test("component events, props from the parent, statics shared by ±cid, two-phase destroy", async () => {
    const run = await Differential.join("live", Live);
    const [counter, first, second] = run.components as [number, number, number];
    await run.event("toggle", {}, second);
    await run.event("inc", {}, counter);
    await run.event("set", { theme: "dark" });
    await run.event("toggle", {}, first);
    // New rows: their statics come from another component, in this diff (+cid) or on the client (−cid).
    const added = await run.event("add", { ids: [5, 6], at: 1 });
    const shared = Object.values(added![COMPONENTS] as Record<string, Record<string, unknown>>).map((c) => c[STATIC]);
    expect(shared.every((s) => typeof s === "number")).toBe(true);
    await run.event("keep", { ids: [6, 1, 3, 5] });
    await run.event("rename", { label: "<renamed>" }, first);
    await run.event("tags", { id: 3, tags: ["a", "b", "c"] });
    // The counter leaves and comes back before cids_destroyed: it keeps its cid and its state.
    await run.event("set", { showCounter: false });
    await run.event("set", { showCounter: true, counterLabel: "again" });
    expect(run.components[0]).toBe(counter);
    // It leaves for good: destroyed after the next step, then mounted again with a new cid.
    await run.event("set", { showCounter: false });
    await run.event("set", { heading: "Live!" });
    expect(run.destroyed).toContain(counter);
    await run.event("set", { showCounter: true });
    expect(run.components[0]).not.toBe(counter);
    await run.event("inc", {}, run.components[0]);
    await run.event("add", { ids: [2] });
    await run.event("keep", { ids: [] });
    await run.event("add", { ids: [7, 8, 9] });
    await run.event("set", { theme: "light" });
    await run.event("toggle", {}, run.components.at(-1));
    expect(run.html).toContain('class="row light"');
    await dom.replay(run);
  });
});

describe("streams", () => {
  // Each step compares the entries its diff carries: see differential/streams.ts.
  test("inserts at both ends with limits, updates, deletes, resets, and diffs that leave the stream alone", async () => {
    const run = await Differential.join("feed", Feed, { normalise: streamEntriesOfStep });
    await run.event("insert", { at: 0 });
    await run.event("title", { to: "Feed & more" });
    await run.event("insert", { at: -1, limit: -3, n: 2 });
    await run.event("update", { id: 3, text: "edited <3>" });
    await run.event("remove", { id: 1 });
    await run.event("title", { to: "After delete" });
    const reset = await run.event("reset", { ids: [9, 10, 11] });
    expect((reset![2] as Record<string, unknown>)[STREAM]).toEqual(["0", [["posts-9", -1, null, false], ["posts-10", -1, null, false], ["posts-11", -1, null, false]], [], true]);
    await run.event("mixed", { remove: 9, to: "Mixed" });
    await run.event("insert", { at: 1, limit: 4, n: 3 });
    await run.event("reset", { ids: [] });
    await run.event("insert", { at: 0 });
    expect(run.steps).toHaveLength(12);
    expect(run.html).toContain('<li id="posts-');
  });
});

describe("randomised", () => {
  test("200 random batches of inserts, deletes, moves, edits and branch toggles", async () => {
    const random = prng(0x5eed);
    const run = await Differential.join("random", Random);
    const state = { length: 8, nextId: 9 };
    for (let i = 0; i < 200; i++) {
      const ops = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomOp(random, state));
      await run.event("batch", { ops });
    }
    expect(run.steps.length + run.unchanged).toBe(201);
    // Batches of edits and toggles alone patch their rows; inserts, deletes and moves the view.
    const alone = await dom.replay(run);
    expect(alone).toBeGreaterThan(10);
    expect(alone).toBeLessThan(run.steps.length - 10);
    // Each of these two takes 1–2 s alone, past the unit project's 5 s on a busy 2-core machine.
  }, 30_000);

  test("300 single random operations, replayed in the DOM", async () => {
    const random = prng(0xd0e);
    const run = await Differential.join("single operations", Random);
    const state = { length: 8, nextId: 9 };
    for (let i = 0; i < 300; i++) await run.event("batch", { ops: [randomOp(random, state)] });
    expect(await dom.replay(run)).toBeGreaterThan(60);
  }, 30_000);
});
