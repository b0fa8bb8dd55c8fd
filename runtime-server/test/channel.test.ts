/**
 * The WebSocket protocol end to end: a raw `ws` client joins views served from a real HTTP
 * server on loopback and checks every frame.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { KEYED, KEYED_COUNT, ROOT, STATIC, TEMPLATES, TITLE, EVENTS } from "@livetsx/client/wire";
import Counter from "./views/counter.tsx";
import TheyLive from "./views/they-live.tsx";
import Chat from "./views/chat.tsx";
import Ticker, { release } from "./views/ticker.tsx";
import Rows from "./views/rows.tsx";
import { joinView, startServer, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    routes: { "/": Counter, "/they-live": TheyLive, "/chat": Chat, "/ticker": Ticker, "/rows": Rows },
    maxPayload: 4096,
  });
});
afterAll(() => server.close());

describe("join and events", () => {
  test("the counter joins with its full rendered tree and a click sends one slot", async () => {
    const { page, client, reply } = await joinView(server, "/");
    expect(reply.status).toBe("ok");
    const response = reply.response as Record<string, unknown>;
    expect(response.liveview_version).toMatch(/^1\.2\./);
    expect(response.rendered).toEqual({
      0: "0",
      [STATIC]: 0,
      [ROOT]: 1,
      [TEMPLATES]: { 0: ['<div class="counter"><h1>Count: ', '</h1><button phx-click="dec">-</button><button phx-click="inc">+</button></div>'] },
    });
    expect(await client.click(page, "inc")).toEqual({ status: "ok", response: { diff: { 0: "1" } } });
    expect(client.raw.at(-1)).toBe(`["1","2","lv:${page.id}","phx_reply",{"status":"ok","response":{"diff":{"0":"1"}}}]`);
    expect(await client.click(page, "dec")).toEqual({ status: "ok", response: { diff: { 0: "0" } } });
    client.close();
  });

  test("an assign set to the same value sends nothing", async () => {
    const { page, client } = await joinView(server, "/");
    expect(await client.click(page, "same")).toEqual({ status: "ok", response: {} });
    client.close();
  });

  test("page title and pushed events travel in the diff", async () => {
    const { page, client } = await joinView(server, "/");
    const reply = await client.click(page, "titled");
    expect(reply.response).toEqual({ diff: { [TITLE]: "Count 0", [EVENTS]: [["highlight", { id: 5 }]] } });
    client.close();
  });

  test("the sunglasses toggle sends the two sentences and only the changed entries", async () => {
    const { page, client, reply } = await joinView(server, "/they-live");
    const rendered = (reply.response as Record<string, Record<string, unknown>>).rendered!;
    expect((rendered[2] as Record<string, Record<string, unknown>>)[KEYED]![KEYED_COUNT]).toBe(4);
    const { response } = await client.click(page, "toggle");
    const diff = (response as { diff: Record<string, unknown> }).diff;
    expect(diff[0]).toBe("Take them off");
    expect(diff[1]).toBe("Now you see them.");
    // Entries 1 and 3 (the aliens) change from the text to a nested template whose statics
    // travel once, in the shared table.
    expect(diff[2]).toEqual({ [KEYED]: { 1: { 1: { [STATIC]: 0, [ROOT]: 1 } }, 3: { 1: { [STATIC]: 0, [ROOT]: 1 } }, [KEYED_COUNT]: 4 } });
    expect(diff[TEMPLATES]).toEqual({ 0: ['<b class="alien">👽</b>'] });
    const back = (await client.click(page, "toggle")).response as { diff: Record<string, unknown> };
    expect(back.diff[2]).toEqual({ [KEYED]: { 1: { 1: "🙂" }, 3: { 1: "🙂" }, [KEYED_COUNT]: 4 } });
    client.close();
  });

  test("an unknown event is refused and the view keeps its state", async () => {
    const { page, client } = await joinView(server, "/");
    await client.click(page, "inc");
    const reply = await client.click(page, "nope");
    expect(reply).toEqual({ status: "error", response: { reason: 'unknown event "nope"' } });
    expect(await client.click(page, "inc")).toEqual({ status: "ok", response: { diff: { 0: "2" } } });
    expect(server.log.lines).toContain(`warn view lv:${page.id}: unknown event "nope"`);
    client.close();
  });

  test("heartbeats are answered", async () => {
    const { client } = await joinView(server, "/");
    expect(await client.request("phoenix", "heartbeat", {})).toEqual({ status: "ok", response: {} });
    client.close();
  });

  test("a frame for a topic that is not joined gets an error reply", async () => {
    const { client } = await joinView(server, "/");
    expect(await client.request("lv:phx-unknown", "event", { type: "click", event: "inc", value: {} })).toEqual({
      status: "error",
      response: { reason: "unmatched topic" },
    });
    client.close();
  });

  test("leave disposes the view: phx_close under the join's ref, then the leave's reply", async () => {
    const { page, client } = await joinView(server, "/");
    const topic = `lv:${page.id}`;
    expect(await client.request(topic, "phx_leave", {}, "1")).toEqual({ status: "ok", response: {} });
    const after = client.frames.slice(-2);
    expect(after[0]).toEqual(["1", "1", topic, "phx_close", {}]);
    expect(after[1]).toEqual(["1", expect.any(String), topic, "phx_reply", { status: "ok", response: {} }]);
    expect((await client.click(page, "inc")).response).toEqual({ reason: "unmatched topic" });
    client.close();
  });
});

describe("ordering, messages and PubSub", () => {
  test("one view handles its messages in order; another view does not wait", async () => {
    const slow = await joinView(server, "/ticker?limit=0");
    const other = await joinView(server, "/");
    // The first event waits until the test releases it: the second waits behind it, the other
    // view answers meanwhile.
    let answered = 0;
    const first = slow.client.request(slow.topic, "event", { type: "click", event: "hold", value: { tag: "a" } }, "1").finally(() => answered++);
    const second = slow.client.request(slow.topic, "event", { type: "click", event: "wait", value: { ms: 1, tag: "b" } }, "1").finally(() => answered++);
    expect((await other.client.click(other.page, "inc")).response).toEqual({ diff: { 0: "1" } });
    expect(answered).toBe(0);
    release("a");
    expect(((await first).response as { diff: Record<string, string> }).diff[1]).toBe("a");
    expect(((await second).response as { diff: Record<string, string> }).diff[1]).toBe("a,b");
    const replies = slow.client.frames.filter((f) => f[3] === "phx_reply" && f[1] !== "1").map((f) => f[1]);
    expect(replies).toEqual(["2", "3"]);
    slow.client.close();
    other.client.close();
  });

  test("sendAfter ticks push diffs, and stop at the limit", async () => {
    const { client, topic } = await joinView(server, "/ticker?limit=3&every=15");
    // From the frames received (two ticks can arrive in one read, before a waiter for the
    // second is registered), once the third tick's diff is among them.
    const diffs = () => client.frames.filter((f) => f[1] === null && f[2] === topic && f[3] === "diff").map((f) => f[4]);
    await vi.waitFor(() => expect(diffs().length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 10 });
    // No fourth tick is coming: the view holds no timer any more.
    const instance = [...server.live.connections].find((c) => c.instances.has(topic))!.instances.get(topic)!;
    expect(instance.resources.timers).toBe(0);
    expect(diffs()).toEqual([{ 0: "1" }, { 0: "2" }, { 0: "3" }]);
    client.close();
  });

  test("a broadcast reaches both chat views", async () => {
    const alice = await joinView(server, "/chat?name=alice");
    const bob = await joinView(server, "/chat?name=bob");
    const pushed = bob.client.nextPush(bob.topic, "diff");
    const own = alice.client.nextPush(alice.topic, "diff");
    const reply = await alice.client.request(alice.topic, "event", { type: "click", event: "send", value: { text: "hi <bob>" } }, "1");
    expect(reply.status).toBe("ok");
    const diff = (await pushed) as Record<string, unknown>;
    // The list's statics went with the join (when it was empty): only the new entry travels.
    expect(diff).toEqual({ 1: { [KEYED]: { 0: { 0: "alice", 1: "hi &lt;bob&gt;" }, [KEYED_COUNT]: 1 } } });
    expect(await own).toEqual(diff);
    alice.client.close();
    bob.client.close();
  });
});

describe("lists", () => {
  test("a moved and a changed entry travel as old indexes", async () => {
    const { page, client } = await joinView(server, "/rows?n=4");
    const swap = (await client.click(page, "swap")).response as { diff: Record<string, Record<string, unknown>> };
    expect(swap.diff[1]).toEqual({ [KEYED]: { 1: 2, 2: 1, [KEYED_COUNT]: 4, km: true } });
    const rename = (await client.click(page, "rename", { id: 3, label: "three" })).response as { diff: Record<string, unknown> };
    expect(rename.diff[1]).toEqual({ [KEYED]: { 1: { 2: "three" }, [KEYED_COUNT]: 4 } });
    const append = (await client.click(page, "append")).response as { diff: Record<string, unknown> };
    expect(append.diff[1]).toEqual({ [KEYED]: { 4: { 0: "", 1: "5", 2: "row 5" }, [KEYED_COUNT]: 5 } });
    const clear = (await client.click(page, "clear")).response as { diff: Record<string, unknown> };
    expect(clear.diff[1]).toEqual({ [KEYED]: { [KEYED_COUNT]: 0 } });
    client.close();
  });
});
