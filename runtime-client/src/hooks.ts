/**
 * Client hooks: `phx-hook="Name"` attaches `hooks.Name` to an element for the element's life,
 * with Phoenix LiveView's callbacks (`mounted`, `beforeUpdate`, `updated`, `destroyed`,
 * `disconnected`, `reconnected`) and its API on `this` (`el`, `liveSocket`, `pushEvent`,
 * `pushEventTo`, `handleEvent`, `removeHandleEvent`, `js`).
 */

import { attemptFocus, focusFirst } from "./js.js";
import { within } from "./bindings.js";

/**
 * The built-in `Phoenix.FocusWrap` hook (what Phoenix's `focus_wrap` renders; a page's own hook
 * of that name wins): the element's first and last children are focusable sentinels; Tab onto
 * one from inside sends focus round to the other end, and from outside on to the content next
 * to it. Shown at mount, the content takes focus unless focus is already inside.
 */
const focusWrap: Hook = {
  mounted() {
    const el = this.el;
    const sentinel = (edge: Element | null, start: boolean) =>
      edge?.addEventListener("focus", (e) => {
        const from = (e as FocusEvent).relatedTarget;
        if (from instanceof Node && el.contains(from)) return void focusFirst(el, false, start);
        const next = start ? edge.nextElementSibling : edge.previousElementSibling;
        if (next && !attemptFocus(next)) focusFirst(next, false, !start);
      });
    sentinel(el.firstElementChild, true);
    sentinel(el.lastElementChild, false);
    if (!el.contains(document.activeElement) && getComputedStyle(el).display !== "none") focusFirst(el);
  },
};

/** What `handleEvent` returns, for `removeHandleEvent`. */
export interface CallbackRef {
  readonly event: string;
  readonly callback: (event: Event) => void;
}

/** A reply to a hook's event: the handler's `reply(…)` value, and the event's ref. */
export type OnReply = (reply: unknown, ref: number) => void;

/** JS commands a hook runs on the page (`this.js().exec(encoded)`). */
export interface HookJS {
  /** Runs encoded JS commands (a `phx-click` value built with `JS`) from the hook's element. */
  exec(encoded: string): void;
}

/** What a hook's callbacks can use through `this`. */
export interface HookContext<E extends HTMLElement = HTMLElement> {
  el: E;
  /** The page's LiveSocket. */
  liveSocket: unknown;
  /**
   * Sends an event to the view (or to the live component the element is in), type "hook".
   * Resolves with the handler's reply (`return reply({ … })` on the server; undefined without
   * one); with `onReply`, calls it instead. Rejects when the view is not connected or refused the
   * event.
   */
  pushEvent(event: string, payload?: Record<string, unknown>): Promise<unknown>;
  pushEvent(event: string, payload: Record<string, unknown>, onReply: OnReply): void;
  /**
   * Sends an event to the views or components of the elements `target` selects (or to that
   * element), as `phx-target` does; resolves with each one's settled `{ reply, ref }`.
   */
  pushEventTo(target: string | Element, event: string, payload?: Record<string, unknown>): Promise<PromiseSettledResult<{ reply: unknown; ref: number }>[]>;
  pushEventTo(target: string | Element, event: string, payload: Record<string, unknown>, onReply: OnReply): void;
  /**
   * Gives `files` to the view's `<LiveFileInput>` named `name`, as if chosen in it (announced
   * with the form's change; uploaded at once with `autoUpload`).
   */
  upload(name: string, files: ArrayLike<File | Blob>): void;
  /** {@link upload} to the `<LiveFileInput>` named `name` inside the element(s) `target` selects. */
  uploadTo(target: string | Element, name: string, files: ArrayLike<File | Blob>): void;
  /** Receives events the server pushes with `socket.pushEvent(name, payload)`. */
  handleEvent(event: string, callback: (payload: any) => void): CallbackRef;
  removeHandleEvent(ref: CallbackRef): void;
  js(): HookJS;
}

export interface Hook<E extends HTMLElement = HTMLElement> {
  mounted?(this: HookContext<E> & Hook<E>): void;
  /** Before a patch changes the element. */
  beforeUpdate?(this: HookContext<E> & Hook<E>): void;
  updated?(this: HookContext<E> & Hook<E>): void;
  destroyed?(this: HookContext<E> & Hook<E>): void;
  /** The view lost the server (the connection dropped, or it crashed). */
  disconnected?(this: HookContext<E> & Hook<E>): void;
  /** The view joined again after `disconnected`. */
  reconnected?(this: HookContext<E> & Hook<E>): void;
  [key: string]: unknown;
}

export interface HookHost {
  readonly liveSocket: unknown;
  /** Pushes a hook event from `el` to `target` (null: the element's own view or component). */
  pushHookEvent(el: HTMLElement, target: Element | null, event: string, payload: Record<string, unknown>): Promise<{ reply: unknown; ref: number }>;
  execJS(el: Element, encoded: string): void;
}

interface Live {
  hook: HookContext & Hook;
  listeners: Set<CallbackRef>;
  disconnected: boolean;
}

/** The hooks living in one view. */
export class HookRegistry {
  readonly #live = new Map<Element, Live>();

  readonly #definitions: Record<string, Hook>;
  readonly #host: HookHost;

  constructor(definitions: Record<string, Hook>, host: HookHost) {
    this.#definitions = definitions;
    this.#host = host;
  }

  /** Mounts hooks on `root` and its descendants that have none yet. */
  mountWithin(root: Element): void {
    // A nested view's hooks are its own.
    const owner = root.closest("[data-phx-session]");
    for (const el of within(root, "[phx-hook]")) if (el.closest("[data-phx-session]") === owner) this.#mount(el);
  }

  #mount(el: Element): void {
    if (this.#live.has(el)) return;
    const name = el.getAttribute("phx-hook") ?? "";
    const definition = Object.hasOwn(this.#definitions, name) ? this.#definitions[name] : name === "Phoenix.FocusWrap" ? focusWrap : undefined;
    if (!definition) return;
    if (!el.id) console.warn(`[livetsx] hook "${name}" on an element without id`);
    const host = this.#host;
    const listeners = new Set<CallbackRef>();
    const api: HookContext = {
      el: el as HTMLElement,
      liveSocket: host.liveSocket,
      pushEvent(event: string, payload: Record<string, unknown> = {}, onReply?: OnReply): any {
        const sent = host.pushHookEvent(el as HTMLElement, null, event, payload);
        if (!onReply) return sent.then(({ reply }) => reply);
        sent.then(({ reply, ref }) => onReply(reply, ref), () => undefined);
      },
      pushEventTo(target: string | Element, event: string, payload: Record<string, unknown> = {}, onReply?: OnReply): any {
        const sends = targets(target).map((t) => host.pushHookEvent(el as HTMLElement, t, event, payload));
        if (!onReply) return Promise.allSettled(sends);
        for (const sent of sends) sent.then(({ reply, ref }) => onReply(reply, ref), () => undefined);
      },
      upload(name, files) {
        dispatchUploads(el.closest("[data-phx-session]") ?? document.documentElement, name, files);
      },
      uploadTo(target, name, files) {
        for (const t of targets(target)) dispatchUploads(t, name, files);
      },
      handleEvent(event, callback) {
        const ref: CallbackRef = { event, callback: (e) => callback((e as CustomEvent).detail) };
        window.addEventListener(`phx:${event}`, ref.callback);
        listeners.add(ref);
        return ref;
      },
      removeHandleEvent(ref) {
        window.removeEventListener(`phx:${ref.event}`, ref.callback);
        listeners.delete(ref);
      },
      js: () => ({ exec: (encoded: string) => host.execJS(el, encoded) }),
    };
    // The hook's own methods and state on top of the API, as an object of its own per element.
    const hook = Object.assign(Object.create(definition) as Hook, api) as HookContext & Hook;
    this.#live.set(el, { hook, listeners, disconnected: false });
    call(hook, "mounted");
  }

  /** Whether a hook lives on `el`. */
  has(el: Element): boolean {
    return this.#live.has(el);
  }

  /** Calls the `beforeUpdate` or `updated` callback of the hook on `el`, if one lives there. */
  notify(el: Element, name: "beforeUpdate" | "updated"): void {
    const live = this.#live.get(el);
    if (live) call(live.hook, name);
  }

  /** Destroys the hooks of `root` and (unless `deep` is false) of its descendants. */
  destroyedWithin(root: Element, deep = true): void {
    for (const [el, live] of this.#live) {
      if (el === root || (deep && root.contains(el))) this.#destroy(el, live);
    }
  }

  /**
   * The view lost the server (`down`): each hook hears `disconnected` once; it joined again: the
   * hooks that heard that hear `reconnected`.
   */
  connection(down: boolean): void {
    for (const live of this.#live.values()) {
      if (live.disconnected === down) continue;
      live.disconnected = down;
      call(live.hook, down ? "disconnected" : "reconnected");
    }
  }

  destroyAll(): void {
    for (const [el, live] of this.#live) this.#destroy(el, live);
  }

  #destroy(el: Element, live: Live): void {
    this.#live.delete(el);
    for (const ref of live.listeners) window.removeEventListener(`phx:${ref.event}`, ref.callback);
    live.listeners.clear();
    call(live.hook, "destroyed");
  }
}

/** The elements a `pushEventTo`/`uploadTo` target names: a selector's matches, or the element. */
const targets = (target: string | Element) => (typeof target === "string" ? Array.from(document.querySelectorAll(target)) : [target]);

/** A hook's callback; one that throws is reported and the page goes on. */
function call(hook: HookContext & Hook, name: "mounted" | "beforeUpdate" | "updated" | "destroyed" | "disconnected" | "reconnected"): void {
  const fn = hook[name];
  if (typeof fn !== "function") return;
  try {
    (fn as () => void).call(hook);
  } catch (error) {
    console.error(`[livetsx] ${hook.el.getAttribute("phx-hook")}.${name}`, error);
  }
}

/**
 * Hands `files` to the one `<LiveFileInput>` named `name` within `root` (the uploads module takes
 * them from the `track-uploads` event, as the official client's does); none or several is an error.
 */
function dispatchUploads(root: Element, name: string, files: ArrayLike<File | Blob>): void {
  const inputs = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="file"][data-phx-upload-ref]')).filter((i) => i.name === name);
  if (inputs.length !== 1) {
    console.error(`[livetsx] ${inputs.length} live file inputs named "${name}"`);
    return;
  }
  inputs[0]!.dispatchEvent(new CustomEvent("track-uploads", { bubbles: true, detail: { files } }));
}
