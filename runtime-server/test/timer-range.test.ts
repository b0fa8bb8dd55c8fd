/**
 * Delays past what Node's timers keep (2^31 - 1 ms) would run after 1 ms: a callback timeout or
 * heartbeat timeout that long means none, and a sendAfter that long is refused, naming the range.
 */
import { afterEach, expect, test, vi } from "vitest";
import { ViewInstance } from "../src/instance.js";
import { LocalPubSub } from "../src/pubsub.js";
import { createLiveServer } from "../src/server.js";
import type { ViewDefinition } from "../src/view.js";
import Counter from "./views/counter.tsx";
import Delayed from "./views/delayed.tsx";
import Gated, { openGates } from "./views/gated.tsx";
import { viewInstance } from "./support.js";

afterEach(() => {
  openGates();
  vi.useRealTimers();
});

test("a callbackTimeout past the timers' range does not crash an async handler after 1 ms", async () => {
  vi.useFakeTimers();
  const crashes: unknown[] = [];
  const instance = new ViewInstance("t", Gated as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
    pubsub: new LocalPubSub(),
    dev: false,
    callbackTimeout: 3_000_000_000,
    push: () => undefined,
    crashed: (error) => crashes.push(error),
    paramsFor: () => ({}),
  });
  await instance.join({}, {});
  const saving = instance.event("save", {});
  await vi.advanceTimersByTimeAsync(10);
  expect(crashes).toEqual([]);
  openGates();
  expect((await saving).diff).toEqual({ 0: "1" });
});

test("a heartbeatTimeout of Infinity (or past the range) starts no sweep; a finite one does", () => {
  vi.useFakeTimers();
  const secret = "s".repeat(32);
  for (const heartbeatTimeout of [Infinity, 3_000_000_000]) {
    const before = vi.getTimerCount();
    const server = createLiveServer({ routes: { "/": Counter }, secret, heartbeatTimeout });
    expect(vi.getTimerCount()).toBe(before);
    void server.close();
  }
  const before = vi.getTimerCount();
  createLiveServer({ routes: { "/": Counter }, secret, heartbeatTimeout: 1000 });
  expect(vi.getTimerCount()).toBe(before + 1);
});

test("a heartbeatTimeout below 1 is refused, naming the option", () => {
  expect(() => createLiveServer({ routes: { "/": Counter }, secret: "s".repeat(32), heartbeatTimeout: 0 })).toThrow("`heartbeatTimeout` must be a number of at least 1");
});

test.each([3_000_000_000, -1, Number.NaN])("sendAfter(%s) fails the handler with the range it takes", async (ms) => {
  const view = viewInstance("d", Delayed, undefined, { dev: false, verify: false });
  await view.join({}, {});
  await expect(view.event("remind", { ms })).rejects.toThrow("sendAfter: ms must be a number from 0 to 2147483647");
});
