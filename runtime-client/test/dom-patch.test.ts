/**
 * The client's DOM patch in Chromium: diffs from our real server pipeline (the randomised
 * differential runs: inserts, deletes, moves, edits, template switches) are applied to a page as
 * a view applies them, marked elements alone where it can, and after every step the DOM must
 * equal the HTML of the merged tree.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Page } from "playwright-core";
import { build } from "vite";
import { launchBrowser } from "../../examples/test/browser.js";
import { Differential } from "./differential/harness.js";
import { prng, randomOp } from "./differential/random-ops.js";
import Random from "./differential/random.tsx";

let chrome: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  // The harness's official client clones with structuredClone when it sees a window.
  vi.stubGlobal("window", globalThis);
  const result = await build({
    configFile: false,
    logLevel: "silent",
    build: { write: false, minify: false, lib: { entry: fileURLToPath(new URL("./dom/page.ts", import.meta.url)), formats: ["es"], fileName: "page" } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ("output" in r ? r.output : []));
  const code = outputs.map((o) => (o.type === "chunk" ? o.code : "")).join("\n");
  chrome = await launchBrowser();
  page = await chrome.browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
  await page.addScriptTag({ content: code, type: "module" });
  await page.waitForFunction(() => "patching" in window);
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await chrome?.close();
});

interface Outcome {
  same: boolean;
  alone: boolean;
  html: string;
  dom: string;
  expected: string;
}

/** Replays a run's diffs in the page; returns how many steps patched marked elements alone. */
async function replay(run: Differential): Promise<number> {
  let alone = 0;
  for (const [i, step] of run.steps.entries()) {
    const outcome = await page.evaluate(
      ([diff, join]) => (window as unknown as { patching: { step(d: unknown, j: boolean): Outcome } }).patching.step(diff, join),
      [step.diff, i === 0] as const,
    );
    expect(outcome.dom, `${run.name}, ${step.label}\ndiff: ${JSON.stringify(step.diff)}`).toBe(outcome.same ? outcome.dom : outcome.expected);
    expect(outcome.html).toBe(step.ours);
    if (outcome.alone) alone++;
  }
  return alone;
}

describe("patching the DOM", () => {
  test("200 random batches of list operations: the DOM matches the merged tree after every step", async () => {
    const random = prng(0x5eed);
    const run = await Differential.join("random batches", Random);
    const state = { length: 8, nextId: 9 };
    for (let i = 0; i < 200; i++) {
      const ops = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomOp(random, state));
      await run.event("batch", { ops });
    }
    const alone = await replay(run);
    // Batches of edits and toggles alone patch their rows; inserts, deletes and moves the view.
    expect(alone).toBeGreaterThan(10);
    expect(alone).toBeLessThan(run.steps.length - 10);
  }, 60_000);

  test("300 single random operations: the DOM matches the merged tree after every step", async () => {
    const random = prng(0xd0e);
    const run = await Differential.join("single operations", Random);
    const state = { length: 8, nextId: 9 };
    for (let i = 0; i < 300; i++) await run.event("batch", { ops: [randomOp(random, state)] });
    const alone = await replay(run);
    expect(alone).toBeGreaterThan(60);
  }, 60_000);
});
