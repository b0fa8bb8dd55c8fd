/**
 * `phx-viewport-top` / `phx-viewport-bottom` (infinite scroll), as Phoenix LiveView 1.2's client
 * does them. While the page, or the element's nearest scrolling ancestor, scrolls down and the
 * element's last child reaches the bottom of the viewport, the bottom event goes with `{ id }` of
 * that child; scrolling up to the first child sends the top event with its id. Scrolling up until
 * the element's top (or its `phx-viewport-overrun-target`'s) comes into view sends the top event
 * with `_overran: true` too (a stream with a limit resets then). Each of the three is sent at
 * most once per 500 ms (the latest call within the period goes at its end); while its reply is awaited,
 * scrolling keeps that child in view.
 */

const THROTTLE_MS = 500;

/** Sends `event` from the element with `value`; `done` at the reply. */
export type ViewportPush = (el: Element, event: string, value: Record<string, unknown>, done: () => void) => void;

type Send = (event: string, child: Element) => void;

export const VIEWPORT_SELECTOR = "[phx-viewport-top],[phx-viewport-bottom]";

/** Each watched element's reaction to a scroll of the page or of an element. */
const watched = new WeakMap<Element, (target: EventTarget | null) => void>();

/** The scrolling ancestor (null: the page), as Phoenix finds it: `overflow-y` scroll or auto. */
function scrollContainer(el: Element | null): HTMLElement | null {
  if (!el || el === document.body || el === document.documentElement) return null;
  return ["scroll", "auto"].includes(getComputedStyle(el).overflowY) ? (el as HTMLElement) : scrollContainer(el.parentElement);
}

const scrollTop = (c: HTMLElement | null) => (c ? c.scrollTop : document.documentElement.scrollTop || document.body.scrollTop);

/** Whether `y` (a viewport coordinate) lies within the container's (or the window's) visible height. */
function within(y: number, c: HTMLElement | null): boolean {
  const rect = c?.getBoundingClientRect();
  return Math.ceil(y) >= (rect?.top ?? 0) && Math.floor(y) <= (rect?.bottom ?? innerHeight);
}

/**
 * At most one call per `period` ms: a call after the period has passed runs at once; calls within
 * it are held, and the latest of them runs at the period's end (its child still on the page).
 */
export function throttle(fn: Send, period = THROTTLE_MS, now: () => number = Date.now): Send {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let held: [string, Element] | null = null;
  return (event, child) => {
    const wait = last + period - now();
    if (wait <= 0 || wait > period) {
      clearTimeout(timer);
      timer = undefined;
      held = null;
      last = now();
      fn(event, child);
      return;
    }
    held = [event, child];
    timer ??= setTimeout(() => {
      const [heldEvent, heldChild] = held!;
      held = null;
      timer = undefined;
      last = now();
      if (heldChild.isConnected) fn(heldEvent, heldChild);
    }, wait);
  };
}

/** Starts watching an element that entered the page; its scroll position now is the start. */
export function watchViewport(el: Element, push: ViewportPush): void {
  if (watched.has(el)) return;
  let container = scrollContainer(el);
  let before = scrollTop(container);
  let overran = false;
  /** While a push's reply is awaited: what a scroll does instead. */
  let pending: (() => unknown) | null = null;
  // A reached child's event; it stays in view until the reply's patch is done. No block: an overrun.
  const send = (block?: ScrollLogicalPosition) =>
    throttle((event, child) => {
      pending = () => block && child.scrollIntoView({ block });
      push(el, event, block ? { id: child.id } : { id: child.id, _overran: true }, () => {
        pending = null;
        if (block) requestAnimationFrame(() => within(child.getBoundingClientRect().top, container) || child.scrollIntoView({ block }));
      });
    });
  const overrun = send();
  const first = send("start");
  const last = send("end");
  watched.set(el, (target) => {
    if (container && !container.isConnected) container = scrollContainer(el);
    if ((container ?? document) !== target) return;
    const now = scrollTop(container);
    const up = now < before;
    const down = now > before;
    before = now;
    if (pending) return void pending();
    const top = (document.getElementById(el.getAttribute("phx-viewport-overrun-target") ?? "") ?? el).getBoundingClientRect().top;
    const topEvent = el.getAttribute("phx-viewport-top");
    const bottomEvent = el.getAttribute("phx-viewport-bottom");
    const f = el.firstElementChild;
    const l = el.lastElementChild;
    if (up && topEvent && f && !overran && top >= 0) {
      overran = true;
      overrun(topEvent, f);
    } else if (down && overran && top <= 0) overran = false;
    if (up && topEvent && f && within(f.getBoundingClientRect().top, container)) first(topEvent, f);
    else if (down && bottomEvent && l && within(l.getBoundingClientRect().bottom, container)) last(bottomEvent, l);
  });
}

/** A scroll of the page (target: the document) or of an element: each watched element it moves reacts. */
export function viewportScrolled(target: EventTarget | null): void {
  for (const el of document.querySelectorAll(VIEWPORT_SELECTOR)) watched.get(el)?.(target);
}
