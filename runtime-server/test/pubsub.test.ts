import { describe, expect, test, vi } from "vitest";
import { LocalPubSub } from "../src/pubsub.js";

/** Lets queued microtasks (and so pending deliveries) run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("LocalPubSub", () => {
  test("delivers a broadcast to every subscriber of the topic, in subscription order", async () => {
    const pubsub = new LocalPubSub();
    const seen: string[] = [];
    pubsub.subscribe("room:1", (m) => seen.push(`a:${String(m)}`));
    pubsub.subscribe("room:1", (m) => seen.push(`b:${String(m)}`));
    pubsub.broadcast("room:1", "hi");
    await flush();
    expect(seen).toEqual(["a:hi", "b:hi"]);
  });

  test("passes the message object as it is", async () => {
    const pubsub = new LocalPubSub();
    const message = { count: 1 };
    const listener = vi.fn();
    pubsub.subscribe("t", listener);
    pubsub.broadcast("t", message);
    await flush();
    expect(listener.mock.calls[0]![0]).toBe(message);
  });

  test("does not deliver to subscribers of other topics", async () => {
    const pubsub = new LocalPubSub();
    const other = vi.fn();
    const mine = vi.fn();
    pubsub.subscribe("room:2", other);
    pubsub.subscribe("room:1", mine);
    pubsub.broadcast("room:1", "hi");
    await flush();
    expect(mine).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
  });

  test("unsubscribe stops delivery and is idempotent", async () => {
    const pubsub = new LocalPubSub();
    const gone = vi.fn();
    const stays = vi.fn();
    const unsubscribe = pubsub.subscribe("t", gone);
    pubsub.subscribe("t", stays);
    unsubscribe();
    unsubscribe();
    expect(pubsub.listenerCount("t")).toBe(1);
    pubsub.broadcast("t", 1);
    await flush();
    expect(gone).not.toHaveBeenCalled();
    expect(stays).toHaveBeenCalledTimes(1);
  });

  test("the same function subscribed twice is two subscriptions, each ended by its own handle", async () => {
    const pubsub = new LocalPubSub();
    const listener = vi.fn();
    const first = pubsub.subscribe("t", listener);
    pubsub.subscribe("t", listener);
    first();
    first();
    expect(pubsub.listenerCount("t")).toBe(1);
    pubsub.broadcast("t", 1);
    await flush();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test("delivers asynchronously: not inside broadcast, but after a microtask", async () => {
    const pubsub = new LocalPubSub();
    const listener = vi.fn();
    pubsub.subscribe("t", listener);
    pubsub.broadcast("t", "x");
    expect(listener).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(listener).toHaveBeenCalledWith("x", pubsub.nodeId);
  });

  test("a broadcast from inside a listener does not re-enter the running delivery", async () => {
    const pubsub = new LocalPubSub();
    const order: string[] = [];
    pubsub.subscribe("t", (m) => {
      order.push(`start ${String(m)}`);
      if (m === 1) pubsub.broadcast("t", 2);
      order.push(`end ${String(m)}`);
    });
    pubsub.broadcast("t", 1);
    await flush();
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  test("a subscriber added after the broadcast does not receive it; one removed before delivery is skipped", async () => {
    const pubsub = new LocalPubSub();
    const early = vi.fn();
    const late = vi.fn();
    const unsubscribe = pubsub.subscribe("t", early);
    pubsub.broadcast("t", 1);
    pubsub.subscribe("t", late);
    unsubscribe();
    await flush();
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });

  test("a throwing listener does not stop delivery to the others and is reported", async () => {
    const onError = vi.fn();
    const pubsub = new LocalPubSub({ onError });
    const boom = new Error("boom");
    const before = vi.fn();
    const after = vi.fn();
    pubsub.subscribe("t", before);
    pubsub.subscribe("t", () => {
      throw boom;
    });
    pubsub.subscribe("t", after);
    pubsub.broadcast("t", "m");
    await flush();
    expect(before).toHaveBeenCalledWith("m", pubsub.nodeId);
    expect(after).toHaveBeenCalledWith("m", pubsub.nodeId);
    expect(onError).toHaveBeenCalledExactlyOnceWith(boom, "t");
  });

  test("reports listener errors with console.error by default", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const pubsub = new LocalPubSub();
      const after = vi.fn();
      pubsub.subscribe("t", () => {
        throw new Error("boom");
      });
      pubsub.subscribe("t", after);
      pubsub.broadcast("t", 1);
      await flush();
      expect(after).toHaveBeenCalledTimes(1);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toContain('"t"');
    } finally {
      spy.mockRestore();
    }
  });

  test("an onError that throws does not stop delivery either", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const pubsub = new LocalPubSub({
        onError: () => {
          throw new Error("reporter broke");
        },
      });
      const after = vi.fn();
      pubsub.subscribe("t", () => {
        throw new Error("boom");
      });
      pubsub.subscribe("t", after);
      pubsub.broadcast("t", 1);
      await flush();
      expect(after).toHaveBeenCalledTimes(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  test("broadcastFrom skips the sender and reaches the others", async () => {
    const pubsub = new LocalPubSub();
    const sender = vi.fn();
    const other = vi.fn();
    pubsub.subscribe("t", sender);
    pubsub.subscribe("t", other);
    pubsub.broadcastFrom(sender, "t", "m");
    await flush();
    expect(sender).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledWith("m", pubsub.nodeId);
  });

  test("a topic whose last subscriber leaves is removed from the map", () => {
    const pubsub = new LocalPubSub();
    const offA = pubsub.subscribe("a", () => {});
    const offB1 = pubsub.subscribe("b", () => {});
    const offB2 = pubsub.subscribe("b", () => {});
    expect(pubsub.topicCount).toBe(2);
    expect(pubsub.listenerCount("b")).toBe(2);
    offB1();
    expect(pubsub.topicCount).toBe(2);
    offB2();
    offA();
    expect(pubsub.topicCount).toBe(0);
    expect(pubsub.listenerCount("a")).toBe(0);
    expect(pubsub.listenerCount("b")).toBe(0);
  });

  test("broadcasting to a topic nobody listens to creates no entry", async () => {
    const pubsub = new LocalPubSub();
    pubsub.broadcast("nobody", 1);
    await flush();
    expect(pubsub.topicCount).toBe(0);
  });

  test("close ends every subscription, including deliveries already queued", async () => {
    const pubsub = new LocalPubSub();
    const listener = vi.fn();
    const off = pubsub.subscribe("t", listener);
    pubsub.broadcast("t", 1);
    pubsub.close();
    await flush();
    expect(listener).not.toHaveBeenCalled();
    expect(pubsub.topicCount).toBe(0);
    // An old handle must not disturb a fresh subscription to the same topic.
    const fresh = vi.fn();
    pubsub.subscribe("t", fresh);
    off();
    expect(pubsub.listenerCount("t")).toBe(1);
    pubsub.broadcast("t", 2);
    await flush();
    expect(fresh).toHaveBeenCalledWith(2, pubsub.nodeId);
  });
});
