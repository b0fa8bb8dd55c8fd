/**
 * JS commands: a binding whose value is a JSON list (`[["push",{"event":"inc"}],["hide",…]]`,
 * what the server's `JS` builder renders) runs each command on the elements it targets, as
 * Phoenix LiveView 1.2's client does: the same classes at the same phases of a transition, the
 * same events (`phx:show-start`, …), the same focus rules. What a command does to an element's
 * classes, attributes and `display` stays through the server's patches (see {@link keepSticky}).
 *
 * A blocking transition holds back the server's patches (and the removal of a `phx-remove`
 * element) until it ends: {@link afterTransitions}.
 */

type Args = Record<string, any>;
type Classes = [string[], string[], string[]];

/** What commands need from the page: sending events and live navigation. */
export interface JSHost {
  /** A `push` command, its args merged over the binding's own event. */
  push(source: Element, args: Args): void;
  navigate(href: string, replace: boolean): void;
  patch(href: string, replace: boolean): void;
  /** Runs the commands of another attribute (`exec`) for `el`, whose own values a push sends. */
  exec(el: Element, encoded: string, type: string): void;
  /** The view the commands run in: `pushFocus` entries belong to it ({@link dropFocus}). */
  readonly view?: unknown;
}

const DEFAULT_TIME = 200;

// Transitions under way (timers and blocking dispatches) and what waits for them to end.
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `fn` now, or once every blocking transition has ended (in order of arrival). */
export function afterTransitions(fn: () => void): void {
  if (running === 0) fn();
  else waiting.push(fn);
}

function started(): () => void {
  running++;
  return () => {
    running--;
    while (running === 0 && waiting.length > 0) waiting.shift()!();
  };
}

/** A command's transition options: `time` (ms) and `blocking` (false: patches go on meanwhile). */
interface Timing {
  time?: number | null;
  blocking?: unknown;
}

/** `onStart` now and `onEnd` after `time`; a blocking one holds back patches meanwhile. */
function transitionFor({ time, blocking }: Timing, onStart: () => void, onEnd: () => void): void {
  const done = blocking === false ? () => {} : started();
  onStart();
  setTimeout(() => {
    onEnd();
    done();
  }, time ?? DEFAULT_TIME);
}

const frame = (fn: () => void) => requestAnimationFrame(fn);

/**
 * What commands did to an element that must survive patches: a named operation per element
 * ("classes", "attrs", "toggle"), re-run on the new version of the element before it is merged.
 */
const sticky = new WeakMap<Element, Map<string, [op: (el: Element) => unknown, stash: unknown]>>();
/** Attribute patterns (`open`, `data-*`, `*`) the server's patches leave alone, per element. */
const ignored = new WeakMap<Element, string[]>();

function putSticky(el: Element, name: string, op: (el: Element) => unknown): void {
  let ops = sticky.get(el);
  if (!ops) sticky.set(el, (ops = new Map()));
  ops.set(name, [op, op(el)]);
}

function stashed<T>(el: Element, name: string, fallback: T): T {
  return (sticky.get(el)?.get(name)?.[1] as T) ?? fallback;
}

/** Before a patch merges `to` into `from`: `to` takes what commands did to `from`. */
export function keepSticky(from: Element, to: Element): void {
  for (const [op] of sticky.get(from)?.values() ?? []) op(to);
  const patterns = ignored.get(from);
  if (!patterns) return;
  const matches = (name: string) => patterns.some((p) => p === name || p === "*" || (p.includes("*") && name.match(p) !== null));
  for (const attr of Array.from(to.attributes)) if (!from.hasAttribute(attr.name) && matches(attr.name)) to.removeAttribute(attr.name);
  for (const attr of Array.from(from.attributes)) if (matches(attr.name)) to.setAttribute(attr.name, attr.value);
}

/** Whether a binding's value is a command list rather than an event name. */
export const isJS = (value: string | null): value is string => value !== null && value.startsWith("[");

/**
 * Runs the commands `encoded` holds for `source` (the element whose binding it is). `type` is
 * the binding's kind (`click`, `remove`, …).
 */
export function execJS(source: Element, encoded: string | [string, Args][], host: JSHost, type = ""): void {
  const commands = (typeof encoded === "string" ? JSON.parse(encoded) : encoded) as [string, Args][];
  for (const [kind, args] of commands) {
    for (const el of targets(source, args.to)) run(kind, args, el, source, host, type);
  }
}

function targets(source: Element, to: unknown): Element[] {
  if (to == null) return [source];
  if (typeof to === "string") return Array.from(document.querySelectorAll(to));
  const scope = to as { inner?: string; closest?: string };
  if (scope.closest) {
    const el = source.closest(scope.closest);
    return el ? [el] : [];
  }
  return scope.inner ? Array.from(source.querySelectorAll(scope.inner)) : [];
}

/** `pushFocus` entries, each with the view it was pushed in; past the limit the oldest goes. */
const focusStack: [Element, unknown][] = [];
const FOCUS_STACK_LIMIT = 100;

/** Forgets the `pushFocus` entries of a view that is gone, so `popFocus` never returns to it. */
export function dropFocus(view: unknown): void {
  for (let i = focusStack.length - 1; i >= 0; i--) if (focusStack[i]![1] === view) focusStack.splice(i, 1);
}

function run(kind: string, args: Args, el: Element, source: Element, host: JSHost, type: string): void {
  switch (kind) {
    case "push":
      return host.push(source, args);
    case "navigate":
      return host.navigate(args.href, !!args.replace);
    case "patch":
      return host.patch(args.href, !!args.replace);
    case "exec": {
      const encoded = el.getAttribute(args.attr);
      if (!encoded) throw new Error(`no JS commands in ${args.attr}`);
      return host.exec(el, encoded, type);
    }
    case "dispatch": {
      const detail: Args = { ...(args.detail ?? {}), dispatcher: source };
      if (args.blocking) {
        const done = started();
        let called = false;
        detail.done = () => {
          if (!called) (called = true), done();
        };
      }
      const init = { bubbles: args.bubbles ?? !(el instanceof HTMLInputElement && el.type === "file" && args.event === "click"), cancelable: true, detail };
      el.dispatchEvent(args.event === "click" ? new MouseEvent("click", { bubbles: init.bubbles, cancelable: true }) : new CustomEvent(args.event, init));
      return;
    }
    case "focus":
      return twice(() => attemptFocus(el));
    case "focus_first":
      return twice(() => focusFirst(el, true) || focusFirst(el, false));
    case "push_focus":
      if (focusStack.push([el, host.view]) > FOCUS_STACK_LIMIT) focusStack.shift();
      return;
    case "pop_focus": {
      const last = focusStack.pop()?.[0];
      if (last) twice(() => (last as HTMLElement).focus());
      return;
    }
    case "add_class":
      return classes(el, args.names, [], args);
    case "remove_class":
      return classes(el, [], args.names, args);
    case "toggle_class":
      frame(() => {
        const [adds, removes] = stashed<[string[], string[]]>(el, "classes", [[], []]);
        const names = args.names as string[];
        classes(
          el,
          names.filter((n) => !adds.includes(n) && !el.classList.contains(n)),
          names.filter((n) => !removes.includes(n) && el.classList.contains(n)),
          args,
        );
      });
      return;
    case "transition":
      return classes(el, [], [], args);
    case "set_attr":
      return attrs(el, [args.attr], []);
    case "remove_attr":
      return attrs(el, [], [args.attr]);
    case "toggle_attr": {
      const [name, a, b] = args.attr as [string, string, string?];
      if (!el.hasAttribute(name)) return attrs(el, [[name, a]], []);
      if (b === undefined) return attrs(el, [], [name]);
      return attrs(el, [[name, el.getAttribute(name) === a ? b : a]], []);
    }
    case "ignore_attrs":
      ignored.set(el, args.attrs);
      return;
    case "show":
      if (!isVisible(el)) toggle(el, type, args, args.transition, null);
      return;
    case "hide":
      if (isVisible(el)) toggle(el, type, args, null, args.transition);
      return;
    case "toggle":
      return toggle(el, type, args, args.ins, args.outs);
  }
}

/** Now, and again two frames later (after a `show` in the same chain has made it visible). */
function twice(fn: () => unknown): void {
  fn();
  frame(() => frame(fn));
}

function isFocusable(el: Element, interactiveOnly: boolean): boolean {
  return (
    (el instanceof HTMLAnchorElement && el.rel !== "ignore") ||
    (el instanceof HTMLAreaElement && el.href !== undefined) ||
    ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el instanceof HTMLButtonElement) && !el.disabled) ||
    el instanceof HTMLIFrameElement ||
    (el instanceof HTMLElement && el.tabIndex >= 0 && el.getAttribute("aria-hidden") !== "true") ||
    (!interactiveOnly && el.getAttribute("tabindex") !== null && el.getAttribute("aria-hidden") !== "true")
  );
}

/** Focuses `el` if it can take focus; whether it has it. */
export function attemptFocus(el: Element, interactiveOnly = false): boolean {
  if (isFocusable(el, interactiveOnly)) (el as HTMLElement).focus();
  return document.activeElement === el;
}

/** Focuses the first focusable descendant (the last, `last`), depth first. */
export function focusFirst(el: Element, interactiveOnly = false, last = false): boolean {
  for (let child = last ? el.lastElementChild : el.firstElementChild; child; child = last ? child.previousElementSibling : child.nextElementSibling) {
    if (attemptFocus(child, interactiveOnly) || focusFirst(child, interactiveOnly, last)) return true;
  }
  return false;
}

export const isVisible = (el: Element) => !!((el as HTMLElement).offsetWidth || (el as HTMLElement).offsetHeight || el.getClientRects().length > 0);

const displayOf = (el: Element, display?: string) => display || ({ TR: "table-row", TD: "table-cell" } as Record<string, string>)[el.tagName] || "block";

function setDisplay(el: Element, display: string): void {
  putSticky(el, "toggle", (e) => ((e as HTMLElement).style.display = display));
}

/** Adds and removes classes (kept through patches), at the end of a transition if one is given. */
function classes(el: Element, adds: string[], removes: string[], args: Timing & { transition?: Classes | null } = {}): void {
  const [run, start, end] = args.transition ?? [[], [], []];
  if (run.length > 0) {
    transitionFor(
      args,
      () => phases(el, run, start, end),
      () => classes(el, adds.concat(end), removes.concat(run, start)),
    );
    return;
  }
  frame(() => {
    const [prevAdds, prevRemoves] = stashed<[string[], string[]]>(el, "classes", [[], []]);
    const keepAdds = adds.filter((n) => !prevAdds.includes(n) && !el.classList.contains(n));
    const keepRemoves = removes.filter((n) => !prevRemoves.includes(n) && el.classList.contains(n));
    const allAdds = prevAdds.filter((n) => !removes.includes(n)).concat(keepAdds);
    const allRemoves = prevRemoves.filter((n) => !adds.includes(n)).concat(keepRemoves);
    putSticky(el, "classes", (e) => {
      e.classList.remove(...allRemoves);
      e.classList.add(...allAdds);
      return [allAdds, allRemoves];
    });
  });
}

/**
 * A transition's first frames: the start classes (taking off `removes`: by default the running
 * and end ones), then the running ones, then the end ones.
 */
function phases(el: Element, run: string[], start: string[], end: string[], removes = run.concat(end)): void {
  classes(el, start, removes);
  frame(() => {
    classes(el, run, []);
    frame(() => classes(el, end, start));
  });
}

function attrs(el: Element, sets: [string, string][], removes: string[]): void {
  const [prevSets, prevRemoves] = stashed<[[string, string][], string[]]>(el, "attrs", [[], []]);
  const touched = sets.map(([name]) => name).concat(removes);
  const allSets = prevSets.filter(([name]) => !touched.includes(name)).concat(sets);
  const allRemoves = prevRemoves.filter((name) => !touched.includes(name)).concat(removes);
  putSticky(el, "attrs", (e) => {
    for (const name of allRemoves) e.removeAttribute(name);
    for (const [name, value] of allSets) e.setAttribute(name, value);
    return [allSets, allRemoves];
  });
}

const fire = (el: Element, name: string) => el.dispatchEvent(new Event(`phx:${name}`));

/** Shows a hidden element or hides a shown one, with transition classes in or out. */
function toggle(el: Element, type: string, args: Timing & { display?: string }, ins: Classes | null, outs: Classes | null): void {
  const display = args.display;
  const [inRun, inStart, inEnd] = ins ?? [[], [], []];
  const [outRun, outStart, outEnd] = outs ?? [[], [], []];
  const visible = isVisible(el);
  if (inRun.length === 0 && outRun.length === 0) {
    frame(() => {
      fire(el, visible ? "hide-start" : "show-start");
      setDisplay(el, visible ? "none" : displayOf(el, display));
      fire(el, visible ? "hide-end" : "show-end");
    });
    return;
  }
  if (visible) {
    fire(el, "hide-start");
    transitionFor(
      args,
      () => phases(el, outRun, outStart, outEnd, inRun.concat(inStart, inEnd)),
      () => {
        classes(el, [], outRun.concat(outEnd));
        setDisplay(el, "none");
        fire(el, "hide-end");
      },
    );
    return;
  }
  // A removed element that is already hidden stays hidden.
  if (type === "remove") return;
  fire(el, "show-start");
  transitionFor(
    args,
    () => {
      classes(el, inStart, outRun.concat(outStart, outEnd));
      // The running classes go on before the element shows, so a CSS animation starts from them.
      frame(() => {
        classes(el, inRun, []);
        frame(() => {
          setDisplay(el, displayOf(el, display));
          classes(el, inEnd, inStart);
        });
      });
    },
    () => {
      classes(el, [], inRun.concat(inEnd));
      fire(el, "show-end");
    },
  );
}
