/**
 * The production server that `vite build` with `livetsx()` bundles as `dist/server/index.js`:
 * live routes, the socket, the built client and `public/` with cache headers, compression, and a
 * graceful shutdown on SIGTERM and SIGINT. Apps with their own entry call {@link startServer}.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fileURLToPath } from "node:url";
import compression from "compression";
import { createLiveServer, defaultLayout, type LayoutPage, type LiveServer, type LiveServerOptions, type LiveSessions, type Logger, type ViewDefinition } from "@livetsx/server";
import { wrapLayouts } from "./live-sessions.js";
import { headTags, readClientAssets } from "./manifest.js";
import { sendNotFound } from "./not-found.js";
import { staticFiles } from "./static-files.js";
import { readEnvironment } from "./environment.js";

export { IMMUTABLE, REVALIDATE } from "./static-files.js";
export { readEnvironment, SECRET_VARIABLE, type ServerEnvironment } from "./environment.js";

export interface ProductionServerOptions {
  /** Live routes, as in `createLiveServer`. */
  routes: Record<string, ViewDefinition<any>>;
  /** More routes by live session, as in `createLiveServer`. @default {} */
  liveSessions?: LiveSessions;
  /** Builds the page around a view. @default the server's minimal layout */
  layout?: (page: LayoutPage) => string;
  /** The client build's output directory (holding `.vite/manifest.json`). */
  clientDir: string | URL;
  /** The folder of hashed files inside `clientDir` (Vite's `build.assetsDir`). @default "assets" */
  assetsDir?: string;
  /** The public base path of the built files (Vite's `base`). @default "/" */
  base?: string;
  /** Signs session and CSRF tokens (32+ bytes). @default process.env.LIVETSX_SECRET (required) */
  secret?: string;
  /** @default process.env.PORT, else 3000 */
  port?: number;
  /** @default process.env.HOST, else every interface */
  host?: string;
  /**
   * How long a shutdown waits for connections to close, in ms, before it drops the ones left.
   * @default process.env.LIVETSX_SHUTDOWN_TIMEOUT, else 10000
   */
  shutdownTimeout?: number;
  /** Other `createLiveServer` options (`dev` is off unless given). @default {} */
  server?: Omit<Partial<LiveServerOptions>, "routes" | "liveSessions" | "layout" | "secret" | "clientScript">;
}

export interface ProductionServer {
  readonly http: Server;
  readonly live: LiveServer;
  /** `http://host:port`, the port the server got. */
  readonly url: string;
  /**
   * Stops accepting connections, closes every WebSocket (code 1001: clients reconnect, to
   * another node when there is one) and idle HTTP connection, and waits for the rest up to the
   * shutdown timeout; past it the ones left are dropped and `forced` is true.
   */
  close(): Promise<{ forced: boolean; left: string }>;
}

/** Starts the production server and resolves once it listens. */
export async function startServer(options: ProductionServerOptions): Promise<ProductionServer> {
  const env = readEnvironment(process.env, options);
  const clientDir = typeof options.clientDir === "string" ? options.clientDir : fileURLToPath(options.clientDir);
  const assets = readClientAssets(clientDir, options.base ?? "/");
  const log = options.server?.log ?? prefixedConsole;
  const layout = options.layout ?? defaultLayout;
  const tags = headTags(assets);
  const withTags = (layout: (page: LayoutPage) => string) => (tags ? (page: LayoutPage) => layout(page).replace("</head>", `${tags}</head>`) : layout);
  const live = createLiveServer({
    ...options.server,
    dev: options.server?.dev ?? false,
    log,
    routes: options.routes,
    ...(options.liveSessions ? { liveSessions: wrapLayouts(options.liveSessions, withTags) } : {}),
    secret: env.secret,
    clientScript: assets.script,
    layout: withTags(layout),
  });

  const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const files = staticFiles(clientDir, options.assetsDir ?? "assets");
  const http = createServer((req, res) => {
    compress(req, res, () => files(req, res, () => void live.handler(req, res, () => sendNotFound(live, req, res))));
  });
  live.attach(http);
  const sockets = trackSockets(http);
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(env.port, env.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<{ forced: boolean; left: string }> | null = null;
  return {
    http,
    live,
    url: `http://${host}:${address.port}`,
    close: () => (closing ??= shutdown(http, live, sockets, env.shutdownTimeout)),
  };
}

/**
 * What `node dist/server/index.js` runs: {@link startServer}, a log line with the URL, and a
 * graceful shutdown on SIGTERM or SIGINT, exiting 0 once every connection closed, 1 if the
 * shutdown timeout dropped some. A second signal exits 1 at once. A configuration
 * error (no secret, a bad port) is printed without a stack and exits 1.
 */
export async function runServer(options: ProductionServerOptions): Promise<void> {
  process.env.NODE_ENV ??= "production";
  const log = options.server?.log ?? prefixedConsole;
  let server: ProductionServer;
  try {
    server = await startServer(options);
  } catch (error) {
    log.error(`cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const { shutdownTimeout } = readEnvironment(process.env, options);
  const again = (signal: NodeJS.Signals) => {
    log.warn(`${signal} again: exiting without waiting for the connections`);
    process.exit(1);
  };
  const stop = (signal: NodeJS.Signals) => {
    process.off("SIGTERM", stop).off("SIGINT", stop).once("SIGTERM", again).once("SIGINT", again);
    const { connections } = server.live.stats();
    log.info(`${signal}: shutting down, closing ${connections} WebSocket connection(s) (up to ${shutdownTimeout} ms)`);
    void server.close().then(({ forced, left }) => {
      if (forced) log.warn(`shutdown timeout reached: dropped the connections still open (${left})`);
      else log.info("shut down");
      process.exit(forced ? 1 : 0);
    });
  };
  process.on("SIGTERM", stop).on("SIGINT", stop);
  // Only now: whoever waits for this line may signal at once, and a signal without a listener
  // ends the process on the spot.
  log.info(`listening on ${server.url}`);
}

const prefixedConsole: Logger = {
  info: (m) => console.info(`[livetsx] ${m}`),
  warn: (m) => console.warn(`[livetsx] ${m}`),
  error: (m, e) => (e === undefined ? console.error(`[livetsx] ${m}`) : console.error(`[livetsx] ${m}`, e)),
};

/** Every open socket of the server, an upgraded WebSocket's included. */
function trackSockets(http: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  http.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  http.on("upgrade", (_req: IncomingMessage, socket: Socket) => upgraded.add(socket));
  return sockets;
}

/** The sockets that became WebSockets (the live server closes those itself). */
const upgraded = new WeakSet<Socket>();

/** What the connections a shutdown dropped were, for its log line. */
function describeOpen(sockets: Set<Socket>): string {
  let ws = 0;
  for (const socket of sockets) if (upgraded.has(socket)) ws++;
  return `${ws} WebSocket(s) without an answer to their close, ${sockets.size - ws} HTTP connection(s) with a request under way`;
}

async function shutdown(http: Server, live: LiveServer, sockets: Set<Socket>, timeout: number): Promise<{ forced: boolean; left: string }> {
  http.close();
  http.closeIdleConnections();
  // From now on a connection whose response ended and that has not begun another request is
  // closed then, not kept alive (Node's own test of idleness).
  const closeIdle = () => http.closeIdleConnections();
  for (const socket of sockets) (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.once("close", closeIdle);
  http.on("request", (_req: IncomingMessage, res: ServerResponse) => res.once("close", closeIdle));
  // A connection opened and never used (browsers open them ahead of need; Node does not count
  // them as idle) has nothing to finish either. Looked at after the reads that were ready with
  // the signal: bytes of a request sent before it count as one under way.
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
  await live.close();
  const closed = new Promise<void>((resolve) => {
    const check = () => {
      if (sockets.size === 0) resolve();
    };
    for (const socket of sockets) socket.once("close", check);
    check();
  });
  let timer: NodeJS.Timeout | undefined;
  const forced = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeout);
    }),
  ]);
  clearTimeout(timer);
  const left = forced ? describeOpen(sockets) : "";
  if (forced) for (const socket of sockets) socket.destroy();
  return { forced, left };
}
