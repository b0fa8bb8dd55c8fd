/**
 * Live navigation: `<a data-phx-link="patch|redirect">` links, the back and forward buttons,
 * scroll positions, and flash carried to a full page load.
 */

/** The cookie a redirect's signed flash travels in to the next page (Phoenix's name). */
export const FLASH_COOKIE = "__phoenix_flash__";

/** What the live socket does for navigation. */
export interface NavigationHost {
  /** Patch the main view to `href` (same view, new params). */
  patch(href: string, kind: "push" | "replace"): void;
  /** Mount the view of `href` in the main container, over the socket. */
  navigate(href: string, kind: "push" | "replace" | "pop", flash?: string): void;
  /** Whether live navigation can be used now (connected, joined). */
  ready(): boolean;
}

/** Remembers the scroll position in the current history entry, for the back button. */
export function saveScroll(): void {
  const state = (history.state ?? {}) as Record<string, unknown>;
  history.replaceState({ ...state, scroll: window.scrollY }, "");
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
    const kind = link.getAttribute("data-phx-link-state") === "replace" ? "replace" : "push";
    if (link.getAttribute("data-phx-link") === "patch") host.patch(url.href, kind);
    else host.navigate(url.href, kind);
  };
  const onPop = (e: PopStateEvent) => {
    const state = (e.state ?? {}) as { livetsx?: string; scroll?: number };
    if (!host.ready()) return loadPage(location.href);
    if (state.livetsx === "patch") host.patch(location.href, "pop" as never);
    else host.navigate(location.href, "pop");
    const scroll = state.scroll ?? 0;
    // After the patch lands; the view's content decides how far the page can scroll.
    setTimeout(() => window.scrollTo(0, scroll), 50);
  };
  document.addEventListener("click", onClick);
  window.addEventListener("popstate", onPop);
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  return () => {
    document.removeEventListener("click", onClick);
    window.removeEventListener("popstate", onPop);
  };
}
