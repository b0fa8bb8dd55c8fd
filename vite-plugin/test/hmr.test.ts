/**
 * Hot replacement under the dev server, in Chromium: an edit of a view, a live component or a
 * function component they import reaches the open page without a reload, the assigns (the
 * view's and the component's), the focus and the WebSocket kept; new code that throws at
 * render keeps the old code running and shows the error in the overlay until the file is
 * fixed; an edit of the routes reloads the page. With LiveTSX's client and with the official
 * Phoenix LiveView client.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLogger, createServer, type ViteDevServer } from "vite";
import type { Page } from "playwright-core";
import { livetsx } from "@livetsx/vite";
import { launchBrowser } from "../../examples/test/browser.js";

const OFFICIAL_CLIENT = fileURLToPath(new URL("../../examples/test/conformance/official-client.js", import.meta.url));
let chrome: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  chrome = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await chrome?.close();
});

/** The counter view, its label and its extra markup given. */
function counter(label: string, extra = "") {
  return `import { defineView, LiveComponent } from "@livetsx/server";
import Toggle from "./toggle.tsx";
import { Badge } from "./parts.tsx";
import { hits } from "./store.ts";

export default defineView({
  mount: (_p, _s, socket) => { socket.assign({ count: 0, note: "" }); },
  events: {
    inc: (_x, socket) => { hits.count++; socket.update("count", (n: number) => n + 1); },
    note: (payload: { note?: string }, socket) => socket.assign({ note: String(payload.note ?? "") }),
  },
  render: ({ count, note }: { count: number; note: string }) => (
    <main>
      <p id="count">${label}: {count}</p>
      <button id="inc" phx-click="inc">+</button>
      <form phx-change="note"><input id="note" name="note" value={note} /></form>
      <Badge text={String(count)} />
      <LiveComponent module={Toggle} id="t" />
      ${extra}
      <div style="height: 3000px"></div>
    </main>
  ),
});
`;
}

function toggle(word: string) {
  return `import { defineComponent } from "@livetsx/server";
export default defineComponent({
  mount: (socket) => { socket.assign({ flips: 0 }); },
  events: { flip: (_x, socket) => socket.update("flips", (n: number) => n + 1) },
  render: ({ flips, myself }: { flips: number; myself: number }) => (
    <section id="toggle"><button id="flip" phx-click="flip" phx-target={myself}>${word}</button> <span id="flips">{flips}</span></section>
  ),
});
`;
}

function parts(prefix: string) {
  return `export function Badge({ text }: { text: string }) {\n  return <b id="badge">${prefix}{text}</b>;\n}\n`;
}

/** A project of its own in a temporary folder, on a dev server with the real file watcher. */
function useApp(client: "livetsx" | "official") {
  // Inside the repository, so the project resolves @livetsx/* from the workspace.
  const root = mkdtempSync(join(fileURLToPath(new URL(".", import.meta.url)), ".hmr-"));
  const logged: string[] = [];
  let server: ViteDevServer | undefined;
  const app = {
    base: "",
    logged,
    write(file: string, text: string) {
      mkdirSync(join(root, file, ".."), { recursive: true });
      writeFileSync(join(root, file), text);
    },
  };
  beforeAll(async () => {
    app.write("src/routes.ts", `import Counter from "./counter.tsx";\nexport const routes = { "/": Counter };\n`);
    app.write("src/counter.tsx", counter("Count"));
    app.write("src/toggle.tsx", toggle("Flip"));
    app.write("src/parts.tsx", parts("#"));
    // Module state a view uses: an edit of the view runs it again only when it imports the edit.
    app.write("src/store.ts", `export const hits = { count: 0 };\n`);
    const logger = createLogger("silent");
    logger.error = (msg) => void logged.push(String(msg));
    server = await createServer({
      root,
      configFile: false,
      customLogger: logger,
      plugins: [livetsx({ secret: "hmr-test-secret-0123456789-0123456789-01", ...(client === "official" ? { client: OFFICIAL_CLIENT } : {}) })],
      // `phoenix` and `phoenix_live_view` ship ESM: no pre-bundling (and no race on node_modules/.vite).
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { port: 0, host: "127.0.0.1" },
    });
    await server.listen();
    app.base = server.resolvedUrls!.local[0]!.replace(/\/$/, "");
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return app;
}

/**
 * A page on the counter, joined; the documents it loads (a reload loads another; a history
 * entry of the same document does not) and the LiveTSX sockets it opens are counted.
 */
async function openPage(base: string): Promise<{ page: Page; navigations: string[]; sockets: string[] }> {
  const page = await chrome.browser.newPage();
  const navigations: string[] = [];
  const sockets: string[] = [];
  page.on("load", () => navigations.push(page.url()));
  page.on("websocket", (ws) => {
    if (ws.url().includes("/live/websocket")) sockets.push(ws.url());
  });
  await page.goto(`${base}/`);
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
  // Gone if the document is replaced.
  await page.evaluate(() => ((window as { kept?: boolean }).kept = true));
  return { page, navigations, sockets };
}

const text = (page: Page, selector: string) => page.locator(selector).textContent();

async function clickTimes(page: Page, selector: string, times: number, shows: string, expected: string) {
  for (let i = 0; i < times; i++) await page.click(selector);
  await page.waitForFunction(([s, e]) => document.querySelector(s!)?.textContent === e, [shows, expected], { timeout: 10_000 });
}

describe.each(["livetsx", "official"] as const)("hot replacement under the dev server, %s client", (client) => {
  const app = useApp(client);
  const { write } = app;
  const open = async () => {
    const opened = await openPage(app.base);
    // The client the page runs: the official one reports its version.
    const version = await opened.page.evaluate(() => (window as { liveSocket?: { version?: () => string } }).liveSocket?.version?.());
    if (client === "official") expect(version).toMatch(/^1\.2\./);
    else expect(version).toBeUndefined();
    return opened;
  };

  test("an edited view, live component and function component reach the page with its state", async () => {
    const { page, navigations, sockets } = await open();
    await clickTimes(page, "#inc", 5, "#count", "Count: 5");
    await clickTimes(page, "#flip", 2, "#flips", "2");
    await page.fill("#note", "typed");
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>("#note")?.value === "typed");
    await page.focus("#note");
    await page.evaluate(() => window.scrollTo(0, 400));

    write("src/counter.tsx", counter("Total"));
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Total: 5", undefined, { timeout: 15_000 });
    expect(await text(page, "#flips")).toBe("2");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("note");
    expect(await page.inputValue("#note")).toBe("typed");
    expect(await page.evaluate(() => window.scrollY)).toBe(400);

    write("src/toggle.tsx", toggle("Switch"));
    await page.waitForFunction(() => document.querySelector("#flip")?.textContent === "Switch", undefined, { timeout: 15_000 });
    expect(await text(page, "#flips")).toBe("2");
    expect(await text(page, "#count")).toBe("Total: 5");

    write("src/parts.tsx", parts("n="));
    await page.waitForFunction(() => document.querySelector("#badge")?.textContent === "n=5", undefined, { timeout: 15_000 });

    // The new handlers run: the view and the component go on from the kept assigns.
    await clickTimes(page, "#inc", 1, "#count", "Total: 6");
    await clickTimes(page, "#flip", 1, "#flips", "3");
    expect(navigations).toHaveLength(1);
    expect(await page.evaluate(() => (window as { kept?: boolean }).kept)).toBe(true);
    expect(sockets).toHaveLength(1);
    await page.close();
  });

  test("module state the edit does not reach is kept", async () => {
    const { page } = await open();
    await clickTimes(page, "#inc", 1, "#count", "Total: 1");
    // A view that shows the store's count: the store module did not run again for it.
    write("src/counter.tsx", counter("Total", `<i id="hits">{String(hitsNow())}</i>`).replace(
      `import { hits } from "./store.ts";`,
      `import { hits } from "./store.ts";\nconst hitsNow = () => hits.count;`,
    ));
    // Seven clicks so far in this file (6 in the first test, 1 here).
    await page.waitForFunction(() => document.querySelector("#hits")?.textContent === "7", undefined, { timeout: 15_000 });
    await page.close();
  });

  test("new code that throws at render keeps the old code and shows the overlay until it is fixed", async () => {
    const { page, navigations, sockets } = await open();
    await clickTimes(page, "#inc", 2, "#count", "Total: 2");
    write("src/counter.tsx", counter("Broken", `{(() => { if (count >= 0) throw new Error("render exploded"); return null; })()}`));
    const overlay = page.locator("vite-error-overlay");
    await overlay.waitFor({ state: "attached", timeout: 15_000 });
    expect(await overlay.evaluate((el) => el.shadowRoot?.textContent ?? "")).toContain("render exploded");
    expect(app.logged.some((l) => l.includes("render exploded"))).toBe(true);
    // The old code runs on: the page as it was, and its events answered.
    expect(await text(page, "#count")).toBe("Total: 2");
    await page.evaluate(() => document.querySelector<HTMLButtonElement>("#inc")!.click());
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Total: 3", undefined, { timeout: 10_000 });

    // A page loaded meanwhile shows the old code, with the error in the overlay.
    const other = await chrome.browser.newPage();
    await other.goto(`${app.base}/`);
    await other.locator("vite-error-overlay").waitFor({ state: "attached", timeout: 15_000 });
    expect(await text(other, "#count")).toBe("Total: 0");
    await other.close();

    write("src/counter.tsx", counter("Fixed"));
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Fixed: 3", undefined, { timeout: 15_000 });
    await overlay.waitFor({ state: "detached", timeout: 15_000 });
    expect(navigations).toHaveLength(1);
    expect(await page.evaluate(() => (window as { kept?: boolean }).kept)).toBe(true);
    expect(sockets).toHaveLength(1);
    await page.close();
  });

  test("a compile error keeps the page as it is; the fix reaches it without a reload", async () => {
    const { page, navigations, sockets } = await open();
    await clickTimes(page, "#inc", 4, "#count", "Fixed: 4");
    write("src/counter.tsx", counter("Typo").replace(`phx-click="inc"`, `phx-click="incc"`));
    const overlay = page.locator("vite-error-overlay");
    await overlay.waitFor({ state: "attached", timeout: 15_000 });
    expect(await overlay.evaluate((el) => el.shadowRoot?.textContent ?? "")).toContain("incc");
    await page.evaluate(() => document.querySelector<HTMLButtonElement>("#inc")!.click());
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Fixed: 5", undefined, { timeout: 10_000 });

    write("src/counter.tsx", counter("Again"));
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Again: 5", undefined, { timeout: 15_000 });
    await overlay.waitFor({ state: "detached", timeout: 15_000 });
    expect(navigations).toHaveLength(1);
    expect(await page.evaluate(() => (window as { kept?: boolean }).kept)).toBe(true);
    expect(sockets).toHaveLength(1);
    await page.close();
  });

  test("two saves in a row, inside the watcher's 50 ms window for one file: the page gets the second", async () => {
    const { page, navigations } = await open();
    await clickTimes(page, "#inc", 1, "#count", "Again: 1");
    write("src/counter.tsx", counter("First"));
    write("src/counter.tsx", counter("Second"));
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Second: 1", undefined, { timeout: 15_000 });
    expect(navigations).toHaveLength(1);
    await page.close();
  });

  test("an edit of the routes module reloads the page", async () => {
    const { page, navigations } = await open();
    await clickTimes(page, "#inc", 1, "#count", "Second: 1");
    write("src/routes.ts", `import Counter from "./counter.tsx";\nexport const routes = { "/": Counter, "/also": Counter };\n`);
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "Second: 0", undefined, { timeout: 15_000 });
    // A new document, not the view mounted again in the old one. (Its `load` event may come
    // after the count shows: the server-rendered page is there before its scripts have loaded.)
    expect(await page.evaluate(() => (window as { kept?: boolean }).kept)).toBeUndefined();
    await page.waitForLoadState("load");
    expect(navigations.length).toBeGreaterThan(1);
    await page.close();
  });
});
