/**
 * The whole loop in a real browser: the demo app on the Vite dev server, Chromium clicking and
 * typing, and the WebSocket frames read to check that only what changed travels.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { openPage, pauseClock, sentInPage, useDemo, type Frame } from "./browser.js";

const demo = useDemo({ beforeAll, afterAll });
const url = demo.url;

const open = (path: string, options: { noViteClient?: boolean; clock?: boolean } = {}) => openPage(demo.browser, url(path), options);

/** The diff in the reply to the last event named `event` that the page sent. */
function replyTo(frames: { sent: Frame[]; received: Frame[] }, event: string): Record<string, unknown> {
  const request = frames.sent.filter((f) => f[3] === "event" && f[4].event === event).at(-1)!;
  const reply = frames.received.find((f) => f[1] === request[1] && f[3] === "phx_reply")!;
  return reply[4].response.diff;
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe("demo pages in Chromium", () => {
  test("counter: clicks change the count and the title", async () => {
    const { page, errors } = await open("/counter");
    for (let i = 0; i < 3; i++) await page.click("button[phx-click=inc]");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3");
    await page.click("button[phx-click=dec]");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "2");
    expect(await page.title()).toBe("Count: 2");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("They Live: the toggle reveals the aliens and only their entries travel", async () => {
    const frames = await open("/sunglasses");
    const { page } = frames;
    const faces = () => page.locator("li").evaluateAll((lis) => lis.map((li) => li.textContent?.includes("👽") ?? false));
    const before = await faces();
    expect(before.every((alien) => !alien)).toBe(true);
    await page.click("[phx-click=toggle]");
    await page.waitForFunction(() => document.body.textContent?.includes("👽"));
    const after = await faces();
    const aliens = after.flatMap((alien, i) => (alien ? [i] : []));
    expect(aliens.length).toBeGreaterThan(0);
    const diff = replyTo(frames, "toggle");
    const list = Object.values(diff).find((v) => typeof v === "object" && v !== null && "k" in v) as { k: Record<string, unknown> };
    const entries = Object.keys(list.k).filter((k) => /^\d+$/.test(k)).map(Number);
    expect(entries).toEqual(aliens);
    await page.close();
  });

  test("search: a burst of keystrokes sends one event (phx-debounce)", async () => {
    const { page } = await open("/search", { clock: true });
    await page.click("input[name=q]");
    // The page's time stands still while the keys are typed, however long that takes.
    await pauseClock(page);
    await page.keyboard.type("land", { delay: 40 });
    await page.clock.runFor(299);
    expect(await sentInPage(page, "search")).toEqual([]);
    await page.clock.runFor(1);
    const searches = await sentInPage(page, "search");
    expect(searches).toHaveLength(1);
    expect(searches[0]![4].value).toBe("q=land");
    await page.waitForFunction(() => document.querySelector("#searches")?.textContent === "1", null, { timeout: 5000 });
    // Nothing else was waiting.
    await page.clock.runFor(5000);
    expect(await sentInPage(page, "search")).toHaveLength(1);
    expect(await text(page, "#searches")).toBe("1");
    expect(await page.inputValue("input[name=q]")).toBe("land");
    expect(await page.locator("mark").count()).toBeGreaterThan(3);
    await page.close();
  });

  test("chat: two pages see each other's messages; the sender's input clears", async () => {
    const alice = await open("/chat?name=alice");
    const bob = await open("/chat?name=bob");
    await alice.page.click("input[name=text]");
    await alice.page.keyboard.type("hello bob", { delay: 10 });
    await alice.page.keyboard.press("Enter");
    await bob.page.waitForFunction(() => document.body.textContent?.includes("hello bob"), null, { timeout: 5000 });
    await alice.page.waitForFunction(() => (document.querySelector("input[name=text]") as HTMLInputElement).value === "");
    await bob.page.click("input[name=text]");
    await bob.page.keyboard.type("hi alice", { delay: 10 });
    await bob.page.keyboard.press("Enter");
    await alice.page.waitForFunction(() => document.body.textContent?.includes("hi alice"), null, { timeout: 5000 });
    expect(alice.errors.concat(bob.errors)).toEqual([]);
    await alice.page.close();
    await bob.page.close();
  });

  test("the page keeps working after the server restarts: reconnect and rejoin", async () => {
    const { page, sent } = await open("/counter", { noViteClient: true });
    const container = await page.getAttribute("[data-phx-main]", "id");
    await page.click("button[phx-click=inc]");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "1");
    await demo.stop();
    await page.waitForSelector("[data-phx-main].phx-error", { timeout: 10_000 });
    await demo.start();
    // A fresh mount on the new server: the count starts again from 0.
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "0");
    // The same page rejoined (no reload): same container, a second join with `_mounts: 1`.
    expect(await page.getAttribute("[data-phx-main]", "id")).toBe(container);
    const joins = sent.filter((m) => m[3] === "phx_join");
    expect(joins.map((m) => m[4].params._mounts)).toEqual([0, 1]);
    await page.click("button[phx-click=inc]");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "1");
    await page.close();
  }, 40_000);
});
