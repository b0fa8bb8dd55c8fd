/**
 * The ported end-to-end app on a Node HTTP server, as upstream's test_helper.exs serves the
 * Elixir one: the live routes of `app/routes.ts` (views compiled by the LiveTSX compiler and
 * loaded through Vite's module runner), `/health`, `/eval` (evalPlug), `/submit` (the params
 * echoed as JSON), the Phoenix socket script, the LiveView client the page imports (the official
 * one, or ours behind the same module URL), the colocated hooks module, `@floating-ui/dom` (with `core`) and
 * `/tmp`.
 *
 * `node server.mjs --client=official|livetsx [--port=N]` runs it by hand; the runner calls
 * `startApp()`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer as createViteServer } from "vite";
import { compile, CompileError, formatDiagnostic } from "@livetsx/compiler";
import { createLiveServer, createRouter, decodeParams } from "@livetsx/server";

const HERE = dirname(fileURLToPath(import.meta.url));
const APP = join(HERE, "app");
/** A package's folder in the nearest node_modules holding it (these two export no package.json). */
function packageDir(name) {
  for (let dir = HERE; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", name, "package.json"))) return join(dir, "node_modules", name);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (npm ci)`);
  }
}
const PHOENIX_STATIC = join(packageDir("phoenix"), "priv", "static");
const LIVE_VIEW_STATIC = join(packageDir("phoenix_live_view"), "priv", "static");
/** `@floating-ui/dom`'s and `@floating-ui/core`'s browser ESM builds, which PortalLive's layout imports (upstream: a CDN). */
const FLOATING_UI = { "dom.mjs": [join(packageDir("@floating-ui/dom"), "dist"), "floating-ui.dom.browser.mjs"], "core.mjs": [join(packageDir("@floating-ui/core"), "dist"), "floating-ui.core.browser.mjs"] };
/** Where the page imports the LiveView client from, whichever client runs. */
const CLIENT_URL = "/assets/phoenix_live_view/phoenix_live_view.esm.js";
/** The largest request body /eval and /submit read. */
const MAX_BODY = 1024 * 1024;

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json", ".css": "text/css", ".html": "text/html", ".txt": "text/plain", ".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml" };

/** Compiles the app's `.tsx` views with the LiveTSX compiler, as the Vite plugin does. */
function compileViews() {
  return {
    name: "livetsx-e2e-views",
    enforce: "pre",
    transform(code, id) {
      const file = id.split("?")[0];
      if (!file.endsWith(".tsx") || file.includes("/node_modules/")) return null;
      try {
        const result = compile(code, { filename: file, sourceInfo: true });
        for (const d of result.diagnostics) console.warn(formatDiagnostic(d));
        return { code: result.code, map: result.map };
      } catch (error) {
        if (error instanceof CompileError) this.error(error.message);
        throw error;
      }
    },
  };
}

/**
 * Starts the app on 127.0.0.1 (`port` 0: a free one). `client` picks the LiveView client the
 * layouts import. Resolves once it listens; `close()` stops the live server, Vite and HTTP.
 */
export async function startApp({ client = "official", port = 0, log = console } = {}) {
  if (client !== "official" && client !== "livetsx") throw new Error(`--client must be official or livetsx, not ${client}`);
  const vite = await createViteServer({
    root: HERE,
    configFile: false,
    appType: "custom",
    logLevel: "warn",
    plugins: [compileViews()],
    ssr: { external: ["@livetsx/server"] },
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  });
  const app = await vite.ssrLoadModule(join(APP, "routes.ts"));
  const { liveSessions, layoutOf, evalPlug } = app;
  const routeTable = {};
  for (const group of Object.values(liveSessions)) Object.assign(routeTable, group);
  const router = createRouter(routeTable);
  const requests = new AsyncLocalStorage();

  const live = createLiveServer({
    routes: {},
    liveSessions,
    secret: randomBytes(48).toString("base64url"),
    clientScript: CLIENT_URL,
    title: "Phoenix LiveView e2e",
    // The specs fire events faster than a person would; the suite is one trusted client.
    eventRate: Infinity,
    dev: false,
    verify: false,
    log,
    layout: (page) => {
      const url = requests.getStore() ?? "/";
      const match = router.match(url);
      return layoutOf(match?.pattern ?? new URL(url, "http://localhost").pathname, page, { client, url });
    },
  });

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error) => {
      log.error(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error?.stack ?? error));
    });
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    if (path === "/health") return text(res, 200, "OK");
    // Debian's Chromium asks for a favicon (Playwright's own headless shell does not); a 404
    // would be a console error, which some specs count.
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    if (path === "/eval" && req.method === "POST") {
      const { code } = JSON.parse((await body(req)).toString("utf8") || "{}");
      return json(res, 200, await evalPlug(code));
    }
    if (path === "/__sandbox/eval" && req.method === "POST") {
      const { view, code } = JSON.parse((await body(req)).toString("utf8") || "{}");
      return json(res, 200, await app.evalInView(view, code));
    }
    if (path === "/submit" && req.method === "POST") return json(res, 200, await submitted(req));
    if (path === CLIENT_URL && client === "livetsx") {
      // Our client behind the official module's URL: Vite serves (and transforms) the shim.
      res.writeHead(302, { location: "/client/livetsx.js" });
      return res.end();
    }
    if (path === "/assets/colocated/index.js") {
      res.writeHead(302, { location: "/client/colocated.js" });
      return res.end();
    }
    const floating = path.startsWith("/assets/floating-ui/") ? FLOATING_UI[path.slice("/assets/floating-ui/".length)] : undefined;
    if (floating) return file(req, res, ...floating);
    if (path.startsWith("/assets/phoenix/")) return file(req, res, PHOENIX_STATIC, path.slice("/assets/phoenix/".length));
    if (path.startsWith("/assets/phoenix_live_view/")) return file(req, res, LIVE_VIEW_STATIC, path.slice("/assets/phoenix_live_view/".length));
    if (path.startsWith("/tmp/")) return file(req, res, tmpdir(), path.slice("/tmp/".length));
    const dead = app.deadRoutes?.[path];
    if (dead && req.method === "GET") return requests.run(url.pathname + url.search, () => live.sendPage(req, res, dead(url)));
    await requests.run(url.pathname + url.search, () =>
      live.handler(req, res, () => vite.middlewares(req, res, () => text(res, 404, "Not Found"))),
    );
  }

  live.attach(server);
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", done);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    async close() {
      await live.close();
      server.closeAllConnections?.();
      await new Promise((done) => server.close(() => done()));
      await vite.close();
    },
  };
}

function text(res, status, body) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

function json(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value === undefined ? null : value));
}

/**
 * A file under `root`, never above it. Revalidated on every use, as Plug.Static serves upstream's
 * assets: an ETag of its size and mtime, and 304 while it matches, so that a page reloading in a
 * loop (errors.spec's failsafe) does not fetch and compile the clients again each time.
 */
function file(req, res, root, relative) {
  const target = normalize(join(root, decodeURIComponent(relative)));
  if (!target.startsWith(resolve(root) + sep) || !existsSync(target)) return text(res, 404, "Not Found");
  const stats = statSync(target);
  if (!stats.isFile()) return text(res, 404, "Not Found");
  const etag = `"${stats.size.toString(36)}-${Math.trunc(stats.mtimeMs).toString(36)}"`;
  const headers = { "content-type": TYPES[extname(target)] ?? "application/octet-stream", "cache-control": "no-cache", etag };
  if (req.headers["if-none-match"] === etag) return void res.writeHead(304, headers).end();
  res.writeHead(200, headers);
  createReadStream(target).pipe(res);
}

function body(req) {
  return new Promise((done, fail) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Error(`request body over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => done(Buffer.concat(chunks)));
    req.on("error", fail);
  });
}

/** A form post's params, decoded as Plug decodes them (urlencoded, multipart or JSON). */
async function submitted(req) {
  const type = req.headers["content-type"] ?? "";
  const raw = await body(req);
  if (type.startsWith("application/json")) return JSON.parse(raw.toString("utf8") || "{}");
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const pairs = new URLSearchParams();
    for (const [key, value] of form) pairs.append(key, typeof value === "string" ? value : value.name);
    return decodeParams(pairs.toString());
  }
  return decodeParams(raw.toString("utf8"));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const running = await startApp({ client: arg("client") ?? "official", port: Number(arg("port") ?? 4004) });
  console.log(`Phoenix e2e app (${arg("client") ?? "official"} client) on ${running.url}`);
}
