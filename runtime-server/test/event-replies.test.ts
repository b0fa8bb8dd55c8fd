/**
 * Event replies: a handler that returns `reply(map)` answers its event with the map under `r` at
 * the top of the diff, next to the changes the event made (or alone); a live component's too.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COMPONENTS, REPLY } from "@livetsx/client/wire";
import Replying from "./views/replying.tsx";
import { reply } from "../src/index.js";
import { joinView, startServer, type TestServer } from "./support.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ routes: { "/": Replying, "/elsewhere": Replying } });
});
afterAll(() => server.close());

describe("reply()", () => {
  test("the reply goes under r with the diff of the same event", async () => {
    const { client, page } = await joinView(server, "/");
    expect(await client.click(page, "inc")).toEqual({ status: "ok", response: { diff: { 0: "1", [REPLY]: { count: 1 } } } });
    client.close();
  });

  test("a reply from an async handler, with nothing changed, is a diff of r alone", async () => {
    const { client, topic } = await joinView(server, "/");
    const response = await client.request(topic, "event", { type: "hook", event: "ask", value: { q: "why" } }, "1");
    expect(response).toEqual({ status: "ok", response: { diff: { [REPLY]: { answer: "you asked why" } } } });
    client.close();
  });

  test("a handler that returns anything else sends no reply", async () => {
    const { client, page } = await joinView(server, "/");
    expect(await client.click(page, "plain")).toEqual({ status: "ok", response: { diff: { 0: "100" } } });
    client.close();
  });

  test("a live component's handler replies with its own diff under c", async () => {
    const { client, topic } = await joinView(server, "/");
    const response = await client.request(topic, "event", { type: "hook", event: "turn", value: {}, cid: 1 }, "1");
    expect(response).toEqual({ status: "ok", response: { diff: { [COMPONENTS]: { 1: { 1: "1" } }, [REPLY]: { turns: 1 } } } });
    client.close();
  });

  test("navigating away answers with the navigation and no reply", async () => {
    const { client, page } = await joinView(server, "/");
    const response = await client.click(page, "away");
    expect(response).toEqual({ status: "ok", response: { live_redirect: { kind: "push", to: "/elsewhere" } } });
    client.close();
  });

  test("a reply that is no plain object is refused where it is made, crashing the view as any throw", async () => {
    expect(() => reply([1] as never)).toThrow(/plain object/);
    expect(() => reply(null as never)).toThrow(/plain object/);
    expect(() => reply(new Date() as never)).toThrow(/plain object/);
    const { client, page } = await joinView(server, "/");
    expect(await client.crashing(`lv:${page.id}`, "event", { type: "click", event: "bad", value: {} }, "1")).toEqual([]);
    expect(server.log.lines.some((l) => l.includes('handleEvent "bad"') && l.includes("plain object"))).toBe(true);
    client.close();
  });
});
