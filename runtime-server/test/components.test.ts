/** Live components and streams over the wire: `c` by cid, shared statics, streams' annotation. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COMPONENTS, KEYED, KEYED_COUNT, ROOT, STATIC, STREAM, TEMPLATES } from "@livetsx/client/wire";
import Todos from "./views/todos.tsx";
import Revive from "./views/revive.tsx";
import { joinView, startServer, type TestServer } from "./support.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ routes: { "/todos": Todos, "/revive": Revive } });
});
afterAll(() => server.close());

async function joined() {
  const { page, client, reply, topic } = await joinView(server, "/todos");
  expect(page.html).toContain('<ul id="todos" phx-update="stream"><div id="todos-1"><li>');
  return { page, client, topic, rendered: (reply.response as { rendered: Record<string, any> }).rendered };
}

describe("live components", () => {
  test("the join sends each component once under c; the second shares the first's statics", async () => {
    const { rendered, client } = await joined();
    const list = rendered[0];
    expect(list[KEYED]).toEqual({ 0: { 0: ' id="todos-1"', 1: 1 }, 1: { 0: ' id="todos-2"', 1: 2 }, [KEYED_COUNT]: 2 });
    expect(list[STREAM]).toEqual(["0", [["todos-1", -1, null, false], ["todos-2", -1, null, false]], []]);
    const c = rendered[COMPONENTS];
    expect(c[1][STATIC]).toEqual(["<li", '><input type="checkbox"', ' phx-click="toggle"', ">", "<em>", '</em><button phx-click="remove"', ">x</button></li>"]);
    expect(c[1][ROOT]).toBe(1);
    expect(c[2][STATIC]).toBe(1);
    expect([c[1][0], c[1][1], c[1][2], c[1][3], c[1][4], c[1][5]]).toEqual(["", "", ' phx-target="1"', "milk", "", ' phx-target="1"']);
    expect(c[2][2]).toBe(' phx-target="2"');
    expect(c[2][0]).toBe(' class="done"');
    client.close();
  });

  test("an event with a cid runs the component's handler and sends only that component", async () => {
    const { client, topic } = await joined();
    const reply = await client.request(topic, "event", { type: "click", event: "toggle", value: {}, cid: 1 }, "1");
    expect(reply).toEqual({ status: "ok", response: { diff: { [COMPONENTS]: { 1: { 0: ' class="done"', 1: " checked" } } } } });
    const unknown = await client.request(topic, "event", { type: "click", event: "toggle", value: {}, cid: 99 }, "1");
    expect(unknown).toEqual({ status: "error", response: { reason: "no component 99 in this view" } });
    client.close();
  });

  test("sendUpdate from the view updates one component", async () => {
    const { client, topic } = await joined();
    const pushed = client.nextPush(topic, "diff");
    await client.request(topic, "event", { type: "click", event: "note", value: { id: 2, note: "free range" } }, "1");
    expect(await pushed).toEqual({ [COMPONENTS]: { 2: { 4: "free range" } } });
    client.close();
  });

  test("two-phase destroy forgets the components the client dropped", async () => {
    const { client, topic } = await joined();
    expect(await client.request(topic, "cids_will_destroy", { cids: [1] }, "1")).toEqual({ status: "ok", response: {} });
    expect(await client.request(topic, "cids_destroyed", { cids: [1, 2] }, "1")).toEqual({ status: "ok", response: { cids: [1] } });
    const gone = await client.request(topic, "event", { type: "click", event: "toggle", value: {}, cid: 1 }, "1");
    expect(gone.status).toBe("error");
    client.close();
  });
});

describe("streams", () => {
  test("an insert sends only the new entry, its component sharing statics with one the client has", async () => {
    const { client, page } = await joined();
    const reply = (await client.click(page, "add", { title: "bread" })).response as { diff: Record<string, any> };
    expect(reply.diff[0]).toEqual({ [KEYED]: { 0: { 0: ' id="todos-3"', 1: 3 }, [KEYED_COUNT]: 1 }, [STREAM]: ["0", [["todos-3", 0, 10, false]], []] });
    expect(reply.diff[COMPONENTS][3][STATIC]).toBe(-1);
    expect(reply.diff[TEMPLATES]).toBeUndefined();
    client.close();
  });

  test("a delete from a component's message, and a reset", async () => {
    const { client, topic, page } = await joined();
    const pushed = client.nextPush(topic, "diff");
    await client.request(topic, "event", { type: "click", event: "remove", value: {}, cid: 2 }, "1");
    expect(await pushed).toEqual({ 0: { [KEYED]: { [KEYED_COUNT]: 0 }, [STREAM]: ["0", [], ["todos-2"]] } });
    const reset = (await client.click(page, "reset")).response as { diff: Record<string, any> };
    expect(reset.diff[0][STREAM]).toEqual(["0", [["todos-9", -1, null, false]], [], true]);
    expect(reset.diff[0][KEYED][KEYED_COUNT]).toBe(1);
    client.close();
  });

  test("a delete then an insert of the same item in one render is a move: both are sent", async () => {
    const { client, page } = await joined();
    const moved = (await client.click(page, "top", { id: 2, title: "eggs" })).response as { diff: Record<string, any> };
    expect(moved.diff[0][STREAM]).toEqual(["0", [["todos-2", 0, null, false]], ["todos-2"]]);
    const flicker = (await client.click(page, "flicker")).response as { diff?: Record<string, any> };
    expect(flicker.diff?.[0]?.[STREAM]).toEqual(["0", [], ["todos-99"]]);
    client.close();
  });

  test("items are not kept after a render", async () => {
    const { client, page } = await joined();
    await client.click(page, "add", { title: "x" });
    const connection = [...server.live.connections].at(-1)!;
    const instance = [...connection.instances.values()][0]!;
    const streams = instance.socket.assigns.streams as Record<string, { inserts: unknown[] }>;
    expect(streams.todos!.inserts).toEqual([]);
    client.close();
  });
});

describe("a component used again between cids_will_destroy and cids_destroyed", () => {
  test("comes back with the components inside it, those change tracking skips included", async () => {
    const { client, topic } = await joinView(server, "/revive");
    const click = (event: string, cid?: number) =>
      client.request(topic, "event", { type: "click", event, value: {}, ...(cid === undefined ? {} : { cid }) }, "1");
    // cid 1 is the branch, cid 2 the leaf inside it.
    expect((await click("bump", 2)).response).toEqual({ diff: { [COMPONENTS]: { 2: { 0: "1" } } } });
    await click("tick");
    await click("hide");
    expect((await client.request(topic, "cids_will_destroy", { cids: [1, 2] }, "1")).status).toBe("ok");
    // Shown again before cids_destroyed: the branch is met (unchanged, so not even rendered) and
    // the leaf inside it is not met at all.
    const shown = await click("show");
    expect(shown.response).toEqual({ diff: { 0: { 0: 1, s: 0, r: 1 }, p: { 0: ['<div id="wrapper">', "</div>"] } } });
    expect(await client.request(topic, "cids_destroyed", { cids: [1, 2] }, "1")).toEqual({ status: "ok", response: { cids: [] } });
    expect((await click("bump", 2)).response).toEqual({ diff: { [COMPONENTS]: { 2: { 0: "2" } } } });
    client.close();
  });

  test("a component not met again is still forgotten", async () => {
    const { client, topic } = await joinView(server, "/revive");
    await client.request(topic, "event", { type: "click", event: "hide", value: {} }, "1");
    await client.request(topic, "cids_will_destroy", { cids: [1, 2] }, "1");
    expect(await client.request(topic, "cids_destroyed", { cids: [1, 2] }, "1")).toEqual({ status: "ok", response: { cids: [1, 2] } });
    client.close();
  });
});
