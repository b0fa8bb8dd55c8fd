/**
 * One WebSocket connection speaking Phoenix Channels V2: heartbeats, and for each `lv:` topic
 * the join, events, live patches and leave of one view instance.
 */
import { MAX_TIMER_MS } from "./callback.js";
import type { WebSocket } from "ws";
import { decodeFrame, encodeFrame, HEARTBEAT, PHOENIX_TOPIC, PHX_CLOSE, PHX_ERROR, PHX_JOIN, PHX_LEAVE, PHX_REPLY, push, reply, type Message } from "./protocol.js";
import { ViewInstance, RejectedInput, ViewGone, type InstanceHost, type Response } from "./instance.js";
import { ThrottledLog, TokenBucket } from "./limits.js";
import { csrfTokenFor, signToken, verifyCsrfToken, verifyToken } from "./session.js";
import type { ServerContext, SessionToken } from "./context.js";
import type { EventPayload, Params, ViewDefinition } from "./view.js";
import { formEvent, ParamsError, USED } from "./params.js";
import { connectInfoOf, type ConnectInfoSource } from "./connect-info.js";
import { viewOnMount, type OnMount } from "./lifecycle.js";
import { allowUpload, putEventUploads, uploadProgress, UploadChannels } from "./upload-channel.js";
import { ViewTable, type ReadonlyViewTable } from "./view-table.js";
import { LiveNested, type LiveViewProps, type NestedContext, type NestedPage, type NestedRenderer } from "./nested.js";

/** The LiveView version the join reply announces. */
export const LIVEVIEW_VERSION = "1.2.12";

/** The connection a WebSocket carries, for listeners shared by every connection. */
const CONNECTION = Symbol("livetsx.connection");
type Carrier = WebSocket & { [CONNECTION]: Connection };

function onMessage(this: WebSocket, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  (this as Carrier)[CONNECTION].receive(isBinary ? bytes : bytes.toString(), isBinary);
}

function onClose(this: WebSocket): void {
  (this as Carrier)[CONNECTION].closed();
}

function onError(this: WebSocket, error: Error): void {
  (this as Carrier)[CONNECTION].ctx.log.warn(`websocket error: ${error.message}`);
}

/**
 * Closes the connections of a server that sent nothing, not even heartbeats, for the timeout:
 * one timer per server rather than one per connection, which an idle view would pay for.
 */
export function sweepSilent(ctx: ServerContext): ReturnType<typeof setInterval> | undefined {
  const timeout = ctx.options.heartbeatTimeout;
  // Node runs a longer timer after 1 ms: a timeout past its range closes nothing, like Infinity.
  if (!(timeout <= MAX_TIMER_MS)) return undefined;
  const timer = setInterval(() => {
    const now = Date.now();
    for (const connection of ctx.connections) connection.closeIfSilent(now, timeout);
  }, Math.max(50, Math.floor(timeout / 2)));
  timer.unref();
  return timer;
}

export class Connection {
  private readonly views = new ViewTable<ViewInstance>();
  private lastSeen = Date.now();
  private silent = false;
  /** Set when the server decided to close; the close itself may wait for joins (see {@link Connection.closeAfterJoins}). */
  private closing = false;
  /** Joins not answered yet; made on first use. */
  private joins: Set<Promise<void>> | null = null;
  /** The event rate limit; see {@link Connection.admit}. */
  private readonly rate: TokenBucket;
  // Made when first needed: a connection within its limits pays for neither.
  private refusals: TokenBucket | null = null;
  private refusalLog: ThrottledLog | null = null;
  /**
   * The renderers of the `<LiveView>` children of the joined views that rendered any, by topic;
   * made on first use, as most views have no child.
   */
  private nestedOf: Map<string, LiveNested> | null = null;
  /** The `lvu:` channels of uploads; made on first use. */
  private uploadChannels: UploadChannels | null = null;
  private readonly csrfSecret: string | undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly ctx: ServerContext,
    /** The `_livetsx_csrf` cookie of the upgrade request (see {@link ownString}). */
    csrfSecret: string | undefined,
    /** What the upgrade request said of the client, for `socket.connectInfo` in mounts. */
    private readonly connectInfo: ConnectInfoSource | null = null,
  ) {
    this.csrfSecret = csrfSecret === undefined ? undefined : ownString(csrfSecret);
    this.rate = new TokenBucket(ctx.options.eventRate, ctx.options.eventBurst);
    (ws as Carrier)[CONNECTION] = this;
    ws.on("message", onMessage);
    ws.on("close", onClose);
    ws.on("error", onError);
  }

  /** Closed when nothing came for `timeout` ms (see {@link sweepSilent}). */
  closeIfSilent(now: number, timeout: number): void {
    if (this.silent || now - this.lastSeen <= timeout) return;
    this.silent = true;
    this.ctx.log.info(`closing a connection silent for ${timeout} ms`);
    this.ws.close(1000, "heartbeat timeout");
  }

  /** The views joined on this connection, for tests. */
  get instances(): ReadonlyViewTable<ViewInstance> {
    return this.views;
  }

  /**
   * @internal A frame from the client. Nothing in a frame may reach an unhandled exception or
   * rejection (a `ws` listener that throws takes the process down): every handler answers its
   * own frame, and what escapes one anyway is logged and answered here.
   */
  receive(data: string | Buffer, isBinary: boolean): void {
    try {
      this.dispatch(data, isBinary);
    } catch (error) {
      this.ctx.log.error("a frame could not be handled", error);
    }
  }

  private dispatch(data: string | Buffer, isBinary: boolean): void {
    // Once the close began (a flood, a malformed frame), what still arrives is not even decoded.
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    this.lastSeen = Date.now();
    if (isBinary) {
      // An upload's chunk. Its pace is the upload's (one chunk answered at a time), not the event rate's.
      if (this.uploads().binary(data as Buffer)) return;
      // As Phoenix's serializer, which cannot decode it: the socket closes, the client reconnects.
      this.ctx.log.warn("closing a connection that sent a binary frame that is no Phoenix push");
      this.closeAfterJoins(1003, "binary frame is no Phoenix push");
      return;
    }
    const decoded = decodeFrame(data as string);
    if (!decoded.ok) {
      // Phoenix closes a socket whose frames it cannot decode; the client reconnects and rejoins.
      this.ctx.log.warn(`closing a connection after a malformed frame: ${decoded.error}`);
      this.closeAfterJoins(1007, decoded.error.slice(0, 120));
      return;
    }
    const message = decoded.message;
    // Heartbeats count too (a flood of them costs what any flood does); an error reply to one
    // still answers it for the official client, which only looks at the ref.
    if (!this.admit(message)) return;
    if (message.topic === PHOENIX_TOPIC) {
      if (message.event === HEARTBEAT) this.send(reply(message, "ok", {}));
      else this.send(reply(message, "error", { reason: "unmatched topic" }));
      return;
    }
    if (message.topic.startsWith("lvu:")) {
      this.uploads().message(message);
      return;
    }
    if (message.event === PHX_JOIN) {
      this.closeDuplicate(message.topic);
      const join = this.join(message);
      (this.joins ??= new Set()).add(join);
      this.settle(message, join.finally(() => this.joinAnswered(join)));
      return;
    }
    const instance = this.views.get(message.topic);
    if (!instance) {
      this.send(reply(message, "error", { reason: "unmatched topic" }));
      return;
    }
    if (message.event !== PHX_LEAVE && instance.queueFull) {
      this.refuse(message, "view busy", `refusing messages for view ${message.topic}: ${this.ctx.options.maxQueuedMessages} wait already (maxQueuedMessages)`);
      return;
    }
    switch (message.event) {
      case "event":
        this.settle(message, this.event(instance, message));
        return;
      case "live_patch":
        this.settle(message, this.patch(instance, message));
        return;
      case "allow_upload":
      case "progress": {
        const payload = message.payload as Record<string, unknown>;
        const run = message.event === "allow_upload" ? allowUpload(instance, message.topic, this.uploads().host, payload) : uploadProgress(instance, payload);
        this.settle(
          message,
          run.then(
            (response) => this.send(reply(message, "ok", response)),
            (error: unknown) => this.answerFailure(message, error),
          ),
        );
        return;
      }
      case "cids_will_destroy":
      case "cids_destroyed": {
        const cids = (message.payload as { cids?: unknown }).cids;
        if (!Array.isArray(cids) || !cids.every((c) => Number.isInteger(c))) {
          this.send(reply(message, "error", { reason: `${message.event} needs cids` }));
          return;
        }
        const run = message.event === "cids_will_destroy" ? instance.componentsWillDestroy(cids) : instance.componentsDestroyed(cids);
        this.settle(
          message,
          run.then(
            (response) => this.send(reply(message, "ok", response)),
            (error: unknown) => this.answerFailure(message, error),
          ),
        );
        return;
      }
      case PHX_LEAVE:
        // As Phoenix's channel, which ends with the leave: the topic is closed (`phx_close`
        // under the join's ref), then the leave is answered.
        this.endChildren(message.topic);
        instance.close();
        this.views.delete(message.topic);
        this.send(reply(message, "ok", {}));
        return;
      default:
        this.ctx.log.warn(`unknown event "${message.event}" on ${message.topic}`);
        this.send(reply(message, "error", { reason: `unknown event ${message.event}` }));
    }
  }

  /** Forgets an answered join; the set goes with the last one, so an idle connection keeps none. */
  private joinAnswered(join: Promise<void>): void {
    this.joins?.delete(join);
    if (this.joins?.size === 0) this.joins = null;
  }

  /**
   * The event rate limit, a token bucket per connection: past `eventBurst` frames at once or
   * `eventRate` a second, a frame is answered with an error and not handled. A client that sends
   * as many again while refused is not listening, and is closed (1008), as Phoenix closes a
   * socket that breaks the protocol.
   */
  private admit(message: Message): boolean {
    if (this.rate.take()) return true;
    const { eventRate, eventBurst } = this.ctx.options;
    const limit = `eventRate ${eventRate}/s, eventBurst ${eventBurst}`;
    if ((this.refusals ??= new TokenBucket(eventRate, eventBurst)).take()) {
      this.refuse(message, "too many events", `refusing frames of a connection over the event rate limit (${limit})`);
    } else {
      this.ctx.log.warn(`closing a connection that kept sending over the event rate limit (${limit})`);
      this.closeAfterJoins(1008, "too many events");
    }
    return false;
  }

  /** Answers `message` with an error, logging `line` at most every 10 s however often it repeats. */
  private refuse(message: Message, reason: string, line: string): void {
    (this.refusalLog ??= new ThrottledLog((l) => this.ctx.log.warn(l))).note(line);
    this.send(reply(message, "error", { reason }));
  }

  private async join(message: Message): Promise<void> {
    await this.ctx.pending;
    const { topic } = message;
    const payload = message.payload as Record<string, unknown>;
    const fail = (reason: string, response: Response = { reason }) => {
      this.ctx.log.warn(`refused join of ${topic}: ${reason}`);
      this.send(reply(message, "error", response));
    };
    const token = verifyToken<SessionToken>(this.ctx.options.secret, payload.session);
    if (!token.ok || token.payload.kind !== "session") {
      fail(token.ok ? "invalid" : token.reason, { reason: token.ok || token.reason === "invalid" ? "unauthorized" : "stale" });
      return;
    }
    const session = token.payload;
    if (`lv:${session.id}` !== topic) return fail("the session token belongs to another view", { reason: "unauthorized" });
    // As Phoenix: a join without a static token is let through, one with a token that is not
    // this container's (forged, expired, another view's) is stale, and the client reloads.
    if (payload.static !== undefined && payload.static !== null) {
      const statics = verifyToken<{ kind?: unknown; id?: unknown } | null>(this.ctx.options.secret, payload.static);
      if (!statics.ok) return fail(`the static token is ${statics.reason}`, { reason: "stale" });
      if (statics.payload?.kind !== "static" || statics.payload.id !== session.id) {
        return fail("the static token belongs to another view", { reason: "stale" });
      }
    }
    const params = (payload.params ?? {}) as Record<string, unknown>;
    if (!verifyCsrfToken(this.ctx.options.secret, this.csrfSecret, params._csrf_token)) {
      return fail("missing or invalid CSRF token", { reason: "unauthorized" });
    }
    const target = session.nested ? this.nestedTarget(session) : this.routeTarget(payload, session);
    if ("refused" in target) return fail(target.refused, target.response);
    const { view, url, params: routeParams, pattern } = target;
    const flash = verifyToken<{ kind: string; flash: Record<string, string> }>(this.ctx.options.secret, payload.flash);
    // A live navigation's flash comes with its join; the page's first join keeps the HTTP
    // render's (a redirect's flash, read from its cookie there).
    const initialFlash =
      flash.ok && flash.payload.kind === "flash" ? flash.payload.flash : params._mounts === 0 && session.flash && !session.nested ? session.flash : {};

    // Another join of the topic may have been registered while this one waited.
    this.closeDuplicate(topic);
    const connectParams = Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith("_")));
    const page: NestedPage = { route: session.nested ? session.route : pattern, liveSession: session.liveSession, session: pageSession(session.session), url: url.href };
    const host = this.createInstance(session.id, view, url, connectParams, topic, message.joinRef, pattern, page);
    const instance = host.instance!;
    this.views.set(topic, instance);
    if (session.nested?.parent) this.nestedOf?.get(`lv:${session.nested.parent}`)?.joined.add(topic);
    try {
      const csrfToken = this.csrfSecret ? csrfTokenFor(this.ctx.options.secret, this.csrfSecret) : "";
      const result = await instance.join(routeParams, session.session, initialFlash, csrfToken, {
        onMount: target.onMount,
        // As Phoenix: only a view at a route reads the connection's info, not a nested one.
        ...(session.nested ? {} : { connectInfo: connectInfoOf(this.connectInfo) }),
      });
      if ("navigate" in result) {
        this.views.delete(topic);
        this.endChildren(topic);
        instance.dispose("leave");
        const nav = result.navigate!;
        const to = { to: nav.to, ...(result.flash ? { flash: result.flash } : {}) };
        const response = nav.kind === "redirect" ? { redirect: to } : { live_redirect: { kind: nav.replace ? "replace" : "push", ...to } };
        this.send(reply(message, "error", response));
        return;
      }
      host.joined = true;
      this.send(reply(message, "ok", { rendered: result.rendered, liveview_version: LIVEVIEW_VERSION }));
    } catch {
      // The crash was reported and logged; the join gets an error so the client retries.
      if (this.views.get(topic) === instance) {
        this.views.delete(topic);
        this.endChildren(topic);
      }
      this.send(reply(message, "error", { reason: "join crashed" }));
    }
  }

  /** A root view's join: the view of the route its URL matches, in the token's live session. */
  private routeTarget(payload: Record<string, unknown>, session: SessionToken): JoinTarget | Refusal {
    const rawUrl = typeof payload.url === "string" ? payload.url : typeof payload.redirect === "string" ? payload.redirect : null;
    const url = rawUrl ? safeURL(rawUrl) : null;
    const match = url ? this.ctx.router.match(url) : null;
    if (!url || !match) return refused("the URL is not a live route", { reason: "stale" });
    // Live navigation stays within a live session; across sessions the page loads in full.
    if (match.view.liveSession !== session.liveSession) {
      return refused(`${url.pathname} is in live session "${match.view.liveSession}", not "${session.liveSession}"`, { reason: "unauthorized" });
    }
    return { view: match.view.view, url, params: match.params, pattern: match.pattern, onMount: match.view.onMount };
  }

  /**
   * A nested view's join: a child of a view joined on this connection, which rendered it (its
   * URL is the parent's), or a sticky view rendered on this server, which joins on its own.
   */
  private nestedTarget(session: SessionToken): JoinTarget | Refusal {
    const { parent, url } = session.nested!;
    const label = `nested view ${session.id}`;
    if (parent === null) {
      const view = this.ctx.stickyViews.get(session.id);
      const at = safeURL(url);
      if (!view || !at) return refused("the sticky view was not rendered by this server", { reason: "stale" });
      return { view, url: at, params: {}, pattern: label, onMount: viewOnMount(view) };
    }
    const parentTopic = `lv:${parent}`;
    const parentView = this.views.get(parentTopic);
    const view = this.nestedOf?.get(parentTopic)?.moduleOf(session.id);
    // Not a reason the client reloads for: it joins the child again once the parent rendered it.
    if (!parentView || !view) return refused(`its parent view ${parent} is not joined, or did not render it`, { reason: "parent not joined" });
    return { view, url: parentView.url, params: {}, pattern: label, onMount: viewOnMount(view) };
  }

  /** Ends the children of the view on `topic` (its leave, crash or close), theirs too. */
  private endChildren(topic: string): void {
    const renderer = this.nestedOf?.get(topic);
    if (!renderer) return;
    this.nestedOf!.delete(topic);
    if (this.nestedOf!.size === 0) this.nestedOf = null;
    for (const child of renderer.joinedTopics) {
      const instance = this.views.get(child);
      if (!instance) continue;
      this.views.delete(child);
      this.endChildren(child);
      instance.dispose("leave");
    }
  }

  /**
   * A join of a topic already joined on this connection closes the view there first, as
   * Phoenix closes a channel joined twice: the client gets `phx_close` with the old join's ref
   * (the official client drops it as outdated when it rejoined with a new ref), the view
   * terminates with "leave", and the new join goes ahead whether or not it succeeds.
   */
  private closeDuplicate(topic: string): void {
    const previous = this.views.get(topic);
    if (!previous) return;
    this.ctx.log.info(`closing view ${topic} for a new join of the same topic`);
    previous.close();
    this.views.delete(topic);
    this.endChildren(topic);
  }

  /** A view instance and its host (see `ViewHost`). */
  private createInstance(
    id: string,
    view: ViewDefinition<Record<string, unknown>>,
    url: URL,
    connectParams: Record<string, unknown>,
    topic: string,
    joinRef: string | null,
    pattern: string,
    page: NestedPage,
  ): ViewHost {
    const host = new ViewHost(this, this.ctx, topic, joinRef, pattern, view, page);
    host.instance = new ViewInstance(id, view, url, connectParams, host);
    return host;
  }

  /**
   * @internal The renderer of the children of the view on `topic`, made when its render meets
   * its first `<LiveView>`. Registered (for its children's joins) only while that view is the
   * one joined on the topic.
   */
  nestedRenderer(topic: string, instance: ViewInstance, page: NestedPage): LiveNested {
    const renderer = new LiveNested(nestedContext(this.ctx), instance.id, page);
    if (this.holds(topic, instance)) (this.nestedOf ??= new Map()).set(topic, renderer);
    return renderer;
  }

  /** @internal Whether `instance` is the one joined on `topic`. */
  holds(topic: string, instance: ViewInstance | null): boolean {
    return instance !== null && this.views.get(topic) === instance;
  }

  /** @internal Forgets the view on `topic`. */
  forget(topic: string): void {
    this.views.delete(topic);
    this.endChildren(topic);
  }

  /**
   * @internal A view's push. Unlike a reply it throws when it cannot be encoded: the push runs in
   * one of the view's callbacks, which then crashes the view rather than let it and the client
   * disagree about what the page shows.
   */
  sendMessage(message: Message): void {
    if (this.ws.readyState === this.ws.OPEN) this.write(encodeFrame(message));
  }

  private async event(instance: ViewInstance, message: Message): Promise<void> {
    const payload = message.payload as Record<string, unknown>;
    if (typeof payload.event !== "string") {
      this.send(reply(message, "error", { reason: "an event needs a name" }));
      return;
    }
    try {
      const cid = typeof payload.cid === "number" ? payload.cid : undefined;
      const response = await instance.event(payload.event, eventValue(payload), cid, putEventUploads(payload.uploads));
      this.send(reply(message, "ok", response));
    } catch (error) {
      this.answerFailure(message, error);
    }
  }

  private async patch(instance: ViewInstance, message: Message): Promise<void> {
    // Only a string: an object's toString or valueOf is not the client's to choose.
    const raw = (message.payload as Record<string, unknown>).url;
    const url = typeof raw === "string" ? safeURL(raw) : null;
    if (!url) {
      this.send(reply(message, "error", { reason: "live_patch needs a url" }));
      return;
    }
    try {
      this.send(reply(message, "ok", await instance.patch(url)));
    } catch (error) {
      this.answerFailure(message, error);
    }
  }

  /**
   * A view's message failed: it is answered all the same (the official client reloads the page
   * when a push times out and its view has not rejoined meanwhile), and the failure is logged
   * once; but for the message whose callback crashed the view, which Phoenix's crashed channel
   * never answers: its client hears `phx_error` and rejoins, and a reply on top would make the
   * official client report the event as failed as well.
   */
  private answerFailure(message: Message, error: unknown): void {
    if (error instanceof RejectedInput || error instanceof ParamsError) {
      this.ctx.log.warn(`view ${message.topic}: ${error.message}`);
      this.send(reply(message, "error", { reason: error.message }));
    } else if (error instanceof ViewGone) {
      // Queued behind the callback that crashed the view, or behind its leave.
      this.ctx.log.warn(`view ${message.topic}: ${message.event} not handled: the view was gone`);
      this.send(reply(message, "error", { reason: "view gone" }));
    }
    // Otherwise the view crashed in this message's callback: the crash is logged and phx_error pushed.
  }

  /**
   * Waits for an async frame handler. A handler answers its frame itself; a failure that escapes
   * it (a bug, or a view gone while it ran) is logged and answered with an error, never left as
   * an unhandled rejection.
   */
  private settle(message: Message, handling: Promise<void>): void {
    handling.catch((error: unknown) => {
      this.ctx.log.error(`${message.event} on ${message.topic} failed`, error);
      this.send(reply(message, "error", { reason: `${message.event} failed` }));
    });
  }

  /**
   * Sends a frame; never throws. A reply whose response cannot be encoded (a BigInt or a cycle
   * in a pushed event's payload) is logged and answered with an error instead.
   */
  private send(message: Message): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    let frame: string;
    try {
      frame = encodeFrame(message);
    } catch (error) {
      this.ctx.log.error(`could not encode the ${message.event} frame for ${message.topic}`, error);
      if (message.event !== PHX_REPLY) return;
      frame = encodeFrame(reply(message, "error", { reason: "the reply could not be encoded" }));
    }
    this.write(frame);
  }

  /**
   * Writes a frame unless the client has stopped reading: when more than `maxBufferedBytes` wait
   * to be sent already, the connection is dropped and its views terminate. Terminated, not
   * closed: a close frame would wait behind the backlog it is meant to end.
   */
  private write(frame: string): void {
    const waiting = this.ws.bufferedAmount;
    const cap = this.ctx.options.maxBufferedBytes;
    if (waiting > cap) {
      this.ctx.log.warn(`closing a connection whose client is not reading: ${waiting} bytes wait to be sent, over maxBufferedBytes (${cap})`);
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  /**
   * Closes the connection for what the client sent, once the joins it sent before are answered:
   * Phoenix handles a socket's frames in order, so a join ahead of a bad frame gets its reply
   * before the close. Frames that arrive meanwhile are dropped; a join cannot hold the close
   * for longer than its mount may take (`callbackTimeout`).
   */
  private closeAfterJoins(code: number, reason: string): void {
    this.closing = true;
    const close = () => this.ws.close(code, reason);
    if (!this.joins?.size) close();
    else void Promise.allSettled([...this.joins]).then(close);
  }

  /** Closes the connection; its views terminate. */
  close(): void {
    this.ws.close(1001, "server shutting down");
  }

  /** The connection's upload channels, made on first use. */
  private uploads(): UploadChannels {
    return (this.uploadChannels ??= new UploadChannels({
      secret: this.ctx.options.secret,
      log: this.ctx.log,
      maxPayload: this.ctx.options.maxPayload,
      send: (message) => this.send(message),
      view: (topic) => this.views.get(topic),
    }));
  }

  /** @internal */
  closed(): void {
    this.uploadChannels?.closeAll();
    for (const instance of this.views.values()) instance.dispose("disconnect");
    this.views.clear();
    this.nestedOf = null;
    this.ctx.connections.delete(this);
  }
}

/** What a join mounts: the view, its URL, its params and the label its log lines carry. */
interface JoinTarget {
  view: ViewDefinition<Record<string, unknown>>;
  url: URL;
  params: Params;
  pattern: string;
  /** What runs before the view's mount: its live session's `onMount` (at a route only), then its own. */
  onMount: readonly OnMount[];
}

interface Refusal {
  refused: string;
  response: Response;
}

function refused(reason: string, response: Response): Refusal {
  return { refused: reason, response };
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** What every view's renderer of children on a server signs with; one per server. */
const NESTED_CONTEXTS = new WeakMap<ServerContext, NestedContext>();

function nestedContext(ctx: ServerContext): NestedContext {
  let nested = NESTED_CONTEXTS.get(ctx);
  if (!nested) NESTED_CONTEXTS.set(ctx, (nested = { secret: ctx.options.secret, dev: ctx.options.dev, sticky: ctx.stickyViews }));
  return nested;
}

/** Merged under the session of a view's children, which only read it: an empty one is shared. */
const NO_SESSION: Record<string, unknown> = Object.freeze({});

function pageSession(session: Record<string, unknown>): Record<string, unknown> {
  return Object.keys(session).length === 0 ? NO_SESSION : session;
}

/**
 * A copy of `text` that stands alone. A substring of a header (a cookie's value) may point into
 * the whole header string, which a connection keeping the value would keep too.
 */
function ownString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function safeURL(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * An event's params: a form's URL-encoded string decoded into nested objects (`user[email]`),
 * with `_target` as a path and the fields the user has not touched available through
 * `usedFields(payload)`; anything else as the object the client sent.
 * @throws {ParamsError} for hostile forms (too deep, too many fields, too long)
 */
export function eventValue(payload: Record<string, unknown>): EventPayload {
  const value = payload.value;
  if (payload.type === "form" && typeof value === "string") {
    // `meta` is the client's: only an object is read (`meta: null` is no meta).
    const meta = isObject(payload.meta) ? (payload.meta as { _target?: unknown }) : undefined;
    const { params, target, used } = formEvent(value, meta);
    const out: EventPayload = { ...params };
    // The rest of `meta` (a JS.push's value, the form's phx-value-*) goes over the form's fields,
    // as Phoenix merges it. Defined, not assigned, so that a `__proto__` key is only a key.
    for (const [key, v] of Object.entries(meta ?? {})) {
      if (key !== "_target") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    if (target) out._target = target;
    Object.defineProperty(out, USED, { value: used, enumerable: false });
    return out;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as EventPayload;
  return {};
}

/**
 * What a view instance needs from its connection. A class rather than closures made in `join`:
 * an idle view then keeps a few fields, not the join message (tokens, URL) in a closure context.
 * It is also the view's renderer of `<LiveView>` children, and makes the real one (see
 * {@link LiveNested}) at the first child, so a view without children pays for none.
 */
class ViewHost implements InstanceHost, NestedRenderer {
  instance: ViewInstance | null = null;
  /** False until the join is answered: a crash before is answered by the join's error reply, not phx_error. */
  joined = false;
  private renderer: LiveNested | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly ctx: ServerContext,
    private readonly topic: string,
    private readonly joinRef: string | null,
    private readonly pattern: string,
    private readonly view: ViewDefinition<Record<string, unknown>>,
    /** The route, live session, session and URL the view's children are signed with. */
    private readonly page: NestedPage,
  ) {}

  get nested(): NestedRenderer {
    return this;
  }

  begin(): void {
    this.renderer?.begin();
  }

  render(props: LiveViewProps): string {
    return (this.renderer ??= this.connection.nestedRenderer(this.topic, this.instance!, this.page)).render(props);
  }

  get pubsub() {
    return this.ctx.pubsub;
  }

  get dev(): boolean {
    return this.ctx.options.dev;
  }

  get verify(): boolean {
    return this.ctx.options.verify;
  }

  get maxQueued(): number {
    return this.ctx.options.maxQueuedMessages;
  }

  get maxQueuedInfos(): number {
    return this.ctx.options.maxQueuedInfos;
  }

  get callbackTimeout(): number {
    return this.ctx.options.callbackTimeout;
  }

  signFlash(values: Record<string, string>): string {
    return signToken(this.ctx.options.secret, { kind: "flash", flash: values }, { maxAgeSeconds: 60 });
  }

  push(event: string, body: Record<string, unknown>): void {
    if (this.connection.holds(this.topic, this.instance)) this.connection.sendMessage(push(this.joinRef, this.topic, event, body));
  }

  closed(): void {
    // As Phoenix sends it: `ref` is the join's ref too.
    const close: Message = { joinRef: this.joinRef, ref: this.joinRef, topic: this.topic, event: PHX_CLOSE, payload: {} };
    if (this.connection.holds(this.topic, this.instance)) this.connection.sendMessage(close);
  }

  crashed(error: unknown, callback: string | null): void {
    this.ctx.log.error(`view ${this.topic} (${this.pattern}) crashed${callback ? ` in ${callback}` : ""}`, error);
    if (this.connection.holds(this.topic, this.instance)) {
      this.connection.forget(this.topic);
      if (this.joined) this.connection.sendMessage(push(this.joinRef, this.topic, PHX_ERROR, {}));
    }
  }

  failed(callback: string, error: unknown): void {
    this.ctx.log.error(`view ${this.topic} (${this.pattern}): ${callback} failed`, error);
  }

  paramsFor(next: URL): Params | null {
    const m = this.ctx.router.match(next);
    return m && m.view.view === this.view ? m.params : null;
  }
}
