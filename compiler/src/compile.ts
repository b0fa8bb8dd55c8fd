import { transformSync } from "@babel/core";
import { babelOptions } from "./phases/1-parse/options.js";
import type { PluginResult } from "./plugin.js";
import { CompileError, diagnostic, type Diagnostic } from "./diagnostics.js";
import type { CompileMetadata } from "./metadata.js";

export interface CompileOptions {
  /** Used in diagnostics and source maps; its extension decides whether TypeScript is parsed. */
  filename: string;
  /**
   * What the output runs on. `"server"`: views and components render to templates whose slots
   * the server evaluates by their deps.
   * @default "server"
   */
  target?: "server";
  /** @default true */
  sourceMaps?: boolean;
  /**
   * Templates carry each slot's line, column and code, for the development verifier's messages.
   * @default false
   */
  sourceInfo?: boolean;
}

export interface CompileResult {
  code: string;
  /** A source map (v3) from the output back to the input, or null when disabled. */
  map: object | null;
  /** Warnings (errors throw a `CompileError` instead). */
  diagnostics: Diagnostic[];
  metadata: CompileMetadata;
}

/**
 * Compiles a view module: JSX → hoisted templates (statics + fingerprint) and `rendered()`
 * calls whose slots carry their deps; TypeScript types are removed.
 *
 * @throws {CompileError} with file:line:column and a code frame when the source has errors.
 */
export function compile(code: string, options: CompileOptions): CompileResult {
  const { filename, target = "server", sourceMaps = true, sourceInfo = false } = options;
  if (target !== "server") throw new TypeError(`Unknown compile target "${String(target)}"; the supported target is "server".`);
  let result;
  try {
    result = transformSync(code, babelOptions(filename, sourceMaps, sourceInfo));
  } catch (error) {
    throw asCompileError(error, code, filename);
  }
  const meta = (result?.metadata as { livetsx?: PluginResult } | undefined)?.livetsx;
  if (!result || result.code == null || !meta) throw new Error(`Compiling ${filename} produced no output.`);
  const errors = meta.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new CompileError(errors);
  return {
    code: result.code,
    map: result.map ?? null,
    diagnostics: meta.diagnostics,
    metadata: { templates: meta.templates },
  };
}

function asCompileError(error: unknown, source: string, filename: string): unknown {
  if (error instanceof CompileError) return error;
  const e = error as { loc?: { line: number; column: number }; message?: string };
  if (!e?.loc) return error;
  const message = String(e.message ?? error).replace(/^[^:]*: /, "").split("\n")[0]!.replace(/ \(\d+:\d+\)$/, "");
  return new CompileError([diagnostic("syntax-error", { message }, { filename, source, loc: e.loc })]);
}
