/**
 * Load benchmark: memory per connected idle view, and event latency under an open-loop load.
 *
 * Three kinds of process, all on 127.0.0.1: this one (the orchestrator), a server
 * (`node --expose-gc load/server.js`: createLiveServer with the counter and 1,000-row views of
 * runtime-server/test/views, compiled by our compiler into bench/.tmp/load/; or a bare `ws`
 * server for the floor) and a client (`load/client.js`: raw `ws` connections, one view per
 * connection, and the load generator). They talk over IPC.
 *
 * The parts, in the order they run (latency first: it is the one other work on the machine
 * disturbs most):
 *  latency     1k, then 5k connected counter views; `inc` clicks on random views at fixed rates
 *              (open loop: request i is due at start + i/rate whatever the replies do; latency =
 *              reply time - due time), 3 passes of 2 s per rate; p50/p99/max per rate, with the server's CPU,
 *              event-loop stalls and GC pauses, and the CPU other processes took meanwhile.
 *  memory      counter views connected in steps (1k, 5k, 10k); after each step the server runs two
 *              full GCs and reports heapUsed and RSS. The slope of a least-squares line through the
 *              steps is the cost of one more idle view (socket included).
 *  rows        the same with the 1,000-row view (100, 500, 1,000 views).
 *  bare        the same with plain `ws` connections to a bare `ws` server: the floor.
 *  snapshot    where the memory of a counter view goes: heap snapshots before and after 1,000
 *              more views, object counts and sizes per view by constructor.
 *
 * Writes bench/results/load.json (machine, settings, every step and rate) and prints tables.
 *
 * Run (from the repo root):   npm run bench:load -w bench   (builds the packages first)
 *                        or:  node bench/load/run.js        (needs compiler/dist and runtime-server/dist)
 * Environment (lists are comma-separated):
 *   PHASES=memory,rows,bare,latency,snapshot   which parts run
 *   COUNTER_STEPS=1000,5000,10000    idle counter views per memory step
 *   ROWS_STEPS=100,500,1000          idle 1,000-row views per step
 *   BARE_STEPS=COUNTER_STEPS         plain ws connections per step
 *   LOAD_VIEWS=1000,5000             connected counter views for the latency runs
 *   RATES=250,500,1000,2000,4000,8000,12000,16000
 *                                    events/s; higher rates are skipped once p99 > STOP_P99_MS
 *   PASSES=3                         passes per rate (back to back; their samples are pooled)
 *   RATE_SECONDS=2                   duration of each pass
 *   WARMUP_SECONDS=1                 unrecorded load before the first rate of each view count
 *   DRAIN_MS=5000                    how long replies are awaited after the last send (then lost)
 *   STOP_P99_MS=1000                 skip the remaining rates of a view count once p99 passes this
 *                                    (the server is saturated: requests queue up)
 *   RETRIES=1                        re-measure a pass (this often at most) while other processes use
 *                                    more than 1/4 core; the least contended attempt counts
 *   SNAPSHOT_VIEWS=1000              views between the two heap snapshots (0: skip)
 *   SNAPSHOT_VIEW=counter            the view of the snapshot phase (counter or rows)
 *   CONCURRENCY=32                   connections being opened at a time
 *   DEV=0                            1: the runtime's development checks (in-place change reports, the verifier)
 *   SEED=1                           the PRNG seed that picks the views to click
 *   MAX_SECONDS=290                  the run is killed (children too) after this
 *   RESULT_FILE=bench/results/load.json   where the JSON goes ("-": nowhere)
 *   KEEP_SNAPSHOTS=1                 keep the two .heapsnapshot files in bench/.tmp/load/
 */

import { fork, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { percentile, rpc } from "./ipc.js";
import { envInt, failer, machineInfo, median, packageVersion } from "../lib.js";

const startedAt = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - startedAt) / 1e9;
const loadAtStart = os.loadavg()[0];
const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, "../..");
const tmpDir = join(repoDir, "bench/.tmp/load");
const KB = 1024;
const children = new Set(); // the child processes, killed when this one stops

// ---------------------------------------------------------------------------------------------
// Options

const fail = failer("load", () => killChildren());
function envList(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const list = raw.split(",").map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) fail(`${name} must be a comma-separated list of positive integers, got "${raw}"`);
  return [...new Set(list)].sort((a, b) => a - b);
}

const ALL_PHASES = ["memory", "rows", "bare", "latency", "snapshot"];
const PHASES = (process.env.PHASES ?? ALL_PHASES.join(",")).split(",").map((s) => s.trim()).filter(Boolean);
for (const p of PHASES) if (!ALL_PHASES.includes(p)) fail(`unknown phase "${p}" in PHASES (known: ${ALL_PHASES.join(", ")})`);
const COUNTER_STEPS = envList("COUNTER_STEPS", [1000, 5000, 10000]);
const ROWS_STEPS = envList("ROWS_STEPS", [100, 500, 1000]);
const BARE_STEPS = envList("BARE_STEPS", COUNTER_STEPS);
const LOAD_VIEWS = envList("LOAD_VIEWS", [1000, 5000]);
const RATES = envList("RATES", [250, 500, 1000, 2000, 4000, 8000, 12000, 16000]);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 2);
const PASSES = envInt("PASSES", 3, 1);
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 1);
if (!(RATE_SECONDS > 0 && RATE_SECONDS <= 60)) fail("RATE_SECONDS must be in (0, 60]");
if (!(WARMUP_SECONDS >= 0 && WARMUP_SECONDS <= 30)) fail("WARMUP_SECONDS must be in [0, 30]");
const DRAIN_MS = envInt("DRAIN_MS", 5000, 100);
const STOP_P99_MS = envInt("STOP_P99_MS", 1000, 1);
const RETRIES = envInt("RETRIES", 1, 0);
const SNAPSHOT_VIEWS = envInt("SNAPSHOT_VIEWS", 1000, 0);
const SNAPSHOT_VIEW = process.env.SNAPSHOT_VIEW ?? "counter";
if (!["counter", "rows"].includes(SNAPSHOT_VIEW)) fail(`SNAPSHOT_VIEW must be counter or rows, got "${SNAPSHOT_VIEW}"`);
const CONCURRENCY = envInt("CONCURRENCY", 32, 1);
const DEV = process.env.DEV === "1";
const SEED = envInt("SEED", 1, 0);
const MAX_SECONDS = envInt("MAX_SECONDS", 290, 10);
const RESULT_FILE = process.env.RESULT_FILE === "-" ? null : resolve(process.env.RESULT_FILE ?? join(repoDir, "bench/results/load.json"));
const TARGET_RSS_KB = 8;
/** Other processes using more than this many cores during a rate make its figures suspect. */
const CONTENDED_CORES = 0.25;
const TARGET_P99_MS = 10;
const TARGET_RATE = 2000;
const TARGET_VIEWS = 5000;

// ---------------------------------------------------------------------------------------------
// Child processes: every one is killed when this process stops, and the whole run is bounded.

function killChildren() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
process.on("exit", killChildren);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}
setTimeout(() => fail(`stopped after MAX_SECONDS=${MAX_SECONDS}: the run took too long (results not written)`), MAX_SECONDS * 1000).unref();

/** The open-file limit of the shell (soft, hard). */
function fdLimits() {
  const read = (flag) => {
    const out = spawnSync("sh", ["-c", `ulimit ${flag}n`], { encoding: "utf8" }).stdout.trim();
    return out === "unlimited" ? Number.POSITIVE_INFINITY : Number(out);
  };
  return { soft: read("-S"), hard: read("-H") };
}
const limits = fdLimits();

/**
 * Forks `file` with IPC. When the process needs more file descriptors than the soft limit,
 * it is started through `sh -c "ulimit -n N; exec node …"` (up to the hard limit).
 */
async function start(file, name, env, fds) {
  const execArgv = ["--expose-gc"];
  const options = { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] };
  let child;
  if (fds <= limits.soft) {
    child = fork(join(here, file), [], { ...options, execArgv });
  } else if (fds <= limits.hard) {
    child = fork(join(here, file), [], {
      ...options,
      execPath: "sh",
      execArgv: ["-c", `ulimit -n ${fds} && exec "$0" "$@"`, process.execPath, ...execArgv],
    });
  } else {
    fail(`${name} needs ${fds} file descriptors but the hard limit is ${limits.hard}: lower the step sizes`);
  }
  children.add(child);
  child.once("exit", () => children.delete(child));
  await new Promise((resolveReady, rejectReady) => {
    const timer = setTimeout(() => rejectReady(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once("error", rejectReady);
    child.once("exit", (code, signal) => rejectReady(new Error(`${name} exited while starting (code ${code}, signal ${signal})`)));
    child.on("message", (m) => {
      if (m?.ready) {
        clearTimeout(timer);
        resolveReady();
      }
    });
  });
  return { child, call: rpc(child, name) };
}

async function stop(proc) {
  if (!proc || proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once("exit", r));
  await proc.call("stop", {}, 10_000).catch(() => undefined);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
}

async function startPair(mode, maxConnections) {
  const fds = maxConnections + 256;
  const server = await start("server.js", `server (${mode})`, { LOAD_MODE: mode, LOAD_VIEWS_DIR: tmpDir, LOAD_DEV: DEV ? "1" : "0", NODE_ENV: "production" }, fds);
  const port = await server.call("port");
  const client = await start("client.js", "client", { LOAD_PORT: String(port) }, fds);
  return { server, client, port };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Busy and total CPU time of the whole machine in clock ticks (Linux /proc/stat), or null. */
function machineCpu() {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = fields[3] + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Least-squares line through (x, y): slope, intercept and r². */
function fit(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

const fmtMB = (bytes) => `${(bytes / KB / KB).toFixed(1)} MB`.padStart(10);
const fmtKB = (bytes) => (bytes == null ? "-" : `${(bytes / KB).toFixed(2)} KB`);
const fmtMs = (ms) => (ms == null ? "lost" : ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0));
const pad = (s, n) => String(s).padStart(n);

function newestFile(dir) {
  const newest = readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith(".js"))
    .reduce((max, f) => Math.max(max, statSync(join(dir, String(f))).mtimeMs), 0);
  return new Date(newest).toISOString();
}

// ---------------------------------------------------------------------------------------------
// The views, compiled by our compiler

async function compileViews() {
  let compiler;
  try {
    compiler = await import("@livetsx/compiler");
  } catch (error) {
    fail(`cannot load @livetsx/compiler (build it with \`npx tsc -b\` from the repo root): ${error.message.split("\n")[0]}`);
  }
  for (const need of ["runtime-server/dist/index.js", "runtime-server/dist/template-runtime.js"]) {
    try {
      statSync(join(repoDir, need));
    } catch {
      fail(`${need} does not exist: build the packages with \`npx tsc -b\` from the repo root`);
    }
  }
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  for (const name of ["counter", "rows"]) {
    const source = readFileSync(join(repoDir, `runtime-server/test/views/${name}.tsx`), "utf8");
    const result = compiler.compile(source, { filename: `${name}.tsx` });
    const errors = (result.diagnostics ?? []).filter((d) => [d?.severity, d?.level, d?.kind, d?.category].includes("error"));
    if (errors.length > 0) fail(`compiling ${name}.tsx: ${errors.map((d) => d.message).join("; ")}`);
    writeFileSync(join(tmpDir, `${name}.js`), result.code);
  }
}

// ---------------------------------------------------------------------------------------------
// Memory phases

async function memoryPhase(key, label, mode, view, path, steps) {
  console.log(`\n${label}`);
  console.log(`${"views".padStart(8)}${"heapUsed".padStart(12)}${"heapTotal".padStart(12)}${"rss".padStart(12)}${"external".padStart(12)}${"connect".padStart(10)}`);
  const { server, client } = await startPair(mode, steps[steps.length - 1]);
  const points = [];
  let aborted = null;
  try {
    const baseline = await server.call("memory");
    console.log(`${pad(0, 8)}${fmtMB(baseline.heapUsed).padStart(12)}${fmtMB(baseline.heapTotal).padStart(12)}${fmtMB(baseline.rss).padStart(12)}${fmtMB(baseline.external).padStart(12)}`);
    let connected = 0;
    for (const step of steps) {
      const count = step - connected;
      const budgetMs = 60_000 + count * (view === "rows" ? 200 : 20);
      const r = await client.call("connect", { kind: mode === "bare" ? "bare" : "live", view, path, count, concurrency: CONCURRENCY }, budgetMs);
      connected = r.total;
      if (r.failed > 0) {
        aborted = `${r.failed} of ${count} connections failed at the ${step} step: ${r.errors.join("; ")}`;
        console.log(`  ${aborted}`);
        break;
      }
      const m = await server.call("memory", {}, 60_000);
      const expected = mode === "bare" ? m.connections : m.views;
      if (expected !== step) {
        aborted = `the server has ${expected} ${mode === "bare" ? "connections" : "views"}, expected ${step}`;
        console.log(`  ${aborted}`);
        break;
      }
      points.push({ ...m, serverViews: m.views, views: step, connectMs: r.ms, joinReplyBytes: r.joinReplyBytes });
      console.log(
        `${pad(step, 8)}${fmtMB(m.heapUsed).padStart(12)}${fmtMB(m.heapTotal).padStart(12)}${fmtMB(m.rss).padStart(12)}${fmtMB(m.external).padStart(12)}${pad(`${(r.ms / 1000).toFixed(1)} s`, 10)}`,
      );
    }
    const slopes = {};
    for (const field of ["heapUsed", "heapTotal", "rss", "external", "arrayBuffers"]) {
      const line = fit(points.map((p) => ({ x: p.views, y: p[field] })));
      slopes[field] = line ? { bytesPerView: line.slope, kbPerView: line.slope / KB, r2: line.r2 } : null;
      // The slope of the last step alone: one-time growth early on (V8 enlarging its young
      // generation, JIT code) weighs less there.
      const [a, b] = points.slice(-2);
      if (slopes[field] && a && b) slopes[field].lastStepBytesPerView = (b[field] - a[field]) / (b.views - a.views);
    }
    const serverLog = points.at(-1)?.log ?? baseline.log;
    console.log(
      `  slope: heap ${fmtKB(slopes.heapUsed?.bytesPerView)}/view, rss ${fmtKB(slopes.rss?.bytesPerView)}/view` +
        ` (r² ${slopes.rss?.r2?.toFixed(3) ?? "-"}), external ${fmtKB(slopes.external?.bytesPerView)}/view;` +
        ` last step alone: heap ${fmtKB(slopes.heapUsed?.lastStepBytesPerView)}, rss ${fmtKB(slopes.rss?.lastStepBytesPerView)}`,
    );
    if (serverLog && serverLog.warn + serverLog.error > 0) console.log(`  server log: ${serverLog.warn} warnings, ${serverLog.error} errors: ${serverLog.first.join(" | ")}`);
    return { key, label, mode, view, path, steps, baseline, points, slopes, aborted };
  } finally {
    await stop(client);
    await stop(server);
  }
}

// ---------------------------------------------------------------------------------------------
// Latency phase

/**
 * The passes of one rate as one result: percentiles of all their samples together (a lost
 * request counts as infinitely late), the spread of the passes' p99, and the server's figures
 * (CPU averaged; stalls, GC pauses and other processes' CPU at their worst).
 */
function pool(views, rate, passes) {
  const collect = (key) => {
    const all = [];
    for (const p of passes) for (const us of p.samples[key]) all.push(us < 0 ? Number.POSITIVE_INFINITY : us / 1000);
    return all.sort((a, b) => a - b);
  };
  const finite = (x) => (Number.isFinite(x) ? x : null);
  const pct = (a) => ({
    p50: finite(percentile(a, 50)),
    p90: finite(percentile(a, 90)),
    p99: finite(percentile(a, 99)),
    p999: finite(percentile(a, 99.9)),
    max: finite(a[a.length - 1]),
  });
  const sum = (f) => passes.reduce((s, p) => s + f(p), 0);
  const mean = (f) => sum(f) / passes.length;
  const worst = (f) => passes.reduce((m, p) => (f(p) == null ? m : Math.max(m ?? -Infinity, f(p))), null);
  const p99s = passes.map((p) => p.latencyMs.p99 ?? Number.POSITIVE_INFINITY);
  const byKind = {};
  for (const p of passes) {
    for (const [kind, k] of Object.entries(p.serverStalls.gc.byKind)) {
      const t = (byKind[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      t.count += k.count;
      t.totalMs += k.totalMs;
      t.maxMs = Math.max(t.maxMs, k.maxMs);
    }
  }
  const otherCpuCores = worst((p) => p.otherCpuCores);
  return {
    view: "counter",
    views,
    rate,
    passes: passes.length,
    secondsPerPass: RATE_SECONDS,
    requests: sum((p) => p.requests),
    replies: sum((p) => p.replies),
    lost: sum((p) => p.lost),
    errors: sum((p) => p.errors),
    firstError: passes.find((p) => p.firstError)?.firstError ?? null,
    sentPerSecond: mean((p) => p.sentPerSecond ?? 0),
    latencyMs: pct(collect("latencyUs")),
    serviceMs: pct(collect("serviceUs")),
    sendLagMs: pct(collect("lagUs")),
    p99OfPasses: { min: finite(Math.min(...p99s)), median: finite(median(p99s)), max: finite(Math.max(...p99s)) },
    serverCpuShare: mean((p) => p.serverCpuShare),
    clientCpuShare: mean((p) => p.clientCpuShare),
    serverStalls: {
      loopDelayMaxMs: worst((p) => p.serverStalls.loopDelayMaxMs),
      loopDelayP99Ms: worst((p) => p.serverStalls.loopDelayP99Ms),
      gc: { count: sum((p) => p.serverStalls.gc.count), totalMs: sum((p) => p.serverStalls.gc.totalMs), maxMs: worst((p) => p.serverStalls.gc.maxMs), byKind },
    },
    otherCpuCores,
    contended: otherCpuCores > CONTENDED_CORES,
    attempts: sum((p) => p.attempts),
    perPass: passes.map((p) => ({
      latencyMs: p.latencyMs,
      serviceMs: p.serviceMs,
      sendLagMs: p.sendLagMs,
      lost: p.lost,
      serverCpuShare: p.serverCpuShare,
      clientCpuShare: p.clientCpuShare,
      otherCpuCores: p.otherCpuCores,
      serverStalls: p.serverStalls,
      attempts: p.attempts,
      discarded: p.discarded,
    })),
  };
}

async function latencyPhase() {
  console.log("\nlatency of `inc` clicks under an open-loop load (ms from the scheduled send to the reply)");
  console.log(
    `${"views".padStart(6)}${"rate/s".padStart(8)}${"sent/s".padStart(8)}${"p50".padStart(8)}${"p90".padStart(8)}${"p99".padStart(8)}` +
      `${"(passes)".padStart(14)}${"max".padStart(8)}${"lost".padStart(6)}${"lag p99".padStart(9)}${"srv CPU".padStart(9)}` +
      `${"stall".padStart(8)}${"GC max".padStart(8)}${"others".padStart(8)}`,
  );
  const { server, client } = await startPair("live", LOAD_VIEWS[LOAD_VIEWS.length - 1]);
  const runs = [];
  const aborted = [];
  let seed = SEED;

  /** One pass of one rate: the client's figures plus the server's CPU and stalls meanwhile. */
  async function measure(rate) {
    await sleep(300);
    const cpu0 = await server.call("cpu");
    const machine0 = machineCpu();
    const result = await client.call(
      "load",
      { view: "counter", rate, seconds: RATE_SECONDS, seed: seed++, drainMs: DRAIN_MS, raw: true },
      (RATE_SECONDS * 3 + 30) * 1000 + DRAIN_MS,
    );
    const machine1 = machineCpu();
    const cpu1 = await server.call("cpu");
    const wallMs = Number(BigInt(cpu1.wallNs) - BigInt(cpu0.wallNs)) / 1e6;
    result.serverCpuShare = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / wallMs;
    result.serverStalls = cpu1.stalls;
    result.serverViews = cpu1.views;
    result.serverLog = { warn: cpu1.log.warn - cpu0.log.warn, error: cpu1.log.error - cpu0.log.error };
    // CPU the rest of the machine used meanwhile (other people's work), in cores.
    result.otherCpuCores = null;
    if (machine0 && machine1) {
      const machineCores = ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * os.cpus().length;
      result.machineBusyCores = machineCores;
      result.otherCpuCores = Math.max(0, machineCores - result.serverCpuShare - result.clientCpuShare);
    }
    return result;
  }

  /** One pass; while other processes take CPU it is measured again (RETRIES, not late in the run). */
  async function pass(rate) {
    const attempts = [await measure(rate)];
    while (attempts.at(-1).otherCpuCores > CONTENDED_CORES && attempts.length <= RETRIES && elapsed() < MAX_SECONDS * 0.5) {
      attempts.push(await measure(rate));
    }
    const best = attempts.reduce((b, a) => ((a.otherCpuCores ?? 0) < (b.otherCpuCores ?? 0) ? a : b));
    best.attempts = attempts.length;
    best.discarded = attempts
      .filter((a) => a !== best)
      .map((a) => ({ otherCpuCores: a.otherCpuCores, latencyMs: a.latencyMs, serverCpuShare: a.serverCpuShare }));
    return best;
  }

  try {
    let connected = 0;
    for (const views of LOAD_VIEWS) {
      const r = await client.call("connect", { kind: "live", view: "counter", path: "/counter", count: views - connected, concurrency: CONCURRENCY }, 60_000 + (views - connected) * 20);
      connected = r.total;
      if (r.failed > 0) {
        aborted.push(`${r.failed} connections failed on the way to ${views} views: ${r.errors.join("; ")}`);
        console.log(`  ${aborted.at(-1)}`);
        break;
      }
      await sleep(500);
      if (WARMUP_SECONDS > 0) {
        await client.call("load", { view: "counter", rate: RATES[0], seconds: WARMUP_SECONDS, seed: seed++, drainMs: DRAIN_MS }, (WARMUP_SECONDS + 30) * 1000 + DRAIN_MS);
      }
      for (const rate of RATES) {
        const passes = [];
        for (let p = 0; p < PASSES; p++) passes.push(await pass(rate));
        const result = pool(views, rate, passes);
        runs.push(result);
        const l = result.latencyMs;
        const st = result.serverStalls;
        const range = `${fmtMs(result.p99OfPasses.min)}–${fmtMs(result.p99OfPasses.max)}`;
        console.log(
          `${pad(views, 6)}${pad(rate, 8)}${pad(Math.round(result.sentPerSecond ?? 0), 8)}${pad(fmtMs(l.p50), 8)}${pad(fmtMs(l.p90), 8)}${pad(fmtMs(l.p99), 8)}` +
            `${pad(`(${range})`, 14)}${pad(fmtMs(l.max), 8)}${pad(result.lost, 6)}${pad(fmtMs(result.sendLagMs.p99), 9)}` +
            `${pad(`${Math.round(result.serverCpuShare * 100)}%`, 9)}${pad(fmtMs(st.loopDelayMaxMs), 8)}${pad(fmtMs(st.gc.maxMs), 8)}` +
            `${pad(result.otherCpuCores == null ? "-" : `${Math.round(result.otherCpuCores * 100)}%`, 8)}` +
            (result.contended ? "  contended" : "") +
            (result.attempts > PASSES ? `  (${result.attempts - PASSES} pass(es) re-measured)` : ""),
        );
        if (result.errors > 0) console.log(`  ${result.errors} error replies, first: ${result.firstError}`);
        if (l.p99 === null || l.p99 > STOP_P99_MS) {
          const skipped = RATES.filter((x) => x > rate);
          if (skipped.length > 0) console.log(`  p99 above STOP_P99_MS=${STOP_P99_MS} ms: skipping ${skipped.join(", ")}/s for ${views} views`);
          break;
        }
      }
    }
  } finally {
    await stop(client);
    await stop(server);
  }
  // Where p99 crosses the target, per view count: the lowest rate from which p99 stays above it
  // at every higher rate tried, and the rate below that one. A lone spike at a lower rate (a
  // contended run) does not count as the crossing, but is listed.
  const over = (r) => r.latencyMs.p99 === null || r.latencyMs.p99 > TARGET_P99_MS;
  const crossing = LOAD_VIEWS.map((views) => {
    const mine = runs.filter((r) => r.views === views);
    let first = mine.length;
    while (first > 0 && over(mine[first - 1])) first--;
    return {
      views,
      lastRateUnder: first > 0 ? mine[first - 1].rate : null,
      firstRateOver: first < mine.length ? mine[first].rate : null,
      highestRateTried: mine.at(-1)?.rate ?? null,
      spikesBelow: mine.slice(0, first).filter(over).map((r) => ({ rate: r.rate, p99Ms: r.latencyMs.p99, contended: r.contended })),
    };
  });
  return { runs, crossing, aborted };
}

// ---------------------------------------------------------------------------------------------
// Heap snapshot phase: what one idle counter view is made of

/**
 * Self size and count per class of heap object, from a .heapsnapshot file. Plain objects are
 * told apart by their first property names, closures by their script and line, internal arrays
 * by what holds them.
 */
function heapCensus(file) {
  const snapshot = JSON.parse(readFileSync(file, "utf8"));
  const meta = snapshot.snapshot.meta;
  const width = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const types = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const iType = meta.node_fields.indexOf("type");
  const iName = meta.node_fields.indexOf("name");
  const iSize = meta.node_fields.indexOf("self_size");
  const iEdges = meta.node_fields.indexOf("edge_count");
  const { nodes, edges, strings } = snapshot;
  const nodeCount = nodes.length / width;
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0, e = 0; n < nodeCount; n++) {
    firstEdge[n] = e;
    e += nodes[n * width + iEdges] * edgeWidth;
  }
  firstEdge[nodeCount] = edges.length;
  const typeOf = (n) => types[nodes[n * width + iType]];
  const nameOf = (n) => strings[nodes[n * width + iName]];
  const named = (e) => edgeTypes[edges[e]] !== "element" && edgeTypes[edges[e]] !== "hidden";
  const edgeName = (e) => (named(e) ? strings[edges[e + 1]] : "[]"); // indexes would split classes
  const target = (e) => edges[e + 2] / width;
  const edgeTo = (n, name) => {
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += edgeWidth) if (named(e) && strings[edges[e + 1]] === name) return target(e);
    return -1;
  };
  // Closures: the line from `locations`, the script from shared → script_or_debug_info.
  const lines = new Map();
  const loc = snapshot.locations ?? [];
  const locWidth = meta.location_fields?.length ?? 4;
  for (let i = 0; i < loc.length; i += locWidth) lines.set(loc[i] / width, loc[i + 2] + 1);
  // Internal arrays, and collections and empty objects, are named after the first object that
  // holds them (by a property or an internal edge: not a closure's context or a weak edge).
  const HELD = new Set(["Map", "Set", "Array", "Object"]);
  const holdable = (t) => typeOf(t) === "array" || (typeOf(t) === "object" && HELD.has(nameOf(t)));
  const holder = new Map();
  for (let n = 0; n < nodeCount; n++) {
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += edgeWidth) {
      const kind = edgeTypes[edges[e]];
      if (kind === "weak" || kind === "shortcut") continue;
      const t = target(e);
      if (!holder.has(t) && holdable(t)) holder.set(t, `${labelOf(n, false)}.${edgeName(e)}`);
    }
  }
  function labelOf(n, deep) {
    const type = typeOf(n);
    const name = nameOf(n);
    if (type === "object" && name === "Object") {
      const props = [];
      for (let e = firstEdge[n]; e < firstEdge[n + 1] && props.length < 4; e += edgeWidth) {
        if (edgeTypes[edges[e]] === "property" && strings[edges[e + 1]] !== "__proto__") props.push(strings[edges[e + 1]]);
      }
      if (props.length > 0) return `Object {${props.join(", ")}}`;
      return deep && holder.has(n) ? `Object {} in ${holder.get(n)}` : "Object {}";
    }
    if (type === "object" && deep && HELD.has(name) && holder.has(n)) return `${name} in ${holder.get(n)}`;
    if (type === "object" || type === "synthetic" || type === "native") return name.slice(0, 60);
    if (type === "closure") {
      const shared = edgeTo(n, "shared");
      const script = shared >= 0 ? edgeTo(shared, "script_or_debug_info") : -1;
      const where = script >= 0 ? `${nameOf(script).replace(/^.*\//, "")}:${lines.get(n) ?? "?"}` : "?";
      return `(closure) ${name || "anonymous"} ${where}`;
    }
    if (!deep) return `(${type}) ${name.slice(0, 30)}`;
    if (type === "string" || type === "concatenated string" || type === "sliced string") return `(string) ${stringKind(name)}`;
    if (type === "number") return "(heap number)";
    if (type === "array") return `(array) in ${holder.get(n) ?? name}`;
    if (type === "code" || type === "hidden") return `(${type}) ${name.slice(0, 40)}`;
    return `(${type})`;
  }
  const census = new Map();
  let total = 0;
  for (let n = 0; n < nodeCount; n++) {
    const key = labelOf(n, true);
    const size = nodes[n * width + iSize];
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += size;
    census.set(key, entry);
    total += size;
  }
  return { census, total, count: nodeCount };
}

/** What a retained string is, by its look (the snapshot keeps their contents). */
function stringKind(s) {
  if (/^[A-Za-z0-9_-]{40,}\.[A-Za-z0-9_-]{20,}$/.test(s)) return "signed token";
  if (/^lv:phx-/.test(s)) return "topic lv:phx-…";
  if (/^phx-[A-Za-z0-9_-]+$/.test(s)) return "view id phx-…";
  if (/^https?:\/\//.test(s)) return "URL";
  if (/^[A-Za-z0-9_-]{40,}$/.test(s)) return "CSRF token/secret";
  if (/^\d+$/.test(s)) return "digits";
  return "other";
}

async function snapshotPhase() {
  const view = SNAPSHOT_VIEW;
  const path = `/${view}`;
  const warm = view === "rows" ? 10 : 100;
  console.log(`\nheap snapshot: what ${SNAPSHOT_VIEWS} more idle ${view} views hold (after ${warm} to warm up)`);
  const { server, client } = await startPair("live", warm + SNAPSHOT_VIEWS);
  const files = [join(tmpDir, "before.heapsnapshot"), join(tmpDir, "after.heapsnapshot")];
  try {
    const a = await client.call("connect", { kind: "live", view, path, count: warm, concurrency: CONCURRENCY }, 60_000);
    if (a.failed) throw new Error(`connect failed: ${a.errors.join("; ")}`);
    await sleep(300);
    await server.call("snapshot", { file: files[0] }, 120_000);
    const b = await client.call("connect", { kind: "live", view, path, count: SNAPSHOT_VIEWS, concurrency: CONCURRENCY }, 60_000 + SNAPSHOT_VIEWS * 200);
    if (b.failed) throw new Error(`connect failed: ${b.errors.join("; ")}`);
    await sleep(300);
    await server.call("snapshot", { file: files[1] }, 120_000);
  } finally {
    await stop(client);
    await stop(server);
  }
  const before = heapCensus(files[0]);
  const after = heapCensus(files[1]);
  if (process.env.KEEP_SNAPSHOTS !== "1") for (const f of files) rmSync(f, { force: true });
  const rows = [];
  for (const [key, entry] of after.census) {
    const old = before.census.get(key) ?? { count: 0, bytes: 0 };
    const bytes = (entry.bytes - old.bytes) / SNAPSHOT_VIEWS;
    const count = (entry.count - old.count) / SNAPSHOT_VIEWS;
    if (Math.abs(bytes) >= 1 || Math.abs(count) >= 0.5) rows.push({ what: key, bytesPerView: bytes, objectsPerView: count });
  }
  rows.sort((x, y) => y.bytesPerView - x.bytesPerView);
  const totalPerView = (after.total - before.total) / SNAPSHOT_VIEWS;
  const objectsPerView = (after.count - before.count) / SNAPSHOT_VIEWS;
  console.log(`  heap objects per view: ${objectsPerView.toFixed(0)}, ${fmtKB(totalPerView)} (self sizes; native memory not included)`);
  console.log(`  ${"bytes/view".padStart(10)}${"objs/view".padStart(10)}  what`);
  for (const r of rows.slice(0, Number(process.env.SNAPSHOT_TOP ?? 25))) console.log(`  ${pad(r.bytesPerView.toFixed(0), 10)}${pad(r.objectsPerView.toFixed(1), 10)}  ${r.what}`);
  return { view, warmViews: warm, views: SNAPSHOT_VIEWS, bytesPerView: totalPerView, objectsPerView, top: rows.slice(0, 60) };
}

// ---------------------------------------------------------------------------------------------
// Main

const maxConns = Math.max(
  PHASES.includes("memory") ? COUNTER_STEPS.at(-1) : 0,
  PHASES.includes("bare") ? BARE_STEPS.at(-1) : 0,
  PHASES.includes("rows") ? ROWS_STEPS.at(-1) : 0,
  PHASES.includes("latency") ? LOAD_VIEWS.at(-1) : 0,
);
if (maxConns + 256 > limits.hard) fail(`up to ${maxConns} connections need more file descriptors than the hard limit (${limits.hard})`);

const machine = machineInfo({ memoryGiB: Math.round(os.totalmem() / KB ** 3), fdLimit: limits, loadAverage1mAtStart: loadAtStart });
console.log("LiveTSX load benchmark: memory per idle view, latency under load");
// The load average trails by a minute; what other processes use right now is measured too.
const busy0 = machineCpu();
await sleep(1000);
const busy1 = machineCpu();
machine.otherCpuCoresAtStart = busy0 && busy1 ? ((busy1.busy - busy0.busy) / (busy1.total - busy0.total)) * machine.cores : null;
console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.log(
  `load     ${loadAtStart.toFixed(2)} (1-min average)` +
    (machine.otherCpuCoresAtStart == null ? "" : `; other processes are using ${machine.otherCpuCoresAtStart.toFixed(2)} cores now`),
);
console.log(`phases   ${PHASES.join(", ")}${DEV ? " (DEV=1: development checks on)" : ""}`);
if ((machine.otherCpuCoresAtStart ?? loadAtStart / 2) > CONTENDED_CORES) {
  console.log(`warning  busy machine: other processes compete for the CPU; latency figures will be noisy (see the "others" column)`);
}

await compileViews();

const results = { memory: {}, latency: null, snapshot: null };
try {
  // Latency first: it is the part that other work on the machine disturbs, so it runs while the
  // machine is as it was at the start.
  if (PHASES.includes("latency")) results.latency = await latencyPhase();
  if (PHASES.includes("memory")) results.memory.counter = await memoryPhase("counter", "idle counter views (one per connection)", "live", "counter", "/counter", COUNTER_STEPS);
  if (PHASES.includes("rows")) results.memory.rows = await memoryPhase("rows", "idle 1,000-row views (one per connection)", "live", "rows", "/rows", ROWS_STEPS);
  if (PHASES.includes("bare")) results.memory.bare = await memoryPhase("bare", "plain ws connections to a bare ws server (the floor)", "bare", "bare", null, BARE_STEPS);
  if (PHASES.includes("snapshot") && SNAPSHOT_VIEWS > 0) results.snapshot = await snapshotPhase();
} catch (error) {
  fail(error?.stack ?? String(error));
}

// ---------------------------------------------------------------------------------------------
// Summary

const loadAtEnd = os.loadavg()[0];
console.log("\nsummary");
const slopeOf = (k, f) => results.memory[k]?.slopes?.[f]?.bytesPerView ?? null;
const memorySummary = {};
for (const key of ["counter", "rows", "bare"]) {
  const phase = results.memory[key];
  if (!phase) continue;
  memorySummary[key] = {
    steps: phase.points.map((p) => p.views),
    heapKBPerView: slopeOf(key, "heapUsed") / KB,
    heapTotalKBPerView: slopeOf(key, "heapTotal") / KB,
    rssKBPerView: slopeOf(key, "rss") / KB,
    lastStepHeapKBPerView: (phase.slopes.heapUsed?.lastStepBytesPerView ?? NaN) / KB,
    lastStepRssKBPerView: (phase.slopes.rss?.lastStepBytesPerView ?? NaN) / KB,
    externalKBPerView: slopeOf(key, "external") / KB,
    rssR2: phase.slopes.rss?.r2 ?? null,
  };
  console.log(
    `  memory ${key.padEnd(8)} heap ${fmtKB(slopeOf(key, "heapUsed")).padStart(11)}/view   rss ${fmtKB(slopeOf(key, "rss")).padStart(11)}/view` +
      `   (${phase.points.map((p) => p.views).join(", ")} views${phase.aborted ? `; aborted: ${phase.aborted}` : ""})`,
  );
}
let memoryTarget = null;
if (memorySummary.counter) {
  const rss = memorySummary.counter.rssKBPerView;
  memoryTarget = { maxRssKBPerView: TARGET_RSS_KB, rssKBPerView: rss, met: rss <= TARGET_RSS_KB };
  if (memorySummary.bare) {
    memoryTarget.overFloorHeapKBPerView = memorySummary.counter.heapKBPerView - memorySummary.bare.heapKBPerView;
    memoryTarget.overFloorRssKBPerView = rss - memorySummary.bare.rssKBPerView;
  }
  console.log(
    `  target: <= ${TARGET_RSS_KB} KB RSS per idle counter view: ${rss.toFixed(2)} KB, ${memoryTarget.met ? "met" : "NOT met"}` +
      (memorySummary.bare ? ` (floor ${memorySummary.bare.rssKBPerView.toFixed(2)} KB; LiveTSX adds ${memoryTarget.overFloorRssKBPerView.toFixed(2)} KB RSS, ${memoryTarget.overFloorHeapKBPerView.toFixed(2)} KB heap)` : ""),
  );
}
let latencyTarget = null;
if (results.latency) {
  for (const c of results.latency.crossing) {
    const text =
      (c.firstRateOver === null
        ? `p99 <= ${TARGET_P99_MS} ms up to the highest rate tried, ${c.highestRateTried}/s`
        : c.lastRateUnder === null
          ? `p99 > ${TARGET_P99_MS} ms at every rate tried (from ${c.firstRateOver}/s)`
          : `p99 crosses ${TARGET_P99_MS} ms between ${c.lastRateUnder} and ${c.firstRateOver} events/s`) +
      (c.spikesBelow.length > 0 ? ` (spikes below: ${c.spikesBelow.map((x) => `${x.rate}/s ${fmtMs(x.p99Ms)} ms${x.contended ? " contended" : ""}`).join(", ")})` : "");
    console.log(`  latency ${c.views} views: ${text}`);
  }
  const contended = results.latency.runs.filter((r) => r.otherCpuCores > CONTENDED_CORES);
  if (contended.length > 0) {
    console.log(`  warning: other processes used more than ${CONTENDED_CORES} of a core during ${contended.length} of ${results.latency.runs.length} rates ("contended"): their latencies are inflated`);
  }
  const at = results.latency.runs.find((r) => r.views === TARGET_VIEWS && r.rate === TARGET_RATE);
  if (at) {
    latencyTarget = {
      views: TARGET_VIEWS,
      rate: TARGET_RATE,
      maxP99Ms: TARGET_P99_MS,
      p99Ms: at.latencyMs.p99,
      met: at.latencyMs.p99 !== null && at.latencyMs.p99 < TARGET_P99_MS,
      contended: at.otherCpuCores > CONTENDED_CORES,
    };
    console.log(`  target: p99 < ${TARGET_P99_MS} ms at ${TARGET_RATE} events/s with ${TARGET_VIEWS} views: ${fmtMs(at.latencyMs.p99)} ms, ${latencyTarget.met ? "met" : "NOT met"}`);
  }
}

const durationSeconds = elapsed();
console.log(`\nload: done in ${durationSeconds.toFixed(0)} s`);

if (RESULT_FILE) {
  const result = {
    benchmark: "load",
    date: new Date().toISOString(),
    machine: { ...machine, loadAverage1mAtEnd: loadAtEnd },
    packages: { "@livetsx/server": packageVersion("@livetsx/server"), "@livetsx/compiler": packageVersion("@livetsx/compiler"), ws: packageVersion("ws") },
    serverBuild: { dir: "runtime-server/dist", newestJsFile: newestFile(join(repoDir, "runtime-server/dist")) },
    views: { counter: "runtime-server/test/views/counter.tsx at /counter", rows: "runtime-server/test/views/rows.tsx at /rows (1,000 rows)" },
    config: {
      phases: PHASES,
      counterSteps: COUNTER_STEPS,
      rowsSteps: ROWS_STEPS,
      bareSteps: BARE_STEPS,
      loadViews: LOAD_VIEWS,
      rates: RATES,
      passes: PASSES,
      secondsPerPass: RATE_SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      drainMs: DRAIN_MS,
      stopP99Ms: STOP_P99_MS,
      retries: RETRIES,
      snapshotViews: SNAPSHOT_VIEWS,
      concurrency: CONCURRENCY,
      dev: DEV,
      seed: SEED,
      heartbeatSeconds: 30,
      gcBeforeMemory: "two global.gc() calls in the server, after 300 ms idle",
      kb: 1024,
      contendedCores: CONTENDED_CORES,
    },
    memory: { summary: memorySummary, target: memoryTarget, phases: results.memory },
    latency: results.latency ? { ...results.latency, target: latencyTarget, unit: "ms from the scheduled send time to the reply" } : null,
    snapshot: results.snapshot,
    durationSeconds,
  };
  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, JSON.stringify(result, null, 2) + "\n");
  console.log(`wrote ${relative(process.cwd(), RESULT_FILE) || RESULT_FILE}`);
}
process.exit(0);
