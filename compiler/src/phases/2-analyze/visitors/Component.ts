import * as gen from "../../3-transform/build.js";
import { types as t, type NodePath } from "@babel/core";
import type { BuildContext } from "../analysis.js";
import { Deps } from "../deps.js";
import type { SlotIR } from "../ir.js";
import { helper } from "../../3-transform/helpers.js";
import { cleanJSXText } from "../../../shared/html.js";
import { hasContent } from "./JSXChildren.js";
import { collectValue } from "./Expression.js";

/** A function component in a template: one slot, whose deps are those of its props. */
export function componentSlot(path: NodePath<t.JSXElement>, ctx: BuildContext): SlotIR {
  const deps = new Deps();
  const props: Record<string, Deps> = {};
  const value = componentCall(path, ctx, deps, props);
  return { kind: "component", deps, props, code: ctx.analysis.code(path.node.openingElement), ...ctx.analysis.loc(path.node), value, lazy: !deps.eager };
}

/**
 * `<Badge status={s}>kids</Badge>` → `component(Badge, { status: s, children: … })`. Each prop's
 * deps are recorded; JSX in props (children included) becomes nested templates.
 */
export function componentCall(path: NodePath<t.JSXElement>, ctx: BuildContext, acc: Deps, props: Record<string, Deps> = {}): () => t.Expression {
  const parts: (() => t.ObjectProperty | t.SpreadElement)[] = [];
  const name = path.get("openingElement.name") as NodePath<t.JSXIdentifier | t.JSXMemberExpression>;
  ctx.deps.collectComponentName(name, acc);
  for (const attr of path.get("openingElement.attributes") as NodePath<t.JSXAttribute | t.JSXSpreadAttribute>[]) {
    if (attr.isJSXSpreadAttribute()) {
      const arg = attr.get("argument");
      const deps = (props["..."] ??= new Deps());
      ctx.deps.collect(arg, deps);
      acc.add(deps);
      parts.push(() => gen.spreadElement(arg.node));
      continue;
    }
    const a = attr as NodePath<t.JSXAttribute>;
    const n = a.node.name;
    const prop = n.type === "JSXIdentifier" ? n.name : `${n.namespace.name}:${n.name.name}`;
    if (prop === "key") continue;
    const value = a.get("value");
    const deps = (props[prop] = new Deps());
    let build: () => t.Expression;
    if (!value.node) build = () => gen.booleanLiteral(true);
    else if (value.isStringLiteral()) {
      const s = value.node.value;
      build = () => gen.stringLiteral(s);
    } else {
      const expr = (value.isJSXExpressionContainer() ? value.get("expression") : value) as NodePath<t.Expression>;
      collectValue(expr, deps, ctx);
      build = () => expr.node;
    }
    acc.add(deps);
    parts.push(() => gen.objectProperty(t.isValidIdentifier(prop) ? gen.identifier(prop) : gen.stringLiteral(prop), build()));
  }
  const children = childrenValue(path, ctx);
  if (children) {
    props.children = children.deps;
    acc.add(children.deps);
    parts.push(() => gen.objectProperty(gen.identifier("children"), children.build()));
  }
  const callee = () => jsxNameToExpression(path.node.openingElement.name as t.JSXIdentifier | t.JSXMemberExpression);
  return () => gen.callExpression(helper("component"), [callee(), gen.objectExpression(parts.map((p) => p()))]);
}

/** Children: one expression is passed as it is, one text as a string, anything else as a template. */
function childrenValue(path: NodePath<t.JSXElement>, ctx: BuildContext): { deps: Deps; build: () => t.Expression } | null {
  const children = path.get("children").filter(hasContent);
  if (children.length === 0) return null;
  const deps = new Deps();
  const only = children[0]!;
  if (children.length === 1 && only.isJSXExpressionContainer()) {
    const expr = only.get("expression") as NodePath<t.Expression>;
    collectValue(expr, deps, ctx);
    return { deps, build: () => expr.node };
  }
  if (children.length === 1 && only.isJSXText()) {
    const text = cleanJSXText(only.node.value);
    return { deps, build: () => gen.stringLiteral(text) };
  }
  const ir = ctx.analysis.buildChildren(path, ctx);
  for (const slot of ir.slots) deps.add(slot.deps);
  return { deps, build: () => ctx.analysis.renderedCall(ir) };
}

function jsxNameToExpression(name: t.JSXIdentifier | t.JSXMemberExpression): t.Expression {
  if (name.type === "JSXIdentifier") return gen.identifier(name.name);
  return gen.memberExpression(jsxNameToExpression(name.object), gen.identifier(name.property.name));
}
