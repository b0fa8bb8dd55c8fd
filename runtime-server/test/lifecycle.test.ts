/** Messages to self, navigation from handleInfo, leaving, terminate and idle connections. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LocalPubSub } from "../src/pubsub.js";
import Counter from "./views/counter.tsx";
import Inbox, { terminated } from "./views/inbox.tsx";
import { joinedView, sleep, startServer, type TestServer } from "./support.js";

let server: TestServer;
const pubsub = new LocalPubSub();

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/inbox": Inbox }, pubsub, heartbeatTimeout: 300 });
});
afterAll(() => server.close());

describe("handleInfo", () => {
  test("sendInfo delivers to the same view after the current callback", async () => {
    const { client, topic } = await joinedView(server, "/inbox");
    const first = client.nextPush(topic, "diff");
    const second = client.nextPush(topic, "diff");
    await pubsub.broadcast("inbox", "ping");
    expect(await first).toEqual({ 0: "ping" });
    expect(await second).toEqual({ 0: "ping pong" });
    client.close();
  });

  test("navigation from handleInfo is pushed", async () => {
    const { client, topic } = await joinedView(server, "/inbox");
    const pushed = client.nextPush(topic, "live_redirect");
    await pubsub.broadcast("inbox", "go");
    expect(await pushed).toEqual({ kind: "replace", to: "/" });
    client.close();
  });
});

describe("going away", () => {
  test("leave unsubscribes and calls terminate", async () => {
    const { client, topic } = await joinedView(server, "/inbox");
    const listeners = pubsub.listenerCount("inbox");
    terminated.length = 0;
    await client.request(topic, "phx_leave", {}, "1");
    expect(pubsub.listenerCount("inbox")).toBe(listeners - 1);
    expect(terminated).toEqual(["leave"]);
    client.close();
  });

  test("a disconnect terminates every view of the connection", async () => {
    const { client } = await joinedView(server, "/inbox");
    terminated.length = 0;
    client.close();
    await client.waitClosed();
    await sleep(20);
    expect(terminated).toEqual(["disconnect"]);
  });

  test("a connection silent past the heartbeat timeout is closed; a chatty one is not", async () => {
    const silent = await joinedView(server, "/");
    const chatty = await joinedView(server, "/");
    const beat = setInterval(() => void chatty.client.request("phoenix", "heartbeat", {}), 100);
    const closed = await silent.client.waitClosed(2000);
    expect(closed).toEqual({ code: 1000, reason: "heartbeat timeout" });
    expect(chatty.client.closed).toBeNull();
    clearInterval(beat);
    chatty.client.close();
  });
});
