/**
 * Hooks, event replies and async work in Chromium, with LiveTSX's client and with the official
 * Phoenix LiveView client: every hook callback, `pushEvent` resolving with the handler's reply
 * (and its `onReply` form), `pushEventTo` a live component, `handleEvent`/`removeHandleEvent`,
 * and three panels filled by assignAsync whose work the test lets finish one at a time.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { CLIENT_NAMES, useChromium, useDevApp } from "../dev-app.js";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

type Gate = { resolve(v: unknown): void; reject(r: unknown): void };
/** The panels' gates: the dev server runs the view in this process, on the same globalThis. */
const gates = ((globalThis as { panelGates?: Map<string, Gate> }).panelGates ??= new Map());

const chrome = useChromium();

describe.each(CLIENT_NAMES)("%s client", (client) => {
  const app = useDevApp(ROOT, client);
  const problems: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await chrome.browser.newPage();
    page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    await page.goto(app.base + path);
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    const version = await page.evaluate(() => (window as { liveSocket?: { version?: () => string } }).liveSocket?.version?.());
    if (client === "official") expect(version).toMatch(/^1\.2\./);
    else expect(version).toBeUndefined();
    return page;
  }

  const log = (page: Page) => page.evaluate(() => (window as unknown as { hookLog: string[] }).hookLog.slice());
  const until = (page: Page, entry: string) =>
    page.waitForFunction((e) => (window as unknown as { hookLog: string[] }).hookLog.includes(e), entry, { timeout: 10_000 });

  test("hooks: mounted, beforeUpdate, updated, handleEvent, destroyed", async () => {
    const page = await open("/hooks");
    await until(page, "mounted probe");
    expect(await log(page)).toEqual(expect.arrayContaining(["mounted probe", "mounted extra", "mounted dial"]));
    await page.click("#inc");
    await until(page, "ping probe 1");
    const entries = await log(page);
    const before = entries.indexOf("beforeUpdate probe count 0");
    const after = entries.indexOf("updated probe count 1");
    expect(before, entries.join("\n")).toBeGreaterThanOrEqual(0);
    expect(after, entries.join("\n")).toBeGreaterThan(before);
    // removeHandleEvent: the next ping is not heard.
    await page.evaluate(() => {
      const probe = (window as unknown as { probes: Record<string, { removeHandleEvent(r: unknown): void; pingRef: unknown }> }).probes.probe!;
      probe.removeHandleEvent(probe.pingRef);
    });
    await page.click("#inc");
    await until(page, "updated probe count 2");
    expect(await log(page)).not.toContain("ping probe 2");
    await page.click("#hide");
    await until(page, "destroyed extra");
    await page.close();
  });

  test("pushEvent resolves with the handler's reply; onReply and pushEventTo a component too", async () => {
    const page = await open("/hooks");
    await until(page, "mounted dial");
    const replies = await page.evaluate(async () => {
      type Probe = {
        pushEvent(e: string, p?: object, onReply?: (r: unknown, ref: number) => void): Promise<unknown> | void;
        pushEventTo(t: string, e: string, p?: object): Promise<PromiseSettledResult<{ reply: unknown }>[]>;
      };
      const { probes } = window as unknown as { probes: Record<string, Probe> };
      const promised = await probes.probe!.pushEvent("ask", { q: "why" });
      const called = await new Promise((resolve) => probes.probe!.pushEvent("ask", { q: "how" }, (reply) => resolve(reply)));
      const settled = await probes.probe!.pushEventTo("#dial", "turn", {});
      return { promised, called, settled: settled.map((s) => (s.status === "fulfilled" ? s.value.reply : s.reason)) };
    });
    expect(replies).toEqual({ promised: { answer: "you asked why" }, called: { answer: "you asked how" }, settled: [{ turns: 1 }] });
    await page.waitForFunction(() => document.querySelector("#dial")?.textContent === "turns 1");
    await page.close();
  });

  test("hooks hear disconnected and reconnected when the view crashes and rejoins", async () => {
    const page = await open("/hooks");
    await until(page, "mounted probe");
    await page.click("#crash");
    await until(page, "disconnected probe");
    await until(page, "reconnected probe");
    await page.waitForSelector("[data-phx-main].phx-connected");
    await page.close();
  });

  test("assignAsync: panels load one by one, one fails, and the page answers meanwhile", async () => {
    gates.clear();
    const html = await (await fetch(`${app.base}/panels`)).text();
    expect(html).toContain("<p>loading sales</p>");
    const page = await open("/panels");
    await page.waitForFunction(() => document.querySelector("#users")?.textContent === "loading users");
    await expect.poll(() => gates.size, { timeout: 10_000 }).toBe(3);
    // The view answers while its work runs.
    await page.click("#click");
    await page.waitForFunction(() => document.querySelector("#click")?.textContent === "clicked 1");
    gates.get("users")!.resolve(42);
    await page.waitForFunction(() => document.querySelector("#users")?.textContent === "users 42");
    expect(await page.textContent("#sales")).toBe("loading sales");
    gates.get("errors")!.reject(new Error("the error service is down"));
    await page.waitForFunction(() => document.querySelector("#errors")?.textContent === "errors failed: the error service is down");
    gates.get("sales")!.resolve(1000);
    await page.waitForFunction(() => document.querySelector("#sales")?.textContent === "sales 1000");
    await page.close();
    expect(problems).toEqual([]);
  });
});
