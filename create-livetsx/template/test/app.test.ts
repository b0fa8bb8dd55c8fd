/**
 * The app on a real server on loopback: each route renders on the server, as a browser's first
 * request gets it. Vitest compiles the views with the Vite config's LiveTSX plugin.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLiveServer } from "@livetsx/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { layout } from "../src/layout.ts";
import { routes } from "../src/routes.ts";

const errors: string[] = [];
const live = createLiveServer({
  routes,
  layout,
  secret: "a secret for the tests only, 32 bytes or more",
  log: { info: () => {}, warn: (m) => void errors.push(m), error: (m) => void errors.push(m) },
});
const server = live.attach(createServer(live.handler));
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await live.close();
  await new Promise((resolve) => server.close(resolve));
});

test("the counter page renders its count, in the layout", async () => {
  const res = await fetch(`${url}/`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain(`<p id="count">0</p>`);
  expect(html).toContain(`<title>Counter</title>`);
  expect(html).toContain(`<a href="/list">List</a>`);
});

test("the list page renders its first entry", async () => {
  const html = await (await fetch(`${url}/list`)).text();
  expect(html).toMatch(/<ul id="items"><li>Edit src\/views\/list\.tsx <button phx-click="remove" phx-value-id="1"/);
  expect(errors).toEqual([]);
});
