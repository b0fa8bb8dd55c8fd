/**
 * What one connection or one view may ask of the server: the event rate limit (a token bucket
 * per connection) and the bound on a view's queue. Past either the client is refused, the log
 * says so once, and other connections are answered as before.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { QueueFull, ViewInstance } from "../src/instance.js";
import { ThrottledLog, TokenBucket } from "../src/limits.js";
import { LocalPubSub } from "../src/pubsub.js";
import type { ViewDefinition } from "../src/view.js";
import Counter from "./views/counter.tsx";
import Feed from "./views/feed.tsx";
import Gated, { gates, openGates } from "./views/gated.tsx";
import { createLiveServer } from "../src/server.js";
import { getPage, joinedView, SECRET, startServer, TestClient, type TestServer } from "./support.js";

describe("TokenBucket", () => {
  afterEach(() => vi.useRealTimers());

  test("admits a burst at once, then the rate", () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket(10, 3);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    vi.advanceTimersByTime(99);
    expect(bucket.take()).toBe(false);
    vi.advanceTimersByTime(1);
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });

  test("refills up to the burst, not beyond", () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    for (let i = 0; i < 3; i++) bucket.take();
    now = 60_000;
    const taken = Array.from({ length: 5 }, () => bucket.take());
    expect(taken).toEqual([true, true, true, false, false]);
  });

  test("a clock that goes back adds nothing; a rate of Infinity admits everything", () => {
    let now = 1000;
    const bucket = new TokenBucket(10, 1, () => now);
    bucket.take();
    now = 0;
    expect(bucket.take()).toBe(false);
    const open = new TokenBucket(Infinity, 1, () => now);
    expect(Array.from({ length: 1000 }, () => open.take()).every(Boolean)).toBe(true);
  });
});

describe("ThrottledLog", () => {
  afterEach(() => vi.useRealTimers());

  test("writes the first line, then at most one per interval with the count it left out", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const log = new ThrottledLog((l) => lines.push(l), 10_000);
    for (let i = 0; i < 1000; i++) log.note("refusing");
    expect(lines).toEqual(["refusing"]);
    vi.advanceTimersByTime(9_999);
    log.note("refusing");
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1);
    log.note("refusing");
    expect(lines).toEqual(["refusing", "refusing (1000 more since the last such line)"]);
  });
});

describe("a view's queue", () => {
  /** An instance of `Gated` in process whose queue holds 3 client tasks, 5 in all. */
  function gatedInstance() {
    const crashes: unknown[] = [];
    const instance = new ViewInstance("q", Gated as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
      pubsub: new LocalPubSub(),
      dev: false,
      maxQueued: 3,
      maxQueuedInfos: 5,
      push: () => undefined,
      crashed: (error) => crashes.push(error),
      paramsFor: () => ({}),
    });
    return { instance, crashes };
  }

  afterEach(() => openGates());

  test("a client's message past maxQueued is refused and the view lives; the queue drains", async () => {
    const { instance, crashes } = gatedInstance();
    await instance.join({}, {});
    const held = [instance.event("save", {}), instance.event("save", {}), instance.event("save", {})];
    expect(instance.queueFull).toBe(true);
    await expect(instance.event("quick", {})).rejects.toThrow(QueueFull);
    await expect(instance.event("quick", {})).rejects.toThrow(/has 3 messages waiting, as many as maxQueuedMessages allows/);
    while (gates.length < 1) await Promise.resolve();
    openGates();
    await held[0];
    expect(instance.queueFull).toBe(false);
    // Each later save waits on a gate of its own.
    for (const save of held.slice(1)) {
      while (gates.length < 1) await Promise.resolve();
      openGates();
      await save;
    }
    expect(await instance.event("quick", {})).toEqual({ diff: { 0: "4" } });
    expect(crashes).toEqual([]);
    expect(instance.isAlive).toBe(true);
  });

  test("a server's message is queued past maxQueued, up to maxQueuedInfos; past that the view crashes, naming the option", async () => {
    const { instance, crashes } = gatedInstance();
    await instance.join({}, {});
    const held = ["a", "b", "c", "d", "e"].map((m) => instance.info(m));
    for (const info of held) info.catch(() => undefined);
    expect(instance.queueFull).toBe(true);
    expect(instance.isAlive).toBe(true);
    await expect(instance.info("f")).rejects.toThrow(QueueFull);
    expect(instance.isAlive).toBe(false);
    expect(crashes).toHaveLength(1);
    expect(String(crashes[0])).toMatch(/view q has 5 messages waiting, as many as maxQueuedInfos allows/);
  });

  test("a burst of 1,000 broadcasts at once is handled, not a crash, with the default bounds", async () => {
    const pubsub = new LocalPubSub();
    const pushes: unknown[] = [];
    const crashes: unknown[] = [];
    const instance = new ViewInstance("b", Feed as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
      pubsub,
      dev: false,
      push: (_event, payload) => pushes.push(payload),
      crashed: (error) => crashes.push(error),
      paramsFor: () => ({}),
    });
    await instance.join({}, {});
    for (let n = 1; n <= 1000; n++) pubsub.broadcast("feed", { n, body: "" });
    for (let i = 0; i < 100 && pushes.length < 1000 && crashes.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(crashes).toEqual([]);
    expect(pushes).toHaveLength(1000);
    expect(pushes.at(-1)).toEqual({ 0: "1000" });
  });
});

test("a limit below one is refused when the server is made, naming the option", () => {
  const make = (limits: Record<string, unknown>) => () => createLiveServer({ routes: {}, secret: SECRET, ...limits });
  expect(make({ eventBurst: 0 })).toThrow("createLiveServer: `eventBurst` must be a number of at least 1, or Infinity for no limit; got 0.");
  expect(make({ maxQueuedMessages: Number.NaN })).toThrow("`maxQueuedMessages` must be a number of at least 1");
  expect(make({ callbackTimeout: "30s" })).toThrow("`callbackTimeout` must be a number of at least 1");
  expect(make({ eventRate: Infinity, maxBufferedBytes: Infinity, maxQueuedInfos: Infinity })).not.toThrow();
});

describe("the event rate limit over a real socket", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ routes: { "/": Counter }, eventRate: 1, eventBurst: 10 });
  });
  afterAll(() => server.close());

  test("a flood gets error replies, then the connection is closed; a bystander's events are answered", async () => {
    const flood = await joinedView(server, "/");
    const bystander = await joinedView(server, "/");
    // The join took a token: nine clicks are left of the burst of ten, plus what refills.
    for (let i = 0; i < 200; i++) flood.client.sendRaw(JSON.stringify(["1", `f${i}`, flood.topic, "event", { type: "click", event: "inc", value: {} }]));
    // Sent before the close can reach the client: once the close began, frames are not decoded.
    flood.client.sendRaw("not a frame");
    for (let i = 1; i <= 5; i++) expect(await bystander.client.click(bystander.page, "inc")).toEqual({ status: "ok", response: { diff: { 0: String(i) } } });
    expect(await flood.client.waitClosed()).toEqual({ code: 1008, reason: "too many events" });

    const replies = flood.client.frames.filter((f) => f[3] === "phx_reply" && String(f[1]).startsWith("f"));
    const ok = replies.filter((f) => f[4].status === "ok").length;
    const refused = replies.filter((f) => f[4].status === "error");
    // At most a burst (less the join's token) plus what refilled while the test ran, at 1/s; the
    // admitted ones may not be answered at all, when the close comes first.
    expect(ok).toBeLessThan(15);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(refused[0]![4]).toEqual({ status: "error", response: { reason: "too many events" } });
    // Frames after the close began are not answered at all.
    expect(replies.length).toBeLessThan(40);

    const lines = server.log.lines.filter((l) => l.includes("event rate limit"));
    expect(lines).toEqual([
      "warn refusing frames of a connection over the event rate limit (eventRate 1/s, eventBurst 10)",
      "warn closing a connection that kept sending over the event rate limit (eventRate 1/s, eventBurst 10)",
    ]);
    expect(server.log.lines.filter((l) => l.includes("malformed"))).toEqual([]);
    bystander.client.close();
  });


  test("heartbeats count: a flood of them is refused, then closed", async () => {
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    for (let i = 0; i < 100; i++) client.sendRaw(JSON.stringify([null, `h${i}`, "phoenix", "heartbeat", {}]));
    expect(await client.waitClosed()).toEqual({ code: 1008, reason: "too many events" });
    const replies = client.frames.filter((f) => f[3] === "phx_reply").map((f) => f[4].status);
    // The burst of ten (plus what refilled at 1/s), then refusals, each still answering its ref.
    expect(replies.slice(0, 10)).toEqual(Array(10).fill("ok"));
    expect(replies.filter((s) => s === "error").length).toBeGreaterThanOrEqual(10);
    expect(replies.length).toBeLessThan(30);
  });
});

describe("the queue bound over a real socket", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ routes: { "/": Gated }, maxQueuedMessages: 3 });
  });
  afterAll(() => server.close());
  afterEach(() => openGates());

  test("events past a view's maxQueuedMessages get error replies; those queued are answered", async () => {
    const { client, page, topic } = await joinedView(server, "/");
    // Each save waits at a gate of its own until the test opens it: three fill the queue.
    const replies = Array.from({ length: 8 }, () => client.click(page, "save"));
    expect(await Promise.all(replies.slice(3))).toEqual(Array(5).fill({ status: "error", response: { reason: "view busy" } }));
    for (const [i, reply] of replies.slice(0, 3).entries()) {
      await vi.waitFor(() => expect(gates).toHaveLength(1));
      openGates();
      expect(await reply).toEqual({ status: "ok", response: { diff: { 0: String(i + 1) } } });
    }
    expect(server.log.lines.filter((l) => l.includes("maxQueuedMessages"))).toEqual([
      `warn refusing messages for view ${topic}: 3 wait already (maxQueuedMessages)`,
    ]);
    // The queue drained: the view takes events again.
    expect(await client.click(page, "quick")).toEqual({ status: "ok", response: { diff: { 0: "4" } } });
    client.close();
  });
});
