/**
 * The transform: reads the analysis and rewrites the AST. Every JSX tree becomes
 * `rendered(_tmpl$N, [slots], scope)`, templates are hoisted, regions get their scope variable.
 */
import { types as t, type NodePath } from "@babel/core";
import { SCOPE, type Analysis, type RegionIR } from "../2-analyze/analysis.js";
import type { TemplateIR } from "../2-analyze/ir.js";
import { helper, RUNTIME_MODULE, type HelperName } from "./helpers.js";

export function renderedCall(ir: TemplateIR, dynamics?: t.Expression[]): t.Expression {
  const values = dynamics ?? ir.slots.map((slot) => (slot.lazy ? t.arrowFunctionExpression([], slot.value()) : slot.value()));
  const args: t.Expression[] = [t.identifier(ir.id), t.arrayExpression(values)];
  if (ir.slots.length > 0 && ir.scope !== null) {
    args.push(t.identifier(ir.scope));
    if (ir.scope === SCOPE && ir.region) ir.region.usesScope = true;
  }
  return t.callExpression(helper("rendered"), args);
}

/** Applies every replacement, innermost first (the analysis recorded them in that order). */
export function transform(analysis: Analysis, used: Set<HelperName>): void {
  for (const { path, build } of analysis.replacements) path.replaceWith(build());
  for (const region of analysis.regions.values()) if (region.usesScope) addScope(region);
  if (analysis.templates.length === 0) return;
  const program = analysis.program;
  const declarations = analysis.templates.map(templateDeclaration);
  const body = program.node.body;
  let at = 0;
  while (at < body.length && body[at]!.type === "ImportDeclaration") at++;
  body.splice(at, 0, ...declarations);
  const names = [...used].sort();
  body.unshift(
    t.importDeclaration(
      names.map((n) => t.importSpecifier(t.identifier(`_$${n}`), t.identifier(n))),
      t.stringLiteral(RUNTIME_MODULE),
    ),
  );
}

function templateDeclaration(ir: TemplateIR): t.VariableDeclaration {
  const deps = t.arrayExpression(
    ir.slots.map((slot) => {
      const list = slot.deps.list();
      return list === null ? t.nullLiteral() : t.arrayExpression(list.map((d) => t.stringLiteral(d)));
    }),
  );
  const args: t.Expression[] = [t.arrayExpression(ir.statics.map((s) => t.stringLiteral(s))), t.stringLiteral(ir.fingerprint), deps];
  const options: t.ObjectProperty[] = [];
  if (ir.root) options.push(t.objectProperty(t.identifier("root"), t.booleanLiteral(true)));
  if (ir.bindings) {
    const bindings = Object.entries(ir.bindings).map(([name, path]) =>
      t.objectProperty(t.identifier(name), t.arrayExpression(path.map((p) => (typeof p === "number" ? t.numericLiteral(p) : t.stringLiteral(p))))),
    );
    options.push(t.objectProperty(t.identifier("bindings"), t.objectExpression(bindings)));
  }
  if (options.length) args.push(t.objectExpression(options));
  const call = t.callExpression(helper("template"), args);
  t.addComment(call, "leading", "#__PURE__", false);
  return t.variableDeclaration("const", [t.variableDeclarator(t.identifier(ir.id), call)]);
}

/**
 * `render: ({ count }) => …` becomes `render: (_props$) => { const { count } = _props$;
 * const _scope$ = track(_props$); … }`: the scope is found from the object the runtime passed.
 */
function addScope(region: RegionIR): void {
  const fn = region.fn as NodePath<t.Function>;
  const node = fn.node;
  const index = node.params.findIndex((p) => !(p.type === "Identifier" && p.name === "this"));
  const first = node.params[index]!;
  const statements: t.Statement[] = [];
  let source: t.Identifier;
  const pattern = first.type === "AssignmentPattern" ? first.left : first;
  if (pattern.type === "Identifier") {
    source = t.identifier(pattern.name);
  } else {
    source = t.identifier("_props$");
    node.params[index] = first.type === "AssignmentPattern" ? t.assignmentPattern(source, first.right) : source;
    statements.push(t.variableDeclaration("const", [t.variableDeclarator(pattern as t.LVal, t.identifier("_props$"))]));
  }
  statements.push(
    t.variableDeclaration("const", [t.variableDeclarator(t.identifier(SCOPE), t.callExpression(helper("track"), [t.identifier(source.name)]))]),
  );
  if (node.body.type === "BlockStatement") node.body.body.unshift(...statements);
  else node.body = t.blockStatement([...statements, t.returnStatement(node.body)]);
}
