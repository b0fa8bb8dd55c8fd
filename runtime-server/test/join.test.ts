/**
 * Joins as Phoenix handles them: a second join of a topic closes the view joined there
 * (phx_close with the old join's ref) and goes ahead; the static token, when there is one, must
 * be this container's, or the join is stale.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signToken } from "../src/session.js";
import Counter from "./views/counter.tsx";
import Gated, { gates, openGates } from "./views/gated.tsx";
import Inbox, { terminated } from "./views/inbox.tsx";
import { getPage, SECRET, startServer, TestClient, type Page, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/inbox": Inbox, "/gated": Gated } });
});
afterAll(() => server.close());

function joinPayload(page: Page, path: string, overrides: Record<string, unknown> = {}) {
  return {
    url: server.url + path,
    params: { _csrf_token: page.csrfToken, _mounts: 0, _mount_attempts: 0, _track_static: [] },
    session: page.session,
    static: page.static,
    sticky: false,
    ...overrides,
  };
}

function viewOn(topic: string) {
  return [...server.live.connections].find((c) => c.instances.has(topic))?.instances.get(topic);
}

describe("a second join of a joined topic", () => {
  test("closes the joined view with phx_close under the old join ref; the new join goes ahead", async () => {
    const page = await getPage(server, "/inbox");
    const client = await TestClient.connect(server, page);
    const topic = `lv:${page.id}`;
    expect((await client.request(topic, "phx_join", joinPayload(page, "/inbox"), "1")).status).toBe("ok");
    const first = viewOn(topic)!;
    terminated.length = 0;
    const close = client.next((f) => f[3] === "phx_close");
    const rejoin = await client.request(topic, "phx_join", joinPayload(page, "/inbox"), "5");
    expect(await close).toEqual(["1", "1", topic, "phx_close", {}]);
    expect(rejoin.status).toBe("ok");
    expect(first.isAlive).toBe(false);
    expect(first.resources).toEqual({ timers: 0, subscriptions: 0 });
    expect(terminated).toEqual(["leave"]);
    const second = viewOn(topic)!;
    expect(second).not.toBe(first);
    expect(second.isAlive).toBe(true);
    expect(server.log.lines).toContain(`info closing view ${topic} for a new join of the same topic`);
    // phx_close came before the new join's reply, and the topic now answers from the new view.
    expect(client.frames.findIndex((f) => f[3] === "phx_close")).toBeLessThan(client.frames.findIndex((f) => f[1] === "2"));
    client.close();
  });

  test("closes the joined view even when the new join is refused", async () => {
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    const topic = `lv:${page.id}`;
    expect((await client.request(topic, "phx_join", joinPayload(page, "/"), "1")).status).toBe("ok");
    const first = viewOn(topic)!;
    const close = client.next((f) => f[3] === "phx_close");
    const refused = await client.request(topic, "phx_join", joinPayload(page, "/", { session: "forged" }), "7");
    expect(refused).toEqual({ status: "error", response: { reason: "unauthorized" } });
    expect(await close).toEqual(["1", "1", topic, "phx_close", {}]);
    expect(first.isAlive).toBe(false);
    // The topic has no view any more.
    expect(viewOn(topic)).toBeUndefined();
    expect(await client.request(topic, "event", { type: "click", event: "inc", value: {} }, "7")).toEqual({
      status: "error",
      response: { reason: "unmatched topic" },
    });
    client.close();
  });
});

describe("the static token", () => {
  async function joinWithStatic(statics: (page: Page, other: Page) => unknown) {
    const page = await getPage(server, "/");
    const other = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    const reply = await client.request(`lv:${page.id}`, "phx_join", joinPayload(page, "/", { static: statics(page, other) }), "1");
    client.close();
    return { reply, topic: `lv:${page.id}` };
  }

  test.each([
    ["another container's", (_page: Page, other: Page) => other.static, "the static token belongs to another view"],
    ["the session token in its place", (page: Page) => page.session, "the static token belongs to another view"],
    ["a forged one", () => "forged", "the static token is invalid"],
    ["an empty one", () => "", "the static token is invalid"],
    ["one that is not a string", () => ({ id: 1 }), "the static token is invalid"],
    [
      "an expired one",
      (page: Page) => signToken(SECRET, { kind: "static", id: page.id }, { now: Date.now() - 2 * 86_400_000 }),
      "the static token is expired",
    ],
  ])("%s makes the join stale, logged", async (_name, statics, why) => {
    const { reply, topic } = await joinWithStatic(statics);
    expect(reply).toEqual({ status: "error", response: { reason: "stale" } });
    expect(server.log.lines).toContain(`warn refused join of ${topic}: ${why}`);
  });

  test.each([
    ["this container's", (page: Page) => page.static],
    ["none (null)", () => null],
    ["none (absent)", () => undefined],
  ])("%s lets the join through", async (_name, statics) => {
    const { reply } = await joinWithStatic(statics);
    expect(reply.status).toBe("ok");
  });
});

describe("a frame that closes the connection", () => {
  test("waits for the joins sent before it: their replies come first, then the close", async () => {
    const page = await getPage(server, "/gated");
    const client = await TestClient.connect(server, page);
    const topic = `lv:${page.id}`;
    // The join's mount waits at a gate while the malformed frame behind it is read.
    const joined = client.request(topic, "phx_join", joinPayload(page, "/gated?hang=mount"), "1");
    client.sendRaw("{oops");
    await expect.poll(() => server.log.lines).toContain("warn closing a connection after a malformed frame: frame is not valid JSON");
    expect(gates).toHaveLength(1);
    expect(client.closed).toBeNull();
    openGates();
    expect((await joined).status).toBe("ok");
    expect(await client.waitClosed()).toEqual({ code: 1007, reason: "frame is not valid JSON" });
  });
});
