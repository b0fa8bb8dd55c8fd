/**
 * The demo's dashboard (assignAsync), feed (phx-viewport-bottom over a stream), stats (a hook
 * in the view's module drawing the reply to its pushEvent) and progress bar (topbar on page
 * loads), each with LiveTSX's client and with the official one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { KINDS, useSides } from "./harness.js";

/** The feed's page size and length (see src/views/feed.tsx). */
const PAGE = 20;
const TOTAL = 100;

const sides = useSides({ beforeAll, afterEach, afterAll });

const textOf = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s!)?.textContent?.replace(/\s+/g, " ").trim() === t, [selector, text], { timeout: 10_000 });

/** The stats view's figures (see stats.tsx): one bar per day or month. */
function figures(range: "week" | "month"): number[] {
  const n = range === "week" ? 7 : 12;
  return Array.from({ length: n }, (_, i) => (((i + 3) * (range === "week" ? 37 : 53)) % 97) + 10);
}

for (const kind of KINDS) {
  describe(`the demo pages with the ${kind} client`, () => {
    test("dashboard: the panels load one by one, one fails, and retry loads it", async () => {
      const page = await sides[kind].open("demo", "/dashboard");
      await textOf(page, "#visitors .figure", "1,284");
      await textOf(page, "#revenue .figure", "48,210 EUR");
      await textOf(page, "#errors .failed p", "Could not load: the error tracker did not answer");
      expect(await page.textContent("#errors .attempts")).toBe("attempts: 1");
      await page.click("#retry");
      await textOf(page, "#errors .attempts", "attempts: 2");
      await page.waitForFunction(() => document.querySelectorAll("#errors ul.errors li").length === 2, null, { timeout: 10_000 });
      expect(await page.locator("#errors ul.errors li").allTextContents()).toEqual(["TypeError in checkout.ts:41", "Timeout calling the payment API"]);
      expect(await page.locator("#retry").count()).toBe(0);
      await sides[kind].closeAndCheck();
    });

    test("feed: the next page arrives each time the last post scrolls into view, until the end", async () => {
      // Every load-more the client sends, with the id of the post it saw at the bottom.
      const asked: string[] = [];
      const page = await sides[kind].open("demo", "/feed", (p) =>
        p.on("websocket", (ws) =>
          ws.on("framesent", (f) => {
            if (typeof f.payload !== "string") return;
            const [, , , event, payload] = JSON.parse(f.payload) as [unknown, unknown, string, string, { event?: string; value?: { id?: string } }];
            if (event === "event" && payload.event === "load-more") asked.push(String(payload.value?.id));
          }),
        ),
      );
      const count = () => page.locator("#posts > li").count();
      expect(await count()).toBe(PAGE);
      for (let loaded = PAGE; loaded < TOTAL; loaded += PAGE) {
        const lastId = await page.evaluate(() => {
          const last = document.querySelector("#posts > li:last-child")!;
          last.scrollIntoView({ block: "end" });
          return last.id;
        });
        // Generous: a bound for a failing run, not a time the page needs (a round trip under CI's load).
        await page
          .waitForFunction((n) => document.querySelectorAll("#posts > li").length >= n, loaded + PAGE, { timeout: 15_000 })
          .catch(async (e: Error) => {
            const state = await page.evaluate(() => ({ posts: document.querySelectorAll("#posts > li").length, scrollY, innerHeight, height: document.documentElement.scrollHeight }));
            throw new Error(`no page after scrolling ${lastId} into view: ${JSON.stringify(state)}, load-more sent for [${asked.join(", ")}] (${e.message})`);
          });
        await textOf(page, "#loaded", String(loaded + PAGE));
        // One page per scroll, asked for by the post that was last.
        expect(await count()).toBe(loaded + PAGE);
        expect(asked).toEqual(Array.from({ length: loaded / PAGE }, (_, i) => `posts-${TOTAL - (i + 1) * PAGE + 1}`));
      }
      await page.waitForSelector("#the-end");
      expect(await page.getAttribute("#posts", "phx-viewport-bottom")).toBeNull();
      // Newest first, each post once.
      const ids = await page.locator("#posts > li").evaluateAll((lis) => lis.map((li) => li.id));
      expect(ids).toEqual(Array.from({ length: TOTAL }, (_, i) => `posts-${TOTAL - i}`));
      expect(asked).toHaveLength(TOTAL / PAGE - 1);
      await sides[kind].closeAndCheck();
    }, 120_000);

    test("stats: the view module's hook draws the reply to its pushEvent, and asks again for another range", async () => {
      const page = await sides[kind].open("demo", "/stats");
      expect(await page.getAttribute("#chart", "phx-hook")).toBe("src/views/stats.tsx#Chart");
      const bars = () => page.locator("#chart rect.bar").evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-value"))));
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      await textOf(page, "#chart .caption", `week: 7 bars, ${sum(figures("week"))} in all`);
      expect(await bars()).toEqual(figures("week"));
      await textOf(page, "#asked", "1");
      await page.click("#chart button[data-range=month]");
      await textOf(page, "#chart .caption", `month: 12 bars, ${sum(figures("month"))} in all`);
      expect(await bars()).toEqual(figures("month"));
      await textOf(page, "#asked", "2");
      await sides[kind].closeAndCheck();
    });

    test("the progress bar shows while a live navigation waits for the server, and goes once it lands", async () => {
      const page = await sides[kind].context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      // The server's frames are held while `holding`, so the navigation waits as long as the test says.
      let holding = false;
      const held: (string | Buffer)[] = [];
      let toPage: ((message: string | Buffer) => void) | null = null;
      await page.routeWebSocket(/\/live\/websocket/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((message) => server.send(message));
        toPage = (message) => ws.send(message);
        server.onMessage((message) => (holding ? held.push(message) : ws.send(message)));
      });
      await page.addInitScript(() => {
        const seen: string[] = ((window as unknown as { pageLoading: string[] }).pageLoading = []);
        for (const name of ["phx:page-loading-start", "phx:page-loading-stop"]) {
          window.addEventListener(name, (e) => seen.push(`${name.slice(17)} ${(e as CustomEvent<{ kind: string }>).detail.kind}`));
        }
      });
      await page.goto(`${sides[kind].bases.demo}/posts`);
      await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
      const seen = () => page.evaluate(() => (window as unknown as { pageLoading: string[] }).pageLoading.slice());
      await expect.poll(seen, { timeout: 10_000 }).toEqual(["start initial", "stop initial"]);
      holding = true;
      await page.click("#to-register");
      // The official client also announces the new view's join ("initial") inside the navigation.
      await expect.poll(async () => (await seen()).slice(2)[0], { timeout: 10_000 }).toBe("start redirect");
      // Shown after its 200 ms delay, as long as the server has not answered.
      await page.waitForFunction(() => {
        const bar = document.querySelector<HTMLCanvasElement>("canvas.page-progress");
        return bar !== null && !bar.hidden;
      }, null, { timeout: 10_000 });
      expect((await seen()).filter((e) => e.startsWith("stop")).length).toBe(1);
      holding = false;
      for (const message of held.splice(0)) toPage!(message);
      await page.waitForSelector("form[phx-submit]", { timeout: 10_000 });
      // Every load that started has stopped, and the bar is gone.
      const unbalanced = async () => {
        const events = await seen();
        const count = (e: string) => events.filter((x) => x === e).length;
        return events.filter((e) => e.startsWith("start") && count(e) !== count(e.replace("start", "stop")));
      };
      await expect.poll(unbalanced, { timeout: 10_000 }).toEqual([]);
      expect(await seen()).toContain("stop redirect");
      await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>("canvas.page-progress")?.hidden === true, null, { timeout: 10_000 });
      expect(problems).toEqual([]);
      await page.close();
    });
  });
}
