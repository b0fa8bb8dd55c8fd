/**
 * A view under test: the real server (HTTP render, then the connected join over the channel
 * protocol) reached in memory, and the client's side kept as a browser keeps it: the rendered
 * tree merged by the client's own `Rendered`, and the page's DOM patched from it.
 */
import { Rendered, type Diff } from "@livetsx/client";
import { parseHTML } from "linkedom";
import { CSRF_COOKIE } from "../session.js";
import { FLASH_COOKIE } from "../http.js";
import type { ViewInstance } from "../instance.js";
import { Loopback, TEST_ORIGIN } from "./loopback.js";
import { logTail, navigationOf, NavigationError, type ActionResult, type MemoryLog } from "./navigation.js";
import { ChannelClient, type Frame, type Reply } from "./channel-client.js";
import { Page, type PageElement, type StreamOp } from "./page.js";
import { clickValue, flattenValues, formFields, serializeForm, valueProperty, valuesOf, type FormValues } from "./events.js";
import { Found, describe, normalize, type TextFilter } from "./found.js";
import { FileInput, type FileSpec } from "./uploads.js";

/** Options of {@link TestView.settled}. */
export interface SettleOptions {
  /**
   * Also wait for the view's pending `sendAfter` timers (and what they start): on real timers
   * they are waited for, on fake timers (`vi.useFakeTimers()`) the clock is moved to each in turn.
   * @default false: only what is ready now (messages, PubSub, `sendInfo`, async handlers)
   */
  timers?: boolean;
  /** With `timers`, the longest wait on real timers, in ms. @default 5000 */
  timeout?: number;
}

/** What the views of one mount share: the server, its log, the browser's cookies. */
export interface App {
  loopback: Loopback;
  log: MemoryLog;
  cookie: string;
  connectParams: Record<string, unknown>;
}

const open = new Set<TestView>();

/** Closes every view still open. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((v) => v.close()));
}

/** Called for every view opened (the vitest entry closes it when its test finishes). */
let onOpen: (view: TestView) => void = () => undefined;

/** @internal */
export function setOnOpen(callback: (view: TestView) => void): void {
  onOpen = callback;
}

export class TestView {
  /** The server's log lines (crashes, refusals, warnings). */
  get log(): readonly string[] {
    return this.app.log.lines;
  }
  /** The frames the client sent (joins, events, patches), as on the wire: `[joinRef, ref, topic, event, payload]`. */
  get sent(): readonly Frame[] {
    return this.client.sent;
  }
  /** Whether the page's socket has closed (`close()`, or the test that mounted it finished). */
  get closed(): boolean {
    return this.client.closed;
  }
  /** The page's URL, live patches included. */
  url: URL;
  /** The page title: the HTTP render's, then what diffs set. */
  title = "";
  /** Events the server pushed (`socket.pushEvent`), `[name, payload]`, in order. */
  readonly pushedEvents: [string, unknown][] = [];
  /** Navigation the server pushed outside a reply (from `handleInfo`), in order. */
  readonly navigations: ActionResult[] = [];
  /** The last diff merged (from a reply or a push), as it came off the wire. */
  lastDiff: Diff | null = null;
  /** The size of {@link lastDiff} in bytes, as JSON on the wire. */
  lastDiffBytes = 0;
  /** Set when the view crashed on the server (phx_error); actions then fail. */
  crashed = false;

  private client!: ChannelClient;
  /** The view whose render holds this one's container; null for the page's main view. */
  private parent: TestView | null = null;
  /** The nested views joined on this page's socket, by topic (kept by the main view). */
  private readonly nested = new Map<string, TestView>();
  /** Set when the view left its page (its container was removed, or `close()` on a nested view). */
  private left = false;
  /** Whether the view joins as a sticky one. */
  private sticky = false;
  private rendered = new Rendered();
  private page: Page;
  private joinRef = "";
  /** The field names the user has touched, per form. */
  private readonly used = new Map<string, Set<string>>();

  private constructor(
    private readonly app: App,
    url: URL,
    /** The HTTP render: the whole page. */
    private readonly deadPage: string,
    readonly id: string,
    private readonly tokens: { csrf: string; session: string; static: string },
  ) {
    this.url = url;
    this.page = new Page(id);
    const title = /<title>([^<]*)<\/title>/.exec(deadPage)?.[1];
    if (title !== undefined) this.title = unescapeText(title);
  }

  /** @internal The page at `url` in the app's browser: its HTTP render, the socket, the join. */
  static async open(app: App, url: URL, flashToken?: string): Promise<TestView> {
    const cookie = flashToken ? `${app.cookie}; ${FLASH_COOKIE}=${flashToken}` : app.cookie;
    const res = await app.loopback.get(url.pathname + url.search, cookie);
    for (const set of [res.headers["set-cookie"] ?? []].flat()) {
      const pair = set.split(";")[0]!;
      if (pair.startsWith(`${CSRF_COOKIE}=`)) app.cookie = pair;
    }
    const path = url.pathname + url.search;
    if (res.status === 302) {
      const to = String(res.headers.location);
      throw new NavigationError(`mount ${path}: the HTTP render redirected to ${to}`, { diff: null, redirect: to, sent: true });
    }
    if (res.status !== 200) throw new Error(`mount ${path}: the HTTP render answered ${res.status}${logTail(app.log)}`);
    const pick = (re: RegExp) => re.exec(res.body)?.[1] ?? "";
    const id = pick(/<div id="([^"]+)" data-phx-main/);
    const tokens = {
      csrf: pick(/<meta name="csrf-token" content="([^"]+)"/),
      session: pick(/data-phx-session="([^"]+)"/),
      static: pick(/data-phx-static="([^"]+)"/),
    };
    const view = new TestView(app, url, res.body, id, tokens);
    const query = new URLSearchParams({ _csrf_token: tokens.csrf, vsn: "2.0.0" });
    const ws = await app.loopback.websocket(`/live/websocket?${query}`, app.cookie);
    view.client = new ChannelClient(ws, (frame) => view.onPush(frame));
    open.add(view);
    onOpen(view);
    try {
      await view.join({ url: url.href });
    } catch (error) {
      await view.close();
      throw error;
    }
    return view;
  }

  private get topic(): string {
    return `lv:${this.id}`;
  }

  private async join(target: { url: string } | { redirect: string; flash?: string } | Record<string, never>): Promise<void> {
    this.joinRef = this.client.nextRef();
    const reply = await this.client.request(
      this.topic,
      "phx_join",
      {
        ...target,
        params: { ...this.app.connectParams, _csrf_token: this.tokens.csrf, _mounts: 0, _mount_attempts: 0, _track_static: [] },
        session: this.tokens.session,
        // A nested view whose HTTP render gave it no static token sends none, as the browser's client.
        static: this.parent && this.tokens.static === "" ? null : this.tokens.static,
        sticky: this.sticky,
      },
      this.joinRef,
      this.joinRef,
    );
    const path = this.url.pathname + this.url.search;
    if (reply.status !== "ok") {
      const navigation = navigationOf(reply.response);
      if (navigation) throw new NavigationError(`mount ${path}: the view navigated to ${navigation.redirect ?? navigation.navigate}`, navigation);
      throw new Error(`mount ${path}: the join was refused: ${JSON.stringify(reply.response)}${logTail(this.app.log)}`);
    }
    this.rendered = new Rendered();
    this.page = new Page(this.id);
    this.crashed = false;
    this.merge(reply.response.rendered as Diff);
  }

  /**
   * The nested view `id` this view renders (`<LiveView id=…>`), joined as the browser joins it:
   * on this page's socket, with the token its container holds (LiveViewTest's
   * `find_live_child`). Its events, diffs and crashes are its own; the parent's `html()` shows
   * its container empty. Asking again gives the same view while it is joined.
   */
  async child(id: string): Promise<TestView> {
    const main = this.main;
    const joined = main.nested.get(`lv:${id}`);
    if (joined && joined.parent === this && !joined.crashed && !joined.left) return joined;
    const action = `child(${JSON.stringify(id)})`;
    if (this.crashed) throw new Error(`${action}: the view crashed on the server${logTail(this.app.log)}`);
    const container = this.page.read().querySelector(`[id=${JSON.stringify(id)}][data-phx-session]`);
    if (!container) throw new Error(`${action}: this view renders no nested view with that id`);
    // The HTTP render's static token, which the browser's container kept.
    const deadContainer = new RegExp(`<[a-z]+ id="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`).exec(this.deadPage)?.[0] ?? "";
    const statics = / data-phx-static="([^"]*)"/.exec(deadContainer)?.[1] ?? "";
    const view = new TestView(this.app, this.url, this.deadPage, id, { csrf: this.tokens.csrf, session: container.getAttribute("data-phx-session")!, static: statics });
    view.client = this.client;
    view.parent = this;
    view.sticky = container.hasAttribute("data-phx-sticky");
    main.nested.set(view.topic, view);
    try {
      await view.join({});
    } catch (error) {
      main.nested.delete(view.topic);
      throw new Error(`${action}: ${(error as Error).message}`);
    }
    return view;
  }

  /** The page's main view: the one that owns the socket. */
  private get main(): TestView {
    return this.parent ? this.parent.main : this;
  }

  /** The view's HTML as the page shows it (the content of its container). */
  html(): string {
    return this.page.read().innerHTML;
  }

  /** The content of the view's container in the HTTP render, before the socket connected. */
  deadHtml(): string {
    // Parsed, not sliced: the layout (the server's `layout` option) may put anything around it.
    const { document } = parseHTML(this.deadPage);
    return (document as unknown as { getElementById(id: string): PageElement | null }).getElementById(this.id)?.innerHTML ?? "";
  }

  /** The elements matching `selector` (optionally whose text contains `text`, or matches it). */
  find(selector: string, text?: TextFilter): Found {
    return new Found(selector, this.select(selector, text), text);
  }

  /** Whether an element matches `selector` (and `text`), as LiveViewTest's `has_element?`. */
  has(selector: string, text?: TextFilter): boolean {
    return this.select(selector, text).length > 0;
  }

  private select(selector: string, text?: TextFilter): PageElement[] {
    let elements: PageElement[];
    try {
      elements = Array.from(this.page.read().querySelectorAll(selector));
    } catch (error) {
      throw new Error(`${JSON.stringify(selector)} is not a valid selector: ${(error as Error).message}`);
    }
    if (text === undefined) return elements;
    return elements.filter((el) => {
      const content = normalize(el.textContent ?? "");
      return typeof text === "string" ? content.includes(text) : text.test(content);
    });
  }

  /** The one element an action acts on; a clear error when there is none or several. */
  private one(action: string, selector: string, text?: TextFilter): PageElement {
    const elements = this.select(selector, text);
    const filter = text === undefined ? "" : ` with text ${describe(text)}`;
    if (elements.length === 0) throw new Error(`${action}: no element matches${filter}`);
    if (elements.length > 1) {
      throw new Error(`${action}: ${elements.length} elements match${filter}; make the selector (or the text filter) match one`);
    }
    if (this.crashed) throw new Error(`${action}: the view crashed on the server${logTail(this.app.log)}`);
    return elements[0]!;
  }

  /**
   * Clicks an element: its (or its closest ancestor's) `phx-click` is sent with its
   * `phx-value-*` attributes and value, to the `phx-target` component if any. A link without
   * `phx-click` navigates: `patch` links are sent as a live patch, `navigate` links and plain
   * links come back as `navigate` / `redirect` for {@link follow}.
   */
  async click(selector: string, options: { text?: TextFilter; value?: Record<string, unknown> } = {}): Promise<ActionResult> {
    const action = `click(${JSON.stringify(selector)})`;
    const el = this.one(action, selector, options.text);
    const bound = el.closest("[phx-click]");
    if (!bound || !this.page.root.contains(bound)) {
      const link = el.closest("a[href]");
      if (link && this.page.root.contains(link)) return this.followLink(action, link);
      const type = (el.getAttribute("type") ?? "").toLowerCase();
      const button = (el.tagName === "BUTTON" && (type === "" || type === "submit")) || (el.tagName === "INPUT" && type === "submit");
      const submits = button && el.closest("form[phx-submit]") !== null;
      throw new Error(`${action}: the element has no phx-click${submits ? ` (it submits its form: use submit(form, values, { submitter: ${JSON.stringify(selector)} }))` : ""}`);
    }
    return this.fire(action, bound.getAttribute("phx-click")!, { type: "click", value: { ...clickValue(bound), ...options.value } }, bound);
  }

  private async followLink(action: string, link: PageElement): Promise<ActionResult> {
    const href = link.getAttribute("href")!;
    const replace = link.getAttribute("data-phx-link-state") === "replace";
    switch (link.getAttribute("data-phx-link")) {
      case "patch":
        return this.livePatch(action, href);
      case "redirect":
        return { diff: null, navigate: href, replace, sent: true };
      default:
        return { diff: null, redirect: href, sent: true };
    }
  }

  /**
   * Changes a form's fields as the user would and sends its `phx-change`: the form's fields as
   * the page shows them with `values` typed over them, `_target` naming the field that changed
   * (the last of `values`, or `target`), and `_unused_` markers for fields never touched.
   * `formSelector` may also name an input, which is then the target.
   */
  async change(formSelector: string, values: FormValues = {}, options: { target?: string } = {}): Promise<ActionResult> {
    const action = `change(${JSON.stringify(formSelector)})`;
    const el = this.one(action, formSelector);
    const form = el.tagName === "FORM" ? el : el.closest("form");
    if (!form) throw new Error(`${action}: the element is neither a form nor inside one`);
    const input = el === form ? null : el;
    const event = input?.getAttribute("phx-change") ?? form.getAttribute("phx-change");
    if (!event) throw new Error(`${action}: the ${input ? "input and its form have" : "form has"} no phx-change`);
    const typed = this.typed(action, form, values);
    const target = options.target ?? [...typed.keys()].at(-1) ?? input?.getAttribute("name") ?? undefined;
    const used = this.usedOf(form);
    for (const name of typed.keys()) used.add(name);
    if (target) used.add(target);
    const value = serializeForm(form, { values: typed, used });
    const meta = { _target: target ?? "undefined", ...valuesOf(form) };
    return this.fire(action, event, { type: "form", value, meta, uploads: {} }, form);
  }

  /**
   * Submits a form: its `phx-submit` with every field (the page's values, `values` typed over
   * them) and, given `submitter` (a selector inside the form), that button's name and value.
   */
  async submit(formSelector: string, values: FormValues = {}, options: { submitter?: string } = {}): Promise<ActionResult> {
    const action = `submit(${JSON.stringify(formSelector)})`;
    const el = this.one(action, formSelector);
    const form = el.tagName === "FORM" ? el : el.closest("form");
    if (!form) throw new Error(`${action}: the element is neither a form nor inside one`);
    const event = form.getAttribute("phx-submit");
    if (!event) throw new Error(`${action}: the form has no phx-submit`);
    const typed = this.typed(action, form, values);
    let submitter: PageElement | null = null;
    if (options.submitter !== undefined) {
      const found = Array.from(form.querySelectorAll(options.submitter));
      if (found.length !== 1) throw new Error(`${action}: the submitter ${JSON.stringify(options.submitter)} matches ${found.length} elements of the form`);
      submitter = found[0]!;
    }
    // A submitted form's fields all count as used.
    const used = this.usedOf(form);
    for (const field of formFields(form)) used.add(field.getAttribute("name")!);
    const value = serializeForm(form, { values: typed, used, submitter });
    return this.fire(action, event, { type: "form", value, meta: valuesOf(form) }, form);
  }

  /**
   * Files chosen in the `<LiveFileInput>` named `name` of a form (or of an element's form):
   * `select()` announces them, `renderUpload(fileName, percent)` sends them (see `FileInput`).
   */
  fileInput(formSelector: string, name: string, files: readonly FileSpec[]): FileInput {
    return new FileInput(
      {
        client: this.client,
        one: (action, selector) => this.one(action, selector),
        target: (el) => this.target(el),
        formValue: (form, target) => {
          const used = this.usedOf(form);
          used.add(target);
          return serializeForm(form, { values: new Map(), used });
        },
        request: async (action, event, payload) => {
          if (this.crashed) throw new Error(`${action}: the view crashed on the server${logTail(this.app.log)}`);
          const reply = await this.client.request(this.topic, event, payload, this.joinRef);
          return { reply, result: this.answer(action, reply) };
        },
      },
      formSelector,
      name,
      files,
    );
  }

  /** A key pressed on an element with `phx-keydown` (or `phx-window-keydown`); `phx-key` filters. */
  keydown(selector: string, key: string): Promise<ActionResult> {
    return this.key("keydown", selector, key);
  }

  /** A key released on an element with `phx-keyup` (or `phx-window-keyup`); `phx-key` filters. */
  keyup(selector: string, key: string): Promise<ActionResult> {
    return this.key("keyup", selector, key);
  }

  private async key(kind: "keydown" | "keyup", selector: string, key: string): Promise<ActionResult> {
    const action = `${kind}(${JSON.stringify(selector)}, ${JSON.stringify(key)})`;
    const el = this.one(action, selector);
    const attr = el.hasAttribute(`phx-${kind}`) ? `phx-${kind}` : el.hasAttribute(`phx-window-${kind}`) ? `phx-window-${kind}` : null;
    if (!attr) throw new Error(`${action}: the element has no phx-${kind} or phx-window-${kind}`);
    const wanted = el.getAttribute("phx-key");
    // As in the browser: a key that is not the element's phx-key sends nothing.
    if (wanted && wanted.toLowerCase() !== key.toLowerCase()) return { diff: null, sent: false };
    const value: Record<string, unknown> = { key, ...valuesOf(el) };
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") value.value = valueProperty(el);
    return this.fire(action, el.getAttribute(attr)!, { type: kind, value }, el);
  }

  /** The element loses focus: its `phx-blur` is sent. */
  blur(selector: string): Promise<ActionResult> {
    return this.focusChange("blur", selector);
  }

  /** The element gets focus: its `phx-focus` is sent. */
  focus(selector: string): Promise<ActionResult> {
    return this.focusChange("focus", selector);
  }

  private async focusChange(kind: "blur" | "focus", selector: string): Promise<ActionResult> {
    const action = `${kind}(${JSON.stringify(selector)})`;
    const el = this.one(action, selector);
    const attr = el.hasAttribute(`phx-${kind}`) ? `phx-${kind}` : el.hasAttribute(`phx-window-${kind}`) ? `phx-window-${kind}` : null;
    if (!attr) throw new Error(`${action}: the element has no phx-${kind}`);
    const value: Record<string, unknown> = { ...valuesOf(el) };
    if (el.tagName === "INPUT") value.value = valueProperty(el);
    return this.fire(action, el.getAttribute(attr)!, { type: kind, value }, el);
  }

  /** The hook of an element with `phx-hook`: its `pushEvent` (to the view) and `pushEventTo`. */
  hook(selector: string): {
    pushEvent(event: string, payload?: Record<string, unknown>): Promise<ActionResult>;
    pushEventTo(target: string, event: string, payload?: Record<string, unknown>): Promise<ActionResult>;
  } {
    const action = `hook(${JSON.stringify(selector)})`;
    const el = this.one(action, selector);
    if (!el.hasAttribute("phx-hook")) throw new Error(`${action}: the element has no phx-hook`);
    return {
      pushEvent: (event, payload = {}) => this.push(`${action}.pushEvent(${JSON.stringify(event)})`, { type: "hook", event, value: payload }, null),
      pushEventTo: (target, event, payload = {}) => {
        const name = `${action}.pushEventTo(${JSON.stringify(target)}, ${JSON.stringify(event)})`;
        const cid = this.componentOf(target);
        if (cid === undefined && !this.has(target)) throw new Error(`${name}: no element matches the target`);
        return this.push(name, { type: "hook", event, value: payload, ...(cid === undefined ? {} : { cid }) }, null);
      },
    };
  }

  /** Sends `message` to the view's `handleInfo`, as `socket.sendInfo` would, and waits for its diff. */
  async sendInfo(message: unknown): Promise<void> {
    const instance = this.instance("sendInfo");
    await instance.info(message).catch(() => undefined);
    await this.client.roundTrip();
    if (this.crashed) throw new Error(`sendInfo: the view crashed in handleInfo${logTail(this.app.log)}`);
  }

  /** A live patch to `url` (the back button, `<Link patch>`): `handleParams` runs with its params. */
  patch(url: string): Promise<ActionResult> {
    return this.livePatch(`patch(${JSON.stringify(url)})`, url);
  }

  private async livePatch(action: string, to: string): Promise<ActionResult> {
    if (this.crashed) throw new Error(`${action}: the view crashed on the server${logTail(this.app.log)}`);
    const url = new URL(to, this.url);
    const reply = await this.client.request(this.topic, "live_patch", { url: url.href }, this.joinRef);
    const result = this.answer(action, reply);
    if (reply.status === "ok" && !result.navigate && !result.redirect) {
      this.url = url;
      result.patch ??= to;
    }
    return result;
  }

  /**
   * Follows where an action (or a push from `handleInfo`) sent the page: live navigation joins
   * the new view in this page over the same socket, as the client does, carrying the flash; a
   * redirect loads the new page with the flash cookie. Resolves to the view now shown.
   */
  async follow(result: ActionResult = this.navigations.at(-1) ?? { diff: null, sent: false }): Promise<TestView> {
    if (result.patch !== undefined && result.navigate === undefined && result.redirect === undefined) return this;
    if (result.navigate !== undefined) {
      await this.client.request(this.topic, "phx_leave", {}, this.joinRef);
      this.url = new URL(result.navigate, this.url);
      this.used.clear();
      await this.join({ redirect: this.url.href, ...(result.flashToken ? { flash: result.flashToken } : {}) });
      return this;
    }
    if (result.redirect !== undefined) {
      const url = new URL(result.redirect, this.url);
      if (url.origin !== TEST_ORIGIN) throw new Error(`follow: ${result.redirect} is another site`);
      this.client.close();
      open.delete(this);
      return TestView.open(this.app, url, result.flashToken);
    }
    throw new Error("follow: the result navigates nowhere (no navigate, redirect or patch)");
  }

  /**
   * Waits until the view is idle: every reply in, every message queued for it handled (PubSub,
   * `sendInfo`, async handlers) and its pushes merged. With `timers`, its `sendAfter` timers too.
   */
  async settled(options: SettleOptions = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? 5000);
    for (let round = 0, quiet = 0; quiet < 2; round++) {
      if (round > 10_000) throw new Error("settled: the view never became idle (it keeps sending itself messages)");
      const before = this.client.received.length;
      const instance = this.liveInstance();
      // Answered once every message queued for the view before it is handled (destroying no
      // component); then a heartbeat brings in whatever the view pushed meanwhile.
      if (instance && !this.crashed) await this.client.request(this.topic, "cids_will_destroy", { cids: [] }, this.joinRef);
      await this.client.roundTrip();
      // The replies are frames of their own.
      const quietRound = this.client.received.length === before + (instance && !this.crashed ? 2 : 1);
      if (options.timers && instance?.isAlive && instance.resources.timers > 0) {
        quiet = 0;
        await this.nextTimer(deadline);
      } else quiet = quietRound ? quiet + 1 : 0;
    }
  }

  private async nextTimer(deadline: number): Promise<void> {
    const clock = (globalThis.setTimeout as unknown as { clock?: { next(): void } }).clock;
    if (clock) {
      clock.next();
      return;
    }
    if (Date.now() > deadline) throw new Error("settled: the view still has sendAfter timers pending after the timeout");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }

  /** Leaves the view and closes its server; a nested view leaves its page only. */
  async close(): Promise<void> {
    if (this.parent) {
      this.main.nested.delete(this.topic);
      if (!this.left && !this.crashed && !this.client.closed) await this.client.request(this.topic, "phx_leave", {}, this.joinRef);
      this.left = true;
      return;
    }
    open.delete(this);
    if (!this.client.closed) {
      this.client.close();
      await this.client.whenClosed;
    }
    await this.app.loopback.close();
  }

  private liveInstance(): ViewInstance | null {
    for (const connection of this.app.loopback.live.connections) {
      const instance = connection.instances.get(this.topic);
      if (instance) return instance;
    }
    return null;
  }

  private instance(action: string): ViewInstance {
    const instance = this.liveInstance();
    if (!instance || this.crashed) throw new Error(`${action}: the view is not joined (it crashed or left)${logTail(this.app.log)}`);
    return instance;
  }

  /**
   * Sends a binding: its event, or, for JS commands, what of them reaches the server: each
   * `push` (its value over the binding's own, its target over the element's), `patch` as a live
   * patch, `navigate` as a result to follow, `exec` of another element's commands. What they do
   * to the DOM (classes, display, focus) is the browser's, and left out. The result is the last
   * command's that sent something.
   */
  private async fire(action: string, binding: string, payload: Record<string, unknown>, el: PageElement): Promise<ActionResult> {
    if (!binding.trimStart().startsWith("[")) return this.push(action, { ...payload, event: binding }, el);
    let result: ActionResult = { diff: null, sent: false };
    const run = async (encoded: string, source: PageElement, payload: Record<string, unknown>): Promise<void> => {
      for (const [kind, args] of JSON.parse(encoded) as [string, Record<string, unknown>][]) {
        if (kind === "push") {
          const extra = (args.value ?? {}) as Record<string, unknown>;
          const form = payload.type === "form";
          const pushed: Record<string, unknown> = { ...payload, event: args.event };
          if (form) pushed.meta = { ...(payload.meta as object), ...extra };
          else pushed.value = { ...(payload.value as object), ...extra };
          const cid = args.target === undefined ? undefined : this.componentOf(String(args.target));
          if (cid !== undefined) pushed.cid = cid;
          result = await this.push(action, pushed, args.target === undefined ? source : null);
        } else if (kind === "patch") {
          result = await this.livePatch(action, String(args.href));
        } else if (kind === "navigate") {
          result = { diff: null, navigate: String(args.href), replace: args.replace === true, sent: true };
        } else if (kind === "exec") {
          const targets = typeof args.to === "string" ? Array.from(this.page.read().querySelectorAll(args.to)) : [source];
          for (const target of targets) {
            const encoded = target.getAttribute(String(args.attr));
            if (!encoded) throw new Error(`${action}: JS.exec expects ${String(args.attr)} to hold JS commands on ${String(args.to ?? "the element")}`);
            // The commands run for their own element, whose values a push sends.
            await run(encoded, target, { type: payload.type === "form" ? "click" : payload.type, value: clickValue(target) });
          }
        }
      }
    };
    await run(binding, el, payload);
    return result;
  }

  /** The component an element's events go to: its `phx-target` (a cid, or a selector of an element in one). */
  private target(el: PageElement): number | undefined {
    const target = el.getAttribute("phx-target") ?? el.closest("form")?.getAttribute("phx-target") ?? null;
    return target === null ? undefined : this.componentOf(target);
  }

  private componentOf(target: string): number | undefined {
    if (/^\d+$/.test(target)) return Number(target);
    const cid = this.page.read().querySelector(target)?.closest("[data-phx-component]")?.getAttribute("data-phx-component");
    return cid ? Number(cid) : undefined;
  }

  private usedOf(form: PageElement): Set<string> {
    const key = form.id || form.getAttribute("phx-submit") || form.getAttribute("phx-change") || "";
    let used = this.used.get(key);
    if (!used) this.used.set(key, (used = new Set()));
    return used;
  }

  /** `values` by field name, every name checked against the form's fields. */
  private typed(action: string, form: PageElement, values: FormValues): Map<string, unknown> {
    const names = new Set(formFields(form).map((f) => f.getAttribute("name")!));
    const typed = new Map<string, unknown>();
    for (const [name, value] of flattenValues(values)) {
      if (!names.has(name) && !names.has(`${name}[]`)) {
        throw new Error(`${action}: the form has no field named ${JSON.stringify(name)} (it has ${[...names].map((n) => JSON.stringify(n)).join(", ") || "none"})`);
      }
      typed.set(name, value);
    }
    return typed;
  }

  private async push(action: string, payload: Record<string, unknown>, el: PageElement | null): Promise<ActionResult> {
    if (this.crashed) throw new Error(`${action}: the view crashed on the server${logTail(this.app.log)}`);
    const cid = el ? this.target(el) : undefined;
    if (cid !== undefined) payload.cid = cid;
    const reply = await this.client.request(this.topic, "event", payload, this.joinRef);
    return this.answer(action, reply);
  }

  /** A reply's diff merged, and where it sends the page. */
  private answer(action: string, reply: Reply): ActionResult {
    const response = reply.response;
    if (reply.status !== "ok") {
      throw new Error(`${action}: the server answered with an error: ${String(response.reason ?? JSON.stringify(response))}${logTail(this.app.log)}`);
    }
    const diff = (response.diff as Diff | undefined) ?? null;
    const result: ActionResult = { diff, sent: true, ...navigationOf(response) };
    if (diff) {
      const merged = this.merge(diff);
      if (merged.reply !== undefined) result.reply = merged.reply;
    }
    if (result.patch !== undefined) this.url = new URL(result.patch, this.url);
    return result;
  }

  private merge(diff: Diff): { reply?: unknown } {
    const result = this.rendered.merge(diff);
    this.lastDiff = diff;
    this.lastDiffBytes = Buffer.byteLength(JSON.stringify(diff));
    if (result.title !== undefined) this.title = result.title;
    this.pushedEvents.push(...result.events);
    const rendered = this.rendered;
    const components = () => new Map(result.components.map((cid) => [cid, rendered.componentHTML(cid)]));
    this.page.update(rendered.toString(), rendered.takeStreams() as StreamOp[], components);
    this.leaveRemoved();
    return result;
  }

  /** Nested views whose container this render removed leave, as the browser's do. */
  private leaveRemoved(): void {
    const main = this.main;
    for (const view of main.nested.values()) {
      if (view.parent !== this || this.page.read().querySelector(`[id=${JSON.stringify(view.id)}]`)) continue;
      main.nested.delete(view.topic);
      view.left = true;
      if (!this.client.closed) void this.client.request(view.topic, "phx_leave", {}, view.joinRef);
    }
  }

  private onPush(frame: Frame): void {
    const [, , topic, event, payload] = frame;
    if (topic !== this.topic) {
      if (!this.parent) this.nested.get(topic)?.onPush(frame);
      return;
    }
    switch (event) {
      case "diff":
        this.merge(payload as Diff);
        return;
      case "phx_error":
        this.crashed = true;
        return;
      case "live_patch":
      case "live_redirect":
      case "redirect": {
        const result = navigationOf({ [event]: payload })!;
        if (result.patch !== undefined) this.url = new URL(result.patch, this.url);
        this.navigations.push(result);
        return;
      }
    }
  }
}

function unescapeText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
