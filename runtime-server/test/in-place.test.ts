/**
 * Development: an assign changed in place without an assign is reported before the next render
 * (the view crashes), for every kind of value the snapshot covers; assigned again, it is fine.
 */
import { describe, expect, test } from "vitest";
import { viewInstance } from "./support.js";
import { snapshot, SNAPSHOT_VALUES } from "../src/snapshot.js";
import InPlace from "./views/in-place.tsx";

async function joined(options: { dev?: boolean } = {}) {
  const view = viewInstance("p", InPlace, undefined, options);
  await view.join({}, {});
  return view;
}

const report = (key: string) =>
  `the assign "${key}" was changed in place without an assign; call socket.assign("${key}", …) after changing it (or assign a new value)`;

describe("a change in place without an assign", () => {
  test.each([
    ["map", "map"],
    ["set", "set"],
    ["date", "date"],
    ["bytes", "bytes"],
    ["city", "user"],
  ])("%s: reported, naming the assign, and the view crashes", async (what, key) => {
    const view = await joined();
    await expect(view.event("change", { what })).rejects.toThrow(report(key));
    expect(view.isAlive).toBe(false);
  });

  test("assigned again after the change: rendered, not reported", async () => {
    const view = await joined();
    const diffs = [];
    for (const what of ["map", "set", "date", "bytes", "city"]) {
      diffs.push((await view.event("change", { what, assign: true })).diff);
    }
    expect(diffs.map((d) => Object.keys(d ?? {}))).toEqual([["0"], ["1"], ["2"], ["3"], ["4"]]);
    expect(diffs[4]).toEqual({ 4: "Oslo" });
    // The snapshots follow the values assigned again: an unrelated event reports nothing.
    expect((await view.event("inc", {})).diff).toEqual({ 5: "1" });
    expect(view.isAlive).toBe(true);
  });

  test("a value beyond the snapshot's bound is not checked (no false report)", async () => {
    const view = await joined();
    expect((await view.event("change", { what: "big" })).diff).toBeUndefined();
    expect(view.isAlive).toBe(true);
  });

  test("outside development nothing is checked", async () => {
    const view = await joined({ dev: false });
    expect((await view.event("change", { what: "map" })).diff).toBeUndefined();
    expect(view.isAlive).toBe(true);
  });
});

describe("snapshot", () => {
  test("covers Map, Set, Date, typed arrays, DataView, ArrayBuffer and cycles", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const buffer = new ArrayBuffer(2);
    const values = [new Map([["a", { b: 1 }]]), new Set([1]), new Date(0), new Float64Array(2), new DataView(buffer), buffer, cyclic];
    const before = values.map(snapshot);
    expect(before.every((s) => typeof s === "string")).toBe(true);
    (values[0] as Map<string, { b: number }>).get("a")!.b = 2;
    (values[1] as Set<number>).add(2);
    (values[2] as Date).setTime(1);
    (values[3] as Float64Array)[1] = 0.5;
    (values[4] as DataView).setUint8(0, 1);
    cyclic.a = 2;
    const after = values.map(snapshot);
    // The DataView and the buffer share bytes: both changed.
    for (let i = 0; i < values.length; i++) expect(after[i], `value ${i}`).not.toBe(before[i]);
  });

  test("shared references and sizes: a structure, not just the values", () => {
    const x = { n: 1 };
    expect(snapshot([x, x])).not.toBe(snapshot([x, { n: 1 }]));
    expect(snapshot(Array.from({ length: SNAPSHOT_VALUES }, () => 0))).toBeNull();
  });
});

describe("snapshot of class instances", () => {
  test("compared by identity: a cache an instance keeps is no change", () => {
    class Memo {
      cache: number | null = null;
    }
    const memo = new Memo();
    const before = snapshot({ memo });
    memo.cache = 1;
    expect(snapshot({ memo })).toBe(before);
    expect(snapshot({ memo: new Memo() })).not.toBe(before);
  });
});
