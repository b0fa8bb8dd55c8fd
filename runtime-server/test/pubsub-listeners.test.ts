/** LocalPubSub's listeners may be async: a rejection is reported as a throw is, never unhandled. */
import { describe, expect, test, vi } from "vitest";
import { LocalPubSub } from "../src/pubsub.js";

describe("an async listener", () => {
  test("that rejects is reported with the topic; the other listeners still get the message", async () => {
    const reported: [unknown, string][] = [];
    let onReported = () => {};
    const settled = new Promise<void>((resolve) => (onReported = resolve));
    const pubsub = new LocalPubSub({
      onError: (error, topic) => {
        reported.push([error, topic]);
        onReported();
      },
    });
    const boom = new Error("async boom");
    const after = vi.fn();
    pubsub.subscribe("t", async () => {
      throw boom;
    });
    pubsub.subscribe("t", after);
    pubsub.broadcast("t", "m");
    await settled;
    expect(reported).toEqual([[boom, "t"]]);
    expect(after).toHaveBeenCalledExactlyOnceWith("m", pubsub.nodeId);
  });
});
