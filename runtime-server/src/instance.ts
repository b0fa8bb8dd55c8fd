/**
 * One joined view: its socket, its diff state, and a FIFO queue so that its messages are handled
 * one at a time, in order, async handlers awaited. Views never wait for each other.
 */
import { AssignsScope, DiffEngine, type Diff } from "./diff.js";
import { VerifyError, verifyTree } from "./verify.js";
import { withNested, type NestedRenderer } from "./nested.js";
import type { ComponentDefinition } from "./component.js";
import { COMPONENTS } from "./wire.js";
import { bindScope, Rendered } from "./template.js";
import { ViewSocket, type Effects, type SocketHost, type TimerRef } from "./socket.js";
import type { PubSubAdapter, PubSubListener } from "./pubsub.js";
import { CANCELLED, MAX_ASYNC_TASKS, type AsyncOutcome } from "./async.js";
import { Reply, type EventPayload, type Params, type TerminateReason, type ViewDefinition } from "./view.js";
import { EVENTS, REPLY, TITLE } from "./wire.js";
import { existingUploads } from "./upload.js";
import { mountView, paramsView, runAfterRender, runHooks, type Call, type OnMount } from "./lifecycle.js";
import type { ConnectInfo } from "./connect-info.js";
import { CallbackTimeout, detached, guard, guardSync, MAX_TIMER_MS, unwrap, type CallbackName } from "./callback.js";

/** A reply's response, or a push's payload. */
export type Response = Record<string, unknown>;

export interface InstanceHost {
  readonly pubsub: PubSubAdapter;
  /**
   * Development checks: an assign changed in place without an assign crashes the view before
   * the next render, naming the assign.
   */
  readonly dev: boolean;
  /**
   * After every render but the join's, a fresh render of the same assigns without change
   * tracking is compared with what the client now holds; a difference crashes the view with a
   * {@link VerifyError}. @default the host's `dev`
   */
  readonly verify?: boolean;
  /**
   * The most messages that may wait in the view's queue, the one being handled included, for a
   * client's message to be queued: past it the message is refused with a {@link QueueFull}.
   * @default 100
   */
  readonly maxQueued?: number;
  /**
   * The same bound for a server's message (PubSub, `sendInfo`, `sendAfter`, `sendUpdate`), which
   * cannot be refused (dropping it would leave the view's state short of it): past it the view
   * crashes. Larger than `maxQueued`, as a burst of broadcasts is ordinary server code.
   * @default 10000
   */
  readonly maxQueuedInfos?: number;
  /**
   * How long the promise of one of the view's async callbacks (mount, handleParams, an event's
   * handler, handleInfo) is awaited, in ms. A callback still running then crashes the view,
   * which the client hears as `phx_error` and answers by rejoining; what the callback does when
   * it finishes later is not rendered or sent. A synchronous callback or render cannot be
   * interrupted. `Infinity` waits forever. @default 20000
   */
  readonly callbackTimeout?: number;
  /** Pushes an event on the view's topic. */
  push(event: string, payload: Response): void;
  /** The server closed the view (its topic was joined again): tell the client (`phx_close`). */
  closed?(): void;
  /** The view crashed: tell the client, forget the view; `callback` names the callback that failed. */
  crashed(error: unknown, callback: string | null): void;
  /**
   * A callback failed after the view was gone (`terminate`): log it, naming it.
   * @default `console.error`
   */
  failed?(callback: string, error: unknown): void;
  /** Resolves a URL of a live patch to params for the same view, or null. */
  paramsFor(url: URL): Params | null;
  /** Renders the view's `<LiveView>` children (see `nested.ts`); without it a render with one fails. */
  readonly nested?: NestedRenderer | null;
  /** Signs flash messages so they survive a navigation or redirect; without it flash stays. */
  signFlash?(flash: Record<string, string>): string;
}

/** Thrown for input the view rejects without crashing (an unknown event). */
export class RejectedInput extends Error {}

/** Thrown for a message that reached a view already gone (crashed, left): it was not handled. */
export class ViewGone extends Error {}

/** Thrown for a client's message when the view's queue is full; the view lives on. */
export class QueueFull extends RejectedInput {}

/** See {@link InstanceHost.maxQueued}. */
export const DEFAULT_MAX_QUEUED = 100;

/** See {@link InstanceHost.maxQueuedInfos}. */
export const DEFAULT_MAX_QUEUED_INFOS = 10_000;

/**
 * See {@link InstanceHost.callbackTimeout}. Below the official client's push timeout (30 s, after
 * which it drops the socket and reloads the page unless the view rejoined meanwhile): the view
 * crashes first and the client rejoins, keeping the page.
 */
export const DEFAULT_CALLBACK_TIMEOUT = 20_000;

/**
 * How many patches (`pushPatch`) a view may push one after another, each running handleParams
 * again, before it renders: one more crashes the view, as Phoenix cuts off a `handle_params`
 * that patches to itself for ever (the client rejoins at the URL it had patched to).
 */
export const MAX_PATCHES_IN_A_ROW = 20;

export { CallbackTimeout };

/** What the first task of an idle queue runs after. */
const IDLE: Promise<void> = Promise.resolve();

export class ViewInstance implements SocketHost {
  readonly socket: ViewSocket<Record<string, unknown>>;
  readonly engine = new DiffEngine();
  /** The last task queued, until it has run: an idle view keeps no promise (see {@link IDLE}). */
  private queue: Promise<unknown> | null = null;
  /** Tasks in the queue, the running one included. */
  private pending = 0;
  // Made on first use: an idle view with no timers or topics pays for no empty collections.
  private timersSet: Set<ReturnType<typeof setTimeout>> | null = null;
  private subscriptionsMap: Map<string, () => void> | null = null;
  /** Async work running (`assignAsync`, `startAsync`), by socket and task. */
  private tasksMap: Map<string, Task> | null = null;
  /** Live components' sockets, to render the right one after its async work; made on first use. */
  private componentCids: WeakMap<ViewSocket<any>, number> | null = null;

  private get timers(): Set<ReturnType<typeof setTimeout>> {
    return (this.timersSet ??= new Set());
  }

  private get subscriptions(): Map<string, () => void> {
    return (this.subscriptionsMap ??= new Map());
  }

  private listenerFn: PubSubListener | null = null;
  private exitsSet: Set<() => void> | null = null;
  private previous: Readonly<Record<string, unknown>> | null = null;
  private title: string | null = null;
  private alive = true;
  /** The view's URL, kept as a string: a `URL` object costs an idle view a few hundred bytes. */
  private href: string;

  constructor(
    readonly id: string,
    private readonly view: ViewDefinition<Record<string, unknown>>,
    url: URL,
    connectParams: Record<string, unknown>,
    private readonly host: InstanceHost,
  ) {
    this.href = url.href;
    // The instance is its sockets' host: methods on the prototype cost an idle view nothing.
    this.socket = new ViewSocket(id, true, connectParams, this, host.dev);
    this.engine.sockets = this;
    this.engine.verifying = host.verify ?? host.dev;
  }

  /** The view's current URL. */
  get url(): URL {
    return new URL(this.href);
  }

  set url(url: URL) {
    this.href = url.href;
  }

  /** @internal A live component's socket, sharing this view's host. */
  componentSocket(cid: number): ViewSocket<Record<string, unknown>> {
    const socket = new ViewSocket(`${this.id}-c${cid}`, true, this.socket.connectParams, this, this.host.dev);
    socket.component = true;
    (this.componentCids ??= new WeakMap()).set(socket, cid);
    return socket;
  }

  /** @internal (SocketHost) The outcome of `startAsync`'s work, for the `handleAsync` of the socket's owner. */
  handleAsync(socket: ViewSocket<any>, name: string, outcome: AsyncOutcome): unknown {
    if (socket === this.socket) return this.viewAsync(name, outcome);
    const cid = this.componentCids?.get(socket);
    return cid === undefined ? undefined : this.componentAsync(cid, socket, name, outcome);
  }

  private async viewAsync(name: string, outcome: AsyncOutcome): Promise<unknown> {
    if ((await runHooks(this.socket, "handleAsync", [name, outcome, this.socket as never], this.caller)) !== "cont") return undefined;
    if (!this.view.handleAsync) throw new Error(`view ${this.id} started async work "${name}" but defines no handleAsync`);
    return this.call(() => `handleAsync ${JSON.stringify(name)}`, () => this.view.handleAsync!(name, outcome, this.socket));
  }

  /** @internal (SocketHost) */
  get pubsub(): PubSubAdapter {
    return this.host.pubsub;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Whether the queue holds as many tasks as it may: a client's next message is refused. */
  get queueFull(): boolean {
    return this.pending >= (this.host.maxQueued ?? DEFAULT_MAX_QUEUED);
  }

  /**
   * Runs `task` after every task queued before it. A task that throws crashes the view (the
   * promise rejects with the error); a `RejectedInput` only rejects the promise. When the queue
   * holds `maxQueued` tasks a client's task is refused with a {@link QueueFull}; when it holds
   * `maxQueuedInfos`, a server's task (`overflow: "crash"`) crashes the view. A user callback
   * still running after `callbackTimeout` crashes the view with a {@link CallbackTimeout}
   * naming it (`handleEvent "save"`; see {@link ViewInstance.call}).
   */
  enqueue<T>(task: () => T | Promise<T>, overflow: "refuse" | "crash" = "refuse"): Promise<T> {
    const crash = overflow === "crash";
    if (crash ? this.pending >= (this.host.maxQueuedInfos ?? DEFAULT_MAX_QUEUED_INFOS) : this.queueFull) {
      const option = crash ? "maxQueuedInfos" : "maxQueuedMessages";
      const error = new QueueFull(`view ${this.id} has ${this.pending} messages waiting, as many as ${option} allows: its handlers are slower than what arrives`);
      if (crash) this.crash(error);
      return Promise.reject(error);
    }
    this.pending++;
    const run = (this.queue ?? IDLE).then(async () => {
      try {
        if (!this.alive) throw new ViewGone(`view ${this.id} is gone`);
        return await task();
      } catch (error) {
        if (!(error instanceof RejectedInput)) this.crash(error);
        throw error;
      } finally {
        this.pending--;
      }
    });
    // The queue keeps only the order, not the last result (an idle view must not hold its reply),
    // and once the last task has run, not even that.
    const next: Promise<void> = run.then(
      () => this.ran(next),
      () => this.ran(next),
    );
    this.queue = next;
    return run;
  }

  private ran(task: Promise<void>): void {
    if (this.queue === task) this.queue = null;
  }

  /**
   * Runs a user callback (see {@link guard}): a throw or rejection is labelled with its name, and
   * one still running after `callbackTimeout` rejects with a {@link CallbackTimeout}. It cannot
   * be stopped: it goes on, and {@link ViewInstance.live} keeps what it does from reaching the
   * view once the view is gone.
   */
  private call<T>(callback: CallbackName, run: () => T): T | Promise<Awaited<T>> {
    return guard(callback, run, this.host.callbackTimeout ?? DEFAULT_CALLBACK_TIMEOUT);
  }

  /** {@link ViewInstance.call} for the lifecycle hooks (`lifecycle.ts`); made per use, not kept by an idle view. */
  private get caller(): Call {
    return (callback, run) => this.call(callback, run);
  }

  /** Throws when the view is gone: a callback that outlived it (past its timeout) stops there. */
  private live(): void {
    if (!this.alive) throw new ViewGone(`view ${this.id} is gone`);
  }

  /** Mounts (connected), applies params, renders everything. */
  join(
    params: Params,
    session: Record<string, unknown>,
    flash: Record<string, string> = {},
    csrfToken = "",
    lifecycle: { onMount?: readonly OnMount[]; connectInfo?: ConnectInfo } = {},
  ): Promise<{ rendered: Diff } | { navigate: Effects["navigation"]; flash: string | null }> {
    return this.enqueue(async () => {
      this.socket.assign({ flash, csrfToken });
      const navigated = () => this.socket.effects.navigation !== null;
      this.socket.mountInfo = lifecycle.connectInfo ?? null;
      let halted: boolean;
      try {
        halted = await mountView(lifecycle.onMount ?? [], this.view, params, session, this.socket, navigated, this.caller);
      } finally {
        this.socket.mountInfo = null;
      }
      // As Phoenix: a mount that navigates away has its page's params unread.
      if (!halted && !navigated()) await this.handleParams(params, this.url);
      this.live();
      const navigation = this.socket.effects.navigation;
      if (navigation && navigation.kind !== "patch") return { navigate: navigation, flash: this.flashToken() };
      this.engine.reset();
      return { rendered: guardSync("render", () => this.render(true))! };
    });
  }

  /**
   * An event from the client: the handler runs, the reply carries the diff. `before` runs first
   * in the same task (a form event's upload entries).
   */
  event(name: string, payload: EventPayload, cid?: number, before?: (socket: ViewSocket<Record<string, unknown>>) => void): Promise<Response> {
    if (cid !== undefined) return this.componentEvent(cid, name, payload, before);
    return this.enqueue(async () => {
      before?.(this.socket);
      if (name === "lv:clear-flash") {
        this.socket.clearFlash(typeof payload.key === "string" ? payload.key : undefined);
        return this.afterCallback();
      }
      // Hooks come first: they may handle events the view itself does not know.
      const hooked = await runHooks(this.socket, "handleEvent", [name, payload, this.socket as never], this.caller);
      if (hooked !== "cont") return withReply(await this.afterCallback(), hooked);
      const handler = Object.hasOwn(this.view.events ?? {}, name) ? this.view.events![name] : undefined;
      if (!handler) throw new RejectedInput(`unknown event "${name}"`);
      const result = await this.call(() => `handleEvent ${JSON.stringify(name)}`, () => handler(payload, this.socket));
      return withReply(await this.afterCallback(), result);
    });
  }

  /**
   * @internal Uploads (`upload-channel.ts`): `task` runs with the view's socket in its queue,
   * user callbacks through `call` (a `RejectedInput` it throws refuses the message, anything
   * else crashes the view); then what changed is rendered, into the response or, with `push`,
   * a pushed diff.
   */
  withUploads(
    task: (socket: ViewSocket<Record<string, unknown>>, call: <T>(name: string, run: () => T) => T | Promise<Awaited<T>>) => unknown,
    push = false,
    cid?: number,
  ): Promise<Response> {
    return this.enqueue(async () => {
      // A live component's upload: its socket holds the config, its render carries the change.
      const socket = cid === undefined ? this.socket : this.engine.components.socketOf(cid);
      // An upload of a component gone meanwhile ends with nothing to render.
      if (!socket && push) return {};
      if (!socket) throw new RejectedInput(`no component ${cid} in this view`);
      const extra = (await task(socket, (name, run) => this.call(name, run))) as Response | undefined;
      this.live();
      if (socket !== this.socket) this.socket.adoptNavigation(socket);
      const rendered = cid === undefined ? null : guardSync(() => `render of live component ${String(this.engine.components.idOf(cid))} (cid ${cid})`, () => this.renderComponent(cid));
      const response = { ...extra, ...(await this.afterCallback()) };
      const diff = cid === undefined ? response.diff : mergeDiffs(response.diff as Diff | undefined, rendered, this.engine.takeComponentEvents());
      if (diff) response.diff = diff;
      if (push && response.diff) this.host.push("diff", response.diff as Response);
      return response;
    }, push ? "crash" : "refuse");
  }

  /** An event with `phx-target={myself}`: the component's handler, then the component's diff. */
  private componentEvent(cid: number, name: string, payload: EventPayload, before?: (socket: ViewSocket<Record<string, unknown>>) => void): Promise<Response> {
    return this.enqueue(async () => {
      const module = this.engine.components.moduleOf(cid);
      const socket = this.engine.components.socketOf(cid);
      if (!module || !socket) throw new RejectedInput(`no component ${cid} in this view`);
      before?.(socket);
      const hooked = await runHooks(socket, "handleEvent", [name, payload, socket as never], this.caller);
      const handler = Object.hasOwn(module.events ?? {}, name) ? module.events![name] : undefined;
      if (!handler && hooked === "cont") throw new RejectedInput(`unknown event "${name}" for component ${cid}`);
      const component = () => `live component ${String(this.engine.components.idOf(cid))} (cid ${cid})`;
      const result = hooked !== "cont" ? hooked : await this.call(() => `handleEvent ${JSON.stringify(name)} of ${component()}`, () => handler!(payload, socket as never));
      this.live();
      this.socket.adoptNavigation(socket);
      const diff = guardSync(() => `render of ${component()}`, () => this.renderComponent(cid));
      const response = await this.afterCallback();
      const merged = mergeDiffs(response.diff as Diff | undefined, diff, this.engine.takeComponentEvents());
      if (merged) response.diff = merged;
      return withReply(response, result);
    });
  }

  /** `sendUpdate`: a component's update with new props, its diff pushed. */
  sendUpdate(module: ComponentDefinition<any>, id: unknown, props: Record<string, unknown>): void {
    void this.enqueue(() => {
      const cid = this.engine.components.sendUpdate(module, id, props);
      if (cid !== null) this.pushComponentRender(cid);
    }, "crash").catch(() => undefined);
  }

  /**
   * Development: the view's code, or a live component's, was replaced in place (see `hot.ts`).
   * Renders everything again with the assigns it has, statics and every live component
   * included, and pushes it: the page patches to the new markup and keeps its state. Resolves
   * with what a failing render threw, which does not crash the view: the dev server puts the
   * old code back and renders again. What the client held is forgotten either way, so the
   * next render of any kind is a whole one.
   */
  rerender(): Promise<unknown> {
    return this.enqueue(() => {
      this.engine.reset();
      this.engine.resetComponents();
      let diff: Diff | null;
      try {
        diff = this.render(true);
      } catch (error) {
        return error;
      }
      if (diff) this.host.push("diff", diff);
      return undefined;
    }, "crash");
  }

  /** The client removed components from the page; the second phase forgets them. */
  componentsWillDestroy(cids: number[]): Promise<Response> {
    return this.enqueue(() => {
      this.engine.components.willDestroy(cids);
      return {};
    });
  }

  componentsDestroyed(cids: number[]): Promise<Response> {
    return this.enqueue(() => {
      const sockets = new Map(cids.map((cid) => [cid, this.engine.components.socketOf(cid)] as const));
      const removed = this.engine.components.destroyed(cids);
      this.cancelComponentTasks(removed);
      // A component's uploads end with it, their files removed.
      for (const cid of removed) {
        const socket = sockets.get(cid);
        if (socket) existingUploads(socket)?.endAll();
      }
      return { cids: removed };
    });
  }

  /** A live patch from the client (`<Link patch>`, back/forward): handleParams with the new URL. */
  patch(url: URL): Promise<Response> {
    return this.enqueue(async () => {
      const params = this.host.paramsFor(url);
      if (!params) throw new RejectedInput(`cannot patch to ${url.pathname}: it is not this view's route`);
      this.url = url;
      await this.handleParams(params, url);
      return this.afterCallback();
    });
  }

  /** A message for `handleInfo` (PubSub, `sendInfo`, `sendAfter`); its diff is pushed. */
  info(message: unknown): Promise<void> {
    return this.enqueue(async () => {
      if ((await runHooks(this.socket, "handleInfo", [message, this.socket as never], this.caller)) === "cont") {
        if (!this.view.handleInfo) {
          throw new Error(`view ${this.id} received a message but defines no handleInfo`);
        }
        await this.call("handleInfo", () => this.view.handleInfo!(message, this.socket));
      }
      await this.pushViewRender();
    }, "crash");
  }

  /**
   * After a callback: a patch runs handleParams first (whose own patch runs it again, up to
   * {@link MAX_PATCHES_IN_A_ROW}); navigation away is answered without a render; otherwise the
   * changes are rendered.
   */
  private async afterCallback(): Promise<Response> {
    const response: Response = {};
    for (let patches = 0; ; patches++) {
      this.live();
      const navigation = this.socket.effects.navigation;
      if (navigation && navigation.kind !== "patch") return this.navigateAway(navigation);
      if (!navigation) break;
      if (patches === MAX_PATCHES_IN_A_ROW) {
        throw new Error(`view ${this.id} pushed more than ${MAX_PATCHES_IN_A_ROW} patches in a row (MAX_PATCHES_IN_A_ROW): handleParams patches to itself for ever`);
      }
      const url = new URL(navigation.to, this.url);
      const params = this.host.paramsFor(url);
      if (!params) {
        this.socket.takeEffects();
        return { live_redirect: { kind: navigation.replace ? "replace" : "push", to: navigation.to } };
      }
      this.socket.patchFollowed();
      this.url = url;
      await this.handleParams(params, url);
      response.live_patch = { kind: navigation.replace ? "replace" : "push", to: navigation.to };
    }
    const diff = guardSync("render", () => this.render(false));
    if (diff) response.diff = diff;
    return response;
  }

  /** A redirect or a live redirect: the flash goes along in a signed token. */
  private navigateAway(navigation: NonNullable<Effects["navigation"]>): Response {
    const flash = this.flashToken();
    const to = { to: navigation.to, ...(flash ? { flash } : {}) };
    this.socket.takeEffects();
    if (navigation.kind === "redirect") return { redirect: to };
    return { live_redirect: { kind: navigation.replace ? "replace" : "push", ...to } };
  }

  private async handleParams(params: Params, url: URL): Promise<void> {
    await paramsView(this.view, params, url, this.socket, this.caller);
  }

  private flashToken(): string | null {
    const flash = this.socket.assigns.flash as Record<string, string> | undefined;
    return flash && Object.keys(flash).length > 0 && this.host.signFlash ? this.host.signFlash(flash) : null;
  }

  /** Renders what changed; `full` renders everything (a join). Null when nothing changed. */
  private render(full: boolean): Diff | null {
    const effects = this.socket.takeEffects();
    let diff: Diff | null = null;
    this.socket.checkInPlace();
    if (full || this.socket.changed.size > 0 || this.previous === null) {
      const assigns = this.socket.assigns;
      const scope = full
        ? new AssignsScope(null, assigns, null)
        : new AssignsScope(this.previous, assigns, this.socket.changed, this.socket.touched);
      bindScope(assigns, scope);
      try {
        diff = withNested(this.host.nested ?? null, () => this.engine.render(this.renderTree(assigns), scope.forced));
      } finally {
        scope.retire();
      }
      if (!full && this.engine.verifying) withNested(this.host.nested ?? null, () => this.verify(assigns));
      this.previous = assigns;
      this.socket.rendered();
      effects.events.push(...this.engine.takeComponentEvents());
      runAfterRender(this.socket);
    }
    if (effects.title !== null && effects.title !== this.title) {
      this.title = effects.title;
      (diff ??= {})[TITLE] = effects.title;
    }
    if (effects.events.length > 0) (diff ??= {})[EVENTS] = effects.events;
    return diff;
  }

  /** A live component's render alone; the `<LiveView>`s in it are the view's children. */
  private renderComponent(cid: number): Diff | null {
    return withNested(this.host.nested ?? null, () => this.engine.renderComponent(cid));
  }

  private renderTree(assigns: Readonly<Record<string, unknown>>): Rendered {
    const tree = this.view.render(assigns);
    if (!(tree instanceof Rendered)) {
      throw new TypeError(`render of view ${this.id} must return JSX, got ${tree === null ? "null" : typeof tree}`);
    }
    return tree;
  }

  /**
   * Development: what the client now holds must equal a fresh render of the same assigns (a
   * copy, which has no scope: every slot is evaluated). Live components are compared by cid;
   * their own renders are verified by the registry.
   * @throws {VerifyError} naming each slot that differs
   */
  private verify(assigns: Readonly<Record<string, unknown>>): void {
    const state = this.engine.state;
    if (!state) return;
    const mismatches = verifyTree(this.renderTree({ ...assigns }), state, this.engine);
    if (mismatches.length > 0) throw new VerifyError(`view ${this.id}`, mismatches);
  }

  /** A component's `handleAsync`, for work it started. */
  private componentAsync(cid: number, socket: ViewSocket<Record<string, unknown>>, name: string, outcome: AsyncOutcome): unknown {
    const module = this.engine.components.moduleOf(cid);
    if (!module) return undefined;
    const component = `live component ${String(this.engine.components.idOf(cid))} (cid ${cid})`;
    return this.componentHandleAsync(module, socket, component, name, outcome);
  }

  private async componentHandleAsync(module: ComponentDefinition<any>, socket: ViewSocket<Record<string, unknown>>, component: string, name: string, outcome: AsyncOutcome): Promise<unknown> {
    if ((await runHooks(socket, "handleAsync", [name, outcome, socket as never], this.caller)) !== "cont") return undefined;
    if (!module.handleAsync) throw new Error(`${component} started async work "${name}" but defines no handleAsync`);
    return this.call(() => `handleAsync ${JSON.stringify(name)} of ${component}`, () => module.handleAsync!(name, outcome, socket as never));
  }

  /** @internal (SocketHost) */
  startTask(socket: ViewSocket<any>, key: string, fn: (signal: AbortSignal) => unknown, settled: (outcome: AsyncOutcome) => unknown, settleOnCancel: boolean): void {
    if (!this.alive) return;
    const tasks = (this.tasksMap ??= new Map());
    const id = `${socket.id}\0${key}`;
    const running = tasks.get(id);
    if (running) running.controller.abort(CANCELLED);
    else if (tasks.size >= MAX_ASYNC_TASKS) {
      throw new Error(`view ${this.id} has ${tasks.size} async tasks running, as many as it may (${MAX_ASYNC_TASKS}): cancel some, or reuse their names`);
    }
    const controller = new AbortController();
    const task: Task = { controller, socket, settled, settleOnCancel };
    tasks.set(id, task);
    // After the current callback, off the queue: other messages go on while it runs.
    // Work cancelled before it began (the view crashed in the same callback) does not begin.
    const work = Promise.resolve().then(() => {
      controller.signal.throwIfAborted();
      return fn(controller.signal);
    });
    void work.then(
      (value): AsyncOutcome => ({ ok: true, value }),
      (reason: unknown): AsyncOutcome => ({ ok: false, reason: reason ?? "failed" }),
    ).then((outcome) => {
      if (tasks.get(id) !== task || !this.alive) return;
      this.enqueue(async () => {
        // Cancelled or replaced while it waited in the queue.
        if (tasks.get(id) !== task) return;
        tasks.delete(id);
        await settled(outcome);
        await this.renderOwner(socket);
      }, "crash").catch(() => undefined);
    });
  }

  /** @internal (SocketHost) */
  cancelTask(socket: ViewSocket<any>, key: string, reason: unknown): boolean {
    const id = `${socket.id}\0${key}`;
    const task = this.tasksMap?.get(id);
    if (!task) return false;
    this.tasksMap!.delete(id);
    task.controller.abort(reason);
    // A started task's handleAsync hears of it after the current callback.
    if (task.settleOnCancel) {
      void this.enqueue(async () => {
        await task.settled({ ok: false, reason });
        await this.renderOwner(socket);
      }, "crash").catch(() => undefined);
    }
    return true;
  }

  /** Async tasks running, for tests. */
  get asyncTasks(): number {
    return this.tasksMap?.size ?? 0;
  }

  /** After a message changed `socket`'s assigns: the view's diff, or its component's, pushed. */
  private async renderOwner(socket: ViewSocket<any>): Promise<void> {
    if (socket === this.socket) return this.pushViewRender();
    const cid = this.componentCids?.get(socket);
    if (cid !== undefined && this.engine.components.has(cid)) this.pushComponentRender(cid);
  }

  /** After a server's message: what changed in the view is rendered and pushed, navigation too. */
  private async pushViewRender(): Promise<void> {
    const response = await this.afterCallback();
    if (response.diff) this.host.push("diff", response.diff as Response);
    for (const [event, payload] of navigationPushes(response)) this.host.push(event, payload);
  }

  /** A live component's diff (and the events it pushed), pushed. */
  private pushComponentRender(cid: number): void {
    this.live();
    const rendered = guardSync(() => `render of live component ${String(this.engine.components.idOf(cid))} (cid ${cid})`, () => this.renderComponent(cid));
    const diff = mergeDiffs(undefined, rendered, this.engine.takeComponentEvents());
    if (diff) this.host.push("diff", diff);
  }

  /** Cancels the tasks of the sockets of components gone from the view. */
  private cancelComponentTasks(cids: readonly number[]): void {
    if (!this.tasksMap || cids.length === 0) return;
    for (const [id, task] of this.tasksMap) {
      const cid = this.componentCids?.get(task.socket);
      if (cid !== undefined && cids.includes(cid)) {
        task.controller.abort(CANCELLED);
        this.tasksMap.delete(id);
      }
    }
  }

  /** @internal (SocketHost) */
  sendInfo(message: unknown): void {
    queueMicrotask(() => {
      if (this.alive) this.info(message).catch(() => undefined);
    });
  }

  /** @internal (SocketHost) */
  sendAfter(message: unknown, ms: number): TimerRef {
    // Node would run a timer past its range after 1 ms, and a NaN one at once.
    if (!(ms >= 0 && ms <= MAX_TIMER_MS)) {
      throw new RangeError(`sendAfter: ms must be a number from 0 to ${MAX_TIMER_MS} (about 24.8 days), got ${String(ms)}`);
    }
    // A callback that outlived its view starts no timer that would keep the view in memory.
    if (!this.alive) return { cancel: () => undefined };
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.alive) this.info(message).catch(() => undefined);
    }, ms);
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }

  /**
   * @internal (SocketHost) The one listener of every topic the view subscribed to, which
   * `broadcastFrom` skips.
   */
  get listener(): PubSubListener {
    return (this.listenerFn ??= (message) => {
      if (this.alive) this.info(message).catch(() => undefined);
    });
  }

  /** @internal (SocketHost) */
  subscribe(topic: string): void {
    if (this.subscriptions.has(topic) || !this.alive) return;
    this.subscriptions.set(topic, this.host.pubsub.subscribe(topic, this.listener));
  }

  /** @internal (SocketHost) */
  onExit(cleanup: () => void): () => void {
    if (!this.alive) {
      cleanup();
      return () => undefined;
    }
    const exits = (this.exitsSet ??= new Set());
    exits.add(cleanup);
    return () => exits.delete(cleanup);
  }

  /** @internal (SocketHost) */
  unsubscribe(topic: string): void {
    this.subscriptions.get(topic)?.();
    this.subscriptions.delete(topic);
  }

  /** Live timers and subscriptions, for tests. */
  get resources(): { timers: number; subscriptions: number } {
    return { timers: this.timers.size, subscriptions: this.subscriptions.size };
  }

  private crash(failure: unknown): void {
    if (!this.alive) return;
    this.dispose("crash");
    const { error, callback } = unwrap(failure);
    this.host.crashed(error, callback);
  }

  /** Closed by the server (its topic was joined again): the client is told, then the view stops. */
  close(): void {
    if (!this.alive) return;
    this.host.closed?.();
    this.dispose("leave");
  }

  /** Stops the view: timers cleared, subscriptions dropped, `terminate` called. */
  dispose(reason: TerminateReason): void {
    if (!this.alive) return;
    this.alive = false;
    for (const task of this.tasksMap?.values() ?? []) task.controller.abort(CANCELLED);
    this.tasksMap?.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    for (const cleanup of this.exitsSet ?? []) {
      try {
        cleanup();
      } catch (error) {
        this.failed("a cleanup on exit", error);
      }
    }
    this.exitsSet = null;
    // The view is gone: a failing terminate has nothing left to crash, and is only logged.
    if (this.view.terminate) detached(() => this.view.terminate!(reason, this.socket), (error) => this.terminateFailed(error));
  }

  private terminateFailed(error: unknown): void {
    this.failed("terminate", error);
  }

  /** @internal (SocketHost) */
  broadcastFailed(topic: string, error: unknown): void {
    this.failed(`broadcast to ${JSON.stringify(topic)}`, error);
  }

  private failed(what: string, error: unknown): void {
    try {
      if (this.host.failed) this.host.failed(what, error);
      else console.error(`[livetsx] view ${this.id}: ${what} failed`, error);
    } catch {
      // A logger that throws: there is nowhere left to tell.
    }
  }
}

/**
 * An event's response with the handler's {@link Reply}, if it returned one: under `r` at the top
 * of the diff, which is there for it even when nothing changed. A response that navigates away
 * carries no diff, and so no reply, as in Phoenix.
 */
function withReply(response: Response, result: unknown): Response {
  if (!(result instanceof Reply) || response.redirect || response.live_redirect) return response;
  response.diff = { ...((response.diff as Diff | undefined) ?? {}), [REPLY]: result.value };
  return response;
}

/** Async work running for a socket of the view (see `startTask`). */
interface Task {
  readonly controller: AbortController;
  readonly socket: ViewSocket<any>;
  readonly settled: (outcome: AsyncOutcome) => unknown;
  /** `startAsync`'s work: a cancel is an outcome too, for handleAsync. */
  readonly settleOnCancel: boolean;
}

/** Navigation in a response from handleInfo becomes pushes. */
function navigationPushes(response: Response): [string, Response][] {
  const out: [string, Response][] = [];
  if (response.redirect) out.push(["redirect", response.redirect as Response]);
  if (response.live_redirect) out.push(["live_redirect", response.live_redirect as Response]);
  if (response.live_patch) out.push(["live_patch", response.live_patch as Response]);
  return out;
}

/** A view's diff and a component's diff (under `c`) as one, with the components' pushed events. */
function mergeDiffs(view: Diff | undefined, component: Diff | null, events: [string, Record<string, unknown>][]): Diff | null {
  if (!view && !component && events.length === 0) return null;
  const out: Diff = { ...(view ?? {}) };
  if (component?.[COMPONENTS]) {
    out[COMPONENTS] = { ...((view?.[COMPONENTS] as Diff | undefined) ?? {}), ...(component[COMPONENTS] as Diff) };
  }
  if (events.length > 0) out[EVENTS] = [...((out[EVENTS] as unknown[] | undefined) ?? []), ...events];
  return out;
}
