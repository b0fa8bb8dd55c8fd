/**
 * One live view on the page: joins its topic, keeps the rendered tree, applies diffs and
 * patches its root element, and sends the user's events up.
 */
import { timedOut, type ChannelSocket, type Payload, type Reply } from "./channel-socket.js";
import { patchElement, patchView, type PatchCallbacks } from "./dom-patch.js";
import { HookRegistry, type Hook } from "./hooks.js";
import { Rendered, type MergeResult } from "./rendered.js";
import { REPLY } from "./wire.js";
import { pushEntry, saveScroll } from "./navigation.js";
import { pageLoading, submitters, within } from "./bindings.js";
import { afterTransitions, dropFocus } from "./js.js";
import { recoveries, saveForms, type SavedForm } from "./recovery.js";

/** Rejoin delays after the view crashed on the server (phx_error), as phoenix.js. */
const REJOIN_AFTER_MS = [1000, 2000, 5000];

export const CONNECTED_CLASS = "phx-connected";
export const LOADING_CLASS = "phx-loading";
export const ERROR_CLASS = "phx-error";
/** With phx-error: the connection is down (client) or the view crashed or could not join (server). */
export const CLIENT_ERROR_CLASS = "phx-client-error";
export const SERVER_ERROR_CLASS = "phx-server-error";
/** How long the view is without the server before its `phx-disconnected` commands run, as Phoenix. */
const DISCONNECTED_MS = 500;

export interface ViewHost {
  readonly socket: ChannelSocket;
  readonly hooks: Record<string, Hook>;
  /** `_csrf_token` and the user's connect params. */
  joinParams(): Record<string, unknown>;
  /** A full page load of `to`, carrying a signed flash if given. */
  navigate(to: string, flash?: string): void;
  /** Live navigation to another view of the same live session, over this socket. */
  liveNavigate(to: string, kind: string, flash?: string): Promise<void>;
  /** Runs JS commands for an element (its `phx-remove`). */
  execJS(el: Element, encoded: string, type: string): void;
  /** Elements entered the page: their `phx-mounted` runs, viewport bindings start. */
  mounted(el: Element): void;
  /** The page's LiveSocket, for hooks. */
  readonly liveSocket: unknown;
  /** The joined view an element is in, for a hook's `pushEventTo`. */
  viewOf(el: Element): View | null;
  /** After the view's render: its nested views join or leave as its DOM now says. */
  rendered(view: View): void;
  /** The view left or crashed on the server, and its children with it. */
  dropChildren(view: View): void;
  /** The forms the rejoin of the view's root read ({@link saveForms}), for the view to recover. */
  savedForms(view: View): Map<string, SavedForm>;
}

export class View {
  readonly id: string;
  readonly topic: string;
  #joinRef: string | null = null;
  #rendered: Rendered | null = null;
  #mounts = 0;
  #rejoinTries = 0;
  #rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #hooks: HookRegistry;
  joined = false;
  /** From the join's push until the view leaves, its join is refused or the connection drops. */
  #channelOpen = false;
  /** Identifies this view instance in history entries (the container id outlives navigations). */
  readonly navId = Math.random().toString(36).slice(2, 10);
  /** Set for the join that follows a live navigation. */
  redirect: string | null = null;
  flash: string | null = null;
  /** Called once the view has joined and rendered. */
  onJoined: (() => void) | null = null;
  /** Called right before the first join's render (live navigation removes what `phx-remove` kept). */
  beforeJoin: (() => void) | null = null;
  #gone = false;
  #disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  /** The main view's `phx:page-loading-*` detail for its joins. */
  #loading: Record<string, unknown> | null = null;

  readonly #host: ViewHost;

  constructor(
    readonly el: HTMLElement,
    host: ViewHost,
  ) {
    this.#host = host;
    this.id = el.id;
    this.topic = `lv:${el.id}`;
    this.#hooks = new HookRegistry(host.hooks, {
      liveSocket: host.liveSocket,
      pushHookEvent: (_hookEl, target, event, payload) => {
        const view = target ? host.viewOf(target) : this;
        if (!view) return Promise.reject(new Error(`pushEventTo "${event}": no view`));
        return view.pushHook(target, event, payload);
      },
      execJS: (el, encoded) => host.execJS(el, encoded, "hook"),
    });
    this.#setStatus(LOADING_CLASS);
    host.socket.on(this.topic, (event, payload) => this.#onPush(event, payload));
  }

  /**
   * Joins (or rejoins after a reconnect or crash): a fresh mount on the server. After a live
   * navigation the first join says `redirect` and brings the flash along.
   */
  async join(): Promise<void> {
    if (this.#rejoinTimer) clearTimeout(this.#rejoinTimer);
    if (this.#isMain() && !this.#loading) pageLoading(true, (this.#loading = { kind: "initial", to: this.redirect ?? location.href }));
    this.#joinRef = this.#host.socket.nextRef();
    const payload: Payload = {
      params: { ...this.#host.joinParams(), _mounts: this.#mounts, _mount_attempts: this.#rejoinTries },
      session: this.el.getAttribute("data-phx-session"),
      static: this.el.getAttribute("data-phx-static") || null,
      sticky: this.el.hasAttribute("data-phx-sticky"),
    };
    // A refused join loads the page it was for.
    const target = this.redirect ?? location.href;
    const flash = this.flash ?? undefined;
    if (this.redirect) payload.redirect = this.redirect;
    else payload.url = target;
    if (this.flash) payload.flash = this.flash;
    this.redirect = null;
    this.flash = null;
    this.#channelOpen = true;
    const reply = await this.#host.socket.push(this.topic, "phx_join", payload, this.#joinRef);
    // A view that left while its join was on the way takes no part in the reply (no render, no
    // navigation, no rejoin): the view that replaced it has its own.
    if (this.#gone) return;
    if (reply.status === "ok") {
      // A rejoin (after a reconnect or crash) reads its forms as they stand; a nested view
      // finds its own among those its root read.
      if (this.#mounts > 0 && !this.el.hasAttribute("data-phx-parent-id")) this.savedForms = saveForms(this.el);
      this.#mounts++;
      this.#rejoinTries = 0;
      this.#rendered = new Rendered();
      const extracted = this.#rendered.merge(reply.response.rendered as Record<string, unknown>);
      const after = await this.#recover(extracted);
      // The page changes once blocking transitions (a phx-remove's, say) have ended.
      afterTransitions(() => {
        if (this.#gone) return;
        // Events reach the view once its render is on the page (not the old page's, still shown
        // while a phx-remove transition runs after a live navigation).
        this.joined = true;
        this.beforeJoin?.();
        this.beforeJoin = null;
        this.#render(extracted, null, true);
        this.#setStatus(CONNECTED_CLASS);
        clearTimeout(this.#disconnectedTimer);
        this.#disconnectedTimer = undefined;
        this.#execAll("phx-connected");
        this.#hooks.connection(false);
        const joined = this.onJoined;
        this.onJoined = null;
        joined?.();
        // After a live navigation's own stop, as Phoenix.
        if (this.#loading) pageLoading(false, this.#loading);
        this.#onResponse(after);
      });
      return;
    }
    this.#channelOpen = false;
    const response = reply.response;
    if (this.#followNavigation(response)) return;
    if (response.reason === "unauthorized" || response.reason === "stale") return this.#host.navigate(target, flash);
    if (this.#host.socket.isConnected) this.#failed(true);
    this.#scheduleRejoin();
  }

  /** The forms a rejoin of this root view read, until the views they are in recover them. */
  savedForms = new Map<string, SavedForm>();

  /**
   * Sends each recovery event of the forms in the join's render, before that render replaces
   * the page, so the server's state catches up with the inputs and the patch keeps them. Their
   * diffs are merged in; returns the rest of the replies, for a navigation one of them asks for (a
   * patch, a redirect).
   */
  async #recover(extracted: MergeResult): Promise<Payload> {
    const saved = this.#host.savedForms(this);
    let navigation: Payload = {};
    // (An undefined cid is left out of the frame: the event goes to the view.)
    for (const event of saved.size ? recoveries(this.#rendered!.domHTML(true), saved) : []) {
      const { status, response } = await this.#host.socket.push(this.topic, "event", event as unknown as Payload, this.#joinRef);
      if (status !== "ok") continue;
      const { diff, ...rest } = response;
      if (diff) extracted.events.push(...this.#rendered!.merge(diff as Record<string, unknown>).events);
      navigation = { ...navigation, ...rest };
    }
    return navigation;
  }

  /** The connection dropped: show it; the socket's reconnect will rejoin. */
  disconnected(): void {
    this.#channelOpen = false;
    this.#failed(false);
  }

  /**
   * The view lost the server: its classes say whether the connection (client) or the view
   * (server) failed, the main view starts a page loading of kind "error", and `phx-disconnected`
   * commands run if it lasts {@link DISCONNECTED_MS} (as Phoenix; `phx-connected` ones at the join).
   */
  #failed(server: boolean): void {
    this.joined = false;
    this.#setStatus(LOADING_CLASS, ERROR_CLASS, server ? SERVER_ERROR_CLASS : CLIENT_ERROR_CLASS);
    this.#hooks.connection(true);
    if (this.#isMain()) pageLoading(true, { kind: "error", to: location.href });
    this.#disconnectedTimer ??= setTimeout(() => this.#execAll("phx-disconnected"), DISCONNECTED_MS);
  }

  /** Runs the commands of the view's own elements with `attr` (`phx-connected`, `phx-disconnected`). */
  #execAll(attr: string): void {
    for (const el of this.el.querySelectorAll(`[${attr}]`)) if (el.closest("[data-phx-session]") === this.el) this.#host.execJS(el, el.getAttribute(attr)!, "");
  }

  #isMain(): boolean {
    return this.el.hasAttribute("data-phx-main");
  }

  /** Sends an event; the reply's diff is applied. Resolves with the reply's response. */
  async pushEvent(
    type: string,
    event: string,
    value: unknown,
    meta?: Payload,
    submitted: HTMLFormElement | null = null,
    cid?: number,
    beforePatch?: () => void,
  ): Promise<Reply> {
    if (!this.joined) {
      beforePatch?.();
      return timedOut();
    }
    const payload: Payload = { type, event, value };
    if (meta) payload.meta = meta;
    if (cid !== undefined) payload.cid = cid;
    const reply = await this.#host.socket.push(this.topic, "event", payload, this.#joinRef);
    beforePatch?.();
    if (reply.status === "ok") this.#onResponse(reply.response, submitted);
    else if (reply.status === "error") console.warn(`[livetsx] "${event}": ${String(reply.response.reason)}`);
    return reply;
  }

  #hookRefs = 0;

  /**
   * A hook's event, to the component `target` is in (null: the view, as Phoenix sends a hook's
   * `pushEvent`). Resolves with the handler's reply (`r` at the top of the reply's diff).
   */
  async pushHook(target: Element | null, event: string, payload: Record<string, unknown>): Promise<{ reply: unknown; ref: number }> {
    if (!this.joined) throw new Error(`"${event}": view not connected`);
    const component = target?.closest("[data-phx-component]");
    const cid = component && this.el.contains(component) ? Number(component.getAttribute("data-phx-component")) : undefined;
    const ref = this.#hookRefs++;
    const reply = await this.pushEvent("hook", event, payload, undefined, null, cid);
    if (reply.status !== "ok") throw new Error(`"${event}": ${String(reply.response.reason ?? reply.status)}`);
    const diff = reply.response.diff as Record<string, unknown> | undefined;
    return { reply: diff?.[REPLY], ref };
  }

  /**
   * Pushes `event` on the view's topic as it is (uploads: a form event with `uploads`,
   * `allow_upload`, `progress`); the reply's diff is applied.
   */
  async pushRaw(event: string, payload: Payload): Promise<Reply> {
    if (!this.joined) return timedOut();
    const reply = await this.#host.socket.push(this.topic, event, payload, this.#joinRef);
    if (reply.status === "ok") this.#onResponse(reply.response);
    return reply;
  }

  #onResponse(response: Payload, submitted: HTMLFormElement | null = null): void {
    const livePatch = response.live_patch as { to: string; kind: string } | undefined;
    // The entry being left keeps the scroll it had, before the diff changes the page's height.
    if (livePatch) saveScroll();
    if (response.diff) this.#applyDiff(response.diff as Record<string, unknown>, submitted);
    if (this.#followNavigation(response)) return;
    if (livePatch) this.#updateURL(livePatch.to, livePatch.kind);
  }

  /** A redirect loads the page; a live redirect navigates over the socket. */
  #followNavigation(response: Payload): boolean {
    const redirect = response.redirect as { to?: string; flash?: string } | undefined;
    if (redirect?.to) {
      this.#host.navigate(redirect.to, redirect.flash);
      return true;
    }
    const live = response.live_redirect as { to?: string; kind?: string; flash?: string } | undefined;
    if (live?.to) {
      this.#host.liveNavigate(live.to, live.kind ?? "push", live.flash);
      return true;
    }
    return false;
  }

  /** A patch from a link or the back button: the server runs handleParams for the URL. */
  async livePatch(url: string): Promise<void> {
    const reply = await this.#host.socket.push(this.topic, "live_patch", { url: new URL(url, location.href).href }, this.#joinRef);
    if (reply.status === "ok") this.#onResponse(reply.response);
    else await this.#host.liveNavigate(url, "pop");
  }

  /** Leaves the view on the server (live navigation away). */
  leave(): void {
    // A join still on the way is left too: the server joins, then leaves, in order.
    if (this.#channelOpen) void this.#host.socket.push(this.topic, "phx_leave", {}, this.#joinRef);
    this.joined = false;
    this.#channelOpen = false;
  }

  #onPush(event: string, payload: Payload): void {
    switch (event) {
      case "diff":
        this.#applyDiff(payload);
        return;
      case "redirect":
      case "live_redirect":
        this.#followNavigation({ [event]: payload });
        return;
      case "live_patch":
        this.#updateURL(String(payload.to), String(payload.kind));
        return;
      case "phx_error":
        this.#channelOpen = false;
        this.#host.dropChildren(this);
        this.#failed(this.#host.socket.isConnected);
        this.#scheduleRejoin();
        return;
    }
  }

  #updateURL(to: string, kind: string): void {
    pushEntry(kind === "replace" ? "replace" : "push", to, "patch", this.navId);
  }

  /** Diffs wait while a blocking JS transition runs, and are then applied in order. */
  #applyDiff(diff: Record<string, unknown>, submitted: HTMLFormElement | null = null): void {
    afterTransitions(() => {
      if (this.#rendered) this.#render(this.#rendered.merge(diff), submitted);
    });
  }

  #render(extracted: MergeResult, submitted: HTMLFormElement | null = null, join = false): void {
    const rendered = this.#rendered!;
    // Hooks hear `updated` once the patch is done, their element's children included.
    const updated = new Set<Element>();
    // Added elements get their hooks once the patch is done: morphdom reports a new element
    // before it moves into it an element with the same id found elsewhere, which stands in for it.
    const added: Element[] = [];
    const callbacks: PatchCallbacks = {
      added: (el) => added.push(el),
      rekeyed: (el) => {
        this.#hooks.destroyedWithin(el, false);
        added.push(el);
      },
      beforeUpdate: (el) => this.#hooks.notify(el, "beforeUpdate"),
      updated: (el) => updated.add(el),
      removed: (el) => this.#hooks.destroyedWithin(el),
      removing: (el, remove) => {
        this.#host.execJS(el, el.getAttribute("phx-remove")!, "remove");
        afterTransitions(remove);
      },
    };
    const patched = patchView(this.el, rendered, callbacks, submitted, join);
    // Components are patched where they are, stream containers included.
    for (const cid of extracted.components) {
      const el = this.#component(cid);
      if (el) {
        patchElement(el, rendered.componentHTML(cid), callbacks, submitted);
        patched.push(el);
      }
    }
    // Hooks mounted by this render start with `mounted` alone.
    const wasLive = [...updated].filter((el) => this.#hooks.has(el));
    for (const el of [...added, ...patched]) {
      if (!el.isConnected) continue;
      this.#hooks.mountWithin(el);
      this.#host.mounted(el);
    }
    for (const el of wasLive) if (el.isConnected) this.#hooks.notify(el, "updated");
    this.#destroyMissingComponents();
    // phx-trigger-action: the server asks for the form's real HTTP submit (a login, say).
    for (const el of patched) {
      for (const form of within(el, "form[phx-trigger-action]") as HTMLFormElement[]) {
        form.removeAttribute("phx-trigger-action");
        // The submitter the user pressed goes along, as a hidden twin (submit() sends none).
        const { name, value } = (submitters.get(form) ?? {}) as HTMLButtonElement;
        if (name) form.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
        HTMLFormElement.prototype.submit.call(form);
      }
    }
    this.#host.rendered(this);
    if (extracted.title !== undefined) document.title = extracted.title;
    for (const [name, detail] of extracted.events) {
      window.dispatchEvent(new CustomEvent(`phx:${name}`, { detail }));
    }
  }

  /**
   * Components no longer on the page are destroyed in two phases, as the server expects: first
   * announced, then confirmed if they did not come back meanwhile.
   */
  #destroyMissingComponents(): void {
    const missing = () => this.#rendered!.componentIds().filter((cid) => !this.#component(cid));
    const cids = missing();
    if (cids.length === 0 || this.#destroying) return;
    this.#destroying = true;
    void (async () => {
      try {
        const will = await this.#host.socket.push(this.topic, "cids_will_destroy", { cids }, this.#joinRef);
        if (will.status !== "ok") return;
        const still = missing().filter((cid) => cids.includes(cid));
        if (still.length === 0) return;
        const done = await this.#host.socket.push(this.topic, "cids_destroyed", { cids: still }, this.#joinRef);
        if (done.status === "ok") this.#rendered?.pruneComponents(done.response.cids as number[]);
      } finally {
        this.#destroying = false;
      }
    })();
  }

  #destroying = false;

  /** The element of this view's component `cid` (a nested view's components are its own). */
  #component(cid: number): Element | undefined {
    return Array.from(this.el.querySelectorAll(`[data-phx-component="${cid}"]`)).find((el) => el.closest("[data-phx-session]") === this.el);
  }

  #scheduleRejoin(): void {
    const delay = REJOIN_AFTER_MS[this.#rejoinTries++] ?? 10_000;
    this.#rejoinTimer = setTimeout(() => {
      if (this.#host.socket.isConnected) void this.join();
    }, delay);
  }

  #setStatus(...classes: string[]): void {
    this.el.classList.remove(CONNECTED_CLASS, LOADING_CLASS, ERROR_CLASS, CLIENT_ERROR_CLASS, SERVER_ERROR_CLASS);
    this.el.classList.add(...classes);
  }

  destroy(): void {
    this.#gone = true;
    clearTimeout(this.#disconnectedTimer);
    if (this.#rejoinTimer) clearTimeout(this.#rejoinTimer);
    dropFocus(this);
    this.#host.socket.off(this.topic);
    this.#hooks.destroyAll();
  }
}
