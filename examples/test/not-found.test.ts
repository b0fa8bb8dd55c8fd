/**
 * A path the demo does not have, in Chromium: a 404 page in the demo's layout whose links and
 * socket work as on any page.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { useDemo } from "./browser.js";

const demo = useDemo({ beforeAll, afterAll });

test("an unknown path shows a 404 page in the layout; its navigation leads on to a live view", async () => {
  const page = await demo.browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // The 404 of the page itself is logged too.
    if (m.type() === "error" && !m.location().url.endsWith("/nope")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("response", (res) => {
    if (res.status() >= 400 && !res.url().endsWith("/nope")) problems.push(`${res.status()} ${res.url()}`);
  });
  const sockets: string[] = [];
  page.on("websocket", (ws) => void sockets.push(ws.url()));
  const res = await page.goto(demo.url("/nope"));
  expect(res?.status()).toBe(404);
  expect(await page.title()).toBe("Page not found");
  expect(await page.locator("main h1").innerText()).toBe("Page not found");
  expect(await page.locator("main code").innerText()).toBe("/nope");
  // The layout's navigation bar and styles are there.
  expect(await page.locator("header nav a.brand").innerText()).toBe("LiveTSX");
  expect(await page.locator("header.topbar").evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
  // The page's client connected with the page's CSRF token (a refused socket logs an error).
  await page.waitForFunction(() => (window as unknown as { liveSocket?: { socket: { isConnected: boolean } } }).liveSocket?.socket.isConnected === true, null, { timeout: 10_000 });
  expect(sockets.some((url) => url.includes("/live/websocket"))).toBe(true);
  await page.click("header a[href='/counter']");
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
  expect(page.url()).toBe(demo.url("/counter"));
  expect(problems).toEqual([]);
  await page.close();
});
