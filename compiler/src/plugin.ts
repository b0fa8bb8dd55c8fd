import type { PluginObj, PluginPass } from "@babel/core";
import syntaxJsx from "@babel/plugin-syntax-jsx";
import { Analysis } from "./phases/2-analyze/analysis.js";
import { renderedCall, transform } from "./phases/3-transform/emit.js";
import { resetHelpers } from "./phases/3-transform/helpers.js";
import { templateMetadata, type CompileMetadata } from "./metadata.js";
import type { Diagnostic } from "./diagnostics.js";

/** What the plugin leaves in Babel's `result.metadata.livetsx`. */
export interface PluginResult extends CompileMetadata {
  diagnostics: Diagnostic[];
}


/**
 * The LiveTSX Babel plugin: compiles every JSX tree in a module into a hoisted template and a
 * `rendered()` call whose slots carry their deps. Runs on JSX with TypeScript syntax.
 */
export function livetsxBabelPlugin(_api: unknown, options: { filename?: string } = {}): PluginObj<PluginPass> {
  return {
    name: "livetsx",
    inherits: (syntaxJsx as unknown as { default?: unknown }).default ?? syntaxJsx,
    visitor: {
      Program(path, state) {
        const used = resetHelpers();
        const filename = options.filename ?? state.filename ?? "unknown.tsx";
        const analysis = new Analysis(path, state.file.code, filename);
        analysis.renderedCall = renderedCall;
        analysis.run();
        const hasErrors = analysis.diagnostics.some((d) => d.severity === "error");
        if (!hasErrors) transform(analysis, used);
        (state.file.metadata as { livetsx?: PluginResult }).livetsx = {
          diagnostics: analysis.diagnostics,
          templates: analysis.templates.map(templateMetadata),
        };
      },
    },
  };
}
