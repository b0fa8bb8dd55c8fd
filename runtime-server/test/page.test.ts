/**
 * Pages in the layout that are no live view (the 404 page), and what the default layout gives
 * the browser so it asks for nothing that is not there.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLiveServer, defaultLayout, type LiveServer } from "../src/index.js";
import { CSRF_COOKIE, parseCookies, verifyCsrfToken } from "../src/session.js";
import Counter from "./views/counter.tsx";
import { MemoryLog, SECRET } from "./support.js";

let live: LiveServer;
let http: Server;
let base: string;

beforeAll(async () => {
  live = createLiveServer({ secret: SECRET, log: new MemoryLog(), routes: { "/": Counter } });
  http = createServer((req, res) => {
    void live.handler(req, res, () => live.sendPage(req, res, { status: 404, title: "Not here", content: "<p>nothing at this path</p>" }));
  });
  live.attach(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await live.close();
  await new Promise((resolve) => http.close(resolve));
});

describe("sendPage", () => {
  test("sends the content in the layout with the status, a CSRF token and its cookie", async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>Not here</title>");
    expect(html).toContain("<body><p>nothing at this path</p></body>");
    expect(html).toContain('<script type="module" src="/live/client.js"></script>');
    const cookie = parseCookies((res.headers.get("set-cookie") ?? "").split(";")[0])[CSRF_COOKIE];
    expect(cookie).toBeTruthy();
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1];
    expect(verifyCsrfToken(SECRET, cookie, token)).toBe(true);
  });

  test("a request that has the CSRF cookie keeps it, and HEAD gets no body", async () => {
    const res = await fetch(`${base}/nope`, { method: "HEAD", headers: { cookie: `${CSRF_COOKIE}=abc` } });
    expect(res.status).toBe(404);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toBe("");
  });
});

describe("defaultLayout", () => {
  test("gives the page an icon, so the browser does not ask for /favicon.ico", () => {
    const html = defaultLayout({ title: "t", csrfToken: "c", view: "", clientScript: "/c.js" });
    expect(html).toMatch(/<head>.*<link rel="icon" href="data:,">.*<\/head>/);
  });
});
