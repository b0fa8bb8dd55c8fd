/**
 * The client's entry point: `new LiveSocket("/live", { params, hooks }).connect()` finds the
 * views on the page, joins them over one WebSocket, and rejoins them after every reconnect.
 */
import { ChannelSocket } from "./channel-socket.js";
import { Bindings, pageLoading } from "./bindings.js";
import type { Hook } from "./hooks.js";
import { View } from "./view.js";
import { Uploads, type ExternalUploader } from "./uploads.js";
import { adoptEntry, installNavigation, isLooping, loadPage, pushEntry, saveScroll, scrollToTarget, stored } from "./navigation.js";

export interface LiveSocketOptions {
  /** Sent with every join as the view's `connectParams`; a function is called at each join. @default {} */
  params?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Client hooks by name, for `phx-hook="Name"`. @default {} */
  hooks?: Record<string, Hook>;
  /** External uploaders by name, for uploads whose server `external` callback names one. @default {} */
  uploaders?: Record<string, ExternalUploader>;
  /**
   * Whether live navigation runs the `phx-remove` commands of every element in the main view
   * (those of sticky views aside) or only the container's own. @default true
   */
  cascadePhxRemoveOnNavigation?: boolean;
  /** @default 30000 */
  heartbeatIntervalMs?: number;
  /** Reconnect delay by attempt. @default 10, 50, 100, 150, 200, 250, 500, 1000, 2000 ms, then 5 s */
  reconnectAfterMs?: (tries: number) => number;
}

/** sessionStorage keys of the debug switch and the simulated latency (Phoenix's, so either client reads them). */
const DEBUG_KEY = "phx:live-socket:debug";
const LATENCY_KEY = "phx:live-socket:latency-sim";

export class LiveSocket {
  private readonly socket: ChannelSocket;
  readonly #bindings: Bindings;
  readonly #uploads: Uploads;
  readonly #views = new Map<Element, View>();
  readonly #csrfToken: string;

  readonly #options: LiveSocketOptions;

  constructor(endpoint = "/live", options: LiveSocketOptions = {}) {
    this.#options = options;
    this.#csrfToken = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
    // The heartbeat and reconnect options are the channel socket's.
    this.socket = new ChannelSocket(endpoint, { ...options, params: () => ({ _csrf_token: this.#csrfToken }) });
    this.#bindings = new Bindings({
      viewOf: (el) => this.#viewOf(el),
      views: () => this.#views.values(),
      navigate: (href, replace) => void this.liveNavigate(href, replace ? "replace" : "push"),
      patch: (href, replace) => void this.#patch(href, replace ? "replace" : "push"),
    });
    this.#uploads = new Uploads({
      socket: this.socket,
      uploaders: options.uploaders ?? {},
      viewOf: (el) => this.#viewOf(el),
    });
    this.socket.onOpen = () => {
      // Children join again once their parent has rendered.
      for (const [el, view] of this.#views) {
        if (el.hasAttribute("data-phx-parent-id")) this.#dropView(el, view);
        else void view.join();
      }
    };
    this.socket.onClose = () => {
      // Nested views end with the connection (as in the official client): their parents' rejoin
      // renders them again, and they join anew, recovering their forms from what the root read.
      for (const [el, view] of this.#views) {
        if (el.hasAttribute("data-phx-parent-id")) this.#dropView(el, view);
        else view.disconnected();
      }
      this.#uploads.disconnected();
    };
    window.addEventListener("pagehide", () => (this.#unloaded = true));
    this.socket.latency = () => this.getLatencySim() ?? 0;
    this.socket.log = (topic, kind, event, payload) => {
      if (this.isDebugEnabled()) console.log(`${topic.replace(/^lv:/, "")} ${kind}: ${event} -`, payload);
    };
  }

  /** Logs every message of the views to the console, for this browser session (as Phoenix's `enableDebug`). */
  enableDebug(): void {
    stored(DEBUG_KEY, "true");
  }

  disableDebug(): void {
    stored(DEBUG_KEY, "false");
  }

  isDebugEnabled(): boolean {
    return stored(DEBUG_KEY) === "true";
  }

  /**
   * Holds every push `ms` before it is sent and every message received `ms` before it is
   * handled, for this browser session (debugging turns on too), to see the page on a slow network.
   */
  enableLatencySim(ms: number): void {
    this.enableDebug();
    stored(LATENCY_KEY, String(ms));
  }

  disableLatencySim(): void {
    stored(LATENCY_KEY, "");
  }

  /** The simulated latency in ms, or null when off. */
  getLatencySim(): number | null {
    return parseInt(stored(LATENCY_KEY)!) || null;
  }

  /** Joins every view on the page and starts listening to the user. */
  connect(): void {
    // Once the views below exist: the main view takes the history entry (and its scroll).
    queueMicrotask(() => {
      const main = this.main;
      if (main) adoptEntry(main.navId, true);
    });
    // Children join once their parent rendered them (the HTTP render gives them no session token).
    for (const el of document.querySelectorAll<HTMLElement>("[data-phx-session]:not([data-phx-parent-id])")) {
      if (!this.#views.has(el)) this.#createView(el);
    }
    this.#uploads.install();
    this.#bindings.install();
    this.#uninstallNavigation = installNavigation({
      ready: () => this.socket.isConnected && this.main?.joined === true,
      currentView: () => this.main?.navId ?? null,
      patch: (href, kind) => this.#patch(href, kind),
      navigate: (href, kind, flash) => this.liveNavigate(href, kind, flash),
    });
    this.socket.connect();
  }

  #uninstallNavigation: (() => void) | null = null;

  /** A live patch of the main view to `href` (its handleParams runs). */
  async #patch(href: string, kind: "push" | "replace" | "pop"): Promise<void> {
    const main = this.main;
    if (!main) return loadPage(href);
    const to = new URL(href, location.href).href;
    if (kind === "pop") return main.livePatch(href);
    saveScroll();
    pushEntry(kind, to, "patch", main.navId);
    pageLoading(true, { kind: "patch", to });
    await main.livePatch(href);
    pageLoading(false, { kind: "patch", to });
  }

  /**
   * Runs JS commands (the JSON a server's `JS` renders) for `el`, as if a binding of its own had
   * them: `liveSocket.execJS(el, el.getAttribute("data-open"))`.
   */
  execJS(el: Element, encoded: string, eventType = ""): void {
    const view = this.#views.get(el.closest("[data-phx-session]")!);
    if (view) this.#bindings.exec(view, el, encoded, eventType);
  }

  /** The page's main view (`data-phx-main`): its `el` is the container. */
  get main(): View | undefined {
    for (const [el, view] of this.#views) if (el.hasAttribute("data-phx-main")) return view;
    return this.#views.values().next().value;
  }

  /**
   * Live navigation: the main view leaves, and the view of `href` joins in the same container
   * with the same session token; the server refuses (and the page loads) across live sessions.
   */
  liveNavigate(href: string, kind: "push" | "replace" | "pop" | string, flash?: string): Promise<void> {
    const current = this.main;
    const url = new URL(href, location.href);
    if (!current || !this.socket.isConnected || url.origin !== location.origin) {
      loadPage(href, flash);
      return Promise.resolve();
    }
    // Back and forward are the user's own navigations: never a loop.
    if (kind !== "pop" && isLooping(href)) return Promise.resolve();
    const detail = { kind: "redirect", to: url.href };
    if (kind !== "pop") pageLoading(true, detail);
    // Elements with phx-remove (outside sticky views) run their commands as the view leaves; the
    // next view's content replaces them once their transitions have ended.
    // The container's own phx-remove runs too; `cascadePhxRemoveOnNavigation: false` runs only that one.
    const inside = this.#options.cascadePhxRemoveOnNavigation === false ? [] : current.el.querySelectorAll("[phx-remove]");
    const removing = [current.el, ...inside].filter((el) => el.hasAttribute("phx-remove") && !el.closest("[data-phx-sticky]"));
    // Sticky views stay where they are: the next view's render keeps their containers.
    this.#dropChildren(current);
    current.leave();
    current.destroy();
    for (const el of removing) this.#bindings.exec(current, el, el.getAttribute("phx-remove")!, "remove");
    const next = this.#createView(current.el);
    // The URL changes once the next view has joined (a refused join loads its page instead).
    next.beforeJoin = () => {
      for (const el of removing) if (el !== current.el) el.remove();
      if (kind !== "pop") pushEntry(kind === "replace" ? "replace" : "push", url.href, "redirect", next.navId);
    };
    next.redirect = url.href;
    if (flash) next.flash = flash;
    if (kind === "pop") adoptEntry(next.navId);
    return new Promise((resolve) => {
      next.onJoined = () => {
        if (kind !== "pop") {
          scrollToTarget();
          pageLoading(false, detail);
        }
        resolve();
      };
      void next.join();
    });
  }

  /** The joined view an element is in. */
  #viewOf(el: Element): View | null {
    const view = this.#views.get(el.closest("[data-phx-session]")!);
    return view?.joined ? view : null;
  }

  #createView(el: HTMLElement): View {
    const view = new View(el, {
      socket: this.socket,
      hooks: this.#options.hooks ?? {},
      joinParams: () => ({ ...this.#connectParams(), _csrf_token: this.#csrfToken }),
      navigate: (to, flash) => loadPage(to, flash),
      liveNavigate: (to, kind, flash) => this.liveNavigate(to, kind, flash),
      execJS: (target, encoded, type) => this.execJS(target, encoded, type),
      mounted: (target) => this.#bindings.mounted(view, target),
      liveSocket: this,
      viewOf: (target) => this.#viewOf(target),
      rendered: (parent) => this.#syncChildren(parent),
      dropChildren: (parent) => this.#dropChildren(parent),
      // The outermost view's: the one whose rejoin read them.
      savedForms: (child) => {
        let el: Element = child.el;
        for (let up; (up = el.parentElement?.closest("[data-phx-session]")); ) el = up;
        return (this.#views.get(el) ?? child).savedForms;
      },
    });
    this.#views.set(el, view);
    return view;
  }

  /**
   * After `parent` rendered: the nested views in it that have a session token and no view yet
   * join, and every view whose container left the page leaves.
   */
  #syncChildren(parent: View): void {
    for (const el of Array.from(parent.el.querySelectorAll<HTMLElement>(`[data-phx-session][data-phx-parent-id="${CSS.escape(parent.id)}"],[data-phx-sticky]`))) {
      if (!this.#views.has(el) && el.getAttribute("data-phx-session")) void this.#createView(el).join();
    }
    for (const [el, view] of this.#views) if (!el.isConnected) this.#dropView(el, view);
  }

  /** The children of `parent` (theirs too), which the server ends with it; sticky views stay. */
  #dropChildren(parent: View): void {
    for (const [el, view] of this.#views) {
      const sticky = el.closest("[data-phx-sticky]");
      if (el !== parent.el && parent.el.contains(el) && (!sticky || !parent.el.contains(sticky) || sticky === parent.el)) this.#dropView(el, view);
    }
  }

  #dropView(el: Element, view: View): void {
    view.leave();
    view.destroy();
    this.#views.delete(el);
  }

  /** Closes the connection (views show it; `connect()` rejoins them); `done` is called once it is closed. */
  disconnect(done?: () => void): void {
    this.#bindings.uninstall();
    this.#uploads.uninstall();
    this.#uninstallNavigation?.();
    this.socket.disconnect(done);
  }

  /** Whether the page is being left (`pagehide` came: a full page load or the tab closing). */
  isUnloaded(): boolean {
    return this.#unloaded;
  }

  #unloaded = false;

  /** Whether the WebSocket is open. */
  isConnected(): boolean {
    return this.socket.isConnected;
  }

  #connectParams(): Record<string, unknown> {
    const params = this.#options.params;
    return typeof params === "function" ? params() : (params ?? {});
  }
}
