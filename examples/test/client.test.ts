/**
 * The browser client's bindings and DOM patching, in Chromium against a real server: each
 * interaction is checked against what the server says it received.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { livetsx } from "@livetsx/vite";
import { freePort, installClock, launchBrowser, pauseClock } from "./browser.js";
import { APP_BUILD, PRODUCTION, startProductionServer } from "./production.js";

const root = fileURLToPath(new URL("./app", import.meta.url));
// The dev server, or in the e2e-production project the app's production build.
let server: { close(): Promise<void> };
let base: string;
let chrome: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

async function startDev(): Promise<ViteDevServer> {
  const dev = await createServer({
    root,
    configFile: false,
    logLevel: "silent",
    plugins: [livetsx({ routes: "routes.ts" })],
    server: { port: 0, host: "127.0.0.1" },
  });
  await dev.listen();
  base = dev.resolvedUrls!.local[0]!;
  return dev;
}

beforeAll(async () => {
  if (PRODUCTION) {
    const port = await freePort();
    server = await startProductionServer(APP_BUILD, port);
    base = `http://127.0.0.1:${port}/`;
  } else server = await startDev();
  chrome = await launchBrowser();
  browser = chrome.browser;
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await server?.close();
});

async function open(path = "/", options: { clock?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage();
  if (options.clock) await installClock(page);
  await page.goto(new URL(path, base).href);
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
  return page;
}

/** The events the server logged, once at least `n` arrived. */
async function logged(page: Page, n: number): Promise<[string, Record<string, unknown>][]> {
  await page.waitForFunction((count) => JSON.parse(document.querySelector("#log")!.textContent!).length >= count, n, { timeout: 5000 });
  return JSON.parse((await page.textContent("#log"))!);
}

describe("bindings", () => {
  test("phx-click sends its phx-value-* attributes and the element's value", async () => {
    const page = await open();
    await page.click("#click");
    expect(await logged(page, 1)).toEqual([["clicked", { id: "7", kind: "x", value: "" }]]);
    await page.close();
  });

  test("a checkbox's phx-click sends its value only while checked, as Phoenix", async () => {
    const page = await open();
    await page.click("#check");
    await logged(page, 1);
    await page.click("#check");
    expect(await logged(page, 2)).toEqual([["clicked", { value: "yes" }], ["clicked", {}]]);
    await page.close();
  });

  test("phx-change sends the form with _target (decoded into nested params); phx-submit includes the submitter", async () => {
    const page = await open();
    await page.fill("#name", "ada");
    const [change] = (await logged(page, 1)).filter(([e]) => e === "changed");
    expect(change![1]).toEqual({ user: { name: "ada" }, color: "red", draft: "", _target: ["user", "name"] });
    await page.selectOption("#color", "blue");
    await page.waitForFunction(() => document.querySelector("#log")!.textContent!.includes('"_target":["color"]'));
    await page.click("#send");
    const submit = (await logged(page, 3)).find(([e]) => e === "submitted")!;
    expect(submit[1]).toEqual({ user: { name: "ada" }, color: "blue", draft: "", action: "send" });
    await page.close();
  });

  test("phx-keydown with phx-key only sends the named key; phx-window-keyup listens everywhere", async () => {
    const page = await open();
    await page.focus("#key");
    await page.keyboard.type("ab");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    const log = await logged(page, 2);
    expect(log.filter(([e]) => e === "key")).toEqual([["key", { key: "Enter", value: "ab" }]]);
    expect(log.filter(([e]) => e === "winkey")).toEqual([["winkey", { key: "Escape" }]]);
    await page.close();
  });

  test("phx-focus and phx-blur", async () => {
    const page = await open();
    await page.focus("#focus");
    await page.focus("#key");
    const log = await logged(page, 2);
    expect(log.map(([e]) => e)).toEqual(["focused", "blurred"]);
    expect(log[0]![1]).toEqual({ where: "focus", value: "" });
    await page.close();
  });

  test("phx-throttle sends the first of a period and drops the rest; phx-debounce=blur waits for blur", async () => {
    const page = await open("/", { clock: true });
    /**
     * What the server logged once every event sent before now has arrived: #bump is neither
     * throttled nor debounced, and the view handles a connection's events in order, so its
     * count shows only after everything sent before it was logged. Clicked from the page, so
     * the focus stays where it is (a blur sends what a rate limit holds).
     */
    let bumps = 0;
    const loggedNow = async (name: string) => {
      await page.evaluate(() => document.querySelector<HTMLButtonElement>("#bump")!.click());
      await page.waitForFunction((n) => document.querySelector("#count")!.textContent === String(n), ++bumps, { timeout: 5000 });
      return (await logged(page, 0)).filter(([e]) => e === name);
    };
    // The page's time stands still: five clicks in the same instant, however long they take.
    await pauseClock(page);
    for (let i = 0; i < 5; i++) await page.click("#throttled");
    expect(await loggedNow("throttled")).toHaveLength(1);
    // As Phoenix: the clicks of the 400 ms period were dropped, none goes out when it ends.
    await page.clock.runFor(5000);
    expect(await loggedNow("throttled")).toHaveLength(1);
    // The first click after the period goes at once.
    await page.click("#throttled");
    expect(await loggedNow("throttled")).toHaveLength(2);

    await page.fill("#lazy", "abc");
    await page.clock.runFor(5000);
    expect(await loggedNow("lazy")).toEqual([]);
    await page.focus("#key");
    expect(await loggedNow("lazy")).toEqual([["lazy", { lazy: "abc", _target: ["lazy"] }]]);
    await page.close();
  });

  test("an element wears its loading class until the reply arrives", async () => {
    const page = await open();
    // Read in the task of the click: the reply cannot have arrived yet, however slow the machine.
    const during = await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>("#slow")!;
      button.click();
      return button.className;
    });
    expect(during).toContain("phx-click-loading");
    await logged(page, 1);
    await page.waitForFunction(() => !document.querySelector("#slow")!.classList.contains("phx-click-loading"));
    await page.close();
  });

  test("pushed events arrive as phx:<name> window events", async () => {
    const page = await open();
    const detail = page.evaluate(() => new Promise((resolve) => window.addEventListener("phx:hello", (e) => resolve((e as CustomEvent).detail), { once: true })));
    await page.click("#push");
    expect(await detail).toEqual({ n: 1 });
    await page.close();
  });
});

describe("patching", () => {
  test("phx-update=ignore is left alone; untouched elements are the same nodes", async () => {
    const page = await open();
    await page.evaluate(() => {
      document.querySelector("#ignored span")!.textContent = "mine";
      (document.querySelector("#still p") as HTMLElement & { marker?: number }).marker = 42;
    });
    await page.click("#bump");
    await page.waitForFunction(() => document.querySelector("#count")!.textContent === "1");
    expect(await page.textContent("#ignored span")).toBe("mine");
    expect(await page.evaluate(() => (document.querySelector("#still p") as HTMLElement & { marker?: number }).marker)).toBe(42);
    await page.close();
  });

  test("the focused input keeps what the user typed; a submitted form takes the server's values", async () => {
    const page = await open();
    await page.click("#echo");
    await page.keyboard.type("abc", { delay: 20 });
    // The third reply (the log and the upper-cased value in one patch) has been applied.
    await logged(page, 3);
    expect(await page.inputValue("#echo")).toBe("abc");
    await page.click("#draft");
    await page.keyboard.type("hello", { delay: 10 });
    await page.waitForFunction(() => document.querySelector("#draft")!.getAttribute("value") === "hello");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (document.querySelector("#draft") as HTMLInputElement).value === "");
    await page.close();
  });
});

describe("navigation guard", () => {
  test("a redirect loop is stopped with a clear error", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    // The guard counts navigations within five seconds of the page's time: stopped, that time
    // makes the count the same however slow the machine is.
    await installClock(page);
    await pauseClock(page);
    await page.goto(`${base}loop`);
    await expect.poll(() => errors.find((e) => e.includes("redirect loop stopped")), { timeout: 10_000 }).toBeTruthy();
    // Ten navigations went through, the eleventh was stopped. The URL moves once a view has
    // joined (as Phoenix's client); every join here was answered with the next redirect.
    expect(errors.find((e) => e.includes("redirect loop stopped"))).toMatch(/11 navigations/);
    expect(await page.evaluate(() => location.search)).toBe("");
    // Every timer the page holds fires (a retry would be one; the heartbeat's 30 s are not
    // reached); the server sends nothing unasked.
    await page.clock.runFor(20_000);
    expect(await page.evaluate(() => location.search)).toBe("");
    expect(errors.filter((e) => e.includes("redirect loop stopped"))).toHaveLength(1);
    expect(errors.find((e) => e.includes("redirect loop stopped"))).toMatch(/\/loop/);
    await page.close();
  });
});

describe("forms", () => {
  test("phx-trigger-action submits the form for real once the server says so, with the submitter pressed", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}login`);
    await page.waitForSelector("[data-phx-main].phx-connected");
    await page.fill("#email", "ada@example.com");
    const post = page.waitForRequest((req) => req.method() === "POST" && req.url().endsWith("/session"), { timeout: 20_000 });
    await page.click("#go");
    expect((await post).postData()).toBe("email=ada%40example.com&via=go");
    await page.close();
  });

  test("after a reconnect forms are recovered: phx-change, a custom event, or not at all", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}login`);
    await page.waitForSelector("[data-phx-main].phx-connected");
    await page.evaluate(() => (window as unknown as { liveSocket: { disconnect(): void } }).liveSocket.disconnect());
    await page.fill("#email", "typed@offline");
    await page.fill("#note", "kept note");
    await page.fill("#other", "lost");
    await page.evaluate(() => (window as unknown as { liveSocket: { connect(): void } }).liveSocket.connect());
    await page.waitForFunction(() => document.querySelector("#recovered")!.textContent!.includes("restore:"), null, { timeout: 20_000 });
    expect((await page.textContent("#recovered"))!.split("|").sort()).toEqual(["restore:kept note", "typing:typed@offline"]);
    expect(await page.inputValue("#email")).toBe("typed@offline");
    expect(await page.inputValue("#note")).toBe("kept note");
    await page.close();
  });
});

describe("row patching", () => {
  /** A mark the server's HTML does not have: a patch of the whole view removes it. */
  const markRow = (page: Page, id: number) => page.evaluate((n) => document.querySelector(`#row-${n}`)!.setAttribute("data-mine", "1"), id);
  const marked = (page: Page, id: number) => page.evaluate((n) => document.querySelector(`#row-${n}`)!.hasAttribute("data-mine"), id);

  const openRows = () => open("/rows");

  test("a change inside one row patches that row alone; a change outside the rows leaves them as they are", async () => {
    const page = await openRows();
    await markRow(page, 49);
    await markRow(page, 50);
    await page.click("[name=note-50]");
    await page.keyboard.type(" edited");
    await page.click("#rename");
    await page.waitForFunction(() => document.querySelector("#row-50 .label")!.textContent === "renamed");
    // Row 49 was not touched; row 50 was morphed to the server's HTML, its input value included.
    expect(await marked(page, 49)).toBe(true);
    expect(await marked(page, 50)).toBe(false);
    expect(await page.inputValue("[name=note-50]")).toBe("renamed");
    // The ignored container's copy of the list stays as the first render left it.
    expect(await page.textContent("#frozen ul")).toBe("row 1row 2row 3");
    // A change outside the rows patches the element around it alone.
    await page.click("#bump");
    await page.waitForFunction(() => document.querySelector("#count")!.textContent === "1");
    expect(await marked(page, 49)).toBe(true);
    // A change to the view's root element renders the whole view, what did not change as stubs.
    await page.click("#restyle");
    await page.waitForFunction(() => document.querySelector("[data-phx-main] > div")!.className === "fancy");
    expect(await marked(page, 49)).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll("#rows tr").length)).toBe(200);
    expect(await page.textContent("#row-50 .label")).toBe("renamed");
    expect(await page.evaluate(() => document.querySelectorAll("[data-phx-skip]").length)).toBe(0);
    await page.close();
  });

  test("an element the page lost is rendered again in full when the view's patch has a stub for it", async () => {
    const page = await openRows();
    await page.evaluate(() => document.querySelector("#count")!.remove());
    await page.click("#restyle");
    await page.waitForFunction(() => document.querySelector("[data-phx-main] > div")!.className === "fancy");
    expect(await page.evaluate(() => document.querySelector("#count")?.outerHTML.replaceAll(/ data-phx-id="[^"]*"/g, ""))).toBe('<p id="count">0</p>');
    expect(await page.evaluate(() => document.querySelectorAll("[data-phx-skip]").length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("#rows tr").length)).toBe(200);
    await page.close();
  });

  test("the focused input of a patched row keeps what the user is typing", async () => {
    const page = await openRows();
    await page.focus("[name=note-50]");
    await page.keyboard.press("End");
    await page.keyboard.type(" typing");
    // A click that leaves the focus where it is.
    await page.evaluate(() => (document.querySelector("#rename") as HTMLElement).click());
    await page.waitForFunction(() => document.querySelector("#row-50 .label")!.textContent === "renamed");
    expect(await page.inputValue("[name=note-50]")).toBe("row 50 typing");
    await page.close();
  });

  test("moved rows are moved, and later row patches find them where they are", async () => {
    const page = await openRows();
    await page.click("#swap");
    await page.waitForFunction(() => document.querySelector("#rows tr")!.id === "row-2");
    await page.click("#rename");
    await page.waitForFunction(() => document.querySelector("#row-50 .label")!.textContent === "renamed");
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll("#rows tr"), (tr) => tr.id).slice(0, 3));
    expect(ids).toEqual(["row-2", "row-1", "row-3"]);
    const html = await page.evaluate(() => document.querySelector("#rows")!.innerHTML.replaceAll(/ data-phx-id="[^"]*"/g, ""));
    expect(html).toContain('<tr id="row-50"><td class="label">renamed</td>');
    await page.close();
  });
});
