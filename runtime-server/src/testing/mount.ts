/**
 * `mount`: a server of its own for the view under test (its routes, session and PubSub), and the
 * page opened on it.
 */
import { LocalPubSub, type PubSubAdapter } from "../pubsub.js";
import { createLiveServer, type LiveServerOptions } from "../server.js";
import type { ViewDefinition } from "../view.js";
import type { OnMount } from "../lifecycle.js";
import { Loopback, TEST_ORIGIN } from "./loopback.js";
import { MemoryLog, SECRET } from "./navigation.js";
import { TestView, type App } from "./test-view.js";

/**
 * Broadcasts reach every view mounted in the same test file, as an app's PubSub reaches every
 * window: two `mount`s of a chat see each other's messages. Closing a view leaves it open.
 */
const sharedPubSub = new LocalPubSub();

const unclosables = new WeakMap<PubSubAdapter, PubSubAdapter>();

/**
 * The server closes its PubSub when it closes; a shared one must outlive it. One wrapper per
 * adapter, so that the views of a test file share one Presence, as a server's views do.
 */
function unclosable(pubsub: PubSubAdapter): PubSubAdapter {
  let wrapper = unclosables.get(pubsub);
  if (wrapper === undefined) {
    wrapper = {
      ...(pubsub.nodeId !== undefined ? { nodeId: pubsub.nodeId } : {}),
      ...(pubsub.nodes !== undefined ? { nodes: pubsub.nodes } : {}),
      subscribe: (t, l) => pubsub.subscribe(t, l),
      broadcast: (t, m) => pubsub.broadcast(t, m),
      broadcastFrom: (e, t, m) => pubsub.broadcastFrom(e, t, m),
      localBroadcast: (t, m) => pubsub.localBroadcast(t, m),
    };
    unclosables.set(pubsub, wrapper);
  }
  return wrapper;
}

export interface MountOptions {
  /** The page's URL (path and query). @default "/" */
  url?: string;
  /** The route pattern the view is served at, for path params (`"/posts/:id"`). @default the URL's path */
  route?: string;
  /** Query params added to the URL; the view's `mount` receives them with the path params. @default {} */
  params?: Record<string, string | string[]>;
  /** The session `mount` receives (what the app's `session` option reads from the request). @default {} */
  session?: Record<string, unknown>;
  /** The client's connect params (`new LiveSocket(…, { params })`), `socket.connectParams` in the view. @default {} */
  connectParams?: Record<string, unknown>;
  /** More routes of the app: where live navigation and redirects can go (`view.follow`). @default {} */
  routes?: Record<string, ViewDefinition<any>>;
  /**
   * The `onMount` of the live session the view is served in (and `routes` with it), run before
   * the view's own, on the HTTP render and on the join, as the app's live session runs them.
   * @default []
   */
  onMount?: OnMount | readonly OnMount[];
  /** Where broadcasts go. @default one LocalPubSub shared by the views of the test file */
  pubsub?: PubSubAdapter;
  /**
   * Other server options (`dev`, `verify`, `maxPayload`, …).
   * @default createLiveServer's defaults, but `eventRate: Infinity`
   */
  server?: Omit<Partial<LiveServerOptions>, "routes" | "liveSessions" | "secret" | "session" | "pubsub" | "log">;
}

/**
 * Mounts `view` as a browser opens its page: the HTTP render, then the WebSocket join with the
 * page's signed session and static tokens. Resolves once the joined view has rendered.
 * @throws {NavigationError} when mount redirects (`result.redirect` / `result.navigate`)
 */
export async function mount(view: ViewDefinition<any>, options: MountOptions = {}): Promise<TestView> {
  const url = new URL(options.url ?? "/", TEST_ORIGIN);
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(`${key}[]`, v);
    else url.searchParams.append(key, value);
  }
  const routes = { ...(options.routes ?? {}), [options.route ?? url.pathname]: view };
  const log = new MemoryLog();
  const pubsub = options.pubsub ?? sharedPubSub;
  const session = options.session ?? {};
  const live = createLiveServer({
    // A test's clicks and the harness's own settling messages are no flood.
    eventRate: Infinity,
    ...options.server,
    ...(options.onMount === undefined ? { routes } : { routes: {}, liveSessions: { test: { onMount: options.onMount, routes } } }),
    secret: SECRET,
    session: () => session,
    pubsub: unclosable(pubsub),
    log,
  });
  const app: App = { loopback: new Loopback(live), log, cookie: "", connectParams: options.connectParams ?? {} };
  try {
    return await TestView.open(app, url);
  } catch (error) {
    await app.loopback.close();
    throw error;
  }
}
