/**
 * Nested live views over the socket, as Phoenix's `live_render`: the HTTP render mounts each
 * child in its container; the parent's connected render gives the child's container empty, with
 * a signed session token the child joins with on its own topic. A child's crash leaves its parent
 * running; the parent's leave or crash ends its children, not a sticky view.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defineView, LiveView } from "@livetsx/server";
import Parent, { Child, ended, Grand, Twice } from "./views/nested.tsx";
import { getPage, startServer, TestClient, type Page, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Parent, "/twice": Twice, "/grand": Grand }, session: () => ({ user: "ada" }) });
});
afterAll(() => server.close());

/** The attribute `name` of the container `id` in `html` (HTML or a JSON-encoded render). */
function containerAttr(html: string, id: string, name: string): string | null {
  const text = html.replace(/\\"/g, '"');
  const tag = new RegExp(`<[a-z]+ id="${id}"[^>]*>`).exec(text)?.[0];
  if (!tag) return null;
  const value = new RegExp(` ${name}(?:="([^"]*)")?`).exec(tag);
  return value ? (value[1] ?? "") : null;
}

function viewOn(topic: string) {
  return [...server.live.connections].find((c) => c.instances.has(topic))?.instances.get(topic);
}

function childJoin(page: Page, session: string, statics: string | null, overrides: Record<string, unknown> = {}) {
  return { params: { _csrf_token: page.csrfToken, _mounts: 0 }, session, static: statics, sticky: false, ...overrides };
}

/** The parent joined, and the session token its render gave the child `id`. */
async function joinedParent() {
  const page = await getPage(server, "/");
  const client = await TestClient.connect(server, page);
  const reply = await client.join(page, server, "/");
  expect(reply.status).toBe("ok");
  const rendered = JSON.stringify(reply.response);
  const token = (id: string) => containerAttr(rendered, id, "data-phx-session")!;
  const statics = (id: string) => containerAttr(page.html, id, "data-phx-static")!;
  return { page, client, rendered, token, statics };
}

describe("the HTTP render", () => {
  test("mounts each child in its container, with Phoenix's attributes", async () => {
    const page = await getPage(server, "/");
    expect(page.html).toContain('class="box"><p class="child">one 0 dead</p></section>');
    expect(containerAttr(page.html, "first", "data-phx-parent-id")).toBe(page.id);
    // As Phoenix: a child's session is signed by the parent's connected render, a sticky's here.
    expect(containerAttr(page.html, "first", "data-phx-session")).toBe("");
    expect(containerAttr(page.html, "first", "data-phx-static")).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(containerAttr(page.html, "pinned", "data-phx-session")).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(containerAttr(page.html, "pinned", "data-phx-sticky")).toBe("");
    expect(containerAttr(page.html, "pinned", "data-phx-parent-id")).toBeNull();
  });

  test("a child id that repeats is a clear error", async () => {
    const page = await getPage(server, "/twice");
    expect(page.status).toBe(500);
    expect(server.log.lines.some((l) => l.includes('<LiveView id="same"> appears twice'))).toBe(true);
  });
});

describe("a child joined on its own topic", () => {
  test("renders and updates on its own; the parent's diffs leave it out", async () => {
    const { page, client, rendered, token, statics } = await joinedParent();
    // The parent's render holds the child's container empty, with a session token.
    expect(rendered).not.toContain("one 0");
    expect(containerAttr(rendered, "first", "data-phx-static")).toBe("");
    const child = await client.request("lv:first", "phx_join", childJoin(page, token("first"), statics("first")), "2");
    expect(child.status).toBe("ok");
    expect(JSON.stringify(child.response)).toContain("one");
    expect(JSON.stringify(child.response)).toContain("live");
    const inc = await client.request("lv:first", "event", { type: "click", event: "inc", value: {} }, "2");
    expect(JSON.stringify(inc)).toContain('"1"');
    // The parent's own event changes its count only: the child's container string is the same.
    const parentInc = await client.click(page, "inc");
    expect(JSON.stringify(parentInc)).not.toContain("data-phx-session");
    expect(viewOn("lv:first")!.socket.assigns.count).toBe(1);
    expect(viewOn(`lv:${page.id}`)!.socket.assigns.count).toBe(1);
    client.close();
  });

  test("the child's mount gets the page's session with its own merged over", async () => {
    const { page, client, token, statics } = await joinedParent();
    await client.request("lv:second", "phx_join", childJoin(page, token("second"), statics("second")), "2");
    expect(viewOn("lv:second")!.socket.assigns.label).toBe("two");
    expect(viewOn("lv:second")!.url.href).toBe(server.url + "/");
    client.close();
  });

  test("a crash of the child ends only the child; the parent keeps working", async () => {
    const { page, client, token, statics } = await joinedParent();
    await client.request("lv:first", "phx_join", childJoin(page, token("first"), statics("first")), "2");
    expect(await client.crashing("lv:first", "event", { type: "click", event: "boom", value: {} }, "2")).toEqual([]);
    expect(viewOn("lv:first")).toBeUndefined();
    const parentInc = await client.click(page, "inc");
    expect(parentInc.status).toBe("ok");
    // The child rejoins with the same token and mounts afresh.
    const again = await client.request("lv:first", "phx_join", childJoin(page, token("first"), statics("first")), "3");
    expect(again.status).toBe("ok");
    client.close();
  });

  test("the parent's leave ends its children, not a sticky view", async () => {
    const { page, client, token, statics } = await joinedParent();
    await client.request("lv:first", "phx_join", childJoin(page, token("first"), statics("first")), "2");
    const sticky = await client.request("lv:pinned", "phx_join", childJoin(page, containerAttr(page.html, "pinned", "data-phx-session")!, statics("pinned"), { sticky: true }), "3");
    expect(sticky.status).toBe("ok");
    const child = viewOn("lv:first")!;
    ended.length = 0;
    expect((await client.request(`lv:${page.id}`, "phx_leave", {}, "1")).status).toBe("ok");
    expect(child.isAlive).toBe(false);
    expect(ended).toEqual(["one:leave"]);
    expect(viewOn("lv:pinned")?.isAlive).toBe(true);
    const gone = await client.request("lv:first", "event", { type: "click", event: "inc", value: {} }, "2");
    expect(gone).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    client.close();
  });

  test("the parent's crash ends its children", async () => {
    const { page, client, token, statics } = await joinedParent();
    await client.request("lv:first", "phx_join", childJoin(page, token("first"), statics("first")), "2");
    const child = viewOn("lv:first")!;
    expect(await client.crashing(`lv:${page.id}`, "event", { type: "click", event: "boom", value: {} }, "1")).toEqual([]);
    expect(child.isAlive).toBe(false);
    expect(viewOn("lv:first")).toBeUndefined();
    client.close();
  });
});

describe("a child's join is refused", () => {
  test("with a tampered or another view's token", async () => {
    const { page, client, token, statics } = await joinedParent();
    const tampered = token("first").replace(/^./, (c) => (c === "a" ? "b" : "a"));
    expect(await client.request("lv:first", "phx_join", childJoin(page, tampered, statics("first")), "2")).toEqual({
      status: "error",
      response: { reason: "unauthorized" },
    });
    expect(await client.request("lv:first", "phx_join", childJoin(page, token("second"), statics("first")), "3")).toEqual({
      status: "error",
      response: { reason: "unauthorized" },
    });
    // The dead render's static token of another child: stale.
    expect(await client.request("lv:first", "phx_join", childJoin(page, token("first"), statics("second")), "4")).toEqual({
      status: "error",
      response: { reason: "stale" },
    });
    // The dead render gives no session token to a child: it cannot join before its parent renders it.
    expect((await client.request("lv:first", "phx_join", childJoin(page, "", statics("first")), "5")).status).toBe("error");
    client.close();
  });

  test("for a sticky view on a server that did not render it: stale, and the page loads again", async () => {
    const page = await getPage(server, "/");
    const other = await startServer({ routes: { "/": Parent } });
    try {
      const client = await TestClient.connect(other, page);
      const sticky = childJoin(page, containerAttr(page.html, "pinned", "data-phx-session")!, containerAttr(page.html, "pinned", "data-phx-static"), { sticky: true });
      expect(await client.request("lv:pinned", "phx_join", sticky, "1")).toEqual({ status: "error", response: { reason: "stale" } });
      client.close();
    } finally {
      await other.close();
    }
  });

  test("when its parent is not joined on the connection", async () => {
    const { page, client, token, statics } = await joinedParent();
    const other = await TestClient.connect(server, page);
    expect(await other.request("lv:first", "phx_join", childJoin(page, token("first"), statics("first")), "1")).toEqual({
      status: "error",
      response: { reason: "parent not joined" },
    });
    other.close();
    client.close();
  });
});

describe("a child's own children", () => {
  test("are rendered by the HTTP render inside it, and end with it", async () => {
    const page = await getPage(server, "/grand");
    expect(page.html).toContain('<p class="child">leaf 0 dead</p>');
    expect(containerAttr(page.html, "leaf", "data-phx-parent-id")).toBe("middle");
    const client = await TestClient.connect(server, page);
    const parent = JSON.stringify((await client.join(page, server, "/grand")).response);
    const middle = await client.request("lv:middle", "phx_join", childJoin(page, containerAttr(parent, "middle", "data-phx-session")!, null), "2");
    expect(middle.status).toBe("ok");
    const token = containerAttr(JSON.stringify(middle.response), "leaf", "data-phx-session")!;
    expect((await client.request("lv:leaf", "phx_join", childJoin(page, token, containerAttr(page.html, "leaf", "data-phx-static")), "3")).status).toBe("ok");
    const leaf = viewOn("lv:leaf")!;
    expect(await client.request("lv:middle", "phx_leave", {}, "2")).toEqual({ status: "ok", response: {} });
    expect(leaf.isAlive).toBe(false);
    expect(viewOn(`lv:${page.id}`)?.isAlive).toBe(true);
    client.close();
  });
});

describe("<LiveView> refuses", () => {
  test("a render outside a live view's, a child with handleParams, a bad container, a missing id", () => {
    expect(() => LiveView({ module: Child, id: "x" })).toThrow(/renders only inside a live view's render/);
    const routed = defineView({ handleParams: () => undefined, render: () => null });
    expect(() => LiveView({ module: routed, id: "x" })).toThrow(/cannot define handleParams/);
    expect(() => LiveView({ module: Child, id: "x", container: ["<script>" as string] })).toThrow(/container must be \[tag, attributes\?\]/);
    expect(() => LiveView({ module: Child, id: "" })).toThrow(/needs an id/);
  });
});
