/**
 * What the harness reports back: where an action sent the page, read from the reply or push
 * that said so (its flash verified with the test server's secret), and the server's log.
 */
import { randomBytes } from "node:crypto";
import type { Diff } from "@livetsx/client";
import type { Logger } from "../context.js";
import { verifyToken } from "../session.js";

/** Signs the test server's tokens; a fresh one per process. */
export const SECRET = randomBytes(32).toString("base64");

/** Where an action took the page; see the `toRedirect`, `toNavigate` and `toPatch` matchers. */
export interface ActionResult {
  /** The diff the reply carried; null when nothing changed (or nothing was sent). */
  diff: Diff | null;
  /** A hook's reply (`{:reply, …}`): what the handler's `reply` gave. */
  reply?: unknown;
  /** A live patch: the new URL, in the same view. */
  patch?: string;
  /** Live navigation to another view (`pushNavigate`, `<Link navigate>`): not followed yet. */
  navigate?: string;
  /** A full page load (`redirect`, a plain link): not followed yet. */
  redirect?: string;
  /** A navigation that replaces the history entry instead of pushing one. */
  replace?: boolean;
  /** The flash the navigation carries. */
  flash?: Record<string, string>;
  /** False when the element's binding did not fire (a key that is not its `phx-key`). */
  sent: boolean;
  /** @internal The signed flash, for the next page. */
  flashToken?: string;
}

/** Thrown by `mount` and `follow` when the page sends the browser elsewhere instead of rendering. */
export class NavigationError extends Error {
  constructor(
    message: string,
    readonly result: ActionResult,
  ) {
    super(message);
    this.name = "NavigationError";
  }
}

/** The server log lines of a view's server, for assertions. */
export class MemoryLog implements Logger {
  readonly lines: string[] = [];
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string, e?: unknown) {
    this.lines.push(`error ${m}${e instanceof Error ? `: ${e.stack ?? e.message}` : ""}`);
  }
}

/** The navigation a reply or push names, with its flash read; null when it names none. */
export function navigationOf(response: Record<string, unknown>): ActionResult | null {
  const read = (nav: { to?: string; kind?: string; flash?: string }, key: "patch" | "navigate" | "redirect"): ActionResult => {
    const result: ActionResult = { diff: null, sent: true, [key]: String(nav.to) };
    if (nav.kind === "replace") result.replace = true;
    if (nav.flash) {
      result.flashToken = nav.flash;
      const token = verifyToken<{ flash: Record<string, string> }>(SECRET, nav.flash);
      if (token.ok) result.flash = token.payload.flash;
    }
    return result;
  };
  if (response.live_patch) return read(response.live_patch as never, "patch");
  if (response.live_redirect) return read(response.live_redirect as never, "navigate");
  if (response.redirect) return read(response.redirect as never, "redirect");
  return null;
}


/** The last few warnings and errors of the server, for an error message. */
export function logTail(log: MemoryLog): string {
  const lines = log.lines.filter((l) => !l.startsWith("info ")).slice(-5);
  return lines.length > 0 ? `\nserver log:\n  ${lines.join("\n  ")}` : "";
}
