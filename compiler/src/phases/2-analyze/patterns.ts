/**
 * Destructuring patterns: where a bound name's value comes from, as a property path from the
 * pattern's source, and what else it depends on (defaults, computed keys).
 */
import type { NodePath, types as t } from "@babel/core";

export interface PatternAccess {
  /** The property path from the pattern's source to the value the name is derived from. */
  segments: (string | number)[];
  /**
   * The name is the value at `segments` (an object rest is that object's properties), so a read
   * `name.a` is the path `segments.a`. False when the name is only some function of that value
   * (after a default, a computed key, an array rest): then any read of it depends on the whole.
   */
  exact: boolean;
  /** Defaults and computed keys on the way, whose deps the name also has. */
  inputs: NodePath[];
}

/** A key that can be a segment of a dep path (which the runtime splits at dots). */
export function isPathSegment(key: string | number): boolean {
  return typeof key === "number" || (key !== "" && !key.includes(".") && !key.startsWith("@"));
}

/**
 * How `target` is reached inside `pattern`: `{ user: { name } }` → `["user", "name"]`, exact;
 * `{ name = fallback }` → `[]`-relative `["name"]`, inexact, with `fallback` as an input.
 * Null when the pattern does not bind `target`.
 */
export function patternAccess(pattern: NodePath, target: t.Identifier): PatternAccess | null {
  const node = pattern.node;
  if (node === target) return { segments: [], exact: true, inputs: [] };
  if (node.type === "ObjectPattern") {
    const plain = plainPropertyAccess(node, target);
    if (plain !== undefined) return plain;
  }
  switch (node.type) {
    case "AssignmentPattern": {
      const inner = patternAccess(pattern.get("left") as NodePath, target);
      if (!inner) return null;
      // `x = d` is `v === undefined ? d : v`: the whole value here decides, and the default.
      return { segments: [], exact: false, inputs: [pattern.get("right") as NodePath, ...inner.inputs] };
    }
    case "ObjectPattern":
      for (const prop of (pattern as NodePath<t.ObjectPattern>).get("properties")) {
        if (prop.isRestElement()) {
          const inner = patternAccess(prop.get("argument") as NodePath, target);
          // An object rest has the source's properties (but the named ones): reads through it
          // are reads of the source.
          if (inner) return inner;
          continue;
        }
        const p = prop as NodePath<t.ObjectProperty>;
        const inner = patternAccess(p.get("value") as NodePath, target);
        if (!inner) continue;
        const key = staticKey(p.node);
        if (key === null || !isPathSegment(key)) {
          const inputs = p.node.computed ? [p.get("key") as NodePath, ...inner.inputs] : inner.inputs;
          return { segments: [], exact: false, inputs };
        }
        return { segments: [key, ...inner.segments], exact: inner.exact, inputs: inner.inputs };
      }
      return null;
    case "ArrayPattern": {
      const elements = (pattern as NodePath<t.ArrayPattern>).get("elements");
      for (let i = 0; i < elements.length; i++) {
        const el = elements[i]!;
        if (!el.node) continue;
        if (el.isRestElement()) {
          const inner = patternAccess(el.get("argument") as NodePath, target);
          if (inner) return { segments: [], exact: false, inputs: inner.inputs };
          continue;
        }
        const inner = patternAccess(el as NodePath, target);
        if (inner) return { segments: [i, ...inner.segments], exact: inner.exact, inputs: inner.inputs };
      }
      return null;
    }
    case "RestElement": {
      // A rest parameter: an array of the remaining arguments.
      const inner = patternAccess(pattern.get("argument") as NodePath, target);
      return inner ? { segments: [], exact: false, inputs: inner.inputs } : null;
    }
    case "TSParameterProperty":
      return patternAccess(pattern.get("parameter") as NodePath, target);
    default:
      return null;
  }
}

/**
 * The answer for `{ a, b: c }` (properties whose values are names, up to the target's) from the
 * nodes alone, without a path per property; undefined when the pattern has another shape there.
 */
function plainPropertyAccess(pattern: t.ObjectPattern, target: t.Identifier): PatternAccess | null | undefined {
  for (const prop of pattern.properties) {
    if (prop.type !== "ObjectProperty" || prop.value.type !== "Identifier") return undefined;
    if (prop.value !== target) continue;
    const key = staticKey(prop);
    return key !== null && isPathSegment(key) ? { segments: [key], exact: true, inputs: [] } : undefined;
  }
  return null;
}

function staticKey(prop: t.ObjectProperty): string | number | null {
  const key = prop.key;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  if (!prop.computed && key.type === "Identifier") return key.name;
  return null;
}

/** Every identifier a pattern binds. */
export function patternIdentifiers(pattern: t.Node, out: t.Identifier[] = []): t.Identifier[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      break;
    case "AssignmentPattern":
      patternIdentifiers(pattern.left, out);
      break;
    case "RestElement":
      patternIdentifiers(pattern.argument, out);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternIdentifiers(p.type === "RestElement" ? p : p.value, out);
      break;
    case "ArrayPattern":
      for (const el of pattern.elements) if (el) patternIdentifiers(el, out);
      break;
    case "TSParameterProperty":
      patternIdentifiers(pattern.parameter, out);
      break;
  }
  return out;
}
