/**
 * The in-place mutation rule: an object assigned again with the same reference counts as
 * changed, and everything read through it renders again (no by-reference shortcut below it);
 * immutable updates keep every fast path.
 */
import { describe, expect, test } from "vitest";
import { COMPONENTS, KEYED, KEYED_COUNT } from "@livetsx/client/wire";
import { viewInstance } from "./support.js";
import { ViewSocket } from "../src/socket.js";
import Mutable from "./views/mutable.tsx";
import MutableCard from "./views/mutable-card.tsx";

async function mutable() {
  const view = viewInstance("m", Mutable);
  await view.join({}, {});
  const send = async (event: string, value: Record<string, unknown> = {}) => {
    const before = { ...view.engine.stats };
    const response = await view.event(event, value);
    return {
      diff: response.diff as Record<string, unknown> | undefined,
      evaluated: view.engine.stats.slotsEvaluated - before.slotsEvaluated,
      entries: view.engine.stats.entriesRendered - before.entriesRendered,
    };
  };
  return { view, send };
}

describe("an object assigned again with the same reference", () => {
  test("an array pushed to, then assigned, re-renders its text slot and its list", async () => {
    const { send } = await mutable();
    const { diff, entries } = await send("push");
    expect(diff).toEqual({ 0: "2", 1: { [KEYED]: { 1: { 0: "i1" }, [KEYED_COUNT]: 2 } } });
    // Every entry of the list ran (the old one is the same string: nothing sent for it).
    expect(entries).toBe(2);
  });

  test("update with a function that pushes and returns the same array", async () => {
    const { send } = await mutable();
    expect((await send("updatePush")).diff).toEqual({ 0: "2", 1: { [KEYED]: { 1: { 0: "u1" }, [KEYED_COUNT]: 2 } } });
    expect((await send("updatePush")).diff).toEqual({ 0: "3", 1: { [KEYED]: { 2: { 0: "u2" }, [KEYED_COUNT]: 3 } } });
  });

  test("a nested field changed in place: the slot reading user.name and the function component receiving user", async () => {
    const { send } = await mutable();
    const { diff } = await send("rename", { name: "Bob" });
    expect(diff).toEqual({ 2: "Bob", 3: { 0: "Bob" } });
  });

  test("a list entry's object changed in place, the array assigned again: the new row text is sent", async () => {
    const { send } = await mutable();
    const { diff } = await send("relabel", { label: "uno" });
    expect(diff).toEqual({ 4: { [KEYED]: { 0: { 0: "uno" }, [KEYED_COUNT]: 2 } } });
  });

  test("a primitive assigned its own value again changes nothing", async () => {
    const { send } = await mutable();
    expect(await send("sameCount")).toEqual({ diff: undefined, evaluated: 0, entries: 0 });
  });

  test("the socket marks the key changed and touched; a new reference is changed only", () => {
    const socket = new ViewSocket("s", true, {}, null, false);
    const items = [1];
    socket.assign({ items, n: 1 });
    socket.rendered();
    socket.assign("n", 1);
    expect([...socket.changed]).toEqual([]);
    socket.assign("items", items);
    expect([...socket.changed]).toEqual(["items"]);
    expect([...socket.touched]).toEqual(["items"]);
    socket.rendered();
    socket.assign("items", [...items]);
    expect([...socket.changed]).toEqual(["items"]);
    expect([...socket.touched]).toEqual([]);
  });
});

describe("immutable updates keep the fast paths", () => {
  test("a new row object renders that entry only; a counter evaluates its one slot", async () => {
    const { send } = await mutable();
    const relabel = await send("relabelImmutably", { label: "dos" });
    expect(relabel.diff).toEqual({ 4: { [KEYED]: { 1: { 0: "dos" }, [KEYED_COUNT]: 2 } } });
    // The list's slot and the changed entry's slot; the unchanged entry is not rendered.
    expect(relabel.evaluated).toBe(2);
    expect(relabel.entries).toBe(1);
    expect(await send("inc")).toEqual({ diff: { 5: "1" }, evaluated: 1, entries: 0 });
  });

  test("after a forced render the next immutable update is not forced", async () => {
    const { send } = await mutable();
    await send("relabel", { label: "uno" });
    const next = await send("relabelImmutably", { label: "dos" });
    expect(next.entries).toBe(1);
    expect(next.evaluated).toBe(2);
  });
});

describe("live components", () => {
  async function card() {
    const view = viewInstance("c", MutableCard);
    await view.join({}, {});
    return view;
  }

  test("a parent render that is not forced passes an object prop with its reference: the component does not render", async () => {
    const view = await card();
    // The slot holding the component reads `tick`: the component is visited, `note` is the same object.
    const before = view.engine.stats.slotsEvaluated;
    expect((await view.event("tick", {})).diff).toBeUndefined();
    // The view's slot only: the component did not render.
    expect(view.engine.stats.slotsEvaluated - before).toBe(1);
  });

  test("the parent changes the prop in place and assigns it again: the component renders the new text", async () => {
    const view = await card();
    expect((await view.event("edit", { text: "yo" })).diff).toEqual({ [COMPONENTS]: { 1: { 0: "yo" } } });
  });

  test("the component changes its own assign in place and assigns it again", async () => {
    const view = await card();
    expect((await view.event("shout", {}, 1)).diff).toEqual({ [COMPONENTS]: { 1: { 1: "MINE" } } });
  });

  test("in development, a component changing its parent's object in place is reported for the parent", async () => {
    const view = await card();
    await expect(view.event("shoutParent", {}, 1)).rejects.toThrow('the assign "note" was changed in place without an assign');
  });
});
