/**
 * Client benchmark: what the LiveTSX browser client costs per diff, and how big it is, next to
 * the obvious alternatives.
 *
 * Part A, patch time (headless Chromium, one page): a table of N rows (N = 1000 and 10000) is
 * rendered by the real server runtime (a view compiled by @livetsx/compiler, diffed by its
 * DiffEngine). Each step renames or restores one row (a different row each step, each row
 * toggling back and forth); for comparison, a second series changes the table's caption (an
 * element of its own outside the rows) and a third the table's class (the view's root element,
 * so the whole view is patched, with what did not change as stubs). Two copies of the table live
 * side by side in the page:
 *   - livetsx:  `Rendered.merge(diff)` + `patchView(root, rendered)` (runtime-client/dist), which
 *               is what the client does with each diff: the changed row is re-rendered and
 *               morphed alone;
 *   - morphdom: `morphdom(root, fullNewRootHTML)` with the server's full HTML, a plain morph.
 * Both are timed in the page with `performance.now()` (cross-origin isolated, so 5 µs steps),
 * interleaved: every step times both, the order flips every step, and a rendered frame and a
 * minor GC come before each timed patch. Reported: ms per patch (median, min–max over rounds),
 * the ratio morphdom / livetsx, where the time goes (merge, patch; morphdom's parse and morph),
 * and how many steps our client patched one element alone. Target (one-row change): livetsx >= 10x
 * faster at N = 10000.
 *
 * Part B, bundle size: the default client entry (runtime-client/dist/entry.js) and an entry
 * that constructs Phoenix's `LiveSocket` on `Socket` (phoenix_live_view + phoenix), each
 * bundled and minified by Vite the way bench/client-size/run.js does it, then gzipped (level 9).
 * Target: livetsx <= 20 KB min+gzip.
 *
 * Writes bench/results/client.json.
 *
 * Run (from the repo root):   npm run bench:client -w bench    (builds the packages first)
 *                        or:  node bench/client/run.js         (needs the dist builds: npx tsc -b)
 * Environment:
 *   SIZES=1000,10000   table sizes (rows)
 *   ROUNDS=40          timed steps per size (each times both sides once)
 *   WARMUP=8           untimed steps per size first
 *   CHROMIUM_PATH=/usr/bin/chromium
 *   PROFILE=1          also record a CPU profile of the page (unminified bundle) and print, per side,
 *                      the functions the time went to; the profiler skews the timings, so this
 *                      mode writes no JSON
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { envInt, failer, machineInfo, median, packageVersion, summary } from "../lib.js";

const startedAt = performance.now();
const loadAtStart = os.loadavg()[0];
const repoDir = fileURLToPath(new URL("../..", import.meta.url));
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const resultFile = here("../results/client.json");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const fail = failer("client");

const ROUNDS = envInt("ROUNDS", 40, 3);
const WARMUP = envInt("WARMUP", 8, 0);
const PROFILE = process.env.PROFILE === "1" || process.env.PROFILE === "true";
/**
 * The changes timed: one row's label (the target); the caption, an element of its own outside
 * the rows; the table's class, which only the whole view holds.
 */
const KINDS = (process.env.KINDS || "row,caption,class").split(",").map((k) => k.trim());
for (const kind of KINDS) if (!["row", "caption", "class"].includes(kind)) fail(`KINDS lists row, caption and class, got "${kind}"`);
const SIZES = (process.env.SIZES || "1000,10000").split(",").map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 32) fail(`SIZES must list integers >= 32, got "${process.env.SIZES}"`);
  return n;
});

// ---------------------------------------------------------------------------------------------
// Preconditions: Chromium and the built packages. Fail loudly, never skip.

if (!existsSync(CHROMIUM)) {
  fail(
    `Chromium not found at ${CHROMIUM}.\n` +
      "  Install it (apt-get install chromium) or point CHROMIUM_PATH at a Chromium binary.",
  );
}
for (const file of [
  "runtime-client/dist/entry.js",
  "runtime-client/dist/rendered.js",
  "runtime-client/dist/dom-patch.js",
  "runtime-server/dist/index.js",
  "runtime-server/dist/diff.js",
  "compiler/dist/index.js",
]) {
  if (!existsSync(`${repoDir}/${file}`)) fail(`${file} does not exist: build the packages first (npx tsc -b from the repo root; npm run bench:client -w bench does it).`);
}

const { build } = await import("vite");
const { chromium } = await import("playwright-core").catch((err) => fail(`cannot load playwright-core: ${err.message}`));

/**
 * CPU time (ms) the whole machine spent busy, and the part this run spent (this process and its
 * descendants, Chromium included), from /proc. Their difference over the timing is what other
 * processes took; null where /proc is not there.
 */
function cpuSnapshot() {
  try {
    const tick = 10; // USER_HZ is 100 on Linux
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const machineBusy = (fields.reduce((a, b) => a + b, 0) - fields[3] - (fields[4] ?? 0)) * tick;
    const children = new Map();
    const times = new Map();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ppid = Number(rest[1]);
        (children.get(ppid) ?? children.set(ppid, []).get(ppid)).push(Number(entry));
        times.set(Number(entry), (Number(rest[11]) + Number(rest[12])) * tick);
      } catch {
        // the process ended meanwhile
      }
    }
    let ours = 0;
    const stack = [process.pid];
    while (stack.length) {
      const pid = stack.pop();
      ours += times.get(pid) ?? 0;
      stack.push(...(children.get(pid) ?? []));
    }
    return { machineBusy, ours, at: performance.now() };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Part B: bundle sizes, measured as bench/client-size/run.js does.

/** One entry bundled and minified by Vite (ES module, one chunk). */
async function bundle(entry, { minify = true } = {}) {
  const result = await build({
    configFile: false,
    logLevel: "silent",
    // output.minify: Vite's lib mode leaves the whitespace of an ES build in place otherwise.
    build: { write: false, minify, lib: { entry, formats: ["es"], fileName: "bundle" }, rollupOptions: { output: { codeSplitting: false, minify } } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  return outputs.filter((o) => o.type === "chunk").map((o) => o.code).join("\n");
}

async function measureSize(entry) {
  const code = await bundle(entry);
  return { entry: relative(repoDir, entry), minifiedBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

const sizes = {
  livetsx: await measureSize(here("../../runtime-client/dist/entry.js")),
  official: await measureSize(here("./official-entry.js")),
};

// ---------------------------------------------------------------------------------------------
// Part A, server side: the table view compiled by our compiler, rendered by our DiffEngine.

const VIEW_SOURCE = `
import { defineView } from "@livetsx/server";

interface Row { id: number; label: string }

export default defineView({
  mount() {
    return { rows: [] as Row[], caption: "", look: "table" };
  },
  render({ rows, caption, look }: { rows: Row[]; caption: string; look: string }) {
    return (
      <table class={look}>
        <caption>{caption}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td class="id">{row.id}</td>
              <td class="label">{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  },
});
`;

async function loadServer() {
  const { compile } = await import("@livetsx/compiler");
  const serverUrl = import.meta.resolve("@livetsx/server");
  const templateUrl = import.meta.resolve("@livetsx/server/template");
  const compiled = compile(VIEW_SOURCE, { filename: "table.tsx" });
  const errors = (compiled.diagnostics ?? []).filter((d) => [d?.severity, d?.level, d?.kind, d?.category].includes("error"));
  if (errors.length > 0) fail(`the compiler reported errors on the table view: ${errors.map((d) => d.message).join("; ")}`);
  // The compiled module imports the runtime by package name; a data: module needs absolute URLs.
  const code = compiled.code
    .replaceAll('"@livetsx/server/template"', JSON.stringify(templateUrl))
    .replaceAll('"@livetsx/server"', JSON.stringify(serverUrl));
  const view = (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)).default;
  const { DiffEngine, AssignsScope } = await import(new URL("diff.js", serverUrl).href);
  const { bindScope } = await import(new URL("template.js", serverUrl).href);
  const { renderToString } = await import(serverUrl);
  return { view, DiffEngine, AssignsScope, bindScope, renderToString };
}

const server = await loadServer();

/**
 * The rows the steps touch: 16 spread over the table, visited 5 apart, so consecutive steps
 * change different rows and each row goes back and forth between its two labels.
 */
function stepRow(n, step) {
  const slot = (step * 5) % 16;
  return Math.floor((n * (2 * slot + 1)) / 32);
}

/**
 * The join and every step of one table size, as the server sends them. A "row" step renames or
 * restores one row; a "caption" step changes the table's caption, a value of the view's root
 * template in an element of its own; a "class" step changes the class of the table, the view's
 * root element, so the client patches the whole view (the rows as stubs).
 */
function generate(n, kind, steps) {
  const { view, DiffEngine, AssignsScope, bindScope, renderToString } = server;
  const engine = new DiffEngine();
  let previous = null;
  let rows = Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` }));
  let caption = "caption 0";
  let look = "table";
  const render = (changed) => {
    const assigns = { rows, caption, look };
    bindScope(assigns, new AssignsScope(previous, assigns, changed));
    const tree = view.render(assigns);
    const diff = engine.render(tree);
    previous = assigns;
    return { diff, html: renderToString(tree) };
  };
  const join = render(null);
  const out = { init: JSON.stringify({ join: join.diff, html: join.html }), steps: [], sample: null, joinBytes: 0, diffBytes: [] };
  out.joinBytes = Buffer.byteLength(JSON.stringify(join.diff));
  for (let i = 0; i < steps; i++) {
    let index = -1;
    let label;
    if (kind === "row") {
      index = stepRow(n, i);
      const row = rows[index];
      label = row.label === `row ${row.id}` ? `renamed ${row.id}` : `row ${row.id}`;
      rows = rows.slice();
      rows[index] = { ...row, label };
    } else if (kind === "caption") {
      caption = label = `caption ${i + 1}`;
    } else {
      index = -2;
      look = label = `table look-${i + 1}`;
    }
    const { diff, html } = render(new Set([{ row: "rows", caption: "caption", class: "look" }[kind]]));
    const body = JSON.stringify({ diff, html, index, label });
    if (i === 0) out.sample = diff;
    out.diffBytes.push(Buffer.byteLength(JSON.stringify(diff)));
    out.steps.push(body);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Part A, page side: the bundle, a loopback server, Chromium.

const pageCode = await bundle(here("./page.js"), { minify: !PROFILE });
const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>LiveTSX client bench</title>
<style>body { font: 12px sans-serif; } #host > div { display: inline-block; vertical-align: top; width: 45%; }</style>
</head><body><div id="host"></div><script type="module" src="/page.js"></script></body></html>`;

const data = new Map();
// Cross-origin isolation (COOP + COEP) gives performance.now() 5 µs steps instead of 100 µs.
const ISOLATED = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
const http = createServer((req, res) => {
  const send = (status, type, body) => {
    res.writeHead(status, { ...ISOLATED, "Content-Type": type });
    res.end(body);
  };
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/") return send(200, "text/html; charset=utf-8", INDEX_HTML);
  if (url.pathname === "/page.js") return send(200, "text/javascript; charset=utf-8", pageCode);
  const match = /^\/data\/(\w+\/\d+)\/(?:(init)|step\/(\d+))$/.exec(url.pathname);
  const set = match && data.get(match[1]);
  if (set && match[2]) return send(200, "application/json", set.init);
  if (set && set.steps[Number(match[3])] !== undefined) return send(200, "application/json", set.steps[Number(match[3])]);
  send(404, "text/plain", `not found: ${url.pathname}`);
});
await new Promise((resolve, reject) => {
  http.once("error", reject);
  http.listen(0, "127.0.0.1", resolve);
});
const origin = `http://127.0.0.1:${http.address().port}`;

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--js-flags=--expose-gc",
    ],
  });
} catch (err) {
  http.close();
  fail(`Chromium at ${CHROMIUM} did not start: ${err.message.split("\n")[0]}`);
}

const measured = {};
const profiles = {};
let pageInfo;
let browserVersion;
let failure = null;
let cpuBefore = null;
let cpuAfter = null;
try {
  browserVersion = browser.version();
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.benchReady === true || document.readyState === "complete", null, { timeout: 15000 });
  if (!(await page.evaluate(() => window.benchReady === true))) {
    throw new Error(`the page script did not start${pageErrors.length ? `: ${pageErrors.join("; ")}` : ""}`);
  }
  pageInfo = await page.evaluate(() => window.bench.info());
  if (!pageInfo.crossOriginIsolated) console.warn("warning  the page is not cross-origin isolated: performance.now() steps are 100 µs");
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  }
  cpuBefore = cpuSnapshot();
  for (const kind of KINDS) {
    measured[kind] = {};
    for (const n of SIZES) {
      const t0 = performance.now();
      const set = generate(n, kind, WARMUP + ROUNDS);
      data.set(`${kind}/${n}`, set);
      const generatedMs = performance.now() - t0;
      process.stderr.write(`${kind} N=${n}: ${WARMUP + ROUNDS} steps generated in ${(generatedMs / 1000).toFixed(1)} s, timing…\n`);
      if (cdp) await cdp.send("Profiler.start");
      const samples = await page.evaluate((args) => window.bench.runSize(args), { n, kind, rounds: ROUNDS, warmup: WARMUP }).catch((err) => {
        throw new Error(`${kind} N=${n}: the page failed: ${err.message.split("\n")[0]}`);
      });
      if (cdp) profiles[`${kind} N=${n}`] = (await cdp.send("Profiler.stop")).profile;
      measured[kind][n] = { samples, sampleDiff: set.sample, joinBytes: set.joinBytes, diffBytes: set.diffBytes, htmlBytes: Buffer.byteLength(JSON.parse(set.steps[0]).html) };
      data.delete(`${kind}/${n}`);
    }
  }
  cpuAfter = cpuSnapshot();
} catch (err) {
  failure = err;
} finally {
  await browser.close();
  http.close();
}
if (failure) fail(failure.message);

// ---------------------------------------------------------------------------------------------
// Report

const ms = (v) => (v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const results = {};
for (const kind of KINDS) {
  results[kind] = {};
  for (const n of SIZES) {
    const m = measured[kind][n];
    const s = m.samples;
    const stats = Object.fromEntries(["ours", "official", "morphdom", "merge", "patch", "morphdomParse"].map((key) => [key, summary(s[key])]));
    const perRound = s.ours.map((ours, i) => s.morphdom[i] / ours);
    const perRoundOfficial = s.ours.map((ours, i) => s.official[i] / ours);
    results[kind][n] = {
      rows: n,
      htmlBytes: m.htmlBytes,
      joinBytes: m.joinBytes,
      diffBytes: summary(m.diffBytes),
      sampleDiff: m.sampleDiff,
      stepsPatchedAlone: s.alone.filter(Boolean).length,
      stats,
      ratio: { ofMedians: stats.morphdom.median / stats.ours.median, medianOfRounds: median(perRound), minOfRounds: Math.min(...perRound), maxOfRounds: Math.max(...perRound) },
      officialRatio: {
        ofMedians: stats.official.median / stats.ours.median,
        medianOfRounds: median(perRoundOfficial),
        minOfRounds: Math.min(...perRoundOfficial),
        maxOfRounds: Math.max(...perRoundOfficial),
      },
      samples: s,
    };
  }
}

const machine = machineInfo({ chromium: browserVersion, loadAverage1mAtStart: loadAtStart, loadAverage1mAtEnd: os.loadavg()[0] });
// Cores' worth of CPU that other processes used while Part A ran (this run's own use, Chromium
// included, taken out). The load at the end includes this run itself, so it is only recorded.
if (cpuBefore && cpuAfter) {
  const wall = cpuAfter.at - cpuBefore.at;
  machine.cpuThisRunWhileTiming = (cpuAfter.ours - cpuBefore.ours) / wall;
  machine.cpuOthersWhileTiming = Math.max(0, (cpuAfter.machineBusy - cpuBefore.machineBusy - (cpuAfter.ours - cpuBefore.ours)) / wall);
}
const busy = loadAtStart > machine.cores * 0.75 || (machine.cpuOthersWhileTiming ?? 0) > 0.25;

console.log("LiveTSX client benchmark");
console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, Node ${machine.node}, Chromium ${machine.chromium}`);
console.log(
  `setup    ${ROUNDS} timed steps per size after ${WARMUP} warm-up steps; order of the three sides rotating; frame + minor GC before each patch; ` +
    `timer ${(pageInfo.timerResolutionMs * 1000).toFixed(0)} µs${pageInfo.gcExposed ? "" : " (no gc: --expose-gc missing)"}`,
);
if (busy) {
  console.log(
    `warning  busy machine (load average ${loadAtStart.toFixed(2)} on ${machine.cores} cores at start, ` +
      `other processes used ${(machine.cpuOthersWhileTiming ?? 0).toFixed(2)} cores while timing): ` +
      "other processes competed for the CPU; figures are noisy",
  );
}
if (machine.cpuOthersWhileTiming !== undefined) {
  console.log(
    `cpu      while timing: this run ${machine.cpuThisRunWhileTiming.toFixed(2)} cores (Chromium included), ` +
      `other processes ${machine.cpuOthersWhileTiming.toFixed(2)} cores`,
  );
}
console.log("");
const TITLES = {
  row: "Part A: ms per one-row change (median, min–max)",
  caption: "Part A, for comparison: ms per caption change (an element of its own, outside the rows)",
  class: "Part A, for comparison: ms per change of the table's class (the whole view is patched, the unchanged body as a stub)",
};
for (const kind of KINDS) {
  console.log(TITLES[kind]);
  const header = ["rows", "livetsx merge+patch", "official LV 1.2", "morphdom full HTML", "official / livetsx", "morphdom / livetsx"];
  const lines = SIZES.map((n) => {
    const r = results[kind][n];
    const cell = (k) => `${ms(r.stats[k].median)} (${ms(r.stats[k].min)}–${ms(r.stats[k].max)})`;
    const ratio = (q) => `${q.ofMedians.toFixed(2)}x (rounds ${q.minOfRounds.toFixed(2)}–${q.maxOfRounds.toFixed(2)}x)`;
    return [String(n), cell("ours"), cell("official"), cell("morphdom"), ratio(r.officialRatio), ratio(r.ratio)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(row(header));
  for (const l of lines) console.log(row(l));
  console.log("");
}
console.log("where the time goes (medians, ms): livetsx = merge + patch; morphdom = parse (innerHTML alone) + morph");
const header2 = ["change", "rows", "merge", "patch", "element alone", "morphdom", "(parse)", "(morph)"];
const lines2 = KINDS.flatMap((kind) =>
  SIZES.map((n) => {
    const r = results[kind][n];
    const st = r.stats;
    return [
      kind,
      String(n),
      ms(st.merge.median),
      ms(st.patch.median),
      `${r.stepsPatchedAlone}/${ROUNDS}`,
      ms(st.morphdom.median),
      ms(st.morphdomParse.median),
      ms(Math.max(0, st.morphdom.median - st.morphdomParse.median)),
    ];
  }),
);
const widths2 = header2.map((h, i) => Math.max(h.length, ...lines2.map((l) => l[i].length)));
console.log(header2.map((c, i) => c.padStart(widths2[i])).join("  "));
for (const l of lines2) console.log(l.map((c, i) => c.padStart(widths2[i])).join("  "));
const largest = Math.max(...SIZES);
/** The targets: each a ratio of two sides timed in the same steps, at the largest size. */
const targets = [];
if (results.row) {
  const r = results.row[largest];
  targets.push({ name: `one-row change, livetsx >= 10x faster than morphdom at N = ${largest}`, value: r.ratio.ofMedians, met: r.ratio.ofMedians >= 10, shown: `${r.ratio.ofMedians.toFixed(2)}x` });
  targets.push({ name: `one-row change, livetsx >= 20x faster than the official client at N = ${largest}`, value: r.officialRatio.ofMedians, met: r.officialRatio.ofMedians >= 20, shown: `${r.officialRatio.ofMedians.toFixed(2)}x` });
}
if (results.class) {
  const r = results.class[largest];
  const t = r.stats.ours.median;
  targets.push({ name: `root class change at N = ${largest}: livetsx <= 1 ms`, value: t, met: t <= 1, shown: `${ms(t)} ms` });
  targets.push({ name: `root class change, livetsx >= 20x faster than the official client at N = ${largest}`, value: r.officialRatio.ofMedians, met: r.officialRatio.ofMedians >= 20, shown: `${r.officialRatio.ofMedians.toFixed(2)}x` });
}
for (const t of targets) console.log(`target   ${t.name}: ${t.met ? "met" : "NOT met"} (${t.shown})`);
const targetMet = targets.every((t) => t.met);
console.log("");
console.log("Part B: bundle size (Vite lib build, minified; gzip level 9)");
console.log(`livetsx  ${sizes.livetsx.entry}: ${kb(sizes.livetsx.minifiedBytes)} minified, ${kb(sizes.livetsx.gzipBytes)} min+gzip`);
console.log(`official phoenix_live_view ${packageVersion("phoenix_live_view")} + phoenix ${packageVersion("phoenix")}: ${kb(sizes.official.minifiedBytes)} minified, ${kb(sizes.official.gzipBytes)} min+gzip`);
console.log(`ratio    ${(sizes.official.gzipBytes / sizes.livetsx.gzipBytes).toFixed(2)}x smaller (min+gzip); target livetsx <= 20 KB: ${sizes.livetsx.gzipBytes <= 20 * 1024 ? "met" : "NOT met"}`);

/**
 * A CPU profile's samples by side: each sample goes to the nearest page function that marks a
 * side (timeLivetsx, timeMorphdom, measureParse), then to the function it was in (self time).
 */
function profileSummary(profile) {
  const SIDES = { timeLivetsx: "livetsx", timeOfficial: "official", timeMorphdom: "morphdom", measureParse: "parse alone" };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const sideOf = new Map();
  const findSide = (id) => {
    if (sideOf.has(id)) return sideOf.get(id);
    const name = byId.get(id).callFrame.functionName;
    const side = Object.hasOwn(SIDES, name) ? SIDES[name] : (parent.has(id) ? findSide(parent.get(id)) : null);
    sideOf.set(id, side);
    return side;
  };
  const label = (frame) => {
    const file = frame.url ? frame.url.replace(/^.*\//, "") : "";
    return `${frame.functionName || "(anonymous)"}${file ? ` ${file}:${frame.lineNumber + 1}` : ""}`;
  };
  const totals = {};
  profile.samples.forEach((id, i) => {
    const side = findSide(id);
    if (!side) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const sideTotals = (totals[side] ??= { total: 0, self: new Map() });
    sideTotals.total += ms;
    const key = label(byId.get(id).callFrame);
    sideTotals.self.set(key, (sideTotals.self.get(key) ?? 0) + ms);
  });
  return totals;
}

if (PROFILE) {
  for (const [name, profile] of Object.entries(profiles)) {
    console.log("");
    console.log(`CPU profile, ${name} (self time by function, all steps; the profiler's overhead included;`);
    console.log("  a DOM setter has no frame of its own: innerHTML's parse shows as self time of its caller, e.g. patch)");
    for (const [side, { total, self }] of Object.entries(profileSummary(profile))) {
      console.log(`  ${side}: ${total.toFixed(0)} ms sampled`);
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
      for (const [name, t] of top) console.log(`    ${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
  }
  console.log("");
  console.log("PROFILE=1: the profiler skews the timings; no JSON written");
  process.exit(0);
}

const record = {
  benchmark: "client",
  date: new Date().toISOString(),
  machine,
  page: pageInfo,
  packages: {
    "@livetsx/client": packageVersion("@livetsx/client"),
    morphdom: packageVersion("morphdom"),
    phoenix_live_view: packageVersion("phoenix_live_view"),
    phoenix: packageVersion("phoenix"),
    vite: packageVersion("vite"),
    "playwright-core": packageVersion("playwright-core"),
  },
  config: {
    sizes: SIZES,
    rounds: ROUNDS,
    warmupSteps: WARMUP,
    livetsx: "Rendered.merge(diff) + patchView(root, rendered) from runtime-client/dist; the diffs come from runtime-server's DiffEngine on a compiled view",
    official: "phoenix_live_view's ESM build: a LiveSocket (never connected) makes a root View for a container, joined with the same join reply (view.onJoin), then per diff view.applyDiff('update', diff, ({ diff, events }) => view.update(diff, events)), as its channel's diff handler does: its Rendered merge, toString and DOMPatch",
    morphdom: "morphdom(root, fullNewRootHTML), no options; the HTML is runtime-server's renderToString of the same tree",
    steps: {
      row: "each step renames or restores one row; 16 rows spread over the table, visited 5 apart",
      caption: "each step changes the table's caption, a value of the view's root template in an element of its own",
      class: "each step changes the class of the table, the view's root element, so the whole view is patched",
    },
    beforeEachPatch: "requestAnimationFrame + setTimeout(0), then gc({ type: 'minor' })",
    parse: "untimed for the headline: morphdom's HTML parsed alone (<template>.innerHTML)",
  },
  unit: "ms per patch",
  patch: results,
  targets,
  allTargetsMet: targetMet,
  size: {
    method: "Vite lib build (es, minify: true, one chunk), gzip level 9, as bench/client-size/run.js",
    livetsx: sizes.livetsx,
    official: { ...sizes.official, packages: `phoenix_live_view ${packageVersion("phoenix_live_view")} + phoenix ${packageVersion("phoenix")}` },
    target: { maxGzipBytes: 20 * 1024, met: sizes.livetsx.gzipBytes <= 20 * 1024 },
  },
  durationSeconds: (performance.now() - startedAt) / 1000,
};
mkdirSync(dirname(resultFile), { recursive: true });
writeFileSync(resultFile, JSON.stringify(record, null, 2) + "\n");
console.log("");
console.log(`wrote ${relative(process.cwd(), resultFile) || resultFile} (${record.durationSeconds.toFixed(0)} s)`);
