/**
 * Live navigation: `<a data-phx-link="patch|redirect">` links, the back and forward buttons,
 * scroll positions, flash carried to a full page load, and a guard against redirect loops.
 */

/** The cookie a redirect's signed flash travels in to the next page (Phoenix's name). */
export const FLASH_COOKIE = "__phoenix_flash__";

/**
 * What each history entry of a live page records: how it was reached (`livetsx`: a patch or a
 * redirect) and how the entry before it was left (`back`), which view instance made it (a patch
 * can only go back to an entry of the same view), its place in the tab's history (`position`,
 * which tells back from forward) and the scroll position.
 */
export interface EntryState {
  livetsx: "patch" | "redirect";
  back?: "patch" | "redirect";
  view: string;
  scroll: number;
  position: number;
}

/** What `phx:before-navigate` (cancelable, for the user's own navigations) and `phx:navigate` carry, as Phoenix. */
export interface NavigateDetail {
  href: string;
  patch: boolean;
  pop: boolean;
  direction: "forward" | "backward";
}

/** What the live socket does for navigation. */
export interface NavigationHost {
  /** The navigation id of the main view now on the page. */
  currentView(): string | null;
  /** Patch the main view to `href` (same view, new params); resolves when the patch landed. */
  patch(href: string, kind: "push" | "replace" | "pop"): Promise<void>;
  /** Mount the view of `href` in the main container, over the socket; resolves once joined. */
  navigate(href: string, kind: "push" | "replace" | "pop", flash?: string): Promise<void>;
  /** Whether live navigation can be used now (connected, joined). */
  ready(): boolean;
}

function entry(): Partial<EntryState> {
  return (history.state ?? {}) as Partial<EntryState>;
}

/** The current entry's place in the tab's history (a page loaded again takes its entry's). */
let position = 0;
/** The path and query the page shows: a popstate that keeps them (a hash link) is no navigation. */
let current = "";

/** Sets (given a value) and reads sessionStorage, which a browser may refuse: then nothing is kept. */
export function stored(key: string, value?: string): string | null {
  try {
    if (value !== undefined) sessionStorage.setItem(key, value);
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function here(): string {
  return location.pathname + location.search;
}

/** What a navigation to `href` is, for the page's events. */
function describe(href: string, patch: boolean, pop = false, forward = true): NavigateDetail {
  return { href, patch, pop, direction: forward ? "forward" : "backward" };
}

function dispatchNavigate(detail: NavigateDetail, before = false): boolean {
  return window.dispatchEvent(new CustomEvent(before ? "phx:before-navigate" : "phx:navigate", { detail, cancelable: before }));
}

/** Records the scroll position in the current history entry. */
export function saveScroll(): void {
  history.replaceState({ ...entry(), scroll: window.scrollY }, "");
}

/** Adds or replaces a history entry for `view`, and tells the page (`phx:navigate`). */
export function pushEntry(kind: "push" | "replace", href: string, livetsx: EntryState["livetsx"], view: string): void {
  if (kind === "push") {
    history.replaceState({ ...entry(), back: livetsx }, "");
    position++;
  }
  const state: EntryState = { livetsx, view, scroll: 0, position };
  if (kind === "replace") history.replaceState(state, "", href);
  else history.pushState(state, "", href);
  current = here();
  dispatchNavigate(describe(location.href, livetsx === "patch"));
}

/**
 * Marks the current entry as made by `view` (the first join, a rejoin after navigation); on the
 * page's first join, a scroll position the entry kept (back from another page) is restored.
 */
export function adoptEntry(view: string, first = false): void {
  const kept = entry();
  history.replaceState({ livetsx: "patch", scroll: window.scrollY, position, ...kept, view }, "");
  current = here();
  if (first && typeof kept.scroll === "number") scrollToTarget(kept.scroll);
}

/**
 * At the next frame (the page rendered): scrolls to `y`, or else brings the element the URL's
 * hash names into view, or else goes to the page's top (after a live navigation).
 */
export function scrollToTarget(y?: number): void {
  requestAnimationFrame(() => {
    const hash = location.hash.slice(1);
    const target = y === undefined && hash ? document.getElementById(hash) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, y ?? 0);
  });
}

/** A full page load of `to`; a signed flash goes along in a cookie the server reads once. */
export function loadPage(to: string, flash?: string): void {
  if (isLooping(to)) return;
  if (flash) document.cookie = `${FLASH_COOKIE}=${encodeURIComponent(flash)}; max-age=60; path=/; SameSite=Lax`;
  window.location.assign(to);
}

const LOOP_WINDOW_MS = 5000;
const LOOP_LIMIT = 10;
const LOOP_KEY = "livetsx:navigations";

/**
 * Navigations the page did not ask for can chain forever (a mount that redirects to itself).
 * More than ten within five seconds stop, with an error that names them. The record survives
 * full page loads in sessionStorage.
 */
export function isLooping(to: string): boolean {
  const now = Date.now();
  let recent: [number, string][] = [];
  try {
    recent = JSON.parse(stored(LOOP_KEY) ?? "[]") as [number, string][];
  } catch {
    // A record that is not ours starts over.
  }
  recent = recent.filter(([at]) => now - at < LOOP_WINDOW_MS);
  recent.push([now, to]);
  // Storage can be full or disabled; the loop guard then works within this page only.
  stored(LOOP_KEY, JSON.stringify(recent));
  if (recent.length <= LOOP_LIMIT) return false;
  const path = [...new Set(recent.map(([, url]) => new URL(url, location.href).pathname))].join(" → ");
  console.error(`[livetsx] redirect loop stopped: ${recent.length} navigations in 5 s (${path})`);
  return true;
}

export function installNavigation(host: NavigationHost): () => void {
  position = entry().position ?? 0;
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[data-phx-link]") : null;
    if (!link || link.target === "_blank" || !host.ready()) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const kind = link.getAttribute("data-phx-link-state") === "replace" ? "replace" : "push";
    const patch = link.getAttribute("data-phx-link") === "patch";
    if (!dispatchNavigate(describe(url.href, patch), true)) return;
    saveScroll();
    if (patch) void host.patch(url.href, kind);
    else void host.navigate(url.href, kind);
  };
  const onPop = (e: PopStateEvent) => {
    if (here() === current) return;
    const state = (e.state ?? {}) as Partial<EntryState>;
    const forward = (state.position ?? 0) > position;
    // Going back leaves an entry the way it was reached; the entry before says how (`back`).
    const type = forward ? state.livetsx : (state.back ?? state.livetsx);
    const detail = describe(location.href, type === "patch", true, forward);
    if (!dispatchNavigate(detail, true)) {
      // The page stays: the browser goes back to the entry it left, whose popstate the check above skips.
      if (forward) history.back();
      else history.forward();
      return;
    }
    current = here();
    position = state.position ?? 0;
    dispatchNavigate(detail);
    // An entry the view on the page patched is a patch of it; any other entry mounts its view,
    // as does any entry while the view on the page is not joined (still joining after a previous
    // back or forward, say): it is replaced over the socket (without one, the page loads).
    const sameView = host.ready() && state.view !== undefined && (state.view === host.currentView() || type === "patch");
    const landed = sameView ? host.patch(location.href, "pop") : host.navigate(location.href, "pop");
    const scroll = state.scroll ?? 0;
    void landed.then(() => scrollToTarget(scroll));
  };
  // The scroll position is kept in the current entry as it changes, for back and forward alike.
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onScroll = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveScroll, 100);
  };
  document.addEventListener("click", onClick);
  window.addEventListener("popstate", onPop);
  window.addEventListener("scroll", onScroll, { passive: true });
  history.scrollRestoration = "manual";
  return () => {
    document.removeEventListener("click", onClick);
    window.removeEventListener("popstate", onPop);
    window.removeEventListener("scroll", onScroll);
  };
}
