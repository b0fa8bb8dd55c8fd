#!/usr/bin/env node
/**
 * The share of always-evaluated slots the compiler leaves, over every fixture case and every
 * demo view, with the reason of each. `npm run tracking:share` (from the repo root) builds the
 * compiler first; `--list` prints every always-evaluated slot, not just the summary.
 *
 * Exits with 1 when a demo view has an always-evaluated slot: the demo is written the way the
 * README recommends, and every slot of it must get precise deps.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../dist/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const list = process.argv.includes("--list");

/** Every slot of a file: [code, reason or null]. */
function slotsOf(file) {
  const source = readFileSync(file, "utf8");
  const { metadata } = compile(source, { filename: relative(root, file), sourceMaps: false });
  return metadata.templates.flatMap((t) => t.slots.map((s) => ({ template: t, code: s.code, reason: s.deps === "*" ? s.reason : null })));
}

function tally(label, files) {
  let total = 0;
  let dirty = 0;
  const reasons = new Map();
  const rows = [];
  for (const file of files) {
    let slots;
    try {
      slots = slotsOf(file);
    } catch {
      continue; // error fixtures
    }
    for (const s of slots) {
      total++;
      if (s.reason === null) continue;
      dirty++;
      const reason = s.reason.replace(/`[^`]*`/g, "`…`").replace(/"[^"]*"/g, '"…"');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      rows.push(`  ${relative(root, file)}:${s.template.line}  ${s.code}\n      ${s.reason}`);
    }
  }
  const share = total ? ((100 * dirty) / total).toFixed(1) : "0.0";
  console.log(`${label}: ${dirty} of ${total} slots always evaluated (${share}%)`);
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${reason}`);
  if (list && rows.length) console.log(rows.join("\n"));
  return dirty;
}

const cases = join(root, "fixtures/cases");
const fixtureFiles = readdirSync(cases)
  .map((d) => join(cases, d, "input.tsx"))
  .filter((f) => existsSync(f) && !existsSync(join(dirname(f), "error.json")));
const views = join(root, "examples/src/views");
const demoFiles = readdirSync(views).filter((f) => f.endsWith(".tsx")).map((f) => join(views, f));

tally("fixtures", fixtureFiles);
const demoDirty = tally("demo views", demoFiles);
if (demoDirty > 0) {
  console.error("The demo views must have no always-evaluated slot (run with --list to see them).");
  process.exitCode = 1;
}
