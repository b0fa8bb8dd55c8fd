/**
 * Every frame that expects a reply gets one, ok or error, whatever happens to its view; the
 * failures are logged.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Counter from "./views/counter.tsx";
import Failing, { gates } from "./views/failing.tsx";
import { joinedView, startServer, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/failing": Failing } });
});
afterAll(() => server.close());

describe("form events", () => {
  test.each([
    ["null", null],
    ["a string", "x"],
    ["an array", []],
  ])("a form event whose meta is %s is handled as one without meta", async (_name, meta) => {
    const { client, topic } = await joinedView(server, "/");
    expect(await client.request(topic, "event", { type: "form", event: "inc", value: "a=1", meta }, "1")).toEqual({ status: "ok", response: { diff: { 0: "1" } } });
    client.close();
  });
});

describe("crashes", () => {
  test("the event whose handler crashes the view is not answered, as Phoenix: the client hears phx_error", async () => {
    const { client, topic } = await joinedView(server, "/failing");
    expect(await client.crashing(topic, "event", { type: "click", event: "reject", value: {} }, "1")).toEqual([]);
    client.close();
  });

  test("messages queued behind the crash are answered with an error and logged", async () => {
    const { client, topic } = await joinedView(server, "/failing");
    const crashed = client.nextPush(topic, "phx_error");
    client.sendRaw(JSON.stringify(["1", "held", topic, "event", { type: "click", event: "held", value: {} }]));
    const event = client.request(topic, "event", { type: "click", event: "inc", value: {} }, "1");
    const patch = client.request(topic, "live_patch", { url: `${server.url}/failing?x=1` }, "1");
    // The heartbeat's reply comes after the server has queued the three messages before it.
    await client.request("phoenix", "heartbeat", {});
    expect(gates).toHaveLength(1);
    gates.shift()!();
    await crashed;
    expect(await event).toEqual({ status: "error", response: { reason: "view gone" } });
    expect(await patch).toEqual({ status: "error", response: { reason: "view gone" } });
    expect(server.log.lines).toContain(`error view ${topic} (/failing) crashed in handleEvent "held": held handler rejected`);
    expect(server.log.lines).toContain(`warn view ${topic}: event not handled: the view was gone`);
    expect(server.log.lines).toContain(`warn view ${topic}: live_patch not handled: the view was gone`);
    // The event whose handler crashed the view is not answered.
    expect(client.frames.filter((f) => f[1] === "held")).toEqual([]);
    client.close();
  });

  test("a live patch to another view's route is refused and logged", async () => {
    const { client, topic } = await joinedView(server, "/failing");
    expect(await client.request(topic, "live_patch", { url: `${server.url}/` }, "1")).toEqual({
      status: "error",
      response: { reason: "cannot patch to /: it is not this view's route" },
    });
    expect(server.log.lines).toContain(`warn view ${topic}: cannot patch to /: it is not this view's route`);
    client.close();
  });
});
