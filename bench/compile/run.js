/**
 * Compile benchmark: LiveTSX compiler vs Babel's plain JSX transform, same input, same process.
 *
 * Measures the wall time of one `compile(code, { filename, sourceMaps: true })` from
 * "@livetsx/compiler" (TSX → JS with statics/slots templates) against one Babel `transformSync` with
 * @babel/plugin-transform-typescript (isTSX) + @babel/plugin-transform-react-jsx (classic runtime,
 * pragma `h`) and source maps, on a generated view of 300+ lines (bench/compile/generate.js).
 * After a warm-up it runs interleaved rounds (each round: ITERATIONS compiles with one, then
 * ITERATIONS with the other; the order alternates every round; a minor GC runs before each batch
 * so neither side pays for the other's short-lived garbage), and reports ms per compile (median, min–max over
 * rounds), the ratio of the medians and the median of the per-round ratios. Target: ours <= 1.0×.
 *
 * Writes bench/results/compile.json (samples, medians, ratios, machine) and the input to
 * bench/.tmp/view.tsx.
 *
 * Run (from the repo root):   npm run bench            (builds the compiler first)
 *                        or:  npm run bench:compile -w bench
 *                        or:  node bench/compile/run.js (needs compiler/dist, `npx tsc -b compiler`)
 * Environment:
 *   ROUNDS=30        timed rounds
 *   ITERATIONS=auto  compiles per side per round; auto aims at ROUND_MS per round
 *   ROUND_MS=1000    round length used by ITERATIONS=auto
 *   WARMUP_MS=2000   warm-up time (both sides, alternating; at least 5 compiles each)
 *   MAX_SECONDS=55   stop taking rounds once this much time has passed (at least 5 rounds run)
 *   LINES=360 SEED=1 generator options (minimum line count, PRNG seed)
 *   BABEL_ONLY=1     time Babel alone (for when the compiler does not build); writes no JSON
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

import { parseSync, transformSync } from "@babel/core";
import tsPluginModule from "@babel/plugin-transform-typescript";
import jsxPluginModule from "@babel/plugin-transform-react-jsx";

import { checkEvents, countLines, generateView } from "./generate.js";
import { busyWarning, envInt, failer, machineInfo, median, packageVersion, summary } from "../lib.js";

const startedAt = process.hrtime.bigint();
const loadAtStart = os.loadavg()[0];
const repoDir = fileURLToPath(new URL("../..", import.meta.url));
const tmpFile = new URL("../.tmp/view.tsx", import.meta.url);
const resultFile = new URL("../results/compile.json", import.meta.url);
const FILENAME = "view.tsx";

// ---------------------------------------------------------------------------------------------
// Options

const fail = failer("compile");
const ROUNDS = envInt("ROUNDS", 30);
const ITERATIONS = envInt("ITERATIONS", null);
const ROUND_MS = envInt("ROUND_MS", 1000);
const WARMUP_MS = envInt("WARMUP_MS", 2000, 0);
const MAX_SECONDS = envInt("MAX_SECONDS", 55);
const LINES = envInt("LINES", 360);
const SEED = envInt("SEED", 1, 0);
const BABEL_ONLY = process.env.BABEL_ONLY === "1" || process.env.BABEL_ONLY === "true";
const MIN_ROUNDS = Math.min(5, ROUNDS);

// ---------------------------------------------------------------------------------------------
// The two compilers

const unwrap = (mod) => mod?.default ?? mod; // CJS plugins: module.exports.default is the plugin
const babelOptions = {
  filename: FILENAME,
  babelrc: false,
  configFile: false,
  sourceMaps: true,
  plugins: [
    [unwrap(tsPluginModule), { isTSX: true }],
    [unwrap(jsxPluginModule), { runtime: "classic", pragma: "h" }],
  ],
};
const babelCompile = (code) => transformSync(code, babelOptions);

async function loadLivetsx() {
  try {
    const mod = await import("@livetsx/compiler");
    return { mod, entry: fileURLToPath(import.meta.resolve("@livetsx/compiler")) };
  } catch (err) {
    if (err?.code !== "ERR_MODULE_NOT_FOUND") throw err;
    // The package link may be missing from node_modules; fall back to the built file itself.
    const dist = new URL("../../compiler/dist/index.js", import.meta.url);
    if (!existsSync(dist)) {
      fail(
        "cannot load @livetsx/compiler: compiler/dist/index.js does not exist.\n" +
          "  Build it with `npx tsc -b compiler` from the repo root (`npm run bench` does this),\n" +
          "  or run with BABEL_ONLY=1 to time Babel alone.\n" +
          `  (${err.message.split("\n")[0]})`,
      );
    }
    console.warn(`note: "@livetsx/compiler" did not resolve (${err.message.split("\n")[0]}); using ${dist.pathname}`);
    return { mod: await import(dist.href), entry: fileURLToPath(dist) };
  }
}

// ---------------------------------------------------------------------------------------------
// Sanity checks (before any timing)

/** Parses `code` as plain JavaScript (no JSX, no TypeScript); returns the error message or null. */
function plainJsError(code, name) {
  try {
    parseSync(code, { babelrc: false, configFile: false, sourceType: "module", filename: name });
    return null;
  } catch (err) {
    return err.message.split("\n")[0].replace(/^.*-output\.js: /, "");
  }
}

function checkLivetsxOutput(result) {
  if (!result || typeof result !== "object" || typeof result.then === "function") {
    fail(`compile() returned ${result && typeof result.then === "function" ? "a Promise" : String(result)}; expected { code, map, diagnostics, metadata }`);
  }
  if (typeof result.code !== "string") fail("compile() result has no string `code`");
  const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
  const errors = diagnostics.filter((d) => [d?.severity, d?.level, d?.kind, d?.category].includes("error"));
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((d) => `  - ${d.message ?? JSON.stringify(d)}`).join("\n");
    fail(`compile() reported ${errors.length} error diagnostic(s) on the generated view (bench/.tmp/view.tsx):\n${shown}`);
  }
  const parseError = plainJsError(result.code, "livetsx-output.js");
  if (parseError) {
    fail(`livetsx output is not plain JavaScript (JSX or TypeScript left in it?): ${parseError}`);
  }
  // "@livetsx/server" or one of its subpaths ("@livetsx/server/template").
  const server = String.raw`["']@livetsx\/server(?:\/[\w./-]+)?["']`;
  const importsServer = new RegExp(String.raw`\bfrom\s*${server}|\bimport\s*(?:\(\s*)?${server}`).test(result.code);
  if (!importsServer) fail('livetsx output does not import from "@livetsx/server"');
  if (result.map == null) {
    console.warn("warning: compile(..., { sourceMaps: true }) returned no map; the comparison is not like for like");
  }
  return { diagnostics: diagnostics.length };
}

function checkBabelOutput(result) {
  if (!result || typeof result.code !== "string") fail("Babel returned no code");
  if (!result.code.includes("h(")) fail("Babel output contains no `h(` call: the JSX transform did not run");
  const parseError = plainJsError(result.code, "babel-output.js");
  if (parseError) fail(`Babel output is not plain JavaScript: ${parseError}`);
  if (result.map == null) fail("Babel returned no source map");
}

// ---------------------------------------------------------------------------------------------
// Timing helpers

// A minor (young-generation) GC before each timed batch, so a batch is not billed for short-lived
// garbage the other side left behind. Not a full GC: on V8 11 a forced full GC makes the next ~10
// compiles about 1.5x slower (measured on Babel here), which would only add noise.
v8.setFlagsFromString("--expose-gc");
const fullGc = vm.runInNewContext("gc");
const gc = () => fullGc({ type: "minor" });

let sink = 0;
function timeBatch(fn, code, n) {
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += fn(code).code.length;
  const t1 = process.hrtime.bigint();
  return Number(t1 - t0) / 1e6 / n; // ms per compile
}

const elapsedMs = () => Number(process.hrtime.bigint() - startedAt) / 1e6;

const fmtMs = (ms) => ms.toFixed(ms < 10 ? 3 : 2).padStart(9);
const fmtRatio = (r) => `${r.toFixed(2)}x`;

// ---------------------------------------------------------------------------------------------
// Main

const code = generateView({ lines: LINES, seed: SEED });
checkEvents(code);
mkdirSync(dirname(fileURLToPath(tmpFile)), { recursive: true });
writeFileSync(tmpFile, code);
const input = { file: relative(repoDir, fileURLToPath(tmpFile)), lines: countLines(code), bytes: Buffer.byteLength(code), seed: SEED, minLines: LINES };

const sides = [];
let livetsxCheck = null;
let livetsxVersion = null;
let livetsxBuild = null;
if (!BABEL_ONLY) {
  const { mod, entry } = await loadLivetsx();
  // When the loaded build was written: the compiler changes often, so say which build was timed.
  const distDir = dirname(entry);
  const newest = readdirSync(distDir, { recursive: true })
    .filter((f) => String(f).endsWith(".js"))
    .reduce((max, f) => Math.max(max, statSync(join(distDir, String(f))).mtimeMs), 0);
  livetsxBuild = { entry: relative(repoDir, entry), newestJsFile: new Date(newest).toISOString() };
  if (typeof mod.compile !== "function") fail("@livetsx/compiler has no `compile` export");
  const livetsxCompile = (src) => mod.compile(src, { filename: FILENAME, sourceMaps: true });
  let first;
  try {
    first = livetsxCompile(code);
  } catch (err) {
    // A CompileError's message has file:line:column and a code frame; anything else, the stack.
    const detail = err?.name === "CompileError" ? err.message : (err?.stack ?? String(err));
    fail(`compile() threw on the generated view (bench/.tmp/view.tsx):\n${detail}`);
  }
  livetsxCheck = checkLivetsxOutput(first);
  livetsxCheck.outputBytes = Buffer.byteLength(first.code);
  livetsxVersion = JSON.parse(readFileSync(new URL("../../compiler/package.json", import.meta.url), "utf8")).version;
  sides.push({ key: "livetsx", label: "livetsx", fn: livetsxCompile });
}
const babelFirst = babelCompile(code);
checkBabelOutput(babelFirst);
sides.push({ key: "babel", label: "babel jsx", fn: babelCompile });

// Warm-up: alternate single compiles until WARMUP_MS has passed and each side ran 5 times.
const warmStart = elapsedMs();
const warmTimes = sides.map(() => []);
while (elapsedMs() - warmStart < WARMUP_MS || warmTimes.some((t) => t.length < 5)) {
  sides.forEach((side, i) => {
    const t0 = process.hrtime.bigint();
    side.fn(code);
    warmTimes[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
  });
}

// Iterations per round: fixed, or sized from the last warm-up compiles so a round takes ~ROUND_MS.
let iterations = ITERATIONS;
if (iterations == null) {
  const perRound = warmTimes.reduce((sum, times) => sum + median(times.slice(-10)), 0);
  iterations = Math.max(1, Math.min(1000, Math.round(ROUND_MS / perRound)));
}

const samples = Object.fromEntries(sides.map((s) => [s.key, []]));
const order = [];
const timedCpu = process.cpuUsage();
const timedStart = elapsedMs();
let stoppedEarly = false;
for (let round = 0; round < ROUNDS; round++) {
  if (round >= MIN_ROUNDS && elapsedMs() > MAX_SECONDS * 1000) {
    stoppedEarly = true;
    break;
  }
  const roundSides = round % 2 === 0 ? sides : [...sides].reverse();
  order.push(roundSides.map((s) => s.key).join(","));
  for (const side of roundSides) samples[side.key].push(timeBatch(side.fn, code, iterations));
}
const rounds = order.length;
// CPU time this process got per second of wall time while timing. Uncontended it is about 1 (or a
// little more, with GC helper threads); well below 1 means other processes took CPU from us.
const cpuUsed = process.cpuUsage(timedCpu);
const cpuShare = (cpuUsed.user + cpuUsed.system) / 1000 / (elapsedMs() - timedStart);

// ---------------------------------------------------------------------------------------------
// Report

const stats = Object.fromEntries(sides.map((s) => [s.key, summary(samples[s.key])]));
const machine = machineInfo({ loadAverage1mAtStart: loadAtStart, cpuShareWhileTiming: cpuShare });

console.log("LiveTSX compile benchmark");
console.log(`input    ${input.file}: ${input.lines} lines, ${(input.bytes / 1024).toFixed(1)} KiB (seed ${SEED})`);
console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, Node ${machine.node}`);
console.log(
  `setup    ${rounds} rounds x ${iterations} compiles per side, warm-up ${(WARMUP_MS / 1000).toFixed(1)} s, ` +
    "order alternating, minor GC before each batch, source maps on" +
    (stoppedEarly ? ` (stopped after ${rounds} of ${ROUNDS} rounds: MAX_SECONDS=${MAX_SECONDS})` : ""),
);
const busy = busyWarning(loadAtStart, machine.cores, cpuShare);
if (busy) console.log(busy);
console.log("");
console.log(`${"ms per compile".padEnd(16)}${"median".padStart(9)}${"min".padStart(9)}${"max".padStart(9)}`);
for (const side of sides) {
  const s = stats[side.key];
  console.log(`${side.label.padEnd(16)}${fmtMs(s.median)}${fmtMs(s.min)}${fmtMs(s.max)}`);
}

let ratios = null;
if (!BABEL_ONLY) {
  const perRound = samples.livetsx.map((ours, i) => ours / samples.babel[i]);
  ratios = {
    ofMedians: stats.livetsx.median / stats.babel.median,
    medianOfRounds: median(perRound),
    minOfRounds: Math.min(...perRound),
    maxOfRounds: Math.max(...perRound),
    perRound,
  };
  console.log("");
  console.log(`ratio of medians      ${fmtRatio(ratios.ofMedians)}`);
  console.log(
    `median round ratio    ${fmtRatio(ratios.medianOfRounds)} ` +
      `(rounds: ${fmtRatio(ratios.minOfRounds)}–${fmtRatio(ratios.maxOfRounds)})`,
  );
  console.log(`target <= 1.0x        ${ratios.ofMedians <= 1 ? "met" : "NOT met"}`);
  console.log(
    `output size           livetsx ${(livetsxCheck.outputBytes / 1024).toFixed(1)} KiB, ` +
      `babel ${(Buffer.byteLength(babelFirst.code) / 1024).toFixed(1)} KiB`,
  );
  console.log("");
  console.log(
    `compile: livetsx ${stats.livetsx.median.toFixed(2)} ms, babel jsx ${stats.babel.median.toFixed(2)} ms, ` +
      `ratio ${fmtRatio(ratios.ofMedians)} (target <= 1.0x)`,
  );

  const result = {
    benchmark: "compile",
    date: new Date().toISOString(),
    machine,
    packages: {
      "@livetsx/compiler": livetsxVersion,
      "@babel/core": packageVersion("@babel/core"),
      "@babel/plugin-transform-typescript": packageVersion("@babel/plugin-transform-typescript"),
      "@babel/plugin-transform-react-jsx": packageVersion("@babel/plugin-transform-react-jsx"),
    },
    compilerBuild: livetsxBuild,
    input,
    config: {
      rounds,
      roundsRequested: ROUNDS,
      iterationsPerRound: iterations,
      warmupMs: WARMUP_MS,
      sourceMaps: true,
      gcBeforeBatch: "minor",
      babel: "transformSync, plugin-transform-typescript { isTSX: true } + plugin-transform-react-jsx { runtime: classic, pragma: h }",
    },
    output: { livetsxBytes: livetsxCheck.outputBytes, babelBytes: Buffer.byteLength(babelFirst.code), livetsxDiagnostics: livetsxCheck.diagnostics },
    unit: "ms per compile",
    samples: { order, livetsx: samples.livetsx, babel: samples.babel },
    medians: { livetsx: stats.livetsx.median, babel: stats.babel.median },
    min: { livetsx: stats.livetsx.min, babel: stats.babel.min },
    max: { livetsx: stats.livetsx.max, babel: stats.babel.max },
    ratio: {
      ofMedians: ratios.ofMedians,
      medianOfRounds: ratios.medianOfRounds,
      minOfRounds: ratios.minOfRounds,
      maxOfRounds: ratios.maxOfRounds,
      perRound: ratios.perRound,
    },
    target: { maxRatio: 1.0, met: ratios.ofMedians <= 1.0 },
    durationSeconds: elapsedMs() / 1000,
  };
  mkdirSync(dirname(fileURLToPath(resultFile)), { recursive: true });
  writeFileSync(resultFile, JSON.stringify(result, null, 2) + "\n");
  console.log(`wrote ${relative(process.cwd(), fileURLToPath(resultFile)) || fileURLToPath(resultFile)}`);
} else {
  console.log("");
  console.log(`compile: babel jsx ${stats.babel.median.toFixed(2)} ms (BABEL_ONLY: livetsx not measured, no JSON written)`);
}

if (sink === -1) console.log(""); // keep the results observable
