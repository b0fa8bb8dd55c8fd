/**
 * The property both fuzz runs check: every generated view, joined and driven by its events,
 * keeps our client's page equal to a fresh render. Runs fast-check with a seed and reports the
 * shrunk failure readably (the view's source, the events, the step, expected and received HTML).
 */
import fc from "fast-check";
import { runProgram, type Outcome } from "./harness.js";
import { programs, type GeneratedProgram, type Shape } from "./grammar.js";

export interface FuzzOptions extends Shape {
  seed: number;
  numRuns: number;
  /** Stops generating (and shrinking) after this long; the best counterexample so far is kept. */
  timeLimitMs?: number;
}

export interface FuzzReport {
  /** Views run (generated and shrinking attempts), events sent, outcomes by kind. */
  views: number;
  events: number;
  outcomes: Record<string, number>;
  /** The minimal failing run, readable, or null when every view kept its page fresh. */
  failure: string | null;
  summary: string;
}

function outcomeKey(out: Outcome): string {
  if (out.kind === "rejected") return `rejected:${out.code}`;
  if (out.kind === "failure") return out.message.startsWith("STALE") ? "stale" : "failure";
  return out.kind;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const outcomes: Record<string, number> = {};
  let views = 0;
  let events = 0;
  const property = fc.asyncProperty(programs(options), async (program: GeneratedProgram) => {
    const out = await runProgram(program);
    views++;
    events += out.kind === "ok" ? out.steps : 0;
    const key = outcomeKey(out);
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    if (out.kind === "failure") throw new Error(`${out.message}\n--- families ---\n${program.families.join(", ")}`);
  });
  const result = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
  });
  let failure: string | null = null;
  if (result.failed) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    failure =
      `A generated view left a stale page (seed ${options.seed}, path "${result.counterexamplePath}", ` +
      `${result.numShrinks} shrinks${result.interrupted ? ", interrupted" : ""}).\n` +
      `Replay: npm run fuzz:tracking -- --seed ${options.seed} --count ${options.numRuns}\n\n${error}`;
  }
  const summary =
    `seed ${options.seed}: ${result.numRuns} generated views (${views} run with shrinking), ${events} events; ` +
    Object.entries(outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  return { views, events, outcomes, failure, summary };
}
