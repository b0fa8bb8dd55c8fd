/**
 * Uploads in Chromium with both clients, LiveTSX's and the official Phoenix LiveView client, on
 * the demo's avatar and CSV import pages: choosing a file, dropping one, the preview, progress,
 * cancel, the errors, the bytes the server received, and the loading class of an autoUpload change.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { closeAll, KINDS, useSides } from "./conformance/harness.js";

const sides = useSides({ beforeAll, afterEach, afterAll });

/** A real 1×1 PNG, padded with a comment-free tail so that it spans several chunks when asked. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const padded = (size: number) => Buffer.concat([PNG, Buffer.alloc(Math.max(0, size - PNG.length), 7)]);

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.each(KINDS)("uploads with the %s client", (kind) => {
  test("choose an image: its preview before it is sent, then saved from the bytes the server got", async () => {
    const page = await sides[kind].open("demo", "/avatar");
    const image = padded(200_000);
    await page.setInputFiles("#avatar-form input[type=file]", { name: "me.png", mimeType: "image/png", buffer: image });
    await page.waitForSelector("figure.entry figcaption:has-text('me.png')");
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>("figure.entry img")?.src.startsWith("blob:") === true, null, { timeout: 5000 });
    expect(await text(page, "figure.entry .percent")).toBe("0%");
    await page.click("#avatar-form button[type=submit]");
    await page.waitForSelector("#saved img", { timeout: 10_000 });
    expect(await page.getAttribute("#saved img", "src")).toBe(`data:image/png;base64,${image.toString("base64")}`);
    expect(await page.locator("figure.entry").count()).toBe(0);
    await closeAll(sides);
  });

  test("a wrong type and a file too large show their errors; cancel removes the entry", async () => {
    const page = await sides[kind].open("demo", "/avatar");
    await page.setInputFiles("#avatar-form input[type=file]", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await page.waitForSelector("figure.entry p.error:has-text('Choose a PNG, JPEG, GIF or WebP image')");
    await page.click("figure.entry button[phx-click=cancel]");
    await page.waitForFunction(() => document.querySelectorAll("figure.entry").length === 0, null, { timeout: 5000 });
    await page.setInputFiles("#avatar-form input[type=file]", { name: "big.png", mimeType: "image/png", buffer: padded(1_200_000) });
    await page.waitForSelector("figure.entry p.error:has-text('The image is larger than 1 MB')");
    await closeAll(sides);
  });

  test("an image dropped on the drop target is taken as if chosen", async () => {
    const page = await sides[kind].open("demo", "/avatar");
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
      const zone = document.querySelector(".drop")!;
      zone.dispatchEvent(new DragEvent("dragenter", { bubbles: true, dataTransfer: transfer }));
      zone.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, [...PNG]);
    await page.waitForSelector("figure.entry figcaption:has-text('dropped.png')");
    await page.click("#avatar-form button[type=submit]");
    await page.waitForSelector("#saved img", { timeout: 10_000 });
    expect(await page.getAttribute("#saved img", "src")).toBe(`data:image/png;base64,${PNG.toString("base64")}`);
    await closeAll(sides);
  });

  test("a CSV uploads on its own (autoUpload); its rows appear as they are parsed, progress rises to 100%", async () => {
    // The progress events the client sent, as it sent them.
    const progress: number[] = [];
    const page = await sides[kind].open("demo", "/import", (p) =>
      p.on("websocket", (ws) =>
        ws.on("framesent", (f) => {
          if (typeof f.payload !== "string") return;
          const [, , , event, payload] = JSON.parse(f.payload) as [unknown, unknown, string, string, { progress?: unknown }];
          if (event === "progress" && typeof payload.progress === "number") progress.push(payload.progress);
        }),
      ),
    );
    const lines = Array.from({ length: 5000 }, (_, i) => `${i + 1},"name ${i + 1}, the ${i % 7}th",${(i * 31) % 1000}`);
    await page.setInputFiles("#import-form input[type=file]", { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") });
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "5000" && document.querySelector("#status")?.textContent?.startsWith("Imported"), null, { timeout: 20_000 });
    // Consumed once done, the entry is gone from the form.
    await page.waitForFunction(() => document.querySelectorAll("#import-form p.entry").length === 0, null, { timeout: 10_000 });
    expect(await page.locator("#rows tr").count()).toBe(200);
    expect(await page.locator("#rows tr").first().locator("td").allTextContents()).toEqual(["1", "name 1, the 0th", "0"]);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    await closeAll(sides);
  });

  // What Phoenix's uploads.spec.js "auto upload" checks, with the observers installed before the
  // file is chosen (the spec installs its own without waiting for it, so a slow page can miss the
  // change event with either client).
  test("autoUpload: the chosen file's change event puts phx-change-loading on the input and its form, then takes it off", async () => {
    const page = await sides[kind].open("demo", "/import");
    // The `class` attribute of each as a MutationObserver reads it (repeats collapsed).
    await page.evaluate(() => {
      const seen: Record<string, (string | null)[]> = ((window as unknown as { seen: unknown }).seen = { input: [], form: [] });
      const watch = (name: string, el: Element) =>
        new MutationObserver((list) => {
          for (const m of list) {
            const now = (m.target as Element).getAttribute("class");
            if (m.attributeName === "class" && seen[name].at(-1) !== now) seen[name].push(now);
          }
        }).observe(el, { attributes: true });
      watch("input", document.querySelector("#import-form input[type=file]")!);
      watch("form", document.querySelector("#import-form")!);
    });
    await page.setInputFiles("#import-form input[type=file]", { name: "one.csv", mimeType: "text/csv", buffer: Buffer.from('1,"a",2\n') });
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("Imported"), null, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { seen: unknown }).seen)).toEqual({ input: ["phx-change-loading", null], form: ["phx-change-loading", null] });
    await closeAll(sides);
  });
});
