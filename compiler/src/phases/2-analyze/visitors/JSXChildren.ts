import type { NodePath, types as t } from "@babel/core";
import { cleanJSXText } from "../../../shared/html.js";
import { escapeHTML } from "@livetsx/server/template";
import type { BuildContext } from "../analysis.js";
import type { TemplateBuilder } from "../builder.js";
import { Deps } from "../deps.js";
import { visitElement } from "./JSXElement.js";
import { collectValue } from "./Expression.js";
import { isComprehension } from "./Comprehension.js";
import { NOT_STATIC, staticRaw, staticValue } from "./static-value.js";

type Child = NodePath<t.JSXElement["children"][number]>;

/** Whether a child renders anything (whitespace-only text between tags does not). */
export function hasContent(child: Child): boolean {
  if (child.isJSXText()) return cleanJSXText(child.node.value) !== "";
  if (child.isJSXExpressionContainer()) return child.node.expression.type !== "JSXEmptyExpression";
  return true;
}

/** Text folds into the statics; literal expressions too; everything else becomes a slot. */
export function visitChildren(children: Child[], b: TemplateBuilder, ctx: BuildContext): void {
  for (const child of children) {
    if (child.isJSXText()) {
      b.text(escapeHTML(cleanJSXText(child.node.value)));
    } else if (child.isJSXElement()) {
      visitElement(child, b, ctx);
    } else if (child.isJSXFragment()) {
      visitChildren(child.get("children"), b, ctx);
    } else if (child.isJSXExpressionContainer()) {
      const expr = child.get("expression");
      if (expr.isJSXEmptyExpression()) continue;
      visitExpressionChild(expr as NodePath<t.Expression>, b, ctx);
    } else if (child.isJSXSpreadChild()) {
      visitExpressionChild(child.get("expression"), b, ctx);
    }
  }
}

function visitExpressionChild(expr: NodePath<t.Expression>, b: TemplateBuilder, ctx: BuildContext): void {
  const value = staticValue(expr);
  if (value !== NOT_STATIC) {
    if (typeof value === "string") b.text(escapeHTML(value));
    else if (typeof value === "number") b.text(String(value));
    return;
  }
  const html = staticRaw(expr);
  if (html !== null) {
    b.text(html);
    return;
  }
  const deps = new Deps();
  collectValue(expr, deps, ctx);
  b.slot({
    kind: expr.isCallExpression() && isComprehension(expr) ? "list" : "text",
    deps,
    code: ctx.analysis.code(expr.node),
    ...ctx.analysis.loc(expr.node),
    value: () => expr.node,
    lazy: !deps.eager,
  });
}
