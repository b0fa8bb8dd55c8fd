/**
 * The HTTP render and how the server sits inside an existing one: live routes render full pages,
 * everything else falls through, other WebSocket upgrades are left alone.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { verifyToken } from "../src/session.js";
import Counter from "./views/counter.tsx";
import Post from "./views/post.tsx";
import { getPage, SECRET, startServer, TestClient, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    routes: { "/": Counter, "/posts/:id": Post },
    session: (req) => ({ user: typeof req.headers["x-user"] === "string" ? decodeURIComponent(req.headers["x-user"]) : null }),
  });
});
afterAll(() => server.close());

describe("HTTP render", () => {
  test("a live route renders a full page with the CSRF meta tag, the client script and signed tokens", async () => {
    const page = await getPage(server, "/");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/^<!doctype html>/);
    expect(page.html).toContain('<script type="module" src="/live/client.js"></script>');
    expect(page.csrfToken.length).toBeGreaterThan(20);
    expect(page.cookie).toMatch(/^_livetsx_csrf=/);
    expect(page.html).toContain(
      `<div id="${page.id}" data-phx-main data-phx-session="${page.session}" data-phx-static="${page.static}">` +
        '<div class="counter"><h1>Count: 0</h1><button phx-click="dec">-</button><button phx-click="inc">+</button></div></div>',
    );
    const token = verifyToken<{ kind: string; id: string; route: string }>(SECRET, page.session);
    expect(token).toMatchObject({ ok: true, payload: { kind: "session", id: page.id, route: "/" } });
  });

  test("a page goes with its length, not chunked; a HEAD gets the same length and no body", async () => {
    const res = await fetch(`${server.url}/posts/7?tab=a%C3%A9`, { headers: { "x-user": "zoë" } });
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("transfer-encoding")).toBeNull();
    // The title holds a non-ASCII name: the length counts bytes, not characters.
    expect(body.toString("utf8")).toContain("<title>Post for zoë</title>");
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    const head = await fetch(`${server.url}/posts/7?tab=a%C3%A9`, { method: "HEAD", headers: { "x-user": "zoë" } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(body.length);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    // An all-ASCII page (written as Latin-1) and pages with characters from U+0080 to beyond
    // the BMP (as UTF-8): each one's bytes decode to its text, as many as its length says.
    for (const user of ["ada", "zoë", "ĳ€", "𝔷", "ÿ"]) {
      const page = await fetch(`${server.url}/posts/7`, { headers: { "x-user": encodeURIComponent(user) } });
      const bytes = Buffer.from(await page.arrayBuffer());
      expect(Number(page.headers.get("content-length"))).toBe(bytes.length);
      expect(bytes.toString("utf8")).toContain(`<title>Post for ${user}</title>`);
    }
  });

  test("path params, the request's session and the page title reach mount", async () => {
    const res = await fetch(`${server.url}/posts/42?tab=comments`, { headers: { "x-user": "ada" } });
    const html = await res.text();
    expect(html).toContain("<title>Post for ada</title>");
    expect(html).toContain('<article id="post-42"><nav>comments</nav><p>none</p><small>0</small></article>');
  });

  test("a path that is not live falls through to next()", async () => {
    const res = await fetch(`${server.url}/assets/app.css`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("fell through");
    const post = await fetch(`${server.url}/`, { method: "POST" });
    expect(await post.text()).toBe("fell through");
  });

  test("attach() leaves other WebSocket upgrades to their owners", async () => {
    const other = new WebSocketServer({ noServer: true });
    server.http.on("upgrade", (req, socket, head) => {
      if (req.url === "/other") other.handleUpgrade(req, socket, head, (ws) => ws.send("hello from other"));
    });
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/other`);
    const message = await new Promise<string>((resolve) => ws.once("message", (d) => resolve(d.toString())));
    expect(message).toBe("hello from other");
    ws.close();
    other.close();
  });
});

describe("params and navigation over the socket", () => {
  async function joinedPost(extra: Record<string, string> = {}) {
    const page = await getPage(server, "/posts/7");
    const client = await TestClient.connect(server, page, extra);
    const reply = await client.join(page, server, "/posts/7", {
      params: { _csrf_token: page.csrfToken, _mounts: 0, theme: "dark" },
    });
    return { page, client, reply, topic: `lv:${page.id}` };
  }

  test("mount sees connect params; assignNew keeps a value set in mount", async () => {
    const { reply, client } = await joinedPost();
    const rendered = (reply.response as { rendered: Record<string, unknown> }).rendered;
    expect([rendered[0], rendered[1], rendered[2], rendered[3]]).toEqual([' id="post-7"', "body", "dark", "0"]);
    client.close();
  });

  test("a live patch runs handleParams and sends its diff", async () => {
    const { client, topic } = await joinedPost();
    const reply = await client.request(topic, "live_patch", { url: `${server.url}/posts/7?tab=history` }, "1");
    expect(reply).toEqual({ status: "ok", response: { diff: { 1: "history" } } });
    const wrong = await client.request(topic, "live_patch", { url: `${server.url}/` }, "1");
    expect(wrong.status).toBe("error");
    client.close();
  });

  test("pushPatch, pushNavigate and redirect from handlers", async () => {
    const { client, page } = await joinedPost();
    expect((await client.click(page, "comments")).response).toEqual({
      diff: { 1: "comments" },
      live_patch: { kind: "push", to: "/posts/7?tab=comments" },
    });
    expect((await client.click(page, "away")).response).toEqual({ live_redirect: { kind: "push", to: "/" } });
    expect((await client.click(page, "leave")).response).toEqual({ redirect: { to: "https://example.com/bye" } });
    client.close();
  });
});
