/**
 * Parsing is Babel's: this phase decides how a file is read (TypeScript or not, JSX always) and
 * which plugins run in the one traversal that strips types and compiles the JSX.
 */
import type { PluginItem, TransformOptions } from "@babel/core";
import transformTypeScript from "@babel/plugin-transform-typescript";
import { livetsxBabelPlugin } from "../../plugin.js";

const TYPESCRIPT = /\.[cm]?tsx?$/;

// Built once: Babel keeps prepared plugins for options it has seen, so equal options per call
// skip reloading the configuration.
const TS_PLUGINS: PluginItem[] = [
  // Before ours: its Program visitor drops type-only imports before any JSX is rewritten.
  [unwrap(transformTypeScript), { isTSX: true, allExtensions: true, allowDeclareFields: true }],
  livetsxBabelPlugin,
];
const TS_PLUGINS_NO_JSX: PluginItem[] = [
  [unwrap(transformTypeScript), { isTSX: false, allExtensions: true, allowDeclareFields: true }],
  livetsxBabelPlugin,
];
const JS_PLUGINS: PluginItem[] = [livetsxBabelPlugin];

export function babelOptions(filename: string, sourceMaps: boolean, sourceInfo = false, hotId: string | null = null): TransformOptions {
  const plugins = TYPESCRIPT.test(filename) ? (filename.endsWith("x") ? TS_PLUGINS : TS_PLUGINS_NO_JSX) : JS_PLUGINS;
  return {
    filename,
    babelrc: false,
    configFile: false,
    sourceMaps,
    // The plugin reports diagnostics with this name, as the caller gave it.
    sourceFileName: filename,
    sourceType: "module",
    // Read by the plugin: whether templates carry their slots' source for development messages,
    // and the module's id when definitions are registered for hot replacement.
    caller: { name: "livetsx", sourceInfo, hotId } as TransformOptions["caller"],
    plugins,
    // Generated strings keep their characters (`♥`, not `\u2665`), as the input wrote them.
    generatorOpts: { jsescOption: { minimal: true } },
  };
}

function unwrap<T>(mod: T): T {
  return ((mod as { default?: T }).default ?? mod) as T;
}
