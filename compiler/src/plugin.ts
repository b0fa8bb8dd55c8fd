import type { NodePath, PluginObj, PluginPass, types as t } from "@babel/core";
import syntaxJsx from "@babel/plugin-syntax-jsx";
import { Analysis, isRoot } from "./phases/2-analyze/analysis.js";
import { addScope, applyReplacements, hoistTemplates, markPureExports, renderedCall } from "./phases/3-transform/emit.js";
import { resetHelpers, type HelperName } from "./phases/3-transform/helpers.js";
import { templateMetadata, type CompileMetadata } from "./metadata.js";
import type { Diagnostic } from "./diagnostics.js";
import { isGeneratedName } from "./phases/2-analyze/deps.js";

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
          renameReserved(path);
          const analysis = new Analysis(path, state.file.code, filename);
          analysis.renderedCall = renderedCall;
          state.livetsx = { analysis, used: resetHelpers() };
        },
        exit(_path, state) {
          const { analysis, used } = state.livetsx;
          const caller = state.file.opts.caller as { sourceInfo?: boolean } | undefined;
          if (analysis.templates.length > 0) markPureExports(analysis);
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
        },
      },
      Function: {
        exit(path, state) {
          const region = state.livetsx.analysis.regions.get(path.node);
          if (region?.usesScope) addScope(region);
        },
      },
    },
  };
}
