/**
 * The socket a view's callbacks receive: assigns with change tracking, and the effects a handler
 * can ask for (pushed events, title, flash, messages, timers, PubSub, navigation).
 */
import type { PubSubAdapter, PubSubListener } from "./pubsub.js";
import { presenceFor, type Presence } from "./presence.js";
import type { ComponentDefinition } from "./component.js";
import { snapshot } from "./snapshot.js";
import { AsyncResult, CANCELLED, type AsyncOutcome } from "./async.js";
import { defaultDomId, LiveStream, type DomIdFunction, type StreamInsertOptions, type StreamOptions } from "./stream.js";
import { uploadsOf, type AllowUploadOptions } from "./upload.js";
import { Lifecycle, type HookStage, type HookStages } from "./lifecycle.js";
import type { ConnectInfo } from "./connect-info.js";

/** A timer started with `sendAfter`; cancelled automatically when the view goes away. */
export interface TimerRef {
  cancel(): void;
}

export interface NavigateOptions {
  /** Replace the current history entry instead of pushing one. @default false */
  replace?: boolean;
}

export interface LiveSocket<Assigns extends object = Record<string, unknown>> {
  /**
   * The current assigns. Prefer new values to changes in place; an object changed in place must
   * be assigned again (`socket.assign("items", items)`), which re-renders everything that reads
   * it. In development a change in place without an assign is reported before the next render.
   */
  readonly assigns: Readonly<Assigns>;
  /** False during the HTTP render, true once the WebSocket has joined. */
  readonly connected: boolean;
  /** The client's connect params (`new LiveSocket(url, { params })`); empty during the HTTP render. */
  readonly connectParams: Readonly<Record<string, unknown>>;
  /** The view's container id. */
  readonly id: string;

  /**
   * Sets assigns. A primitive `Object.is`-equal to the current value changes nothing; the same
   * object (or function) again counts as changed in place: everything read through it renders again.
   * Every key is an ordinary assign, the object's own property: `__proto__` (an own key of a
   * parsed JSON object, or `assign("__proto__", x)`) never replaces the assigns' prototype, and
   * `constructor` or `prototype` never reach `Object.prototype`.
   */
  assign(values: Partial<Assigns>): this;
  assign<K extends keyof Assigns>(key: K, value: Assigns[K]): this;
  /** Sets an assign from its current value. */
  update<K extends keyof Assigns>(key: K, fn: (value: Assigns[K]) => Assigns[K]): this;
  /** Sets an assign only when it has no value yet (mount runs twice). */
  assignNew<K extends keyof Assigns>(key: K, fn: () => Assigns[K]): this;
  /** Sets the page title (`<title>`), sent with the next diff. */
  pageTitle(title: string): this;
  /** Sends an event to the client, dispatched there as `phx:<name>`. */
  pushEvent(name: string, payload?: Record<string, unknown>): this;
  /** Sets a flash message (`assigns.flash[kind]`). */
  putFlash(kind: string, message: string): this;
  /** Clears one flash message, or all of them. */
  clearFlash(kind?: string): this;
  /** Delivers `message` to this view's `handleInfo`, after the current callback. */
  sendInfo(message: unknown): void;
  /** Delivers `message` to `handleInfo` after `ms` milliseconds. */
  sendAfter(message: unknown, ms: number): TimerRef;
  /** Receives the topic's broadcasts in `handleInfo` until the view goes away. */
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  /** Sends `message` to every view subscribed to `topic`, this one included. */
  broadcast(topic: string, message: unknown): Promise<void>;
  /** Sends `message` to every view subscribed to `topic` but this one, on every node. */
  broadcastFrom(topic: string, message: unknown): Promise<void>;
  /**
   * Who is on a topic, across every node: `socket.presence.track(socket, topic, key, meta)`,
   * `untrack`, `update`, `list(topic)`; views subscribed to the topic receive its
   * `presence_diff` in `handleInfo`. Presences tracked by a view go when the view goes.
   * Not during the HTTP render (`socket.connected` is false).
   */
  readonly presence: Presence;
  /**
   * Sends `items` to the client's `phx-update="stream"` container for `streams[name]`; the server
   * keeps none of them after the render.
   */
  stream(name: string, items: Iterable<unknown>, options?: StreamOptions): this;
  /** Inserts or updates one stream item. */
  streamInsert(name: string, item: unknown, options?: StreamInsertOptions): this;
  /** Removes one stream item from the client, by item (its DOM id) or DOM id. */
  streamDelete(name: string, item: unknown): this;
  streamDeleteByDomId(name: string, domId: string): this;
  /** How a stream makes DOM ids from items. @default (item) => `${name}-${item.id}` */
  streamConfigure(name: string, options: { domId: DomIdFunction }): this;
  /** Sends new props to a live component of this view (its `update` runs), by module and id. */
  sendUpdate(module: ComponentDefinition<any>, id: string | number, props: Record<string, unknown>): void;
  /**
   * Fills `keys` from work that runs off the view's queue: each key becomes an
   * {@link AsyncResult} at once (loading, keeping a previous result), then ok with the value
   * `fn` resolves to for it (`fn` returns `{ key: value, … }`), or failed with what `fn` threw or
   * rejected with, or with a value missing from its result. Runs only once connected (the HTTP
   * render shows the loading state). Work already running for the same keys is cancelled.
   */
  assignAsync<K extends keyof Assigns & string>(keys: K | readonly K[], fn: (signal: AbortSignal) => AsyncValues<Assigns, K> | Promise<AsyncValues<Assigns, K>>): this;
  /**
   * Runs `fn` off the view's queue and hands its outcome to `handleAsync(name, outcome, socket)`
   * (`{ ok: true, value }`, or `{ ok: false, reason }` when it threw or was cancelled). Runs only
   * once connected. Work already running under `name` is cancelled (its outcome never arrives).
   */
  startAsync<T>(name: string, fn: (signal: AbortSignal) => T | Promise<T>): this;
  /**
   * Cancels running work: `fn`'s signal aborts with `reason`, and the work's outcome is never
   * used. `assignAsync`'s keys (one key, or the same list) become failed with `reason` at once;
   * `startAsync`'s `handleAsync` receives `{ ok: false, reason }` after the current callback.
   * Returns whether work was running. @default reason "cancelled"
   */
  cancelAsync(nameOrKeys: string | readonly string[], reason?: unknown): boolean;
  /** Changes the URL without a page load; `handleParams` runs with the new params. */
  pushPatch(to: string, options?: NavigateOptions): this;
  /**
   * Navigates to another live view over the same connection.
   * @throws {TypeError} for a `to` that is not a local path (`/…`, not `//…`)
   */
  pushNavigate(to: string, options?: NavigateOptions): this;
  /**
   * A full page load of `to`, a path of this site (`/posts/1`), or of another site's URL given
   * as `{ external: "https://…" }`.
   * @throws {TypeError} for a `to` that is not a local path, or an external URL that is not
   * http(s) (a `javascript:` URL would run in the page)
   */
  redirect(to: string | { external: string }): this;
  /**
   * Allows an upload: `assigns.uploads[name]` holds its config, entries and errors, rendered
   * with `<LiveFileInput upload={uploads[name]} />`. Again, it replaces the config (a new ref).
   * @throws when the upload has entries, or for an option out of range
   */
  allowUpload(name: string, options?: AllowUploadOptions<Assigns>): this;
  /** Removes an entry of an upload; one being sent is stopped and its file removed. */
  cancelUpload(name: string, entryRef: string): Promise<void>;
  /** Refuses new entries of an upload. @throws when it has entries */
  disallowUpload(name: string): this;
  /**
   * Attaches a hook that runs before the view's own callback of `stage` (or, for
   * `afterRender`, after each render), in the order hooks were attached; it answers `"cont"` or
   * `"halt"`. Usually from an `onMount`. A live component's socket takes `handleEvent`,
   * `handleAsync` and `afterRender` hooks.
   * @throws for a name already attached on the stage, an unknown stage, or past `MAX_HOOKS` (64) hooks on the socket
   */
  attachHook<S extends HookStage>(name: string, stage: S, fn: HookStages[S]): this;
  /** Detaches the hook `name` of `stage`; nothing happens when there is none. */
  detachHook(name: string, stage: HookStage): this;
  /**
   * What the connection says about the client: peer address and port, user agent, `x-*`
   * headers, URI, each one the server's `connectInfo` option names (from the HTTP request on the
   * HTTP render, from the WebSocket's upgrade request once connected). Cookies are never in it.
   * @throws outside `mount` and `onMount`, and on a live component's socket (as Phoenix's
   * `get_connect_info`, which only mount may call)
   */
  readonly connectInfo: ConnectInfo;
}

/** What a callback asked for besides assigns; the view instance acts on it after the callback. */
export interface Effects {
  events: [string, Record<string, unknown>][];
  title: string | null;
  navigation: { kind: "patch" | "navigate" | "redirect"; to: string; replace: boolean } | null;
}

/** {@link Effects} as read before they are taken. */
export interface PendingEffects {
  readonly events: readonly [string, Record<string, unknown>][];
  readonly title: string | null;
  readonly navigation: Effects["navigation"];
}

/** The effects of a socket nothing was asked of: shared, so an idle socket keeps none of its own. */
const NO_EFFECTS: PendingEffects = Object.freeze({ events: Object.freeze([]), title: null, navigation: null });

function noEffects(): Effects {
  return { events: [], title: null, navigation: null };
}

/** What the socket needs from the view instance that owns it. */
export interface SocketHost {
  readonly pubsub: PubSubAdapter;
  /** The view's listener of its topics, which `broadcastFrom` skips. */
  readonly listener: PubSubListener;
  /** Runs `cleanup` when the view goes away (at once if it is gone); returns a function that cancels it. */
  onExit(cleanup: () => void): () => void;
  sendInfo(message: unknown): void;
  sendAfter(message: unknown, ms: number): TimerRef;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  sendUpdate(module: ComponentDefinition<any>, id: unknown, props: Record<string, unknown>): void;
  /** A broadcast's adapter failed: logged, naming the topic. */
  broadcastFailed(topic: string, error: unknown): void;
  /**
   * Runs `fn` off the view's queue; `settled` gets its outcome inside the queue (then the
   * socket's owner renders), unless the task was cancelled or replaced meanwhile; with
   * `settleOnCancel`, a cancel is given to `settled` as a failure. A running task under the same
   * `key` of the same socket is cancelled.
   */
  startTask(socket: ViewSocket<any>, key: string, fn: (signal: AbortSignal) => unknown, settled: (outcome: AsyncOutcome) => unknown, settleOnCancel: boolean): void;
  /** `startAsync`'s outcome, for the `handleAsync` of the socket's owner (the view, or a live component). */
  handleAsync(socket: ViewSocket<any>, name: string, outcome: AsyncOutcome): unknown;
  /** Cancels the socket's task under `key`: true if one was running. */
  cancelTask(socket: ViewSocket<any>, key: string, reason: unknown): boolean;
}

/** What `assignAsync`'s function resolves to: a value for each of its keys. */
export type AsyncValues<Assigns, K extends keyof Assigns> = {
  [P in K]: Assigns[P] extends AsyncResult<infer T> | undefined ? T : unknown;
};

const NOTHING_CHANGED: ReadonlySet<string> = new Set();

/** What development checks keep of an assign at render time: its value, and a snapshot of objects. */
interface Snapshot {
  value: unknown;
  /** `null` for a primitive, or an object beyond the snapshot's bound (not checked). */
  print: string | null;
}

/**
 * The socket implementation. Assigns live in one object that is copied on the first change
 * after a render, so the previous object stays intact for the diff to compare against.
 */
export class ViewSocket<Assigns extends object = Record<string, unknown>> implements LiveSocket<Assigns> {
  private current: Record<string, unknown> = {};
  private copied = false;
  private changedSet: Set<string> | null = null;
  private touchedSet: Set<string> | null = null;
  /** Development: each assign as the last render saw it. */
  private snapshots: Map<string, Snapshot> | null = null;

  /** Top-level assigns changed since the last render. */
  get changed(): ReadonlySet<string> {
    return this.changedSet ?? NOTHING_CHANGED;
  }

  /**
   * Assigns (also in `changed`) assigned the object they already held since the last render:
   * changed in place, so their render compares no paths and takes no by-reference shortcut.
   */
  get touched(): ReadonlySet<string> {
    return this.touchedSet ?? NOTHING_CHANGED;
  }
  /** What callbacks asked for since the effects were last taken; made on first use. */
  private asked: Effects | null = null;

  /** What callbacks asked for since the effects were last taken (see {@link ViewSocket.takeEffects}). */
  get effects(): PendingEffects {
    return this.asked ?? NO_EFFECTS;
  }

  private get asking(): Effects {
    return (this.asked ??= noEffects());
  }

  /**
   * @internal A live component's navigation (`pushPatch`, `pushNavigate`, `redirect` in its
   * handler) becomes its view's, as Phoenix's root view follows a component's.
   */
  adoptNavigation(component: ViewSocket<any>): void {
    const navigation = component.asked?.navigation;
    if (!navigation) return;
    component.asked!.navigation = null;
    this.asking.navigation = navigation;
  }

  /** @internal A live patch is being followed: it is no longer asked for. */
  patchFollowed(): void {
    if (this.asked) this.asked.navigation = null;
  }

  /** @internal The attached hooks; made on first use. */
  lifecycle: Lifecycle | null = null;

  /** @internal A live component's socket, which takes fewer hook stages. */
  component = false;

  /** @internal Set during mount only (see {@link LiveSocket.connectInfo}). */
  mountInfo: ConnectInfo | null = null;

  get connectInfo(): ConnectInfo {
    if (this.mountInfo === null) {
      throw new Error("socket.connectInfo is available in mount and onMount only (of a view, not a live component): read what you need there and assign it");
    }
    return this.mountInfo;
  }

  attachHook<S extends HookStage>(name: string, stage: S, fn: HookStages[S]): this {
    (this.lifecycle ??= new Lifecycle(this.component)).attach(name, stage, fn);
    return this;
  }

  detachHook(name: string, stage: HookStage): this {
    // Checked even with nothing attached: a misspelt stage is an error every time.
    (this.lifecycle ?? new Lifecycle(this.component)).detach(name, stage);
    return this;
  }

  constructor(
    readonly id: string,
    readonly connected: boolean,
    readonly connectParams: Readonly<Record<string, unknown>>,
    private readonly host: SocketHost | null,
    private readonly dev: boolean,
  ) {}

  get assigns(): Readonly<Assigns> {
    return this.current as Assigns;
  }

  assign(values: Partial<Assigns> | keyof Assigns, value?: unknown): this {
    if (typeof values === "object" && values !== null) {
      for (const [k, v] of Object.entries(values)) this.set(k, v);
    } else {
      this.set(String(values), value);
    }
    return this;
  }

  update<K extends keyof Assigns>(key: K, fn: (value: Assigns[K]) => Assigns[K]): this {
    const name = String(key);
    return this.set(name, fn(ownValue(this.current, name) as Assigns[K]));
  }

  assignNew<K extends keyof Assigns>(key: K, fn: () => Assigns[K]): this {
    // Own keys only: a name inherited from a polluted Object.prototype is no assign.
    if (!Object.hasOwn(this.current, key)) this.set(String(key), fn());
    return this;
  }

  /**
   * @internal False while a live component's `update` receives the props of a parent render that
   * is not forced: the parent's objects are unchanged when their references are.
   */
  sameIsChanged = true;

  private set(key: string, value: unknown): this {
    if (Object.is(this.current[key], value) && Object.hasOwn(this.current, key)) {
      // A primitive is the same value; an object may have been changed in place.
      if (!this.sameIsChanged || value === null || (typeof value !== "object" && typeof value !== "function")) return this;
      (this.touchedSet ??= new Set()).add(key);
      (this.changedSet ??= new Set()).add(key);
      return this;
    }
    if (!this.copied) {
      this.current = { ...this.current };
      this.copied = true;
    }
    // `current.__proto__ = value` would replace the prototype; defined, it is an own key (kept
    // by the spread copies above).
    if (key === "__proto__") Object.defineProperty(this.current, key, { value, writable: true, enumerable: true, configurable: true });
    else this.current[key] = value;
    (this.changedSet ??= new Set()).add(key);
    return this;
  }

  /** Called after a render: the next change copies the assigns again. */
  rendered(): void {
    this.clearStreams();
    this.copied = false;
    // Dropped rather than cleared: an idle view keeps no set (a render's scope keeps its own).
    this.changedSet = null;
    this.touchedSet = null;
  }

  /**
   * Development (a no-op otherwise), before a render: every assign not assigned since the last
   * render must be as that render saw it, compared by snapshot (see `snapshot.ts` for what it
   * covers and its size bound); the others are snapshotted now.
   * @throws {Error} naming the first assign changed in place without an assign: the view
   * crashes (in development only), rather than a page left stale.
   */
  checkInPlace(owner = ""): void {
    if (!this.dev) return;
    const snapshots = (this.snapshots ??= new Map());
    for (const key of Object.keys(this.current)) {
      // The socket replaces the streams itself after each render; their items are not kept.
      if (key === "streams") continue;
      const value = this.current[key];
      const before = snapshots.get(key);
      if (before === undefined || this.changedSet?.has(key)) {
        snapshots.set(key, { value, print: isObject(value) ? snapshot(value) : null });
        continue;
      }
      if (Object.is(before.value, value)) {
        // A primitive, or an object beyond the snapshot's bound then or now: nothing to compare.
        if (before.print === null) continue;
        const now = snapshot(value);
        if (now === null || now === before.print) continue;
      }
      throw new Error(
        `the assign "${key}"${owner} was changed in place without an assign; call socket.assign("${key}", …) ` +
          `after changing it (or assign a new value)`,
      );
    }
  }

  pageTitle(title: string): this {
    this.asking.title = title;
    return this;
  }

  private streamConfigMap: Map<string, { ref: string; domId: DomIdFunction }> | null = null;

  private get streamConfig(): Map<string, { ref: string; domId: DomIdFunction }> {
    return (this.streamConfigMap ??= new Map());
  }

  /**
   * A new stream's ref, unique on the page as Phoenix makes it: the client's reset of a stream
   * removes every element of the document carrying its ref, so a live component's streams are
   * numbered under its cid (`"3-0"`) apart from the view's (`"0"`) and other components'.
   */
  private nextStreamRef(): string {
    const cid = ownValue(this.current, "myself");
    const n = String(this.streamConfig.size);
    return typeof cid === "number" ? `${cid}-${n}` : n;
  }

  private liveStream(name: string): LiveStream {
    const streams = ownValue(this.current, "streams") as Record<string, LiveStream> | undefined;
    const existing = streams && (ownValue(streams, name) as LiveStream | undefined);
    if (existing) return existing;
    let config = this.streamConfig.get(name);
    if (!config) {
      config = { ref: this.nextStreamRef(), domId: defaultDomId(name) };
      this.streamConfig.set(name, config);
    }
    return new LiveStream(config.ref, config.domId);
  }

  private setStream(name: string, stream: LiveStream): this {
    return this.set("streams", { ...(this.current.streams as Record<string, LiveStream> | undefined), [name]: stream });
  }

  stream(name: string, items: Iterable<unknown>, options: StreamOptions = {}): this {
    const base = options.reset ? this.liveStream(name).resetAll() : this.liveStream(name);
    const insert: StreamInsertOptions = {};
    if (options.at !== undefined) insert.at = options.at;
    if (options.limit !== undefined) insert.limit = options.limit;
    return this.setStream(name, base.insert(items, insert));
  }

  streamInsert(name: string, item: unknown, options: StreamInsertOptions = {}): this {
    return this.setStream(name, this.liveStream(name).insert([item], options));
  }

  streamDelete(name: string, item: unknown): this {
    const stream = this.liveStream(name);
    return this.setStream(name, stream.delete(stream.domId(item)));
  }

  streamDeleteByDomId(name: string, domId: string): this {
    return this.setStream(name, this.liveStream(name).delete(domId));
  }

  streamConfigure(name: string, options: { domId: DomIdFunction }): this {
    const config = this.streamConfig.get(name);
    if (config) config.domId = options.domId;
    else this.streamConfig.set(name, { ref: this.nextStreamRef(), domId: options.domId });
    return this;
  }

  /**
   * After a render the streams' items are forgotten. This is not a change: nothing re-renders
   * because of it, and a render for other reasons finds nothing pending.
   */
  private clearStreams(): void {
    const streams = this.current.streams as Record<string, LiveStream> | undefined;
    if (!streams || !Object.values(streams).some((s) => s.pending)) return;
    const cleared = Object.fromEntries(Object.entries(streams).map(([k, s]) => [k, s.cleared()]));
    this.current = { ...this.current, streams: cleared };
  }

  pushEvent(name: string, payload: Record<string, unknown> = {}): this {
    this.asking.events.push([name, payload]);
    return this;
  }

  putFlash(kind: string, message: string): this {
    const flash = (this.current.flash as Record<string, string> | undefined) ?? {};
    return this.set("flash", { ...flash, [kind]: message });
  }

  clearFlash(kind?: string): this {
    if (kind === undefined) return this.set("flash", {});
    const { [kind]: _removed, ...rest } = (this.current.flash as Record<string, string> | undefined) ?? {};
    return this.set("flash", rest);
  }

  sendInfo(message: unknown): void {
    this.requireHost("sendInfo").sendInfo(message);
  }

  sendAfter(message: unknown, ms: number): TimerRef {
    return this.requireHost("sendAfter").sendAfter(message, ms);
  }

  subscribe(topic: string): void {
    this.requireHost("subscribe").subscribe(topic);
  }

  unsubscribe(topic: string): void {
    this.requireHost("unsubscribe").unsubscribe(topic);
  }

  sendUpdate(module: ComponentDefinition<any>, id: string | number, props: Record<string, unknown>): void {
    this.requireHost("sendUpdate").sendUpdate(module, id, props);
  }

  assignAsync<K extends keyof Assigns & string>(keys: K | readonly K[], fn: (signal: AbortSignal) => AsyncValues<Assigns, K> | Promise<AsyncValues<Assigns, K>>): this {
    const list: string[] = typeof keys === "string" ? [keys] : [...(keys as readonly string[])];
    if (list.length === 0 || list.some((k) => typeof k !== "string")) throw new TypeError("assignAsync: give a key or a list of keys (strings)");
    if (typeof fn !== "function") throw new TypeError("assignAsync: the second argument must be a function");
    for (const key of list) this.set(key, AsyncResult.loading(this.asyncResult(key)));
    if (!this.host) return this;
    this.host.startTask(this, assignTaskKey(list), fn, (outcome) => this.settleAssign(list, outcome), false);
    return this;
  }

  private asyncResult(key: string): AsyncResult | null {
    const value = ownValue(this.current, key);
    return value instanceof AsyncResult ? value : null;
  }

  private settleAssign(keys: readonly string[], outcome: AsyncOutcome): void {
    const values = outcome.ok ? outcome.value : null;
    for (const key of keys) {
      const previous = this.asyncResult(key);
      if (!outcome.ok) this.set(key, AsyncResult.failed(outcome.reason, previous));
      else if (values !== null && typeof values === "object" && Object.hasOwn(values, key)) this.set(key, AsyncResult.ok((values as Record<string, unknown>)[key]));
      else this.set(key, AsyncResult.failed(new TypeError(`assignAsync: the function's result has no value for "${key}"`), previous));
    }
  }

  startAsync<T>(name: string, fn: (signal: AbortSignal) => T | Promise<T>): this {
    if (typeof name !== "string") throw new TypeError("startAsync: the name must be a string");
    if (typeof fn !== "function") throw new TypeError("startAsync: the second argument must be a function");
    const host = this.requireHost("startAsync");
    host.startTask(this, startTaskKey(name), fn, (outcome) => host.handleAsync(this, name, outcome), true);
    return this;
  }

  cancelAsync(nameOrKeys: string | readonly string[], reason: unknown = CANCELLED): boolean {
    if (!this.host) return false;
    const keys: string[] = typeof nameOrKeys === "string" ? [nameOrKeys] : [...nameOrKeys];
    if (this.host.cancelTask(this, assignTaskKey(keys), reason)) {
      this.settleAssign(keys, { ok: false, reason });
      return true;
    }
    return typeof nameOrKeys === "string" && this.host.cancelTask(this, startTaskKey(nameOrKeys), reason);
  }

  broadcast(topic: string, message: unknown): Promise<void> {
    const host = this.requireHost("broadcast");
    return this.sent(host, topic, () => host.pubsub.broadcast(topic, message));
  }

  broadcastFrom(topic: string, message: unknown): Promise<void> {
    const host = this.requireHost("broadcastFrom");
    return this.sent(host, topic, () => host.pubsub.broadcastFrom(host.listener, topic, message));
  }

  get presence(): Presence {
    return presenceFor(this.requireHost("presence").pubsub);
  }

  /** @internal The view that owns this socket, for {@link Presence}; null during the HTTP render. */
  get owner(): SocketHost | null {
    return this.host;
  }

  private sent(host: SocketHost, topic: string, send: () => Promise<void> | void): Promise<void> {
    // An adapter that refuses the message (not JSON) throws here, at the call.
    const sent = Promise.resolve(send());
    // Not awaited (a broadcast is usually fire-and-forget), a failure of the adapter still
    // reaches the log and never an unhandled rejection; awaited, it rejects all the same.
    sent.catch((error: unknown) => host.broadcastFailed(topic, error));
    return sent;
  }

  pushPatch(to: string, options: NavigateOptions = {}): this {
    this.asking.navigation = { kind: "patch", to: localPath("pushPatch", to), replace: options.replace ?? false };
    return this;
  }

  pushNavigate(to: string, options: NavigateOptions = {}): this {
    this.asking.navigation = { kind: "navigate", to: localPath("pushNavigate", to), replace: options.replace ?? false };
    return this;
  }

  redirect(to: string | { external: string }): this {
    const target = typeof to === "object" && to !== null ? externalURL(to.external) : localPath("redirect", to);
    this.asking.navigation = { kind: "redirect", to: target, replace: false };
    return this;
  }

  allowUpload(name: string, options: AllowUploadOptions<Assigns> = {}): this {
    uploadsOf(this as never).allow(name, options);
    return this;
  }

  cancelUpload(name: string, entryRef: string): Promise<void> {
    return uploadsOf(this as never).cancel(name, entryRef);
  }

  disallowUpload(name: string): this {
    uploadsOf(this as never).disallow(name);
    return this;
  }

  /** Takes the effects asked for so far (the caller's to change) and starts a new list. */
  takeEffects(): Effects {
    const effects = this.asked ?? noEffects();
    this.asked = null;
    return effects;
  }

  private requireHost(what: string): SocketHost {
    if (!this.host) {
      throw new Error(`socket.${what}() needs a connected view; check socket.connected before calling it in mount.`);
    }
    return this.host;
  }
}

/** The task of `assignAsync(keys)`: the same keys in any order are the same task. */
function assignTaskKey(keys: readonly string[]): string {
  return `assign:${JSON.stringify([...keys].sort())}`;
}

function startTaskKey(name: string): string {
  return `start:${name}`;
}

/** `object[key]` when it is the object's own, so that no name finds an inherited value. */
function ownValue(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/**
 * A navigation's target must be a path of this site, as in Phoenix: `/posts?page=2`. Anything
 * else (`https://…`, `//evil.example`, `javascript:…`) is refused, naming the call.
 */
function localPath(call: string, to: unknown): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    throw new TypeError(`${call} expects a path of this site starting with "/", got ${JSON.stringify(to)}${call === "redirect" ? ' (for another site use redirect({ external: "https://…" }))' : ""}`);
  }
  return to;
}

/** An external redirect's URL: absolute http or https only. */
function externalURL(url: unknown): string {
  let parsed: URL | null = null;
  try {
    parsed = typeof url === "string" ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new TypeError(`redirect({ external }) expects an absolute http or https URL, got ${JSON.stringify(url)}`);
  }
  return parsed.href;
}
