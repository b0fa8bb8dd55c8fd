/**
 * A LiveTSX server: the HTTP render as middleware, and the WebSocket endpoint attached to an
 * existing `node:http` server.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { Connection, sweepSilent } from "./channel.js";
import { clientScriptHandler } from "./client-script.js";
import { DEFAULT_CALLBACK_TIMEOUT, DEFAULT_MAX_QUEUED, DEFAULT_MAX_QUEUED_INFOS } from "./instance.js";
import { consoleLogger, type LiveRoute, type Logger, type ResolvedOptions, type ServerContext } from "./context.js";
import { defaultLayout, httpHandler, sendPlainPage, type HttpOptions, type LayoutPage, type Next, type PlainPage } from "./http.js";
import { LocalPubSub, type PubSubAdapter } from "./pubsub.js";
import { closePresence } from "./presence.js";
import { createRouter } from "./router.js";
import { CSRF_COOKIE, parseCookies, verifyCsrfToken } from "./session.js";
import type { ViewDefinition } from "./view.js";
import { DEFAULT_LIVE_SESSION, resolveLiveSession, viewOnMount, type LiveSessions } from "./lifecycle.js";
import { connectInfoKeys, readConnectInfo, type ConnectInfoKey } from "./connect-info.js";

export interface LiveServerOptions {
  /** Live routes: `{ "/": Home, "/posts/:id": Post }`, in the live session "default". */
  routes: Record<string, ViewDefinition<any>>;
  /**
   * More routes grouped by live session: live navigation stays on the socket within a session
   * and loads the page in full across sessions. Each is its routes with options
   * (`{ admin: { onMount: [requireAdmin], routes: { "/admin": Admin } } }`, see
   * `LiveSessionOptions`) or only its routes (`{ admin: { "/admin": Admin } }`). @default {}
   */
  liveSessions?: LiveSessions;
  /**
   * What `socket.connectInfo` holds in mount (Phoenix's `connect_info`): any of `"peerData"`
   * (address and port), `"userAgent"`, `"xHeaders"` (every `x-*` header), `"uri"`. Each
   * connection keeps what is named here for the mounts of its views. Cookies are never in it.
   * @default []
   */
  connectInfo?: readonly ConnectInfoKey[];
  /**
   * @internal Whether the HTTP render's lists render through the entry HTML functions the compiler
   * writes; `false` walks every entry's tree, the reference tests compare whole pages against.
   * @default true
   */
  entryHTML?: boolean;
  /** Signs session tokens and CSRF tokens: at least 32 bytes, kept secret, the same on every node. */
  secret: string;
  /** Where broadcasts go. @default an in-process LocalPubSub */
  pubsub?: PubSubAdapter;
  /** The session a view's mount receives, read from the HTTP request (e.g. the signed-in user). @default () => ({}) */
  session?: (req: IncomingMessage) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Builds the page around a view. @default defaultLayout */
  layout?: (page: LayoutPage) => string;
  /** The page title when the view sets none. @default "LiveTSX" */
  title?: string;
  /**
   * The client script's URL. Left unset, the server serves a built-in one there itself (`handler`
   * answers `${path}/client.js` and its source map: `@livetsx/client` connecting every view on
   * the page), so an app needs no bundler; set, the app serves its own script at that URL.
   * @default "/live/client.js"
   */
  clientScript?: string;
  /** The socket endpoint; the WebSocket is at `${path}/websocket`. @default "/live" */
  path?: string;
  /** The largest frame accepted, in bytes; a larger one closes the connection. @default 65536 */
  maxPayload?: number;
  /** A connection silent for this long is closed, in ms; Infinity never closes one. @default 60000 */
  heartbeatTimeout?: number;
  /**
   * The most bytes a connection may have waiting to be sent, in bytes. A client that stops
   * reading (a frozen tab, a stalled network) while its views push makes them pile up in the
   * server's memory; when a frame is sent with more than this waiting already, the connection is
   * dropped and logged, and the client reconnects once it reads again. One frame larger than
   * this still goes out. @default 4194304 (4 MiB)
   */
  maxBufferedBytes?: number;
  /**
   * The frames a connection may send a second, heartbeats included, on average (a token bucket
   * holding `eventBurst`). A frame past the limit is answered `{"status":"error","response":
   * {"reason":"too many events"}}` and not handled; a connection that sends `eventBurst` more
   * while refused is closed (1008). Both are logged, once per 10 s however long a flood lasts.
   * `Infinity` turns the limit off. @default 100
   */
  eventRate?: number;
  /** The frames a connection may send at once before `eventRate` applies. @default 200 */
  eventBurst?: number;
  /**
   * The most messages that may wait for one view, the one being handled included, for one from
   * the client to be queued. Past it an event or live patch from the client is answered
   * `{"reason":"view busy"}` and not handled (logged once per 10 s). @default 100
   */
  maxQueuedMessages?: number;
  /**
   * The same bound for a server message (PubSub, `sendInfo`, `sendAfter`, `sendUpdate`), which is
   * never refused, since dropping it would leave the view's state short of it: past it the view
   * crashes (the client rejoins with a fresh mount) and the log names this option. Larger than
   * `maxQueuedMessages`: a burst of broadcasts is ordinary server code, a slow `handleInfo` that
   * falls ever further behind is not. @default 10000
   */
  maxQueuedInfos?: number;
  /**
   * How long one of a view's async callbacks (mount, handleParams, an event's handler,
   * handleInfo) may run, in ms: a synchronous one or a render, which blocks the whole process,
   * cannot be interrupted. Past it the view crashes: the log names the view
   * and the callback (`handleEvent "save" did not finish within 20000 ms (callbackTimeout)`),
   * the client gets `phx_error` and rejoins, and what the callback does when it finishes later
   * is neither rendered nor sent. Below the official client's 30 s push timeout, after which it
   * would drop the socket and reload the page. `Infinity` waits forever. @default 20000
   */
  callbackTimeout?: number;
  /**
   * Development checks: an assign changed in place without an assign (`items.push(x)` and no
   * `socket.assign("items", items)`) crashes the view before its next render, naming the assign
   * (each assign is snapshotted at render time; the cost is development's only).
   * @default NODE_ENV !== "production"
   */
  dev?: boolean;
  /**
   * The verifier: after every render but the join's, the view (and each live component after its
   * own render) is rendered afresh from the same assigns without change tracking and compared
   * with what the client now holds. A difference crashes the view (the client rejoins with a
   * fresh state) and is logged with each stale slot's template, index, source location, deps and
   * both values. Doubles the render work: keep it off in production and benchmarks.
   * @default dev
   */
  verify?: boolean;
  /** Origins allowed to connect besides the page's own host. @default [] */
  allowedOrigins?: string[];
  /** @default console */
  log?: Logger;
}

export interface LiveServer {
  /**
   * Connect-style middleware (Express's too) for the HTTP render and the built-in client script;
   * other requests go to `next`, or get 404 without one (`http.createServer(live.handler)`).
   */
  handler: (req: IncomingMessage, res: ServerResponse, next?: Next) => Promise<void>;
  /**
   * Adds the WebSocket endpoint to an HTTP server (other upgrades are left alone) and returns
   * it: `live.attach(app.listen(3000))`.
   */
  attach<S extends UpgradeSource>(server: S): S;
  /** Closes every connection (their views terminate) and the PubSub adapter. */
  close(): Promise<void>;
  /**
   * Replaces the routes (a dev server reloading edited views). Views already joined keep the
   * definition they were mounted with.
   */
  setRoutes(routes: Record<string, ViewDefinition<any>>, liveSessions?: LiveSessions): void;
  /** Joins wait until `work` settles: routes are loading and a rejoin must not find none. */
  loading(work: Promise<unknown>): void;
  /**
   * Development: renders every joined view again, whole, with the assigns it has, after its
   * code was replaced in place (hot replacement), and pushes each render to its page. Resolves
   * with what each failing render threw (the view lives on, its page unchanged).
   */
  rerender(): Promise<{ topic: string; error: unknown }[]>;
  /**
   * Sends a page that is no live view (a 404 page) in the layout, with a CSRF token like any
   * page, so the layout's client script connects as usual.
   */
  sendPage(req: IncomingMessage, res: ServerResponse, page: PlainPage): void;
  /** Replaces the layout (a dev server reloading an edited layout module). */
  setLayout(layout: (page: LayoutPage) => string): void;
  /** Open connections and joined views, for tests and monitoring. */
  stats(): { connections: number; views: number };
  /** The connections, for tests. */
  readonly connections: ReadonlySet<Connection>;
}

/** What {@link LiveServer.attach} needs of a server: its `upgrade` event (`node:http`'s `Server`). */
export interface UpgradeSource {
  on(event: "upgrade", listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
}

export function createLiveServer(options: LiveServerOptions): LiveServer {
  const resolved: ResolvedOptions = {
    secret: options.secret,
    path: (options.path ?? "/live").replace(/\/$/, ""),
    maxPayload: options.maxPayload ?? 64 * 1024,
    heartbeatTimeout: options.heartbeatTimeout ?? 60_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    eventRate: options.eventRate ?? 100,
    eventBurst: options.eventBurst ?? 200,
    maxQueuedMessages: options.maxQueuedMessages ?? DEFAULT_MAX_QUEUED,
    maxQueuedInfos: options.maxQueuedInfos ?? DEFAULT_MAX_QUEUED_INFOS,
    callbackTimeout: options.callbackTimeout ?? DEFAULT_CALLBACK_TIMEOUT,
    dev: options.dev ?? process.env.NODE_ENV !== "production",
    verify: false,
    allowedOrigins: options.allowedOrigins ?? null,
    connectInfo: connectInfoKeys(options.connectInfo),
    entryHTML: options.entryHTML ?? true,
  };
  resolved.verify = options.verify ?? resolved.dev;
  if (typeof resolved.secret !== "string" || Buffer.byteLength(resolved.secret) < 32) {
    throw new Error("createLiveServer: `secret` must be a string of at least 32 bytes (e.g. from `openssl rand -base64 48`).");
  }
  // A limit below one would refuse everything (a burst of 0 admits no frame, a queue of 0 no event).
  for (const name of ["heartbeatTimeout", "maxBufferedBytes", "eventRate", "eventBurst", "maxQueuedMessages", "maxQueuedInfos", "callbackTimeout"] as const) {
    const value = resolved[name];
    if (typeof value !== "number" || !(value >= 1)) {
      throw new Error(`createLiveServer: \`${name}\` must be a number of at least 1, or Infinity for no limit; got ${String(value)}.`);
    }
  }
  const ctx: ServerContext = {
    options: resolved,
    router: routerFor(options.routes, options.liveSessions),
    pubsub: options.pubsub ?? new LocalPubSub(),
    log: options.log ?? consoleLogger,
    connections: new Set(),
    stickyViews: new Map(),
    pending: Promise.resolve(),
  };
  // The server's own set of connections (ctx.connections) is the one kept: ws's would cost every
  // connection a set entry and a close listener of its own.
  const wss = new WebSocketServer({ noServer: true, maxPayload: resolved.maxPayload, clientTracking: false });
  const endpoint = `${resolved.path}/websocket`;

  /**
   * Every part of the request is the client's: a listener of `upgrade` that throws ends the
   * process, so a target that cannot be parsed (`http://[`) is refused with 400, and anything
   * else that throws is logged and the socket dropped.
   */
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error listener from an upgraded socket: a reset on a refused one
    // would otherwise be an uncaught error.
    const refuse = (status: number, why: string) => {
      ctx.log.warn(`refused a WebSocket upgrade: ${why}`);
      socket.on("error", ignore);
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    };
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      return refuse(400, "the request target is not a valid URL");
    }
    if (url.pathname !== endpoint) return;
    try {
      const origin = req.headers.origin;
      if (origin && !originAllowed(origin, req.headers.host, resolved.allowedOrigins)) return refuse(403, `origin ${origin} is not allowed`);
      const csrfSecret = parseCookies(req.headers.cookie)[CSRF_COOKIE];
      if (!verifyCsrfToken(resolved.secret, csrfSecret, url.searchParams.get("_csrf_token"))) {
        return refuse(403, "missing or invalid CSRF token");
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        ctx.connections.add(new Connection(ws, ctx, csrfSecret, readConnectInfo(req, resolved.connectInfo)));
      });
    } catch (error) {
      ctx.log.error("a WebSocket upgrade failed", error);
      socket.destroy();
    }
  };

  const sweeper = sweepSilent(ctx);

  const http: HttpOptions = {
    layout: options.layout ?? defaultLayout,
    title: options.title ?? "LiveTSX",
    clientScript: options.clientScript ?? `${resolved.path}/client.js`,
    session: options.session ?? (() => ({})),
  };
  const render = httpHandler(ctx, http);
  // The built-in script only where the app names none: a script of the app's own is its to serve.
  const script = options.clientScript === undefined ? clientScriptHandler(http.clientScript, ctx.log) : null;
  return {
    handler: script ? (req, res, next) => (script(req, res) ? Promise.resolve() : render(req, res, next)) : render,
    loading(work) {
      ctx.pending = work.catch(() => undefined);
    },
    setLayout(layout) {
      http.layout = layout;
    },
    sendPage(req, res, page) {
      sendPlainPage(ctx, http, req, res, page);
    },
    async rerender() {
      const renders: Promise<{ topic: string; error: unknown } | null>[] = [];
      for (const connection of ctx.connections) {
        for (const [topic, instance] of connection.instances) {
          renders.push(
            instance.rerender().then(
              (error) => (error === undefined ? null : { topic, error }),
              // Gone meanwhile, or crashed (and answered as any crash): nothing to render.
              () => null,
            ),
          );
        }
      }
      return (await Promise.all(renders)).filter((r) => r !== null);
    },
    setRoutes(routes, liveSessions) {
      ctx.router = routerFor(routes, liveSessions);
    },
    attach(server) {
      server.on("upgrade", upgrade);
      return server;
    },
    async close() {
      clearInterval(sweeper);
      for (const connection of ctx.connections) connection.close();
      wss.close();
      // An adapter the server cannot close is shared (with other servers), and so is its Presence.
      if (ctx.pubsub.close) {
        await closePresence(ctx.pubsub);
        await ctx.pubsub.close();
      }
    },
    stats() {
      let views = 0;
      for (const c of ctx.connections) views += c.instances.size;
      return { connections: ctx.connections.size, views };
    },
    connections: ctx.connections,
  };
}

function routerFor(routes: Record<string, ViewDefinition<any>>, liveSessions: LiveSessions = {}) {
  const all: Record<string, LiveRoute> = {};
  for (const [path, view] of Object.entries(routes)) {
    all[path] = { view, liveSession: DEFAULT_LIVE_SESSION.name, session: DEFAULT_LIVE_SESSION, onMount: viewOnMount(view) };
  }
  for (const [name, value] of Object.entries(liveSessions)) {
    const { session, routes: group } = resolveLiveSession(name, value);
    for (const [path, view] of Object.entries(group)) {
      if (all[path]) throw new Error(`createLiveServer: the route ${path} is in two live sessions`);
      all[path] = { view, liveSession: name, session, onMount: [...session.onMount, ...viewOnMount(view)] };
    }
  }
  return createRouter(all);
}

function originAllowed(origin: string, host: string | undefined, allowed: readonly string[] | null): boolean {
  if (allowed?.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function ignore(): void {}
