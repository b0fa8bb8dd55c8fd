/**
 * The diff engine on compiled views: components, branch switches and nested lists send exactly
 * what changed, and evaluate only what their deps say.
 */
import { describe, expect, test } from "vitest";
import { KEYED, KEYED_COUNT, KEYED_MOVED, ROOT, STATIC, TEMPLATES } from "@livetsx/client/wire";
import type { Response } from "../src/instance.js";
import { viewInstance } from "./support.js";
import { changedPlaces, DiffEngine } from "../src/diff.js";
import { comprehension, rendered, template } from "../src/template-runtime.js";
import Widgets from "./views/widgets.tsx";

async function widgets() {
  const pushes: [string, Response][] = [];
  const view = viewInstance("w", Widgets, (event, payload) => pushes.push([event, payload]));
  const joined = await view.join({}, {});
  const click = async (event: string, value: Record<string, unknown> = {}) => {
    const before = { ...view.engine.stats };
    const response = await view.event(event, value);
    return { diff: response.diff as Record<string, unknown> | undefined, evaluated: view.engine.stats.slotsEvaluated - before.slotsEvaluated };
  };
  return { view, joined: (joined as { rendered: Record<string, unknown> }).rendered, click };
}

describe("function components", () => {
  test("a change to something a component does not read does not run its slots", async () => {
    const { click } = await widgets();
    const { diff, evaluated } = await click("open");
    expect(diff).toEqual({ 1: { 0: "d", [STATIC]: 0, [ROOT]: 1 }, [TEMPLATES]: { 0: ['<section class="open">', "</section>"] } });
    expect(evaluated).toBe(2);
  });

  test("a prop change re-runs the component's slots that read it", async () => {
    const { click } = await widgets();
    const { diff } = await click("status", { to: "warn" });
    expect(diff).toEqual({ 0: { 0: ' class="badge warn"', 1: "WARN" } });
  });

  test("children passed to a component keep their own deps", async () => {
    const { click } = await widgets();
    const { diff } = await click("other");
    expect(diff).toEqual({ 0: { 2: { 0: "1" } } });
  });
});

describe("templates and lists", () => {
  test("switching branch sends the new template's statics; staying sends only its slot", async () => {
    const { click } = await widgets();
    await click("open");
    expect((await click("detail", { to: "<x>" })).diff).toEqual({ 1: { 0: "&lt;x&gt;" } });
    const closed = (await click("open")).diff!;
    expect(closed[1]).toEqual({ [STATIC]: 0, [ROOT]: 1 });
    expect(closed[TEMPLATES]).toEqual({ 0: ["<p>closed</p>"] });
  });

  test("one cell of a nested list travels alone", async () => {
    const { click } = await widgets();
    const inner = { [KEYED]: { 1: { 0: "40" }, [KEYED_COUNT]: 2 } };
    expect((await click("cell")).diff).toEqual({ 2: { [KEYED]: { 1: { 0: inner }, [KEYED_COUNT]: 2 } } });
  });

  test("the join sends each template's statics once", async () => {
    const { joined } = await widgets();
    const table = joined[TEMPLATES] as Record<string, string[]>;
    const all = Object.values(table).map((s) => s.join("|"));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain("<td>|</td>");
  });

  test("two entries with one key are an error", () => {
    const li = template(["<li>", "</li>"], "li", [["@x"]], { bindings: { x: [0] } });
    const root = template(["<ul>", "</ul>"], "ul", [null]);
    const list = comprehension(li, ["a", "a"], (x) => x, (_s, x) => rendered(li, [() => x], undefined), undefined);
    expect(() => new DiffEngine().render(rendered(root, [() => list], undefined))).toThrow(/Two entries of a list have the key a/);
  });

  test("the same item at the same place needs no key; a moved or new item is found by its key", () => {
    const li = template(["<li>", "</li>"], "li", [["@row.label"]], { bindings: { row: [0] } });
    const root = template(["<ul>", "</ul>"], "ul", [null]);
    const keyed: unknown[] = [];
    const key = (row: unknown) => {
      keyed.push(row);
      return (row as { id: number }).id;
    };
    const view = (rows: { id: number; label: string }[]) =>
      rendered(root, [() => comprehension(li, rows, key, (_s, row) => rendered(li, [() => (row as { label: string }).label], undefined), undefined)], undefined);
    const engine = new DiffEngine();
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: i, label: `r${i}` }));
    engine.render(view(rows));
    expect(keyed).toHaveLength(5);
    keyed.length = 0;
    const renamed = { id: 2, label: "two" };
    expect(engine.render(view([...rows.slice(0, 2), renamed, ...rows.slice(3)]))).toEqual({ 0: { [KEYED]: { 2: { 0: "two" }, [KEYED_COUNT]: 5 } } });
    expect(keyed).toEqual([renamed]);
    keyed.length = 0;
    const swapped = [rows[1]!, rows[0]!, renamed, rows[3]!, rows[4]!];
    expect(engine.render(view(swapped))).toEqual({ 0: { [KEYED]: { 0: 1, 1: 0, [KEYED_COUNT]: 5, [KEYED_MOVED]: true } } });
    expect(keyed).toEqual([rows[1], rows[0]]);
  });
});

describe("the places of a list that hold another item", () => {
  test("every length up to 13 and every one or two changed places: the same places, in order, as one comparison per place", () => {
    const naive = (items: unknown[], before: unknown[]) => {
      const places = items.flatMap((item, j) => (item !== before[j] ? [j] : []));
      return places.length === 0 ? null : places;
    };
    let cases = 0;
    for (let n = 0; n <= 13; n++) {
      const before = Array.from({ length: n }, (_, i) => ({ i }));
      expect(changedPlaces(before.slice(), before)).toBeNull();
      for (let a = 0; a < n; a++) {
        for (let b = a; b < n; b++) {
          const items: unknown[] = before.slice();
          items[a] = { i: a };
          items[b] = b === a ? items[a] : Number.NaN;
          expect(changedPlaces(items, before)).toEqual(naive(items, before));
          cases++;
        }
      }
      // Longer than before: the places past the end of `before` count as changed.
      const longer = [...before, { i: n }];
      expect(changedPlaces(longer, before)).toEqual([n]);
    }
    expect(cases).toBe(455);
  });
});
