/** Live navigation within a live session, and flash messages across navigations and redirects. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Counter from "./views/counter.tsx";
import Flash from "./views/flash.tsx";
import { getPage, joinedView, startServer, TestClient, type TestServer } from "./support.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/flash": Flash } });
});
afterAll(() => server.close());

describe("live navigation", () => {
  test("a join with redirect mounts another view of the same live session in the same container", async () => {
    const { page, client, topic } = await joinedView(server, "/");
    await client.request(topic, "phx_leave", {}, "1");
    const reply = await client.join(page, server, "/", { url: undefined, redirect: `${server.url}/flash?page=two` });
    expect(reply.status).toBe("ok");
    const rendered = (reply.response as { rendered: Record<string, unknown> }).rendered;
    expect([rendered[0], rendered[1]]).toEqual(["", "two"]);
    client.close();
  });
});

describe("flash", () => {
  test("putFlash shows it; lv:clear-flash clears it", async () => {
    const { page, client } = await joinedView(server, "/flash");
    expect((await client.click(page, "save")).response).toEqual({ diff: { 0: "Saved!" } });
    expect((await client.click(page, "lv:clear-flash", { key: "info" })).response).toEqual({ diff: { 0: "" } });
    client.close();
  });

  test("pushNavigate carries the flash to the next view in a signed token", async () => {
    const { page, client, topic } = await joinedView(server, "/flash");
    const reply = (await client.click(page, "saveAndGo")).response as { live_redirect: { to: string; kind: string; flash: string } };
    expect(reply.live_redirect).toMatchObject({ kind: "push", to: "/flash?page=two" });
    await client.request(topic, "phx_leave", {}, "1");
    const next = await client.join(page, server, "/flash", { url: undefined, redirect: `${server.url}/flash?page=two`, flash: reply.live_redirect.flash });
    const rendered = (next.response as { rendered: Record<string, unknown> }).rendered;
    expect([rendered[0], rendered[1]]).toEqual(["Saved, moved on", "two"]);
    const forged = await client.join(page, server, "/flash", { url: undefined, redirect: `${server.url}/flash`, flash: "forged.token" });
    expect((forged.response as { rendered: Record<string, unknown> }).rendered[0]).toBe("");
    client.close();
  });

  test("a redirect's flash comes back through the cookie on the next page, once", async () => {
    const { page, client } = await joinedView(server, "/flash");
    const reply = (await client.click(page, "saveAndLeave")).response as { redirect: { to: string; flash: string } };
    expect(reply.redirect.to).toBe("/flash?page=three");
    const res = await fetch(`${server.url}${reply.redirect.to}`, { headers: { cookie: `${page.cookie}; __phoenix_flash__=${reply.redirect.flash}` } });
    const html = await res.text();
    expect(html).toContain('<p id="flash-info" phx-click="lv:clear-flash" phx-value-key="info">Saved, reloaded</p><h1>three</h1>');
    expect(res.headers.get("set-cookie")).toMatch(/__phoenix_flash__=;.*Max-Age=0/);
    client.close();
  });

  test("the page's first join keeps the flash its HTTP render read from the cookie; a rejoin does not", async () => {
    const { page, client } = await joinedView(server, "/flash");
    const reply = (await client.click(page, "saveAndLeave")).response as { redirect: { to: string; flash: string } };
    client.close();
    const next = await getPage(server, reply.redirect.to, `${page.cookie}; __phoenix_flash__=${reply.redirect.flash}`);
    expect(next.html).toContain("Saved, reloaded");
    const joined = await TestClient.connect(server, next);
    const first = (await joined.join(next, server, reply.redirect.to)).response as { rendered: Record<string, unknown> };
    expect(first.rendered[0]).toBe("Saved, reloaded");
    const again = (await joined.join(next, server, reply.redirect.to, {
      params: { _csrf_token: next.csrfToken, _mounts: 1, _mount_attempts: 0, _track_static: [] },
    })).response as { rendered: Record<string, unknown> };
    expect(again.rendered[0]).toBe("");
    joined.close();
  });
});
