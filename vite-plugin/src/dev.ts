/**
 * The plugin under the dev server: live routes rendered through Vite's module runner, the
 * LiveTSX WebSocket on Vite's HTTP server (Vite's HMR socket is left alone), a reload of open
 * pages when a file they depend on changes, and a 404 page in the layout.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServerModuleRunner, type ViteDevServer } from "vite";
import { createLiveServer, defaultLayout, type LayoutPage, type LiveServer, type ViewDefinition } from "@livetsx/server";
import type { LiveTSXOptions } from "./index.js";
import { sendNotFound } from "./server/not-found.js";

/** The URL the browser loads the client entry from, through Vite. */
export const CLIENT_URL = `/@id/__x00__virtual:livetsx/client`;

/**
 * Sets up the dev server; returns the hook Vite calls after its own middlewares are in place,
 * which adds the 404 page behind them.
 */
export function configureDevServer(server: ViteDevServer, options: LiveTSXOptions, path: string): () => void {
  const live = createLiveServer({
    routes: {},
    secret: options.secret ?? process.env.LIVETSX_SECRET ?? developmentSecret(server.config.root),
    path,
    clientScript: CLIENT_URL,
    log: {
      info: (m) => server.config.logger.info(`[livetsx] ${m}`, { timestamp: true }),
      warn: (m) => server.config.logger.warn(`[livetsx] ${m}`, { timestamp: true }),
      error: (m, e) => server.config.logger.error(`[livetsx] ${m}${e instanceof Error ? `\n${e.stack ?? e.message}` : ""}`, { timestamp: true }),
    },
    ...options.server,
    verify: options.server?.verify ?? options.server?.dev ?? true,
  });
  const app = new DevApp(server, live, options);
  if (server.httpServer) live.attach(server.httpServer as never);
  server.httpServer?.once("close", () => {
    void live.close();
    void app.close();
  });
  // Before Vite's own middlewares: live routes are pages; everything else goes on to Vite.
  server.middlewares.use((req, res, next) => {
    void app.handle(req, res, next);
  });
  server.watcher.on("change", (file) => app.changed(file));
  // Loaded before the first request: after a restart the pages' rejoins come first.
  server.httpServer?.once("listening", () => void app.ensureLoaded().catch(() => undefined));
  // What neither a live route nor Vite served.
  return () => server.middlewares.use((req, res) => sendNotFound(live, req, res));
}

/** Loads routes and layout through the module runner and reloads them when files change. */
class DevApp {
  private loaded: Promise<void> | null = null;
  /** Errors already printed, so one broken file is reported once, not once per request. */
  private readonly reported = new Set<string>();
  private layout: (page: LayoutPage) => string = defaultLayout;
  private runner: ReturnType<typeof createServerModuleRunner> | null = null;

  constructor(
    private readonly server: ViteDevServer,
    private readonly live: LiveServer,
    private readonly options: LiveTSXOptions,
  ) {}

  /** Stops the module runner the views were loaded with. */
  async close(): Promise<void> {
    await this.runner?.close();
  }

  /** Starts loading the routes (at startup and after an edit); joins wait for it. */
  ensureLoaded(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.load();
      this.live.loading(this.loaded);
    }
    return this.loaded;
  }

  async handle(req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void): Promise<void> {
    try {
      await this.ensureLoaded();
    } catch (error) {
      this.loaded = null;
      return this.fail(req, res, next, error);
    }
    await this.live.handler(req, res, next);
  }

  /** Any edit may touch a view: load again on the next request and reload open pages. */
  changed(file: string): void {
    if (!/\.[cm]?[jt]sx?$/.test(file)) return;
    // Only files the server side loaded (views, routes, layout, what they import) matter here.
    const modules = this.server.environments.ssr.moduleGraph.getModulesByFile(file);
    if (this.loaded && (!modules || modules.size === 0)) return;
    this.loaded = null;
    this.reported.clear();
    this.server.environments.ssr.moduleGraph.invalidateAll();
    this.server.ws.send({ type: "full-reload" });
  }

  private async load(): Promise<void> {
    // A runner of its own, without HMR: the server's views are loaded again on the next request
    // after an edit (see `changed`), where Vite's runner would also re-run them on its full
    // reload and print any compile error a second time.
    const env = { runner: (this.runner ??= createServerModuleRunner(this.server.environments.ssr, { hmr: false })) };
    env.runner.clearCache();
    const root = this.server.config.root;
    const routesModule = await env.runner.import(resolve(root, this.options.routes ?? "src/routes.ts"));
    const routes = (routesModule.routes ?? routesModule.default) as Record<string, ViewDefinition<any>> | undefined;
    if (!routes || typeof routes !== "object") throw new Error(`${this.options.routes ?? "src/routes.ts"} must export \`routes\``);
    this.live.setRoutes(routes);
    if (this.options.layout) {
      const layoutModule = await env.runner.import(resolve(root, this.options.layout));
      const layout = (layoutModule.layout ?? layoutModule.default) as ((page: LayoutPage) => string) | undefined;
      if (typeof layout !== "function") throw new Error(`${this.options.layout} must export \`layout\``);
      this.layout = layout;
    }
    // The dev page also loads Vite's client: full reloads on edits, and the error overlay.
    const layout = this.layout;
    this.live.setLayout((page) =>
      layout(page).replace("</head>", `<script type="module" src="/@vite/client"></script></head>`),
    );
  }

  /** A failed load (a compile error in a view): a page that shows Vite's overlay. */
  private fail(req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void, error: unknown): void {
    const err = error as Error & { frame?: string; loc?: unknown; id?: string; plugin?: string };
    if (!this.reported.has(err.message)) {
      this.reported.add(err.message);
      this.server.config.logger.error(err.frame ? `${err.message}\n${err.frame}` : err.message, { timestamp: true, error: err });
    }
    // Only page requests get the error page; scripts and styles go on to Vite.
    if (!(req.headers.accept ?? "").includes("text/html")) return next();
    const payload = { message: err.message, stack: err.stack ?? "", frame: err.frame, loc: err.loc, id: err.id, plugin: err.plugin ?? "livetsx" };
    // The page shows Vite's overlay itself: an error sent over the HMR socket before the page's
    // Vite client connects would be lost.
    const script = `import { ErrorOverlay } from "/@vite/client";\ndocument.body.appendChild(new ErrorOverlay(${JSON.stringify(payload).replace(/</g, "\\u003c")}));`;
    res.writeHead(500, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html><head><meta charset="utf-8"><title>Error</title><script type="module" src="/@vite/client"></script></head>` +
        `<body><pre style="white-space: pre-wrap; overflow-wrap: anywhere">${escape(err.frame ? `${err.message}\n${err.frame}` : err.message)}</pre><script type="module">${script}</script></body></html>`,
    );
  }
}

function escape(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** A secret that survives dev server restarts, so open pages rejoin instead of reloading. */
function developmentSecret(root: string): string {
  const dir = join(root, "node_modules", ".livetsx");
  const file = join(dir, "secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // First run: make one.
  }
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

