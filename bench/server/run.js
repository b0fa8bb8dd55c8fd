/**
 * Server benchmark: CPU per event and wire bytes per update against page size.
 *
 * A view with a counter and N keyed rows (N = 10, 100, 1000, 10000; bench/server/views/rows.tsx)
 * gets five events: inc (counter +1), rename (one row's label), select (the `selected` class
 * moves from one row to another), append (one row at the end; an untimed `pop` restores N
 * after each) and swap (rows 2 and N-1 trade places). The implementations (bench/server/impls.js)
 * go through the same state transitions and render the same markup (checked):
 *
 *   livetsx               the compiled .tsx view in a ViewInstance: `await instance.event(...)`
 *                         (handler, render of the changed slots, diff) + JSON.stringify of the reply
 *   liveviewjs            liveviewjs@0.8.1's LiveViewManager: the event message as its router hands
 *                         it over, up to the JSON string it gives the WebSocket (render + partsTree
 *                         + deepDiff, and the structuredClones its socket makes of the context)
 *   liveviewjs diff only  its `html` render + partsTree + deepDiff + JSON.stringify, on a plain state
 *   re-render all         renderToString of the whole compiled view (nothing tracked), compared with
 *                         the previous page string, the whole HTML sent
 *
 * Method (as bench/compile): a warm-up per cell, then interleaved rounds; in a round every
 * implementation runs one batch of K events per (N, event), the order of the implementations
 * rotating every round, a minor GC before each batch. Each event is timed alone
 * (process.hrtime.bigint()); a batch gives one sample, its mean in µs per event. The report gives
 * the median and min–max over rounds, the ratio of the medians and the median of per-round ratios.
 *
 * Then wire bytes (the JSON of each diff, first-render bytes, the "They Live" sunglasses toggle)
 * and an end-to-end round trip over `ws` on 127.0.0.1 against a real createLiveServer for
 * N = 1000 and 10000. Writes bench/results/server.json.
 *
 * Run (from the repo root):  npm run bench:server -w bench     (builds first: tsc -b ..)
 *                       or:  node bench/server/run.js           (needs compiler/dist, runtime-server/dist, runtime-client/dist)
 * Environment:
 *   ROUNDS=30          timed rounds (CPU part)
 *   SIZES=10,100,1000,10000   page sizes (rows)
 *   BATCH_MS=8         K is sized so a batch takes about this long (2 <= K <= 400, K even)
 *   WARMUP_MS=120      warm-up per (implementation, N, event), at least 4 events
 *   MAX_SECONDS=110    take no new CPU round after this much time (at least 5 rounds run)
 *   WS_SIZES=1000,10000  page sizes of the end-to-end part ("" skips it)
 *   WS_EVENTS=300      timed clicks per (N, event) end to end (after 20 warm-up clicks)
 *   MARKDOWN=1         also print the tables as Markdown (for bench/README.md)
 *   PREVIOUS=dir       instead of all that: the current LiveTSX build against a previous one
 *                      (dir/compiler, dir/runtime-server, dir/runtime-client, each a package.json
 *                      and its dist), "livetsx" vs "livetsx-prev", events inc, rename and select
 *                      at every N; ROUNDS defaults to 40 here; writes bench/.tmp/server/previous.json
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

import { compile } from "@livetsx/compiler";
import * as server from "@livetsx/server";
import { ViewInstance } from "../../runtime-server/dist/instance.js";
import { Rendered as ClientRendered } from "../../runtime-client/dist/rendered.js";

import {
  BaselineImpl,
  LivetsxImpl,
  LvjsCoreImpl,
  LvjsServerImpl,
  lvjsHTML,
  lvjsImportFetches,
  lvjsMerge,
  initialRows,
  rowsTransitions,
  scenarios,
} from "./impls.js";
import { Client, startServer } from "./e2e.js";
import { busyWarning, envInt, failer, machineInfo, median, packageVersion, summary } from "../lib.js";

const startedAt = process.hrtime.bigint();
const loadAtStart = os.loadavg()[0];
const here = dirname(fileURLToPath(import.meta.url));
const repoDir = join(here, "../..");
const tmpDir = join(here, "../.tmp/server");
const resultFile = join(here, "../results/server.json");

// ---------------------------------------------------------------------------------------------
// Options

const fail = failer("server");
function envList(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === "") return [];
  const list = raw.split(",").map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 4)) fail(`${name} must be a comma-separated list of integers >= 4, got "${raw}"`);
  return list;
}

const PREVIOUS = process.env.PREVIOUS ? resolve(process.env.PREVIOUS) : null;
const ROUNDS = envInt("ROUNDS", PREVIOUS ? 40 : 30);
const SIZES = envList("SIZES", [10, 100, 1000, 10000]);
const BATCH_MS = envInt("BATCH_MS", 8);
const WARMUP_MS = envInt("WARMUP_MS", 120, 0);
const MAX_SECONDS = envInt("MAX_SECONDS", 110);
const WS_SIZES = envList("WS_SIZES", [1000, 10000]);
const WS_EVENTS = envInt("WS_EVENTS", 300);
const WS_WARMUP = 20;
const MARKDOWN = process.env.MARKDOWN === "1";
const MIN_ROUNDS = Math.min(5, ROUNDS);
const MAX_K = 400;

const EVENTS = ["inc", "rename", "select", "append", "swap"];
const EVENT_LABELS = {
  inc: "counter +1",
  rename: "rename 1 row",
  select: "select (2 rows)",
  append: "append 1 row",
  swap: "swap 2 rows",
};
const IMPLS = [
  { key: "livetsx", label: "livetsx" },
  { key: "liveviewjs", label: "liveviewjs" },
  { key: "lvjsCore", label: "lvjs diff only" },
  { key: "baseline", label: "re-render all" },
];

// ---------------------------------------------------------------------------------------------
// Helpers

v8.setFlagsFromString("--expose-gc");
const fullGc = vm.runInNewContext("gc");
const gc = () => fullGc({ type: "minor" });

let sink = 0;

const elapsedMs = () => Number(process.hrtime.bigint() - startedAt) / 1e6;

function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}


function newestBuild(dir) {
  const abs = join(repoDir, dir);
  const newest = readdirSync(abs, { recursive: true })
    .filter((f) => String(f).endsWith(".js"))
    .reduce((max, f) => Math.max(max, statSync(join(abs, String(f))).mtimeMs), 0);
  return new Date(newest).toISOString();
}

const bytes = (value) => Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));

/** µs with 3 significant figures, at least one decimal under 100. */
function fmtUs(us) {
  if (us >= 100_000) return `${(us / 1000).toFixed(0)} ms`;
  if (us >= 10_000) return `${(us / 1000).toFixed(1)} ms`;
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  if (us >= 100) return `${us.toFixed(0)} µs`;
  return `${us.toFixed(1)} µs`;
}
function fmtRange(s) {
  const [min, max] = [fmtUs(s.min), fmtUs(s.max)];
  const sameUnit = min.split(" ")[1] === max.split(" ")[1];
  return `${fmtUs(s.median)} (${sameUnit ? min.split(" ")[0] : min}–${max})`;
}
const fmtRatio = (r) => (r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);
function fmtBytes(b) {
  if (b >= 1024 * 1024) return `${(b / 1024 / 1024).toFixed(2)} MiB`;
  if (b >= 10 * 1024) return `${(b / 1024).toFixed(1)} KiB`;
  return `${b} B`;
}

/** First difference between two strings, for a failing check. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 60))}`;
}

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (align[i] === "l" ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(headers), ...rows.map(line)].join("\n");
}

function markdown(headers, rows, align) {
  const sep = align.map((a) => (a === "l" ? "---" : "---:"));
  return [headers, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

// ---------------------------------------------------------------------------------------------
// The compiled views

mkdirSync(tmpDir, { recursive: true });
const views = {};
for (const [name, scenario] of Object.entries(scenarios)) {
  // A scenario may compile a view the runtime tests use (`path`), not a copy of it.
  const file = scenario.path ?? join(here, "views", scenario.file);
  let result;
  try {
    result = compile(readFileSync(file, "utf8"), { filename: scenario.file });
  } catch (err) {
    fail(`compiling ${relative(repoDir, file)} failed:\n${err?.message ?? err}`);
  }
  const errors = (result.diagnostics ?? []).filter((d) => [d?.severity, d?.level, d?.kind, d?.category].includes("error"));
  if (errors.length > 0) fail(`compiling ${scenario.file}: ${errors.map((d) => d.message).join("; ")}`);
  const out = join(tmpDir, scenario.file.replace(/\.tsx$/, ".js"));
  writeFileSync(out, result.code);
  views[name] = (await import(pathToFileURL(out).href)).default;
}
const runtime = { ViewInstance, LocalPubSub: server.LocalPubSub, LIVEVIEW_VERSION: server.LIVEVIEW_VERSION };

/** Payloads of one (implementation, N, event) cell: a rename or select alternates between two values. */
function payloads(n) {
  let flip = 0;
  const a = Math.floor(n / 4) + 1;
  const b = Math.floor((3 * n) / 4) + 1;
  return {
    inc: () => ({}),
    rename: () => ({ id: Math.ceil(n / 2), label: (flip ^= 1) ? "renamed a" : "renamed b" }),
    select: () => ({ id: (flip ^= 1) ? a : b }),
    append: () => ({}),
    swap: () => ({}),
  };
}

async function createImpls(n) {
  const params = { n: String(n) };
  const sc = scenarios.rows;
  return {
    livetsx: await LivetsxImpl.create(runtime, views.rows, params),
    liveviewjs: await LvjsServerImpl.create(sc, params),
    lvjsCore: LvjsCoreImpl.create(sc, params),
    baseline: BaselineImpl.create(server.renderToString, views.rows, sc, params),
  };
}

/**
 * What a client would show, per implementation: LiveTSX diffs merged by @livetsx/client's
 * Rendered, liveviewjs diffs merged into its parts tree, the baseline's HTML as is.
 */
class Pages {
  constructor(impls) {
    this.impls = impls;
    this.livetsx = new ClientRendered(impls.livetsx.rendered);
    this.liveviewjs = impls.liveviewjs.rendered;
    this.lvjsCore = impls.lvjsCore.rendered;
  }

  apply(key, frame) {
    const response = JSON.parse(frame)[4].response;
    if (key === "livetsx") {
      if (response.diff) this.livetsx.merge(response.diff);
    } else if (key === "liveviewjs" || key === "lvjsCore") {
      this[key] = lvjsMerge(this[key], response.diff ?? {});
    }
    return response.diff ?? {};
  }

  html(key) {
    if (key === "livetsx") return this.livetsx.toString();
    if (key === "baseline") return this.impls.baseline.html;
    return lvjsHTML(this[key]);
  }

  check(what) {
    const reference = this.html("baseline");
    for (const { key } of IMPLS) {
      const page = this.html(key);
      if (page !== reference) fail(`${what}: the page ${key} sent differs from the re-rendered page ${firstDifference(page, reference)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PREVIOUS=dir: the current build against a previous one, nothing else

if (PREVIOUS) {
  await comparePrevious(PREVIOUS);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// 1. Checks and wire bytes

console.log("LiveTSX server benchmark");
const machine = machineInfo({ loadAverage1mAtStart: loadAtStart });
console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, Node ${machine.node}, load ${loadAtStart.toFixed(2)}`);
if (lvjsImportFetches.length > 0) {
  console.log(`note     liveviewjs asked to fetch ${lvjsImportFetches.join(", ")} when loaded; answered locally with {} (no network)`);
}

const cells = {}; // `${n}:${event}` -> { [impl]: { impl, next, k, samples } }
const wire = {}; // `${n}:${event}` -> { [impl]: { diffBytes, frameBytes } }, plus `${n}:first`
const all = {};
let lastLvjsDiff = null;
for (const n of SIZES) {
  const impls = await createImpls(n);
  all[n] = impls;
  const pages = new Pages(impls);
  pages.check(`N=${n}, first render`);
  wire[`${n}:first`] = Object.fromEntries(
    IMPLS.map(({ key }) => [key, { renderedBytes: bytes(JSON.parse(impls[key].joinFrame)[4].response.rendered), frameBytes: bytes(impls[key].joinFrame) }]),
  );
  const gens = Object.fromEntries(IMPLS.map(({ key }) => [key, payloads(n)]));
  // Each event three times (the first select has no row to unselect; the third is steady state).
  for (const event of EVENTS) {
    for (let i = 0; i < 3; i++) {
      for (const { key } of IMPLS) {
        const frame = await impls[key].event(event, gens[key][event]());
        const diff = pages.apply(key, frame);
        if (i === 2) ((wire[`${n}:${event}`] ??= {})[key] = { diffBytes: bytes(diff), frameBytes: bytes(frame) });
        if (key === "lvjsCore" && JSON.stringify(diff) !== JSON.stringify(lastLvjsDiff)) {
          fail(`N=${n}, ${event}: liveviewjs's diff alone differs from what its server sent`);
        }
        if (key === "liveviewjs") lastLvjsDiff = diff;
        if (event === "append") pages.apply(key, await impls[key].event("pop", {}));
      }
      pages.check(`N=${n}, ${event} #${i + 1}`);
    }
  }
  if (impls.livetsx.crash) fail(`the LiveTSX view crashed: ${impls.livetsx.crash}`);
  cells[n] = {};
  for (const event of EVENTS) {
    cells[n][event] = Object.fromEntries(IMPLS.map(({ key }) => [key, { next: gens[key][event], k: 2, samples: [] }]));
  }
}

// They Live: the sunglasses toggle, on then off.
const theyLive = {};
{
  const sc = scenarios.theyLive;
  const impls = {
    livetsx: await LivetsxImpl.create(runtime, views.theyLive, {}),
    liveviewjs: await LvjsServerImpl.create(sc, {}),
    lvjsCore: LvjsCoreImpl.create(sc, {}),
    baseline: BaselineImpl.create(server.renderToString, views.theyLive, sc, {}),
  };
  const pages = new Pages(impls);
  pages.check("They Live, first render");
  theyLive.first = Object.fromEntries(IMPLS.map(({ key }) => [key, { renderedBytes: bytes(JSON.parse(impls[key].joinFrame)[4].response.rendered) }]));
  for (const step of ["on", "off"]) {
    theyLive[step] = {};
    for (const { key } of IMPLS) {
      const frame = await impls[key].event("toggle", {});
      const diff = pages.apply(key, frame);
      theyLive[step][key] = { diffBytes: bytes(diff), frameBytes: bytes(frame), diff };
    }
    pages.check(`They Live, sunglasses ${step}`);
  }
}
console.log(`checks   every implementation's diffs rebuild the re-rendered page after every event (N = ${SIZES.join(", ")}; They Live);`);
console.log("         liveviewjs's diff alone is byte for byte what its server sends");

// ---------------------------------------------------------------------------------------------
// 2. CPU per event

/**
 * "livetsx" (this build) against "livetsx-prev": rows.tsx compiled by `dir`/compiler/dist's
 * `compile`, its "@livetsx/server" and "@livetsx/server/template" imports pointed at the files
 * `dir`/runtime-server/package.json exports, run in `dir`/runtime-server/dist/instance.js's
 * ViewInstance. Checks (each side's diffs, merged by its own client's Rendered, rebuild the
 * re-rendered page), warm-up and interleaved rounds as the main run; events inc, rename, select.
 */
async function comparePrevious(dir) {
  const PREV_EVENTS = ["inc", "rename", "select"];
  const KEYS = ["livetsx", "livetsx-prev"];
  const pkgFile = (name, sub) => {
    const pkgDir = join(dir, name);
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    const target = pkg.exports?.[sub];
    const file = typeof target === "string" ? target : target?.default ?? target?.import;
    if (!file) fail(`PREVIOUS: ${name}/package.json exports no "${sub}"`);
    return { path: join(pkgDir, file), version: pkg.version };
  };
  for (const name of ["compiler", "runtime-server", "runtime-client"]) {
    if (!existsSync(join(dir, name, "package.json"))) fail(`PREVIOUS=${process.env.PREVIOUS}: no ${name}/package.json in ${dir}`);
  }
  // The previous runtime's bare "@livetsx/client/..." imports: the previous client, not this one.
  const clientLink = join(dir, "node_modules/@livetsx/client");
  if (!existsSync(clientLink)) {
    mkdirSync(dirname(clientLink), { recursive: true });
    symlinkSync(join(dir, "runtime-client"), clientLink, "dir");
  }
  const prevCompile = (await import(pathToFileURL(pkgFile("compiler", ".").path).href)).compile;
  const prevServerMain = pkgFile("runtime-server", ".");
  const prevTemplate = pkgFile("runtime-server", "./template");
  const prevServer = await import(pathToFileURL(prevServerMain.path).href);
  const { ViewInstance: PrevViewInstance } = await import(pathToFileURL(join(dir, "runtime-server/dist/instance.js")).href);
  const { Rendered: PrevRendered } = await import(pathToFileURL(join(dir, "runtime-client/dist/rendered.js")).href);
  const sc = scenarios.rows;
  let code;
  try {
    code = prevCompile(readFileSync(join(here, "views", sc.file), "utf8"), { filename: sc.file }).code;
  } catch (err) {
    fail(`the previous compiler failed on ${sc.file}:\n${err?.message ?? err}`);
  }
  const specifiers = { "@livetsx/server": prevServerMain.path, "@livetsx/server/template": prevTemplate.path };
  code = code.replace(/(["'])(@livetsx\/server(?:\/template)?)\1/g, (_, q, spec) => q + pathToFileURL(specifiers[spec]).href + q);
  if (/["']@livetsx\//.test(code)) fail(`the previous compiler's output imports a @livetsx package other than @livetsx/server(/template)`);
  const prevDir = join(tmpDir, "prev");
  mkdirSync(prevDir, { recursive: true });
  const out = join(prevDir, sc.file.replace(/\.tsx$/, ".js"));
  writeFileSync(out, code);
  const prevView = (await import(pathToFileURL(out).href)).default;
  const prevRuntime = { ViewInstance: PrevViewInstance, LocalPubSub: prevServer.LocalPubSub, LIVEVIEW_VERSION: prevServer.LIVEVIEW_VERSION };
  const commitFile = join(dir, "COMMIT");
  const prevCommit = existsSync(commitFile) ? readFileSync(commitFile, "utf8").trim() : null;

  console.log("LiveTSX server benchmark: this build against a previous one");
  const machine = machineInfo({ loadAverage1mAtStart: loadAtStart });
  console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, Node ${machine.node}, load ${loadAtStart.toFixed(2)}`);
  console.log(`previous ${relative(process.cwd(), dir) || dir}${prevCommit ? ` (commit ${prevCommit.slice(0, 12)})` : ""}; its rows view: ${relative(process.cwd(), out)}`);

  // Checks: each side's diffs, merged by its own client, rebuild the page re-rendered from scratch.
  const impls = {};
  const cellsP = {};
  for (const n of SIZES) {
    const params = { n: String(n) };
    const set = {
      livetsx: await LivetsxImpl.create(runtime, views.rows, params),
      "livetsx-prev": await LivetsxImpl.create(prevRuntime, prevView, params),
    };
    const reference = BaselineImpl.create(server.renderToString, views.rows, sc, params);
    const pages = { livetsx: new ClientRendered(set.livetsx.rendered), "livetsx-prev": new PrevRendered(set["livetsx-prev"].rendered) };
    const check = (what) => {
      for (const key of KEYS) {
        const page = pages[key].toString();
        if (page !== reference.html) fail(`${what}: the page ${key} sent differs from the re-rendered page ${firstDifference(page, reference.html)}`);
      }
    };
    check(`N=${n}, first render`);
    const gens = Object.fromEntries([...KEYS, "reference"].map((key) => [key, payloads(n)]));
    for (const event of PREV_EVENTS) {
      for (let i = 0; i < 3; i++) {
        await reference.event(event, gens.reference[event]());
        for (const key of KEYS) {
          const response = JSON.parse(await set[key].event(event, gens[key][event]()))[4].response;
          if (response.diff) pages[key].merge(response.diff);
        }
        check(`N=${n}, ${event} #${i + 1}`);
      }
    }
    for (const key of KEYS) if (set[key].crash) fail(`the ${key} view crashed: ${set[key].crash}`);
    impls[n] = set;
    cellsP[n] = {};
    for (const event of PREV_EVENTS) cellsP[n][event] = Object.fromEntries(KEYS.map((key) => [key, { next: gens[key][event], k: 2, samples: [] }]));
  }
  console.log(`checks   both builds' diffs rebuild the re-rendered page after every event (N = ${SIZES.join(", ")})`);

  const warmStart = elapsedMs();
  for (const n of SIZES) {
    for (const event of PREV_EVENTS) {
      for (const key of KEYS) {
        const cell = cellsP[n][event][key];
        const times = [];
        const t0 = elapsedMs();
        while (times.length < 4 || times.length % 2 === 1 || elapsedMs() - t0 < WARMUP_MS) times.push(await batch(impls[n][key], cell, event, 1));
        const perEvent = median(times.slice(-Math.max(3, times.length >> 1)));
        cell.k = Math.min(MAX_K, Math.max(2, 2 * Math.round((BATCH_MS * 1000) / perEvent / 2)));
      }
    }
  }
  console.log(`warm-up  ${((elapsedMs() - warmStart) / 1000).toFixed(1)} s`);

  const cpuStart = process.cpuUsage();
  const timedStart = elapsedMs();
  let rounds = 0;
  for (let round = 0; round < ROUNDS; round++) {
    if (round >= MIN_ROUNDS && elapsedMs() - timedStart > MAX_SECONDS * 1000) break;
    const roundKeys = round % 2 ? [...KEYS].reverse() : KEYS;
    for (const n of SIZES) {
      for (const event of PREV_EVENTS) {
        for (const key of roundKeys) {
          const cell = cellsP[n][event][key];
          cell.samples.push(await batch(impls[n][key], cell, event, cell.k));
        }
      }
    }
    rounds++;
    process.stdout.write(`\rrounds   ${rounds}/${ROUNDS} (${((elapsedMs() - timedStart) / 1000).toFixed(0)} s)`);
  }
  process.stdout.write("\n");
  const cpuUsed = process.cpuUsage(cpuStart);
  const cpuShare = (cpuUsed.user + cpuUsed.system) / 1000 / (elapsedMs() - timedStart);
  machine.cpuShareWhileTiming = cpuShare;

  // Both sides end in the same state (count aside).
  const strip = (html) => html.replace(/Clicks: \d+/, "Clicks: #");
  for (const n of SIZES) {
    const a = strip(server.renderToString(views.rows.render(impls[n].livetsx.instance.socket.assigns)));
    const b = strip(prevServer.renderToString(prevView.render(impls[n]["livetsx-prev"].instance.socket.assigns)));
    if (a !== b) fail(`after the rounds, N=${n}: livetsx-prev's state differs from livetsx's ${firstDifference(b, a)}`);
  }

  const FLAG = 1.1;
  const rowsOut = [];
  const record = {};
  for (const n of SIZES) {
    record[n] = {};
    for (const event of PREV_EVENTS) {
      const c = cellsP[n][event];
      const cur = summary(c.livetsx.samples);
      const prev = summary(c["livetsx-prev"].samples);
      const perRound = c.livetsx.samples.map((s, i) => s / c["livetsx-prev"].samples[i]);
      const ratio = cur.median / prev.median;
      const flagged = ratio > FLAG;
      record[n][event] = {
        k: { livetsx: c.livetsx.k, "livetsx-prev": c["livetsx-prev"].k },
        stats: { livetsx: cur, "livetsx-prev": prev },
        samples: { livetsx: c.livetsx.samples, "livetsx-prev": c["livetsx-prev"].samples },
        ratioCurrentOverPrevious: { ofMedians: ratio, medianOfRounds: median(perRound) },
        flagged,
      };
      rowsOut.push([String(n), EVENT_LABELS[event], fmtRange(cur), fmtRange(prev), `${fmtRatio(ratio)} / ${fmtRatio(median(perRound))}`, flagged ? `SLOWER (> ${FLAG.toFixed(2)}×)` : ""]);
    }
  }
  const headers = ["N", "event", "current µs/event", "previous µs/event", "current / previous", "flag"];
  const align = ["r", "l", "r", "r", "r", "l"];
  console.log(`setup    ${rounds} rounds (${((elapsedMs() - timedStart) / 1000).toFixed(0)} s), K events per batch (~${BATCH_MS} ms), warm-up ${WARMUP_MS} ms per cell, order alternating, minor GC before each batch`);
  const busy = busyWarning(loadAtStart, machine.cores, cpuShare);
  if (busy) console.log(busy);
  console.log("");
  console.log("Server CPU per event (ViewInstance.event + JSON.stringify of the reply): median (min–max) over rounds;");
  console.log(`  ratio current / previous: of medians / median of per-round ratios (above 1×: this build is slower; flagged above ${FLAG.toFixed(2)}× of medians)`);
  console.log(table(headers, rowsOut, align));
  if (MARKDOWN) console.log("\n" + markdown(headers, rowsOut, align));
  const flaggedCount = rowsOut.filter((r) => r[5]).length;
  console.log("");
  console.log(flaggedCount ? `flagged  ${flaggedCount} of ${rowsOut.length} cells slower than ${FLAG.toFixed(2)}× the previous build` : `flagged  none (no cell above ${FLAG.toFixed(2)}× the previous build)`);
  const file = join(tmpDir, "previous.json");
  writeFileSync(
    file,
    JSON.stringify(
      {
        benchmark: "server-previous",
        date: new Date().toISOString(),
        machine,
        previous: { dir, commit: prevCommit, server: prevServerMain.version },
        builds: { runtimeServerDist: newestBuild("runtime-server/dist"), compilerDist: newestBuild("compiler/dist") },
        config: { rounds, roundsRequested: ROUNDS, sizes: SIZES, events: PREV_EVENTS, batchMs: BATCH_MS, warmupMsPerCell: WARMUP_MS, flagAbove: FLAG },
        unit: "µs per event",
        cpu: record,
        durationSeconds: elapsedMs() / 1000,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote ${relative(process.cwd(), file)} (${(elapsedMs() / 1000).toFixed(0)} s in all)`);
}

async function batch(impl, cell, event, k) {
  gc();
  let total = 0n;
  for (let i = 0; i < k; i++) {
    const payload = cell.next();
    const t0 = process.hrtime.bigint();
    const frame = await impl.event(event, payload);
    total += process.hrtime.bigint() - t0;
    sink += frame.length;
    if (event === "append") await impl.event("pop", {});
  }
  return Number(total) / 1e3 / k;
}

// Warm-up, and K per cell from the warm-up's last events.
const warmStart = elapsedMs();
for (const n of SIZES) {
  for (const event of EVENTS) {
    for (const { key } of IMPLS) {
      const cell = cells[n][event][key];
      const times = [];
      const t0 = elapsedMs();
      while (times.length < 4 || times.length % 2 === 1 || elapsedMs() - t0 < WARMUP_MS) times.push(await batch(all[n][key], cell, event, 1));
      const perEvent = median(times.slice(-Math.max(3, times.length >> 1)));
      cell.k = Math.min(MAX_K, Math.max(2, 2 * Math.round((BATCH_MS * 1000) / perEvent / 2)));
      cell.warmupEvents = times.length;
    }
  }
}
const warmupSeconds = (elapsedMs() - warmStart) / 1000;
console.log(`warm-up  ${warmupSeconds.toFixed(1)} s`);

const cpuStart = process.cpuUsage();
const timedStart = elapsedMs();
let rounds = 0;
let stoppedEarly = false;
const order = [];
for (let round = 0; round < ROUNDS; round++) {
  if (round >= MIN_ROUNDS && elapsedMs() - timedStart > MAX_SECONDS * 1000) {
    stoppedEarly = true;
    break;
  }
  const roundImpls = IMPLS.map((_, i) => IMPLS[(i + round) % IMPLS.length]);
  order.push(roundImpls.map((i) => i.key).join(","));
  for (const n of SIZES) {
    for (const event of EVENTS) {
      for (const { key } of roundImpls) {
        const cell = cells[n][event][key];
        cell.samples.push(await batch(all[n][key], cell, event, cell.k));
      }
    }
  }
  rounds++;
  process.stdout.write(`\rrounds   ${rounds}/${ROUNDS} (${((elapsedMs() - timedStart) / 1000).toFixed(0)} s)`);
}
process.stdout.write("\n");
const cpuUsed = process.cpuUsage(cpuStart);
const cpuShare = (cpuUsed.user + cpuUsed.system) / 1000 / (elapsedMs() - timedStart);
machine.cpuShareWhileTiming = cpuShare;
const cpuSeconds = (elapsedMs() - timedStart) / 1000;

// The rounds left every implementation in the same state (count aside: batch sizes differ).
for (const n of SIZES) {
  const impls = all[n];
  const strip = (html) => html.replace(/Clicks: \d+/, "Clicks: #");
  const reference = strip(impls.baseline.html);
  const livetsxPage = strip(server.renderToString(views.rows.render(impls.livetsx.instance.socket.assigns)));
  const lvjsPage = strip(scenarios.rows.lvjsRender(impls.liveviewjs.state).toString());
  const corePage = strip(lvjsHTML(impls.lvjsCore.parts));
  for (const [key, page] of [["livetsx", livetsxPage], ["liveviewjs", lvjsPage], ["lvjsCore", corePage]]) {
    if (page !== reference) fail(`after the rounds, N=${n}: ${key}'s state differs from the baseline's ${firstDifference(page, reference)}`);
  }
  if (impls.livetsx.crash) fail(`the LiveTSX view crashed: ${impls.livetsx.crash}`);
}

const cpu = {};
for (const n of SIZES) {
  cpu[n] = {};
  for (const event of EVENTS) {
    const c = cells[n][event];
    const entry = { k: {}, samples: {}, stats: {}, ratios: {} };
    for (const { key } of IMPLS) {
      entry.k[key] = c[key].k;
      entry.samples[key] = c[key].samples;
      entry.stats[key] = summary(c[key].samples);
    }
    for (const { key } of IMPLS.slice(1)) {
      const perRound = c[key].samples.map((s, i) => s / c.livetsx.samples[i]);
      entry.ratios[`${key}/livetsx`] = {
        ofMedians: entry.stats[key].median / entry.stats.livetsx.median,
        medianOfRounds: median(perRound),
        minOfRounds: Math.min(...perRound),
        maxOfRounds: Math.max(...perRound),
      };
    }
    cpu[n][event] = entry;
  }
}

// ---------------------------------------------------------------------------------------------
// 2b. A rename by its parts: the view's handler alone (its `rows.map` over every row: the view's
// own code, the same transition the other implementations run) and LiveTSX after a handler that
// costs nothing (it assigns one of two arrays made beforehand that differ in the renamed row's
// object), i.e. what the runtime does for any handler that renames one row: find the changed
// place, render that row, diff, the reply's JSON.

const renameParts = {};
{
  const rounds = Math.max(MIN_ROUNDS, Math.min(ROUNDS, 15));
  const cellsR = {};
  for (const n of SIZES) {
    const id = Math.ceil(n / 2);
    // The handler alone, on a plain state, alternating between two labels as the rename cell does.
    const state = { rows: all[n].livetsx.instance.socket.assigns.rows };
    let flipH = 0;
    const handler = () => {
      state.rows = rowsTransitions.rename(state, { id, label: (flipH ^= 1) ? "renamed a" : "renamed b" }).rows;
      return state.rows.length;
    };
    // The runtime alone: a view of the same template whose handler assigns a prepared array.
    const base = initialRows(n);
    const renamed = base.map((r) => (r.id === id ? { ...r, label: "renamed" } : r));
    const view = { ...views.rows, events: { ...views.rows.events, put: (payload, socket) => socket.assign({ rows: payload.b ? renamed : base }) } };
    const impl = await LivetsxImpl.create(runtime, view, { n: String(n) });
    await impl.event("put", { b: false });
    let flipR = 0;
    const put = async () => (await impl.event("put", { b: (flipR ^= 1) === 1 })).length;
    // The check: each put sends the renamed row's label and nothing else of the rows.
    const sent = [JSON.parse(await impl.event("put", { b: true }))[4].response.diff, JSON.parse(await impl.event("put", { b: false }))[4].response.diff];
    const keyed = (d) => d?.[1]?.k;
    for (const [i, d] of sent.entries()) {
      const k = keyed(d);
      const label = i === 0 ? "renamed" : `row ${id}`;
      if (!k || Object.keys(k).filter((x) => x !== "kc").length !== 1 || !JSON.stringify(k).includes(JSON.stringify(label))) {
        fail(`rename by parts, N=${n}: a put sent ${JSON.stringify(d)}, not the one row labelled ${label}`);
      }
    }
    if (impl.crash) fail(`rename by parts, N=${n}: the view crashed: ${impl.crash}`);
    // The same rows as a stream: the rename is a streamInsert of the renamed row.
    const streamed = await LivetsxImpl.create(runtime, views.rowsStream, { n: String(n) });
    let flipS = 0;
    const insert = async () => (await streamed.event("rename", { id, label: (flipS ^= 1) ? "renamed a" : "renamed b" })).length;
    const inserted = JSON.stringify(JSON.parse(await streamed.event("rename", { id, label: "renamed" }))[4].response.diff);
    if (!inserted.includes(`"rows-${id}"`) || !inserted.includes('"renamed"') || inserted.length > 400) {
      fail(`rename by parts, N=${n}: the stream's insert sent ${inserted.slice(0, 400)}, not the one row`);
    }
    if (streamed.crash) fail(`rename by parts, N=${n}: the stream view crashed: ${streamed.crash}`);
    cellsR[n] = { handler: { run: handler, samples: [] }, runtime: { run: put, samples: [] }, stream: { run: insert, samples: [] } };
  }
  const time = async (run, k) => {
    gc();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < k; i++) sink += await run();
    return Number(process.hrtime.bigint() - t0) / 1e3 / k;
  };
  for (const n of SIZES) {
    for (const part of Object.values(cellsR[n])) {
      const times = [];
      const t0 = elapsedMs();
      while (times.length < 4 || elapsedMs() - t0 < WARMUP_MS) times.push(await time(part.run, 2));
      const perEvent = median(times.slice(-3));
      part.k = Math.min(MAX_K, Math.max(2, 2 * Math.round((BATCH_MS * 1000) / perEvent / 2)));
    }
  }
  for (let round = 0; round < rounds; round++) {
    const keys = ["handler", "runtime", "stream"];
    const parts = keys.map((_, i) => keys[(i + round) % keys.length]);
    for (const n of SIZES) for (const key of parts) cellsR[n][key].samples.push(await time(cellsR[n][key].run, cellsR[n][key].k));
  }
  for (const n of SIZES) {
    renameParts[n] = {
      whole: cpu[n].rename.stats.livetsx,
      handler: { k: cellsR[n].handler.k, samples: cellsR[n].handler.samples, stats: summary(cellsR[n].handler.samples) },
      runtime: { k: cellsR[n].runtime.k, samples: cellsR[n].runtime.samples, stats: summary(cellsR[n].runtime.samples) },
      stream: { k: cellsR[n].stream.k, samples: cellsR[n].stream.samples, stats: summary(cellsR[n].stream.samples) },
    };
  }
  renameParts.rounds = rounds;
}

// ---------------------------------------------------------------------------------------------
// 3. End to end over ws

let e2e = null;
if (WS_SIZES.length > 0) {
  const wsStart = elapsedMs();
  const srv = await startServer(server.createLiveServer, { "/rows": views.rows });
  try {
    const clients = {};
    for (const n of WS_SIZES) clients[n] = await Client.open(srv, `/rows?n=${n}`);
    const gens = Object.fromEntries(WS_SIZES.map((n) => [n, payloads(n)]));
    const samples = Object.fromEntries(WS_SIZES.map((n) => [n, Object.fromEntries(EVENTS.map((e) => [e, []]))]));
    const replyBytes = Object.fromEntries(WS_SIZES.map((n) => [n, {}]));
    const click = async (n, event, record) => {
      const reply = await clients[n].click(event, gens[n][event]());
      if (record) {
        samples[n][event].push(reply.us);
        replyBytes[n][event] = reply.bytes;
      }
      if (event === "append") await clients[n].click("pop", {});
    };
    for (const n of WS_SIZES) for (const event of EVENTS) for (let i = 0; i < WS_WARMUP; i++) await click(n, event, false);
    // Interleaved: rounds of 10 clicks per (N, event).
    const per = 10;
    for (let done = 0; done < WS_EVENTS; done += per) {
      for (const n of WS_SIZES) {
        for (const event of EVENTS) {
          for (let i = 0; i < Math.min(per, WS_EVENTS - done); i++) await click(n, event, true);
        }
      }
    }
    e2e = { sizes: {}, seconds: 0 };
    for (const n of WS_SIZES) {
      e2e.sizes[n] = {
        page: { htmlBytes: clients[n].page.bytes },
        join: { us: clients[n].join.us, replyBytes: clients[n].join.bytes },
        events: Object.fromEntries(
          EVENTS.map((event) => [
            event,
            { ...summary(samples[n][event]), p90: quantile(samples[n][event], 0.9), count: samples[n][event].length, replyFrameBytes: replyBytes[n][event], samples: samples[n][event] },
          ]),
        ),
      };
      clients[n].close();
    }
    e2e.seconds = (elapsedMs() - wsStart) / 1000;
  } finally {
    await srv.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const implLabel = Object.fromEntries(IMPLS.map((i) => [i.key, i.label]));
const cpuHeaders = ["N", "event", ...IMPLS.map((i) => `${i.label} µs/event`), "liveviewjs / livetsx", "diff only / livetsx", "re-render / livetsx"];
const cpuAlign = ["r", "l", "r", "r", "r", "r", "r", "r", "r"];
const cpuRows = [];
for (const n of SIZES) {
  for (const event of EVENTS) {
    const e = cpu[n][event];
    const r = (key) => {
      const x = e.ratios[`${key}/livetsx`];
      return `${fmtRatio(x.ofMedians)} / ${fmtRatio(x.medianOfRounds)}`;
    };
    cpuRows.push([String(n), EVENT_LABELS[event], ...IMPLS.map(({ key }) => fmtRange(e.stats[key])), r("liveviewjs"), r("lvjsCore"), r("baseline")]);
  }
}

const wireHeaders = ["N", "update", "livetsx", "liveviewjs", "re-render all"];
const wireAlign = ["r", "l", "r", "r", "r"];
const wireRows = [];
for (const n of SIZES) {
  const f = wire[`${n}:first`];
  wireRows.push([String(n), "first render", fmtBytes(f.livetsx.renderedBytes), fmtBytes(f.liveviewjs.renderedBytes), fmtBytes(f.baseline.renderedBytes)]);
  for (const event of EVENTS) {
    const w = wire[`${n}:${event}`];
    wireRows.push([String(n), EVENT_LABELS[event], fmtBytes(w.livetsx.diffBytes), fmtBytes(w.liveviewjs.diffBytes), fmtBytes(w.baseline.diffBytes)]);
  }
}
wireRows.push(["They Live", "first render", ...["livetsx", "liveviewjs", "baseline"].map((k) => fmtBytes(theyLive.first[k].renderedBytes))]);
for (const step of ["on", "off"]) {
  wireRows.push(["They Live", `sunglasses ${step}`, ...["livetsx", "liveviewjs", "baseline"].map((k) => fmtBytes(theyLive[step][k].diffBytes))]);
}

const partsHeaders = ["N", "whole event (livetsx above)", "the handler alone (rows.map)", "the runtime after a free handler", "the handler's share", "the rows as a stream: streamInsert"];
const partsAlign = ["r", "r", "r", "r", "r", "r"];
const partsRows = SIZES.map((n) => {
  const p = renameParts[n];
  return [String(n), fmtRange(p.whole), fmtRange(p.handler.stats), fmtRange(p.runtime.stats), `${Math.round((100 * p.handler.stats.median) / p.whole.median)}%`, fmtRange(p.stream.stats)];
});

let e2eRows = [];
const e2eHeaders = ["N", "event", "round trip (median, min–max)", "p90", "reply frame"];
const e2eAlign = ["r", "l", "r", "r", "r"];
if (e2e) {
  for (const n of WS_SIZES) {
    for (const event of EVENTS) {
      const s = e2e.sizes[n].events[event];
      e2eRows.push([String(n), EVENT_LABELS[event], fmtRange(s), fmtUs(s.p90), fmtBytes(s.replyFrameBytes)]);
    }
  }
}

// Targets
const pick = (n, event) => (SIZES.includes(n) ? cpu[n][event] : null);
const targets = [];
{
  const at1000 = pick(1000, "rename");
  if (at1000) {
    const r = at1000.ratios["liveviewjs/livetsx"];
    const core = at1000.ratios["lvjsCore/livetsx"];
    targets.push({
      target: "one-row change (rename) at N=1000: >= 100x less server time than liveviewjs",
      value: r.ofMedians,
      valueAgainstDiffOnly: core.ofMedians,
      text: `${fmtRatio(r.ofMedians)} (vs its diff alone ${fmtRatio(core.ofMedians)})`,
      met: r.ofMedians >= 100,
    });
  }
  const small = pick(10, "inc");
  const large = pick(10000, "inc");
  if (small && large) {
    const ratio = large.stats.livetsx.median / small.stats.livetsx.median;
    targets.push({
      target: "counter change at N=10000 within 2x of N=10",
      value: ratio,
      text: `${fmtUs(large.stats.livetsx.median)} vs ${fmtUs(small.stats.livetsx.median)}: ${fmtRatio(ratio)}`,
      met: ratio <= 2,
    });
  }
  const select = pick(10000, "select");
  if (select) {
    const r = select.stats.livetsx.median / select.stats.baseline.median;
    targets.push({
      target: "select (2 rows) at N=10000: <= 0.1x the time of re-rendering the whole view",
      value: r,
      text: `${fmtUs(select.stats.livetsx.median)} vs ${fmtUs(select.stats.baseline.median)}: ${r.toFixed(3)}x`,
      met: r <= 0.1,
    });
  }
  const rename1k = pick(1000, "rename");
  const rename10k = pick(10000, "rename");
  if (rename1k && rename10k) {
    // Each: at most 50 µs at N=10000 and at most 2x its N=1000 figure.
    const renameTarget = (target, at10k, at1k, note = "") => {
      const growth = at10k / at1k;
      targets.push({
        target,
        value: at10k,
        growth,
        text: `${fmtUs(at10k)}, ${fmtRatio(growth)} its ${fmtUs(at1k)} at N=1000${note}`,
        met: at10k <= 50 && growth <= 2,
      });
    };
    const part = (key, n) => renameParts[n][key].stats.median;
    renameTarget("rename one row at N=10000: <= 50 µs and <= 2x its N=1000 figure", rename10k.stats.livetsx.median, rename1k.stats.livetsx.median);
    renameTarget(
      "the same, the runtime's part (after a handler that costs nothing)",
      part("runtime", 10000),
      part("runtime", 1000),
      ` (the view's own rows.map alone: ${fmtUs(part("handler", 10000))})`,
    );
    renameTarget("the same, the rows as a stream (a streamInsert of the renamed row)", part("stream", 10000), part("stream", 1000));
  }
  const renameBytes = SIZES.map((n) => wire[`${n}:rename`].livetsx.diffBytes);
  const worst = Math.max(...renameBytes);
  targets.push({
    target: "one-row change (rename) <= 60 B of diff",
    value: worst,
    text: `${SIZES.map((n, i) => `N=${n}: ${renameBytes[i]} B`).join(", ")}`,
    met: worst <= 60,
  });
}

console.log(
  `setup    ${rounds} rounds (${cpuSeconds.toFixed(0)} s), K events per batch (per cell, ~${BATCH_MS} ms), warm-up ${WARMUP_MS} ms per cell, ` +
    `implementation order rotating, minor GC before each batch` +
    (stoppedEarly ? ` (stopped after ${rounds} of ${ROUNDS} rounds: MAX_SECONDS=${MAX_SECONDS})` : ""),
);
const busy = busyWarning(loadAtStart, machine.cores, cpuShare);
if (busy) console.log(busy);
console.log("");
console.log("Server CPU per event: median (min–max) over rounds; ratios: of medians / median of per-round ratios");
console.log("  livetsx: ViewInstance.event + JSON.stringify of the reply; liveviewjs: its LiveViewManager from decoded event to reply string;");
console.log("  lvjs diff only: its render + partsTree + deepDiff + stringify on a plain state; re-render all: renderToString of the whole view, whole HTML sent");
console.log(table(cpuHeaders, cpuRows, cpuAlign));
console.log("");
console.log("Wire bytes: JSON of the diff (first render: JSON of `rendered`)");
console.log(table(wireHeaders, wireRows, wireAlign));
console.log("");
console.log(`A rename by its parts, µs per event, median (min–max) over ${renameParts.rounds} rounds: the view's handler alone (its rows.map, the view's own code),`);
console.log("  LiveTSX after a handler that costs nothing (it assigns one of two arrays prepared beforehand that differ in the renamed row),");
console.log("  and the same rows as a stream (bench/server/views/rows-stream.tsx), renamed by a streamInsert of the row");
console.log(table(partsHeaders, partsRows, partsAlign));
if (e2e) {
  console.log("");
  console.log(`End to end, LiveTSX over ws on 127.0.0.1: click -> reply, ${WS_EVENTS} clicks per cell (${e2e.seconds.toFixed(0)} s)`);
  console.log(table(e2eHeaders, e2eRows, e2eAlign));
}
console.log("");
for (const t of targets) console.log(`target   ${t.target}: ${t.text}: ${t.met ? "met" : "NOT met"}`);

if (MARKDOWN) {
  console.log("\n" + markdown(cpuHeaders, cpuRows, cpuAlign));
  console.log("\n" + markdown(wireHeaders, wireRows, wireAlign));
  console.log("\n" + markdown(partsHeaders, partsRows, partsAlign));
  if (e2e) console.log("\n" + markdown(e2eHeaders, e2eRows, e2eAlign));
}

const result = {
  benchmark: "server",
  date: new Date().toISOString(),
  machine,
  packages: {
    "@livetsx/server": JSON.parse(readFileSync(join(repoDir, "runtime-server/package.json"), "utf8")).version,
    "@livetsx/compiler": JSON.parse(readFileSync(join(repoDir, "compiler/package.json"), "utf8")).version,
    liveviewjs: packageVersion("liveviewjs"),
    ws: packageVersion("ws"),
  },
  builds: { runtimeServerDist: newestBuild("runtime-server/dist"), compilerDist: newestBuild("compiler/dist") },
  notes: {
    liveviewjsImportFetches: lvjsImportFetches,
    liveviewjsImportFetchesAnswer: "answered locally with {} (mime-db, used only for uploads); no network",
    livetsxDev: false,
  },
  config: {
    rounds,
    roundsRequested: ROUNDS,
    sizes: SIZES,
    events: EVENT_LABELS,
    batchMs: BATCH_MS,
    warmupMsPerCell: WARMUP_MS,
    gcBeforeBatch: "minor",
    implementations: {
      livetsx: "ViewInstance.event (handler, render of the slots whose deps changed, keyed diff) + JSON.stringify of the phx_reply frame; dev: false",
      liveviewjs: "LiveViewManager.handleSubscriptions({type: 'event'}) up to the JSON string handed to the WebSocket adaptor: structuredClone of the context, handleEvent (socket.context, socket.assign clone it too), render, partsTree(true), deepDiff, JSON.stringify",
      lvjsCore: "liveviewjs html render of a plain state + partsTree(true) + deepDiff + JSON.stringify of the reply frame",
      baseline: "renderToString of the whole compiled view (no change tracking), string compare with the previous page, the whole HTML as one string in the reply",
    },
    appendRestoredBy: "an untimed pop event after each append",
  },
  unit: "µs per event",
  samples: { order },
  cpu,
  wire: { rows: wire, theyLive },
  renameParts,
  e2e,
  targets,
  durationSeconds: elapsedMs() / 1000,
};
mkdirSync(dirname(resultFile), { recursive: true });
writeFileSync(resultFile, JSON.stringify(result, null, 2) + "\n");
console.log(`wrote ${relative(process.cwd(), resultFile) || resultFile} (${(elapsedMs() / 1000).toFixed(0)} s in all)`);
if (sink === -1) console.log("");
