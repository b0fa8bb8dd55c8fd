import * as gen from "../../3-transform/build.js";
import { types as t, type NodePath, type Visitor } from "@babel/core";
import { ENTRY, templateDeps, type BuildContext } from "../analysis.js";
import { TemplateBuilder } from "../builder.js";
import { Deps, patternIdentifiers } from "../deps.js";
import { patternAccess } from "../patterns.js";
import type { TemplateIR } from "../ir.js";
import { helper } from "../../3-transform/helpers.js";
import { entryHTMLFunction } from "../../3-transform/entry-html.js";
import { isComponent } from "./JSXElement.js";
import { collectValue, keyAttribute } from "./Expression.js";
import { selectorDeps } from "../selectors.js";

type Callback = t.ArrowFunctionExpression | t.FunctionExpression;

/** `items.map((item) => <li key={item.id}>…</li>)`: a map whose callback returns JSX. */
export function isComprehension(path: NodePath<t.CallExpression>): boolean {
  const { callee, arguments: args } = path.node;
  if (callee.type !== "MemberExpression" || callee.computed) return false;
  if (callee.property.type !== "Identifier" || callee.property.name !== "map" || args.length !== 1) return false;
  const cb = args[0]!;
  if ((cb.type !== "ArrowFunctionExpression" && cb.type !== "FunctionExpression") || cb.async || cb.generator) return false;
  return returnPositions(path.get("arguments.0") as NodePath<Callback>).some((r) => hasJSX(r.node));
}

/** Whether a returned expression produces JSX (directly or through a branch). */
function hasJSX(node: t.Node): boolean {
  switch (node.type) {
    case "JSXElement":
    case "JSXFragment":
      return true;
    case "ConditionalExpression":
      return hasJSX(node.consequent) || hasJSX(node.alternate);
    case "LogicalExpression":
      return hasJSX(node.left) || hasJSX(node.right);
    case "ParenthesizedExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
      return hasJSX(node.expression);
    default:
      return false;
  }
}

/** The expressions a callback returns: its expression body, or each `return` of its block. */
function returnPositions(cb: NodePath<Callback>): NodePath[] {
  const body = cb.get("body");
  if (!body.isBlockStatement()) return [body];
  const out: NodePath[] = [];
  body.traverse(RETURNS, out);
  return out;
}

/** The returns of a function body, not of the functions inside it. */
const RETURNS: Visitor<NodePath[]> = {
  Function(p) {
    p.skip();
  },
  ReturnStatement(p, out) {
    const arg = p.get("argument");
    if (arg.node) out.push(arg as NodePath);
  },
};

/**
 * A list becomes a comprehension: one template for all entries (the callback's element, or a
 * wrapper when the callback can return different templates), a key function, and an entry
 * function the runtime calls only for entries whose deps changed.
 */
export function visitComprehension(call: NodePath<t.CallExpression>, acc: Deps, ctx: BuildContext): void {
  const { analysis } = ctx;
  const iterable = call.get("callee.object") as NodePath<t.Expression>;
  const cb = call.get("arguments.0") as NodePath<Callback>;
  ctx.deps.collect(iterable, acc);

  const bindings: Record<string, (string | number)[]> = {};
  cb.get("params").forEach((param, i) => {
    for (const id of patternIdentifiers(param.node)) {
      const access = patternAccess(param, id)!;
      // A rest parameter (`(item, ...rest)`) is an array of arguments no path can name.
      bindings[id.name] = param.isRestElement() ? [] : [i, ...access.segments];
      const binding = cb.scope.getBinding(id.name);
      if (!binding) continue;
      const region = ctx.region?.fn.node ?? null;
      analysis.tracking.loops.set(binding, { access: { ...access, segments: [] }, path: `@${id.name}`, region, rest: param.isRestElement() });
    }
  });
  analysis.callbacks.add(cb.node);
  const entryCtx: BuildContext = { ...ctx, scope: ENTRY };
  const returns = returnPositions(cb);
  const keys = returns.map((r) => keyOf(r, ctx));
  const entryDeps = new Deps();

  let ir: TemplateIR;
  const only = returns[0];
  // One element returned: the entry is that element's template, which an HTML function can copy.
  const direct = returns.length === 1 && only!.isJSXElement() && !isComponent(only!);
  if (direct) {
    ir = analysis.nested(only as NodePath<t.JSXElement>, entryCtx, entryDeps, bindings)!;
  } else {
    ir = entryWrapper(cb, returns, entryCtx, bindings);
    entryDeps.add(templateDeps(ir));
  }
  acc.add(withoutBindings(entryDeps, Object.keys(bindings)));
  const selects = selectorDeps(cb, entryDeps, ctx);
  if (Object.keys(selects).length > 0) ir.selects = selects;

  const keyFn = keys.every((k) => k !== null) ? keyFunction(cb, returns, keys as t.Expression[]) : null;
  if (keyFn && iterable.isArrayExpression() && returns.length === 1) checkDuplicates(iterable, keys[0]!, bindings, ctx);

  const scope = ctx.scope;
  const region = ctx.region;
  analysis.replacements.push({
    path: call,
    build: () => {
      cb.node.params.unshift(gen.identifier(ENTRY));
      if (scope !== null && region && scope !== ENTRY) region.usesScope = true;
      const html = direct ? entryHTMLFunction(cb.node, ir) : null;
      return gen.callExpression(helper("comprehension"), [
        gen.identifier(ir.id),
        iterable.node,
        keyFn ?? gen.nullLiteral(),
        cb.node,
        scope === null ? gen.identifier("undefined") : gen.identifier(scope),
        ...(html ? [html] : []),
      ]);
    },
  });
}

/** Entries that can render different templates share a wrapper template with one slot. */
function entryWrapper(cb: NodePath<Callback>, returns: NodePath[], ctx: BuildContext, bindings: Record<string, (string | number)[]>): TemplateIR {
  const { analysis } = ctx;
  const ir = analysis.allocate(cb, ctx);
  ir.bindings = bindings;
  const deps = new Deps();
  for (const r of returns) collectValue(r, deps, ctx);
  const b = new TemplateBuilder();
  b.slot({ kind: "entry", deps, code: analysis.code(cb.node.body), ...analysis.loc(cb.node.body), value: () => gen.identifier("undefined"), lazy: false });
  analysis.finish(ir, b, false);
  for (const r of returns) {
    analysis.replacements.push({ path: r, build: () => analysis.renderedCall(ir, [r.node as t.Expression]) });
  }
  return ir;
}

/** The key an entry renders with, as an expression of the callback's parameters. */
function keyOf(path: NodePath, ctx: BuildContext): t.Expression | null {
  if (path.isJSXElement()) {
    const key = keyAttribute(path.node);
    if (key?.type === "StringLiteral") return t.cloneNode(key);
    if (key?.type === "JSXExpressionContainer" && key.expression.type !== "JSXEmptyExpression") return t.cloneNode(key.expression, true);
    const name = path.node.openingElement.name;
    ctx.analysis.report("missing-key", { tag: name.type === "JSXIdentifier" ? name.name : "element" }, path.node);
    return null;
  }
  if (path.isConditionalExpression()) {
    const a = keyOf(path.get("consequent"), ctx);
    const b = keyOf(path.get("alternate"), ctx);
    return a && b ? gen.conditionalExpression(t.cloneNode(path.node.test, true), a, b) : null;
  }
  if (path.isParenthesizedExpression() || path.isTSAsExpression() || path.isTSNonNullExpression()) {
    return keyOf(path.get("expression") as NodePath, ctx);
  }
  return null;
}

/**
 * `(item) => item.id`. A block body whose key reads its locals is copied with each `return`
 * giving its key instead of its JSX.
 */
function keyFunction(cb: NodePath<Callback>, returns: NodePath[], keys: t.Expression[]): t.ArrowFunctionExpression {
  const params = cb.node.params.map((p) => t.cloneNode(p, true));
  const body = cb.node.body;
  if (body.type !== "BlockStatement") return gen.arrowFunctionExpression(params, keys[0]!);
  if (returns.length === 1 && !readsLocals(cb, keys[0]!)) return gen.arrowFunctionExpression(params, keys[0]!);
  const copy = t.cloneNode(body, true);
  let i = 0;
  const visit = (node: t.Node): void => {
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      children.forEach((c: t.Node | null, j) => {
        if (!c || typeof c.type !== "string") return;
        if (t.isFunction(c)) return;
        if (c.type === "JSXElement" || c.type === "JSXFragment") {
          const replacement = gen.nullLiteral();
          if (Array.isArray(child)) child[j] = replacement;
          else (node as unknown as Record<string, unknown>)[key] = replacement;
          return;
        }
        if (c.type === "ReturnStatement" && c.argument) {
          c.argument = keys[i++] ?? gen.nullLiteral();
          return;
        }
        visit(c);
      });
    }
  };
  visit(copy);
  return gen.arrowFunctionExpression(params, copy);
}

function readsLocals(cb: NodePath<Callback>, key: t.Expression): boolean {
  const names = new Set<string>();
  const collect = (node: t.Node): void => {
    if (node.type === "Identifier") names.add(node.name);
    for (const k of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[k];
      for (const c of Array.isArray(child) ? child : [child]) if (c && typeof c.type === "string") collect(c);
    }
  };
  collect(key);
  const body = cb.get("body");
  for (const name of names) {
    const binding = body.scope.getBinding(name);
    if (binding && binding.scope === body.scope) return true;
  }
  return false;
}

/** Loop deps of this list's own bindings stay inside its entries. */
function withoutBindings(deps: Deps, names: string[]): Deps {
  const out = new Deps();
  out.dirty = deps.dirty;
  out.eager = deps.eager;
  for (const p of deps.paths) {
    const own = names.some((n) => p === `@${n}` || p.startsWith(`@${n}.`));
    if (!own) out.paths.add(p);
  }
  return out;
}

/** A literal list (`[{ id: 1 }, { id: 1 }].map(…)`) with a repeated key fails the build. */
function checkDuplicates(iterable: NodePath<t.ArrayExpression>, key: t.Expression, bindings: Record<string, (string | number)[]>, ctx: BuildContext): void {
  const path = keyPath(key, bindings);
  if (!path || path[0] !== 0) return;
  const seen = new Set<string>();
  for (const el of iterable.node.elements) {
    if (!el) continue;
    const value = literalAt(el, path.slice(1));
    if (value === undefined) return;
    const id = JSON.stringify(value);
    if (seen.has(id)) {
      ctx.analysis.report("duplicate-key", { key: id }, el);
      return;
    }
    seen.add(id);
  }
}

function keyPath(node: t.Expression, bindings: Record<string, (string | number)[]>): (string | number)[] | null {
  if (node.type === "Identifier") return bindings[node.name] ?? null;
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") {
    const base = keyPath(node.object as t.Expression, bindings);
    return base ? [...base, node.property.name] : null;
  }
  return null;
}

function literalAt(node: t.Node, path: (string | number)[]): string | number | boolean | null | undefined {
  if (path.length === 0) {
    if (node.type === "StringLiteral" || node.type === "NumericLiteral" || node.type === "BooleanLiteral") return node.value;
    if (node.type === "NullLiteral") return null;
    return undefined;
  }
  const [head, ...rest] = path;
  if (node.type === "ObjectExpression") {
    for (const prop of node.properties) {
      if (prop.type !== "ObjectProperty" || prop.computed) continue;
      const name = prop.key.type === "Identifier" ? prop.key.name : prop.key.type === "StringLiteral" ? prop.key.value : null;
      if (name === String(head)) return literalAt(prop.value, rest);
    }
  }
  if (node.type === "ArrayExpression" && typeof head === "number") {
    const el = node.elements[head];
    return el ? literalAt(el, rest) : undefined;
  }
  return undefined;
}
