/**
 * Every user callback, sync or async, is contained to its view: a failure crashes that view
 * (phx_error), or for `terminate` is only logged, and the log line names the view and the
 * callback. Other views keep working.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Counter from "./views/counter.tsx";
import Failing from "./views/failing.tsx";
import { getPage, joinedView, startServer, TestClient, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/failing": Failing } });
});
afterAll(() => server.close());

const PROMISE_REFUSED = "it returned a promise, but a live component's mount and update must be synchronous: load the data in the view and pass it as props";

async function bystanderStillWorks(): Promise<void> {
  const b = await joinedView(server, "/");
  expect((await b.client.click(b.page, "inc")).response).toEqual({ diff: { 0: "1" } });
  b.client.close();
}

/** Joins /failing, sends `payload` on its topic and waits for the view's phx_error. */
async function crashWith(event: string, payload: Record<string, unknown>, path = "/failing") {
  const { client, topic } = await joinedView(server, path);
  const error = client.nextPush(topic, "phx_error");
  client.sendRaw(JSON.stringify(["1", "77", topic, event, payload]));
  expect(await error).toEqual({});
  client.close();
  return topic;
}

describe("a view's callbacks", () => {
  test("an async handler that rejects crashes its view, naming the handler", async () => {
    const topic = await crashWith("event", { type: "click", event: "reject", value: {} });
    expect(server.log.lines).toContain(`error view ${topic} (/failing) crashed in handleEvent "reject": handler rejected`);
    await bystanderStillWorks();
  });

  test("an async mount that rejects answers the join with an error, naming mount", async () => {
    const page = await getPage(server, "/failing");
    const client = await TestClient.connect(server, page);
    const reply = await client.join(page, server, "/failing?mode=mount-rejects");
    expect(reply).toEqual({ status: "error", response: { reason: "join crashed" } });
    expect(server.log.lines).toContain(`error view lv:${page.id} (/failing) crashed in mount: mount rejected`);
    client.close();
    await bystanderStillWorks();
  });

  test("an async handleParams that rejects on a live patch crashes its view, naming handleParams", async () => {
    const topic = await crashWith("live_patch", { url: `${server.url}/failing?fail=params` });
    expect(server.log.lines).toContain(`error view ${topic} (/failing) crashed in handleParams: handleParams rejected`);
    await bystanderStillWorks();
  });

  test.each([
    ["sendInfo", "info"],
    ["sendAfter", "later"],
    ["a PubSub broadcast", "broadcast"],
  ])("an async handleInfo that rejects on a message from %s crashes its view, naming handleInfo", async (_name, event) => {
    const topic = await crashWith("event", { type: "click", event, value: {} });
    expect(server.log.lines).toContain(`error view ${topic} (/failing) crashed in handleInfo: handleInfo rejected`);
    await bystanderStillWorks();
  });

  test.each([
    ["throws", "terminate threw"],
    ["rejects", "terminate rejected"],
  ])("a terminate that %s is logged, naming the view and terminate", async (mode, message) => {
    const { client, topic } = await joinedView(server, `/failing?mode=terminate-${mode}`);
    expect(await client.request(topic, "phx_leave", {}, "1")).toEqual({ status: "ok", response: {} });
    await expect.poll(() => server.log.lines).toContain(`error view ${topic} (/failing): terminate failed: ${message}`);
    client.close();
    await bystanderStillWorks();
  });
});

describe("a live component's callbacks", () => {
  test.each([
    ["an async update", "async-update", `update of live component u (cid 1): ${PROMISE_REFUSED}`],
    ["an async mount", "async-mount", `mount of live component m (cid 1): ${PROMISE_REFUSED}`],
    ["an update that throws", "throwing-update", "update of live component t (cid 1): component update threw"],
  ])("%s crashes its view, naming the component and the callback", async (_name, which, logged) => {
    const topic = await crashWith("event", { type: "click", event: "show", value: { which } });
    expect(server.log.lines).toContain(`error view ${topic} (/failing) crashed in ${logged}`);
    await bystanderStillWorks();
  });

  test("an async handler of a component that rejects crashes its view, naming the handler and the component", async () => {
    const { client, topic, page } = await joinedView(server, "/failing");
    await client.click(page, "show", { which: "counter" });
    const error = client.nextPush(topic, "phx_error");
    client.sendRaw(JSON.stringify(["1", "78", topic, "event", { type: "click", event: "reject", value: {}, cid: 1 }]));
    expect(await error).toEqual({});
    expect(server.log.lines).toContain(`error view ${topic} (/failing) crashed in handleEvent "reject" of live component k (cid 1): component handler rejected`);
    client.close();
    await bystanderStillWorks();
  });

  test("an async update in the HTTP render answers 500 with a log line naming the component", async () => {
    const res = await fetch(`${server.url}/failing?show=async-update`);
    expect(res.status).toBe(500);
    expect(server.log.lines).toContain(`error HTTP render of /failing failed: update of live component u failed: ${PROMISE_REFUSED}`);
    await bystanderStillWorks();
  });
});
