/**
 * The runner's verdicts: a failure expected-failures.js names for a missing feature is "not
 * applicable", one it names as a race in the spec's timing is "flaky", any other fails the run;
 * a listed feature test that passes asks for its entry to go, a listed flaky one does not.
 */
import { expect, test } from "vitest";
// @ts-expect-error: the runner is plain JavaScript
import { expectedFailure, verdict } from "../run.mjs";
// @ts-expect-error: plain JavaScript as well
import { EXPECTED_FAILURES } from "../expected-failures.js";

const FLAKY = "exception handling › during connected mount › reloads the page when connected mount fails";
const row = (file: string, title: string, status: string) => ({ file, title, status, error: "Error: expect(received).toEqual(expected)\n  at spec" });

test("a named spec race is flaky when it fails, plain passed when it passes", () => {
  expect(expectedFailure("errors.spec.js", FLAKY, "official")?.flaky).toBe(true);
  expect(verdict(row("errors.spec.js", FLAKY, "failed"), "official")).toMatchObject({ kind: "flaky", text: "failed (flaky)", reason: expect.stringMatching(/2,000 ms/) });
  expect(verdict(row("errors.spec.js", FLAKY, "passed"), "official")).toEqual({ kind: "passed", text: "passed" });
});

test("a missing feature is not applicable when it fails, and asks for its entry to go when it passes", () => {
  const entry = expectedFailure("errors.spec.js", FLAKY, "livetsx");
  expect(entry?.flaky).toBeFalsy();
  expect(verdict(row("errors.spec.js", FLAKY, "failed"), "livetsx")).toMatchObject({ kind: "not applicable", reason: entry.reason });
  expect(verdict(row("errors.spec.js", FLAKY, "passed"), "livetsx")).toMatchObject({ kind: "passed", newlyPassing: entry.reason });
});

test("an unlisted failure fails the run with its first error lines", () => {
  expect(verdict(row("select.spec.js", "no such test", "timedOut"), "official")).toEqual({
    kind: "failed",
    text: "FAILED",
    reason: "unexplained (timedOut): Error: expect(received).toEqual(expected) at spec",
  });
  expect(verdict(undefined, "official").kind).toBe("not run");
});

test("every flaky entry says why in its reason", () => {
  for (const entry of EXPECTED_FAILURES.filter((e: { flaky?: boolean }) => e.flaky)) expect(entry.reason).toMatch(/^flaky/);
});
