/**
 * Selector deps of a list entry: an outer dep the entry reads only as one side of a strict
 * comparison whose other side is a path of the item (`row.id === selected`).
 *
 * When such a dep alone changes from `a` to `b`, an entry whose path holds neither `a` nor `b`
 * compares `false` before and after, so nothing it renders can differ: the runtime re-renders
 * only the entries whose path holds `a` or `b` (SameValueZero, which `===` implies), found
 * through an index instead of a walk over the list. The proof is syntactic and an allowlist:
 * every reference inside the callback that can carry the dep's value must be that operand of
 * `===`/`!==`; anything else (an alias made inside the callback, a call, a prop, a closure, a
 * loose `==`, a destructured item, a default) leaves the dep an ordinary one.
 */
import { types as t, type NodePath } from "@babel/core";
import { Deps } from "./deps.js";
import { forEachDescendantPath, isReferencedIdentifierNode } from "../../shared/walk.js";
import type { BuildContext } from "./analysis.js";

type Callback = t.ArrowFunctionExpression | t.FunctionExpression;

/** `{ dep: probe }`: each selector dep with the loop path (`@row.id`) it is compared with. */
export type Selectors = Record<string, string>;

/** The selector deps among an entry template's outer deps (see the module comment). */
export function selectorDeps(cb: NodePath<Callback>, entryDeps: Deps, ctx: BuildContext): Selectors {
  const all = entryDeps.list();
  if (all === null) return {};
  const candidates = all.filter((d) => !d.startsWith("@"));
  if (candidates.length === 0) return {};
  const probes = new Map<string, string | false>();
  let sound = true;

  const check = (ref: NodePath): void => {
    const binding = ref.isIdentifier() || ref.isJSXIdentifier() ? ref.scope.getBinding(ref.node.name) : undefined;
    // Globals and module bindings cannot carry a value of this render's assigns; bindings made
    // inside the callback are followed where they are made (their initializers are inside it).
    if (!binding || binding.scope.path.isProgram() || isWithin(binding.path, cb)) return;
    if (ref.isJSXIdentifier()) {
      // A component declared inside the render may close over any assign.
      sound = false;
      return;
    }
    const chain = outermostMember(ref);
    const deps = new Deps();
    ctx.deps.collect(chain, deps);
    if (deps.dirty !== null) {
      sound = false;
      return;
    }
    const paths = [...deps.paths];
    for (const dep of candidates) {
      if (!paths.some((p) => overlaps(p, dep))) continue;
      const probe = paths.length === 1 && paths[0] === dep ? comparedProbe(chain, cb, ctx) : null;
      const seen = probes.get(dep);
      probes.set(dep, probe !== null && (seen === undefined || seen === probe) ? probe : false);
    }
  };

  // What `cb.traverse` with `Identifier`, `JSXIdentifier` (each if referenced) and `ThisExpression`
  // visitors would visit, in its order; only those nodes and their ancestors get paths.
  forEachDescendantPath(
    cb,
    (node, parent, grandparent) => node.type === "ThisExpression" || isReferencedIdentifierNode(node, parent, grandparent),
    (p) => {
      if (p.node.type === "ThisExpression") sound = false;
      else check(p);
    },
  );
  if (!sound) return {};
  const out: Selectors = {};
  for (const dep of candidates) {
    const probe = probes.get(dep);
    if (typeof probe === "string") out[dep] = probe;
  }
  return out;
}

/** `a.b.c` around the identifier `a` (the chain a read of `a` is part of). */
function outermostMember(ref: NodePath): NodePath {
  let cur = ref;
  for (;;) {
    const parent = cur.parentPath;
    if (parent && (parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === cur.node) cur = parent;
    else return cur;
  }
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** Wrappers that do not change a value. */
function isWrapper(path: NodePath): boolean {
  return path.isParenthesizedExpression() || path.isTSAsExpression() || path.isTSNonNullExpression() || path.isTSSatisfiesExpression() || path.isTSTypeAssertion();
}

/**
 * The loop path on the other side of the strict comparison `chain` is an operand of, or null:
 * a plain member chain (`row`, `row.id`, `row.owner.id`, no computed or optional step) on a
 * parameter of this callback that is a plain, never reassigned identifier.
 */
function comparedProbe(chain: NodePath, cb: NodePath<Callback>, ctx: BuildContext): string | null {
  let operand = chain;
  while (operand.parentPath && isWrapper(operand.parentPath)) operand = operand.parentPath;
  const parent = operand.parentPath;
  if (!parent?.isBinaryExpression() || (parent.node.operator !== "===" && parent.node.operator !== "!==")) return null;
  let other = (operand.key === "left" ? parent.get("right") : parent.get("left")) as NodePath;
  while (isWrapper(other)) other = other.get("expression") as NodePath;
  const segments: string[] = [];
  let base = other;
  while (base.isMemberExpression()) {
    const property = base.node.property;
    if (base.node.computed || property.type !== "Identifier") return null;
    segments.unshift(property.name);
    base = base.get("object") as NodePath;
  }
  if (!base.isIdentifier()) return null;
  const binding = base.scope.getBinding(base.node.name);
  if (!binding || binding.kind !== "param" || binding.constantViolations.length > 0) return null;
  const param = cb.node.params.find((p) => p === binding.identifier);
  if (param === undefined || param.type !== "Identifier") return null;
  const deps = new Deps();
  ctx.deps.collect(other, deps);
  const list = deps.list();
  const expected = [`@${base.node.name}`, ...segments].join(".");
  return list !== null && list.length === 1 && list[0] === expected ? expected : null;
}

function isWithin(path: NodePath, ancestor: NodePath): boolean {
  for (let cur: NodePath | null = path; cur; cur = cur.parentPath) if (cur.node === ancestor.node) return true;
  return false;
}
