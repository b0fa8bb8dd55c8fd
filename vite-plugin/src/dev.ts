/**
 * The plugin under the dev server: live routes rendered through Vite's module runner, the
 * LiveTSX WebSocket on Vite's HTTP server (Vite's HMR socket is left alone), edited views
 * replaced in place in the open pages (their state kept), and a 404 page in the layout.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServerModuleRunner, type ViteDevServer } from "vite";
import { beginHotUpdate, createLiveServer, defaultLayout, isHot, type LayoutPage, type LiveServer, type LiveSessions, type ViewDefinition } from "@livetsx/server";
import { liveSessionRoutes, wrapLayouts } from "./server/live-sessions.js";
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

/**
 * Loads routes and layout through the module runner. An edit of a view, a live component or
 * anything they import is replaced in place (hot replacement): the edited module and its
 * importers run again, the views' and components' definitions take the new code (see
 * `@livetsx/server`'s `hot.ts`), and every joined view renders again, whole, with the assigns it
 * has. An edit of the routes or the layout module reloads the pages.
 */
class DevApp {
  private loaded: Promise<void> | null = null;
  /** Errors already printed, so one broken file is reported once, not once per request. */
  private readonly reported = new Set<string>();
  /** Each file's last reported change, with its modification time then, until looked at again. */
  private readonly lastReported = new Map<string, { seen: number | null }>();
  private layout: (page: LayoutPage) => string = defaultLayout;
  private runner: ReturnType<typeof createServerModuleRunner> | null = null;
  /**
   * Whether the runner holds the modules of the last load that was applied: an edit then runs
   * again only the edited module and its importers. After a failed load every module runs again.
   */
  private current = false;
  /** The routes of the last applied load, to tell a hot update from one that needs a reload. */
  private routes: Record<string, unknown> | null = null;
  /** New code that failed to render and was taken back: new pages show it in the overlay. */
  private renderError: unknown = null;

  constructor(
    private readonly server: ViteDevServer,
    private readonly live: LiveServer,
    private readonly options: LiveTSXOptions,
  ) {}

  /** Set once the dev server closes: a late look at a file changes nothing then. */
  private closed = false;

  /** Stops the module runner the views were loaded with. */
  async close(): Promise<void> {
    this.closed = true;
    await this.runner?.close();
  }

  /** Starts loading the routes (at startup and after a failed load); joins wait for it. */
  ensureLoaded(): Promise<void> {
    return this.loaded ?? this.track(this.update(null));
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

  /** An edited file: replaced in place when views use it, a reload when it is the routes or layout. */
  changed(file: string): void {
    if (this.closed || !/\.[cm]?[jt]sx?$/.test(file)) return;
    this.lookAgain(file);
    // Only files the server side loaded (views, routes, layout, what they import) matter here.
    const graph = this.server.environments.ssr.moduleGraph;
    const modules = graph.getModulesByFile(file);
    if (this.loaded && (!modules || modules.size === 0)) return;
    this.reported.clear();
    for (const module of modules ?? []) graph.invalidateModule(module);
    if (this.reloads(file)) {
      this.loaded = null;
      this.current = false;
      graph.invalidateAll();
      this.server.ws.send({ type: "full-reload" });
      return;
    }
    const previous = this.loaded ?? Promise.resolve();
    this.track(previous.catch(() => undefined).then(() => this.update(file)));
  }

  /**
   * The watcher reports one change of a file per 50 ms (chokidar's throttle, longer when the
   * event loop is busy) and drops the others: a second save inside that window (a save, then a
   * formatter's; a script writing twice) would go unseen and the page keep the first version.
   * The file is looked at again once the window has passed, and a write since the last change
   * reported is reported again through the watcher, so every part of the dev server sees it:
   * this in-place update and Vite's own hot update (the browser's hooks of a view included).
   */
  private lookAgain(file: string): void {
    const report = { seen: mtimeOf(file) };
    this.lastReported.set(file, report);
    setTimeout(() => {
      // A later report looks again itself.
      if (this.closed || this.lastReported.get(file) !== report) return;
      this.lastReported.delete(file);
      const now = mtimeOf(file);
      if (now !== null && now !== report.seen) this.server.watcher.emit("change", file);
    }, 80).unref();
  }

  /** The routes and layout modules: what they change is outside any view. */
  private reloads(file: string): boolean {
    const root = this.server.config.root;
    const own = [this.options.routes ?? "src/routes.ts", this.options.layout].filter((f): f is string => !!f).map((f) => resolve(root, f));
    return own.includes(resolve(file));
  }

  private track(work: Promise<void>): Promise<void> {
    this.loaded = work;
    this.live.loading(work);
    return work;
  }

  /**
   * Loads the app (`file`: after an edit of it), applies the new code to the definitions already
   * loaded and renders the joined views again; a load that fails changes nothing and rejects,
   * new code that fails to render is taken back. Either failure is shown in the overlay.
   */
  private async update(file: string | null): Promise<void> {
    // A runner of its own, without Vite's HMR: what runs again is decided here.
    const runner = (this.runner ??= createServerModuleRunner(this.server.environments.ssr, { hmr: false }));
    if (file !== null && this.current) invalidate(runner, file);
    else runner.clearCache();
    this.current = false;
    const update = await beginHotUpdate();
    try {
      let app: LoadedApp;
      try {
        app = await this.load(runner);
        update.apply();
      } catch (error) {
        this.report(error);
        throw error;
      }
      const first = this.routes === null;
      const every = { ...app.routes, ...liveSessionRoutes(app.liveSessions) };
      const hot = !first && sameRoutes(this.routes!, every);
      // A live session's own layout gets the dev scripts as the app's layout does.
      const devLayout = (layout: (page: LayoutPage) => string) => (page: LayoutPage) => layout(page).replace("</head>", `${devScripts(this.renderError)}</head>`);
      this.live.setRoutes(app.routes, wrapLayouts(app.liveSessions, devLayout));
      this.setLayout(app.layout);
      this.routes = every;
      this.current = true;
      // An error page open since a failed first load reloads.
      if (first) return this.server.ws.send({ type: "custom", event: "livetsx:update", data: {} });
      if (!hot) {
        // A view that is not a definition the runtime keeps (a plain object): only a reload
        // gives its pages the new code.
        this.clearRenderError();
        this.server.ws.send({ type: "full-reload" });
        return;
      }
      const failures = await this.live.rerender();
      if (failures.length === 0) {
        this.clearRenderError();
        this.server.ws.send({ type: "custom", event: "livetsx:update", data: {} });
        return;
      }
      // The new code throws at render: the old code goes back and renders what it rendered.
      update.revert();
      this.current = false;
      await this.live.rerender();
      const { error, topic } = failures[0]!;
      this.renderError = error;
      this.setLayout(app.layout);
      this.report(error, `The view ${topic} kept its previous code until this is fixed.`);
    } finally {
      update.end();
    }
  }

  private clearRenderError(): void {
    if (this.renderError === null) return;
    this.renderError = null;
    this.setLayout(this.layout);
  }

  private async load(runner: ReturnType<typeof createServerModuleRunner>): Promise<LoadedApp> {
    const root = this.server.config.root;
    const routesModule = await runner.import(resolve(root, this.options.routes ?? "src/routes.ts"));
    const routes = (routesModule.routes ?? routesModule.default) as Record<string, ViewDefinition<any>> | undefined;
    if (!routes || typeof routes !== "object") throw new Error(`${this.options.routes ?? "src/routes.ts"} must export \`routes\``);
    const liveSessions = (routesModule.liveSessions ?? {}) as LiveSessions;
    if (typeof liveSessions !== "object" || liveSessions === null) throw new Error(`${this.options.routes ?? "src/routes.ts"}: \`liveSessions\` must be an object of live sessions`);
    for (const [path, view] of Object.entries({ ...routes, ...liveSessionRoutes(liveSessions) })) {
      if (typeof (view as ViewDefinition | undefined)?.render !== "function") {
        throw new Error(`${this.options.routes ?? "src/routes.ts"}: the route ${path.replace("\u0000", " ")} is not a view (got ${view === null ? "null" : typeof view}); is its module's export missing?`);
      }
    }
    let layout = this.layout;
    if (this.options.layout) {
      const layoutModule = await runner.import(resolve(root, this.options.layout));
      layout = (layoutModule.layout ?? layoutModule.default) as (page: LayoutPage) => string;
      if (typeof layout !== "function") throw new Error(`${this.options.layout} must export \`layout\``);
    }
    return { routes, liveSessions, layout };
  }

  /** The dev page also loads Vite's client (reloads, the error overlay) and listens for updates. */
  private setLayout(layout: (page: LayoutPage) => string): void {
    this.layout = layout;
    this.live.setLayout((page) => layout(page).replace("</head>", `${devScripts(this.renderError)}</head>`));
  }

  /** An error in the terminal (once) and in the overlay of the open pages. */
  private report(error: unknown, note?: string): void {
    this.log(error, note);
    this.server.ws.send({ type: "error", err: overlayPayload(error, note) });
  }

  /** Prints an error once, with its code frame. */
  private log(error: unknown, note?: string): void {
    const err: Error & { frame?: string } = error instanceof Error ? error : new Error(String(error));
    const text = [err.frame ? `${err.message}\n${err.frame}` : (err.stack ?? err.message), note].filter(Boolean).join("\n");
    if (this.reported.has(text)) return;
    this.reported.add(text);
    this.server.config.logger.error(text, { timestamp: true, error: err });
  }

  /** A failed load (a compile error in a view): a page that shows Vite's overlay. */
  private fail(req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void, error: unknown): void {
    const err = error as Error & { frame?: string };
    this.log(error);
    // Only page requests get the error page; scripts and styles go on to Vite.
    if (!(req.headers.accept ?? "").includes("text/html")) return next();
    // The page shows Vite's overlay itself: an error sent over the HMR socket before the page's
    // Vite client connects would be lost. It reloads once an edit loads.
    const script =
      `import { ErrorOverlay, createHotContext } from "/@vite/client";\n` +
      `document.body.appendChild(new ErrorOverlay(${json(overlayPayload(error))}));\n` +
      `createHotContext("/@livetsx/error-page").on("livetsx:update", () => location.reload());`;
    res.writeHead(500, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html><head><meta charset="utf-8"><title>Error</title><script type="module" src="/@vite/client"></script></head>` +
        `<body><pre style="white-space: pre-wrap; overflow-wrap: anywhere">${escape(err.frame ? `${err.message}\n${err.frame}` : err.message)}</pre><script type="module">${script}</script></body></html>`,
    );
  }
}

interface LoadedApp {
  routes: Record<string, ViewDefinition<any>>;
  liveSessions: LiveSessions;
  layout: (page: LayoutPage) => string;
}

/**
 * Marks the edited file's modules and every module that imports them, transitively, to run
 * again on the next import; the others keep their instances (and their state).
 */
function invalidate(runner: ReturnType<typeof createServerModuleRunner>, file: string): void {
  const modules = runner.evaluatedModules;
  const queue = [...(modules.getModulesByFile(file) ?? [])];
  const seen = new Set(queue);
  for (let node = queue.pop(); node; node = queue.pop()) {
    modules.invalidateModule(node);
    for (const id of node.importers) {
      const importer = modules.getModuleById(id);
      if (importer && !seen.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
}

/**
 * The same paths to the same definitions, each one the runtime keeps (`hot`): a hot update
 * then reaches every view through the objects it already has.
 */
function sameRoutes(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  const keys = Object.keys(after);
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((k) => Object.hasOwn(before, k) && before[k] === after[k] && typeof after[k] === "object" && after[k] !== null && isHot(after[k]));
}

/** What Vite's overlay shows of an error. */
function overlayPayload(error: unknown, note?: string) {
  const err = (error instanceof Error ? error : new Error(String(error))) as Error & {
    frame?: string;
    loc?: { file?: string; line: number; column: number };
    id?: string;
    plugin?: string;
  };
  const message = note ? `${err.message}\n\n${note}` : err.message;
  return { message, stack: err.stack ?? "", frame: err.frame, loc: err.loc, id: err.id, plugin: err.plugin ?? "livetsx" };
}

function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * Vite's client, and a listener that closes the overlay once an edit renders; with the error
 * of new code that was taken back, the overlay shows it on a page loaded meanwhile.
 */
function devScripts(renderError: unknown): string {
  const shown = renderError
    ? `document.body.appendChild(new ErrorOverlay(${json(overlayPayload(renderError, "The page shows the view's previous code until this is fixed."))}));\n`
    : "";
  return (
    `<script type="module" src="/@vite/client"></script>` +
    `<script type="module">import { ErrorOverlay, createHotContext } from "/@vite/client";\n${shown}` +
    `createHotContext("/@livetsx/page").on("livetsx:update", () => document.querySelectorAll("vite-error-overlay").forEach((o) => o.close()));</script>`
  );
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

/** A file's modification time, or null when it cannot be read (deleted meanwhile). */
function mtimeOf(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
