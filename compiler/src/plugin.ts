import { types as t, type NodePath, type PluginObj, type PluginPass } from "@babel/core";
import syntaxJsx from "@babel/plugin-syntax-jsx";
import { Analysis, isRoot } from "./phases/2-analyze/analysis.js";
import { addScope, applyReplacements, hoistTemplates, markPureExports, renderedCall } from "./phases/3-transform/emit.js";
import { resetHelpers, type HelperName } from "./phases/3-transform/helpers.js";
import { registerDefinitions } from "./phases/3-transform/hot.js";
import { templateMetadata, type CompileMetadata } from "./metadata.js";
import type { Diagnostic } from "./diagnostics.js";
import { isGeneratedName, isWithin } from "./phases/2-analyze/deps.js";
import { diagnostic } from "./diagnostics.js";
import { separateHooks } from "./hooks.js";
import { walkDescendants } from "./shared/walk.js";

/**
 * What the module holds that the passes before the analysis act on: each of them traverses the
 * whole program with paths, so it runs only when there is something for it to do. Found from the
 * source text when the tree is known to be its parse, else by a walk over the nodes.
 */
interface ModuleShape {
  /** An identifier named like the compiler's own (`renameReserved`). */
  generatedName: boolean;
  /** A `phx-hook="…"` attribute (`separateHooks` renames or reports it). */
  hookAttribute: boolean;
  /** `{items.map(name)}` in JSX, `name` a function of the module (`inlineListCallbacks`). */
  mapByName: boolean;
}

function moduleShape(program: NodePath<t.Program>, source: string | null): ModuleShape {
  const mapByName = mapsFunctionByName(program);
  if (source !== null) {
    // The tree is the parse of `source` (see the caller): a name is in the source as written,
    // unless an escape (`\u005f`) spells it, and a JSX attribute name has no escapes at all.
    return { generatedName: /\\u|_(?:scope|entry|props)\$|_tmpl\$\d|_\$[A-Za-z]/.test(source), hookAttribute: source.includes("phx-hook"), mapByName };
  }
  const shape: ModuleShape = { generatedName: false, hookAttribute: false, mapByName };
  walkDescendants(program.node, (node) => {
    if (node.type === "Identifier") {
      if (isGeneratedName(node.name)) shape.generatedName = true;
    } else if (node.type === "JSXAttribute") {
      if (node.name.type === "JSXIdentifier" && node.name.name === "phx-hook" && node.value?.type === "StringLiteral") shape.hookAttribute = true;
    }
  });
  return shape;
}

/** Whether a function declared in the module is a `.map(name)` argument in JSX: what `inlineListCallbacks` copies. */
function mapsFunctionByName(program: NodePath<t.Program>): boolean {
  for (const binding of Object.values(program.scope.bindings)) {
    if (!binding.path.isFunctionDeclaration()) continue;
    for (const ref of binding.referencePaths) {
      const call = ref.parentPath;
      if (!call?.isCallExpression() || call.node.arguments.length !== 1 || call.node.arguments[0] !== ref.node) continue;
      const callee = call.node.callee;
      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && callee.property.name === "map" && call.parentPath.isJSXExpressionContainer()) return true;
    }
  }
  return false;
}

/**
 * `items.map(renderItem)` in JSX, where `renderItem` is a function of the module returning JSX:
 * its body is copied in as the callback (`items.map((item) => …)`), so the list becomes a keyed
 * comprehension like an inline one. Only when the copy means the same code: every name the
 * function reads outside itself resolves to the same binding at the call, and it uses neither
 * `this` nor `arguments`.
 */
function inlineListCallbacks(program: NodePath<t.Program>): void {
  program.traverse({
    CallExpression(call) {
      const callee = call.node.callee;
      const arg = call.node.arguments[0];
      if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier" || callee.property.name !== "map") return;
      if (call.node.arguments.length !== 1 || arg?.type !== "Identifier") return;
      if (!call.parentPath.isJSXExpressionContainer()) return;
      const binding = call.scope.getBinding(arg.name);
      const fn = binding?.path;
      if (!binding || binding.scope !== program.scope || binding.constantViolations.length > 0 || !fn?.isFunctionDeclaration()) return;
      if (fn.node.async || fn.node.generator || fn.node.params.length > 3) return;
      if (!returnsJSX(fn.node.body)) return;
      let safe = true;
      fn.traverse({
        ThisExpression(p) {
          if (p.getFunctionParent() === fn) safe = false;
        },
        ReferencedIdentifier(p) {
          const name = p.node.name;
          if (name === "arguments") safe = false;
          const own = p.scope.getBinding(name);
          if (own && isWithin(own.path, fn)) return;
          if (call.scope.getBinding(name) !== own) safe = false;
        },
      });
      if (!safe) return;
      const copy = t.arrowFunctionExpression(fn.node.params.map((p) => t.cloneNode(p, true)), t.cloneNode(fn.node.body, true));
      (call.get("arguments.0") as NodePath).replaceWith(copy);
    },
  });
}

function returnsJSX(body: t.BlockStatement): boolean {
  return body.body.some((s) => s.type === "ReturnStatement" && s.argument != null && isJSXValue(s.argument));
}

function isJSXValue(node: t.Node): boolean {
  if (node.type === "JSXElement" || node.type === "JSXFragment") return true;
  if (node.type === "ParenthesizedExpression") return isJSXValue(node.expression);
  if (node.type === "ConditionalExpression") return isJSXValue(node.consequent) || isJSXValue(node.alternate);
  return false;
}


/**
 * User bindings named like the compiler's own (`_scope$`, `_tmpl$0`, `_$rendered`) are renamed
 * before anything else, so generated code never captures or shadows them.
 */
function renameReserved(program: NodePath<t.Program>): void {
  const scopes = new Set<NodePath["scope"]>([program.scope]);
  program.traverse({
    Scopable(p) {
      scopes.add(p.scope);
    },
  });
  for (const scope of scopes) {
    for (const name of Object.keys(scope.bindings)) if (isGeneratedName(name)) scope.rename(name);
  }
}

/** What the plugin leaves in Babel's `result.metadata.livetsx`. */
export interface PluginResult extends CompileMetadata {
  diagnostics: Diagnostic[];
}

interface State extends PluginPass {
  livetsx: { analysis: Analysis; used: Set<HelperName> };
}

/**
 * The LiveTSX Babel plugin: compiles every JSX tree in a module into a hoisted template and a
 * `rendered()` call whose slots carry their deps. Runs on JSX with TypeScript syntax, inside
 * Babel's own traversal: each JSX tree is analysed and replaced when the traversal meets it.
 */
export function livetsxBabelPlugin(): PluginObj<State> {
  return {
    name: "livetsx",
    inherits: (syntaxJsx as unknown as { default?: unknown }).default ?? syntaxJsx,
    visitor: {
      Program: {
        enter(path, state) {
          const filename = state.file.opts.sourceFileName ?? state.filename ?? "unknown.tsx";
          // Through `compile`, the tree is the parse of the file's code, which only the TypeScript
          // plugin has seen before.
          const caller = state.file.opts.caller as { name?: string } | undefined;
          const shape = moduleShape(path, caller?.name === "livetsx" && typeof state.file.code === "string" ? state.file.code : null);
          if (shape.generatedName) renameReserved(path);
          // The hooks are the browser's (see hooks.ts): gone before the analysis sees the module.
          const hookDiagnostics: Diagnostic[] = [];
          separateHooks(path, filename, (code, params, node) =>
            hookDiagnostics.push(diagnostic(code, params, { filename, source: state.file.code, loc: node.loc?.start ?? { line: 1, column: 0 } })),
          shape.hookAttribute);
          if (shape.mapByName) inlineListCallbacks(path);
          const analysis = new Analysis(path, state.file.code, filename);
          analysis.diagnostics.push(...hookDiagnostics);
          analysis.renderedCall = renderedCall;
          state.livetsx = { analysis, used: resetHelpers() };
        },
        exit(_path, state) {
          const { analysis, used } = state.livetsx;
          const caller = state.file.opts.caller as { sourceInfo?: boolean; hotId?: string | null } | undefined;
          if (analysis.templates.length > 0) markPureExports(analysis);
          if (caller?.hotId) registerDefinitions(analysis.program, caller.hotId);
          hoistTemplates(analysis, used, caller?.sourceInfo ? analysis.filename : null);
          (state.file.metadata as { livetsx?: PluginResult }).livetsx = {
            diagnostics: analysis.diagnostics,
            templates: analysis.templates.map(templateMetadata),
          };
        },
      },
      // On exit, so that the traversal has stripped the types inside; only the outermost JSX of a
      // tree, whose nested JSX (branches, list entries, props) is built with it.
      "JSXElement|JSXFragment": {
        exit(path, state) {
          if (!isRoot(path)) return;
          const { analysis } = state.livetsx;
          analysis.processRoot(path as NodePath<t.JSXElement | t.JSXFragment>);
          applyReplacements(analysis);
          analysis.facts.treeVersion++;
        },
      },
      Function: {
        exit(path, state) {
          const region = state.livetsx.analysis.regions.get(path.node);
          if (region?.usesScope) {
            addScope(region);
            state.livetsx.analysis.facts.treeVersion++;
          }
        },
      },
    },
  };
}
