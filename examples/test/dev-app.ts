/**
 * The Chromium tests' own small apps: a folder with `app/routes.ts` and one entry per client,
 * served by the Vite dev server with the LiveTSX plugin, once with each client.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createServer, type ViteDevServer } from "vite";
import { livetsx, type LiveTSXOptions } from "@livetsx/vite";
import { launchBrowser } from "./browser.js";

/** Each client's entry file in an app's folder: ours, and the official `phoenix_live_view` 1.2. */
export const CLIENTS = { livetsx: "livetsx-client.js", official: "official-client.js" } as const;
export type ClientName = keyof typeof CLIENTS;
export const CLIENT_NAMES = Object.keys(CLIENTS) as ClientName[];

/** One Chromium for the test file: launched before its tests, closed after. */
export function useChromium(): { readonly browser: Awaited<ReturnType<typeof launchBrowser>>["browser"] } {
  let chrome: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    chrome = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await chrome?.close();
  });
  return {
    get browser() {
      if (!chrome) throw new Error("Chromium is not launched yet: use the browser inside a test or hook");
      return chrome.browser;
    },
  };
}

/**
 * The app in `root` under the Vite dev server with `client`'s entry, for the tests of the
 * enclosing describe block: started before them on 127.0.0.1 (a port picked at run time), closed
 * after. `base` is its origin once started. `options` go to the plugin over `routes`/`client`.
 */
export function useDevApp(root: string, client: ClientName, options: Partial<LiveTSXOptions> = {}): { readonly base: string } {
  let server: ViteDevServer | undefined;
  let base = "";
  beforeAll(async () => {
    server = await createServer({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [livetsx({ routes: "app/routes.ts", client: CLIENTS[client], secret: randomBytes(48).toString("base64url"), ...options })],
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { port: 0, host: "127.0.0.1", watch: null },
    });
    await server.listen();
    base = server.resolvedUrls!.local[0]!.replace(/\/$/, "");
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });
  return {
    get base() {
      return base;
    },
  };
}
