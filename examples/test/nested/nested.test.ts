/**
 * Nested live views in Chromium, with LiveTSX's client and with the official Phoenix LiveView
 * client: a child renders and updates on its own channel, a click inside it goes to it, its crash
 * leaves the parent working, a child the parent stops rendering leaves its channel, and a sticky
 * view keeps its instance (and its count) through live navigation.
 */
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { CLIENT_NAMES, useChromium, useDevApp } from "../dev-app.js";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

const chrome = useChromium();

describe.each(CLIENT_NAMES)("%s client", (client) => {
  const app = useDevApp(ROOT, client);
  const problems: string[] = [];
  afterAll(() => {
    expect(problems).toEqual([]);
  });

  /** The page, with every frame it sends over the socket, decoded, and a wait for one. */
  async function open(path: string): Promise<{ page: Page; sent: unknown[][]; sends: (match: (f: unknown[]) => boolean) => Promise<void> }> {
    const page = await chrome.browser.newPage();
    const sent: unknown[][] = [];
    const waiters: { match: (f: unknown[]) => boolean; resolve: () => void }[] = [];
    const sends = (match: (f: unknown[]) => boolean) =>
      sent.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve }));
    page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    page.on("websocket", (ws) => {
      if (!ws.url().includes("/live/websocket")) return;
      ws.on("framesent", (f) => {
        if (typeof f.payload !== "string") return;
        const frame = JSON.parse(f.payload) as unknown[];
        sent.push(frame);
        for (const w of waiters.splice(0)) if (w.match(frame)) w.resolve();
        else waiters.push(w);
      });
    });
    await page.goto(app.base + path);
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    return { page, sent, sends };
  }

  const text = (page: Page, selector: string) => page.textContent(selector).then((t) => t?.replace(/\s+/g, " ").trim());
  const until = (page: Page, selector: string, expected: string) =>
    page.waitForFunction(([s, e]) => document.querySelector(s!)?.textContent?.replace(/\s+/g, " ").trim() === e, [selector, expected], { timeout: 10_000 });
  const joins = (sent: unknown[][], topic: string) => sent.filter((f) => f[2] === topic && f[3] === "phx_join").length;

  test("a child renders and updates on its own channel; clicks go to the view they are in", async () => {
    const { page, sent } = await open("/first");
    await page.waitForSelector("#child.phx-connected", { timeout: 10_000 });
    expect(await page.getAttribute("#child", "class")).toContain("nested");
    await page.click("#child .inc");
    await until(page, "#child .count", "child 1");
    expect(await text(page, "#parent")).toBe("first 0");
    await page.click("#parent-inc");
    await until(page, "#parent", "first 1");
    expect(await text(page, "#child .count")).toBe("child 1");
    const events = sent.filter((f) => f[3] === "event").map((f) => [f[2], (f[4] as { event: string }).event]);
    expect(events).toEqual([
      ["lv:child", "inc"],
      [expect.stringMatching(/^lv:phx-/), "inc"],
    ]);
    await page.close();
  });

  test("a window key binding inside a nested view goes to that view alone", async () => {
    const { page, sent } = await open("/first");
    await page.waitForSelector("#child.phx-connected", { timeout: 10_000 });
    await page.waitForSelector("#pinned.phx-connected", { timeout: 10_000 });
    await page.keyboard.press("k");
    await until(page, "#child .count", "child 10");
    await until(page, "#pinned .count", "pinned 10");
    const events = sent.filter((f) => f[3] === "event").map((f) => [f[2], (f[4] as { event: string }).event]);
    expect(events.sort()).toEqual([
      ["lv:child", "key"],
      ["lv:pinned", "key"],
    ]);
    expect(await text(page, "#parent")).toBe("first 0");
    await page.close();
  });

  test("a crash of the child leaves the parent working; the child rejoins afresh", async () => {
    const { page, sent } = await open("/first");
    await page.waitForSelector("#child.phx-connected", { timeout: 10_000 });
    await page.click("#child .inc");
    await until(page, "#child .count", "child 1");
    await page.click("#child .boom");
    await page.waitForSelector("#child.phx-error", { timeout: 10_000 });
    await page.click("#parent-inc");
    await until(page, "#parent", "first 1");
    expect(await page.getAttribute("[data-phx-main]", "class")).toContain("phx-connected");
    await page.waitForSelector("#child.phx-connected", { timeout: 15_000 });
    await until(page, "#child .count", "child 0");
    expect(joins(sent, "lv:child")).toBe(2);
    await page.close();
  });

  test("a child the parent no longer renders leaves its channel; one it renders again joins", async () => {
    const { page, sends } = await open("/first");
    await page.waitForSelector("#child.phx-connected", { timeout: 10_000 });
    const left = sends((f) => f[2] === "lv:child" && f[3] === "phx_leave");
    await page.click("#remove");
    await page.waitForSelector("#child", { state: "detached", timeout: 10_000 });
    await left;
    // The parent and the sticky view go on.
    await page.click("#parent-inc");
    await until(page, "#parent", "first 1");
    await page.click("#pinned .inc");
    await until(page, "#pinned .count", "pinned 1");
    // Rendered again by an event, without the HTTP render's static token: it joins afresh.
    await page.click("#restore");
    await page.waitForSelector("#child.phx-connected", { timeout: 10_000 });
    await page.click("#child .inc");
    await until(page, "#child .count", "child 1");
    await page.close();
  });

  test("a sticky view keeps its instance and state through live navigation", async () => {
    const { page, sent } = await open("/first");
    await page.waitForSelector("#pinned.phx-connected", { timeout: 10_000 });
    await page.click("#pinned .inc");
    await page.click("#pinned .inc");
    await until(page, "#pinned .count", "pinned 2");
    await page.click("#to-second");
    await page.waitForSelector("#second", { timeout: 10_000 });
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
    expect(await text(page, "#pinned .count")).toBe("pinned 2");
    await page.click("#pinned .inc");
    await until(page, "#pinned .count", "pinned 3");
    await page.click("#to-first");
    await page.waitForSelector("#parent", { timeout: 10_000 });
    await page.waitForSelector("#child.phx-connected", { timeout: 10_000 });
    await page.click("#pinned .inc");
    await until(page, "#pinned .count", "pinned 4");
    // One join of the sticky view in all: the same instance throughout.
    expect(joins(sent, "lv:pinned")).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/first");
    await page.close();
  });
});
