/**
 * Hooks in the view module: `export const hooks = { Chart: { mounted() { … } } }` beside the
 * view. The browser gets the hooks alone (`extractHooks`): the export, the imports and module
 * declarations it names, transitively, and nothing else of the module; the server compile drops
 * them (`separateHooks`), so browser-only code never runs on the server either.
 *
 * Hook names are namespaced by the module: `phx-hook=".Chart"` in the module's JSX names its own
 * `hooks.Chart`, and both sides write it as `<file>#Chart` (the file as the compiler was given
 * it, relative to the app's root under the Vite plugin), so two views' `Chart`s never collide,
 * and neither collides with a hook given to the LiveSocket by hand (`phx-hook="Chart"`).
 */
import { builtinModules } from "node:module";
import { parseSync, transformSync, types as t, type NodePath, type PluginObj } from "@babel/core";
import syntaxJsx from "@babel/plugin-syntax-jsx";
import transformTypeScript from "@babel/plugin-transform-typescript";
import { CompileError, diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticParams } from "./diagnostics.js";

/** What `hooks` names in a module: the export, its hooks, and what of the module they use. */
interface HooksExport {
  /** The `hooks` declarator. */
  declarator: NodePath<t.VariableDeclarator>;
  /** Each hook: its name and its value's path. */
  hooks: { name: string; value: NodePath<t.Expression> }[];
  /** Module declarations (declarators, functions, classes) and import specifiers the hooks use. */
  uses: Set<NodePath>;
}

/** Records a problem at a node. */
export type Report = <C extends DiagnosticCode>(code: C, params: DiagnosticParams<C>, node: t.Node) => void;

/** Imports that never belong in a browser bundle: Node's built-ins and the server packages. */
const BUILTINS = new Set(builtinModules);
function isServerOnly(source: string): boolean {
  if (source.startsWith("node:")) return true;
  if (BUILTINS.has(source) || BUILTINS.has(source.split("/")[0]!)) return true;
  return /^@livetsx\/(server|redis|vite|compiler)(\/|$)/.test(source);
}

/** The hook's full name, as the element's `phx-hook` and the browser's registry both write it. */
export function hookName(filename: string, name: string): string {
  return `${filename}#${name}`;
}

/**
 * Finds `export const hooks = { … }` in the module and what its hooks use; reports any other way
 * of exporting `hooks`, a value that is not a static object literal, and hook code that reaches
 * a server-only import, JSX, or a module variable that something reassigns.
 */
export function findHooks(program: NodePath<t.Program>, report: Report): HooksExport | null {
  let found: HooksExport | null = null;
  for (const statement of program.get("body")) {
    if (!statement.isExportNamedDeclaration()) continue;
    const declaration = statement.get("declaration");
    for (const specifier of statement.node.specifiers) {
      if (t.isExportSpecifier(specifier) && exportedName(specifier.exported) === "hooks") report("hooks-not-literal", {}, specifier);
    }
    if (declaration.isFunctionDeclaration() || declaration.isClassDeclaration()) {
      if (declaration.node.id?.name === "hooks") report("hooks-not-literal", {}, declaration.node);
      continue;
    }
    if (!declaration.isVariableDeclaration()) continue;
    for (const declarator of declaration.get("declarations")) {
      const id = declarator.node.id;
      if (!t.isIdentifier(id) || id.name !== "hooks") continue;
      if (declaration.node.kind !== "const") {
        report("hooks-not-literal", {}, declaration.node);
        continue;
      }
      found = hooksOf(declarator, report);
    }
  }
  if (found) found.uses = uses(program, found, report);
  return found;
}

function exportedName(node: t.Identifier | t.StringLiteral): string {
  return t.isIdentifier(node) ? node.name : node.value;
}

function hooksOf(declarator: NodePath<t.VariableDeclarator>, report: Report): HooksExport | null {
  let init = declarator.get("init") as NodePath<t.Expression | null | undefined>;
  while (init.isTSSatisfiesExpression() || init.isTSAsExpression() || init.isParenthesizedExpression() || init.isTSNonNullExpression()) {
    init = init.get("expression") as NodePath<t.Expression>;
  }
  if (!init.isObjectExpression()) {
    report("hooks-not-literal", {}, init.node ?? declarator.node);
    return null;
  }
  const hooks: HooksExport["hooks"] = [];
  for (const property of init.get("properties")) {
    const key = property.isObjectProperty() && !property.node.computed ? property.node.key : null;
    const name = t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : null;
    if (!property.isObjectProperty() || name === null || !/^[A-Za-z_$][\w$-]*$/.test(name)) {
      report("hooks-not-literal", {}, property.node);
      continue;
    }
    hooks.push({ name, value: property.get("value") as NodePath<t.Expression> });
  }
  return { declarator, hooks, uses: new Set() };
}

/** The module's declarations and imports the hooks reach, following each declaration's own reads. */
function uses(program: NodePath<t.Program>, found: HooksExport, report: Report): Set<NodePath> {
  const reached = new Set<NodePath>();
  const queue: NodePath[] = found.hooks.map((h) => h.value);
  const visit = (ref: NodePath<t.Identifier | t.JSXIdentifier>) => {
    const binding = ref.scope.getBinding(ref.node.name);
    if (!binding || binding.scope !== program.scope || binding.path.node === found.declarator.node) return;
    if (binding.kind === "module") {
      const source = (binding.path.parentPath!.node as t.ImportDeclaration).source.value;
      if (isServerOnly(source)) report("hooks-server-only", { name: ref.node.name, source }, ref.node);
    } else if ((binding.kind === "let" || binding.kind === "var") && binding.constantViolations.length > 0) {
      report("hooks-reassigned", { name: ref.node.name }, ref.node);
    }
    if (reached.has(binding.path)) return;
    reached.add(binding.path);
    if (binding.kind !== "module") queue.push(binding.path);
  };
  for (let path = queue.shift(); path; path = queue.shift()) {
    // The value itself may be a name (`Chart: ChartHook`).
    if (path.isIdentifier()) visit(path);
    path.traverse({
      // Types are erased: a name read only in a type brings nothing to the browser.
      TSType: (p) => p.skip(),
      "JSXElement|JSXFragment": (p) => {
        report("hooks-jsx", {}, p.node);
        p.skip();
      },
      ReferencedIdentifier: (p) => {
        if (p.isIdentifier() || p.isJSXIdentifier()) visit(p);
      },
    });
  }
  return reached;
}

/**
 * The server side of a module with hooks (run before the analysis): the `hooks` export goes,
 * and so does whatever of the module only it used; `phx-hook=".Name"` becomes the hook's full
 * name. Returns nothing; problems go to `report`. `hasHookAttributes` false (the caller found no
 * `phx-hook` attribute with a string value in the module) skips the walk that renames them.
 */
export function separateHooks(program: NodePath<t.Program>, filename: string, report: Report, hasHookAttributes = true): void {
  const found = findHooks(program, report);
  // Without a `phx-hook` attribute in the module there is nothing to rename or report.
  if (hasHookAttributes) renameHookAttributes(program, filename, found?.hooks.map((h) => h.name) ?? null, report);
  if (!found) return;
  const declaration = found.declarator.parentPath as NodePath<t.VariableDeclaration>;
  if (declaration.node.declarations.length === 1) declaration.parentPath.remove();
  else found.declarator.remove();
  // Removing one use can leave another unused: until nothing more goes.
  for (let removed = true; removed; ) {
    removed = false;
    program.scope.crawl();
    for (const path of found.uses) {
      if (path.removed || exported(path)) continue;
      const names = path.isVariableDeclarator() ? Object.keys(path.getBindingIdentifiers()) : [bindingName(path)];
      if (names.some((n) => n === null || program.scope.getBinding(n!)?.referenced)) continue;
      removeUse(path);
      removed = true;
    }
  }
  program.scope.crawl();
}

function bindingName(path: NodePath): string | null {
  const node = path.node as { local?: t.Identifier; id?: t.Identifier | null };
  return node.local?.name ?? node.id?.name ?? null;
}

function exported(path: NodePath): boolean {
  const statement = path.isVariableDeclarator() ? path.parentPath.parentPath : path.parentPath;
  return !!statement && (statement.isExportNamedDeclaration() || statement.isExportDefaultDeclaration());
}

/** Removes a declarator or import specifier, and its statement when it was the last one. */
function removeUse(path: NodePath): void {
  const parent = path.parentPath!;
  const siblings = parent.isImportDeclaration() ? parent.node.specifiers : parent.isVariableDeclaration() ? parent.node.declarations : null;
  if (siblings?.length === 1) parent.remove();
  else path.remove();
}

/** `phx-hook=".Name"` → the full name; a name the module does not export is an error. */
function renameHookAttributes(program: NodePath<t.Program>, filename: string, names: string[] | null, report: Report): void {
  program.traverse({
    JSXAttribute(attribute) {
      const { name, value } = attribute.node;
      if (!t.isJSXIdentifier(name) || name.name !== "phx-hook" || !t.isStringLiteral(value)) return;
      if (!value.value.startsWith(".")) {
        if (names?.includes(value.value)) report("hook-without-dot", { name: value.value }, value);
        return;
      }
      const local = value.value.slice(1);
      if (!names?.includes(local)) {
        report("unknown-hook", { name: local, known: names ?? [] }, value);
        return;
      }
      attribute.get("value").replaceWith(t.stringLiteral(hookName(filename, local)));
    },
  });
}

/** The browser module of a view module's hooks: {@link extractHooks}. */
export interface HooksModule {
  /** JavaScript: the imports and declarations the hooks use, and `export const hooks = { … }` with full names. */
  code: string;
  map: object | null;
  /** The hooks' full names. */
  names: string[];
}

/**
 * The browser's part of a module: its hooks under their full names, with the imports and
 * module declarations they use (types removed); an empty `hooks` when it exports none.
 *
 * @throws {CompileError} with file:line:column and a code frame when `hooks` is not a static
 * object literal or its code reaches a server-only import, JSX or a reassigned module variable.
 */
export function extractHooks(code: string, options: { filename: string; sourceMaps?: boolean }): HooksModule {
  const { filename, sourceMaps = true } = options;
  const diagnostics: Diagnostic[] = [];
  let names: string[] = [];
  const report: Report = (c, params, node) => {
    diagnostics.push(diagnostic(c, params, { filename, source: code, loc: node.loc?.start ?? { line: 1, column: 0 } }));
  };
  const extract: PluginObj = {
    name: "livetsx-hooks",
    visitor: {
      Program: {
        enter(program) {
          const found = findHooks(program, report);
          names = found?.hooks.map((h) => hookName(filename, h.name)) ?? [];
          program.node.body = browserBody(program, found, filename);
          program.node.directives = [];
          program.scope.crawl();
        },
      },
    },
  };
  const typescript = /\.[cm]?tsx?$/.test(filename);
  let result;
  try {
    result = transformSync(code, {
      filename,
      babelrc: false,
      configFile: false,
      sourceMaps,
      sourceFileName: filename,
      sourceType: "module",
      plugins: [
        // First: its Program visitor drops the type-only imports before the hooks are looked for.
        ...(typescript ? [[unwrap(transformTypeScript), { isTSX: !/ts$/.test(filename), allExtensions: true }] as [unknown, object]] : []),
        unwrap(syntaxJsx),
        () => extract,
      ] as never,
    });
  } catch (error) {
    if (error instanceof CompileError) throw error;
    const e = error as { loc?: { line: number; column: number }; message?: string };
    if (!e?.loc) throw error;
    const message = String(e.message ?? error).replace(/^[^:]*: /, "").split("\n")[0]!.replace(/ \(\d+:\d+\)$/, "");
    throw new CompileError([diagnostic("syntax-error", { message }, { filename, source: code, loc: e.loc })]);
  }
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new CompileError(errors);
  if (result?.code == null) throw new Error(`Extracting the hooks of ${filename} produced no output.`);
  return { code: result.code, map: result.map ?? null, names };
}

/** The statements the browser gets, in the module's order. */
function browserBody(program: NodePath<t.Program>, found: HooksExport | null, filename: string): t.Statement[] {
  const body: t.Statement[] = [];
  // Compared by node: a statement's paths are not always the bindings' path objects.
  const uses = new Set([...(found?.uses ?? [])].map((p) => p.node));
  for (const statement of program.get("body")) {
    if (statement.isImportDeclaration()) {
      const specifiers = statement.get("specifiers").filter((s) => uses.has(s.node));
      if (specifiers.length > 0) body.push(t.importDeclaration(specifiers.map((s) => s.node), statement.node.source));
      continue;
    }
    const inner = statement.isExportNamedDeclaration() || statement.isExportDefaultDeclaration() ? statement.get("declaration") : statement;
    if (Array.isArray(inner)) continue;
    if (inner.isVariableDeclaration()) {
      const declarators = inner.get("declarations").filter((d) => uses.has(d.node));
      if (declarators.length > 0) body.push(t.variableDeclaration(inner.node.kind, declarators.map((d) => d.node)));
      if (found && inner.node.declarations.includes(found.declarator.node)) body.push(hooksExport(found, filename));
    } else if ((inner.isFunctionDeclaration() || inner.isClassDeclaration()) && uses.has(inner.node)) {
      body.push(inner.node);
    }
  }
  if (!found) body.push(t.exportNamedDeclaration(t.variableDeclaration("const", [t.variableDeclarator(t.identifier("hooks"), t.objectExpression([]))])));
  return body;
}

function hooksExport(found: HooksExport, filename: string): t.Statement {
  const properties = found.hooks.map((h) => t.objectProperty(t.stringLiteral(hookName(filename, h.name)), h.value.node));
  return t.exportNamedDeclaration(t.variableDeclaration("const", [t.variableDeclarator(t.identifier("hooks"), t.objectExpression(properties))]));
}

/**
 * The modules a module imports (static imports, re-exports, `import("…")` of a string), and
 * whether it exports `hooks`: what the Vite plugin follows from the routes to find every hook.
 * A module that does not parse gives nothing (its own compile reports why).
 */
export function scanModule(code: string, filename: string): { imports: string[]; hooks: boolean } {
  let ast: t.File | null;
  try {
    const typescript = /\.[cm]?tsx?$/.test(filename);
    ast = parseSync(code, {
      filename,
      babelrc: false,
      configFile: false,
      sourceType: "module",
      parserOpts: { plugins: typescript ? (/ts$/.test(filename) ? ["typescript"] : ["typescript", "jsx"]) : ["jsx"] },
    });
  } catch {
    return { imports: [], hooks: false };
  }
  const imports = new Set<string>();
  let hooks = false;
  for (const statement of ast?.program.body ?? []) {
    if ((t.isImportDeclaration(statement) && statement.importKind !== "type") || ((t.isExportNamedDeclaration(statement) || t.isExportAllDeclaration(statement)) && statement.source && statement.exportKind !== "type")) {
      imports.add(statement.source!.value);
    }
    if (t.isExportNamedDeclaration(statement) && t.isVariableDeclaration(statement.declaration)) {
      hooks ||= statement.declaration.declarations.some((d) => t.isIdentifier(d.id) && d.id.name === "hooks");
    }
  }
  if (ast && /\bimport\s*\(/.test(code)) {
    t.traverseFast(ast.program, (node) => {
      if (t.isImport((node as t.CallExpression).callee ?? null) && t.isStringLiteral((node as t.CallExpression).arguments[0])) {
        imports.add(((node as t.CallExpression).arguments[0] as t.StringLiteral).value);
      }
    });
  }
  return { imports: [...imports], hooks };
}

function unwrap<T>(mod: T): T {
  return ((mod as { default?: T }).default ?? mod) as T;
}
