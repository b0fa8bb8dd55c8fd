/**
 * Live sessions in Chromium, with LiveTSX's client and with the official Phoenix LiveView
 * client, on the Vite dev server: an `onMount` guard redirecting on the HTTP render and on a
 * live navigation's connected mount, assigns shared by the session's views, an event hook that
 * halts with a reply, a params hook following live patches, navigation across live sessions as a
 * full page load, and `socket.connectInfo` from the WebSocket's upgrade request. Then the same
 * app's production build: the live session's routes answer there too.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { createBuilder } from "vite";
import { livetsx, type LiveTSXOptions } from "@livetsx/vite";
import { freePort } from "../browser.js";
import { startProductionServer, type ProductionDemo } from "../production.js";
import { CLIENT_NAMES, CLIENTS, useChromium, useDevApp } from "../dev-app.js";

const ROOT = fileURLToPath(new URL(".", import.meta.url));
const BUILD = join(ROOT, "..", "..", "node_modules", ".livetsx", "e2e-lifecycle-build");

const plugin = (client: string): LiveTSXOptions => ({
  routes: "app/routes.ts",
  client,
  server: { connectInfo: ["peerData", "userAgent", "xHeaders", "uri"] },
});

const chrome = useChromium();

/** A page in a fresh browser context, signed in as `user` (the demo's cookie) when given. */
async function newPage(base: string, user?: string): Promise<Page> {
  const page = await chrome.browser.newPage();
  await page.setExtraHTTPHeaders({ "x-probe": "chromium" });
  if (user) await page.context().addCookies([{ name: "user", value: user, url: base }]);
  return page;
}

const connected = (page: Page) => page.waitForSelector("[data-phx-main].phx-connected", { state: "attached", timeout: 15_000 });

/** Marks the document: a full page load makes a new one, without the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as { mark?: boolean }).mark = true));
const marked = (page: Page) => page.evaluate(() => (window as { mark?: boolean }).mark === true);

const text = (page: Page, selector: string) => page.textContent(selector);

describe.each(CLIENT_NAMES)("%s client", (client) => {
  const app = useDevApp(ROOT, client, plugin(CLIENTS[client]));
  const problems: string[] = [];
  afterAll(() => {
    expect(problems).toEqual([]);
  });

  async function open(path: string, user?: string): Promise<Page> {
    const page = await newPage(app.base, user);
    page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    await page.goto(app.base + path);
    await connected(page);
    const version = await page.evaluate(() => (window as { liveSocket?: { version?: () => string } }).liveSocket?.version?.());
    if (client === "official") expect(version).toMatch(/^1\.2\./);
    else expect(version).toBeUndefined();
    return page;
  }

  test("the guard answers the HTTP render of /admin without a session with a redirect to /login", async () => {
    const res = await fetch(`${app.base}/admin`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    // A live navigation into the session from another is a page load, which the guard redirects.
    const page = await open("/");
    await mark(page);
    await page.click("#to-admin");
    await page.waitForSelector("#login", { state: "attached" });
    await connected(page);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await marked(page)).toBe(false);
    await page.close();
  });

  test("signed in: the session's layout, its assigns, connect info from the socket, an event hook that halts with a reply", async () => {
    const page = await open("/admin", "ada");
    // The live session's own layout, with the dev server's scripts as the app's layout gets them.
    expect(await page.evaluate(() => document.body.className)).toBe("admin");
    expect(await page.locator('script[src="/@vite/client"]').count()).toBe(1);
    expect(await text(page, "#user")).toBe("ada");
    await page.waitForFunction(() => document.querySelector("#connected")?.textContent === "true");
    expect(await text(page, "#agent")).toBe(await page.evaluate(() => navigator.userAgent));
    expect(await text(page, "#peer")).toBe("127.0.0.1");
    expect(await text(page, "#x-probe")).toBe("chromium");
    const reply = await page.evaluate(() => (window as unknown as { ping(): Promise<unknown> }).ping());
    expect(reply).toEqual({ pong: 1 });
    await page.waitForFunction(() => document.querySelector("#pings")?.textContent === "1");
    // The hook halts `secret`: the view's handler (+100) never runs; `click` (+1) goes through.
    await page.click("#secret");
    await page.click("#click");
    await page.waitForFunction(() => document.querySelector("#clicks")?.textContent === "1");
    await page.close();
  });

  test("a params hook follows the path across live patches, back included", async () => {
    const page = await open("/admin", "ada");
    expect(await text(page, "#current")).toBe("/admin");
    await mark(page);
    await page.click("#to-reports");
    await page.waitForFunction(() => document.querySelector("#current")?.textContent === "/admin/reports");
    expect(await text(page, "#section")).toBe("reports");
    await page.click("#to-users");
    await page.waitForFunction(() => document.querySelector("#current")?.textContent === "/admin/users?page=2");
    expect(await text(page, "#section")).toBe("users");
    await page.goBack();
    await page.waitForFunction(() => document.querySelector("#current")?.textContent === "/admin/reports");
    expect(await marked(page)).toBe(true);
    await page.close();
  });

  test("a guard on the connected mount: a live navigation to the vault redirects a user who is not root", async () => {
    const page = await open("/admin", "ada");
    await mark(page);
    // The vault's guard runs on the join: no HTTP request for /admin/vault is made.
    const loads: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") loads.push(new URL(r.url()).pathname);
    });
    await page.click("#to-vault");
    await page.waitForSelector("#login", { state: "attached" });
    await page.waitForFunction(() => document.querySelector("#denied")?.textContent === "vault");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/login?denied=vault");
    expect(await marked(page)).toBe(false);
    expect(loads).toEqual(["/login"]);
    await page.close();
    // Root gets in over the same socket: a live navigation within the session.
    const root = await open("/admin", "root");
    await mark(root);
    await root.click("#to-vault");
    await root.waitForSelector("#vault", { state: "attached" });
    expect(await text(root, "#user")).toBe("root");
    expect(await marked(root)).toBe(true);
    await root.click("#to-admin");
    await root.waitForSelector("#admin", { state: "attached" });
    await connected(root);
    expect(await marked(root)).toBe(true);
    await root.close();
  });

  test("a navigation to another live session loads the page in full", async () => {
    const page = await open("/admin", "ada");
    await mark(page);
    await page.click("#to-home");
    await page.waitForSelector("#home", { state: "attached" });
    await connected(page);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await marked(page)).toBe(false);
    await page.close();
  });
});

describe("production build", () => {
  let server: ProductionDemo;
  let base = "";

  beforeAll(async () => {
    const builder = await createBuilder({
      root: ROOT,
      configFile: false,
      logLevel: "warn",
      plugins: [livetsx(plugin(CLIENTS.official))],
      build: { outDir: BUILD },
    });
    await builder.buildApp();
    const port = await freePort();
    server = await startProductionServer(BUILD, port);
    base = `http://127.0.0.1:${port}`;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  test("the live session's routes answer: the guard redirects, a signed-in user gets the page and connects", async () => {
    const res = await fetch(`${base}/admin`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    const page = await newPage(base, "ada");
    await page.goto(`${base}/admin/reports`);
    await connected(page);
    expect(await page.evaluate(() => document.body.className)).toBe("admin");
    expect(await page.textContent("#user")).toBe("ada");
    expect(await page.textContent("#current")).toBe("/admin/reports");
    await page.waitForFunction(() => document.querySelector("#connected")?.textContent === "true");
    expect(await page.textContent("#agent")).toBe(await page.evaluate(() => navigator.userAgent));
    await page.close();
  });
});
