/** Messages to self, navigation from handleInfo, leaving, terminate and idle connections. */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { LocalPubSub } from "../src/pubsub.js";
import Counter from "./views/counter.tsx";
import Inbox, { terminated } from "./views/inbox.tsx";
import { joinedView, startServer, type TestServer } from "./support.js";

let server: TestServer;
const pubsub = new LocalPubSub();

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/inbox": Inbox }, pubsub });
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
    // The server sees the close on its own side of the socket, soon after.
    await vi.waitFor(() => expect(terminated).toEqual(["disconnect"]), { timeout: 2000 });
  });

  test("a connection silent past the heartbeat timeout is closed; a chatty one is not", async () => {
    // The server's clock is fake (the sweep's interval and Date.now), so the 300 ms pass exactly
    // when the test says, however slow the machine; the sockets stay real.
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    const idle = await startServer({ routes: { "/": Counter }, heartbeatTimeout: 300 });
    try {
      const silent = await joinedView(idle, "/");
      const chatty = await joinedView(idle, "/");
      // 600 ms in steps of 100, a heartbeat from the chatty one in each.
      for (let step = 0; step < 6; step++) {
        expect(await chatty.client.request("phoenix", "heartbeat", {})).toEqual({ status: "ok", response: {} });
        vi.advanceTimersByTime(100);
        if (step < 2) expect(silent.client.closed).toBeNull();
      }
      expect(await silent.client.waitClosed(2000)).toEqual({ code: 1000, reason: "heartbeat timeout" });
      expect(await chatty.client.request("phoenix", "heartbeat", {})).toEqual({ status: "ok", response: {} });
      expect(chatty.client.closed).toBeNull();
      chatty.client.close();
    } finally {
      vi.useRealTimers();
      await idle.close();
    }
  });
});
