/**
 * `JS` commands of the runtime (`JS.push("save").hide({ to: "#modal" })`): recognised by their
 * shape, a chain of the builder's methods that starts at the `JS` import of `@livetsx/server`.
 *
 * Each method returns a new frozen list built from its receiver and its arguments alone and
 * changes neither (the runtime's tests check it), so a chain is pure in its arguments: a slot
 * that builds one depends on what the arguments read, and a module constant built of constants
 * is a constant.
 */
import type { NodePath, types as t } from "@babel/core";

const RUNTIME_MODULES = /^@livetsx\/server(\/|$)/;

/** The methods of a command list (runtime-server/src/js.ts). */
const METHODS = new Set([
  "push", "show", "hide", "toggle", "addClass", "removeClass", "toggleClass", "transition", "setAttribute",
  "removeAttribute", "toggleAttribute", "ignoreAttributes", "dispatch", "navigate", "patch", "focus", "focusFirst",
  "pushFocus", "popFocus", "exec", "concat",
]);

/** Whether `path` is an identifier bound to the runtime's `JS` import. */
export function isJSImport(path: NodePath): boolean {
  if (!path.isIdentifier()) return false;
  const spec = path.scope.getBinding(path.node.name)?.path;
  if (!spec?.isImportSpecifier()) return false;
  const imported = spec.node.imported;
  const name = imported.type === "Identifier" ? imported.name : imported.value;
  return name === "JS" && RUNTIME_MODULES.test((spec.parentPath.node as t.ImportDeclaration).source.value);
}

/**
 * Whether a callee (`JS.push`, `JS.push("a").hide`) is a method of a command list: its object is
 * the `JS` import or itself a call of such a method.
 */
export function isJSMethod(callee: NodePath): boolean {
  if (!callee.isMemberExpression() || callee.node.computed || callee.node.property.type !== "Identifier") return false;
  if (!METHODS.has(callee.node.property.name)) return false;
  const object = callee.get("object") as NodePath;
  return isJSImport(object) || isJSCall(object);
}

/** Whether an expression is a call of a command list's method. */
export function isJSCall(path: NodePath): path is NodePath<t.CallExpression> {
  return path.isCallExpression() && isJSMethod(path.get("callee") as NodePath);
}

/** The calls of a chain, innermost first: `JS.push("a").hide()` → the push, then the hide. */
export function chainCalls(call: NodePath<t.CallExpression>): NodePath<t.CallExpression>[] {
  const calls: NodePath<t.CallExpression>[] = [];
  let p: NodePath = call;
  while (isJSCall(p)) {
    calls.unshift(p);
    p = (p.get("callee") as NodePath).get("object") as NodePath;
  }
  return calls;
}

/** The `JS.push(…)` calls in an expression (a binding's value), with the event argument. */
export function pushCalls(expr: NodePath): NodePath<t.CallExpression>[] {
  const found: NodePath<t.CallExpression>[] = [];
  const visit = (p: NodePath) => {
    if (isJSCall(p) && ((p.node.callee as t.MemberExpression).property as t.Identifier).name === "push") found.push(p);
  };
  visit(expr);
  expr.traverse({ CallExpression: visit });
  return found;
}

/** Whether a push has options naming a `target` (another component may handle the event). */
export function pushHasTarget(call: NodePath<t.CallExpression>): boolean {
  const options = call.node.arguments[1];
  if (!options) return false;
  if (options.type !== "ObjectExpression") return true; // options the compiler cannot read
  return options.properties.some(
    (p) => p.type === "SpreadElement" || (p.type === "ObjectProperty" && (p.computed || (p.key.type === "Identifier" ? p.key.name : p.key.type === "StringLiteral" ? p.key.value : "") === "target")),
  );
}
