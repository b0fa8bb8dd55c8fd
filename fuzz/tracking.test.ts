/**
 * Differential fuzzing of change tracking: generated views (fuzz/grammar.ts) run on the server
 * pipeline must keep our client's page equal to a fresh, untracked render after every event.
 *
 * A seeded, bounded property run, then one fixed program per pattern family of the grammar, so a
 * failure there is named. `npm run fuzz:tracking -- --seed <n> --count <m>` runs longer.
 */
import { describe, expect, test } from "vitest";
import { runProgram } from "./harness.js";
import { fuzz } from "./property.js";
import { REGRESSIONS } from "./regressions.js";

const SEED = 20_251_201;
const RUNS = 150;

test("generated views keep the page equal to a fresh render (seeded)", { timeout: 60_000 }, async () => {
  const report = await fuzz({ seed: SEED, numRuns: RUNS, timeLimitMs: 25_000 });
  console.log(report.summary);
  if (report.failure) expect.fail(report.failure);
});

test("the comparison catches a slot whose deps miss what it reads", async () => {
  const program = REGRESSIONS["locals: a const computed from assigns"]!;
  // The slot reads `b` (title and count); planted deps name an assign no event changes.
  const out = await runProgram({ ...program, tamper: (code) => code.replace(/\[\["(title|count)"(, "(title|count)")?\]\]/, '[["mode"]]') });
  expect(out.kind).toBe("failure");
  expect(out.kind === "failure" && out.message).toMatch(/^STALE PAGE at event 0/);
});

describe("pattern families", () => {
  for (const [name, program] of Object.entries(REGRESSIONS)) {
    test(name, async () => {
      const out = await runProgram(program);
      if (out.kind === "failure") expect.fail(out.message);
      expect(out.kind, JSON.stringify(out)).toBe(program.inPlace?.length ? "refused" : "ok");
    });
  }
});
