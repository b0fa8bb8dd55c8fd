/**
 * What the end-to-end tests drive: the demo app on a real Vite dev server (with the LiveTSX
 * plugin) or, in the `e2e-production` project, its production build, on loopback; and Debian's
 * Chromium through playwright-core.
 */
import { existsSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page, type WebSocket } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { PRODUCTION, startProductionDemo } from "./production.js";

export const EXAMPLES = fileURLToPath(new URL("..", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A free port on loopback, so a restarted server can come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startDemo(port: number, root = EXAMPLES): Promise<ViteDevServer> {
  const server = await createServer({
    root,
    configFile: join(root, "vite.config.ts"),
    logLevel: "silent",
    server: { port, host: "127.0.0.1", strictPort: true, hmr: { port: undefined } },
  });
  await server.listen();
  return server;
}

/** Launches Chromium; a machine without it fails here, loudly, never skips. */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  // playwright-core starts Chromium with a fresh, temporary profile of its own on every launch.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** The demo app and Chromium for one test file. */
export interface DemoSuite {
  readonly browser: Browser;
  readonly port: number;
  url(path: string): string;
  /** Stops the server (the pages stay open, their socket drops). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/**
 * The demo on `port`: the Vite dev server, or with `LIVETSX_DEMO_SERVER=production` (the
 * `e2e-production` project) the production build in a child process, stopped by SIGTERM.
 */
async function startDemoServer(port: number): Promise<{ close(): Promise<void> }> {
  return PRODUCTION ? startProductionDemo(port) : startDemo(port);
}

/**
 * Starts the demo on a free port and Chromium before the file's tests, and stops both after.
 * Call at the top level of a test file.
 */
export function useDemo(hooks: { beforeAll: (fn: () => Promise<void>, timeout?: number) => void; afterAll: (fn: () => Promise<void>) => void }): DemoSuite {
  let server: { close(): Promise<void> } | null = null;
  let chrome: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  let port = 0;
  const suite: DemoSuite = {
    get browser() {
      if (!chrome) throw new Error("the demo suite has not started");
      return chrome.browser;
    },
    get port() {
      return port;
    },
    url: (path) => `http://127.0.0.1:${port}${path}`,
    async stop() {
      await server?.close();
      server = null;
    },
    async start() {
      server = await startDemoServer(port);
    },
  };
  hooks.beforeAll(async () => {
    port = await freePort();
    server = await startDemoServer(port);
    chrome = await launchBrowser();
  }, 60_000);
  hooks.afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });
  return suite;
}

/** A Phoenix Channels V2 frame, decoded: `[joinRef, ref, topic, event, payload]`. */
export type Frame = [string | null, string | null, string, string, Record<string, any>];

export interface OpenedPage {
  page: Page;
  /** Uncaught errors in the page. */
  errors: string[];
  /** The LiveTSX frames the page sent and received, decoded. */
  sent: Frame[];
  received: Frame[];
  /** The LiveTSX WebSockets the page opened. */
  sockets: WebSocket[];
  /** How many times the document loaded. */
  loads(): number;
}

/**
 * Opens `url` in a new page and waits until its view has joined, collecting what
 * {@link OpenedPage} holds; sets `window.marker`, which only lives as long as the document.
 * `noViteClient`: in development Vite's own client reloads the page when its server comes back
 * (a production page has no such client); stubbed, it leaves the reconnect to our client alone.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: {
    noViteClient?: boolean;
    viewport?: { width: number; height: number };
    clock?: boolean;
    /** Runs on the new page before it loads (to route its requests or its WebSocket, say). */
    before?: (page: Page) => Promise<void>;
  } = {},
): Promise<OpenedPage> {
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  if (options.clock) await installClock(page);
  await options.before?.(page);
  if (options.noViteClient) {
    await page.route("**/@vite/client", (route) => route.fulfill({ contentType: "text/javascript", body: "export {};" }));
  }
  const opened: OpenedPage = { page, errors: [], sent: [], received: [], sockets: [], loads: () => loads };
  let loads = 0;
  page.on("pageerror", (e) => opened.errors.push(e.message));
  page.on("load", () => loads++);
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/live/websocket")) return;
    opened.sockets.push(ws);
    ws.on("framesent", (f) => opened.sent.push(JSON.parse(String(f.payload)) as Frame));
    ws.on("framereceived", (f) => opened.received.push(JSON.parse(String(f.payload)) as Frame));
  });
  await page.goto(url);
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  return opened;
}

/**
 * Gives the page Playwright's fake clock (before it loads), which follows real time until
 * {@link pauseClock}. Every frame the page's LiveTSX sockets send is also recorded in the page,
 * in the order of the `send` calls ({@link sentInPage}), for counts that must not depend on when
 * Playwright's own frame events arrive.
 */
export async function installClock(page: Page): Promise<void> {
  await page.clock.install();
  await page.addInitScript(() => {
    const sent: string[] = [];
    (window as unknown as { __livetsxSent: string[] }).__livetsxSent = sent;
    const send = globalThis.WebSocket.prototype.send;
    globalThis.WebSocket.prototype.send = function (this: globalThis.WebSocket, data) {
      if (this.url.includes("/live/websocket") && typeof data === "string") sent.push(data);
      return send.call(this, data);
    };
  });
}

/**
 * Stops the page's (installed) clock: timers, `Date.now()` and `performance.now()` stand still
 * until `page.clock.runFor(ms)` moves them, so a debounce or throttle period lasts exactly as
 * long as the test says, however slow the machine. It stops a moment ahead of the page's time
 * (Playwright cannot go back); jumping there fires what falls due on the way, which at a quiet
 * moment is nothing. A machine so slow that the page's time passed that moment meanwhile gets
 * a moment further ahead.
 */
export async function pauseClock(page: Page): Promise<void> {
  for (let ahead = 1000; ; ahead *= 4) {
    const now = Math.max(Date.now(), await page.evaluate(() => Date.now()));
    try {
      await page.clock.pauseAt(now + ahead);
      return;
    } catch (error) {
      if (!String(error).includes("to the past") || ahead >= 64_000) throw error;
    }
  }
}

/** The `event` frames for `name` that the page's sockets have sent so far (see {@link installClock}). */
export async function sentInPage(page: Page, name: string): Promise<Frame[]> {
  const frames = await page.evaluate(() => (window as unknown as { __livetsxSent: string[] }).__livetsxSent);
  return frames.map((f) => JSON.parse(f) as Frame).filter((f) => f[3] === "event" && f[4].event === name);
}

/** Replies other than "ok", and crashes: what the server refused of what the page sent. */
export function refused(sent: Frame[], received: Frame[]): string[] {
  return received
    .filter((f) => f[3] === "phx_error" || (f[3] === "phx_reply" && f[4].status !== "ok"))
    .map((f) => {
      const request = sent.find((r) => r[1] === f[1] && r[2] === f[2]);
      return `${request?.[3]} ${JSON.stringify(request?.[4]).slice(0, 120)} → ${JSON.stringify(f[4])}`;
    });
}
