/**
 * `socket.broadcastFrom` reaches every subscriber but the sending view; listeners learn the node
 * a message came from; `localBroadcast` stays on the node; `encodeJSON` names what is no JSON.
 */
import { expect, test } from "vitest";
import { mount } from "../src/testing/index.js";
import { encodeJSON } from "../src/json.js";
import { LocalPubSub } from "../src/pubsub.js";
import Relay from "./views/relay.tsx";

test("broadcastFrom skips the sender; broadcast does not", async () => {
  const pubsub = new LocalPubSub();
  const sender = await mount(Relay, { pubsub });
  const other = await mount(Relay, { pubsub });
  await sender.click("#others");
  await other.settled();
  await sender.settled();
  expect(other.find("#heard").text).toBe("hi");
  expect(sender.find("#heard").text).toBe("");
  await sender.click("#all");
  await other.settled();
  await sender.settled();
  expect(other.find("#heard").text).toBe("hi,yo");
  expect(sender.find("#heard").text).toBe("yo");
});

test("listeners receive the broadcasting node's id; localBroadcast and deliverFrom reach this node's subscribers", async () => {
  const pubsub = new LocalPubSub({ nodeId: "node-1" });
  const heard: [unknown, string][] = [];
  pubsub.subscribe("t", (message, node) => heard.push([message, node]));
  pubsub.broadcast("t", 1);
  pubsub.localBroadcast("t", 2);
  pubsub.deliverFrom("node-2", "t", 3);
  await Promise.resolve();
  expect(heard).toEqual([
    [1, "node-1"],
    [2, "node-1"],
    [3, "node-2"],
  ]);
  expect(new LocalPubSub().nodeId).toMatch(/^[\w-]{12}$/);
});

test("encodeJSON refuses what JSON cannot carry, naming where it is", () => {
  expect(encodeJSON({ a: [1, "x", null, true, { b: 2 }] }, "send")).toBe('{"a":[1,"x",null,true,{"b":2}]}');
  expect(() => encodeJSON({ at: new Date(0) }, 'broadcast to "t"')).toThrow('broadcast to "t": only JSON can cross nodes, but message.at is a Date, not a plain object');
  expect(() => encodeJSON({ list: [1, () => 2] }, "send")).toThrow("message.list[1] is a function");
  expect(() => encodeJSON({ n: NaN }, "send")).toThrow("message.n is NaN");
  expect(() => encodeJSON({ n: 1n }, "send")).toThrow("message.n is bigint");
  expect(() => encodeJSON({ u: undefined }, "send")).toThrow("message.u is undefined");
  expect(() => encodeJSON(new Map(), "send")).toThrow("message is a Map");
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  expect(() => encodeJSON(cycle, "send")).toThrow("nests deeper than 64 levels (or is circular)");
  expect(encodeJSON(Object.assign(Object.create(null), { a: 1 }), "send")).toBe('{"a":1}');
});
