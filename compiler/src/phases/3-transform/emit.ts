/**
 * The transform: reads the analysis and rewrites the AST. Every JSX tree becomes
 * `rendered(_tmpl$N, [slots], scope)`, templates are hoisted, regions get their scope variable.
 */
import * as gen from "./build.js";
import { types as t, type NodePath } from "@babel/core";
import { SCOPE, type Analysis, type RegionIR } from "../2-analyze/analysis.js";
import type { TemplateIR } from "../2-analyze/ir.js";
import { helper, RUNTIME_MODULE, type HelperName } from "./helpers.js";

export function renderedCall(ir: TemplateIR, dynamics?: t.Expression[]): t.Expression {
  const values = dynamics ?? ir.slots.map((slot) => (slot.lazy ? gen.arrowFunctionExpression([], slot.value()) : slot.value()));
  const args: t.Expression[] = [gen.identifier(ir.id), gen.arrayExpression(values)];
  if (ir.slots.length > 0 && ir.scope !== null) {
    args.push(gen.identifier(ir.scope));
    if (ir.scope === SCOPE && ir.region) ir.region.usesScope = true;
  }
  return gen.callExpression(helper("rendered"), args);
}

/** Applies the pending replacements, innermost first (the analysis recorded them in that order). */
export function applyReplacements(analysis: Analysis): void {
  for (const { path, build } of analysis.replacements) setNode(path, build());
  analysis.replacements.length = 0;
}

/**
 * Puts a node in place of a path's node without re-queueing it: the traversal has already been
 * through this subtree (types stripped), and the generated code needs no further visit.
 */
function setNode(path: NodePath, node: t.Node): void {
  (path.container as unknown as Record<string | number, t.Node>)[path.key!] = node;
  path.node = node;
}

/**
 * Marks the module's exported functions the analysis proved pure (`_$pure(Flash)`), so that
 * modules importing them can trust their deps; appended at the end of the module.
 */
export function markPureExports(analysis: Analysis): void {
  const program = analysis.program;
  const marks: t.Statement[] = [];
  for (const { name, requires } of analysis.pureExports()) {
    const args: t.Expression[] = [gen.identifier(name)];
    if (requires.length) args.push(gen.arrayExpression(requires.map((r) => gen.arrowFunctionExpression([], gen.identifier(r)))));
    marks.push(t.expressionStatement(gen.callExpression(helper("pure"), args)));
  }
  program.node.body.push(...marks);
}

/** Hoists the templates after the imports and imports the helpers used. */
export function hoistTemplates(analysis: Analysis, used: Set<HelperName>, sourceFile: string | null = null): void {
  if (analysis.templates.length === 0 && used.size === 0) return;
  const program = analysis.program;
  const declarations = analysis.templates.map((ir) => templateDeclaration(ir, sourceFile));
  const body = program.node.body;
  let at = 0;
  while (at < body.length && body[at]!.type === "ImportDeclaration") at++;
  body.splice(at, 0, ...declarations);
  const names = [...used].sort();
  body.unshift(
    t.importDeclaration(
      names.map((n) => t.importSpecifier(gen.identifier(`_$${n}`), gen.identifier(n))),
      gen.stringLiteral(RUNTIME_MODULE),
    ),
  );
}

function templateDeclaration(ir: TemplateIR, sourceFile: string | null): t.VariableDeclaration {
  const deps = gen.arrayExpression(
    ir.slots.map((slot) => {
      const list = slot.deps.list();
      if (list === null) return gen.nullLiteral();
      const array = gen.arrayExpression(list.map((d) => gen.stringLiteral(d)));
      if (slot.deps.requires.size === 0) return array;
      const getters = [...slot.deps.requires].sort().map((name) => gen.arrowFunctionExpression([], gen.identifier(name)));
      return gen.callExpression(helper("pureDeps"), [gen.arrayExpression(getters), array]);
    }),
  );
  const args: t.Expression[] = [gen.arrayExpression(ir.statics.map((s) => gen.stringLiteral(s))), gen.stringLiteral(ir.fingerprint), deps];
  const options: t.ObjectProperty[] = [];
  if (ir.root) options.push(gen.objectProperty(gen.identifier("root"), gen.booleanLiteral(true)));
  if (ir.bindings) {
    const bindings = Object.entries(ir.bindings).map(([name, path]) =>
      gen.objectProperty(gen.identifier(name), gen.arrayExpression(path.map((p) => (typeof p === "number" ? gen.numericLiteral(p) : gen.stringLiteral(p))))),
    );
    options.push(gen.objectProperty(gen.identifier("bindings"), gen.objectExpression(bindings)));
  }
  if (ir.selects) {
    const selects = Object.entries(ir.selects).map(([dep, probe]) => gen.objectProperty(gen.stringLiteral(dep), gen.stringLiteral(probe)));
    options.push(gen.objectProperty(gen.identifier("selects"), gen.objectExpression(selects)));
  }
  if (sourceFile !== null && ir.slots.length > 0) {
    const slots = ir.slots.map((s) => gen.arrayExpression([gen.numericLiteral(s.line), gen.numericLiteral(s.column), gen.stringLiteral(s.code)]));
    const source = gen.objectExpression([
      gen.objectProperty(gen.identifier("file"), gen.stringLiteral(sourceFile)),
      gen.objectProperty(gen.identifier("slots"), gen.arrayExpression(slots)),
    ]);
    options.push(gen.objectProperty(gen.identifier("source"), source));
  }
  if (options.length) args.push(gen.objectExpression(options));
  const call = gen.callExpression(helper("template"), args);
  t.addComment(call, "leading", "#__PURE__", false);
  return t.variableDeclaration("const", [t.variableDeclarator(gen.identifier(ir.id), call)]);
}

/**
 * `render: ({ count }) => …` becomes `render: (_props$) => { const { count } = _props$;
 * const _scope$ = track(_props$); … }`: the scope is found from the object the runtime passed.
 */
export function addScope(region: RegionIR): void {
  const fn = region.fn as NodePath<t.Function>;
  const node = fn.node;
  const index = node.params.findIndex((p) => !(p.type === "Identifier" && p.name === "this"));
  const first = node.params[index]!;
  const statements: t.Statement[] = [];
  let source: t.Identifier;
  const pattern = first.type === "AssignmentPattern" ? first.left : first;
  if (pattern.type === "Identifier") {
    source = gen.identifier(pattern.name);
  } else {
    source = gen.identifier("_props$");
    node.params[index] = first.type === "AssignmentPattern" ? t.assignmentPattern(source, first.right) : source;
    // A destructured parameter the body reassigns (`title ||= sub`) stays assignable.
    const reassigned = Object.values(t.getBindingIdentifiers(pattern)).some((id) => (fn.scope.getBinding(id.name)?.constantViolations.length ?? 0) > 0);
    statements.push(t.variableDeclaration(reassigned ? "let" : "const", [t.variableDeclarator(pattern as t.LVal, gen.identifier("_props$"))]));
  }
  statements.push(
    t.variableDeclaration("const", [t.variableDeclarator(gen.identifier(SCOPE), gen.callExpression(helper("track"), [gen.identifier(source.name)]))]),
  );
  if (node.body.type === "BlockStatement") node.body.body.unshift(...statements);
  else node.body = t.blockStatement([...statements, t.returnStatement(node.body)]);
}
