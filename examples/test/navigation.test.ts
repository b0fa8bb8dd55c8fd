/**
 * Live navigation in Chromium, on the posts demo: sorting, filtering and the open post are live
 * patches (the URL changes, handleParams runs, no page load), back and forward walk through them
 * and restore the scroll position, and `<Link navigate>` / `pushNavigate` mount another view on
 * the same WebSocket, flash included.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { openPage, refused, useDemo, type Frame } from "./browser.js";

const demo = useDemo({ beforeAll, afterAll });
const url = demo.url;

/** Opens `path` and waits for the join; `expectNoPageLoad` checks nothing was loaded in full since. */
async function open(path: string, before?: (page: Page) => Promise<void>) {
  const opened = await openPage(demo.browser, url(path), { viewport: { width: 1200, height: 800 }, before });
  const { page, loads, sockets } = opened;
  /** The same document, the same single WebSocket: nothing was loaded in full. */
  const expectNoPageLoad = async () => {
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(loads()).toBe(1);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.isClosed()).toBe(false);
  };
  return { ...opened, expectNoPageLoad };
}

const titles = (page: Page) => page.locator("#post-list .post-link").allInnerTexts();
const authors = (page: Page) => page.locator("#post-list .post-meta").evaluateAll((els) => els.map((el) => el.textContent!.split(" · ")[0]!));
const detail = (page: Page) => page.locator("#post-detail h2").allInnerTexts();
const byTitle = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));
const count = (sent: Frame[], event: string) => sent.filter((f) => f[3] === event).length;

/** Waits until the page is at `path` and `check` holds. */
async function settled(page: Page, path: string, check: () => Promise<boolean>): Promise<void> {
  await page.waitForURL(url(path), { timeout: 5000 });
  await expect.poll(check, { timeout: 5000, message: `the page at ${path} never showed the expected state` }).toBe(true);
}

describe("live patches on /posts", () => {
  test("sort links and the detail panel patch the URL without a page load; back and forward walk through them", async () => {
    const { page, errors, sent, received, expectNoPageLoad } = await open("/posts");
    const newest = await titles(page);
    expect(newest).toHaveLength(30);
    expect(await detail(page)).toEqual([]);

    await page.click("#sort-title");
    await settled(page, "/posts?sort=title", async () => (await titles(page))[0] !== newest[0]);
    const alphabetical = await titles(page);
    expect(alphabetical).toEqual(byTitle(newest));
    expect(alphabetical).not.toEqual(newest);
    expect(await page.getAttribute("#sort-title", "aria-current")).toBe("true");

    await page.click("#post-3 .post-link");
    await settled(page, "/posts?sort=title&id=3", async () => (await detail(page)).length === 1);
    expect(await detail(page)).toEqual(["A week with server-rendered forms"]);
    expect(await page.getAttribute("#post-3", "class")).toContain("selected");
    expect(await page.locator("#post-detail .post-body").innerText()).toContain("Post 3 of 30");

    await page.click("#sort-author");
    await settled(page, "/posts?sort=author&id=3", async () => (await titles(page)).join() !== alphabetical.join());
    const byAuthor = await authors(page);
    expect(byAuthor).toEqual([...byAuthor].sort((a, b) => a.localeCompare(b)));
    expect(await detail(page)).toEqual(["A week with server-rendered forms"]);

    // Back: the previous states, URL and DOM.
    await page.goBack();
    await settled(page, "/posts?sort=title&id=3", async () => (await titles(page)).join() === alphabetical.join());
    expect(await detail(page)).toEqual(["A week with server-rendered forms"]);
    expect(await page.getAttribute("#sort-title", "aria-current")).toBe("true");
    await page.goBack();
    await settled(page, "/posts?sort=title", async () => (await detail(page)).length === 0);
    expect(await titles(page)).toEqual(alphabetical);

    // Forward again.
    await page.goForward();
    await settled(page, "/posts?sort=title&id=3", async () => (await detail(page)).length === 1);
    await page.goForward();
    await settled(page, "/posts?sort=author&id=3", async () => (await titles(page)).join() !== alphabetical.join());
    expect(await authors(page)).toEqual(byAuthor);

    // Every step was a patch of the one joined view: three by link, four by the history buttons.
    await expectNoPageLoad();
    expect(count(sent, "phx_join")).toBe(1);
    expect(count(sent, "live_patch")).toBe(7);
    expect(errors).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });

  test("the author filter pushes a patch from the server; back undoes it", async () => {
    const { page, errors, sent, received, expectNoPageLoad } = await open("/posts?sort=title");
    const all = await titles(page);
    await page.selectOption("#filter-author", "Ada");
    await settled(page, "/posts?sort=title&author=Ada", async () => (await titles(page)).length < all.length);
    const ada = await authors(page);
    expect(ada.length).toBeGreaterThan(0);
    expect(new Set(ada)).toEqual(new Set(["Ada"]));
    expect(await titles(page)).toEqual(byTitle(await titles(page)));
    expect(await page.locator("#post-count").innerText()).toBe(`${ada.length} posts`);
    // The filter event's reply carried the patch: no live_patch request from the client.
    expect(count(sent, "live_patch")).toBe(0);

    await page.goBack();
    await settled(page, "/posts?sort=title", async () => (await titles(page)).length === all.length);
    expect(await titles(page)).toEqual(all);
    expect(await page.inputValue("#filter-author")).toBe("");
    await expectNoPageLoad();
    expect(errors).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });

  test("back restores the scroll position the list had before a detail was opened", async () => {
    const { page, errors, sent, received, expectNoPageLoad } = await open("/posts");
    await page.click("#sort-title");
    await settled(page, "/posts?sort=title", async () => (await page.getAttribute("#sort-title", "aria-current")) === "true");
    const room = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    expect(room).toBeGreaterThan(1500);
    await page.evaluate(() => window.scrollTo(0, 1500));
    await page.waitForFunction(() => scrollY === 1500);

    // A post in view, so that clicking it scrolls nothing.
    const id = await page.evaluate(() => {
      const link = [...document.querySelectorAll("#post-list .post-link")].find((a) => {
        const box = a.getBoundingClientRect();
        return box.top > 100 && box.bottom < innerHeight - 100;
      });
      return link!.closest("li")!.id;
    });
    await page.click(`#${id} .post-link`);
    await settled(page, `/posts?sort=title&id=${id.slice("post-".length)}`, async () => (await detail(page)).length === 1);
    // A patch keeps the page where it was.
    expect(await page.evaluate(() => scrollY)).toBe(1500);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => scrollY === 0);
    await page.goBack();
    await settled(page, "/posts?sort=title", async () => (await detail(page)).length === 0);
    await page.waitForFunction(() => Math.abs(scrollY - 1500) <= 2, null, { timeout: 3000 });
    await expectNoPageLoad();
    expect(errors).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });
});

describe("phx:before-navigate and phx:navigate", () => {
  test("the page can cancel a link's patch and the back button; phx:navigate says what happened", async () => {
    const { page, errors, sent, expectNoPageLoad } = await open("/posts");
    await page.evaluate(() => {
      const w = window as unknown as { before: unknown[]; after: unknown[]; prevent: boolean };
      Object.assign(w, { before: [], after: [], prevent: true });
      addEventListener("phx:before-navigate", (e) => {
        w.before.push((e as CustomEvent).detail);
        if (w.prevent) e.preventDefault();
      });
      addEventListener("phx:navigate", (e) => w.after.push((e as CustomEvent).detail));
    });
    const events = () => page.evaluate(() => {
      const w = window as unknown as { before: unknown[]; after: unknown[] };
      const out = { before: w.before, after: w.after };
      w.before = [];
      w.after = [];
      return out;
    });
    const prevent = (on: boolean) => page.evaluate((on) => ((window as unknown as { prevent: boolean }).prevent = on), on);
    const sorted = { href: url("/posts?sort=title"), patch: true, pop: false, direction: "forward" };

    // Cancelled: the URL stays and nothing goes to the server.
    await page.click("#sort-title");
    expect(await events()).toEqual({ before: [sorted], after: [] });
    expect(page.url()).toBe(url("/posts"));
    expect(count(sent, "live_patch")).toBe(0);

    await prevent(false);
    await page.click("#sort-title");
    await settled(page, "/posts?sort=title", async () => (await page.getAttribute("#sort-title", "aria-current")) === "true");
    expect(await events()).toEqual({ before: [sorted], after: [sorted] });

    // Back, cancelled: the browser returns to the entry it left.
    await prevent(true);
    const back = { href: url("/posts"), patch: true, pop: true, direction: "backward" };
    await page.goBack();
    await expect.poll(() => page.url(), { timeout: 5000 }).toBe(url("/posts?sort=title"));
    expect(await events()).toEqual({ before: [back], after: [] });
    expect(count(sent, "live_patch")).toBe(1);

    await prevent(false);
    await page.goBack();
    await settled(page, "/posts", async () => (await page.getAttribute("#sort-title", "aria-current")) !== "true");
    expect(await events()).toEqual({ before: [back], after: [back] });
    expect(count(sent, "live_patch")).toBe(2);
    await expectNoPageLoad();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("live navigation between views", () => {
  test("<Link navigate> and pushNavigate mount the next view on the same WebSocket; the flash goes along", async () => {
    const { page, errors, sent, received, expectNoPageLoad } = await open("/posts?sort=title");
    // The post opened by a patch: its history entry is a patch of the posts view.
    await page.click("#post-3 .post-link");
    await settled(page, "/posts?sort=title&id=3", async () => (await detail(page)).length === 1);
    expect(await detail(page)).toEqual(["A week with server-rendered forms"]);

    // <Link navigate>: another view, joined in the same container over the same socket.
    await page.click("#to-register");
    await page.waitForURL(url("/register"), { timeout: 5000 });
    await page.waitForSelector("#registration", { timeout: 5000 });
    await page.waitForSelector("[data-phx-main].phx-connected");
    expect(await page.title()).toBe("Register");
    expect(await page.locator(".flash").count()).toBe(0);
    const joins = sent.filter((f) => f[3] === "phx_join");
    expect(joins).toHaveLength(2);
    expect(joins[1]![4].redirect).toBe(url("/register"));
    expect(count(sent, "phx_leave")).toBe(1);
    await expectNoPageLoad();

    // Back: the posts view again (mounted anew: the entry was left by a navigation, so a patch
    // would reach the register view), with the state its URL says.
    await page.goBack();
    await page.waitForURL(url("/posts?sort=title&id=3"), { timeout: 5000 });
    await page.waitForSelector("#post-detail h2", { timeout: 5000 });
    await page.waitForSelector("[data-phx-main].phx-connected");
    expect(await detail(page)).toEqual(["A week with server-rendered forms"]);
    expect(await titles(page)).toEqual(byTitle(await titles(page)));
    await expectNoPageLoad();

    // pushNavigate from an event, with a flash put just before.
    await page.click("#comment");
    await page.waitForURL(url("/register"), { timeout: 5000 });
    await page.waitForSelector("#flash-info", { timeout: 5000 });
    expect(await page.locator("#flash-info p").innerText()).toBe("Create an account to comment on “A week with server-rendered forms”.");
    const last = sent.filter((f) => f[3] === "phx_join").at(-1)!;
    expect(typeof last[4].flash).toBe("string");
    await expectNoPageLoad();

    await page.click("#flash-info .flash-close");
    await page.waitForSelector("#flash-info", { state: "detached", timeout: 5000 });
    expect(count(sent, "phx_join")).toBe(4);
    await expectNoPageLoad();
    expect(errors).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });

  test("back into a patch entry while the view mounted by the previous back is still joining replaces it over the socket", async () => {
    // The server's join replies pass through here; while `holding`, they wait, so the page's
    // second back comes while the posts view mounted by the first has not joined.
    let holding = false;
    const held: string[] = [];
    let toPage: ((message: string) => void) | null = null;
    const { page, errors, sent, received, expectNoPageLoad } = await open("/posts?sort=title", (page) =>
      page.routeWebSocket(/\/live\/websocket/, (ws) => {
        const server = ws.connectToServer();
        toPage = (message) => ws.send(message);
        const joinRefs = new Set<string | null>();
        ws.onMessage((message) => {
          const [, ref, , event] = JSON.parse(String(message)) as Frame;
          if (event === "phx_join") joinRefs.add(ref);
          server.send(message);
        });
        server.onMessage((message) => {
          const [, ref, , event] = JSON.parse(String(message)) as Frame;
          if (holding && event === "phx_reply" && joinRefs.has(ref)) held.push(String(message));
          else ws.send(message);
        });
      }),
    );
    await page.click("#post-3 .post-link");
    await settled(page, "/posts?sort=title&id=3", async () => (await detail(page)).length === 1);
    await page.click("#to-register");
    await page.waitForURL(url("/register"), { timeout: 5000 });
    await page.waitForSelector("#registration", { timeout: 5000 });
    await page.waitForSelector("[data-phx-main].phx-connected");

    holding = true;
    // Back to the post: a navigation entry, so the posts view mounts; its join reply is held.
    await page.goBack();
    await page.waitForURL(url("/posts?sort=title&id=3"), { timeout: 5000 });
    await expect.poll(() => held.length, { timeout: 5000 }).toBe(1);
    // Back again, to the entry the post's patch left: the view on the page has not joined, so it
    // cannot be patched; it is left (its join still on the way) and the view mounts anew.
    await page.goBack();
    await page.waitForURL(url("/posts?sort=title"), { timeout: 5000 });
    await expect.poll(() => held.length, { timeout: 5000 }).toBe(2);
    holding = false;
    for (const message of held) toPage!(message);

    await settled(page, "/posts?sort=title", async () => (await detail(page)).length === 0 && (await titles(page)).length === 30);
    await page.waitForSelector("[data-phx-main].phx-connected");
    expect(await titles(page)).toEqual(byTitle(await titles(page)));
    await expectNoPageLoad();
    const joins = sent.filter((f) => f[3] === "phx_join");
    expect(joins.map((f) => new URL(String(f[4].redirect ?? f[4].url)).pathname + new URL(String(f[4].redirect ?? f[4].url)).search)).toEqual([
      "/posts?sort=title",
      "/register",
      "/posts?sort=title&id=3",
      "/posts?sort=title",
    ]);
    // Each view that left said so, the one still joining included (with its own join's ref).
    const leaves = sent.filter((f) => f[3] === "phx_leave");
    expect(leaves.map((f) => f[0])).toEqual([joins[0]![0], joins[1]![0], joins[2]![0]]);
    expect(errors).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });
});
