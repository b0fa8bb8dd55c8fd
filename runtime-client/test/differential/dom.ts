/**
 * A differential run replayed in Chromium: each diff applied to a page as a view applies it
 * (`patchView`: marked elements alone where it can, the whole view with stubs otherwise; then the
 * changed components), and the DOM compared with the merged tree's HTML after every step.
 */
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { build } from "vite";
import { launchBrowser } from "../../../examples/test/browser.js";
import type { Differential } from "./harness.js";
import type { Outcome } from "./dom-page.js";

export class DomReplay {
  private constructor(
    private readonly chrome: Awaited<ReturnType<typeof launchBrowser>>,
    private readonly page: Page,
  ) {}

  /** Bundles `dom-page.ts` and opens it in Chromium (which must be there: no skipping). */
  static async start(): Promise<DomReplay> {
    const result = await build({
      configFile: false,
      logLevel: "silent",
      build: { write: false, minify: false, lib: { entry: fileURLToPath(new URL("./dom-page.ts", import.meta.url)), formats: ["es"], fileName: "page" } },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ("output" in r ? r.output : []));
    const code = outputs.map((o) => (o.type === "chunk" ? o.code : "")).join("\n");
    const chrome = await launchBrowser();
    const page = await chrome.browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    await page.addScriptTag({ content: code, type: "module" });
    await page.waitForFunction(() => "patching" in window);
    return new DomReplay(chrome, page);
  }

  /** Replays every step of `run` from its join; returns how many patched marked elements alone. */
  async replay(run: Differential): Promise<number> {
    let alone = 0;
    for (const [i, step] of run.steps.entries()) {
      const outcome = await this.page.evaluate(
        ([diff, join]) => (window as unknown as { patching: { step(d: unknown, j: boolean): Outcome } }).patching.step(diff, join),
        [step.diff, i === 0] as const,
      );
      expect(outcome.html, `${run.name}, ${step.label}: the page's tree`).toBe(step.ours);
      expect(outcome.same ? outcome.expected : outcome.dom, `${run.name}, ${step.label}: the DOM\ndiff: ${JSON.stringify(step.diff)}`).toBe(outcome.expected);
      if (outcome.alone) alone++;
    }
    return alone;
  }

  async close(): Promise<void> {
    await this.chrome.close();
  }
}
