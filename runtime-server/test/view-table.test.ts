/**
 * The table of a connection's views behaves as a Map of topic → view, whether it holds one view
 * (in fields) or several (in a Map), across the change from one to the other and back.
 */
import { describe, expect, test } from "vitest";
import { ViewTable } from "../src/view-table.js";

describe("ViewTable", () => {
  test("one view: get, has, size, replacing it, deleting it", () => {
    const table = new ViewTable<string>();
    expect(table.size).toBe(0);
    expect(table.get("lv:a")).toBeUndefined();
    table.set("lv:a", "A");
    expect([table.size, table.get("lv:a"), table.has("lv:a"), table.has("lv:b"), table.get("lv:b")]).toEqual([1, "A", true, false, undefined]);
    table.set("lv:a", "A2");
    expect([table.size, table.get("lv:a")]).toEqual([1, "A2"]);
    expect(table.delete("lv:b")).toBe(false);
    expect(table.delete("lv:a")).toBe(true);
    expect([table.size, table.has("lv:a"), table.delete("lv:a")]).toEqual([0, false, false]);
  });

  test("several views keep the order they were added in, through deletes, as a Map does", () => {
    const table = new ViewTable<string>();
    const map = new Map<string, string>();
    const steps: [op: "set" | "delete", topic: string, view?: string][] = [
      ["set", "lv:a", "A"],
      ["set", "lv:b", "B"],
      ["set", "lv:c", "C"],
      ["set", "lv:b", "B2"],
      ["delete", "lv:a"],
      ["set", "lv:a", "A3"],
      ["delete", "lv:c"],
      ["delete", "lv:x"],
      ["delete", "lv:b"],
      ["delete", "lv:a"],
      ["set", "lv:d", "D"],
      ["set", "lv:e", "E"],
    ];
    for (const [op, topic, view] of steps) {
      if (op === "set") {
        table.set(topic, view!);
        map.set(topic, view!);
      } else {
        expect(table.delete(topic)).toBe(map.delete(topic));
      }
      expect([...table]).toEqual([...map]);
      expect([...table.values()]).toEqual([...map.values()]);
      expect(table.size).toBe(map.size);
      for (const t of ["lv:a", "lv:b", "lv:c", "lv:d", "lv:e", "lv:x"]) expect([table.has(t), table.get(t)]).toEqual([map.has(t), map.get(t)]);
    }
  });

  test("a walk over the views may delete them as it goes; clear empties the table", () => {
    const table = new ViewTable<string>();
    for (const t of ["lv:a", "lv:b", "lv:c"]) table.set(t, t.toUpperCase());
    const seen: string[] = [];
    for (const [topic, view] of table) {
      seen.push(view);
      table.delete(topic);
    }
    expect(seen).toEqual(["LV:A", "LV:B", "LV:C"]);
    expect(table.size).toBe(0);
    table.set("lv:a", "A");
    table.set("lv:b", "B");
    table.clear();
    expect([table.size, [...table], table.get("lv:a")]).toEqual([0, [], undefined]);
  });
});
