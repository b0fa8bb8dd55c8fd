/**
 * One fuzz run: a generated view module compiled, imported fresh (its module-level state is its
 * own), joined in process, driven through an event sequence; after the join and after every
 * event the HTML our client holds (every diff merged into a `Rendered`) must equal a fresh render
 * of the same assigns without change tracking.
 */
import { mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DiagnosticCode } from "@livetsx/compiler";
import { renderToString } from "@livetsx/server";
import type { ViewDefinition } from "../runtime-server/src/view.js";
import { viewInstance } from "../runtime-server/test/support.js";
import { Rendered, type Diff } from "../runtime-client/src/rendered.js";

/**
 * The compiler under test: its sources (what `npm test` tests), or with FUZZ_COMPILER=dist the
 * last build (`npm run build -w compiler`), to fuzz a known state while the sources are edited.
 */
const { compile, CompileError } = (
  process.env.FUZZ_COMPILER === "dist" ? await import("../compiler/dist/index.js") : await import("@livetsx/compiler")
) as typeof import("@livetsx/compiler");

const outDir = join(dirname(fileURLToPath(import.meta.url)), ".out");

/** An event the run sends: a name of the view's `events` and its payload. */
export interface FuzzEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface Program {
  source: string;
  events: FuzzEvent[];
  /**
   * Events whose handler changes an assign in place without assigning it again: development
   * may refuse them loudly ("changed in place"), which ends the run without a failure; if it
   * does not, the page must still be fresh.
   */
  inPlace?: readonly string[];
  /** Changes the compiled code before it runs: how the oracle's own test plants a wrong dep. */
  tamper?: (code: string) => string;
}

/**
 * The compiler's deliberate errors: a program it rejects with one of these is not a failure
 * (the grammar should not produce them; they are counted). Any other error is a failure.
 */
export const DELIBERATE: ReadonlySet<DiagnosticCode> = new Set([
  "unknown-event",
  "duplicate-key",
  "void-children",
  "react-event-prop",
  "raw-html-prop",
]);

export type Outcome =
  | { kind: "ok"; steps: number; unchanged: number }
  | { kind: "rejected"; code: DiagnosticCode; message: string }
  | { kind: "refused"; steps: number; message: string }
  | { kind: "failure"; message: string; file?: string };

let counter = 0;

/**
 * What the comparison leaves out. Nothing so far: `Rendered.toString()` carries no client marks
 * (`data-phx-id` only appears in `domHTML`), and the server's `renderToString` writes the same
 * statics. Anything that differs is content.
 */
export function normalise(html: string): string {
  return html;
}

const show = (events: FuzzEvent[]) => events.map((e, i) => `  ${i}: ${e.name} ${JSON.stringify(e.payload)}`).join("\n");

function report(program: Program, what: string, details = ""): string {
  return `${what}\n--- view source ---\n${program.source}\n--- events ---\n${show(program.events) || "  (none)"}${details ? `\n${details}` : ""}`;
}

/** Compiles, imports and runs `program`; never throws for a problem of the program. */
export async function runProgram(program: Program): Promise<Outcome> {
  const n = ++counter;
  const filename = `gen/view-${n}.tsx`;
  let code: string;
  try {
    code = compile(program.source, { filename }).code;
    if (program.tamper) code = program.tamper(code);
  } catch (error) {
    if (error instanceof CompileError && DELIBERATE.has(error.code)) {
      return { kind: "rejected", code: error.code, message: error.message };
    }
    const what = error instanceof CompileError ? `compile error [${error.code}]` : "the compiler crashed";
    return { kind: "failure", message: report(program, `${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`) };
  }

  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `view-${process.pid}-${n}.mjs`);
  writeFileSync(file, code);
  const fail = (what: string, details = ""): Outcome => ({
    kind: "failure",
    message: report(program, what, `${details}\n--- compiled (${file}) ---\n${code}`),
    file,
  });

  let view: ViewDefinition<Record<string, unknown>>;
  try {
    view = ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: ViewDefinition<Record<string, unknown>> }).default;
  } catch (error) {
    return fail(`importing the compiled module failed: ${String(error)}`);
  }

  // The server's own verifier is off: the comparison here is the oracle, client merge included.
  const instance = viewInstance("fuzz", view, () => undefined, { verify: false });
  const ours = new Rendered();
  const steps: string[] = [];
  let unchanged = 0;

  /** null when the page matches a fresh render; the failure otherwise. */
  const check = (label: string, diff: Diff | undefined): Outcome | null => {
    if (diff !== undefined) ours.merge(structuredClone(diff));
    const received = normalise(ours.toString());
    let expected: string;
    try {
      // A copy of the assigns has no tracking scope: every slot is evaluated.
      expected = normalise(renderToString(view.render({ ...instance.socket.assigns })));
    } catch (error) {
      return fail(`${label}: the fresh reference render threw: ${error instanceof Error ? error.stack : String(error)}`);
    }
    steps.push(label);
    if (received === expected) return null;
    return fail(
      `STALE PAGE at ${label}`,
      `--- assigns ---\n${JSON.stringify(instance.socket.assigns)}\n--- diff ---\n${JSON.stringify(diff)}\n` +
        `--- expected (fresh render) ---\n${expected}\n--- received (client after diffs) ---\n${received}`,
    );
  };

  let joined;
  try {
    joined = await instance.join({}, {});
  } catch (error) {
    return fail(`join threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (!("rendered" in joined)) return fail("the view navigated away on join");
  const first = check("join", joined.rendered);
  if (first) return first;

  for (const [i, event] of program.events.entries()) {
    let diff: Diff | undefined;
    try {
      diff = (await instance.event(event.name, event.payload)).diff as Diff | undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (program.inPlace?.includes(event.name) && /changed in place/.test(message)) {
        instance.dispose("leave");
        unlinkSync(file);
        return { kind: "refused", steps: i, message };
      }
      return fail(`event ${i} (${event.name}) threw: ${error instanceof Error ? error.stack : message}`);
    }
    if (diff === undefined) unchanged++;
    const failed = check(`event ${i} (${event.name} ${JSON.stringify(event.payload)})`, diff);
    if (failed) return failed;
  }
  instance.dispose("leave");
  unlinkSync(file);
  return { kind: "ok", steps: program.events.length, unchanged };
}
