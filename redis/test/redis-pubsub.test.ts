/**
 * The Redis adapter against a real redis-server: two adapters in this process are two nodes.
 * Delivery across nodes with the sender's node id, broadcastFrom, this node's subscribers served
 * without Redis, JSON only, a clear error when Redis is unreachable, a restart survived with the
 * subscriptions restored, node records with an expiry, and Presence across nodes.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { Redis } from "ioredis";
import { Presence, type LiveSocket, type Logger } from "@livetsx/server";
import { createRedisPubSub, type RedisPubSub, type RedisPubSubOptions } from "../src/index.js";
import { freePort, startRedisServer, type TestRedis } from "../src/testing.js";

let redis: TestRedis;
const adapters: RedisPubSub[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  await redis?.close();
});

/** A log that keeps its lines. */
function memoryLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

async function node(nodeId: string, options: RedisPubSubOptions = {}): Promise<RedisPubSub> {
  const adapter = await createRedisPubSub({ url: redis.url, nodeId, log: memoryLog(), ...options });
  adapters.push(adapter);
  return adapter;
}

/** Resolves once Redis has `count` subscribers on the adapter's channel for `topic`. */
async function subscribers(topic: string, count: number): Promise<void> {
  const client = new Redis(redis.url);
  try {
    await vi.waitFor(async () => {
      const [, n] = (await client.pubsub("NUMSUB", `livetsx:${topic}`)) as [string, number];
      expect(n).toBe(count);
    }, { timeout: 5000, interval: 10 });
  } finally {
    client.disconnect();
  }
}

describe("RedisPubSub", () => {
  test("a broadcast reaches the subscribers of every node once, with the sender's node id", async () => {
    const a = await node("A");
    const b = await node("B");
    const onA: [unknown, string][] = [];
    const onB: [unknown, string][] = [];
    a.subscribe("room", (m, n) => onA.push([m, n]));
    b.subscribe("room", (m, n) => onB.push([m, n]));
    await subscribers("room", 2);
    await a.broadcast("room", { text: "from A" });
    await b.broadcast("room", { text: "from B" });
    await vi.waitFor(() => expect(onA).toHaveLength(2));
    await vi.waitFor(() => expect(onB).toHaveLength(2));
    expect(onA.sort()).toEqual([[{ text: "from A" }, "A"], [{ text: "from B" }, "B"]].sort());
    expect(onB.sort()).toEqual(onA);
  });

  test("this node's subscribers get a broadcast in a microtask, without a round trip, as a JSON copy", async () => {
    const a = await node("A1");
    const got: unknown[] = [];
    a.subscribe("fast", (m) => got.push(m));
    const message = { n: 1 };
    void a.broadcast("fast", message);
    await Promise.resolve();
    expect(got).toEqual([{ n: 1 }]);
    expect(got[0]).not.toBe(message);
  });

  test("broadcastFrom skips the excluded subscription only; every other node's get it", async () => {
    const a = await node("A2");
    const b = await node("B2");
    const sender: unknown[] = [];
    const neighbour: unknown[] = [];
    const remote: unknown[] = [];
    const senderListener = (m: unknown) => sender.push(m);
    a.subscribe("from", senderListener);
    a.subscribe("from", (m) => neighbour.push(m));
    b.subscribe("from", (m) => remote.push(m));
    await subscribers("from", 2);
    await a.broadcastFrom(senderListener, "from", "hi");
    await vi.waitFor(() => expect(remote).toEqual(["hi"]));
    expect(neighbour).toEqual(["hi"]);
    expect(sender).toEqual([]);
  });

  test("the Redis subscription lasts as long as the node has a subscriber of the topic", async () => {
    const a = await node("A3");
    const first = a.subscribe("counted", () => undefined);
    const second = a.subscribe("counted", () => undefined);
    await subscribers("counted", 1);
    first();
    first();
    expect(a.listenerCount("counted")).toBe(1);
    second();
    await subscribers("counted", 0);
    expect(a.listenerCount("counted")).toBe(0);
  });

  test("what is no JSON, or too large, is refused at the broadcast with a clear error", async () => {
    const a = await node("A4", { maxMessageBytes: 100 });
    const got: unknown[] = [];
    a.subscribe("strict", (m) => got.push(m));
    expect(() => a.broadcast("strict", { when: new Date() })).toThrow('broadcast to "strict": only JSON can cross nodes, but message.when is a Date');
    expect(() => a.broadcast("strict", { f: () => 1 })).toThrow("message.f is a function");
    expect(() => a.broadcastFrom(() => undefined, "strict", [undefined])).toThrow('broadcastFrom to "strict": only JSON can cross nodes, but message[0] is undefined');
    expect(() => a.broadcast("strict", "x".repeat(100))).toThrow(/the message is \d+ bytes as JSON, more than maxMessageBytes \(100\)/);
    await Promise.resolve();
    expect(got).toEqual([]);
  });

  test("an unreachable Redis fails the start, naming the URL and the cause", async () => {
    const port = await freePort();
    await expect(createRedisPubSub({ url: `redis://127.0.0.1:${port}`, connectTimeout: 2000 })).rejects.toThrow(
      `cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}): start redis-server there, or point REDIS_URL (the url option) at a running one.`,
    );
    await expect(createRedisPubSub({ url: "redis://user:secret@127.0.0.1:1", connectTimeout: 2000 })).rejects.toThrow("redis://user:***@127.0.0.1:1");
  });
});

describe("node records and Presence", () => {
  test("heartbeats list the live nodes; one that leaves or stops renewing drops out after its TTL", async () => {
    const a = await node("N1", { heartbeatInterval: 50, nodeTTL: 300 });
    const b = await node("N2", { heartbeatInterval: 50, nodeTTL: 300 });
    await b.nodes.heartbeat();
    expect([...(await a.nodes.heartbeat())].sort()).toEqual(["N1", "N2"]);
    await b.nodes.leave();
    expect(await a.nodes.heartbeat()).toEqual(["N1"]);
    await b.nodes.heartbeat();
    expect([...(await a.nodes.heartbeat())].sort()).toEqual(["N1", "N2"]);
    // N2 renews no more: gone once its 300 ms have passed.
    await vi.waitFor(async () => expect(await a.nodes.heartbeat()).toEqual(["N1"]), { timeout: 5000, interval: 50 });
  });

  test("presences tracked on one node are listed on the other, and leave with the view", async () => {
    const a = await node("P1");
    const b = await node("P2");
    const presenceA = new Presence(a);
    const presenceB = new Presence(b);
    try {
      const exits: (() => void)[] = [];
      const socket = { owner: { onExit: (fn: () => void) => (exits.push(fn), () => undefined) } } as unknown as LiveSocket<any>;
      presenceA.track(socket, "room", "ada", { on: "A" });
      await vi.waitFor(() => expect(presenceB.list("room").ada?.metas.map((m) => m.on)).toEqual(["A"]), { timeout: 5000 });
      for (const exit of exits) exit();
      await vi.waitFor(() => expect(presenceB.list("room")).toEqual({}), { timeout: 5000 });
    } finally {
      await presenceA.close();
      await presenceB.close();
    }
  });
});

describe("a Redis restart", () => {
  test("reconnects, restores the subscriptions, and broadcasts resume; meanwhile they are local only and reject", async () => {
    const logA = memoryLog();
    const logB = memoryLog();
    const a = await node("R1", { log: logA });
    const b = await node("R2", { log: logB });
    const onB: unknown[] = [];
    const onA: unknown[] = [];
    a.subscribe("restart", (m) => onA.push(m));
    b.subscribe("restart", (m) => onB.push(m));
    await subscribers("restart", 2);
    await redis.stop();
    await vi.waitFor(() => expect(logA.lines.some((l) => l.startsWith("lost the connection to Redis"))).toBe(true), { timeout: 5000 });
    await expect(a.broadcast("restart", "during")).rejects.toThrow("is unreachable (reconnecting); the message reached this node's subscribers only.");
    expect(onA).toEqual(["during"]);
    await redis.start();
    for (const log of [logA, logB]) {
      await vi.waitFor(() => expect(log.lines).toContain(`reconnected to Redis at ${redis.url}; ${log === logA ? adapterTopics(a) : adapterTopics(b)} subscription(s) restored`), { timeout: 10_000 });
    }
    await a.broadcast("restart", "after");
    await vi.waitFor(() => expect(onB).toEqual(["after"]), { timeout: 5000 });
  }, 30_000);
});

/** How many topics the adapter subscribes to (here: one). */
function adapterTopics(adapter: RedisPubSub): number {
  return adapter.listenerCount("restart") > 0 ? 1 : 0;
}
