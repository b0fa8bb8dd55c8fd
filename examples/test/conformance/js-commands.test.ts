/**
 * JS commands, run by LiveTSX's client and by the official Phoenix LiveView client on the same
 * page (the conformance app's /js): each scenario is done with each client and must come out
 * as written here. Transitions run with the page's clock stopped and moved on by hand, while a
 * MutationObserver in the page records every value the element's class and style took, and
 * the show/hide events, in order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { pauseClock } from "../browser.js";
import { KINDS, useSides } from "./harness.js";

const sides = useSides({ beforeAll, afterEach, afterAll }, { app: true });

/** Records what happens to `selector`'s element in `window.__log` (see the file's comment). */
function record(selector: string): void {
  const el = document.querySelector(selector)!;
  const log: string[] = [];
  (window as unknown as { __log: string[] }).__log = log;
  const last: Record<string, string | null> = { class: el.getAttribute("class"), style: el.getAttribute("style") };
  const flush = (records: MutationRecord[]) => {
    records.forEach((r, i) => {
      const name = r.attributeName!;
      // The value after a record is the next record's old value, or the value now.
      const next = records.slice(i + 1).find((n) => n.attributeName === name);
      const value = next ? next.oldValue : el.getAttribute(name);
      if (value !== last[name]) {
        last[name] = value;
        log.push(`${name}=${value}`);
      }
    });
  };
  const observer = new MutationObserver(flush);
  observer.observe(el, { attributes: true, attributeFilter: ["class", "style"], attributeOldValue: true });
  for (const name of ["show-start", "show-end", "hide-start", "hide-end"]) {
    el.addEventListener(`phx:${name}`, () => {
      flush(observer.takeRecords());
      log.push(`event=${name}`);
    });
  }
  const parent = el.parentNode!;
  new MutationObserver(() => {
    if (el.isConnected || log.includes("removed")) return;
    flush(observer.takeRecords());
    log.push("removed");
  }).observe(parent, { childList: true });
}

const logOf = (page: Page) => page.evaluate(() => (window as unknown as { __log: string[] }).__log.slice());

/** Waits, from outside the page (its timers are stopped), until the log has `entry`. */
async function logHas(page: Page, entry: string): Promise<void> {
  await expect.poll(() => logOf(page), { timeout: 5000 }).toContain(entry);
}

/** Does `steps` with the page's clock stopped, and lets it run again however they end. */
async function withClockStopped(page: Page, steps: () => Promise<void>): Promise<void> {
  await pauseClock(page);
  try {
    await steps();
  } finally {
    await page.clock.resume();
  }
}

const isShown = (selector: string) => {
  const el = document.querySelector<HTMLElement>(selector);
  return el !== null && el.offsetWidth > 0;
};

/**
 * What a show with `["fade-in", "o-0", "o-100"]` does in its first frames, mutation by mutation:
 * the start class, then the running one, then the element is shown, then the start class gives
 * way to the end one.
 */
const SHOWN = ["event=show-start", "class=modal o-0", "class=modal o-0 fade-in", "style=display: block;", "class=modal fade-in", "class=modal fade-in o-100"];

for (const kind of KINDS) {
  describe(`JS commands with the ${kind} client`, () => {
    const open = () => sides[kind].open("app", "/js");

    test("show and hide: transition classes in their phases, display, and the show/hide events", async () => {
      const page = await open();
      await page.evaluate(record, "#modal");
      await withClockStopped(page, async () => {
        await page.click("#show");
        await page.clock.runFor(100);
        // The end classes are on and the element is shown, until the 300 ms are over.
        expect(await logOf(page)).toEqual(SHOWN);
        await page.clock.runFor(300);
        await page.clock.runFor(100);
        await page.click("#hide");
        await page.clock.runFor(100);
        await page.clock.runFor(300);
        await page.clock.runFor(100);
      });
      expect(await logOf(page)).toEqual([
        ...SHOWN,
        "event=show-end",
        "class=modal",
        "event=hide-start",
        "class=modal fade-out",
        "style=display: none;",
        "event=hide-end",
        "class=modal",
      ]);
      // Without transition classes, toggle shows with the default display.
      await page.click("#toggle");
      await page.waitForFunction(isShown, "#modal", { timeout: 5000 });
      expect(await page.$eval("#modal", (el) => (el as HTMLElement).style.display)).toBe("block");
      await sides[kind].closeAndCheck();
    });

    test("a blocking transition holds the server's patch back until it ends", async () => {
      let replies = 0;
      const page = await sides[kind].open("app", "/js", (p) =>
        p.on("websocket", (ws) => ws.on("framereceived", (f) => typeof f.payload === "string" && f.payload.includes('"phx_reply"') && f.payload.includes('"diff"') && replies++)),
      );
      // Counted from here: the replies with a diff (the tick's).
      replies = 0;
      await withClockStopped(page, async () => {
        await page.click("#show");
        await page.click("#tick");
        await expect.poll(() => replies, { timeout: 5000 }).toBe(1);
        await page.clock.runFor(100);
        expect(await page.textContent("#modal p")).toBe("Modal 0");
        await page.clock.runFor(300);
        await expect.poll(() => page.textContent("#modal p"), { timeout: 5000 }).toBe("Modal 1");
      });
      await sides[kind].closeAndCheck();
    });

    test("classes, attributes, display and ignored attributes stay through a server patch", async () => {
      const page = await open();
      await page.click("#toggle");
      await page.click("#decorate");
      await page.click("#ignore");
      await page.waitForFunction(() => {
        const box = document.querySelector("#box")!;
        return box.classList.contains("marked") && box.getAttribute("aria-label") === "decorated" && !box.hasAttribute("data-x");
      }, null, { timeout: 5000 });
      await page.waitForFunction(isShown, "#modal", { timeout: 5000 });
      await page.click("#tick");
      await page.waitForFunction(() => document.querySelector("#box")?.getAttribute("title") === "box 1", null, { timeout: 5000 });
      const box = await page.$eval("#box", (el) => ({ class: el.className, label: el.getAttribute("aria-label"), x: el.getAttribute("data-x"), text: el.textContent }));
      expect(box).toEqual({ class: "box tick-1 marked", label: "decorated", x: null, text: "Box 1" });
      // The modal's text changed with the patch; the display JS gave it stayed.
      expect(await page.$eval("#modal", (el) => [(el as HTMLElement).style.display, el.textContent?.trim()])).toEqual(["block", "Modal 1"]);
      // data-* is ignored on #ign: the server's new data-state never lands.
      expect(await page.$eval("#ign", (el) => el.getAttribute("data-state"))).toBe("s0");
      await sides[kind].closeAndCheck();
    });

    test("toggleClass, toggleAttribute and removeClass, kept through a patch; transition classes for their time", async () => {
      const page = await open();
      const box = () => page.$eval("#box", (el) => [el.className, el.getAttribute("aria-pressed")]);
      await page.click("#flip");
      await expect.poll(box, { timeout: 5000 }).toEqual(["box tick-0 flipped", "true"]);
      await page.click("#flip");
      await expect.poll(box, { timeout: 5000 }).toEqual(["box tick-0", "false"]);
      await page.click("#flip");
      await page.click("#unbox");
      await expect.poll(box, { timeout: 5000 }).toEqual(["tick-0 flipped", "true"]);
      expect(await page.$eval("#ign", (el) => el.getAttribute("hidden"))).toBe("");
      await page.click("#tick");
      await page.waitForFunction(() => document.querySelector("#box")?.getAttribute("title") === "box 1", null, { timeout: 5000 });
      // The server renders "box tick-1" without the attributes; what the commands did stays.
      expect(await box()).toEqual(["tick-1 flipped", "true"]);
      expect(await page.$eval("#ign", (el) => el.getAttribute("hidden"))).toBe("");
      await page.evaluate(record, "#box");
      await withClockStopped(page, async () => {
        await page.click("#shake");
        await page.clock.runFor(100);
        expect(await logOf(page)).toEqual(["class=tick-1 flipped shake"]);
        await page.clock.runFor(300);
        await page.clock.runFor(100);
      });
      expect(await logOf(page)).toEqual(["class=tick-1 flipped shake", "class=tick-1 flipped"]);
      await sides[kind].closeAndCheck();
    });

    test("push in a form's phx-change and phx-submit: the form's fields, with the push's values over them", async () => {
      const page = await open();
      await page.fill("#f-name", "Ada");
      await page.waitForFunction(() => document.querySelector("#form")?.textContent?.startsWith("changed"), null, { timeout: 5000 });
      expect(await page.textContent("#form")).toBe(`changed ${JSON.stringify([["_target", ["name"]], ["name", "Ada"], ["src", "js"]])}`);
      await page.click("#f-save");
      await page.waitForFunction(() => document.querySelector("#form")?.textContent?.startsWith("submitted"), null, { timeout: 5000 });
      expect(await page.textContent("#form")).toBe(`submitted ${JSON.stringify([["extra", "x"], ["name", "Ada"]])}`);
      await page.waitForFunction(() => (document.querySelector("#f") as HTMLElement).offsetWidth === 0, null, { timeout: 5000 });
      await sides[kind].closeAndCheck();
    });

    test("push: its value over phx-value-*, the loading class on its loading target, page-loading events", async () => {
      const page = await open();
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __seen: string[] }).__seen = seen;
        for (const name of ["phx:page-loading-start", "phx:page-loading-stop"]) {
          window.addEventListener(name, (e) => seen.push(`${name}:${(e as CustomEvent).detail.kind}:${((e as CustomEvent).detail.target as Element | undefined)?.id}`));
        }
        const box = document.querySelector("#box")!;
        new MutationObserver(() => box.classList.contains("phx-click-loading") && !seen.includes("loading") && seen.push("loading")).observe(box, { attributes: true });
      });
      await page.click("#push");
      await page.waitForFunction(() => document.querySelector("#count")?.textContent === "1", null, { timeout: 5000 });
      expect(await page.textContent("#last")).toBe(JSON.stringify([["by", 2], ["room", "kitchen"], ["value", ""]]));
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.slice()), { timeout: 5000 })
        .toEqual(["phx:page-loading-start:element:push", "loading", "phx:page-loading-stop:element:push"]);
      await sides[kind].closeAndCheck();
    });

    test("dispatch: a CustomEvent with the detail and its dispatcher, bubbling to window", async () => {
      const page = await open();
      await page.evaluate(() => {
        window.addEventListener("app:ping", (e) => {
          const { detail, target, bubbles } = e as CustomEvent;
          (window as unknown as { __ping: unknown }).__ping = { n: detail.n, dispatcher: detail.dispatcher.id, target: (target as Element).id, bubbles };
        });
      });
      await page.click("#dispatch");
      await expect.poll(() => page.evaluate(() => (window as unknown as { __ping?: unknown }).__ping ?? null), { timeout: 5000 }).toEqual({
        n: 1,
        dispatcher: "dispatch",
        target: "box",
        bubbles: true,
      });
      await sides[kind].closeAndCheck();
    });

    test("focus, focusFirst, pushFocus and popFocus", async () => {
      const page = await open();
      const focused = (id: string) => document.activeElement?.id === id;
      await page.click("#focus");
      await page.waitForFunction(focused, "field", { timeout: 5000 });
      await page.click("#focus-first");
      await page.waitForFunction(focused, "first-link", { timeout: 5000 });
      await page.click("#push-focus");
      await page.waitForFunction(focused, "field", { timeout: 5000 });
      // The click on the pop button focuses it; the command then focuses what was pushed.
      await page.click("#pop-focus");
      await page.waitForFunction(focused, "push-focus", { timeout: 5000 });
      await sides[kind].closeAndCheck();
    });

    test("exec runs another attribute's commands for its target", async () => {
      const page = await open();
      await page.click("#exec");
      await page.waitForFunction(() => document.querySelector("#modal")!.classList.contains("opened"), null, { timeout: 5000 });
      expect(await page.evaluate(isShown, "#modal")).toBe(true);
      // Its push sends the values of the element the commands ran for, not the button's.
      await page.waitForFunction(() => document.querySelector("#count")?.textContent === "1", null, { timeout: 5000 });
      expect(await page.textContent("#last")).toBe(JSON.stringify([["via", "exec"]]));
      await sides[kind].closeAndCheck();
    });

    test("patch runs handleParams in place; navigate mounts another view", async () => {
      const page = await open();
      await page.click("#patch");
      await page.waitForFunction(() => location.search === "?tab=two" && document.querySelector("#tab")?.textContent === "two", null, { timeout: 5000 });
      await page.click("#navigate");
      await page.waitForFunction(
        () => location.pathname === "/keyed" && document.querySelector("h1")?.textContent === "Keyed list" && document.querySelector("[data-phx-main]")!.classList.contains("phx-connected"),
        null,
        { timeout: 5000 },
      );
      await page.goBack();
      await page.waitForFunction(() => location.pathname === "/js" && document.querySelector("#tab")?.textContent === "two", null, { timeout: 5000 });
      await sides[kind].closeAndCheck();
    });

    test("phx-remove: the element runs its commands and leaves when their transition ends", async () => {
      const page = await open();
      await page.evaluate(record, "#leaving");
      await withClockStopped(page, async () => {
        await page.click("#remove");
        await logHas(page, "event=hide-start");
        await page.clock.runFor(100);
        // An element without a class gets an empty one first (a class list told to add nothing).
        expect(await logOf(page)).toEqual(["event=hide-start", "class=", "class=fade-away"]);
        expect(await page.evaluate(() => document.querySelector("#leaving")?.isConnected)).toBe(true);
        await page.clock.runFor(300);
        await logHas(page, "removed");
        await page.clock.runFor(100);
      });
      expect(await logOf(page)).toEqual(["event=hide-start", "class=", "class=fade-away", "style=display: none;", "event=hide-end", "removed", "class="]);
      await sides[kind].closeAndCheck();
    });
  });
}
