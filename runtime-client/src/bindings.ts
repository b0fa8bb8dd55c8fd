/**
 * DOM bindings: `phx-click`, `phx-click-away`, `phx-change`, `phx-submit`, `phx-keydown`/`keyup`
 * (with `phx-key`), `phx-blur`/`focus`, their `phx-window-*` forms, `phx-debounce`/`phx-throttle`,
 * `phx-mounted`, `phx-viewport-top`/`bottom` (`viewport.ts`), `phx-disable-with`, and the loading
 * classes an element wears until its reply arrives. A binding's value is an event's name or JS
 * commands (`js.ts`), whose pushes send what the binding would. One set of listeners serves
 * every view.
 */
import type { View } from "./view.js";
import { execJS, isJS, isVisible, type JSHost } from "./js.js";
import { VIEWPORT_SELECTOR, viewportScrolled, watchViewport, type ViewportPush } from "./viewport.js";

export interface BindingHost {
  /** The joined view an element belongs to. */
  viewOf(el: Element): View | null;
  /** Every view on the page (for `phx-window-*`). */
  views(): Iterable<View>;
  /** Live navigation (`JS.navigate`), and a patch of the main view (`JS.patch`). */
  navigate(href: string, replace: boolean): void;
  patch(href: string, replace: boolean): void;
}

/** The event a binding sends by itself: what a `push` command in it sends, with its options. */
interface Push {
  kind: Kind;
  els: Element[];
  type: string;
  value: Record<string, unknown> | string;
  meta?: Record<string, unknown>;
  /** Called as the push goes out (a submit locks its form); returns what to call at the reply. */
  start?: () => () => void;
}

type Kind = "click" | "change" | "submit" | "keydown" | "keyup" | "blur" | "focus" | "js";

/** Phoenix's delay for a bare `phx-debounce` or `phx-throttle`, in ms. */
const DEFAULT_RATE_MS = 300;
const rate = (value: string) => (value === "" ? DEFAULT_RATE_MS : Number(value) || 0);

/** `root` and its descendants that match `selector`. */
export const within = (root: Element, selector: string) => [...(root.matches(selector) ? [root] : []), ...root.querySelectorAll(selector)];

/** Fires `phx:page-loading-start` or `-stop` on window, with `{ kind, to }` or `{ kind, target }`. */
export function pageLoading(start: boolean, detail: Record<string, unknown>): void {
  window.dispatchEvent(new CustomEvent(`phx:page-loading-${start ? "start" : "stop"}`, { detail }));
}

/** Puts `phx-<kind>-loading` on `els`; returns what takes it off (and an emptied `class` attribute). */
export function wearLoading(kind: string, els: Element[]): () => void {
  const name = `phx-${kind}-loading`;
  for (const el of els) el.classList.add(name);
  return () => {
    for (const el of els) {
      el.classList.remove(name);
      if (el.classList.length === 0) el.removeAttribute("class");
    }
  };
}

/** What `el`'s binding of `kind` sends by itself (type: the kind). */
const pushOf = (kind: Kind, el: Element, value: Record<string, unknown>): Push => ({ kind, els: [el], type: kind, value });

/** `phx-value-*` attributes as an object: `phx-value-id="3"` → `{ id: "3" }`. */
export function valuesOf(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith("phx-value-")) out[attr.name.slice("phx-value-".length)] = attr.value;
  }
  return out;
}

/** What a click sends: the element's `phx-value-*` and its value, if it has one (an unchecked checkbox or radio has none, as Phoenix). */
function clickValue(el: Element): Record<string, unknown> {
  const value: Record<string, unknown> = valuesOf(el);
  const { value: own, type, checked } = el as HTMLInputElement;
  if (typeof own === "string" && !(el instanceof HTMLInputElement && ["checkbox", "radio"].includes(type) && !checked)) value.value = own;
  return value;
}

/** Inputs the user has typed into or changed; a submitted form's inputs all count. */
const usedInputs = new WeakSet<Element>();

/** Each form's last submitter, which a `phx-trigger-action` submit sends too. */
export const submitters = new WeakMap<HTMLFormElement, HTMLElement>();

/** Marks the inputs of a form as used (it was submitted). */
export function markUsed(form: HTMLFormElement): void {
  for (const el of form.elements) usedInputs.add(el);
}

/** `user[email]` → `user[_unused_email]`, `email` → `_unused_email`: Phoenix's marker names. */
function unusedName(name: string): string {
  const open = name.lastIndexOf("[");
  if (open < 0 || !name.endsWith("]")) return `_unused_${name}`;
  return `${name.slice(0, open + 1)}_unused_${name.slice(open + 1)}`;
}

/**
 * A form as the URL-encoded string Phoenix sends: its fields (files aside), the submitter's name
 * and value where it stands, and before a field the user has not touched yet an `_unused_`
 * marker (so the server shows errors only for fields that were used), unless the field is
 * hidden, is the submitter, or it or the form has `phx-no-unused-field`.
 */
export function serializeForm(form: HTMLFormElement, submitter?: HTMLElement | null): string {
  const data = formData(form, submitter);
  const skip = form.hasAttribute("phx-no-unused-field");
  // Names with an input the user used, and names with an input that is not hidden.
  const used = new Set<string>();
  const shown = new Set<string>();
  for (const el of form.elements) {
    const { name, type } = el as HTMLInputElement;
    if (usedInputs.has(el) || el.hasAttribute("phx-no-unused-field")) used.add(name);
    if (type !== "hidden") shown.add(name);
  }
  const params = new URLSearchParams();
  for (const [key, value] of data) {
    if (typeof value !== "string") continue;
    if (!skip && shown.has(key) && !used.has(key) && (submitter as HTMLButtonElement | undefined)?.name !== key) params.append(unusedName(key), "");
    params.append(key, value);
  }
  return params.toString();
}

/**
 * The form's entries, the submitter's among them: where it stands when it is a submit button,
 * last otherwise (a button that dispatches "change").
 */
function formData(form: HTMLFormElement, submitter?: HTMLElement | null): FormData {
  try {
    return new FormData(form, submitter);
  } catch {
    const data = new FormData(form);
    const { name, value } = submitter as HTMLButtonElement;
    if (name) data.append(name, value);
    return data;
  }
}

/**
 * Rate limits per element and binding: `phx-debounce="300"` waits for a pause (or, with "blur",
 * for the element to lose focus); `phx-throttle="300"` sends the first event at once and drops
 * the others of the period, as Phoenix (a keydown of another key than the last goes at once).
 */
class RateLimits {
  readonly #state = new WeakMap<
    Element,
    Map<string, { timer?: ReturnType<typeof setTimeout>; run: (() => void) | null; until: number; pressed?: string }>
  >();

  /** `pressed`: a keydown's key. */
  run(el: Element, key: string, action: () => void, pressed?: string): void {
    const debounce = el.getAttribute("phx-debounce");
    const throttle = el.getAttribute("phx-throttle");
    if (debounce === null && throttle === null) return action();
    let forEl = this.#state.get(el);
    if (!forEl) this.#state.set(el, (forEl = new Map()));
    const e = forEl.get(key) ?? { run: null, until: 0 };
    forEl.set(key, e);
    e.run = action;
    if (debounce !== null) {
      clearTimeout(e.timer);
      if (debounce !== "blur") e.timer = setTimeout(() => this.flush(el, key), rate(debounce));
      return;
    }
    e.run = null;
    const newKey = pressed !== undefined && pressed !== e.pressed;
    if (pressed !== undefined) e.pressed = pressed;
    const now = Date.now();
    if (now < e.until && !newKey) return;
    e.until = now + rate(throttle!);
    action();
  }

  /**
   * Sends what a debounce holds now (blur), or with `drop` forgets it (a submit of its form);
   * either ends a throttle's period, as Phoenix.
   */
  flush(el: Element, key?: string, drop = false): void {
    for (const [k, e] of this.#state.get(el) ?? []) {
      if (key !== undefined && k !== key) continue;
      e.until = 0;
      clearTimeout(e.timer);
      e.timer = undefined;
      const pending = e.run;
      e.run = null;
      if (!drop) pending?.();
    }
  }
}

/**
 * `phx-target`: a component id (`phx-target={myself}`), or a selector whose element's component
 * gets the event. Without it, or without a component there, the view gets it.
 */
export function targetComponent(el: Element, given?: string | number, scope: ParentNode = document): number | undefined {
  const source = el.closest("[phx-target]") === el ? el : (el.closest("form") ?? el);
  const target = given !== undefined ? String(given) : (source.getAttribute("phx-target") ?? el.getAttribute("phx-target"));
  if (target === null) return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const cid = scope.querySelector(target)?.closest("[data-phx-component]")?.getAttribute("data-phx-component");
  return cid ? Number(cid) : undefined;
}

const LOCKED = "data-phx-locked";
/** What a `phx-disable-with` element showed before its event went out. */
const RESTORE = "data-phx-disable-with-restore";

/** Whether a button or input was disabled (or read-only) before its form's event: Phoenix's markers. */
const WAS_DISABLED = "data-phx-disabled";
const WAS_READONLY = "data-phx-readonly";

/**
 * `phx-disable-with`: while its event is in flight the element is disabled and its content is
 * that text (as Phoenix, an `<input>`'s value stays), kept through patches meanwhile
 * ({@link keepBusy}). Pushes the undo onto `undo`.
 */
function disableWith(el: Element, undo: (() => void)[]): void {
  const text = el.getAttribute("phx-disable-with");
  if (text === null || el.hasAttribute(RESTORE)) return;
  const was = el.hasAttribute("disabled");
  el.setAttribute(RESTORE, el.innerHTML);
  if (text) el.textContent = text;
  el.setAttribute(WAS_DISABLED, el.getAttribute(WAS_DISABLED) || String(was));
  el.setAttribute("disabled", "");
  undo.push(() => {
    el.innerHTML = el.getAttribute(RESTORE)!;
    el.removeAttribute(RESTORE);
    el.removeAttribute(WAS_DISABLED);
    if (!was) el.removeAttribute("disabled");
  });
}

/** Before a patch merges `to` into a busy `from`: `to` stays busy, and its content is what the undo restores. */
export function keepBusy(from: Element, to: Element): void {
  if (!from.hasAttribute(RESTORE)) return;
  to.setAttribute(RESTORE, to.innerHTML);
  to.innerHTML = from.innerHTML;
  to.setAttribute("disabled", "");
}

/**
 * While a submit is in flight its form is locked: inputs read-only, buttons disabled, each
 * marked with what it was (`data-phx-readonly`, `data-phx-disabled`), as Phoenix. Returns the unlock.
 */
function lockForm(form: HTMLFormElement): () => void {
  form.setAttribute(LOCKED, "");
  const restore: (() => void)[] = [];
  const hold = (el: Element, attr: string, marker: string, was: boolean) => {
    el.setAttribute(marker, String(was));
    el.setAttribute(attr, "");
    restore.push(() => {
      el.removeAttribute(marker);
      if (was) el.setAttribute(attr, "");
      else el.removeAttribute(attr);
    });
  };
  for (const el of form.elements) {
    if (el instanceof HTMLButtonElement || (el instanceof HTMLInputElement && ["submit", "button"].includes(el.type))) hold(el, "disabled", WAS_DISABLED, el.disabled);
    else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) hold(el, "readonly", WAS_READONLY, el.readOnly);
  }
  return () => {
    form.removeAttribute(LOCKED);
    for (const undo of restore) undo();
  };
}

export class Bindings {
  readonly #limits = new RateLimits();
  readonly #listeners: [EventTarget, string, EventListener, boolean][] = [];
  /** Elements whose `phx-mounted` has run (once per element, as Phoenix). */
  readonly #mountedEls = new WeakSet<Element>();
  /** A viewport binding's event, as Phoenix sends it: type "js", with the element's `phx-value-*`. */
  readonly #viewportPush: ViewportPush = (el, event, value, done) => {
    const view = this.#host.viewOf(el);
    if (view) this.#send(view, "js", [el], "js", event, { ...valuesOf(el), ...value }, undefined, done);
  };
  /** Where the last mouse press started: a click that began inside an element is no click away. */
  #downAt: EventTarget | null = null;

  readonly #host: BindingHost;

  constructor(host: BindingHost) {
    this.#host = host;
  }

  install(): void {
    this.#listen(document, "mousedown", (e) => (this.#downAt = e.target));
    this.#listen(document, "scroll", (e) => viewportScrolled(e.target), true);
    this.#listen(document, "click", (e) => this.#onClick(e as MouseEvent));
    this.#listen(document, "input", (e) => this.#onInput(e, "input"));
    this.#listen(document, "change", (e) => this.#onInput(e, "change"));
    this.#listen(document, "submit", (e) => this.#onSubmit(e as SubmitEvent));
    for (const kind of ["keydown", "keyup"] as const) {
      this.#listen(document, kind, (e) => this.#onKey(e as KeyboardEvent, kind));
      this.#listen(window, kind, (e) => this.#onWindow(e, kind));
    }
    this.#listen(document, "focusin", (e) => this.#onFocusChange(e, "focus"), true);
    this.#listen(document, "focusout", (e) => this.#onFocusChange(e, "blur"), true);
    this.#listen(window, "focus", (e) => e.target === window && this.#onWindow(e, "focus"));
    this.#listen(window, "blur", (e) => e.target === window && this.#onWindow(e, "blur"));
  }

  uninstall(): void {
    for (const [target, type, listener, capture] of this.#listeners) target.removeEventListener(type, listener, capture);
    this.#listeners.length = 0;
  }

  #listen(target: EventTarget, type: string, listener: (e: Event) => unknown, capture = false): void {
    const wrapped = (e: Event) => void listener(e);
    target.addEventListener(type, wrapped, capture);
    this.#listeners.push([target, type, wrapped, capture]);
  }

  /**
   * Sends the event and wears `phx-<kind>-loading` on `els` until the reply. `cid`: the
   * component it goes to (the element's `phx-target` by default).
   */
  #send(view: View, kind: Kind, els: Element[], type: string, event: string, value: unknown, meta?: Record<string, unknown>, done?: () => void, cid = targetComponent(els[0]!)): void {
    const unwear = wearLoading(kind, els);
    const undo: (() => void)[] = [];
    for (const el of els) disableWith(el, undo);
    const submitted = kind === "submit" && els[0] instanceof HTMLFormElement ? els[0] : null;
    const finish = () => {
      for (const fn of undo) fn();
      done?.();
    };
    // Unlocked before the reply's diff is applied, so the submitted form takes the server's values.
    void view.pushEvent(type, event, value, meta, submitted, cid, finish).finally(unwear);
  }

  /** Sends a binding's event, or runs its JS commands (whose pushes send what `push` says). */
  #fire(view: View, binding: string, push: Push): void {
    if (!isJS(binding)) {
      const done = push.start?.();
      return this.#send(view, push.kind, push.els, push.type, binding, push.value, push.meta, done);
    }
    execJS(push.els[0]!, binding, this.#jsHost(view, push), push.kind);
  }

  /** Runs JS commands for `el` outside a binding of the user's (`phx-remove`, `liveSocket.execJS`). */
  exec(view: View, el: Element, encoded: string, type: string): void {
    execJS(el, encoded, this.#jsHost(view, null), type);
  }

  /**
   * Elements that entered the page (a join's whole view, a patch's new elements): each one's
   * `phx-mounted` commands run once, in the view it belongs to, and viewport bindings start watching.
   */
  mounted(view: View, root: Element): void {
    for (const el of within(root, "[phx-mounted]")) {
      const encoded = el.getAttribute("phx-mounted");
      // A nested view's elements are its own.
      if (this.#mountedEls.has(el) || !isJS(encoded) || el.closest("[data-phx-session]") !== view.el) continue;
      this.#mountedEls.add(el);
      this.exec(view, el, encoded, "mounted");
    }
    for (const el of within(root, VIEWPORT_SELECTOR)) watchViewport(el, this.#viewportPush);
  }

  #jsHost(view: View, base: Push | null): JSHost {
    return {
      view,
      exec: (el, encoded, type) => this.exec(view, el, encoded, type),
      navigate: (href, replace) => this.#host.navigate(href, replace),
      patch: (href, replace) => this.#host.patch(href, replace),
      push: (source, args) => {
        const push = base ?? pushOf("click", source, clickValue(source));
        const extra = (args.value ?? {}) as Record<string, unknown>;
        // A form's push carries its values in `meta`, which the server merges over the fields.
        const form = typeof push.value === "string";
        const value = form ? push.value : { ...(push.value as Record<string, unknown>), ...extra };
        const meta = form ? { ...push.meta, ...extra } : push.meta;
        const els = [...push.els, ...(args.loading ? document.querySelectorAll(args.loading as string) : [])];
        const done = push.start?.();
        const detail = { kind: "element", target: source };
        if (args.page_loading) pageLoading(true, detail);
        const finish = () => {
          done?.();
          if (args.page_loading) pageLoading(false, detail);
        };
        const event = typeof args.event === "string" ? args.event : "";
        this.#send(view, push.kind, els, push.type, event, value, meta, finish, targetComponent(push.els[0]!, args.target as string | number | undefined));
      },
    };
  }

  #onClick(e: MouseEvent): void {
    // A click from the keyboard or from code (detail 0) had no mouse press of its own.
    const start = (e.detail === 0 ? null : this.#downAt) ?? e.target;
    this.#downAt = null;
    if (start instanceof Element) this.#clickAway(start);
    const target = e.target instanceof Element ? e.target.closest("[phx-click]") : null;
    if (!target) return;
    const view = this.#host.viewOf(target);
    if (!view) return;
    const event = target.getAttribute("phx-click")!;
    if (target instanceof HTMLAnchorElement) e.preventDefault();
    const value = clickValue(target);
    this.#limits.run(target, "click", () => this.#fire(view, event, pushOf("click", target, value)));
  }

  /**
   * `phx-click-away`: every visible element on screen that the click did not start in sends its
   * event (none when the click started on a hidden element, as a script's click on a form does).
   */
  #clickAway(start: Element): void {
    if (!isVisible(start)) return;
    for (const el of document.querySelectorAll("[phx-click-away]")) {
      const view = el.contains(start) ? null : this.#host.viewOf(el);
      const rect = el.getBoundingClientRect();
      if (!view || !isVisible(el) || rect.right <= 0 || rect.bottom <= 0 || rect.left >= innerWidth || rect.top >= innerHeight) continue;
      this.#fire(view, el.getAttribute("phx-click-away")!, pushOf("click", el, clickValue(el)));
    }
  }

  #onInput(e: Event, type: "input" | "change"): void {
    const input = e.target;
    // A button that dispatches "change" (an "add more" of a list of inputs) sends its form with itself in it.
    const button = input instanceof HTMLButtonElement ? input : null;
    if (!(input instanceof HTMLButtonElement || input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement || input instanceof HTMLSelectElement)) return;
    // Text-like inputs report on "input"; checkboxes, radios, selects, files and buttons on "change".
    const onChange = button !== null || input instanceof HTMLSelectElement || ["checkbox", "radio", "file"].includes((input as HTMLInputElement).type);
    if ((type === "change") !== onChange) return;
    const form = input.form;
    const event = input.getAttribute("phx-change") ?? form?.getAttribute("phx-change");
    if (!event || !form) return;
    usedInputs.add(input);
    const view = this.#host.viewOf(form);
    if (!view) return;
    this.#limits.run(input, "change", () =>
      this.#fire(view, event, { kind: "change", els: [input, form], type: "form", value: serializeForm(form, button), meta: { _target: input.name || "undefined" } }),
    );
  }

  #onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const event = form.getAttribute("phx-submit");
    if (!event) return;
    const view = this.#host.viewOf(form);
    if (!view) return;
    e.preventDefault();
    // A locked form (its submit in flight) sends nothing more until the reply.
    if (form.hasAttribute(LOCKED)) return;
    for (const el of form.elements) this.#limits.flush(el, undefined, true);
    markUsed(form);
    const value = serializeForm(form, e.submitter);
    if (e.submitter) submitters.set(form, e.submitter);
    // The submitter wears the loading class and its phx-disable-with too.
    const els = e.submitter ? [form, e.submitter] : [form];
    this.#fire(view, event, { kind: "submit", els, type: "form", value, start: () => lockForm(form) });
  }

  #keyValue(e: KeyboardEvent, el: Element): Record<string, unknown> | null {
    const wanted = el.getAttribute("phx-key");
    if (wanted && wanted.toLowerCase() !== e.key?.toLowerCase()) return null;
    const value: Record<string, unknown> = { key: e.key, ...valuesOf(el) };
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) value.value = el.value;
    return value;
  }

  #onKey(e: KeyboardEvent, kind: "keydown" | "keyup"): void {
    const el = e.target instanceof Element ? e.target.closest(`[phx-${kind}]`) : null;
    if (!el) return;
    const view = this.#host.viewOf(el);
    const value = view && this.#keyValue(e, el);
    if (!view || !value) return;
    this.#limits.run(el, kind, () => this.#fire(view, el.getAttribute(`phx-${kind}`)!, pushOf(kind, el, value)), kind === "keydown" ? e.key : undefined);
  }

  #onFocusChange(e: Event, kind: "blur" | "focus"): void {
    const el = e.target;
    if (!(el instanceof Element)) return;
    // A debounce="blur" input sends what it was waiting for when it loses focus.
    if (kind === "blur") this.#limits.flush(el);
    const event = el.getAttribute(`phx-${kind}`);
    const view = event && this.#host.viewOf(el);
    if (!view || !event) return;
    const value: Record<string, unknown> = { ...valuesOf(el) };
    if (el instanceof HTMLInputElement) value.value = el.value;
    this.#fire(view, event, pushOf(kind, el, value));
  }

  /** `phx-window-keydown` and friends: every element that asks, in every view. */
  #onWindow(e: Event, kind: "keydown" | "keyup" | "blur" | "focus"): void {
    const attr = `phx-window-${kind}`;
    // A key event on an element with its own binding for it is that element's alone, as Phoenix.
    if (e instanceof KeyboardEvent && e.target instanceof Element && e.target.hasAttribute(`phx-${kind}`)) return;
    for (const view of this.#host.views()) {
      for (const el of view.el.querySelectorAll(`[${attr}]`)) {
        // An element inside a nested view is that view's (its own turn of this loop).
        if (el.closest("[data-phx-session]") !== view.el) continue;
        const value = e instanceof KeyboardEvent ? this.#keyValue(e, el) : { ...valuesOf(el) };
        if (!value) continue;
        this.#limits.run(el, attr, () => this.#fire(view, el.getAttribute(attr)!, pushOf(kind, el, value)), kind === "keydown" ? (e as KeyboardEvent).key : undefined);
      }
    }
  }
}
