import type { NodePath, types as t } from "@babel/core";

/** A value known at build time. */
export type StaticValue = string | number | boolean | null | undefined;

/** The value of a literal expression (`"a"`, `3`, `` `x` ``, `true`, `null`), or `NOT_STATIC`. */
export const NOT_STATIC = Symbol("not static");

export function staticValue(path: NodePath): StaticValue | typeof NOT_STATIC {
  const node = path.node;
  switch (node.type) {
    case "StringLiteral":
    case "NumericLiteral":
    case "BooleanLiteral":
      return node.value;
    case "NullLiteral":
      return null;
    case "Identifier":
      return node.name === "undefined" && !path.scope.getBinding("undefined") ? undefined : NOT_STATIC;
    case "TemplateLiteral":
      return node.expressions.length === 0 ? (node.quasis[0]!.value.cooked ?? NOT_STATIC) : NOT_STATIC;
    case "UnaryExpression":
      if (node.operator === "-" && node.argument.type === "NumericLiteral") return -node.argument.value;
      return NOT_STATIC;
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "ParenthesizedExpression":
      return staticValue(path.get("expression") as NodePath);
    default:
      return NOT_STATIC;
  }
}

/** An object literal whose keys and values are all static (`style={{ color: "red" }}`). */
export function staticObject(path: NodePath): Record<string, StaticValue> | null {
  if (!path.isObjectExpression()) return null;
  const out: Record<string, StaticValue> = {};
  for (const prop of path.get("properties")) {
    if (!prop.isObjectProperty() || prop.node.computed) return null;
    const key = prop.node.key;
    const name = key.type === "Identifier" ? key.name : key.type === "StringLiteral" ? key.value : null;
    if (name === null) return null;
    const value = staticValue(prop.get("value") as NodePath);
    if (value === NOT_STATIC) return null;
    out[name] = value;
  }
  return out;
}

/** `raw("<em>literal</em>")` with `raw` imported from LiveTSX: static HTML. */
export function staticRaw(path: NodePath): string | null {
  if (!path.isCallExpression() || path.node.arguments.length !== 1) return null;
  const callee = path.get("callee");
  if (!callee.isIdentifier()) return null;
  const binding = callee.scope.getBinding(callee.node.name);
  const decl = binding?.path;
  if (!decl?.isImportSpecifier() || !decl.parentPath.isImportDeclaration()) return null;
  const imported = decl.node.imported;
  const importedName = imported.type === "Identifier" ? imported.name : imported.value;
  if (importedName !== "raw" || !decl.parentPath.node.source.value.startsWith("@livetsx/server")) return null;
  const value = staticValue(path.get("arguments.0") as NodePath);
  return typeof value === "string" ? value : null;
}

export function isTSWrapper(node: t.Node): node is t.TSAsExpression | t.TSSatisfiesExpression | t.TSNonNullExpression | t.ParenthesizedExpression | t.TSTypeAssertion {
  return (
    node.type === "TSAsExpression" || node.type === "TSSatisfiesExpression" || node.type === "TSNonNullExpression" ||
    node.type === "ParenthesizedExpression" || node.type === "TSTypeAssertion"
  );
}
