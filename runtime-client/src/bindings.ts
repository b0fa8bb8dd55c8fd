/**
 * DOM bindings: `phx-click`, `phx-change`, `phx-submit`, `phx-keydown`/`keyup` (with `phx-key`),
 * `phx-blur`/`focus`, their `phx-window-*` forms, `phx-debounce`/`phx-throttle`, and the loading
 * classes an element wears until its reply arrives. A binding's value is an event's name or JS
 * commands (`js.ts`), whose pushes send what the binding would. One set of listeners serves
 * every view.
 */
import type { View } from "./view.js";
import { execJS, isJS, type JSHost } from "./js.js";

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

type Kind = "click" | "change" | "submit" | "keydown" | "keyup" | "blur" | "focus";

/** `phx-value-*` attributes as an object: `phx-value-id="3"` → `{ id: "3" }`. */
export function valuesOf(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith("phx-value-")) out[attr.name.slice("phx-value-".length)] = attr.value;
  }
  return out;
}

/** What a click sends: the element's `phx-value-*` and its value, if it has one. */
function clickValue(el: Element): Record<string, unknown> {
  const value: Record<string, unknown> = valuesOf(el);
  if ("value" in el && typeof (el as HTMLInputElement).value === "string") value.value = (el as HTMLInputElement).value;
  return value;
}

/** Inputs the user has typed into or changed; a submitted form's inputs all count. */
const usedInputs = new WeakSet<Element>();

/** Marks the inputs of a form as used (it was submitted). */
export function markUsed(form: HTMLFormElement): void {
  for (const el of Array.from(form.elements)) usedInputs.add(el);
}

/** `user[email]` → `user[_unused_email]`, `email` → `_unused_email`: Phoenix's marker names. */
function unusedName(name: string): string {
  const open = name.lastIndexOf("[");
  if (open < 0 || !name.endsWith("]")) return `_unused_${name}`;
  return `${name.slice(0, open + 1)}_unused_${name.slice(open + 1)}`;
}

/**
 * A form as the URL-encoded string Phoenix sends: its fields, the submitter's name and value,
 * and an `_unused_` marker for each field the user has not touched yet (so the server shows
 * errors only for fields that were used).
 */
export function serializeForm(form: HTMLFormElement, submitter?: HTMLElement | null): string {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const [key, value] of data) if (typeof value === "string") params.append(key, value);
  if (submitter instanceof HTMLButtonElement && submitter.name) params.append(submitter.name, submitter.value);
  const unused = new Set<string>();
  for (const el of Array.from(form.elements)) {
    const name = (el as HTMLInputElement).name;
    if (!name || usedInputs.has(el) || (el as HTMLInputElement).type === "hidden" || el instanceof HTMLButtonElement) continue;
    unused.add(name);
  }
  for (const el of Array.from(form.elements)) {
    const name = (el as HTMLInputElement).name;
    if (name && usedInputs.has(el)) unused.delete(name);
  }
  for (const name of unused) params.append(unusedName(name), "");
  return params.toString();
}

/**
 * Rate limits per element and binding: `phx-debounce="300"` waits for a pause (or, with "blur",
 * for the element to lose focus); `phx-throttle="300"` sends at most once per period.
 */
class RateLimits {
  private readonly state = new WeakMap<Element, Map<string, { timer: ReturnType<typeof setTimeout> | null; run: (() => void) | null; last: number }>>();

  run(el: Element, key: string, action: () => void): void {
    const debounce = el.getAttribute("phx-debounce");
    const throttle = el.getAttribute("phx-throttle");
    if (debounce === null && throttle === null) return action();
    let forEl = this.state.get(el);
    if (!forEl) this.state.set(el, (forEl = new Map()));
    let entry = forEl.get(key);
    if (!entry) forEl.set(key, (entry = { timer: null, run: null, last: 0 }));
    const e = entry;
    if (debounce !== null) {
      if (e.timer) clearTimeout(e.timer);
      e.run = action;
      if (debounce === "blur") return;
      e.timer = setTimeout(() => this.flush(el, key), Number(debounce) || 0);
      return;
    }
    const period = Number(throttle) || 0;
    const now = Date.now();
    if (now - e.last >= period) {
      e.last = now;
      action();
    } else {
      e.run = action;
      e.timer ??= setTimeout(() => {
        e.timer = null;
        e.last = Date.now();
        const pending = e.run;
        e.run = null;
        pending?.();
      }, period - (now - e.last));
    }
  }

  /** Sends a waiting debounced action now (blur, submit). */
  flush(el: Element, key?: string): void {
    const forEl = this.state.get(el);
    if (!forEl) return;
    for (const [k, e] of forEl) {
      if (key !== undefined && k !== key) continue;
      if (e.timer) clearTimeout(e.timer);
      e.timer = null;
      const pending = e.run;
      e.run = null;
      pending?.();
    }
  }

  /** Drops what waits for the elements of a form that is being submitted. */
  cancelWithin(form: HTMLFormElement): void {
    for (const el of Array.from(form.elements)) {
      const forEl = this.state.get(el);
      if (!forEl) continue;
      for (const e of forEl.values()) {
        if (e.timer) clearTimeout(e.timer);
        e.timer = null;
        e.run = null;
      }
    }
  }
}

/**
 * `phx-target`: a component id (`phx-target={myself}`), or a selector whose element's component
 * gets the event. Without it, or without a component there, the view gets it.
 */
export function targetComponent(el: Element, given?: string | number): number | undefined {
  const source = el.closest("[phx-target]") === el ? el : (el.closest("form") ?? el);
  const target = given !== undefined ? String(given) : (source.getAttribute("phx-target") ?? el.getAttribute("phx-target"));
  if (target === null) return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const cid = document.querySelector(target)?.closest("[data-phx-component]")?.getAttribute("data-phx-component");
  return cid ? Number(cid) : undefined;
}

const LOCKED = "data-phx-locked";

/**
 * While a submit is in flight its form is locked: inputs read-only, buttons disabled, and
 * `phx-disable-with` buttons show their "busy" label. Returns the unlock.
 */
function lockForm(form: HTMLFormElement): () => void {
  form.setAttribute(LOCKED, "");
  const restore: (() => void)[] = [];
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLButtonElement || (el instanceof HTMLInputElement && ["submit", "button"].includes(el.type))) {
      const wasDisabled = el.disabled;
      el.disabled = true;
      const busy = el.getAttribute("phx-disable-with");
      if (busy !== null) {
        const label = el instanceof HTMLInputElement ? el.value : el.innerHTML;
        if (el instanceof HTMLInputElement) el.value = busy;
        else el.textContent = busy;
        restore.push(() => {
          if (el instanceof HTMLInputElement) el.value = label;
          else el.innerHTML = label;
        });
      }
      restore.push(() => (el.disabled = wasDisabled));
    } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const wasReadOnly = el.readOnly;
      el.readOnly = true;
      restore.push(() => (el.readOnly = wasReadOnly));
    }
  }
  return () => {
    form.removeAttribute(LOCKED);
    for (const undo of restore) undo();
  };
}

export class Bindings {
  private readonly limits = new RateLimits();
  private readonly listeners: [EventTarget, string, EventListener, boolean][] = [];

  constructor(private readonly host: BindingHost) {}

  install(): void {
    this.listen(document, "click", (e) => this.onClick(e as MouseEvent));
    this.listen(document, "input", (e) => this.onInput(e, "input"));
    this.listen(document, "change", (e) => this.onInput(e, "change"));
    this.listen(document, "submit", (e) => this.onSubmit(e as SubmitEvent));
    for (const kind of ["keydown", "keyup"] as const) {
      this.listen(document, kind, (e) => this.onKey(e as KeyboardEvent, kind));
      this.listen(window, kind, (e) => this.onWindow(e, kind));
    }
    this.listen(document, "focusin", (e) => this.onFocusChange(e, "focus"), true);
    this.listen(document, "focusout", (e) => this.onFocusChange(e, "blur"), true);
    this.listen(window, "focus", (e) => e.target === window && this.onWindow(e, "focus"));
    this.listen(window, "blur", (e) => e.target === window && this.onWindow(e, "blur"));
  }

  uninstall(): void {
    for (const [target, type, listener, capture] of this.listeners) target.removeEventListener(type, listener, capture);
    this.listeners.length = 0;
  }

  private listen(target: EventTarget, type: string, listener: (e: Event) => unknown, capture = false): void {
    const wrapped = (e: Event) => void listener(e);
    target.addEventListener(type, wrapped, capture);
    this.listeners.push([target, type, wrapped, capture]);
  }

  /**
   * Sends the event and wears `phx-<kind>-loading` on `els` until the reply. `cid`: the
   * component it goes to (the element's `phx-target` by default).
   */
  private send(view: View, kind: Kind, els: Element[], type: string, event: string, value: unknown, meta?: Record<string, unknown>, done?: () => void, cid = targetComponent(els[0]!)): void {
    const loading = `phx-${kind}-loading`;
    for (const el of els) el.classList.add(loading);
    const submitted = kind === "submit" && els[0] instanceof HTMLFormElement ? els[0] : null;
    // Unlocked before the reply's diff is applied, so the submitted form takes the server's values.
    void view.pushEvent(type, event, value, meta, submitted, cid, done).finally(() => {
      for (const el of els) {
        el.classList.remove(loading);
        if (el.classList.length === 0) el.removeAttribute("class");
      }
    });
  }

  /** Sends a binding's event, or runs its JS commands (whose pushes send what `push` says). */
  private fire(view: View, binding: string, push: Push): void {
    if (!isJS(binding)) {
      const done = push.start?.();
      return this.send(view, push.kind, push.els, push.type, binding, push.value, push.meta, done);
    }
    execJS(push.els[0]!, binding, this.jsHost(view, push), push.kind);
  }

  /** Runs JS commands for `el` outside a binding of the user's (`phx-remove`, `liveSocket.execJS`). */
  exec(view: View, el: Element, encoded: string, type: string): void {
    execJS(el, encoded, this.jsHost(view, null), type);
  }

  private jsHost(view: View, base: Push | null): JSHost {
    return {
      exec: (el, encoded, type) => this.exec(view, el, encoded, type),
      navigate: (href, replace) => this.host.navigate(href, replace),
      patch: (href, replace) => this.host.patch(href, replace),
      push: (source, args) => {
        const push = base ?? { kind: "click", els: [source], type: "click", value: clickValue(source) };
        const extra = (args.value ?? {}) as Record<string, unknown>;
        // A form's push carries its values in `meta`, which the server merges over the fields.
        const form = typeof push.value === "string";
        const value = form ? push.value : { ...(push.value as Record<string, unknown>), ...extra };
        const meta = form ? { ...push.meta, ...extra } : push.meta;
        const els = [...push.els, ...(args.loading ? Array.from(document.querySelectorAll(args.loading as string)) : [])];
        const done = push.start?.();
        const detail = { kind: "element", target: source };
        if (args.page_loading) window.dispatchEvent(new CustomEvent("phx:page-loading-start", { detail }));
        const finish = () => {
          done?.();
          if (args.page_loading) window.dispatchEvent(new CustomEvent("phx:page-loading-stop", { detail }));
        };
        const event = typeof args.event === "string" ? args.event : "";
        this.send(view, push.kind, els, push.type, event, value, meta, finish, targetComponent(push.els[0]!, args.target as string | number | undefined));
      },
    };
  }

  private onClick(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target.closest("[phx-click]") : null;
    if (!target) return;
    const view = this.host.viewOf(target);
    if (!view) return;
    const event = target.getAttribute("phx-click")!;
    if (target instanceof HTMLAnchorElement) e.preventDefault();
    const value = clickValue(target);
    this.limits.run(target, "click", () => this.fire(view, event, { kind: "click", els: [target], type: "click", value }));
  }

  private onInput(e: Event, type: "input" | "change"): void {
    const input = e.target;
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement || input instanceof HTMLSelectElement)) return;
    // Text-like inputs report on "input"; checkboxes, radios, selects and files on "change".
    const onChange = input instanceof HTMLSelectElement || ["checkbox", "radio", "file"].includes((input as HTMLInputElement).type);
    if ((type === "change") !== onChange) return;
    const form = input.form;
    const event = input.getAttribute("phx-change") ?? form?.getAttribute("phx-change");
    if (!event || !form) return;
    usedInputs.add(input);
    const view = this.host.viewOf(form);
    if (!view) return;
    this.limits.run(input, "change", () =>
      this.fire(view, event, { kind: "change", els: [input, form], type: "form", value: serializeForm(form), meta: { _target: input.name || "undefined" } }),
    );
  }

  private onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const event = form.getAttribute("phx-submit");
    if (!event) return;
    const view = this.host.viewOf(form);
    if (!view) return;
    e.preventDefault();
    // A locked form (its submit in flight) sends nothing more until the reply.
    if (form.hasAttribute(LOCKED)) return;
    this.limits.cancelWithin(form);
    markUsed(form);
    const value = serializeForm(form, e.submitter);
    this.fire(view, event, { kind: "submit", els: [form], type: "form", value, start: () => lockForm(form) });
  }

  private keyValue(e: KeyboardEvent, el: Element): Record<string, unknown> | null {
    const wanted = el.getAttribute("phx-key");
    if (wanted && wanted.toLowerCase() !== e.key?.toLowerCase()) return null;
    const value: Record<string, unknown> = { key: e.key, ...valuesOf(el) };
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) value.value = el.value;
    return value;
  }

  private onKey(e: KeyboardEvent, kind: "keydown" | "keyup"): void {
    const el = e.target instanceof Element ? e.target.closest(`[phx-${kind}]`) : null;
    if (!el) return;
    const view = this.host.viewOf(el);
    const value = view && this.keyValue(e, el);
    if (!view || !value) return;
    this.limits.run(el, kind, () => this.fire(view, el.getAttribute(`phx-${kind}`)!, { kind, els: [el], type: kind, value }));
  }

  private onFocusChange(e: Event, kind: "blur" | "focus"): void {
    const el = e.target;
    if (!(el instanceof Element)) return;
    // A debounce="blur" input sends what it was waiting for when it loses focus.
    if (kind === "blur") this.limits.flush(el);
    const event = el.getAttribute(`phx-${kind}`);
    const view = event && this.host.viewOf(el);
    if (!view || !event) return;
    const value: Record<string, unknown> = { ...valuesOf(el) };
    if (el instanceof HTMLInputElement) value.value = el.value;
    this.fire(view, event, { kind, els: [el], type: kind, value });
  }

  /** `phx-window-keydown` and friends: every element that asks, in every view. */
  private onWindow(e: Event, kind: "keydown" | "keyup" | "blur" | "focus"): void {
    const attr = `phx-window-${kind}`;
    for (const view of this.host.views()) {
      for (const el of Array.from(view.el.querySelectorAll(`[${attr}]`))) {
        const value = e instanceof KeyboardEvent ? this.keyValue(e, el) : { ...valuesOf(el) };
        if (!value) continue;
        this.limits.run(el, attr, () => this.fire(view, el.getAttribute(attr)!, { kind, els: [el], type: kind, value }));
      }
    }
  }
}
