/**
 * A callback that never finishes: past `callbackTimeout` its view crashes (the client gets
 * phx_error and rejoins), the log names the view and the callback, and what the callback does
 * when it finishes after all reaches neither the view nor the wire.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { CallbackTimeout, ViewInstance, type Response } from "../src/instance.js";
import { LocalPubSub } from "../src/pubsub.js";
import type { ViewDefinition } from "../src/view.js";
import Gated, { gates, openGates } from "./views/gated.tsx";
import { joinedView, startServer, type TestServer } from "./support.js";

/** Lets every queued promise callback run; fake timers leave microtasks alone. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe("callbackTimeout, in process with fake timers", () => {
  afterEach(() => {
    openGates();
    vi.useRealTimers();
  });

  /** `Gated` in process with a 1 s timeout, its renders counted, its pushes and crashes kept. */
  function gatedInstance() {
    const gated = Gated as ViewDefinition<Record<string, unknown>>;
    const render = vi.fn(gated.render);
    const pushes: [string, Response][] = [];
    const crashes: unknown[] = [];
    const view = { ...gated, render };
    const instance = new ViewInstance("t", view, new URL("http://localhost/"), {}, {
      pubsub: new LocalPubSub(),
      dev: false,
      callbackTimeout: 1000,
      push: (event, payload) => pushes.push([event, payload]),
      crashed: (error) => crashes.push(error),
      paramsFor: () => ({}),
    });
    return { instance, render, pushes, crashes };
  }

  test("a hung event handler crashes the view after the timeout, naming it; its late end renders nothing", async () => {
    vi.useFakeTimers();
    const { instance, render, pushes, crashes } = gatedInstance();
    await instance.join({}, {});
    expect(render).toHaveBeenCalledTimes(1);
    const saving = instance.event("save", {});
    saving.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(999);
    expect(instance.isAlive).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(instance.isAlive).toBe(false);
    await expect(saving).rejects.toThrow(CallbackTimeout);
    expect(crashes).toHaveLength(1);
    expect((crashes[0] as Error).message).toBe('handleEvent "save" did not finish within 1000 ms (callbackTimeout)');

    expect(gates).toHaveLength(1);
    openGates();
    await flush();
    expect(render).toHaveBeenCalledTimes(1);
    expect(pushes).toEqual([]);
    expect(crashes).toHaveLength(1);
  });

  test("a hung handleInfo crashes the view; when it ends, nothing is pushed and no timer is left", async () => {
    vi.useFakeTimers();
    const { instance, pushes, crashes } = gatedInstance();
    await instance.join({}, {});
    instance.info("ping").catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect((crashes[0] as Error).message).toBe("handleInfo did not finish within 1000 ms (callbackTimeout)");
    openGates();
    await flush();
    expect(pushes).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a callback that ends after its view starts no timer", async () => {
    vi.useFakeTimers();
    const { instance } = gatedInstance();
    await instance.join({}, {});
    instance.event("later", {}).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect(instance.isAlive).toBe(false);
    openGates();
    await flush();
    expect(instance.resources).toEqual({ timers: 0, subscriptions: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a hung mount rejects the join, naming mount", async () => {
    vi.useFakeTimers();
    const { instance, crashes } = gatedInstance();
    const joining = instance.join({ hang: "mount" }, {});
    joining.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(joining).rejects.toThrow("mount did not finish within 1000 ms (callbackTimeout)");
    expect(crashes).toHaveLength(1);
  });

  test("a callback that finishes in time leaves no timer behind", async () => {
    vi.useFakeTimers();
    const { instance, crashes } = gatedInstance();
    await instance.join({}, {});
    const saving = instance.event("save", {});
    await vi.advanceTimersByTimeAsync(500);
    openGates();
    expect(await saving).toEqual({ diff: { 0: "1" } });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(instance.isAlive).toBe(true);
    expect(crashes).toEqual([]);
  });
});

describe("callbackTimeout over a real socket", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ routes: { "/": Gated }, callbackTimeout: 100 });
  });
  afterAll(() => server.close());
  afterEach(() => openGates());

  test("a hung handler's view gets phx_error while heartbeats go on; the client rejoins; the late end sends nothing", async () => {
    const { client, page, topic } = await joinedView(server, "/");
    void client.click(page, "save").catch(() => undefined);
    expect(await client.request("phoenix", "heartbeat", {})).toEqual({ status: "ok", response: {} });
    expect(await client.nextPush(topic, "phx_error")).toEqual({});
    const after = client.frames.length;
    const line = server.log.lines.find((l) => l.includes("callbackTimeout"));
    expect(line).toContain(`view ${topic}`);
    expect(line).toContain('handleEvent "save" did not finish within 100 ms (callbackTimeout)');
    expect(server.live.stats().views).toBe(0);

    // The handler ends after all: a heartbeat's round trip later, nothing came for the view.
    openGates();
    expect(await client.request("phoenix", "heartbeat", {})).toEqual({ status: "ok", response: {} });
    const late = client.frames.slice(after).filter((f) => f[2] === topic);
    expect(late.filter((f) => f[3] === "diff" || (f[3] === "phx_reply" && f[4].status === "ok"))).toEqual([]);

    expect((await client.join(page, server, "/")).status).toBe("ok");
    expect(await client.click(page, "quick")).toEqual({ status: "ok", response: { diff: { 0: "1" } } });
    client.close();
  });
});
