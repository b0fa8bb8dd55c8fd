/**
 * Lifecycle hooks, as Phoenix LiveView's `on_mount` and `attach_hook`: functions of a live
 * session or of a view that run before the view's own mount, and hooks a socket attaches to
 * intercept its events, params, messages and async outcomes, or to follow its renders.
 *
 * Hooks run in the order they were declared or attached. A hook answers `"cont"` (the next hook,
 * then the view's callback, runs) or `"halt"` (nothing after it runs; an event hook may halt with
 * a `reply(…)`). Every hook runs inside the same guards as the view's callbacks: what it throws
 * crashes the view, never the process.
 */
import type { IncomingMessage } from "node:http";
import type { AsyncOutcome } from "./async.js";
import { CallbackError, guardSync, isThenable } from "./callback.js";
import type { LayoutPage } from "./http.js";
import type { LiveSocket } from "./socket.js";
import { Reply, type EventPayload, type Params, type ViewDefinition } from "./view.js";

/** What a hook answers: go on to the next hook and the view's callback, or stop there. */
export type HookResult = "cont" | "halt";

/**
 * A function run before a view's `mount`, on the HTTP render and again on the connected mount,
 * with the same arguments as mount (Phoenix's `on_mount`). It may assign (every view of its live
 * session then starts with those assigns), attach hooks to the socket, and stop the mount:
 * `"halt"` after `socket.redirect(…)` or `socket.pushNavigate(…)` (an auth guard). A halt without
 * a navigation, or a navigation with `"cont"`, is an error, as in Phoenix.
 */
export type OnMount = (params: Params, session: Record<string, unknown>, socket: LiveSocket<any>) => HookResult | Promise<HookResult>;

/** The callbacks `socket.attachHook` takes, by stage. */
export interface HookStages {
  /** Before the view's event handler (or a live component's, on its socket); a `reply(…)` halts with that reply. */
  handleEvent: (event: string, payload: EventPayload, socket: LiveSocket<any>) => HookResult | Reply | Promise<HookResult | Reply>;
  /** Before the view's `handleParams`, after mount and on every live patch. */
  handleParams: (params: Params, url: URL, socket: LiveSocket<any>) => HookResult | Promise<HookResult>;
  /** Before the view's `handleInfo` (PubSub, `sendInfo`, `sendAfter` messages). */
  handleInfo: (message: unknown, socket: LiveSocket<any>) => HookResult | Promise<HookResult>;
  /** Before the view's (or live component's) `handleAsync`, for `startAsync`'s outcomes. */
  handleAsync: (name: string, outcome: AsyncOutcome, socket: LiveSocket<any>) => HookResult | Promise<HookResult>;
  /**
   * After each render of the socket's view (or live component), synchronously. What it assigns is
   * rendered by the next render. It cannot halt.
   */
  afterRender: (socket: LiveSocket<any>) => void;
}

/** A stage `socket.attachHook` accepts. */
export type HookStage = keyof HookStages;

const STAGES: readonly HookStage[] = ["handleEvent", "handleParams", "handleInfo", "handleAsync", "afterRender"];

/** The stages a live component's socket may attach hooks to (as in Phoenix). */
const COMPONENT_STAGES: readonly HookStage[] = ["handleEvent", "handleAsync", "afterRender"];

/**
 * The most hooks one socket may have attached, all stages together: a hook attached on every
 * event under a new name would otherwise grow without bound.
 */
export const MAX_HOOKS = 64;

/**
 * A live session: routes that live navigation moves between over the same connection, with the
 * `onMount` functions every one of their views runs first, extra session values and a layout.
 * Across live sessions a navigation loads the page in full (and runs the other session's guards
 * on the HTTP render).
 */
export interface LiveSessionOptions {
  /** Its routes: `{ "/admin": Admin, "/admin/users/:id": User }`. */
  routes: Record<string, ViewDefinition<any>>;
  /** Run before each view's own `onMount` and `mount`, in order. @default [] */
  onMount?: OnMount | readonly OnMount[];
  /**
   * Values merged over the server's `session` for the views of this live session (a map, or a
   * function of the HTTP request). Signed into the page with the rest of the session.
   * @default {}
   */
  session?: Record<string, unknown> | ((req: IncomingMessage) => Record<string, unknown> | Promise<Record<string, unknown>>);
  /** The page around its views, instead of the server's `layout`. @default the server's layout */
  layout?: (page: LayoutPage) => string;
}

/**
 * Live sessions by name: each a {@link LiveSessionOptions}, or only its routes
 * (`{ admin: { "/admin": Admin } }`).
 */
export type LiveSessions = Record<string, LiveSessionOptions | Record<string, ViewDefinition<any>>>;

/** A live session as the router keeps it. */
export interface ResolvedLiveSession {
  name: string;
  onMount: readonly OnMount[];
  session: LiveSessionOptions["session"] | undefined;
  layout: LiveSessionOptions["layout"] | undefined;
}

/** The live session "default", of the server's `routes`. */
export const DEFAULT_LIVE_SESSION: ResolvedLiveSession = Object.freeze({ name: "default", onMount: [], session: undefined, layout: undefined });

/**
 * Reads a live session in either shape. A route is a path (it starts with "/"), so a `routes`
 * key marks the full shape.
 * @throws for a malformed one, naming it
 */
export function resolveLiveSession(name: string, value: LiveSessionOptions | Record<string, ViewDefinition<any>>): { session: ResolvedLiveSession; routes: Record<string, ViewDefinition<any>> } {
  const where = `createLiveServer: the live session "${name}"`;
  if (value === null || typeof value !== "object") throw new TypeError(`${where} must be an object ({ routes, onMount?, session?, layout? })`);
  if (!Object.hasOwn(value, "routes")) return { session: { ...DEFAULT_LIVE_SESSION, name }, routes: value as Record<string, ViewDefinition<any>> };
  const options = value as LiveSessionOptions;
  if (options.routes === null || typeof options.routes !== "object") throw new TypeError(`${where} needs \`routes\`: { "/path": View }`);
  const onMount = options.onMount === undefined ? [] : typeof options.onMount === "function" ? [options.onMount] : [...options.onMount];
  for (const hook of onMount) if (typeof hook !== "function") throw new TypeError(`${where}: each onMount must be a function (params, session, socket) => "cont" | "halt"`);
  const session = options.session;
  if (session !== undefined && (session === null || (typeof session !== "object" && typeof session !== "function"))) {
    throw new TypeError(`${where}: \`session\` must be an object or a function of the request`);
  }
  if (options.layout !== undefined && typeof options.layout !== "function") throw new TypeError(`${where}: \`layout\` must be a function (page) => string`);
  return { session: { name, onMount, session, layout: options.layout }, routes: options.routes };
}

/** A view's own `onMount`, as a list. */
export function viewOnMount(view: ViewDefinition<any>): readonly OnMount[] {
  const own = view.onMount;
  if (own === undefined) return [];
  const list = typeof own === "function" ? [own] : [...own];
  for (const hook of list) if (typeof hook !== "function") throw new TypeError(`a view's onMount must be a function or a list of functions`);
  return list;
}

/** A live session's extra session values for a request. */
export async function liveSessionValues(session: ResolvedLiveSession, req: IncomingMessage): Promise<Record<string, unknown>> {
  const extra = typeof session.session === "function" ? await session.session(req) : session.session;
  if (extra === undefined) return {};
  if (extra === null || typeof extra !== "object") throw new TypeError(`the live session "${session.name}"'s session function must return an object`);
  return extra;
}

/** Runs a user callback, guarded by the caller (a view instance names it and bounds its time). */
export type Call = <T>(name: string | (() => string), run: () => T) => T | Promise<Awaited<T>>;

/** Runs a callback directly: the HTTP render, where a throw fails the request. */
export const direct: Call = (_name, run) => run();

interface Hook {
  name: string;
  fn: (...args: never[]) => unknown;
}

/** A socket's attached hooks, by stage. */
export class Lifecycle {
  private readonly stages = new Map<HookStage, Hook[]>();
  private count = 0;

  constructor(private readonly component: boolean) {}

  attach<S extends HookStage>(name: string, stage: S, fn: HookStages[S]): void {
    if (typeof name !== "string" || name === "") throw new TypeError("attachHook: the name must be a non-empty string");
    if (!STAGES.includes(stage)) throw new TypeError(`attachHook: unknown stage ${JSON.stringify(stage)}; expected one of ${STAGES.join(", ")}`);
    if (this.component && !COMPONENT_STAGES.includes(stage)) {
      throw new TypeError(`attachHook: a live component's socket takes hooks on ${COMPONENT_STAGES.join(", ")} only, not ${stage} (attach it on the view's socket)`);
    }
    if (typeof fn !== "function") throw new TypeError(`attachHook: the hook "${name}" must be a function`);
    const hooks = this.stages.get(stage) ?? [];
    if (hooks.some((h) => h.name === name)) throw new Error(`attachHook: a hook named "${name}" is attached on ${stage} already; detach it first`);
    if (this.count >= MAX_HOOKS) throw new Error(`attachHook: the socket has ${this.count} hooks, as many as it may (${MAX_HOOKS}); detach some, or reuse their names`);
    // A new list: a hook attached while its stage runs runs from the next time on, as in Phoenix.
    this.stages.set(stage, [...hooks, { name, fn: fn as Hook["fn"] }]);
    this.count++;
  }

  detach(name: string, stage: HookStage): void {
    if (!STAGES.includes(stage)) throw new TypeError(`detachHook: unknown stage ${JSON.stringify(stage)}; expected one of ${STAGES.join(", ")}`);
    const hooks = this.stages.get(stage);
    if (!hooks) return;
    const kept = hooks.filter((h) => h.name !== name);
    this.count -= hooks.length - kept.length;
    // A copy, not a splice: a hook detaching itself does not make the running loop skip the next.
    if (kept.length === 0) this.stages.delete(stage);
    else this.stages.set(stage, kept);
  }

  /** The hooks of a stage, as they are now. */
  of(stage: HookStage): readonly Hook[] {
    return this.stages.get(stage) ?? [];
  }
}

/** What owns attached hooks: the sockets (see `socket.ts`). */
export interface HookOwner {
  /** @internal */
  readonly lifecycle: Lifecycle | null;
}

/**
 * Runs a stage's hooks in order until one halts: `"halt"` (or, for events, a {@link Reply})
 * if one did, `"cont"` otherwise.
 */
export async function runHooks<S extends Exclude<HookStage, "afterRender">>(
  owner: HookOwner,
  stage: S,
  args: Parameters<HookStages[S]>,
  call: Call,
): Promise<HookResult | Reply> {
  const lifecycle = owner.lifecycle;
  if (!lifecycle) return "cont";
  for (const hook of lifecycle.of(stage)) {
    const result = await call(
      () => `${stage} hook "${hook.name}"`,
      () => (hook.fn as (...a: unknown[]) => unknown)(...args),
    );
    if (result === "cont") continue;
    if (result === "halt") return "halt";
    if (stage === "handleEvent" && result instanceof Reply) return result;
    throw new TypeError(`the ${stage} hook "${hook.name}" returned ${describe(result)}; it must return "cont" or "halt"${stage === "handleEvent" ? " (or reply({ … }) to halt with a reply)" : ""}`);
  }
  return "cont";
}

/** Runs the `afterRender` hooks of a socket; a promise one returns is an error (they are synchronous). */
export function runAfterRender(owner: HookOwner & AnySocket): void {
  const lifecycle = owner.lifecycle;
  if (!lifecycle) return;
  for (const hook of lifecycle.of("afterRender")) {
    const name = `afterRender hook "${hook.name}"`;
    const result = guardSync(name, () => (hook.fn as (s: unknown) => unknown)(owner));
    if (isThenable(result)) {
      Promise.resolve(result).then(undefined, () => undefined);
      throw new CallbackError(name, new TypeError("it returned a promise, but afterRender hooks run synchronously after a render"));
    }
  }
}

/** The navigation a mount asked for, if any (see `socket.ts`'s effects). */
type Navigated = () => boolean;

/** A socket as the runtime holds it (a view's assigns are a record there). */
type AnySocket = LiveSocket<Record<string, unknown>>;

/**
 * The mount: each `onMount` in order (the live session's, then the view's), then the view's own
 * `mount` unless one halted. Resolves with whether one halted.
 * @throws for a hook that halts without navigating, or navigates and goes on
 */
export async function mountView(
  onMount: readonly OnMount[],
  view: ViewDefinition<any>,
  params: Params,
  session: Record<string, unknown>,
  socket: AnySocket,
  navigated: Navigated,
  call: Call,
): Promise<boolean> {
  for (const [i, hook] of onMount.entries()) {
    const name = () => `onMount ${hook.name ? `"${hook.name}"` : `#${i + 1}`}`;
    const result = await call(name, () => hook(params, session, socket as never));
    if (result === "halt") {
      if (!navigated()) throw new Error(`${name()} halted without navigating: call socket.redirect(…) or socket.pushNavigate(…) before returning "halt"`);
      return true;
    }
    if (result !== "cont") throw new TypeError(`${name()} returned ${describe(result)}; it must return "cont" or "halt"`);
    if (navigated()) throw new Error(`${name()} navigated but returned "cont": return "halt" after socket.redirect(…) or socket.pushNavigate(…)`);
  }
  if (view.mount) await call("mount", () => view.mount!(params, session, socket as never));
  return false;
}

/** `handleParams`: the socket's hooks, then the view's own unless one halted. */
export async function paramsView(view: ViewDefinition<any>, params: Params, url: URL, socket: AnySocket & HookOwner, call: Call): Promise<void> {
  if ((await runHooks(socket, "handleParams", [params, url, socket as never], call)) !== "cont") return;
  if (view.handleParams) await call("handleParams", () => view.handleParams!(params, url, socket as never));
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  return value === null ? "null" : typeof value;
}
