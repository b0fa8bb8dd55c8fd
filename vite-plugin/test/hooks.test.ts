/**
 * Hooks exported from a view's own module: bundled for the browser without a registry file,
 * namespaced per module, and the browser never gets the view's server code. A small project
 * whose view imports a server-only module (with a marker string) and `node:fs`: its production
 * build has the marker in the server bundle and in no client asset, and the hooks run in Chromium
 * with LiveTSX's client and with the official client; the same under the dev server, where an
 * edit of a hook reloads the page and an edit of the view's server code alone does not.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBuilder, createServer, type ViteDevServer } from "vite";
import type { Page } from "playwright-core";
import { livetsx } from "@livetsx/vite";
import { launchBrowser } from "../../examples/test/browser.js";

const MARKER = "SERVER-ONLY-MARKER-5d1c9e";
const SECRET = "hooks-test-secret-0123456789-0123456789-012";
// Inside the repository, so the project resolves @livetsx/* from the workspace.
const root = mkdtempSync(join(fileURLToPath(new URL(".", import.meta.url)), ".hooks-"));
const children = new Set<ChildProcess>();
let chrome: Awaited<ReturnType<typeof launchBrowser>>;

function write(file: string, text: string) {
  mkdirSync(join(root, file, ".."), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** The stats view: its hook asks the server for the total and draws the reply. */
function statsView(prefix: string, heading = "Stats") {
  return `import { readFileSync } from "node:fs";
import { defineView, reply } from "@livetsx/server";
import type { Hook } from "@livetsx/client";
import { SOURCE, secretTotal } from "./db.ts";
import { label } from "./draw.ts";

const PREFIX = ${JSON.stringify(prefix)};

export const hooks = {
  Total: {
    mounted() {
      void this.pushEvent("total", {}).then((r) => {
        this.el.textContent = label(PREFIX, (r as { total: number }).total);
      });
    },
  },
} satisfies Record<string, Hook>;

export default defineView({
  mount: (_p, _s, socket) => {
    socket.assign({ size: readFileSync(new URL(import.meta.url)).length > 0 ? 1 : 0, clicks: 0, source: SOURCE });
  },
  events: {
    total: () => reply({ total: secretTotal() }),
    click: (_p, socket) => socket.update("clicks", (n: number) => n + 1),
  },
  render: ({ clicks, source }: { size: number; clicks: number; source: string }) => (
    <main data-source={source}>
      <h1 id="heading">${heading}</h1>
      <p id="total" phx-hook=".Total">waiting</p>
      <button id="click" phx-click="click">clicks {clicks}</button>
    </main>
  ),
});
`;
}

/** Another view with a hook of the same name: each page runs its own module's. */
const otherView = `import { defineView } from "@livetsx/server";
export const hooks = { Total: { mounted(this: { el: HTMLElement }) { this.el.textContent = "the other view's Total"; } } };
export default defineView({
  mount: (_p, _s, socket) => { socket.assign({}); },
  render: () => <p id="total" phx-hook=".Total">waiting</p>,
});
`;

/** The official client's entry: the views' hooks come from virtual:livetsx/hooks. */
const officialEntry = `import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { hooks } from "virtual:livetsx/hooks";
const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
window.liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token }, hooks });
window.liveSocket.connect();
`;

beforeAll(async () => {
  write("src/routes.ts", `import Stats from "./stats.tsx";\nimport Other from "./other/stats.tsx";\nexport const routes = { "/": Stats, "/other": Other };\n`);
  write("src/stats.tsx", statsView("total"));
  write("src/other/stats.tsx", otherView);
  write("src/db.ts", `const MARKER = ${JSON.stringify(MARKER)};\nexport const SOURCE = MARKER;\nexport function secretTotal(): number { return MARKER.length; }\n`);
  write("src/draw.ts", `export function label(prefix: string, n: number): string { return prefix + " " + n; }\n`);
  write("src/official.js", officialEntry);
  chrome = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await chrome?.close();
  rmSync(root, { recursive: true, force: true });
});

const CLIENTS = { livetsx: undefined, official: "src/official.js" } as const;
type Client = keyof typeof CLIENTS;

/** Opens `url`, waits for the join, checks which client runs; records the documents it loads. */
async function open(url: string, client: Client): Promise<{ page: Page; loads: () => number; errors: string[] }> {
  const page = await chrome.browser.newPage();
  let loads = 0;
  const errors: string[] = [];
  page.on("load", () => loads++);
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
  const version = await page.evaluate(() => (window as { liveSocket?: { version?: () => string } }).liveSocket?.version?.());
  if (client === "official") expect(version).toMatch(/^1\.2\./);
  else expect(version).toBeUndefined();
  return { page, loads: () => loads, errors };
}

const shows = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s!)?.textContent === t, [selector, text], { timeout: 15_000 });

/** Every file of a folder, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe.each(Object.keys(CLIENTS) as Client[])("hooks in view modules, %s client", (client) => {
  describe("production build", () => {
    const outDir = `dist-${client}`;
    let url = "";

    beforeAll(async () => {
      const builder = await createBuilder({
        root,
        configFile: false,
        logLevel: "silent",
        plugins: [livetsx({ ...(CLIENTS[client] ? { client: CLIENTS[client] } : {}) })],
        build: { outDir },
      });
      await builder.buildApp();
      const child = spawn(process.execPath, [join(root, outDir, "server/index.js")], {
        env: { ...process.env, NODE_ENV: undefined, PORT: "0", HOST: "127.0.0.1", LIVETSX_SECRET: SECRET },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.add(child);
      child.once("exit", () => children.delete(child));
      url = await new Promise<string>((resolve, reject) => {
        let output = "";
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
          if (found) resolve(found);
        };
        child.stdout!.on("data", read);
        child.stderr!.on("data", read);
        child.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
      });
    }, 120_000);

    test("the server-only module's marker is in the server bundle and in no client asset", () => {
      const server = files(join(root, outDir, "server")).map((f) => readFileSync(f, "utf8"));
      expect(server.some((text) => text.includes(MARKER))).toBe(true);
      const client = files(join(root, outDir, "client")).filter((f) => !/\.(br|gz)$/.test(f));
      expect(client.some((f) => f.endsWith(".js"))).toBe(true);
      for (const file of client) {
        const text = readFileSync(file, "utf8");
        expect(text.includes(MARKER), file).toBe(false);
        // Neither the view's server code nor node:fs came along.
        expect(text.includes("readFileSync"), file).toBe(false);
        expect(text.includes("secretTotal"), file).toBe(false);
      }
      // The hook's own code did.
      expect(client.some((f) => f.endsWith(".js") && readFileSync(f, "utf8").includes("src/stats.tsx#Total"))).toBe(true);
    });

    test("the hook runs in Chromium and draws the reply to its pushEvent", async () => {
      const { page, errors } = await open(`${url}/`, client);
      await shows(page, "#total", `total ${MARKER.length}`);
      expect(await page.getAttribute("#total", "phx-hook")).toBe("src/stats.tsx#Total");
      const other = await open(`${url}/other`, client);
      await shows(other.page, "#total", "the other view's Total");
      expect(errors.concat(other.errors)).toEqual([]);
      await page.close();
      await other.page.close();
    });
  });

  describe("dev server", () => {
    let server: ViteDevServer;
    let base = "";

    beforeAll(async () => {
      server = await createServer({
        root,
        configFile: false,
        logLevel: "silent",
        plugins: [livetsx({ secret: SECRET, ...(CLIENTS[client] ? { client: CLIENTS[client] } : {}) })],
        optimizeDeps: { noDiscovery: true, include: [] },
        server: { port: 0, host: "127.0.0.1" },
      });
      await server.listen();
      base = server.resolvedUrls!.local[0]!.replace(/\/$/, "");
    }, 60_000);
    afterAll(async () => {
      write("src/stats.tsx", statsView("total"));
      await server?.close();
    });

    test("the browser's part of the view holds the hook and none of the server code", async () => {
      const part = await (await fetch(`${base}/src/stats.tsx?livetsx-hooks`)).text();
      expect(part).toContain("src/stats.tsx#Total");
      expect(part).toContain("draw.ts");
      expect(part).not.toContain("db.ts");
      expect(part).not.toContain("node:fs");
      expect(part).not.toContain("defineView");
    });

    test("the hook runs; an edit of it reloads the page, an edit of the view's markup alone does not", async () => {
      const { page, loads, errors } = await open(`${base}/`, client);
      await shows(page, "#total", `total ${MARKER.length}`);
      await page.click("#click");
      await shows(page, "#click", "clicks 1");
      // The server code alone: replaced in place, the count kept, no reload.
      write("src/stats.tsx", statsView("total", "Statistics"));
      await shows(page, "#heading", "Statistics");
      expect(await page.textContent("#click")).toBe("clicks 1");
      expect(loads()).toBe(1);
      // The hook: the page reloads and runs the new hook.
      write("src/stats.tsx", statsView("sum", "Statistics"));
      await shows(page, "#total", `sum ${MARKER.length}`).catch(async (error: Error) => {
        // Where the page stood, so a failure says whether it reloaded and what the hook drew.
        const total = await page.textContent("#total").catch(() => "(no #total)");
        throw new Error(`${error.message}\nloads: ${loads()}, #total: ${JSON.stringify(total)}, heading: ${JSON.stringify(await page.textContent("#heading").catch(() => null))}, errors: ${JSON.stringify(errors)}`);
      });
      await page.waitForSelector("[data-phx-main].phx-connected");
      // The new document's `load` event can come after its view has joined.
      await page.waitForLoadState("load");
      expect(loads()).toBe(2);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
