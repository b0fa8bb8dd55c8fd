/**
 * Bad input and faults: every one is refused or contained, logged, and the server and every
 * other view keep working.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import { signToken } from "../src/session.js";
import Counter from "./views/counter.tsx";
import Ticker from "./views/ticker.tsx";
import Rows from "./views/rows.tsx";
import { getPage, joinedView, type Page, SECRET, startServer, TestClient, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    routes: { "/": Counter, "/ticker": Ticker, "/rows": Rows },
    liveSessions: { admin: { "/admin": Counter } },
    maxPayload: 2048,
    dev: true,
  });
});
afterAll(() => server.close());

/** A second view, on its own connection, that must keep working through every fault. */
async function bystander() {
  const b = await joinedView(server, "/");
  return {
    ...b,
    async stillWorks(expected: string) {
      expect((await b.client.click(b.page, "inc")).response).toEqual({ diff: { 0: expected } });
    },
  };
}

function tampered(token: string): string {
  const [body, sig] = token.split(".");
  const json = JSON.parse(Buffer.from(body!, "base64url").toString());
  json.p.route = "/rows";
  return `${Buffer.from(JSON.stringify(json)).toString("base64url")}.${sig}`;
}

describe("joins", () => {
  test("a tampered session token is refused and nothing mounts", async () => {
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    const reply = await client.join(page, server, "/", { session: tampered(page.session) });
    expect(reply).toEqual({ status: "error", response: { reason: "unauthorized" } });
    expect(server.live.stats().views).toBe(0);
    expect(server.log.lines).toContain(`warn refused join of lv:${page.id}: invalid`);
    client.close();
  });

  test("an expired session token asks the client to reload", async () => {
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    const old = signToken(SECRET, { kind: "session", id: page.id, route: "/", session: {} }, { now: Date.now() - 3 * 86_400_000 });
    expect(await client.join(page, server, "/", { session: old })).toEqual({ status: "error", response: { reason: "stale" } });
    client.close();
  });

  test("a token for another container, a static token as session, or a route of another live session are refused", async () => {
    const page = await getPage(server, "/");
    const other = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    expect((await client.join(page, server, "/", { session: other.session })).status).toBe("error");
    expect((await client.join(page, server, "/", { session: page.static })).status).toBe("error");
    expect(await client.join(page, server, "/", { url: `${server.url}/admin` })).toEqual({ status: "error", response: { reason: "unauthorized" } });
    expect(await client.join(page, server, "/", { url: `${server.url}/nowhere` })).toEqual({ status: "error", response: { reason: "stale" } });
    client.close();
  });

  test("a missing or wrong CSRF token refuses the upgrade and the join", async () => {
    const page = await getPage(server, "/");
    await expect(TestClient.connect(server, { ...page, csrfToken: "forged" })).rejects.toThrow(/upgrade refused: 403/);
    await expect(TestClient.connect(server, { ...page, cookie: "" })).rejects.toThrow(/upgrade refused: 403/);
    const client = await TestClient.connect(server, page);
    const reply = await client.join(page, server, "/", { params: { _csrf_token: "forged" } });
    expect(reply).toEqual({ status: "error", response: { reason: "unauthorized" } });
    client.close();
  });

  test("an upgrade from a foreign origin is refused", async () => {
    const page = await getPage(server, "/");
    const url = `${server.url.replace("http", "ws")}/live/websocket?_csrf_token=${encodeURIComponent(page.csrfToken)}`;
    const ws = new WebSocket(url, { headers: { cookie: page.cookie, origin: "https://evil.example" } });
    const status = await new Promise((resolve) => ws.once("unexpected-response", (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(403);
  });
});

describe("frames", () => {
  test.each([
    ["not JSON", "{oops", "frame is not valid JSON"],
    ["a wrong shape", JSON.stringify(["1", "2", "lv:x"]), "frame must be an array of 5 elements, got 3"],
    ["a payload that is not an object", JSON.stringify(["1", "2", "lv:x", "event", []]), "payload must be a JSON object, got array"],
  ])("%s closes that connection with a log line; others keep working", async (_name, frame, why) => {
    const other = await bystander();
    const { client } = await joinedView(server, "/");
    client.sendRaw(frame);
    expect(await client.waitClosed()).toEqual({ code: 1007, reason: why });
    expect(server.log.lines).toContain(`warn closing a connection after a malformed frame: ${why}`);
    await other.stillWorks("1");
    other.client.close();
  });

  test("an oversized frame closes that connection (maxPayload)", async () => {
    const other = await bystander();
    const { client, page } = await joinedView(server, "/");
    client.sendRaw(JSON.stringify(["1", "9", `lv:${page.id}`, "event", { type: "click", event: "inc", value: { big: "x".repeat(4096) } }]));
    expect((await client.waitClosed()).code).toBe(1009);
    expect(server.log.lines).toContain("warn websocket error: Max payload size exceeded");
    await other.stillWorks("1");
    other.client.close();
  });

  test("an event without a name is refused; the view keeps working", async () => {
    const { client, page, topic } = await joinedView(server, "/");
    expect(await client.request(topic, "event", { type: "click", value: {} }, "1")).toEqual({ status: "error", response: { reason: "an event needs a name" } });
    expect((await client.click(page, "inc")).response).toEqual({ diff: { 0: "1" } });
    client.close();
  });
});

describe("crashes", () => {
  test("a handler that throws crashes only its view: phx_error, cleaned up, others untouched", async () => {
    const other = await bystander();
    const { client, topic, page: first } = await joinedView(server, "/ticker?limit=1000&every=10");
    const connectionCookie = first.cookie;
    await client.request(topic, "event", { type: "click", event: "subscribe", value: {} }, "1");
    const connection = [...server.live.connections].find((c) => c.instances.has(topic))!;
    const instance = connection.instances.get(topic)!;
    expect(instance.resources).toEqual({ timers: 1, subscriptions: 1 });
    const error = client.nextPush(topic, "phx_error");
    client.sendRaw(JSON.stringify(["1", "50", topic, "event", { type: "click", event: "boom", value: {} }]));
    expect(await error).toEqual({});
    expect(instance.resources).toEqual({ timers: 0, subscriptions: 0 });
    expect(instance.isAlive).toBe(false);
    expect(connection.instances.has(topic)).toBe(false);
    expect(server.log.lines.some((l) => l.startsWith(`error view ${topic} (/ticker) crashed in handleEvent "boom": boom in a handler`))).toBe(true);
    // No timer is left to tick (above), and a heartbeat's reply comes after anything the dead
    // view could still have pushed on this connection: nothing did.
    const ticks = client.frames.filter((f) => f[3] === "diff").length;
    expect(await client.request("phoenix", "heartbeat", {})).toEqual({ status: "ok", response: {} });
    expect(client.frames.filter((f) => f[3] === "diff").length).toBe(ticks);
    await other.stillWorks("1");
    // The client rejoins after phx_error: a fresh mount on the same connection.
    const page = await getPage(server, "/ticker?limit=0", connectionCookie);
    const rejoin = await client.join(page, server, "/ticker?limit=0");
    expect(rejoin.status).toBe("ok");
    client.close();
    other.client.close();
  });

  test("in development, changing an assign in place is reported, not lost", async () => {
    const { client, page, topic } = await joinedView(server, "/rows?n=3");
    const error = client.nextPush(topic, "phx_error");
    client.sendRaw(JSON.stringify(["1", "60", topic, "event", { type: "click", event: "mutate", value: {} }]));
    await error;
    const line = server.log.lines.find((l) => l.startsWith(`error view lv:${page.id}`));
    expect(line).toMatch(/changed in place.*assign a new value/);
    client.close();
  });
});

describe("diff work", () => {
  async function rowsView(n: number) {
    const j = await joinedView(server, `/rows?n=${n}`);
    const connection = [...server.live.connections].find((c) => c.instances.has(j.topic))!;
    return { ...j, stats: connection.instances.get(j.topic)!.engine.stats };
  }

  test("with 1,000 rows, a change outside the list evaluates one slot", async () => {
    const { client, page, stats } = await rowsView(1000);
    const before = { ...stats };
    expect((await client.click(page, "inc")).response).toEqual({ diff: { 0: "1" } });
    expect(stats.slotsEvaluated - before.slotsEvaluated).toBe(1);
    expect(stats.entriesRendered - before.entriesRendered).toBe(0);
    client.close();
  });

  test("with 1,000 rows, one changed row renders one entry", async () => {
    const { client, page, stats } = await rowsView(1000);
    const before = { ...stats };
    const reply = await client.click(page, "rename", { id: 500, label: "five hundred" });
    expect(reply.response).toEqual({ diff: { 1: { k: { 499: { 2: "five hundred" }, kc: 1000 } } } });
    expect(stats.entriesRendered - before.entriesRendered).toBe(1);
    // The list slot, and in the entry only the label (its deps are `@row.label`).
    expect(stats.slotsEvaluated - before.slotsEvaluated).toBe(2);
    client.close();
  });

  test("selecting a row sends only the two rows whose class flips, rendering only those two rows", async () => {
    const { client, page, stats } = await rowsView(1000);
    await client.click(page, "select", { id: 10 });
    const before = { ...stats };
    const reply = await client.click(page, "select", { id: 20 });
    expect(reply.response).toEqual({ diff: { 1: { k: { 9: { 0: "" }, 19: { 0: ' class="selected"' }, kc: 1000 } } } });
    // Every row reads `selected` only in `row.id === selected`: the rows holding 10 and 20 are
    // the only ones whose class can change, and only their class slot is evaluated (plus the list's).
    expect(stats.entriesRendered - before.entriesRendered).toBe(2);
    expect(stats.slotsEvaluated - before.slotsEvaluated).toBe(3);
    client.close();
  });
});

export type { Page };

describe("mount", () => {
  test("a mount that throws answers the join with an error; the server keeps serving", async () => {
    const page = await getPage(server, "/rows?n=3");
    const client = await TestClient.connect(server, page);
    const reply = await client.join(page, server, "/rows?n=crash");
    expect(reply).toEqual({ status: "error", response: { reason: "join crashed" } });
    expect(client.frames.some((f) => f[3] === "phx_error")).toBe(false);
    expect(server.log.lines.some((l) => l.includes("crashed in mount: mount failed"))).toBe(true);
    const res = await fetch(`${server.url}/rows?n=crash`);
    expect(res.status).toBe(500);
    expect(server.log.lines.some((l) => l.startsWith("error HTTP render of /rows failed: mount failed"))).toBe(true);
    const other = await bystander();
    await other.stillWorks("1");
    client.close();
    other.client.close();
  });
});
