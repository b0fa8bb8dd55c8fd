import type { NodePath, types as t } from "@babel/core";
import { VOID_ELEMENTS } from "../../../shared/html.js";
import type { BuildContext } from "../analysis.js";
import type { TemplateBuilder } from "../builder.js";
import { visitAttributes } from "./JSXAttributes.js";
import { visitChildren, hasContent } from "./JSXChildren.js";
import { componentSlot } from "./Component.js";

/** `<div>`, `svg:rect`; a component's name is never asked for. */
export function tagName(name: t.JSXOpeningElement["name"]): string {
  if (name.type === "JSXIdentifier") return name.name;
  if (name.type === "JSXNamespacedName") return `${name.namespace.name}:${name.name.name}`;
  return `${tagName(name.object)}.${name.property.name}`;
}

/** A capitalised tag or a member tag (`<Badge>`, `<UI.Card>`) is a function component. */
export function isComponent(path: NodePath): boolean {
  if (!path.isJSXElement()) return false;
  const name = path.node.openingElement.name;
  return name.type === "JSXMemberExpression" || (name.type === "JSXIdentifier" && !/^[a-z]/.test(name.name));
}

/** An HTML or SVG element: its tag and attributes fold into the statics around its slots. */
export function visitElement(path: NodePath<t.JSXElement>, b: TemplateBuilder, ctx: BuildContext): void {
  if (isComponent(path)) {
    b.slot(componentSlot(path, ctx));
    return;
  }
  const opening = path.get("openingElement");
  const name = tagName(opening.node.name);
  b.text(`<${name}`);
  visitAttributes(opening.get("attributes"), b, ctx);
  b.text(">");
  const children = path.get("children");
  if (VOID_ELEMENTS.has(name)) {
    if (children.some(hasContent)) ctx.analysis.report("void-children", { tag: name }, path.node);
    return;
  }
  visitChildren(children, b, ctx);
  b.text(`</${name}>`);
}
