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
  /**
   * The module's id for hot replacement under a dev server (its absolute path): each
   * `defineView(…)` and `defineComponent(…)` of the runtime is registered by this id and its
   * binding's name, so that the definition keeps its identity when the edited module runs again
   * and takes the new code in place. @default none: definitions are left as written
   */
  hotId?: string;
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
  const { filename, target = "server", sourceMaps = true, sourceInfo = false, hotId = null } = options;
  if (target !== "server") throw new TypeError(`Unknown compile target "${String(target)}"; the supported target is "server".`);
  let result;
  try {
    result = transformSync(code, babelOptions(filename, sourceMaps, sourceInfo, hotId));
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
  return new CompileError([diagnostic("syntax-error", { message: withHint(message, unclosedBraceHint(source, e.loc)) }, { filename, source, loc: e.loc })]);
}

function withHint(message: string, hint: string): string {
  return hint ? `${message.replace(/\.?$/, ".")}${hint}.` : message;
}

/**
 * A JSX expression left open (`<p>{count</p>`) makes the parser read the markup after it as
 * JavaScript, and its error (an unterminated regular expression, an unexpected token) points
 * there. When the error's line, up to the error, holds a `{` after a tag that no `}` closes,
 * the message names that brace.
 */
function unclosedBraceHint(source: string, loc: { line: number; column: number }): string {
  const line = source.split(/\r\n?|\n/)[loc.line - 1] ?? "";
  const upTo = line.slice(0, loc.column);
  if (!/<[A-Za-z]/.test(upTo)) return "";
  const open: number[] = [];
  for (let i = 0; i < upTo.length; i++) {
    if (upTo[i] === "{") open.push(i);
    else if (upTo[i] === "}") open.pop();
  }
  const brace = open.at(-1);
  if (brace === undefined || !/<[A-Za-z]/.test(upTo.slice(0, brace))) return "";
  return ` The \`{\` at ${loc.line}:${brace + 1} is not closed: in JSX a \`{\` starts a JavaScript expression that runs to its \`}\`, so the markup after it is read as JavaScript`;
}
