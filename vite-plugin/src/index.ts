/**
 * `livetsx()` for `vite.config.ts`: compiles `.tsx` views with the LiveTSX compiler, serves live
 * routes from the dev server through Vite's module runner, attaches the LiveTSX WebSocket to
 * Vite's HTTP server (Vite's HMR socket is left alone) and serves the client script.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, relative, resolve } from "node:path";
import type { IncomingMessage } from "node:http";
import type { Plugin, ResolvedConfig, ViteDevServer } from "vite";
import { compile, CompileError, formatDiagnostic } from "@livetsx/compiler";
import { createLiveServer, defaultLayout, type LayoutPage, type LiveServer, type LiveServerOptions, type ViewDefinition } from "@livetsx/server";

export interface LiveTSXOptions {
  /**
   * The module whose `routes` export (or default export) maps paths to views:
   * `{ "/": Home, "/posts/:id": Post }`.
   * @default "src/routes.ts"
   */
  routes?: string;
  /**
   * A module whose `layout` export (or default export) builds the page around a view from a
   * `LayoutPage`; it must include `page.csrfToken`, `page.clientScript` and `page.view`.
   * @default the server's minimal layout
   */
  layout?: string;
  /**
   * The browser entry: a module that creates the `LiveSocket` (for hooks or connect params).
   * @default a built-in entry: `new LiveSocket("/live").connect()`
   */
  client?: string;
  /** Files the compiler transforms. @default /\.[jt]sx$/ (never under node_modules) */
  include?: RegExp;
  /**
   * Signs session and CSRF tokens (32+ bytes).
   * @default process.env.LIVETSX_SECRET, else a development secret kept in node_modules/.livetsx/secret
   */
  secret?: string;
  /** The socket endpoint. @default "/live" */
  path?: string;
  /**
   * Other server options (title, session, maxPayload, …). Under the dev server `verify` (the
   * runtime's verifier: each diff render compared with a fresh one) is on unless `dev` or
   * `verify` is false here. @default {}
   */
  server?: Omit<Partial<LiveServerOptions>, "routes" | "secret" | "layout" | "clientScript" | "path">;
}

const CLIENT_ID = "virtual:livetsx/client";
const RESOLVED_CLIENT_ID = `\0${CLIENT_ID}`;
/** The URL the browser loads the client entry from, through Vite. */
export const CLIENT_URL = `/@id/__x00__${CLIENT_ID}`;

export function livetsx(options: LiveTSXOptions = {}): Plugin {
  const include = options.include ?? /\.[jt]sx$/;
  const path = options.path ?? "/live";
  let config: ResolvedConfig;

  return {
    name: "livetsx",
    enforce: "pre",

    config() {
      return {
        // The HTML is the server's, not an index.html.
        appType: "custom",
        // One runtime instance for the plugin and the views the module runner loads.
        ssr: { external: ["@livetsx/server"] },
      };
    },

    configResolved(resolved) {
      config = resolved;
    },

    resolveId(id) {
      return id === CLIENT_ID ? RESOLVED_CLIENT_ID : null;
    },

    load(id) {
      if (id !== RESOLVED_CLIENT_ID) return null;
      if (options.client) return `import ${JSON.stringify(resolve(config.root, options.client))};`;
      return (
        `import { LiveSocket } from "@livetsx/client";\n` +
        `const liveSocket = new LiveSocket(${JSON.stringify(path)});\n` +
        `liveSocket.connect();\nwindow.liveSocket = liveSocket;\n`
      );
    },

    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!include.test(file) || file.includes("/node_modules/")) return null;
      try {
        const result = compile(code, { filename: relative(config.root, file) || file, sourceInfo: config.command === "serve" });
        for (const d of result.diagnostics) config.logger.warn(formatDiagnostic(d), { timestamp: true });
        return { code: result.code, map: result.map as never };
      } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        // Vite prints this in the terminal and shows it in the error overlay.
        this.error({ message: error.message, id: file, loc: { file, line: error.line, column: error.column - 1 }, frame: error.frame });
      }
    },

    configureServer(server) {
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
      server.httpServer?.once("close", () => void live.close());
      // Before Vite's own middlewares: live routes are pages; everything else goes on to Vite.
      server.middlewares.use((req, res, next) => {
        void app.handle(req, res, next);
      });
      server.watcher.on("change", (file) => app.changed(file));
      // Loaded before the first request: after a restart the pages' rejoins come first.
      server.httpServer?.once("listening", () => void app.ensureLoaded().catch(() => undefined));
    },
  };
}

/** Loads routes and layout through the module runner and reloads them when files change. */
class DevApp {
  private loaded: Promise<void> | null = null;
  /** Errors already printed, so one broken file is reported once, not once per request. */
  private readonly reported = new Set<string>();
  private layout: (page: LayoutPage) => string = defaultLayout;

  constructor(
    private readonly server: ViteDevServer,
    private readonly live: LiveServer,
    private readonly options: LiveTSXOptions,
  ) {}

  /** Starts loading the routes (at startup and after an edit); joins wait for it. */
  ensureLoaded(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.load();
      this.live.loading(this.loaded);
    }
    return this.loaded;
  }

  async handle(req: IncomingMessage, res: import("node:http").ServerResponse, next: (e?: unknown) => void): Promise<void> {
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
    const env = this.server.environments.ssr as unknown as { runner: { import(url: string): Promise<Record<string, unknown>>; clearCache(): void } };
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
  private fail(req: IncomingMessage, res: import("node:http").ServerResponse, next: (e?: unknown) => void, error: unknown): void {
    const err = error as Error & { frame?: string; loc?: unknown; id?: string; plugin?: string };
    if (!this.reported.has(err.message)) {
      this.reported.add(err.message);
      this.server.config.logger.error(err.message, { timestamp: true, error: err });
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
        `<body><pre>${escape(err.message)}</pre><script type="module">${script}</script></body></html>`,
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

export default livetsx;
