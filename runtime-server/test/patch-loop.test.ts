/**
 * A handleParams that patches runs again for the patch's URL, as Phoenix's does; past
 * MAX_PATCHES_IN_A_ROW patches in a row the view crashes (a handleParams that patches to itself
 * for ever), as Phoenix cuts off such a loop.
 */
import { describe, expect, test } from "vitest";
import { LocalPubSub } from "../src/pubsub.js";
import { MAX_PATCHES_IN_A_ROW, ViewInstance } from "../src/instance.js";
import type { ViewDefinition } from "../src/view.js";
import PatchLoop from "./views/patch-loop.tsx";

async function joined() {
  const crashes: unknown[] = [];
  const view = new ViewInstance("p", PatchLoop as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
    pubsub: new LocalPubSub(),
    dev: false,
    verify: false,
    push: () => undefined,
    crashed: (error) => crashes.push(error),
    // The query is the params, as a route without segments has them.
    paramsFor: (url) => Object.fromEntries(url.searchParams),
  });
  await view.join({}, {});
  return { view, crashes };
}

describe("patches pushed by handleParams", () => {
  test("each runs handleParams again; the reply patches to the last one and renders once", async () => {
    const { view } = await joined();
    const response = await view.event("patch", { to: "/?n=3" });
    expect(response.live_patch).toEqual({ kind: "push", to: "/?n=0" });
    // n is back at the 0 it had; handleParams ran for the join, then for /?n=3, 2, 1 and 0.
    expect(response.diff).toEqual({ 1: "5" });
    expect(view.isAlive).toBe(true);
  });

  test(`${MAX_PATCHES_IN_A_ROW} in a row are followed`, async () => {
    const { view, crashes } = await joined();
    // The client's patch, then MAX_PATCHES_IN_A_ROW from handleParams.
    const response = await view.patch(new URL(`http://localhost/?n=${MAX_PATCHES_IN_A_ROW}`));
    expect(response.live_patch).toEqual({ kind: "push", to: "/?n=0" });
    expect(crashes).toEqual([]);
  });

  test("one more crashes the view, naming the limit; an event's own patch counts", async () => {
    const { view, crashes } = await joined();
    await expect(view.patch(new URL(`http://localhost/?n=${MAX_PATCHES_IN_A_ROW + 1}`))).rejects.toThrow(
      `pushed more than ${MAX_PATCHES_IN_A_ROW} patches in a row (MAX_PATCHES_IN_A_ROW)`,
    );
    expect(crashes).toHaveLength(1);
    expect(view.isAlive).toBe(false);
    const other = await joined();
    await expect(other.view.event("patch", { to: `/?n=${MAX_PATCHES_IN_A_ROW}` })).rejects.toThrow("MAX_PATCHES_IN_A_ROW");
  });

  test("a handleParams that patches to itself for ever crashes the view", async () => {
    const { view, crashes } = await joined();
    await expect(view.patch(new URL("http://localhost/?forever"))).rejects.toThrow("handleParams patches to itself for ever");
    expect(crashes).toHaveLength(1);
    expect(view.isAlive).toBe(false);
  });

  test("a live redirect from the patch's handleParams is followed, not dropped", async () => {
    const { view } = await joined();
    expect(await view.event("patch", { to: "/?away" })).toEqual({ live_redirect: { kind: "push", to: "/elsewhere" } });
  });
});
