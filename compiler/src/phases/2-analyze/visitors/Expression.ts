import type { NodePath, types as t } from "@babel/core";
import type { BuildContext } from "../analysis.js";
import type { Deps } from "../deps.js";
import { isComprehension, visitComprehension } from "./Comprehension.js";
import { staticValue, NOT_STATIC } from "./static-value.js";

/**
 * The deps of an expression in a value position (a slot's value, a branch of a conditional, an
 * array element): here JSX becomes a nested template and `.map()` with a JSX callback a list.
 */
export function collectValue(path: NodePath, acc: Deps, ctx: BuildContext): void {
  const node = path.node;
  switch (node.type) {
    case "JSXElement":
    case "JSXFragment":
      ctx.analysis.nested(path as NodePath<t.JSXElement | t.JSXFragment>, ctx, acc);
      return;
    case "ConditionalExpression":
      ctx.deps.collect(path.get("test") as NodePath, acc);
      collectValue(path.get("consequent") as NodePath, acc, ctx);
      collectValue(path.get("alternate") as NodePath, acc, ctx);
      return;
    case "LogicalExpression":
      collectValue(path.get("left") as NodePath, acc, ctx);
      collectValue(path.get("right") as NodePath, acc, ctx);
      return;
    case "SequenceExpression": {
      const expressions = (path as NodePath<t.SequenceExpression>).get("expressions");
      expressions.forEach((e, i) => (i === expressions.length - 1 ? collectValue(e, acc, ctx) : ctx.deps.collect(e, acc)));
      return;
    }
    case "ParenthesizedExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "TSTypeAssertion":
      collectValue(path.get("expression") as NodePath, acc, ctx);
      return;
    case "ArrayExpression": {
      const elements = (path as NodePath<t.ArrayExpression>).get("elements");
      checkLiteralKeys(elements as NodePath[], ctx);
      for (const el of elements) {
        if (!el.node) continue;
        if (el.isSpreadElement()) ctx.deps.collect(el, acc);
        else collectValue(el as NodePath, acc, ctx);
      }
      return;
    }
    case "CallExpression":
      if (isComprehension(path as NodePath<t.CallExpression>)) {
        visitComprehension(path as NodePath<t.CallExpression>, acc, ctx);
        return;
      }
      ctx.deps.collect(path, acc);
      return;
    default:
      ctx.deps.collect(path, acc);
  }
}

/** `[<li key="a" />, <li key="a" />]`: two entries with one key is a build error. */
function checkLiteralKeys(elements: NodePath[], ctx: BuildContext): void {
  const seen = new Set<string>();
  for (const el of elements) {
    if (!el.isJSXElement()) continue;
    const key = keyAttribute(el.node);
    if (!key) continue;
    let value: unknown = NOT_STATIC;
    if (key.type === "StringLiteral") value = key.value;
    else if (key.type === "JSXExpressionContainer") {
      value = staticValue((el.get("openingElement.attributes") as NodePath[]).find((a) => a.node === keyAttributeNode(el.node))!.get("value.expression") as NodePath);
    }
    if (value === NOT_STATIC) continue;
    const id = JSON.stringify(value);
    if (seen.has(id)) ctx.analysis.report("duplicate-key", { key: id }, el.node);
    seen.add(id);
  }
}

function keyAttributeNode(node: t.JSXElement): t.JSXAttribute | undefined {
  return node.openingElement.attributes.find(
    (a): a is t.JSXAttribute => a.type === "JSXAttribute" && a.name.type === "JSXIdentifier" && a.name.name === "key",
  );
}

/** The value node of an element's `key` attribute. */
export function keyAttribute(node: t.JSXElement): t.JSXAttribute["value"] | undefined {
  return keyAttributeNode(node)?.value;
}
