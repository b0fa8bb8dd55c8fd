/**
 * What every part of a running server shares: its options, router, PubSub and connections.
 */
import type { Router } from "./router.js";
import type { PubSubAdapter } from "./pubsub.js";
import type { ViewDefinition } from "./view.js";
import type { Connection } from "./channel.js";
import type { NestedClaims } from "./nested.js";
import type { OnMount, ResolvedLiveSession } from "./lifecycle.js";
import type { ConnectInfoKey } from "./connect-info.js";

/** Where the server writes what it refuses and what crashes. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.info(`[livetsx] ${m}`),
  warn: (m) => console.warn(`[livetsx] ${m}`),
  error: (m, e) => console.error(`[livetsx] ${m}`, e ?? ""),
};

/** The signed `data-phx-session` payload: which view, in which container, with which session. */
export interface SessionToken {
  kind: "session";
  id: string;
  route: string;
  /** Live navigation may reach any route of the same live session over the same socket. */
  liveSession: string;
  session: Record<string, unknown>;
  /**
   * The flash the HTTP render showed (a redirect's, from its cookie): the first join mounts
   * with it, so the page keeps showing it once connected (Phoenix's `verified.flash`).
   */
  flash?: Record<string, string>;
  /** A nested view's (`<LiveView>`): its parent and page. */
  nested?: NestedClaims;
}

/** A live route: its view and the live session it belongs to. */
export interface LiveRoute {
  view: ViewDefinition<Record<string, unknown>>;
  liveSession: string;
  /** The live session's options (its name is `liveSession`). */
  session: ResolvedLiveSession;
  /** The live session's `onMount`, then the view's own: what runs before the view's mount. */
  onMount: readonly OnMount[];
}

export interface ResolvedOptions {
  secret: string;
  path: string;
  maxPayload: number;
  heartbeatTimeout: number;
  maxBufferedBytes: number;
  eventRate: number;
  eventBurst: number;
  maxQueuedMessages: number;
  maxQueuedInfos: number;
  callbackTimeout: number;
  dev: boolean;
  verify: boolean;
  allowedOrigins: readonly string[] | null;
  connectInfo: readonly ConnectInfoKey[];
  entryHTML: boolean;
}

export interface ServerContext {
  readonly options: ResolvedOptions;
  router: Router<LiveRoute>;
  readonly pubsub: PubSubAdapter;
  readonly log: Logger;
  readonly connections: Set<Connection>;
  /** Sticky nested views by container id, as rendered: a sticky child joins without its parent. */
  readonly stickyViews: Map<string, ViewDefinition<any>>;
  /** Joins wait for this (a dev server loading its routes); a failure is ignored here. */
  pending: Promise<unknown>;
}
