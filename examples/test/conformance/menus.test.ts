/**
 * The demo's modal and dropdown (/menus), with each client: they open and close without a
 * message to the server; picking a flavor and saving a note are the only events.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { KINDS, useSides } from "./harness.js";

const sides = useSides({ beforeAll, afterEach, afterAll });

const shown = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.offsetWidth !== 0;
const hidden = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.offsetWidth === 0;

for (const kind of KINDS) {
  describe(`the menus demo with the ${kind} client`, () => {
    test("the dropdown opens in the browser and a pick reaches the server", async () => {
      let events = 0;
      const page: Page = await sides[kind].open("demo", "/menus", (p) =>
        p.on("websocket", (ws) => ws.on("framesent", (f) => typeof f.payload === "string" && f.payload.includes('"event"') && events++)),
      );
      await page.click("#flavor-button");
      await page.waitForFunction(shown, "#flavor-menu", { timeout: 5000 });
      expect(await page.getAttribute("#flavor-button", "aria-expanded")).toBe("true");
      expect(events).toBe(0);
      await page.click("#flavor-menu >> text=Mango");
      await page.waitForFunction(() => document.querySelector("#flavor-button strong")?.textContent === "Mango", null, { timeout: 5000 });
      await page.waitForFunction(hidden, "#flavor-menu", { timeout: 5000 });
      expect(await page.getAttribute("#flavor-button", "aria-expanded")).toBe("false");
      expect(events).toBe(1);
      await sides[kind].closeAndCheck();
    });

    test("the modal opens with focus inside, saves a note, and gives focus back", async () => {
      let events = 0;
      const page: Page = await sides[kind].open("demo", "/menus", (p) =>
        p.on("websocket", (ws) => ws.on("framesent", (f) => typeof f.payload === "string" && f.payload.includes('"event"') && events++)),
      );
      await page.click("#open-note");
      await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "note", null, { timeout: 5000 });
      expect(await page.evaluate(shown, "#note-modal")).toBe(true);
      expect(events).toBe(0);
      await page.keyboard.type("Buy milk");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector(".notes li")?.textContent === "Buy milk", null, { timeout: 5000 });
      await page.waitForFunction(hidden, "#note-modal", { timeout: 5000 });
      await page.waitForFunction(() => document.activeElement?.id === "open-note", null, { timeout: 5000 });
      expect(events).toBe(1);
      // Escape closes it too, without an event.
      await page.click("#open-note");
      await page.waitForFunction(shown, "#note-modal", { timeout: 5000 });
      await page.keyboard.press("Escape");
      await page.waitForFunction(hidden, "#note-modal", { timeout: 5000 });
      expect(events).toBe(1);
      await sides[kind].closeAndCheck();
    });
  });
}
