import { codeFrameColumns } from "@babel/code-frame";

/**
 * Every message a user can get from the compiler, in one place: what went wrong and what to do.
 */
const CATALOGUE = {
  "unknown-event": {
    severity: "error",
    message: (p: { attribute: string; event: string; known: readonly string[]; suggestion: string | null; push?: boolean }) =>
      (p.push ? `JS.push("${p.event}") in ${p.attribute}` : `${p.attribute}="${p.event}"`) +
      ` names an event this view does not handle. ` +
      (p.suggestion ? `Did you mean "${p.suggestion}"? ` : "") +
      (p.known.length ? `The view's events are: ${p.known.map((k) => `"${k}"`).join(", ")}. ` : "The view has no events. ") +
      `Add "${p.event}" to events, or add ${p.push ? "a target to the push or " : ""}phx-target if another component handles it.`,
  },
  "duplicate-key": {
    severity: "error",
    message: (p: { key: string }) =>
      `Duplicate key ${p.key} in a list: every entry needs a unique key, or the patches go to the wrong entry.`,
  },
  "missing-key": {
    severity: "warning",
    message: (p: { tag: string }) =>
      `<${p.tag}> in a list has no key: entries are matched by position, so an insertion re-sends every entry after it. ` +
      `Add key={…} with a stable id.`,
  },
  "void-children": {
    severity: "error",
    message: (p: { tag: string }) => `<${p.tag}> is a void element and cannot have children. Write <${p.tag} /> instead.`,
  },
  "react-event-prop": {
    severity: "error",
    message: (p: { name: string; binding: string }) =>
      `${p.name} is a client-side handler, but views render on the server. Bind a server event instead: ${p.binding}="event_name".`,
  },
  "unknown-binding": {
    severity: "error",
    message: (p: { name: string; suggestion: string | null }) =>
      `${p.name} is not a LiveView binding, so the client would ignore it. ` +
      (p.suggestion ? `Did you mean ${p.suggestion}? ` : "") +
      `For data of your own, use a data-* attribute.`,
  },
  "raw-html-prop": {
    severity: "error",
    message: (_: Record<string, never>) => `dangerouslySetInnerHTML is not supported. Render trusted HTML with {raw(html)} as a child.`,
  },
  "mutates-assign": {
    severity: "error",
    message: (p: { what: string; copy: string | null }) =>
      `\`${p.what}()\` changes an assign in place while rendering` +
      (p.copy ? `; use \`${p.what.replace(/\.[A-Za-z]+$/, `.${p.copy}`)}()\` instead` : "") +
      ` (assigns are read-only in render).`,
  },
  "reserved-name": {
    severity: "error",
    message: (p: { name: string }) => `\`${p.name}\` is a name the compiler generates; rename this variable.`,
  },
  "hooks-not-literal": {
    severity: "error",
    message: (_: Record<string, never>) =>
      `A module's hooks are read when it is built, so they must be declared as \`export const hooks = { Name: { mounted() { … } } }\`: ` +
      `an object literal whose keys are plain names (no spread, no computed key), exported where it is declared.`,
  },
  "hooks-server-only": {
    severity: "error",
    message: (p: { name: string; source: string }) =>
      `Hook code runs in the browser, but \`${p.name}\` comes from "${p.source}", which only runs on the server. ` +
      `Move what the hook needs into a module of its own, or get it from the server with this.pushEvent and a reply.`,
  },
  "hooks-jsx": {
    severity: "error",
    message: (_: Record<string, never>) =>
      `JSX in hook code: views render on the server, and the browser gets the hooks alone. Build the element with DOM calls in the hook, or render it in the view.`,
  },
  "hooks-reassigned": {
    severity: "error",
    message: (p: { name: string }) =>
      `Hook code reads \`${p.name}\`, which the module reassigns: the browser gets its declaration only, never the server's changes. Use a const, or keep it inside the hook.`,
  },
  "unknown-hook": {
    severity: "error",
    message: (p: { name: string; known: readonly string[] }) =>
      `phx-hook=".${p.name}" names a hook of this module, but ` +
      (p.known.length ? `its hooks are: ${p.known.map((k) => `"${k}"`).join(", ")}. ` : `it exports no hooks. `) +
      `Add ${p.name} to \`export const hooks = { … }\`, or drop the dot for a hook given to the LiveSocket.`,
  },
  "hook-without-dot": {
    severity: "warning",
    message: (p: { name: string }) =>
      `phx-hook="${p.name}" names a hook given to the LiveSocket, not this module's hooks.${p.name}; write phx-hook=".${p.name}" for the module's own.`,
  },
  "syntax-error": {
    severity: "error",
    message: (p: { message: string }) => p.message,
  },
} as const;

export type DiagnosticCode = keyof typeof CATALOGUE;
type Params<C extends DiagnosticCode> = Parameters<(typeof CATALOGUE)[C]["message"]>[0];
/** What a diagnostic's message is built from. */
export type DiagnosticParams<C extends DiagnosticCode> = Params<C>;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: "error" | "warning";
  message: string;
  filename: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The source around the location, with a marker. */
  frame: string;
}

export interface SourceLocation {
  line: number;
  /** 0-based, as Babel reports it. */
  column: number;
}

export function diagnostic<C extends DiagnosticCode>(
  code: C,
  params: Params<C>,
  where: { filename: string; source: string; loc: SourceLocation },
): Diagnostic {
  const entry = CATALOGUE[code];
  const message = (entry.message as (p: Params<C>) => string)(params);
  const { line, column } = where.loc;
  return {
    code,
    severity: entry.severity,
    message,
    filename: where.filename,
    line,
    column: column + 1,
    frame: codeFrameColumns(where.source, { start: { line, column: column + 1 } }, { highlightCode: false }),
  };
}

/** `file:line:column: message` followed by the code frame, as terminals and editors expect. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.filename}:${d.line}:${d.column}: ${d.severity} [${d.code}] ${d.message}\n${d.frame}`;
}

/** Thrown by `compile()` when the source has errors; `diagnostics` lists every one of them. */
export class CompileError extends Error {
  readonly code: DiagnosticCode;
  readonly filename: string;
  readonly line: number;
  readonly column: number;
  readonly frame: string;
  /** Shaped like Vite's error location, so the dev overlay shows it. */
  readonly loc: { file: string; line: number; column: number };

  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0]!;
    super(diagnostics.map(formatDiagnostic).join("\n\n"));
    this.name = "CompileError";
    this.code = first.code;
    this.filename = first.filename;
    this.line = first.line;
    this.column = first.column;
    this.frame = first.frame;
    this.loc = { file: first.filename, line: first.line, column: first.column };
  }
}
