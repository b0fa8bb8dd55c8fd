/**
 * One live view on the page: joins its topic, keeps the rendered tree, applies diffs and
 * patches its root element, and sends the user's events up.
 */
import type { ChannelSocket, Payload, Reply } from "./channel-socket.js";
import { patch, patchElement, type PatchCallbacks } from "./dom-patch.js";
import { HookRegistry, type Hook } from "./hooks.js";
import { Rendered, type MergeResult } from "./rendered.js";

/** Rejoin delays after the view crashed on the server (phx_error), as phoenix.js. */
const REJOIN_AFTER_MS = [1000, 2000, 5000];

export const CONNECTED_CLASS = "phx-connected";
export const LOADING_CLASS = "phx-loading";
export const ERROR_CLASS = "phx-error";

export interface ViewHost {
  readonly socket: ChannelSocket;
  readonly hooks: Record<string, Hook>;
  /** `_csrf_token` and the user's connect params. */
  joinParams(): Record<string, unknown>;
  /** The page must load again (stale session, redirect). */
  navigate(to: string): void;
}

export class View {
  readonly id: string;
  readonly topic: string;
  private joinRef: string | null = null;
  private rendered: Rendered | null = null;
  private mounts = 0;
  private rejoinTries = 0;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly hooks: HookRegistry;
  joined = false;

  constructor(
    readonly el: HTMLElement,
    private readonly host: ViewHost,
  ) {
    this.id = el.id;
    this.topic = `lv:${el.id}`;
    this.hooks = new HookRegistry(host.hooks, { pushHookEvent: (hookEl, event, payload) => this.pushHook(hookEl, event, payload) });
    this.setStatus(LOADING_CLASS);
    host.socket.on(this.topic, (event, payload) => this.onPush(event, payload));
  }

  /** Joins (or rejoins after a reconnect or crash): a fresh mount on the server. */
  async join(): Promise<void> {
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.joinRef = this.host.socket.nextRef();
    const payload = {
      url: location.href,
      params: { ...this.host.joinParams(), _mounts: this.mounts, _mount_attempts: this.rejoinTries },
      session: this.el.getAttribute("data-phx-session"),
      static: this.el.getAttribute("data-phx-static"),
      sticky: false,
    };
    const reply = await this.host.socket.push(this.topic, "phx_join", payload, this.joinRef);
    if (reply.status === "ok") {
      this.mounts++;
      this.rejoinTries = 0;
      this.joined = true;
      this.rendered = new Rendered();
      this.render(this.rendered.merge(reply.response.rendered as Record<string, unknown>), null, true);
      this.setStatus(CONNECTED_CLASS);
      return;
    }
    const response = reply.response;
    const redirect = (response.redirect ?? response.live_redirect) as { to?: string } | undefined;
    if (redirect?.to) return this.host.navigate(redirect.to);
    if (response.reason === "unauthorized" || response.reason === "stale") return this.host.navigate(location.href);
    this.scheduleRejoin();
  }

  /** The connection dropped: show it; the socket's reconnect will rejoin. */
  disconnected(): void {
    this.joined = false;
    this.setStatus(LOADING_CLASS, ERROR_CLASS);
  }

  /** Sends an event; the reply's diff is applied. Resolves with the reply's response. */
  async pushEvent(type: string, event: string, value: unknown, meta?: Payload, submitted: HTMLFormElement | null = null, cid?: number): Promise<Reply> {
    if (!this.joined) return { status: "timeout", response: {} };
    const payload: Payload = { type, event, value };
    if (meta) payload.meta = meta;
    if (cid !== undefined) payload.cid = cid;
    const reply = await this.host.socket.push(this.topic, "event", payload, this.joinRef);
    if (reply.status === "ok") this.onResponse(reply.response, submitted);
    else if (reply.status === "error") console.warn(`[livetsx] event "${event}" refused: ${String(reply.response.reason)}`);
    return reply;
  }

  private async pushHook(_el: HTMLElement, event: string, payload: Record<string, unknown>): Promise<unknown> {
    const reply = await this.pushEvent("hook", event, payload);
    return reply.response.r ?? reply.response;
  }

  private onResponse(response: Payload, submitted: HTMLFormElement | null = null): void {
    if (response.diff) this.applyDiff(response.diff as Record<string, unknown>, submitted);
    const redirect = (response.redirect ?? response.live_redirect) as { to?: string } | undefined;
    if (redirect?.to) return this.host.navigate(redirect.to);
    const livePatch = response.live_patch as { to: string; kind: string } | undefined;
    if (livePatch) this.updateURL(livePatch.to, livePatch.kind);
  }

  private onPush(event: string, payload: Payload): void {
    switch (event) {
      case "diff":
        this.applyDiff(payload);
        return;
      case "redirect":
      case "live_redirect":
        this.host.navigate(String(payload.to));
        return;
      case "live_patch":
        this.updateURL(String(payload.to), String(payload.kind));
        return;
      case "phx_error":
        this.joined = false;
        this.setStatus(LOADING_CLASS, ERROR_CLASS);
        this.scheduleRejoin();
        return;
    }
  }

  private updateURL(to: string, kind: string): void {
    if (kind === "replace") history.replaceState(history.state, "", to);
    else history.pushState(history.state, "", to);
  }

  private applyDiff(diff: Record<string, unknown>, submitted: HTMLFormElement | null = null): void {
    if (!this.rendered) return;
    this.render(this.rendered.merge(diff), submitted);
  }

  private render(extracted: MergeResult, submitted: HTMLFormElement | null = null, join = false): void {
    const rendered = this.rendered!;
    const callbacks: PatchCallbacks = {
      added: (el) => this.hooks.mountWithin(el),
      updated: (el) => this.hooks.updated(el),
      removed: (el) => this.hooks.destroyedWithin(el),
    };
    patch(this.el, rendered.toString(), callbacks, submitted, rendered.takeStreams(), join);
    // Components are patched where they are, stream containers included.
    for (const cid of extracted.components) {
      const el = this.el.querySelector(`[data-phx-component="${cid}"]`);
      if (el) patchElement(el, rendered.componentHTML(cid), callbacks, submitted);
    }
    this.hooks.mountWithin(this.el);
    this.destroyMissingComponents();
    if (extracted.title !== undefined) document.title = extracted.title;
    for (const [name, detail] of extracted.events) {
      this.hooks.dispatch(name, detail);
      window.dispatchEvent(new CustomEvent(`phx:${name}`, { detail }));
    }
  }

  /**
   * Components no longer on the page are destroyed in two phases, as the server expects: first
   * announced, then confirmed if they did not come back meanwhile.
   */
  private destroyMissingComponents(): void {
    const missing = () => this.rendered!.componentIds().filter((cid) => !this.el.querySelector(`[data-phx-component="${cid}"]`));
    const cids = missing();
    if (cids.length === 0 || this.destroying) return;
    this.destroying = true;
    void (async () => {
      try {
        const will = await this.host.socket.push(this.topic, "cids_will_destroy", { cids }, this.joinRef);
        if (will.status !== "ok") return;
        const still = missing().filter((cid) => cids.includes(cid));
        if (still.length === 0) return;
        const done = await this.host.socket.push(this.topic, "cids_destroyed", { cids: still }, this.joinRef);
        if (done.status === "ok") this.rendered?.pruneComponents(done.response.cids as number[]);
      } finally {
        this.destroying = false;
      }
    })();
  }

  private destroying = false;

  private scheduleRejoin(): void {
    const delay = REJOIN_AFTER_MS[this.rejoinTries++] ?? 10_000;
    this.rejoinTimer = setTimeout(() => {
      if (this.host.socket.isConnected) void this.join();
    }, delay);
  }

  private setStatus(...classes: string[]): void {
    this.el.classList.remove(CONNECTED_CLASS, LOADING_CLASS, ERROR_CLASS);
    this.el.classList.add(...classes);
  }

  destroy(): void {
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.host.socket.off(this.topic);
    this.hooks.destroyAll();
  }
}
