/**
 * The bindings in Chromium, with LiveTSX's client and with the official Phoenix LiveView client:
 * phx-click-away, phx-mounted, phx-remove (on live navigation too), phx-viewport-bottom,
 * phx-disable-with on a button and a form, a bare phx-debounce, phx-window-keydown/keyup with
 * phx-key, the error classes, phx-connected/phx-disconnected, the phx:page-loading-* events, the
 * focus stack across a live navigation, the built-in Phoenix.FocusWrap hook, enableDebug and the
 * latency simulation. Each test proves the behaviour from what the server logged or what the
 * page recorded inside itself.
 */
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { installClock, pauseClock } from "../browser.js";
import { CLIENT_NAMES, useChromium, useDevApp } from "../dev-app.js";

const ROOT = fileURLToPath(new URL(".", import.meta.url));
/** The view's `save` gates: the dev server runs the view in this process, on the same globalThis. */
const gates = ((globalThis as { bindingGates?: (() => void)[] }).bindingGates ??= []);

type Entry = [string, Record<string, unknown>];

const chrome = useChromium();

/**
 * Installed before the page's scripts: every phx:page-loading-* event as [phase, kind, where]
 * (the path of `to`, or the id of `target`) in `window.loadings`, every class list the main
 * container wears in `window.classes`, and a switch, `window.blockSockets`, that sends new
 * LiveView WebSockets to a closed port while on (`window.sockets` holds them; Vite's own is
 * left alone, as it reloads the page when its connection drops).
 */
function recorders(): void {
  const w = window as unknown as { loadings: string[][]; classes: string[]; sockets: WebSocket[]; blockSockets: boolean };
  w.loadings = [];
  w.classes = [];
  w.sockets = [];
  w.blockSockets = false;
  for (const phase of ["start", "stop"]) {
    window.addEventListener(`phx:page-loading-${phase}`, (e) => {
      const { kind, to, target } = (e as CustomEvent).detail as { kind: string; to?: string; target?: Element };
      w.loadings.push([phase, kind, to ? new URL(to, location.href).pathname + new URL(to, location.href).search : String(target?.id)]);
    });
  }
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const live = String(url).includes("/live/websocket");
      super(live && w.blockSockets ? "ws://127.0.0.1:9/" : url, protocols);
      if (live) w.sockets.push(this);
    }
  };
  const watch = () => {
    const main = document.querySelector("[data-phx-main]");
    if (!main) return void requestAnimationFrame(watch);
    w.classes.push(main.className);
    new MutationObserver(() => w.classes.push(main.className)).observe(main, { attributes: true, attributeFilter: ["class"] });
  };
  document.addEventListener("DOMContentLoaded", watch);
}

describe.each(CLIENT_NAMES)("%s client", (client) => {
  const app = useDevApp(ROOT, client);
  const problems: string[] = [];
  afterAll(() => {
    expect(problems).toEqual([]);
  });

  async function open(path: string, options: { clock?: boolean } = {}): Promise<Page> {
    const page = await chrome.browser.newPage();
    page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    if (options.clock) await installClock(page);
    await page.addInitScript(recorders);
    await page.goto(app.base + path);
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    const version = await page.evaluate(() => (window as { liveSocket?: { version?: () => string } }).liveSocket?.version?.());
    if (client === "official") expect(version).toMatch(/^1\.2\./);
    else expect(version).toBeUndefined();
    return page;
  }

  const log = async (page: Page): Promise<Entry[]> => JSON.parse((await page.textContent("#log"))!);
  /** The log once it has `n` entries. */
  const logOf = async (page: Page, n: number): Promise<Entry[]> => {
    await page.waitForFunction((count) => JSON.parse(document.querySelector("#log")!.textContent!).length >= count, n, { timeout: 10_000 });
    return log(page);
  };
  const named = (entries: Entry[], name: string) => entries.filter(([e]) => e === name);

  test("phx-click-away sends its event for clicks outside the element only", async () => {
    const page = await open("/bindings");
    const before = (await logOf(page, 1)).length;
    await page.click("#inside");
    await page.click("#ping");
    const afterInside = await logOf(page, before + 1);
    expect(afterInside.slice(before)).toEqual([["ping", { value: "" }]]);
    await page.click("#outside");
    const afterOutside = await logOf(page, before + 2);
    expect(afterOutside.slice(before + 1)).toEqual([["away", { which: "menu" }]]);
    await page.close();
  });

  // The server's <Portal>, as the official client shows it. LiveTSX's client does not teleport
  // (yet): conformance/phoenix-e2e/expected-failures.js lists the portal specs it fails.
  const officialOnly = client === "official" ? test : () => undefined;
  officialOnly("a portal's content is shown in its target, patched there, routed to its view and removed with it", async () => {
    const page = await open("/portal");
    const copy = "body > [data-phx-teleported-src=pop]";
    await page.waitForSelector(`${copy} #pop-content.mounted`);
    expect(await page.evaluate(() => document.querySelector("[data-phx-main]")!.contains(document.querySelector("#pop-content")))).toBe(false);
    // A click in the copy is the view's event, and no click away from the menu its template is in.
    await page.click("#pop-inc");
    await page.waitForFunction(() => document.querySelector("#pop-count")?.textContent === "1");
    expect(await page.textContent("#aways")).toBe("0");
    await page.click("#toggle");
    await page.waitForSelector(copy, { state: "detached" });
    expect(await page.textContent("#aways")).toBe("1");
    await page.click("#toggle");
    await page.waitForSelector(`${copy} #pop-count:text("1")`);
    expect(await page.locator("#pop-content").count()).toBe(1);
    await page.close();
  });

  test("phx-mounted runs once when the element is added, on the initial mount too", async () => {
    const page = await open("/bindings");
    await page.waitForSelector("#m1.mounted");
    expect(named(await logOf(page, 1), "seen")).toEqual([["seen", { id: "m1" }]]);
    await page.click("#show");
    await page.waitForSelector("#m2");
    await page.waitForFunction(() => document.querySelector("#log")!.textContent!.includes('"m2"'));
    // Later patches run nothing again.
    await page.click("#ping");
    await page.waitForFunction(() => document.querySelector("#log")!.textContent!.includes('"ping"'));
    expect(named(await log(page), "seen")).toEqual([
      ["seen", { id: "m1" }],
      ["seen", { id: "m2" }],
    ]);
    await page.close();
  });

  test("phx-remove runs its transition before the element leaves, on a patch and on live navigation", async () => {
    const page = await open("/bindings");
    await page.click("#remove");
    // Still there, fading out, until the 400 ms transition ends.
    await page.waitForSelector("#leaving.fade-out");
    await page.waitForSelector("#leaving", { state: "detached" });
    // Live navigation: the outgoing view's phx-remove runs, and the next view waits for its
    // 400 ms transition, which starts after the click.
    const times = await page.evaluate(
      () =>
        new Promise<{ clicked: number; faded: number; arrived: number }>((resolve) => {
          let faded = 0;
          new MutationObserver(() => {
            if (!faded && document.querySelector("#farewell.fade-out")) faded = performance.now();
            if (document.querySelector("#count")) resolve({ clicked, faded, arrived: performance.now() });
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
          const clicked = performance.now();
          document.querySelector<HTMLElement>("#navigate")!.click();
        }),
    );
    expect(times.faded).toBeGreaterThan(times.clicked);
    expect(times.arrived).toBeGreaterThan(times.faded);
    expect(times.arrived - times.clicked).toBeGreaterThanOrEqual(400);
    await page.waitForSelector("[data-phx-main].phx-connected #count");
    expect(await page.$("#farewell")).toBeNull();
    await page.close();
  });

  test("phx-viewport-bottom sends the last item's id when it scrolls into view; phx-viewport-top the first's, and that it overran", async () => {
    const page = await open("/scroll");
    expect(await page.textContent("#count")).toBe("30");
    await page.evaluate(() => document.querySelector("#items")!.lastElementChild!.scrollIntoView({ block: "end" }));
    await page.waitForFunction(() => document.querySelector("#count")!.textContent === "40", undefined, { timeout: 10_000 });
    expect(await page.textContent("#asked")).toBe("items-30");
    // The new last item, once the throttle's 500 ms have passed (the call within them waits for their end).
    await page.evaluate(() => document.querySelector("#items")!.lastElementChild!.scrollIntoView({ block: "end" }));
    await page.waitForFunction(() => document.querySelector("#count")!.textContent === "50", undefined, { timeout: 10_000 });
    expect(await page.textContent("#asked")).toBe("items-30 items-40");
    // Back to the top: the container's top came into view (overran), and so did its first item.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => document.querySelector("#asked")!.textContent!.split(" ").length === 4, undefined, { timeout: 10_000 });
    expect(await page.textContent("#asked")).toBe("items-30 items-40 top:items-1:overran top:items-1");
    await page.close();
  });

  test("phx-disable-with shows its text on a button and a form's button while the event is in flight", async () => {
    gates.length = 0;
    const page = await open("/bindings");
    await page.click("#save");
    await page.waitForFunction(() => document.querySelector("#save")!.textContent === "Saving…");
    expect(await page.$eval("#save", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await expect.poll(() => gates.length, { timeout: 10_000 }).toBe(1);
    gates.shift()!();
    await page.waitForFunction(() => document.querySelector("#save")!.textContent === "Save 1");
    expect(await page.$eval("#save", (el) => (el as HTMLButtonElement).disabled)).toBe(false);
    await page.click("#submit");
    await page.waitForFunction(() => document.querySelector("#submit")!.textContent === "Sending…");
    expect(await page.$eval("#submit", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await expect.poll(() => gates.length, { timeout: 10_000 }).toBe(1);
    gates.shift()!();
    await page.waitForFunction(() => document.querySelector("#submit")!.textContent === "Send 2");
    expect(await page.$eval("#submit", (el) => (el as HTMLButtonElement).disabled)).toBe(false);
    await page.close();
  });

  test("a bare phx-debounce waits Phoenix's default 300 ms", async () => {
    const page = await open("/bindings", { clock: true });
    await logOf(page, 1);
    await pauseClock(page);
    await page.fill("#debounced", "abc");
    await page.clock.runFor(299);
    // Sent by now if the debounce were shorter: #ping is neither debounced nor throttled, and the
    // view handles a connection's events in order.
    await page.evaluate(() => document.querySelector<HTMLButtonElement>("#ping")!.click());
    expect(named(await logOf(page, 2), "typed")).toEqual([]);
    await page.clock.runFor(1);
    await page.waitForFunction(() => document.querySelector("#log")!.textContent!.includes("typed"));
    expect(named(await log(page), "typed")).toEqual([["typed", { q: "abc", _target: ["q"] }]]);
    await page.close();
  });

  test("phx-throttle sends the first click of its period and drops the others, as Phoenix", async () => {
    const page = await open("/bindings", { clock: true });
    await logOf(page, 1);
    await pauseClock(page);
    const clicks = async (n: number) => {
      for (let i = 0; i < n; i++) await page.evaluate(() => document.querySelector<HTMLButtonElement>("#throttled")!.click());
    };
    /** The throttled entries once every event sent before now has arrived (#ping is not rate limited; events are handled in order). */
    let pings = 0;
    const sent = async () => {
      await page.evaluate(() => document.querySelector<HTMLButtonElement>("#ping")!.click());
      pings++;
      await page.waitForFunction((n) => (JSON.parse(document.querySelector("#log")!.textContent!) as [string][]).filter(([e]) => e === "ping").length === n, pings, { timeout: 10_000 });
      return named(await log(page), "throttled").length;
    };
    await clicks(5);
    expect(await sent()).toBe(1);
    // Nothing held for the end of the period.
    await page.clock.runFor(400);
    expect(await sent()).toBe(1);
    await clicks(3);
    expect(await sent()).toBe(2);
    await page.clock.runFor(399);
    await clicks(1);
    expect(await sent()).toBe(2);
    await page.clock.runFor(1);
    await clicks(1);
    expect(await sent()).toBe(3);
    await page.close();
  });

  test("phx-window-keydown and phx-window-keyup send only the key phx-key names", async () => {
    const page = await open("/bindings");
    const before = (await logOf(page, 1)).length;
    await page.keyboard.press("j");
    await page.keyboard.press("Escape");
    await page.keyboard.press("k");
    const entries = await logOf(page, before + 2);
    await page.click("#ping");
    const all = await logOf(page, before + 3);
    expect(entries.slice(before)).toEqual([
      ["wkeyup", { key: "Escape" }],
      ["wkey", { key: "k", from: "window" }],
    ]);
    expect(all.slice(before + 2)).toEqual([["ping", { value: "" }]]);
    await page.close();
  });

  test("phx-server-error while the view crashed, phx-client-error while the socket is down", async () => {
    const page = await open("/bindings");
    const classes = () => page.evaluate(() => (window as unknown as { classes: string[] }).classes.slice());
    await page.click("#crash");
    await page.waitForFunction(() => (window as unknown as { classes: string[] }).classes.some((c) => c.includes("phx-server-error")), undefined, { timeout: 10_000 });
    await page.waitForFunction(() => (window as unknown as { classes: string[] }).classes.at(-1)!.includes("phx-connected"), undefined, { timeout: 10_000 });
    const crashed = (await classes()).find((c) => c.includes("phx-server-error"))!.split(" ");
    expect(crashed).toEqual(expect.arrayContaining(["phx-loading", "phx-error", "phx-server-error"]));
    expect((await classes()).some((c) => c.includes("phx-client-error"))).toBe(false);
    // The crashing click gets no reply (as Phoenix): its push ends with the crash, not at its
    // 10 s timeout, so the button's loading class is gone well before that.
    await page.waitForSelector("#crash:not(.phx-click-loading)", { state: "attached", timeout: 5_000 });
    // The socket drops, and cannot come back until the switch is off.
    await page.evaluate(() => {
      const w = window as unknown as { sockets: WebSocket[]; blockSockets: boolean };
      w.blockSockets = true;
      for (const ws of w.sockets) ws.close();
    });
    await page.waitForSelector("[data-phx-main].phx-client-error.phx-error.phx-loading", { state: "attached", timeout: 10_000 });
    expect(await page.$eval("[data-phx-main]", (el) => el.classList.contains("phx-server-error"))).toBe(false);
    await page.evaluate(() => ((window as unknown as { blockSockets: boolean }).blockSockets = false));
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    expect(await page.$eval("[data-phx-main]", (el) => el.className.includes("error"))).toBe(false);
    await page.close();
  });

  test("phx-connected runs at the join, phx-disconnected once the socket has been down 500 ms", async () => {
    const page = await open("/bindings");
    await page.waitForSelector("#status.online");
    const went = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { sockets: WebSocket[]; blockSockets: boolean };
          const status = document.querySelector("#status")!;
          new MutationObserver(() => status.classList.contains("offline") && resolve(performance.now() - start)).observe(status, { attributes: true });
          w.blockSockets = true;
          const start = performance.now();
          for (const ws of w.sockets) ws.close();
        }),
    );
    expect(went).toBeGreaterThanOrEqual(500);
    expect(await page.$eval("#status", (el) => el.classList.contains("online"))).toBe(false);
    await page.evaluate(() => ((window as unknown as { blockSockets: boolean }).blockSockets = false));
    await page.waitForSelector("[data-phx-main].phx-connected #status.online:not(.offline)", { state: "attached", timeout: 15_000 });
    await page.close();
  });

  test("phx:page-loading-start/stop: the initial join, a JS.push with page_loading, a live patch, a live navigation", async () => {
    const page = await open("/bindings");
    const loadings = () => page.evaluate(() => (window as unknown as { loadings: string[][] }).loadings.splice(0));
    const until = (n: number) => page.waitForFunction((count) => (window as unknown as { loadings: string[][] }).loadings.length >= count, n, { timeout: 10_000 });
    await until(2);
    expect(await loadings()).toEqual([
      ["start", "initial", "/bindings"],
      ["stop", "initial", "/bindings"],
    ]);
    await page.click("#page-loading");
    await until(2);
    expect(await loadings()).toEqual([
      ["start", "element", "page-loading"],
      ["stop", "element", "page-loading"],
    ]);
    await page.click("#patch");
    await until(2);
    expect(await loadings()).toEqual([
      ["start", "patch", "/bindings?tab=2"],
      ["stop", "patch", "/bindings?tab=2"],
    ]);
    await page.click("#navigate");
    await until(4);
    await page.waitForSelector("[data-phx-main].phx-connected #count");
    expect(await loadings()).toEqual([
      ["start", "redirect", "/scroll"],
      ["start", "initial", "/scroll"],
      ["stop", "redirect", "/scroll"],
      ["stop", "initial", "/scroll"],
    ]);
    await page.close();
  });

  test("a view's pushFocus entries go with it: popFocus after a live navigation does not return to them", async () => {
    const page = await open("/bindings");
    await page.evaluate(() => {
      const outer = document.createElement("button");
      outer.id = "outer";
      document.body.append(outer);
    });
    await page.click("#push-focus");
    await page.click("#navigate");
    await page.waitForSelector("[data-phx-main].phx-connected #pop-focus");
    await page.click("#pop-focus");
    // Two frames, as the focus commands retry after a show.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("pop-focus");
    await page.close();
  });

  test("Phoenix.FocusWrap: the content takes focus at mount, Tab wraps round inside it both ways and enters it at the near end", async () => {
    const page = await open("/focus");
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await expect.poll(focused, { timeout: 5000 }).toBe("one");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("two");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("one");
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("two");
    // From outside, Tab enters at the near end.
    await page.focus("#before");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("one");
    await page.focus("#after");
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("two");
    await page.close();
  });

  test("enableDebug logs the view's messages, disableDebug stops it", async () => {
    const page = await open("/bindings");
    const logs: string[] = [];
    page.on("console", (m) => logs.push(m.text()));
    const id = await page.$eval("[data-phx-main]", (el) => el.id);
    const before = (await logOf(page, 1)).length;
    await page.evaluate(() => (window as unknown as { liveSocket: { enableDebug(): void } }).liveSocket.enableDebug());
    await page.click("#ping");
    await logOf(page, before + 1);
    await expect.poll(() => logs.filter((l) => l.startsWith(`${id} `)).length).toBeGreaterThan(0);
    await page.evaluate(() => (window as unknown as { liveSocket: { disableDebug(): void } }).liveSocket.disableDebug());
    logs.length = 0;
    await page.click("#ping");
    await logOf(page, before + 2);
    expect(logs.filter((l) => l.startsWith(`${id} `))).toEqual([]);
    await page.close();
  });

  test("enableLatencySim(ms) holds an event's round trip at least that long; disableLatencySim ends it", async () => {
    const page = await open("/bindings");
    const roundTrip = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const log = document.querySelector("#log")!;
            const length = log.textContent!.length;
            const start = performance.now();
            new MutationObserver(() => log.textContent!.length !== length && resolve(performance.now() - start)).observe(log, { subtree: true, childList: true, characterData: true });
            document.querySelector<HTMLButtonElement>("#ping")!.click();
          }),
      );
    await page.evaluate(() => (window as unknown as { liveSocket: { enableLatencySim(ms: number): void } }).liveSocket.enableLatencySim(800));
    expect(await page.evaluate(() => sessionStorage.getItem("phx:live-socket:latency-sim"))).toBe("800");
    expect(await roundTrip()).toBeGreaterThanOrEqual(800);
    await page.evaluate(() => (window as unknown as { liveSocket: { disableLatencySim(): void } }).liveSocket.disableLatencySim());
    expect(await page.evaluate(() => sessionStorage.getItem("phx:live-socket:latency-sim") || null)).toBeNull();
    expect(await roundTrip()).toBeLessThan(800);
    await page.close();
  });
});
