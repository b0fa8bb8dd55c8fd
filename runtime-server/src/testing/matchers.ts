/**
 * Vitest matchers for where an action sent the page:
 * `expect(await view.click("a")).toRedirect("/x")`, `.toNavigate(…)`, `.toPatch(…)`.
 */
import { expect } from "vitest";
import { TEST_ORIGIN } from "./loopback.js";
import type { ActionResult } from "./navigation.js";

type Kind = "redirect" | "navigate" | "patch";

/** `/x` and `http://localhost/x` name the same page of the test server. */
function samePage(a: string, b: string): boolean {
  const strip = (url: string) => (url.startsWith(TEST_ORIGIN) ? url.slice(TEST_ORIGIN.length) || "/" : url);
  return strip(a) === strip(b);
}

function describeResult(result: ActionResult): string {
  if (result.redirect !== undefined) return `a redirect to ${result.redirect}`;
  if (result.navigate !== undefined) return `live navigation to ${result.navigate}`;
  if (result.patch !== undefined) return `a live patch to ${result.patch}`;
  return "no navigation";
}

function check(kinds: Kind[], wanted: string, received: unknown, to?: string, flash?: Record<string, string>) {
  if (typeof received !== "object" || received === null || !("sent" in received)) {
    return { pass: false, message: () => `expected the result of a view action (await it first), got ${String(received)}` };
  }
  const result = received as ActionResult;
  const kind = kinds.find((k) => result[k] !== undefined);
  const target = kind ? result[kind]! : undefined;
  const flashMatches = flash === undefined || JSON.stringify(result.flash ?? {}) === JSON.stringify(flash);
  const pass = target !== undefined && (to === undefined || samePage(target, to)) && flashMatches;
  const expected = `${wanted}${to === undefined ? "" : ` to ${to}`}${flash === undefined ? "" : ` with flash ${JSON.stringify(flash)}`}`;
  const got = `${describeResult(result)}${result.flash ? ` with flash ${JSON.stringify(result.flash)}` : ""}`;
  return {
    pass,
    message: () => (pass ? `expected no ${expected}, got ${got}` : `expected ${expected}, got ${got}`),
  };
}

expect.extend({
  /** A redirect or live navigation (LiveViewTest's `assert_redirect`), optionally to `to` with `flash`. */
  toRedirect(received: unknown, to?: string, flash?: Record<string, string>) {
    return check(["redirect", "navigate"], "a redirect", received, to, flash);
  },
  /** Live navigation to another view (`pushNavigate`, `<Link navigate>`). */
  toNavigate(received: unknown, to?: string, flash?: Record<string, string>) {
    return check(["navigate"], "live navigation", received, to, flash);
  },
  /** A live patch within the view (`pushPatch`, `<Link patch>`). */
  toPatch(received: unknown, to?: string) {
    return check(["patch"], "a live patch", received, to);
  },
});

declare module "vitest" {
  interface Matchers<T = any> {
    /** A redirect or live navigation, optionally to `to` (a path) carrying `flash`. */
    toRedirect(to?: string, flash?: Record<string, string>): T;
    /** Live navigation to another view, optionally to `to` carrying `flash`. */
    toNavigate(to?: string, flash?: Record<string, string>): T;
    /** A live patch, optionally to `to`. */
    toPatch(to?: string): T;
  }
}
