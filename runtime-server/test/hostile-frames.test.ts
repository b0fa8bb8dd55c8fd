/**
 * Frames a hostile client can send after a valid join: each gets an answer, nothing escapes as
 * an unhandled rejection, and the view keeps working.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Counter from "./views/counter.tsx";
import { joinedView, startServer, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter } });
});
afterAll(() => server.close());

describe("live_patch", () => {
  test.each([
    ["an object with a toString that is not a function", { toString: 0 }],
    ["an array holding such an object", [{ toString: 0 }]],
    ["a number", 42],
  ])("a url that is %s is refused; the view keeps working", async (_name, url) => {
    const { client, page, topic } = await joinedView(server, "/");
    expect(await client.request(topic, "live_patch", { url }, "1")).toEqual({ status: "error", response: { reason: "live_patch needs a url" } });
    expect((await client.click(page, "inc")).response).toEqual({ diff: { 0: "1" } });
    client.close();
  });
});
