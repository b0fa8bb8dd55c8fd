/**
 * A list entry's HTML function, for the HTTP render: the entry callback copied with its
 * `rendered(_tmpl$N, [() => a, () => b], scope)` turned into `"<li>" + html(a) + "</li>…"`.
 *
 * Walking the entry's `Rendered` evaluates its slots one after the other, right after the entry
 * function returned it, each rendered whole before the next; the copy evaluates the same
 * expressions, in the same order, in the same lexical place, so it gives the same HTML without
 * the tree. Only a shape where nothing runs between the entry's creation and its walk is copied:
 * an arrow callback whose value (its expression, or the last statement of its block) is the
 * entry's `rendered` call, every slot a closure of one expression or a literal. Anything else
 * gets no HTML function, and the runtime walks its entries as before.
 */
import * as gen from "./build.js";
import { types as t } from "@babel/core";
import type { TemplateIR } from "../2-analyze/ir.js";
import { helper } from "./helpers.js";

/**
 * The most lists an entry may hold (its own nested lists, with theirs, counted whole) for it to be
 * copied. Each copy holds the nested lists' entry and HTML functions again, so a list nested in
 * three others would otherwise be written 2⁴ times; past the bound the outer entries are walked as
 * trees and only the inner ones, where most rows are, keep their HTML functions.
 */
const MAX_NESTED_LISTS = 3;

/** The entry's HTML function, or null when the callback's shape is not one it can copy. */
export function entryHTMLFunction(callback: t.Node, ir: TemplateIR): t.ArrowFunctionExpression | null {
  if (callback.type !== "ArrowFunctionExpression" || callback.async) return null;
  if (!renderedCallOf(callback, ir) || nestedLists(callback.body) > MAX_NESTED_LISTS) return null;
  const copy = t.cloneNode(callback, true);
  const call = renderedCallOf(copy, ir)!;
  const html = concatenation(ir.statics, (call.arguments[1] as t.ArrayExpression).elements as t.Expression[]);
  if (copy.body.type === "BlockStatement") (copy.body.body.at(-1) as t.ReturnStatement).argument = html;
  else copy.body = html;
  return copy;
}

/** How many `comprehension(…)` calls `node` holds. */
function nestedLists(node: t.Node): number {
  let count = 0;
  t.traverseFast(node, (n) => {
    if (n.type === "CallExpression" && n.callee.type === "Identifier" && n.callee.name === "_$comprehension") count++;
  });
  return count;
}

/** The callback's `rendered(ir, [slots…], scope?)` call in tail position, if its slots are copyable. */
function renderedCallOf(callback: t.ArrowFunctionExpression, ir: TemplateIR): t.CallExpression | null {
  let value: t.Node | null | undefined = callback.body;
  if (value.type === "BlockStatement") {
    const last = value.body.at(-1);
    value = last?.type === "ReturnStatement" ? last.argument : null;
  }
  if (value?.type !== "CallExpression") return null;
  const [id, slots] = value.arguments;
  if (value.callee.type !== "Identifier" || value.callee.name !== "_$rendered") return null;
  if (id?.type !== "Identifier" || id.name !== ir.id || slots?.type !== "ArrayExpression") return null;
  if (slots.elements.length !== ir.statics.length - 1) return null;
  return slots.elements.every((slot) => slot !== null && slotExpression(slot) !== null) ? value : null;
}

/** What a slot evaluates: a closure's expression, or a literal; null for anything else. */
function slotExpression(slot: t.Node): t.Expression | null {
  if (slot.type === "ArrowFunctionExpression") {
    return slot.params.length === 0 && !slot.async && slot.body.type !== "BlockStatement" ? slot.body : null;
  }
  const literal = slot.type === "StringLiteral" || slot.type === "NumericLiteral" || slot.type === "BooleanLiteral" || slot.type === "NullLiteral";
  return literal ? slot : null;
}

/** `s0 + html(e0) + s1 + …`, left to right; an `attr(name, v)` slot as its string, `attrHTML(name, v)`. */
function concatenation(statics: readonly string[], slots: readonly t.Expression[]): t.Expression {
  const parts: t.Expression[] = [];
  statics.forEach((text, i) => {
    if (text !== "") parts.push(gen.stringLiteral(text));
    if (i < slots.length) parts.push(slotHTML(slotExpression(slots[i]!)!));
  });
  if (parts.length === 0) return gen.stringLiteral("");
  // A lone slot is a string already (`html` and `attrHTML` return strings).
  return parts.reduce((left, right) => gen.binaryExpression("+", left, right));
}

function slotHTML(value: t.Expression): t.Expression {
  const isAttr = value.type === "CallExpression" && value.callee.type === "Identifier" && value.callee.name === "_$attr";
  if (isAttr && value.arguments.length === 2 && value.arguments.every((a) => a.type !== "SpreadElement" && a.type !== "ArgumentPlaceholder")) {
    return gen.callExpression(helper("attrHTML"), value.arguments);
  }
  return gen.callExpression(helper("html"), [value]);
}
