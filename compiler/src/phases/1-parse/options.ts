/**
 * Parsing is Babel's: this phase decides how a file is read (TypeScript or not, JSX always) and
 * which plugins run in the one traversal that strips types and compiles the JSX.
 */
import type { PluginItem, TransformOptions } from "@babel/core";
import transformTypeScript from "@babel/plugin-transform-typescript";
import { livetsxBabelPlugin } from "../../plugin.js";

const TYPESCRIPT = /\.[cm]?tsx?$/;

export function babelOptions(filename: string, sourceMaps: boolean): TransformOptions {
  const plugins: PluginItem[] = [];
  if (TYPESCRIPT.test(filename)) {
    // Before ours: its Program visitor drops type-only imports before any JSX is rewritten.
    plugins.push([unwrap(transformTypeScript), { isTSX: filename.endsWith("x"), allExtensions: true, allowDeclareFields: true }]);
  }
  plugins.push([livetsxBabelPlugin, { filename }]);
  return {
    filename,
    babelrc: false,
    configFile: false,
    sourceMaps,
    sourceFileName: filename,
    sourceType: "module",
    plugins,
    // Generated strings keep their characters (`♥`, not `\u2665`), as the input wrote them.
    generatorOpts: { jsescOption: { minimal: true } },
  };
}

function unwrap<T>(mod: T): T {
  return ((mod as { default?: T }).default ?? mod) as T;
}
