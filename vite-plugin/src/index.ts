/**
 * `livetsx()` for `vite.config.ts`: compiles `.tsx` views with the LiveTSX compiler; under the
 * dev server it serves live routes, the LiveTSX WebSocket and the client entry (see `dev.ts`);
 * `vite build` builds the client and a production server (see `build.ts`), started with
 * `node dist/server/index.js`.
 */
import { relative, resolve } from "node:path";
import type { Plugin, ResolvedConfig } from "vite";
import { compile, CompileError, formatDiagnostic } from "@livetsx/compiler";
import type { LiveServerOptions } from "@livetsx/server";
import { buildConfig, precompress, SERVER_ENTRY_ID, serverEntry } from "./build.js";
import { configureDevServer } from "./dev.js";
import { CLIENT_ENTRY_ID } from "./server/manifest.js";
import { HookModules, HOOKS_ID, HOOKS_QUERY, RESOLVED_HOOKS_ID } from "./hooks.js";

export { CLIENT_URL } from "./dev.js";

export interface LiveTSXOptions {
  /**
   * The module whose `routes` export (or default export) maps paths to views:
   * `{ "/": Home, "/posts/:id": Post }`. Its `liveSessions` export, if any, adds routes by live
   * session, with their `onMount`, `session` and `layout` (`createLiveServer`'s `liveSessions`),
   * under the dev server and in the production build alike.
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
   * The browser entry: a module that creates the `LiveSocket` (for hooks or connect params). The
   * hooks of the view modules are `hooks` of `virtual:livetsx/hooks`, for its `hooks` option:
   * `new LiveSocket("/live", { hooks: { ...hooks, ...mine } })`.
   * @default a built-in entry: `new LiveSocket("/live", { hooks }).connect()` with the views' hooks
   */
  client?: string;
  /** Files the compiler transforms. @default /\.[jt]sx$/ (never under node_modules) */
  include?: RegExp;
  /**
   * Signs session and CSRF tokens (32+ bytes) under the dev server. The production server never
   * takes it from here: it reads `LIVETSX_SECRET` when it starts.
   * @default process.env.LIVETSX_SECRET, else a development secret kept in node_modules/.livetsx/secret
   */
  secret?: string;
  /** The socket endpoint. @default "/live" */
  path?: string;
  /**
   * Other server options (title, session, maxPayload, …). Under the dev server `verify` (the
   * runtime's verifier: each diff render compared with a fresh one) is on unless `dev` or
   * `verify` is false here. The production build takes the ones that are data (numbers,
   * strings, booleans) and warns of the others; there `dev` is off unless given. @default {}
   */
  server?: Omit<Partial<LiveServerOptions>, "routes" | "liveSessions" | "secret" | "layout" | "clientScript" | "path">;
  /**
   * A module whose default export is more options for the production server, bundled into it:
   * those that are no data, such as a `session` reader, a PubSub adapter or a `log`. They go over
   * `server`'s. The dev server does not load it. @default none
   */
  serverOptions?: string;
}

const RESOLVED_CLIENT_ID = `\0${CLIENT_ENTRY_ID}`;
const RESOLVED_SERVER_ENTRY_ID = `\0${SERVER_ENTRY_ID}`;

export function livetsx(options: LiveTSXOptions = {}): Plugin {
  const include = options.include ?? /\.[jt]sx$/;
  const path = options.path ?? "/live";
  let config: ResolvedConfig;
  /** The build's output directory, whose `client/` and `server/` folders the build fills. */
  let outDir = "dist";
  const hookModules = new HookModules(
    () => config.root,
    (file) => include.test(file) && !file.includes("/node_modules/"),
  );

  return {
    name: "livetsx",
    enforce: "pre",

    config(user, { command }) {
      outDir = user.build?.outDir ?? outDir;
      return {
        // The HTML is the server's, not an index.html.
        appType: "custom",
        // One runtime instance for the plugin (or the production server) and the views.
        ssr: { external: ["@livetsx/server", "@livetsx/vite"] },
        // `PORT` when neither the config nor the command line (`--port`) gives one.
        ...(command === "serve" && user.server?.port === undefined && process.env.PORT ? { server: { port: Number(process.env.PORT) } } : {}),
        ...(command === "build" ? buildConfig(user) : {}),
      };
    },

    configResolved(resolved) {
      config = resolved;
    },

    // The client first: a broken client stops the build before the server is bundled.
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.ssr!);
    },

    async writeBundle(output, bundle) {
      if (config.command === "build" && this.environment.name === "client" && output.dir) await precompress(output.dir, Object.keys(bundle));
    },

    resolveId(id) {
      if (id === CLIENT_ENTRY_ID) return RESOLVED_CLIENT_ID;
      if (id === SERVER_ENTRY_ID) return RESOLVED_SERVER_ENTRY_ID;
      if (id === HOOKS_ID) return RESOLVED_HOOKS_ID;
      return null;
    },

    async load(id) {
      if (id === RESOLVED_HOOKS_ID) {
        const resolver = {
          ownModule: (source: string) => /^\.{0,2}\//.test(source) || config.resolve.alias.some(({ find }) => (typeof find === "string" ? source === find || source.startsWith(`${find}/`) : find.test(source))),
          resolve: (source: string, importer: string) => this.resolve(source, importer, { skipSelf: false }),
        };
        return hookModules.registry(resolver, resolve(config.root, options.routes ?? "src/routes.ts"));
      }
      if (id.endsWith(HOOKS_QUERY)) {
        const file = id.slice(0, -HOOKS_QUERY.length);
        // A build in watch mode watches the file behind the query. The dev server watches the
        // root anyway, and a watch file there would become a module of its own in the browser's
        // graph, with no HMR boundary: Vite would reload the page for an edit of server code alone.
        if (config.command === "build") this.addWatchFile(file);
        try {
          const part = await hookModules.part(file);
          return { code: part.code, map: part.map as never };
        } catch (error) {
          if (!(error instanceof CompileError)) throw error;
          this.error({ message: headline(error), id: file, loc: { file, line: error.line, column: error.column }, frame: error.frame });
        }
      }
      if (id === RESOLVED_SERVER_ENTRY_ID) {
        const dirs = { outDir, assetsDir: config.build.assetsDir, base: config.base };
        return serverEntry(config.root, options, dirs, (m) => config.logger.warn(`[livetsx] ${m}`));
      }
      if (id !== RESOLVED_CLIENT_ID) return null;
      if (options.client) return `import ${JSON.stringify(resolve(config.root, options.client))};`;
      return (
        `import { LiveSocket } from "@livetsx/client";\n` +
        `import { hooks } from ${JSON.stringify(HOOKS_ID)};\n` +
        `const liveSocket = new LiveSocket(${JSON.stringify(path)}, { hooks });\n` +
        `liveSocket.connect();\nwindow.liveSocket = liveSocket;\n`
      );
    },

    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!include.test(file) || file.includes("/node_modules/") || id.endsWith(HOOKS_QUERY)) return null;
      // A view is server code: the browser gets its hooks alone, from `?livetsx-hooks`.
      if (this.environment?.config.consumer === "client") {
        this.error({
          message: `${relative(config.root, file) || file} is a view module (compiled for the server), and a browser module imports it. The browser gets a view's hooks through ${HOOKS_ID}; code the browser needs besides goes in a .ts or .js module.`,
          id: file,
        });
      }
      try {
        const serve = config.command === "serve";
        // Under the dev server, the server's definitions are registered for hot replacement.
        const hotId = serve && this.environment?.config.consumer === "server" ? file : undefined;
        const result = compile(code, { filename: relative(config.root, file) || file, sourceInfo: serve, hotId });
        for (const d of result.diagnostics) config.logger.warn(formatDiagnostic(d), { timestamp: true });
        return { code: result.code, map: result.map as never };
      } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        // Vite prints this in the terminal and shows it in the error overlay.
        // The overlay shows the message above the frame, and its link as file:line:column: the
        // headline alone (the frame is given apart), and the column 1-based as in the headline.
        this.error({ message: headline(error), id: file, loc: { file, line: error.line, column: error.column }, frame: error.frame });
      }
    },

    // An edit of a module the hooks registry read: the pages reload when the browser's hooks
    // changed; a view whose hooks stayed the same is left to the hot replacement of its server code.
    async hotUpdate({ type, file, modules, read }) {
      if (this.environment.name !== "client") return;
      // A deleted module: the registry reads again (its importer's edit reloads the page).
      const code = type === "delete" ? "" : await read();
      const { registry, part } = hookModules.changed(file, code);
      if (registry) {
        const module = this.environment.moduleGraph.getModuleById(RESOLVED_HOOKS_ID);
        if (module) this.environment.moduleGraph.invalidateModule(module);
      }
      // Other modules of the file (a .ts helper the hooks import): Vite's own update.
      if (modules.some((m) => !m.id?.endsWith(HOOKS_QUERY))) return;
      if (registry || part) this.environment.hot.send({ type: "full-reload" });
      return [];
    },

    configureServer(server) {
      return configureDevServer(server, options, path);
    },
  };
}

/** A compile error's message without the first diagnostic's code frame (the overlay shows it). */
function headline(error: CompileError): string {
  const [first, ...rest] = error.diagnostics;
  return [`${first!.filename}:${first!.line}:${first!.column}: ${first!.severity} [${first!.code}] ${first!.message}`, ...rest.map(formatDiagnostic)].join("\n\n");
}

export default livetsx;
