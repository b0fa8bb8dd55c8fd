/**
 * JS commands: what the client does with an element on an event, without a round trip or
 * beside one: show, hide or toggle it (with transition classes), add or remove classes and
 * attributes, dispatch a DOM event, move focus, navigate, or push an event with extra values.
 *
 * `JS` is the empty command list; every method returns a new list with one more command, so
 * calls chain: `JS.push("close").hide({ to: "#modal", transition: "fade-out" })`. A list renders
 * as the JSON array Phoenix LiveView 1.2 renders (`[["push",{"event":"close"}],["hide",…]]`),
 * which both its client and ours execute; in an attribute it is escaped like any value, and
 * `JSON.stringify` gives the same array (for a `pushEvent` payload).
 *
 * Every list is frozen through (values and details are copied) and no method changes the list it
 * is called on: a command is a function of its receiver and arguments alone, which is what lets
 * the compiler track a slot that builds one like any other expression.
 */
import type { EventName } from "./jsx-types/bindings.js";

/**
 * The elements a command acts on: a selector over the document, or one scoped to the element
 * the command runs for (`{ inner: ".menu" }` below it, `{ closest: ".card" }` above it).
 * Without it, the command acts on that element itself.
 */
export type JSTarget = string | { inner: string } | { closest: string } | { document: string };

/**
 * Transition classes: the classes worn for the whole transition (`"fade-out"`), or three lists
 * as Tailwind writes them: `["ease-out duration-300", "opacity-0", "opacity-100"]` (worn
 * throughout, at the start, at the end).
 */
export type JSTransition = string | readonly [transition: string, start: string, end: string];

interface Timed {
  /** How long the transition classes stay, in milliseconds. @default 200 (the client's) */
  time?: number;
  /** Whether the page waits for the transition before applying server patches. @default true */
  blocking?: boolean;
}

export interface JSPushOptions {
  /** Values sent with the event, over the element's `phx-value-*` ones. */
  value?: Record<string, unknown>;
  /** A live component's id (`myself`) or a selector whose element's component gets the event. */
  target?: number | string;
  /** A selector: the elements that wear the loading class until the reply arrives. */
  loading?: string;
  /** The page-loading events (`phx:page-loading-start`/`stop`) frame the push. @default false */
  pageLoading?: boolean;
}

export interface JSShowOptions extends Timed {
  to?: JSTarget;
  /** Classes worn while the element appears. */
  transition?: JSTransition;
  /** The `display` it is shown with. @default "block" ("table-row", "table-cell" for tr and td) */
  display?: string;
}

export interface JSHideOptions extends Timed {
  to?: JSTarget;
  /** Classes worn while the element disappears. */
  transition?: JSTransition;
}

export interface JSToggleOptions extends Timed {
  to?: JSTarget;
  /** Classes worn while the element appears. */
  in?: JSTransition;
  /** Classes worn while the element disappears. */
  out?: JSTransition;
  /** The `display` it is shown with. @default "block" */
  display?: string;
}

export interface JSClassOptions extends Timed {
  to?: JSTarget;
  /** Classes worn while the change happens. */
  transition?: JSTransition;
}

export interface JSTransitionOptions extends Timed {
  to?: JSTarget;
}

export interface JSDispatchOptions {
  to?: JSTarget;
  /** The event's `detail` (not allowed for `"click"`, which browsers give a number). */
  detail?: Record<string, unknown>;
  /** @default true */
  bubbles?: boolean;
  /** The page waits until a listener calls `event.detail.done()`. @default false */
  blocking?: boolean;
}

export interface JSNavigateOptions {
  /** Replace the current history entry instead of pushing one. @default false */
  replace?: boolean;
}

export interface JSToOptions {
  to?: JSTarget;
}

/** One encoded command: its kind and its arguments. */
export type JSOp = readonly [kind: string, args: Readonly<Record<string, unknown>>];

declare const PUSHED: unique symbol;

/**
 * A JS command list. `Events` are the names it pushes, so that a binding can say which it
 * accepts.
 */
export class JSCommands<Events extends string = never> {
  declare readonly [PUSHED]?: Events;
  readonly ops: readonly JSOp[];

  constructor(ops: readonly JSOp[] = []) {
    this.ops = Object.freeze(ops.slice());
    Object.freeze(this);
  }

  /** Sends an event to the server (as `phx-click="name"` does, with more options). */
  push<Name extends EventName>(event: Name, options: JSPushOptions = {}): JSCommands<Events | Name> {
    check("push", options, ["value", "target", "loading", "pageLoading"]);
    if (typeof event !== "string") throw new TypeError(`JS.push expects an event name, got ${JSON.stringify(event)}`);
    if (options.value !== undefined && !isRecord(options.value)) throw new TypeError(`JS.push's value must be an object, got ${JSON.stringify(options.value)}`);
    return this.add("push", { event, loading: options.loading, page_loading: options.pageLoading, target: options.target, value: copy(options.value) });
  }

  /** Shows the elements (if hidden), with `display` and optional transition classes. */
  show(options: JSShowOptions = {}): JSCommands<Events> {
    check("show", options, ["to", "transition", "display", "time", "blocking"]);
    return this.add("show", { blocking: options.blocking, display: options.display, time: options.time, to: to(options), transition: transition(options.transition) });
  }

  /** Hides the elements (if shown), with optional transition classes. */
  hide(options: JSHideOptions = {}): JSCommands<Events> {
    check("hide", options, ["to", "transition", "time", "blocking"]);
    return this.add("hide", { blocking: options.blocking, time: options.time, to: to(options), transition: transition(options.transition) });
  }

  /** Shows the hidden elements and hides the shown ones. */
  toggle(options: JSToggleOptions = {}): JSCommands<Events> {
    check("toggle", options, ["to", "in", "out", "display", "time", "blocking"]);
    return this.add("toggle", { blocking: options.blocking, display: options.display, ins: transition(options.in), outs: transition(options.out), time: options.time, to: to(options) });
  }

  /** Adds classes (space-separated); they stay through the server's patches. */
  addClass(names: string, options: JSClassOptions = {}): JSCommands<Events> {
    return this.classOp("add_class", "addClass", names, options);
  }

  /** Removes classes; they stay removed through the server's patches. */
  removeClass(names: string, options: JSClassOptions = {}): JSCommands<Events> {
    return this.classOp("remove_class", "removeClass", names, options);
  }

  /** Adds the classes an element lacks and removes those it has. */
  toggleClass(names: string, options: JSClassOptions = {}): JSCommands<Events> {
    return this.classOp("toggle_class", "toggleClass", names, options);
  }

  /** Wears transition classes for `time` milliseconds (a shake, a highlight). */
  transition(classes: JSTransition, options: JSTransitionOptions = {}): JSCommands<Events> {
    check("transition", options, ["to", "time", "blocking"]);
    return this.add("transition", { blocking: options.blocking, time: options.time, to: to(options), transition: transition(classes) });
  }

  /** Sets an attribute (`["aria-expanded", "true"]`); it stays through the server's patches. */
  setAttribute([name, value]: readonly [name: string, value: string], options: JSToOptions = {}): JSCommands<Events> {
    check("setAttribute", options, ["to"]);
    return this.add("set_attr", { attr: [name, value], to: to(options) });
  }

  /** Removes an attribute; it stays removed through the server's patches. */
  removeAttribute(name: string, options: JSToOptions = {}): JSCommands<Events> {
    check("removeAttribute", options, ["to"]);
    return this.add("remove_attr", { attr: name, to: to(options) });
  }

  /**
   * `[name, value]` sets the attribute when it is absent and removes it when present;
   * `[name, a, b]` switches it between two values.
   */
  toggleAttribute(attribute: readonly [name: string, value: string] | readonly [name: string, a: string, b: string], options: JSToOptions = {}): JSCommands<Events> {
    check("toggleAttribute", options, ["to"]);
    return this.add("toggle_attr", { attr: [...attribute], to: to(options) });
  }

  /** Attributes (a name, a list, `*` wildcards: `"data-*"`) the server's patches leave as they are. */
  ignoreAttributes(names: string | readonly string[], options: JSToOptions = {}): JSCommands<Events> {
    check("ignoreAttributes", options, ["to"]);
    return this.add("ignore_attrs", { attrs: typeof names === "string" ? [names] : [...names], to: to(options) });
  }

  /**
   * Dispatches a DOM event: a `CustomEvent` whose `detail` carries `dispatcher` (the element
   * the command ran for), or a real `MouseEvent` for `"click"`.
   */
  dispatch(event: string, options: JSDispatchOptions = {}): JSCommands<Events> {
    check("dispatch", options, ["to", "detail", "bubbles", "blocking"]);
    if (options.bubbles !== undefined && typeof options.bubbles !== "boolean") throw new TypeError(`JS.dispatch's bubbles must be a boolean, got ${JSON.stringify(options.bubbles)}`);
    if (options.detail !== undefined) {
      if (event === "click") throw new TypeError('JS.dispatch cannot give a "click" a detail: browsers make a MouseEvent\'s detail a number. Dispatch an event of your own that clicks.');
      if (!isRecord(options.detail)) throw new TypeError(`JS.dispatch's detail must be an object, got ${JSON.stringify(options.detail)}`);
      if (options.blocking && Object.hasOwn(options.detail, "done")) throw new TypeError("JS.dispatch's detail cannot have a `done` key with blocking: true (the client puts its own there)");
    }
    return this.add("dispatch", { blocking: options.blocking === true ? true : undefined, bubbles: options.bubbles, detail: copy(options.detail), event, to: to(options) });
  }

  /** Live navigation to another view of the live session (`<Link navigate>`). */
  navigate(href: string, options: JSNavigateOptions = {}): JSCommands<Events> {
    check("navigate", options, ["replace"]);
    return this.add("navigate", { href: localPath("JS.navigate", href), replace: !!options.replace });
  }

  /** A patch of this view's URL: its `handleParams` runs (`<Link patch>`). */
  patch(href: string, options: JSNavigateOptions = {}): JSCommands<Events> {
    check("patch", options, ["replace"]);
    return this.add("patch", { href: localPath("JS.patch", href), replace: !!options.replace });
  }

  /** Focuses the element. */
  focus(options: JSToOptions = {}): JSCommands<Events> {
    check("focus", options, ["to"]);
    return this.add("focus", { to: to(options) });
  }

  /** Focuses the first focusable element inside. */
  focusFirst(options: JSToOptions = {}): JSCommands<Events> {
    check("focusFirst", options, ["to"]);
    return this.add("focus_first", { to: to(options) });
  }

  /** Remembers the element, for a later `popFocus` to focus again (a modal's opener). */
  pushFocus(options: JSToOptions = {}): JSCommands<Events> {
    check("pushFocus", options, ["to"]);
    return this.add("push_focus", { to: to(options) });
  }

  /** Focuses the element the last `pushFocus` remembered. */
  popFocus(): JSCommands<Events> {
    return this.add("pop_focus", {});
  }

  /** Runs the commands another attribute holds (`JS.exec("phx-remove", { to: "#modal" })`). */
  exec(attribute: string, options: JSToOptions = {}): JSCommands<Events> {
    check("exec", options, ["to"]);
    return this.add("exec", { attr: attribute, to: to(options) });
  }

  /** These commands followed by `other`'s. */
  concat<Other extends string>(other: JSCommands<Other>): JSCommands<Events | Other> {
    return new JSCommands([...this.ops, ...other.ops]);
  }

  /** The encoded list, for `JSON.stringify` (a `pushEvent` payload). */
  toJSON(): readonly JSOp[] {
    return this.ops;
  }

  /** The encoded list as JSON: what an attribute holds. */
  toString(): string {
    return JSON.stringify(this.ops);
  }

  private classOp(kind: string, call: string, names: string, options: JSClassOptions): JSCommands<Events> {
    check(call, options, ["to", "transition", "time", "blocking"]);
    return this.add(kind, { blocking: options.blocking, names: classNames(names), time: options.time, to: to(options), transition: transition(options.transition) });
  }

  /** A new list with one more command; undefined arguments are left out, as Phoenix leaves nil ones. */
  private add(kind: string, args: Record<string, unknown>): JSCommands<Events> {
    const kept: Record<string, unknown> = {};
    // Phoenix's arguments are an Elixir map, whose keys its JSON encoding writes in sorted order.
    for (const key of Object.keys(args).sort()) if (args[key] !== undefined) kept[key] = args[key];
    return new JSCommands([...this.ops, Object.freeze([kind, freeze(kept) as Record<string, unknown>] as const)]);
  }
}

/** The empty command list, where every chain starts: `JS.show({ to: "#modal" })`. */
export const JS: JSCommands = new JSCommands();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A frozen copy of a value or detail, as JSON has it: the list never shares an object its
 * caller can still change.
 */
function copy(value: Record<string, unknown> | undefined): unknown {
  if (value === undefined) return undefined;
  return freeze(JSON.parse(JSON.stringify(value)));
}

function freeze(value: unknown): unknown {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

function check(call: string, options: object, allowed: readonly string[]): void {
  if (!isRecord(options)) throw new TypeError(`JS.${call} expects an options object, got ${JSON.stringify(options)}`);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new TypeError(`JS.${call} has no option "${key}" (it takes ${allowed.join(", ")})`);
  }
}

function classNames(names: string): string[] {
  if (typeof names !== "string") throw new TypeError(`JS class names must be a string, got ${JSON.stringify(names)}`);
  return names.split(" ").filter(Boolean);
}

function transition(value: JSTransition | undefined): string[][] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return [classNames(value), [], []];
  if (!Array.isArray(value) || value.length !== 3) throw new TypeError(`A JS transition is a string or three strings, got ${JSON.stringify(value)}`);
  return value.map(classNames);
}

function to(options: { to?: JSTarget }): unknown {
  return options.to === undefined ? undefined : target(options.to);
}

function target(value: JSTarget): unknown {
  if (typeof value === "string") return value;
  const scoped = isRecord(value) ? (value as Record<string, unknown>) : {};
  const keys = Object.keys(scoped);
  const selector = scoped[keys[0]!];
  if (keys.length === 1 && typeof selector === "string") {
    if (keys[0] === "document") return selector;
    if (keys[0] === "inner" || keys[0] === "closest") return { [keys[0]]: selector };
  }
  throw new TypeError(`A JS target is a selector or { inner }, { closest } or { document } with one, got ${JSON.stringify(value)}`);
}

/** Navigation commands take a path of this site, as `socket.pushNavigate` does. */
function localPath(call: string, href: unknown): string {
  if (typeof href !== "string" || !href.startsWith("/") || href.startsWith("//") || href.startsWith("/\\")) {
    throw new TypeError(`${call} expects a path of this site starting with "/", got ${JSON.stringify(href)}`);
  }
  return href;
}
