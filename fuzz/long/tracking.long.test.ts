/**
 * The long fuzz run, outside `npm test`: `npm run fuzz:tracking -- --seed <n> --count <m>`
 * (fuzz/run.mjs sets FUZZ_SEED, FUZZ_COUNT, FUZZ_FAMILIES, FUZZ_EVENTS and runs this file with
 * fuzz/vitest.long.config.ts).
 */
import { expect, test } from "vitest";
import { FAMILIES, type Family } from "../grammar.js";
import { fuzz } from "../property.js";

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
const numRuns = Number(process.env.FUZZ_COUNT ?? 300);
const families = process.env.FUZZ_FAMILIES ? (process.env.FUZZ_FAMILIES.split(",") as Family[]) : undefined;
for (const f of families ?? []) if (!FAMILIES.includes(f)) throw new Error(`unknown family ${f}; the families are ${FAMILIES.join(", ")}`);
const maxEvents = process.env.FUZZ_EVENTS ? Number(process.env.FUZZ_EVENTS) : undefined;

test(`fuzz: ${numRuns} views, seed ${seed}`, async () => {
  const started = Date.now();
  const report = await fuzz({ seed, numRuns, ...(families ? { families } : {}), ...(maxEvents ? { maxEvents } : {}) });
  console.log(`${report.summary}\n${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (report.failure) {
    console.log(report.failure);
    expect.fail(`a stale page: seed ${seed}, the minimal failing view above`);
  }
});
