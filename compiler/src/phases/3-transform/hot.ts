/**
 * Development builds for the dev server's hot replacement: every `defineView(…)` and
 * `defineComponent(…)` imported from the runtime becomes `_$hot(id, defineView(…))`, `id` being
 * the module's id and the definition's binding (`const Counter = …` → `Counter`, an
 * `export default` → `default`, any other by its place among the module's unnamed ones). The
 * runtime keeps one object per id across runs of the module and copies new code into it.
 */
import type { NodePath, types as t } from "@babel/core";
import * as gen from "./build.js";
import { helper } from "./helpers.js";

const RUNTIME = /^@livetsx\/server(\/|$)/;
const DEFINERS = new Set(["defineView", "defineComponent"]);

export function registerDefinitions(program: NodePath<t.Program>, moduleId: string): void {
  const seen = new Map<string, number>();
  let unnamed = 0;
  program.traverse({
    CallExpression(path) {
      if (path.node.callee.type === "Identifier" && path.node.callee.name === "_$hot") return;
      if (!isDefinerCall(path)) return;
      let name = bindingName(path);
      if (name === null) name = `#${unnamed++}`;
      // The same name twice (in two scopes) is told apart by its order.
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      const id = `${moduleId}#${count === 1 ? name : `${name}~${count}`}`;
      // The node becomes the wrapper in place: a replaced node would be traversed again by the
      // plugin's visitors, whose work on this module is done.
      const call = { ...path.node };
      path.node.callee = helper("hot");
      path.node.arguments = [gen.stringLiteral(id), call];
      path.skip();
    },
  });
}

/** A call of the runtime's `defineView` or `defineComponent`, by import (renamed or not). */
function isDefinerCall(path: NodePath<t.CallExpression>): boolean {
  const callee = path.node.callee;
  if (callee.type === "Identifier") {
    const spec = path.scope.getBinding(callee.name)?.path;
    if (!spec?.isImportSpecifier()) return false;
    const imported = spec.node.imported;
    const name = imported.type === "Identifier" ? imported.name : imported.value;
    return DEFINERS.has(name) && RUNTIME.test((spec.parentPath.node as t.ImportDeclaration).source.value);
  }
  // `import * as live from "@livetsx/server"; live.defineView(…)`
  if (callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier" && callee.property.type === "Identifier") {
    const spec = path.scope.getBinding(callee.object.name)?.path;
    if (!spec?.isImportNamespaceSpecifier()) return false;
    return DEFINERS.has(callee.property.name) && RUNTIME.test((spec.parentPath.node as t.ImportDeclaration).source.value);
  }
  return false;
}

/** The name the definition is known by in its module, when it has one. */
function bindingName(path: NodePath<t.CallExpression>): string | null {
  const parent = path.parent;
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if (parent.type === "ExportDefaultDeclaration") return "default";
  if (parent.type === "AssignmentExpression" && parent.left.type === "Identifier") return parent.left.name;
  return null;
}
