/**
 * The Vite plugin on a real dev server: live routes through the module runner, the client entry,
 * Vite's HMR socket next to ours, and a compile error in the terminal log and the error overlay.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import { createLogger, createServer, type ViteDevServer } from "vite";
import { livetsx } from "@livetsx/vite";
import { freePort, launchBrowser } from "../../examples/test/browser.js";

// Inside the repository, so the project resolves @livetsx/* from the workspace.
const root = mkdtempSync(join(fileURLToPath(new URL(".", import.meta.url)), ".project-"));
const logged: string[] = [];
let server: ViteDevServer;
let base: string;

function write(file: string, text: string) {
  mkdirSync(join(root, file, ".."), { recursive: true });
  writeFileSync(join(root, file), text);
}

beforeAll(async () => {
  write("src/routes.ts", `import Hello from "./hello.tsx";\nimport Broken from "./broken-route.ts";\nexport const routes = { "/": Hello, "/broken": Broken };\n`);
  write("src/hello.tsx", `import { defineView } from "@livetsx/server";\nexport default defineView({\n  mount: (_p, _s, socket) => { socket.assign({ n: 1 }); },\n  events: { inc: (_x, socket) => socket.update("n", (n: number) => n + 1) },\n  render: ({ n }: { n: number }) => <p phx-click="inc">{n}</p>,\n});\n`);
  write("src/broken-route.ts", `export default { render: () => null };\n`);
  const logger = createLogger("silent");
  logger.error = (msg) => void logged.push(String(msg));
  logger.warn = (msg) => void logged.push(String(msg));
  server = await createServer({
    root,
    configFile: false,
    customLogger: logger,
    plugins: [livetsx({ secret: "plugin-test-secret-0123456789-0123456789" })],
    server: { port: 0, host: "127.0.0.1" },
  });
  await server.listen();
  base = server.resolvedUrls!.local[0]!.replace(/\/$/, "");
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("livetsx() in the dev server", () => {
  test("a live route renders through the module runner, with the client entry and Vite's client", async () => {
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toMatch(/<div id="phx-[^"]+" data-phx-main [^>]*><p phx-click="inc">1<\/p><\/div>/);
    expect(html).toContain('<script type="module" src="/@id/__x00__virtual:livetsx/client"></script>');
    expect(html).toContain('<script type="module" src="/@vite/client"></script>');
    const entry = await (await fetch(`${base}/@id/__x00__virtual:livetsx/client`)).text();
    // The views' hooks (none here) go to the LiveSocket.
    expect(entry).toMatch(/new LiveSocket\("\/live", \{ hooks \}\)/);
    const hooks = await (await fetch(`${base}/@id/__x00__virtual:livetsx/hooks`)).text();
    expect(hooks).toMatch(/export const hooks = \{\s*\}/);
  });

  test("other paths go on to Vite", async () => {
    expect((await fetch(`${base}/src/routes.ts`)).status).toBe(200);
  });

  test("a path that is neither a live route nor a file gets a 404 page in the layout", async () => {
    const res = await fetch(`${base}/nope?x=1`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("<title>Page not found</title>");
    expect(html).toContain("Nothing lives at <code>/nope</code>");
    expect(html).toContain('<script type="module" src="/@id/__x00__virtual:livetsx/client"></script>');
    expect(html).toContain('<script type="module" src="/@vite/client"></script>');
    const asset = await fetch(`${base}/nope.png`);
    expect(asset.status).toBe(404);
    expect(await asset.text()).toBe("Not Found");
  });

  test("Vite's HMR socket still answers next to the LiveTSX socket", async () => {
    const ws = new WebSocket(base.replace("http", "ws") + "/", "vite-hmr");
    const first = await new Promise<string>((resolve, reject) => {
      ws.once("message", (d) => resolve(d.toString()));
      ws.once("error", reject);
    });
    expect(JSON.parse(first)).toMatchObject({ type: "connected" });
    ws.close();
  });

  test("a compile error shows file:line:column in the terminal and in the error overlay", async () => {
    write("src/broken-route.ts", `import Bad from "./bad.tsx";\nexport default Bad;\n`);
    write("src/bad.tsx", `import { defineView } from "@livetsx/server";\nexport default defineView({\n  events: { inc: () => {} },\n  render: () => <button phx-click="incc">+</button>,\n});\n`);
    server.watcher.emit("change", join(root, "src/routes.ts"));
    const res = await fetch(`${base}/broken`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(500);
    const where = "src/bad.tsx:4:35";
    expect(await res.text()).toContain(where);
    // Once in the terminal, with its frame, and nothing else printed with it.
    const lines = logged.filter((l) => l.includes(where));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("unknown-event");
    expect(lines[0]).toContain('> 4 |   render: () => <button phx-click="incc">+</button>,');
    expect(lines[0]).not.toContain("undefined");

    const chrome = await launchBrowser();
    try {
      const page = await chrome.browser.newPage();
      await page.goto(`${base}/broken`);
      const overlay = page.locator("vite-error-overlay");
      await overlay.waitFor({ state: "attached", timeout: 10_000 });
      const shown = await overlay.evaluate((el) => el.shadowRoot?.textContent ?? "");
      expect(shown).toContain(where);
      expect(shown).toContain('phx-click="incc"');
      // The headline above the frame, the frame once, and the link's line:column as the headline's.
      const parts = await overlay.evaluate((el) => {
        const text = (selector: string) => el.shadowRoot?.querySelector(selector)?.textContent ?? "";
        return { message: text(".message"), file: text(".file"), frame: text(".frame") };
      });
      expect(parts.message).toContain(where);
      expect(parts.message).not.toContain(" | ");
      expect(parts.file).toMatch(/src\/bad\.tsx:4:35$/);
      expect(parts.frame.match(/> 4 \|/g)).toHaveLength(1);
      // The page behind the overlay is no wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      await chrome.close();
    }
  });
});

describe("the dev server's port", () => {
  const start = async (server: { port?: number; strictPort?: boolean }) => {
    const dev = await createServer({ root, configFile: false, logLevel: "silent", plugins: [livetsx({ secret: "plugin-test-secret-0123456789-0123456789" })], server: { host: "127.0.0.1", ...server } });
    await dev.listen();
    return dev;
  };

  test("is PORT when neither the config nor the command line gives one", async () => {
    const port = await freePort();
    process.env.PORT = String(port);
    try {
      const dev = await start({});
      try {
        expect(dev.resolvedUrls!.local[0]).toBe(`http://127.0.0.1:${port}/`);
        expect((await fetch(`http://127.0.0.1:${port}/@vite/client`)).status).toBe(200);
      } finally {
        await dev.close();
      }
    } finally {
      delete process.env.PORT;
    }
  });

  test("is server.port (what --port sets) over PORT", async () => {
    const [port, other] = [await freePort(), await freePort()];
    process.env.PORT = String(other);
    try {
      const dev = await start({ port, strictPort: true });
      try {
        expect(dev.resolvedUrls!.local[0]).toBe(`http://127.0.0.1:${port}/`);
      } finally {
        await dev.close();
      }
    } finally {
      delete process.env.PORT;
    }
  });
});
