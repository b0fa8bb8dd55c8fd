import * as gen from "../../3-transform/build.js";
import { types as t, type NodePath } from "@babel/core";
import { attributeHTML, isURLAttribute } from "@livetsx/server/template";
import { RENAMED_ATTRIBUTES } from "../../../shared/html.js";
import type { BuildContext } from "../analysis.js";
import type { TemplateBuilder } from "../builder.js";
import { Deps } from "../deps.js";
import { BINDING_ATTRIBUTES, EVENT_ATTRIBUTES, suggest } from "../events.js";
import { helper } from "../../3-transform/helpers.js";
import { collectValue } from "./Expression.js";
import { pushCalls, pushHasTarget } from "../js-commands.js";
import { NOT_STATIC, staticObject, staticValue } from "./static-value.js";

type Attribute = NodePath<t.JSXAttribute | t.JSXSpreadAttribute>;

const REACT_HANDLERS: Readonly<Record<string, string>> = {
  onChange: "phx-change", onInput: "phx-change", onSubmit: "phx-submit", onKeyDown: "phx-keydown",
  onKeyUp: "phx-keyup", onBlur: "phx-blur", onFocus: "phx-focus",
};

export function attributeName(node: t.JSXAttribute): string {
  const name = node.name.type === "JSXIdentifier" ? node.name.name : `${node.name.namespace.name}:${node.name.name.name}`;
  return RENAMED_ATTRIBUTES[name] ?? name;
}

/**
 * An element's attributes: literal values fold into the statics; each dynamic one becomes a slot
 * rendering ` name="value"` (or nothing). With a spread, all of them merge into one slot so that
 * later ones win, as in JSX.
 */
export function visitAttributes(attributes: Attribute[], b: TemplateBuilder, ctx: BuildContext): void {
  const hasTarget = attributes.some((a) => a.isJSXAttribute() && attributeName(a.node) === "phx-target");
  for (const attr of attributes) if (attr.isJSXAttribute()) checkAttribute(attr, ctx, hasTarget);
  if (attributes.some((a) => a.isJSXSpreadAttribute())) {
    b.slot(spreadSlot(attributes, ctx));
    return;
  }
  for (const attr of attributes as NodePath<t.JSXAttribute>[]) {
    const name = attributeName(attr.node);
    if (name === "key") continue;
    const value = attr.get("value");
    if (!value.node) {
      b.text(` ${name}`);
    } else if (value.isStringLiteral()) {
      b.text(attributeHTML(name, value.node.value));
    } else if (value.isJSXExpressionContainer()) {
      const expr = value.get("expression") as NodePath<t.Expression>;
      const literal = staticValue(expr);
      const object = literal === NOT_STATIC && (name === "style" || name === "class") ? staticObject(expr) : null;
      if (literal !== NOT_STATIC) b.text(attributeHTML(name, literal));
      else if (object) b.text(attributeHTML(name, object));
      else b.slot(attributeSlot(name, expr, ctx));
    } else {
      b.slot(attributeSlot(name, value as NodePath<t.Expression>, ctx));
    }
  }
}

function attributeSlot(name: string, expr: NodePath<t.Expression>, ctx: BuildContext) {
  const deps = new Deps();
  collectValue(expr, deps, ctx);
  return {
    kind: "attr" as const,
    deps,
    code: `${name}={${ctx.analysis.code(expr.node)}}`,
    ...ctx.analysis.loc(expr.node),
    value: () => gen.callExpression(helper("attr"), [gen.stringLiteral(name), expr.node]),
    lazy: !deps.eager,
  };
}

function spreadSlot(attributes: Attribute[], ctx: BuildContext) {
  const deps = new Deps();
  const parts: (() => t.ObjectProperty | t.SpreadElement)[] = [];
  for (const attr of attributes) {
    if (attr.isJSXSpreadAttribute()) {
      const arg = attr.get("argument");
      ctx.deps.collect(arg, deps);
      parts.push(() => gen.spreadElement(arg.node));
      continue;
    }
    const a = attr as NodePath<t.JSXAttribute>;
    const name = attributeName(a.node);
    if (name === "key") continue;
    const value = a.get("value");
    let build: () => t.Expression;
    if (!value.node) build = () => gen.booleanLiteral(true);
    else if (value.isJSXExpressionContainer()) {
      const expr = value.get("expression") as NodePath<t.Expression>;
      collectValue(expr, deps, ctx);
      build = trustedIfStatic(name, expr);
    } else {
      const v = value as NodePath<t.Expression>;
      collectValue(v, deps, ctx);
      build = trustedIfStatic(name, v);
    }
    parts.push(() => gen.objectProperty(gen.stringLiteral(name), build()));
  }
  return {
    kind: "attrs" as const,
    deps,
    code: attributes.map((a) => ctx.analysis.code(a.node)).join(" "),
    ...ctx.analysis.loc(attributes[0]!.node),
    value: () => gen.callExpression(helper("attrs"), [gen.objectExpression(parts.map((p) => p()))]),
    lazy: !deps.eager,
  };
}

/**
 * A spread's attributes are rendered at run time, where a dynamic `href` holding a `javascript:`
 * URL is blocked. A URL attribute's static string, written in the template, is the developer's
 * and trusted as it is on an element without a spread: it is marked with `trustedURL`.
 */
function trustedIfStatic(name: string, value: NodePath<t.Expression>): () => t.Expression {
  const literal = staticValue(value);
  if (typeof literal !== "string" || !isURLAttribute(name)) return () => value.node;
  return () => gen.callExpression(helper("trustedURL"), [gen.stringLiteral(literal)]);
}

/** Build-time checks: React handlers, unknown event names. */
function checkAttribute(attr: NodePath<t.JSXAttribute>, ctx: BuildContext, hasTarget: boolean): void {
  const name = attributeName(attr.node);
  if (/^on[A-Z]/.test(name)) {
    ctx.analysis.report("react-event-prop", { name, binding: REACT_HANDLERS[name] ?? "phx-click" }, attr.node.name);
    return;
  }
  if (name === "dangerouslySetInnerHTML") {
    ctx.analysis.report("raw-html-prop", {}, attr.node.name);
    return;
  }
  // TypeScript checks no attribute name with a dash in it, so a misspelled binding is caught here.
  if (name.startsWith("phx-") && !name.startsWith("phx-value-") && !BINDING_ATTRIBUTES.has(name)) {
    ctx.analysis.report("unknown-binding", { name, suggestion: suggest(name, [...BINDING_ATTRIBUTES]) }, attr.node.name);
    return;
  }
  if (!(EVENT_ATTRIBUTES.has(name) || COMMAND_ATTRIBUTES.has(name)) || hasTarget || !ctx.events) return;
  const value = attr.get("value");
  const literals: NodePath<t.StringLiteral>[] = [];
  if (value.isStringLiteral()) {
    if (EVENT_ATTRIBUTES.has(name)) literals.push(value);
  } else if (value.isJSXExpressionContainer()) {
    const expr = value.get("expression") as NodePath;
    if (EVENT_ATTRIBUTES.has(name)) collectLiterals(expr, literals);
    // `JS.push("save")` names an event too, unless its own target sends it elsewhere.
    for (const push of pushCalls(expr)) {
      const event = push.get("arguments")[0];
      if (event && !pushHasTarget(push)) collectLiterals(event, literals, true);
    }
  }
  for (const literal of literals) {
    const event = literal.node.value;
    if (event === "" || event.startsWith("lv:") || event.startsWith("[") || ctx.events.names.includes(event)) continue;
    const known = ctx.events.names;
    const push = pushed.has(literal.node);
    ctx.analysis.report("unknown-event", { attribute: name, event, known, suggestion: suggest(event, known), push }, literal.node);
  }
}

/** Bindings that hold only JS commands, whose pushes name the view's events. */
const COMMAND_ATTRIBUTES = new Set(["phx-mounted", "phx-remove", "phx-connected", "phx-disconnected"]);

/** The literals that are a `JS.push`'s event name (for the message). */
const pushed = new WeakSet<t.Node>();

/** The string literals an expression can evaluate to (`open ? "close" : "open"`). */
function collectLiterals(path: NodePath, out: NodePath<t.StringLiteral>[], push = false): void {
  if (path.isStringLiteral()) {
    out.push(path);
    if (push) pushed.add(path.node);
  } else if (path.isConditionalExpression()) {
    collectLiterals(path.get("consequent"), out, push);
    collectLiterals(path.get("alternate"), out, push);
  } else if (path.isLogicalExpression()) {
    collectLiterals(path.get("right"), out, push);
    if (path.node.operator !== "&&") collectLiterals(path.get("left"), out, push);
  }
}
