/**
 * Phoenix LiveView's own e2e specs in `npm test`: the runner (run.mjs) on the CI subset below,
 * with the official client and with ours. Every test that expected-failures.js does not list
 * must pass with both; a listed test that passes now is reported so its entry can go. The full
 * suite is `npm run e2e:phoenix` (REPORT.md); this subset keeps CI's run bounded.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const HERE = fileURLToPath(new URL("..", import.meta.url));

/** The spec files CI runs (the others: `npm run e2e:phoenix`). */
export const CI_SPECS = ["js.spec.js", "select.spec.js", "keyed-comprehension.spec.js", "components.spec.js", "colocated.spec.js"];

type Verdict = { kind: string; text: string; reason?: string; newlyPassing?: string };
type Summary = { counts: Record<string, Record<string, number>>; tests: ({ file: string; title: string } & Record<string, Verdict>)[] };

test(
  "upstream's specs pass with both clients, but for the features expected-failures.js names",
  async () => {
    const summary = join(tmpdir(), `livetsx-phoenix-e2e-${process.pid}.json`);
    const output: string[] = [];
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, [join(HERE, "run.mjs"), `--files=${CI_SPECS.join(",")}`, "--no-report", `--summary=${summary}`], {
        cwd: HERE,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (d) => output.push(String(d)));
      child.stderr.on("data", (d) => output.push(String(d)));
      child.on("error", fail);
      child.on("exit", done);
    });
    // A runner that stopped before running anything (no specs, no app) says why in its output.
    expect(existsSync(summary), `the runner wrote no summary (exit ${code}):\n${output.join("").slice(-4000)}`).toBe(true);
    const result = JSON.parse(readFileSync(summary, "utf8")) as Summary;
    const unexplained = result.tests.flatMap((t) =>
      ["official", "livetsx"].filter((c) => t[c]?.kind === "failed").map((c) => `${t.file} › ${t.title} (${c}): ${t[c]!.reason}`),
    );
    const newlyPassing = result.tests.flatMap((t) =>
      ["official", "livetsx"].filter((c) => t[c]?.newlyPassing).map((c) => `${t.file} › ${t.title} (${c})`),
    );
    if (newlyPassing.length > 0) console.warn(`Passing now, remove from expected-failures.js:\n${newlyPassing.join("\n")}`);
    expect(unexplained, output.join("").slice(-4000)).toEqual([]);
    expect(code).toBe(0);
    // The subset ran with both clients and something passed with each.
    expect(result.counts.official!.passed).toBeGreaterThan(0);
    expect(result.counts.livetsx!.passed).toBeGreaterThan(0);
  },
  30 * 60_000,
);
