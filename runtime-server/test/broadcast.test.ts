/**
 * A broadcast whose adapter fails: not awaited, the failure is logged naming the topic and never
 * becomes an unhandled rejection (which would end the process); awaited, the handler sees it.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { ViewInstance } from "../src/instance.js";
import { LocalPubSub } from "../src/pubsub.js";
import type { ViewDefinition } from "../src/view.js";
import Broadcaster from "./views/broadcaster.tsx";

class FailingPubSub extends LocalPubSub {
  override broadcast(): Promise<void> {
    return Promise.reject(new Error("adapter down"));
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

function broadcaster() {
  const failures: [string, unknown][] = [];
  const crashes: unknown[] = [];
  const instance = new ViewInstance("b", Broadcaster as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
    pubsub: new FailingPubSub(),
    dev: false,
    push: () => undefined,
    crashed: (error) => crashes.push(error),
    failed: (what, error) => failures.push([what, error]),
    paramsFor: () => ({}),
  });
  return { instance, failures, crashes };
}

/** Lets the rejection's handlers run, and Node's unhandled-rejection check after them. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

test("a broadcast not awaited whose adapter rejects is logged, naming the topic; the view goes on", async () => {
  const { instance, failures, crashes } = broadcaster();
  await instance.join({}, {});
  const reply = await instance.event("send", {});
  expect(reply.diff).toEqual({ 0: "1" });
  await settle();
  await settle();
  expect(unhandled).toEqual([]);
  expect(failures.map(([what, error]) => [what, (error as Error).message])).toEqual([['broadcast to "room"', "adapter down"]]);
  expect(crashes).toEqual([]);
  expect(instance.isAlive).toBe(true);
});

test("an awaited broadcast whose adapter rejects fails its handler, which crashes the view as any failure", async () => {
  const { instance, crashes } = broadcaster();
  await instance.join({}, {});
  await expect(instance.event("sendAwaited", {})).rejects.toThrow("adapter down");
  await settle();
  expect(unhandled).toEqual([]);
  expect(crashes).toHaveLength(1);
});
