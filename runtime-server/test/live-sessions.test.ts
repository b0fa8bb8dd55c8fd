/**
 * Live sessions and lifecycle hooks: `onMount` guards on the HTTP render (302) and on the
 * connected mount (the join's redirect reply), shared assigns, the view's own `onMount` after the
 * session's, `attachHook` on every stage with halt and cont, live components' hooks, hook errors
 * contained to the view, and `socket.connectInfo`.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLiveServer } from "../src/server.js";
import type { OnMount } from "../src/index.js";
import { mount, NavigationError } from "../src/testing/index.js";
import {
  Dashboard,
  first,
  Growing,
  haltsWithoutNavigating,
  Info,
  Login,
  navigatesAndContinues,
  navigation,
  Ordered,
  requireRoot,
  requireUser,
  returnsNothing,
  seen,
  Stages,
  WithKnob,
} from "./views/guarded.tsx";
import { getPage, SECRET, startServer, TestClient, type TestServer } from "./support.js";

/** A page of `path` for a browser signed in as `user`: its CSRF cookie and the `user` cookie. */
async function signedIn(path: string, user = "ada") {
  const fresh = await getPage(server, "/login");
  return getPage(server, path, `${fresh.cookie}; user=${user}`);
}

/** The first string in a rendered tree that contains `part`, unescaped. */
function textIn(tree: unknown, part: string): string | null {
  if (typeof tree === "string") return tree.includes(part) ? tree.replace(/&quot;/g, '"').replace(/&amp;/g, "&") : null;
  if (tree === null || typeof tree !== "object") return null;
  for (const value of Object.values(tree)) {
    const found = textIn(value, part);
    if (found !== null) return found;
  }
  return null;
}

/** The session of a request: `user` from the `user` cookie. */
const userOf = (cookie: string | undefined) => /(?:^|; )user=([^;]+)/.exec(cookie ?? "")?.[1];

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    routes: { "/login": Login, "/info": Info },
    liveSessions: {
      admin: {
        session: (req) => (userOf(req.headers.cookie) ? { user: userOf(req.headers.cookie) } : {}),
        onMount: [requireUser, requireRoot, navigation],
        routes: { "/admin": Dashboard, "/admin/:section": Dashboard },
      },
      plain: { "/plain": Login },
    },
    connectInfo: ["peerData", "userAgent", "xHeaders", "uri"],
  });
});
afterAll(() => server.close());

describe("onMount guards", () => {
  test("the HTTP render of a guarded route without a session answers 302 to the guard's target", async () => {
    const res = await fetch(`${server.url}/admin`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
  });

  test("a signed-in user gets the page, the session's assigns and the params hook's path", async () => {
    const page = await signedIn("/admin/reports?tab=2");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<p id="user">ada</p>');
    expect(page.html).toContain('<p id="path">/admin/reports?tab=2</p>');
  });

  test("live navigation into a guarded route: the connected mount halts with the guard's navigation", async () => {
    const page = await signedIn("/admin");
    const client = await TestClient.connect(server, page);
    const joined = await client.join(page, server, "/admin");
    expect(joined.status).toBe("ok");
    await client.request(`lv:${page.id}`, "phx_leave", {}, "1");
    // The client joins the same container again for the new URL, as after a live navigation.
    const refused = await client.join(page, server, "/admin", { url: `${server.url}/admin/vault` });
    expect(refused).toEqual({ status: "error", response: { live_redirect: { kind: "push", to: "/admin" } } });
    client.close();
  });

  test("a connected mount that redirects is answered with the redirect; the harness reports the HTTP render's", async () => {
    const connectedOnly: OnMount = (_p, _s, socket) => {
      if (!socket.connected) return "cont";
      socket.redirect("/login");
      return "halt";
    };
    const live = await startServer({ routes: {}, liveSessions: { s: { onMount: connectedOnly, routes: { "/": Login } } } });
    const page = await getPage(live, "/");
    expect(page.status).toBe(200);
    const client = await TestClient.connect(live, page);
    expect(await client.join(page, live, "/")).toEqual({ status: "error", response: { redirect: { to: "/login" } } });
    client.close();
    await live.close();
    const view = await mount(Dashboard, { url: "/admin", onMount: requireUser }).catch((e: unknown) => e);
    expect(view).toBeInstanceOf(NavigationError);
    expect((view as NavigationError).result.redirect).toBe("/login");
  });

  test("across live sessions the join is refused as unauthorized: the client loads the page in full", async () => {
    const page = await signedIn("/admin");
    const client = await TestClient.connect(server, page);
    expect(await client.join(page, server, "/admin", { url: `${server.url}/login` })).toEqual({ status: "error", response: { reason: "unauthorized" } });
    expect(await client.join(page, server, "/admin", { url: `${server.url}/plain` })).toEqual({ status: "error", response: { reason: "unauthorized" } });
    client.close();
  });

  test("the live session's onMount runs first, then the view's own, then mount", async () => {
    const view = await mount(Ordered, { onMount: first });
    expect(view.find("#order").text).toBe("session view mount");
    expect(view.deadHtml()).toContain("session view mount");
  });

  test("a guard that halts without navigating, navigates and goes on, or returns nothing is an error naming it", async () => {
    for (const [hook, message] of [
      [haltsWithoutNavigating, /onMount "haltsWithoutNavigating" halted without navigating/],
      [navigatesAndContinues, /onMount "navigatesAndContinues" navigated but returned "cont"/],
      [returnsNothing, /returned nothing; it must return "cont" or "halt"/],
    ] as const) {
      const live = await startServer({ routes: {}, liveSessions: { s: { onMount: hook, routes: { "/": Login } } } });
      const res = await fetch(`${live.url}/`, { redirect: "manual" });
      expect(res.status).toBe(500);
      expect(live.log.lines.join("\n")).toMatch(message);
      await live.close();
    }
  });

  test("a live session's layout builds its pages, and its session map is merged over the server's session", async () => {
    const sessions: Record<string, unknown>[] = [];
    const capture: OnMount = (_p, session) => {
      sessions.push(session);
      return "cont";
    };
    const live = await startServer({
      routes: { "/": Login },
      session: () => ({ user: "from-server", role: "guest" }),
      liveSessions: {
        staff: {
          session: { role: "staff" },
          onMount: capture,
          layout: (page) => `<!doctype html><html><head><meta name="csrf-token" content="${page.csrfToken}"><title>Staff</title></head><body class="staff">${page.view}</body></html>`,
          routes: { "/staff": Login },
        },
      },
    });
    const staff = await getPage(live, "/staff");
    expect(staff.html).toContain('<body class="staff">');
    const client = await TestClient.connect(live, staff);
    expect((await client.join(staff, live, "/staff")).status).toBe("ok");
    // The HTTP render and the connected mount (from the page's signed session) see the same.
    expect(sessions).toEqual([
      { user: "from-server", role: "staff" },
      { user: "from-server", role: "staff" },
    ]);
    client.close();
    expect((await getPage(live, "/")).html).not.toContain('class="staff"');
    await live.close();
  });

  test("the old shape of a live session (only its routes) still works, and a malformed one is refused", async () => {
    expect((await getPage(server, "/plain")).status).toBe(200);
    expect(() => createLiveServer({ secret: SECRET, routes: {}, liveSessions: { x: { routes: null as never } } })).toThrow(/live session "x" needs `routes`/);
    expect(() => createLiveServer({ secret: SECRET, routes: {}, liveSessions: { x: { routes: {}, onMount: [42 as never] } } })).toThrow(/each onMount must be a function/);
    expect(() => createLiveServer({ secret: SECRET, routes: {}, connectInfo: ["cookies" as never] })).toThrow(/unknown connectInfo key "cookies"/);
  });
});

describe("attachHook", () => {
  test("an event hook halts with a reply; the view's handler is not called; other events go on", async () => {
    const view = await mount(Dashboard, { url: "/admin", session: { user: "ada" }, onMount: [requireUser, navigation] });
    expect(view.find("#user").text).toBe("ada");
    const pinged = await view.hook("#probe").pushEvent("ping", {});
    expect(pinged.reply).toEqual({ pong: 1 });
    expect(view.find("#pings").text).toBe("1");
    await view.click("#secret");
    expect(view.find("#clicks").text).toBe("0");
    await view.click("#click");
    expect(view.find("#clicks").text).toBe("1");
  });

  test("a params hook tracks the URL across live patches", async () => {
    const view = await mount(Dashboard, { url: "/admin/reports", route: "/admin/:section", session: { user: "ada" }, onMount: [requireUser, navigation] });
    expect(view.find("#path").text).toBe("/admin/reports");
    await view.patch("/admin/users?page=2");
    expect(view.find("#path").text).toBe("/admin/users?page=2");
    expect(view.find("#section").text).toBe("users");
  });

  test("params, info and async hooks run before the view's callback, and a halt skips it", async () => {
    const view = await mount(Stages, { url: "/?q=a" });
    const log = () => view.find("#log li").texts;
    expect(log()).toEqual(["hook params a", "view params a"]);
    await view.sendInfo("one");
    expect(log().slice(2)).toEqual(["hook info one", "view info one"]);
    await view.hook("#hook").pushEvent("halt", { stage: "info" });
    await view.sendInfo("two");
    expect(log().slice(4)).toEqual(["hook info two"]);
    await view.hook("#hook").pushEvent("halt", { stage: "params" });
    await view.patch("/?q=b");
    expect(log().slice(5)).toEqual(["hook params b"]);
    await view.hook("#hook").pushEvent("work", {});
    await view.settled();
    expect(log().slice(6)).toEqual(["hook async job done", "view async job"]);
    expect(view.find("#outcome").text).toBe("done");
    await view.hook("#hook").pushEvent("halt", { stage: "async" });
    await view.hook("#hook").pushEvent("work", {});
    await view.settled();
    expect(log().slice(8)).toEqual(["hook async job done"]);
  });

  test("detachHook removes a hook; attaching a name twice on a stage is an error that crashes the view", async () => {
    const view = await mount(Stages);
    await view.hook("#hook").pushEvent("detach", { name: "info", stage: "handleInfo" });
    await view.sendInfo("quiet");
    expect(view.find("#log li").texts.at(-1)).toBe("view info quiet");
    await view.hook("#hook").pushEvent("again", {});
    await expect(view.hook("#hook").pushEvent("again", {})).rejects.toThrow(/crashed/);
    expect(view.log.join("\n")).toMatch(/a hook named "info" is attached on handleInfo already/);
  });

  test("a hook attached while its stage runs runs from the next time on, after the hooks attached before it", async () => {
    const view = await mount(Growing);
    await view.sendInfo("grow");
    expect(view.find("#log li").texts).toEqual(["first grow", "view grow"]);
    await view.sendInfo("again");
    // The second hook halts: the view's handleInfo does not hear "again".
    expect(view.find("#log li").texts).toEqual(["first grow", "view grow", "first again", "second again"]);
  });

  test("a hook that throws or answers something else crashes the view, and the server goes on", async () => {
    const view = await mount(Stages);
    await view.hook("#hook").pushEvent("throwing", {});
    await expect(view.hook("#hook").pushEvent("halt", {})).rejects.toThrow(/crashed/);
    expect(view.log.join("\n")).toMatch(/crashed in handleEvent hook "throws": Error: hook exploded/);
    const again = await mount(Stages);
    await again.hook("#hook").pushEvent("bad", {});
    await expect(again.hook("#hook").pushEvent("halt", {})).rejects.toThrow(/crashed/);
    expect(again.log.join("\n")).toMatch(/the handleEvent hook "bad" returned "maybe"; it must return "cont" or "halt"/);
    const unknown = await mount(Stages);
    await expect(unknown.hook("#hook").pushEvent("component", {})).rejects.toThrow(/crashed/);
    expect(unknown.log.join("\n")).toMatch(/unknown stage "mount"/);
  });

  test("afterRender hooks run after each render; what they assign renders next time", async () => {
    const view = await mount(Stages);
    const instance = [...(view as unknown as { app: { loopback: { live: { connections: Set<{ instances: Map<string, { socket: { assigns: Record<string, unknown> } }> }> } } } }).app.loopback.live.connections][0]!;
    const socket = [...instance.instances.values()][0]!.socket;
    const before = socket.assigns.rendered as number;
    expect(before).toBeGreaterThanOrEqual(1);
    await view.sendInfo("x");
    expect(socket.assigns.rendered).toBe(before + 1);
  });

  test("a live component's event hook halts with a reply; afterRender hooks follow its renders; handleParams is refused", async () => {
    seen.length = 0;
    const view = await mount(WithKnob);
    expect(seen).toContain("knob rendered turns=0");
    await view.click("#turn");
    expect(view.find("#turns").text).toBe("1");
    expect(seen).toContain("knob rendered turns=1");
    const spun = await view.click("#spin");
    expect(spun.reply).toEqual({ spun: true });
    expect(view.find("#turns").text).toBe("11");
    await expect(view.click("#wrong")).rejects.toThrow(/crashed/);
    expect(view.log.join("\n")).toMatch(/a live component's socket takes hooks on handleEvent, handleAsync, afterRender only, not handleParams/);
  });
});

describe("connectInfo", () => {
  test("the HTTP render reads the request, the join the WebSocket's upgrade request; no cookie", async () => {
    const headers = { "user-agent": "probe/1.0", "x-request-id": "abc", cookie: "user=ada" };
    const res = await fetch(`${server.url}/info?x=1`, { headers });
    const html = await res.text();
    const dead = JSON.parse(/<pre id="info">([^<]*)<\/pre>/.exec(html)![1]!.replace(/&quot;/g, '"')) as Record<string, unknown>;
    expect(dead).toEqual({ connected: false, address: "127.0.0.1", userAgent: "probe/1.0", xHeaders: { "x-request-id": "abc" }, uri: "/info" });
    const page = await getPage(server, "/info");
    const client = await TestClient.connect(server, page, {}, { "user-agent": "socket/2.0", "x-forwarded-for": "10.0.0.9" });
    const joined = await client.join(page, server, "/info");
    expect(joined.status).toBe("ok");
    const live = JSON.parse(textIn(joined.response, "connected")!) as Record<string, unknown>;
    expect(live).toEqual({ connected: true, address: "127.0.0.1", userAgent: "socket/2.0", xHeaders: { "x-forwarded-for": "10.0.0.9" }, uri: "/live/websocket" });
    expect(JSON.stringify(joined.response)).not.toContain("_csrf_token");
    client.close();
  });

  test("outside mount it is an error naming where it is available", async () => {
    const view = await mount(Stages);
    await expect(view.hook("#hook").pushEvent("readInfo", {})).rejects.toThrow(/crashed/);
    expect(view.log.join("\n")).toMatch(/socket.connectInfo is available in mount and onMount only/);
  });

  test("a server that names no connect info gives an empty one", async () => {
    const view = await mount(Info);
    expect(JSON.parse(view.find("#info").text)).toEqual({ connected: true, address: null, userAgent: null, xHeaders: null, uri: null });
  });
});
