/**
 * The routes of the ported support/issues/*.ex views, by live session of test_helper.exs:
 * `default` (with the sandbox's eval hook), `other`, and `outside` (no live session). Optional
 * `issueLayouts` gives a route a live layout of its own (pattern → LiveLayout).
 */
import type { ViewDefinition } from "@livetsx/server";
import type { LiveLayout } from "../layouts.js";

export const issueRoutes: {
  default: Record<string, ViewDefinition<any, any>>;
  other: Record<string, ViewDefinition<any, any>>;
  outside: Record<string, ViewDefinition<any, any>>;
} = { default: {}, other: {}, outside: {} };

export const issueLayouts: Record<string, LiveLayout> = {};
