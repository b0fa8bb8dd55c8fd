/**
 * The routes module's `liveSessions` export, as dev and production servers read it.
 */
import type { LayoutPage, LiveSessionOptions, LiveSessions, ViewDefinition } from "@livetsx/server";

type Layout = (page: LayoutPage) => string;

/**
 * The live sessions with each layout of their own wrapped (the dev server's scripts, the
 * production build's asset tags), as the server's layout is.
 */
export function wrapLayouts(liveSessions: LiveSessions, wrap: (layout: Layout) => Layout): LiveSessions {
  const out: LiveSessions = {};
  for (const [name, value] of Object.entries(liveSessions)) {
    const options = value as LiveSessionOptions;
    out[name] = Object.hasOwn(value, "routes") && typeof options.layout === "function" ? { ...options, layout: wrap(options.layout) } : value;
  }
  return out;
}

/** Every route of the live sessions, by path, for checks and for comparing two loads. */
export function liveSessionRoutes(liveSessions: LiveSessions): Record<string, ViewDefinition<any>> {
  const out: Record<string, ViewDefinition<any>> = {};
  for (const [name, value] of Object.entries(liveSessions)) {
    if (value === null || typeof value !== "object") throw new TypeError(`the live session "${name}" must be an object ({ routes, onMount?, session?, layout? })`);
    const routes = Object.hasOwn(value, "routes") ? (value as LiveSessionOptions).routes : (value as Record<string, ViewDefinition<any>>);
    if (routes === null || typeof routes !== "object") throw new TypeError(`the live session "${name}" needs \`routes\`: { "/path": View }`);
    for (const [path, view] of Object.entries(routes)) out[`${name}\u0000${path}`] = view;
  }
  return out;
}
