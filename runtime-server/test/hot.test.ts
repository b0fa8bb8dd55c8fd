/**
 * Hot replacement in the runtime: definitions keep their identity across runs of a module and
 * take new code in place, in a transaction that can be taken back; a joined view renders again,
 * whole, with the assigns it has (its live components' too), and a render that throws leaves
 * it alive.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COMPONENTS, ROOT, STATIC, TEMPLATES } from "@livetsx/client/wire";
import { beginHotUpdate, isHot } from "../src/index.js";
import { hot } from "../src/hot.js";
import { clicksV1, clicksV2, counterBroken, counterV1, counterV2 } from "./views/hot-views.tsx";
import { joinView, startServer, type TestServer } from "./support.js";

/** A node's statics: given, or a reference into the diff's template table. */
const statics = (node: Record<string, any>, diff: Record<string, any>) =>
  typeof node[STATIC] === "number" ? diff[TEMPLATES][node[STATIC]] : node[STATIC];

let run = 0;
/** Ids of their own for each test: the registry is the process's. */
const ids = () => {
  run++;
  return { view: `test://hot-${run}#view`, component: `test://hot-${run}#clicks` };
};

describe("hot()", () => {
  test("the first definition of an id is kept; later ones give it their code when applied", async () => {
    const id = ids().view;
    const first = { render: () => "one", extra: 1 };
    expect(hot(id, first)).toBe(first);
    expect(isHot(first)).toBe(true);
    expect(isHot({ render: () => "" })).toBe(false);

    const update = await beginHotUpdate();
    const second = { render: () => "two" };
    expect(hot(id, second)).toBe(first);
    expect(update.size).toBe(1);
    // Recorded, not copied, until applied.
    expect(first.render()).toBe("one");
    update.apply();
    expect(first.render()).toBe("two");
    expect("extra" in first).toBe(false);
    update.revert();
    expect(first.render()).toBe("one");
    expect(first.extra).toBe(1);
    update.end();
  });

  test("one update at a time: the next begins when the one before it ends", async () => {
    const first = await beginHotUpdate();
    const order: string[] = [];
    const second = beginHotUpdate().then((u) => {
      order.push("second began");
      return u;
    });
    await Promise.resolve();
    order.push("first ends");
    first.end();
    (await second).end();
    expect(order).toEqual(["first ends", "second began"]);
  });

  test("an update that is ended without being applied changes nothing", async () => {
    const id = ids().view;
    const first = { render: () => "one" };
    hot(id, first);
    const update = await beginHotUpdate();
    hot(id, { render: () => "two" });
    update.end();
    expect(first.render()).toBe("one");
  });

  test("a frozen definition cannot take new code: apply throws and leaves every definition as it was", async () => {
    const { view, component } = ids();
    const open = { render: () => "open" };
    const frozen = Object.freeze({ render: () => "frozen" });
    hot(view, open);
    hot(component, frozen);
    const update = await beginHotUpdate();
    hot(view, { render: () => "open 2" });
    hot(component, { render: () => "frozen 2" });
    expect(() => update.apply()).toThrow(/frozen/);
    expect(open.render()).toBe("open");
    update.end();
  });
});

describe("rerender after new code", () => {
  let server: TestServer;
  const id = ids();
  const clicks = hot(id.component, clicksV1());
  const view = hot(id.view, counterV1(clicks));

  beforeAll(async () => {
    server = await startServer({ routes: { "/": view } });
  });
  afterAll(() => server.close());

  test("a joined view renders whole with the new code and the assigns it has", async () => {
    const { client, page, topic } = await joinView(server, "/");
    await client.click(page, "inc");
    await client.click(page, "inc");
    const reply = await client.request(topic, "event", { type: "click", event: "click", value: {}, cid: 1 }, "1");
    expect(reply.status).toBe("ok");

    const update = await beginHotUpdate();
    hot(id.component, clicksV2());
    hot(id.view, counterV2(clicks));
    update.apply();
    update.end();
    const pushed = client.nextPush(topic, "diff");
    expect(await server.live.rerender()).toEqual([]);
    const diff = (await pushed) as Record<string, any>;
    // New statics at the root and for the component; the assigns are the old ones (count 2,
    // clicks 1), not what the new mounts would give.
    expect(statics(diff, diff)).toEqual(["<section><h1>Total</h1><p>", " in all</p>", "</section>"]);
    expect(diff[0]).toBe("2");
    expect(diff[1]).toBe(1);
    expect(statics(diff[COMPONENTS][1], diff[COMPONENTS][1])).toEqual(["<em phx-click=\"click\"", ">", " clicks</em>"]);
    expect(diff[COMPONENTS][1][ROOT]).toBe(1);
    expect(diff[COMPONENTS][1][1]).toBe("1");

    // The new handlers run, and diffs go on from the whole render.
    expect(await client.click(page, "inc")).toEqual({ status: "ok", response: { diff: { 0: "4" } } });
    const component = await client.request(topic, "event", { type: "click", event: "click", value: {}, cid: 1 }, "1");
    expect(component).toEqual({ status: "ok", response: { diff: { [COMPONENTS]: { 1: { 1: "11" } } } } });
    client.close();
  });

  test("a render that throws is returned, the view lives on, and the old code renders again", async () => {
    // Joined after the first test's update: the new mount (1000) and handler (+2).
    const { client, page, topic } = await joinView(server, "/");
    await client.click(page, "inc");
    const update = await beginHotUpdate();
    hot(id.view, counterBroken(clicks));
    update.apply();
    // The first test's view may still be joined: each joined view fails alike.
    const failures = await server.live.rerender();
    expect(failures.map((f) => f.topic)).toContain(topic);
    for (const failure of failures) expect(String(failure.error)).toContain("render exploded");
    // What the dev server does then: the old code back, rendered whole.
    update.revert();
    update.end();
    const pushed = client.nextPush(topic, "diff");
    expect(await server.live.rerender()).toEqual([]);
    const diff = (await pushed) as Record<string, any>;
    expect(statics(diff, diff)).toEqual(["<section><h1>Total</h1><p>", " in all</p>", "</section>"]);
    expect(diff[0]).toBe("1002");
    expect(await client.click(page, "inc")).toEqual({ status: "ok", response: { diff: { 0: "1004" } } });
    expect(server.log.lines.filter((l) => l.includes("crashed"))).toEqual([]);
    client.close();
  });
});
