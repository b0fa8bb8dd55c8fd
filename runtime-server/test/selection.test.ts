/**
 * Selections: an outer assign the entries read only in `item.path === assign` renders only the
 * entries whose path holds its old or its new value; a list of the same length whose changed
 * places keep their keys renders only those places. The verifier (on in these views) compares
 * every render with a fresh one, so a skipped entry that should have run fails the test.
 */
import { describe, expect, test } from "vitest";
import { compile } from "@livetsx/compiler";
import { KEYED, KEYED_COUNT } from "@livetsx/client/wire";
import { viewInstance } from "./support.js";
import Selection from "./views/selection.tsx";
import { readFileSync } from "node:fs";

async function selection(n: number) {
  const view = viewInstance("s", Selection);
  await view.join({ n: String(n) }, {});
  const send = async (event: string, value: Record<string, unknown> = {}) => {
    const before = { ...view.engine.stats };
    const response = await view.event(event, value);
    return { diff: response.diff as Record<string, unknown> | undefined, entries: view.engine.stats.entriesRendered - before.entriesRendered };
  };
  return { view, send };
}

describe("the compiler", () => {
  test("marks outer deps read only in strict comparisons with an item path", () => {
    const source = readFileSync(new URL("./views/selection.tsx", import.meta.url), "utf8");
    const entry = compile(source, { filename: "selection.tsx" }).metadata.templates.find((t) => t.bindings?.row);
    expect(entry?.selects).toEqual({ selected: "@row.id", group: "@row.group", pinned: "@row" });
  });

  const entrySelects = (body: string, params = "row") =>
    compile(
      `import { defineView } from "@livetsx/server";\nexport default defineView({ render: ({ rows, sel, other }) => <ul>{rows.map((${params}) => ${body})}</ul> });`,
      { filename: "v.tsx" },
    ).metadata.templates.find((t) => t.bindings)?.selects;

  test.each([
    ["read outside a comparison", `<li key={row.id} class={row.id === sel ? "a" : String(sel)}>x</li>`],
    ["a loose comparison", `<li key={row.id}>{row.id == sel ? "a" : "b"}</li>`],
    ["compared with a computed path", `<li key={row.id}>{row[other] === sel ? "a" : "b"}</li>`],
    ["compared with another outer value", `<li key={row.id}>{other === sel ? "a" : "b"}</li>`],
    ["an alias made inside the callback", `{ const s = sel; return <li key={row.id}>{row.id === s ? "a" : "b"}</li>; }`],
    ["passed to a function", `<li key={row.id}>{String(row.id === sel) + [sel].length}</li>`],
    ["read in a closure", `<li key={row.id} data-f={() => sel}>{row.id === sel ? "a" : "b"}</li>`],
    ["read in the key", `<li key={row.id + String(sel)}>{row.id === sel ? "a" : "b"}</li>`],
    ["compared with two different item paths", `<li key={row.id}>{row.id === sel ? "a" : row.label === sel ? "b" : "c"}</li>`],
  ])("leaves a dep ordinary when it is %s", (_name, body) => {
    expect(entrySelects(body)).toBeUndefined();
  });

  test("leaves a destructured or defaulted item ordinary", () => {
    expect(entrySelects(`<li key={id}>{id === sel ? "a" : "b"}</li>`, "{ id }")).toBeUndefined();
    expect(entrySelects(`<li key={row.id}>{row.id === sel ? "a" : "b"}</li>`, "row = { id: 0 }")).toBeUndefined();
  });

  test("accepts !==, either side, parentheses and a nested element", () => {
    expect(entrySelects(`<li key={row.id}>{(sel) !== row.id ? <i>{row.label}</i> : <b>on</b>}</li>`)).toEqual({ sel: "@row.id" });
  });
});

describe("a changed selection", () => {
  test("renders the two entries it moves between, out of 1,000", async () => {
    const { send } = await selection(1000);
    let r = await send("select", { id: 500 });
    expect(r.diff).toEqual({ 0: { [KEYED]: { 499: { 0: ' class="selected"' }, [KEYED_COUNT]: 1000 } } });
    expect(r.entries).toBe(1);
    r = await send("select", { id: 7 });
    expect(r.diff).toEqual({ 0: { [KEYED]: { 499: { 0: "" }, 6: { 0: ' class="selected"' }, [KEYED_COUNT]: 1000 } } });
    expect(r.entries).toBe(2);
    // A value no row holds: only the old one's row changes.
    r = await send("select", { id: "7" });
    expect(r.diff).toEqual({ 0: { [KEYED]: { 6: { 0: "" }, [KEYED_COUNT]: 1000 } } });
    expect(r.entries).toBe(1);
  });

  test("a shared value renders every entry that holds it; identity selects one object", async () => {
    const { send } = await selection(100);
    let r = await send("group", { group: 3 });
    expect(r.entries).toBe(10);
    expect(Object.keys((r.diff![0] as Record<string, Record<string, unknown>>)[KEYED]!).filter((k) => k !== KEYED_COUNT).map(Number)).toEqual([
      3, 13, 23, 33, 43, 53, 63, 73, 83, 93,
    ]);
    r = await send("group", { group: 4 });
    expect(r.entries).toBe(20);
    r = await send("pin", { id: 42 });
    expect(r.diff).toMatchObject({ 0: { [KEYED]: { 41: { 2: { 0: "row 42" } }, [KEYED_COUNT]: 100 } } });
    expect(r.entries).toBe(1);
  });

  test("a row whose compared path changes in place of the same key moves in the index", async () => {
    const { send } = await selection(100);
    expect((await send("group", { group: 3 })).entries).toBe(10);
    // Row 5 (group 4) joins group 3: rendered alone, as a same-length change.
    expect((await send("regroup", { id: 5, group: 3 })).entries).toBe(1);
    const r = await send("group", { group: 7 });
    expect(r.entries).toBe(21);
    expect((r.diff![0] as Record<string, Record<string, unknown>>)[KEYED]![4]).toEqual({ 1: "" });
    expect((await send("regroup", { id: 5, group: 7 })).entries).toBe(1);
    expect((await send("group", { group: 4 })).entries).toBe(20);
  });

  test("NaN and -0 as selections stay right (the verifier checks every render)", async () => {
    const { send } = await selection(20);
    await send("select", { id: 0 });
    await send("select", { id: -0 });
    expect((await send("select", { id: Number.NaN })).diff).toBeUndefined();
    expect((await send("select", { id: 3 })).entries).toBe(1);
  });

  test("an outer dep that is no selector renders every entry", async () => {
    const { send } = await selection(50);
    expect((await send("note", { note: "n" })).entries).toBe(50);
  });

  test("after the rows change, a selection still moves right", async () => {
    const { send } = await selection(200);
    await send("select", { id: 10 });
    expect((await send("rename", { id: 10, label: "ten" })).entries).toBe(1);
    let r = await send("select", { id: 11 });
    expect(r.entries).toBe(2);
    expect(r.diff).toEqual({ 0: { [KEYED]: { 9: { 0: "" }, 10: { 0: ' class="selected"' }, [KEYED_COUNT]: 200 } } });
    r = await send("renameAndSelect", { id: 150, label: "x" });
    expect(r.diff).toEqual({
      0: { [KEYED]: { 10: { 0: "" }, 149: { 0: ' class="selected"', 2: "x" }, [KEYED_COUNT]: 200 } },
    });
    // A copy of the same rows: nothing to send, and the next selection still finds its rows.
    expect((await send("copy")).diff).toBeUndefined();
    expect((await send("select", { id: 1 })).entries).toBe(2);
  });
});

describe("a list of the same length", () => {
  test("renders only the replaced places when they keep their keys", async () => {
    const { send } = await selection(1000);
    const r = await send("rename", { id: 321, label: "renamed" });
    expect(r.diff).toEqual({ 0: { [KEYED]: { 320: { 2: "renamed" }, [KEYED_COUNT]: 1000 } } });
    expect(r.entries).toBe(1);
  });

  test("a place whose item has a new key is a new entry", async () => {
    const { send } = await selection(5);
    const r = await send("replace", { id: 2 });
    const keyed = (r.diff![0] as Record<string, Record<string, unknown>>)[KEYED]!;
    expect(keyed[KEYED_COUNT]).toBe(5);
    expect(keyed[1]).toMatchObject({ 0: "", 2: "row 2" });
    expect(r.entries).toBe(1);
  });
});
