/**
 * Event names a view handles, read from `defineView({ events: { … } })`, so that a misspelled
 * `phx-click="incc"` fails the build instead of failing a click.
 */
import type { NodePath, types as t } from "@babel/core";

export interface ViewEvents {
  readonly names: readonly string[];
}

/** Attributes whose value names a server event. */
export const EVENT_ATTRIBUTES = new Set([
  "phx-click", "phx-click-away", "phx-capture-click", "phx-change", "phx-submit", "phx-keydown",
  "phx-keyup", "phx-blur", "phx-focus", "phx-window-keydown", "phx-window-keyup", "phx-window-blur",
  "phx-window-focus", "phx-viewport-top", "phx-viewport-bottom",
]);

/**
 * Every `phx-*` attribute LiveView 1.2's client reads, besides `phx-value-*` (the same list as
 * the JSX types' `PhxBindings`). Any other `phx-` name is a misspelling the client would ignore.
 */
export const BINDING_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...EVENT_ATTRIBUTES, "phx-debounce", "phx-throttle", "phx-key", "phx-target", "phx-update", "phx-hook",
  "phx-disable-with", "phx-trigger-action", "phx-auto-recover", "phx-mounted", "phx-remove", "phx-connected",
  "phx-disconnected", "phx-track-static", "phx-viewport-overrun-target", "phx-no-unused-field",
  "phx-patch-focused", "phx-drop-target", "phx-page-loading",
]);

const cache = new WeakMap<t.Node, ViewEvents | null>();

/** The events of the view whose definition lexically encloses `path`, if they are all known. */
export function viewEventsFor(path: NodePath): ViewEvents | null {
  for (let p: NodePath | null = path.parentPath; p; p = p.parentPath) {
    if (!p.isObjectExpression()) continue;
    const call = p.parentPath;
    if (!call?.isCallExpression() || p.key !== 0) continue;
    const callee = call.node.callee;
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && callee.property.type === "Identifier" ? callee.property.name : "";
    if (name !== "defineView") continue;
    let events = cache.get(p.node);
    if (events === undefined) {
      events = readEvents(p.node);
      cache.set(p.node, events);
    }
    return events;
  }
  return null;
}

function readEvents(definition: t.ObjectExpression): ViewEvents | null {
  for (const prop of definition.properties) {
    if (prop.type !== "ObjectProperty" || prop.computed || propertyName(prop.key) !== "events") continue;
    if (prop.value.type !== "ObjectExpression") return null;
    const names: string[] = [];
    for (const handler of prop.value.properties) {
      if (handler.type === "SpreadElement" || handler.computed) return null;
      const name = propertyName(handler.key);
      if (name === null) return null;
      names.push(name);
    }
    return { names };
  }
  return { names: [] };
}

function propertyName(key: t.Node): string | null {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral" || key.type === "NumericLiteral") return String(key.value);
  return null;
}

/** The closest known name, for "did you mean". */
export function suggest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
