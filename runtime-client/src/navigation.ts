/**
 * Live navigation: `<a data-phx-link="patch|redirect">` links, the back and forward buttons,
 * scroll positions, flash carried to a full page load, and a guard against redirect loops.
 */

/** The cookie a redirect's signed flash travels in to the next page (Phoenix's name). */
export const FLASH_COOKIE = "__phoenix_flash__";

/**
 * What each history entry of a live page records: which view instance made it (a patch can
 * only go back to an entry of the same view) and the scroll position.
 */
export interface EntryState {
  livetsx: "patch" | "redirect";
  view: string;
  scroll: number;
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

/** Records the scroll position in the current history entry. */
export function saveScroll(): void {
  history.replaceState({ ...entry(), scroll: window.scrollY }, "");
}

/** Adds or replaces a history entry for `view`. */
export function pushEntry(kind: "push" | "replace", href: string, livetsx: EntryState["livetsx"], view: string): void {
  const state: EntryState = { livetsx, view, scroll: 0 };
  if (kind === "replace") history.replaceState(state, "", href);
  else history.pushState(state, "", href);
}

/** Marks the current entry as made by `view` (the first join, a rejoin after navigation). */
export function adoptEntry(view: string): void {
  history.replaceState({ livetsx: "redirect", scroll: window.scrollY, ...entry(), view }, "");
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
    recent = JSON.parse(sessionStorage.getItem(LOOP_KEY) ?? "[]") as [number, string][];
  } catch {
    recent = [];
  }
  recent = recent.filter(([at]) => now - at < LOOP_WINDOW_MS);
  recent.push([now, to]);
  try {
    sessionStorage.setItem(LOOP_KEY, JSON.stringify(recent));
  } catch {
    // Storage can be full or disabled; the loop guard then works within this page only.
  }
  if (recent.length <= LOOP_LIMIT) return false;
  const path = [...new Set(recent.map(([, url]) => new URL(url, location.href).pathname))].join(" → ");
  console.error(`[livetsx] redirect loop stopped: ${recent.length} navigations in ${LOOP_WINDOW_MS / 1000} s (${path}). Check the redirects in mount and handleParams.`);
  return true;
}

export function installNavigation(host: NavigationHost): () => void {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[data-phx-link]") : null;
    if (!link || link.target === "_blank" || !host.ready()) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const kind = link.getAttribute("data-phx-link-state") === "replace" ? "replace" : "push";
    saveScroll();
    if (link.getAttribute("data-phx-link") === "patch") void host.patch(url.href, kind);
    else void host.navigate(url.href, kind);
  };
  const onPop = (e: PopStateEvent) => {
    const state = (e.state ?? {}) as Partial<EntryState>;
    if (!host.ready()) return loadPage(location.href);
    // An entry made by the view on the page is a patch of it; any other entry mounts its view.
    const sameView = state.view !== undefined && state.view === host.currentView();
    const landed = sameView ? host.patch(location.href, "pop") : host.navigate(location.href, "pop");
    const scroll = state.scroll ?? 0;
    void landed.then(() => window.scrollTo(0, scroll));
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
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  return () => {
    document.removeEventListener("click", onClick);
    window.removeEventListener("popstate", onPop);
    window.removeEventListener("scroll", onScroll);
  };
}
