/**
 * Scale: how many idle connected counter views this machine holds, what each costs in RSS, and
 * the latency of clicks spread over all of them at a fixed rate. Not part of `npm run bench`
 * (it takes minutes); `npm run bench:scale -w bench` (builds first) or `node bench/load/scale.js`.
 *
 * One process cannot hold 100,000 sockets here: the open-file limit is 20,000 (soft and hard,
 * `ulimit -Hn`; raising it needs a privilege this machine does not give). So the views are spread
 * over SERVERS server processes (bench/load/server.js, LOAD_MODE=live, the counter view compiled
 * by our compiler, NODE_ENV=production, default limits), each on its own port on 127.0.0.1, as a
 * deployment runs one Node per core or more behind one address. Each server has one client
 * process (bench/load/client.js, the load benchmark's client). Ephemeral ports are counted per
 * destination (address and port) when the kernel picks them at connect(), so each client has the
 * whole range (28,232 here) towards its own server. The clients do not bind a source address of
 * their own (SOURCE_ADDRESSES=1 does: 127.0.0.2, 127.0.0.3, …): a bind() before connect() makes
 * the kernel search for a port free on that address whatever the destination, a search that
 * grows with every socket already bound there, and the joins slow down step after step.
 *
 * Before the clicks, the run waits (bounded by SETTLE_MAX_SECONDS) until every server's CPU over
 * a second is under SETTLE_CPU of a core: the clicks measure idle views, not servers still busy
 * with the last step's joins. Each pass reports, beside the pooled latencies, the clients' own
 * event-loop delay and send lag (a reply read late by a busy client counts in its latency) and
 * the servers' loop delay and GC pauses during the pass.
 *
 * Steps: the servers' memory with no view (RSS after two full GCs, per process); then views
 * joined in STEP-sized steps (spread evenly over the servers; each an HTTP GET, a WebSocket, a
 * `phx_join`), the memory after each step; then clicks at RATE events/s spread over every
 * connected view (each client RATE / SERVERS, open loop, targets drawn at random among its views)
 * for RATE_SECONDS, PASSES times (after an untimed warm-up of WARMUP_SECONDS), the latencies of
 * all clients pooled. RSS per view is the growth
 * of the servers' summed RSS over their empty RSS, divided by the views. A hard stop: no new step
 * starts, and no join is begun, after MAX_SECONDS (default 480); the measurement then runs on the
 * views reached, and the whole run ends by MAX_SECONDS + 120 whatever happens.
 *
 * The servers run with the memory settings a deployment of many idle views would use (see the
 * README's deployment notes): V8's young generation capped (`--max-semi-space-size=1`, 1 MB per
 * semi-space instead of up to 16 MB: each process otherwise keeps tens of MB of it touched after
 * a burst of joins) and glibc's malloc held to two arenas (`MALLOC_ARENA_MAX=2`: V8's and libuv's
 * threads otherwise each get one, and keep what they freed), and V8's collector on the main
 * thread alone (`--single-threaded-gc`: twelve processes on two cores leave no core for each
 * process's GC helper threads, and a parallel scavenge waits for all of its helpers, so a helper
 * the kernel has not run yet stalls the process). SERVER_NODE_ARGS and
 * SERVER_MALLOC_ARENA_MAX change them; empty means Node's and glibc's defaults.
 *
 * Environment: VIEWS=100000, SERVERS=ceil(VIEWS / 17000), STEP=10000, RATE=5000, RATE_SECONDS=4,
 * PASSES=2, WARMUP_SECONDS=2 (an untimed pass of the same clicks first; 0: none), CONCURRENCY=16 (joins in flight per client), MAX_SECONDS=480,
 * SERVER_NODE_ARGS="--max-semi-space-size=1 --single-threaded-gc", SERVER_MALLOC_ARENA_MAX=2, CLIENT_NODE_ARGS="",
 * SOURCE_ADDRESSES=0, SETTLE_CPU=0.05, SETTLE_MAX_SECONDS=60,
 * RESULT_FILE=bench/results/scale.json (`-`: nowhere).
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { envInt, failer, machineInfo, packageVersion } from "../lib.js";
import { percentile, rpc } from "./ipc.js";

const startedAt = performance.now();
const elapsed = () => (performance.now() - startedAt) / 1000;
const loadAtStart = os.loadavg()[0];
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const repoDir = here("../../");
const tmpDir = here("../.tmp/scale/");
const resultFile = process.env.RESULT_FILE === "-" ? null : process.env.RESULT_FILE || here("../results/scale.json");
const children = new Set();
const killAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
};
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));
const fail = failer("scale", killAll);

const VIEWS = envInt("VIEWS", 100_000, 1);
const PER_SERVER = 17_000;
const SERVERS = envInt("SERVERS", Math.ceil(VIEWS / PER_SERVER), 1);
const STEP = envInt("STEP", 10_000, 1);
const RATE = envInt("RATE", 5000, 1);
const RATE_SECONDS = envInt("RATE_SECONDS", 4, 1);
const PASSES = envInt("PASSES", 2, 1);
const WARMUP_SECONDS = envInt("WARMUP_SECONDS", 2, 0);
const CONCURRENCY = envInt("CONCURRENCY", 16, 1);
const MAX_SECONDS = envInt("MAX_SECONDS", 480, 30);
const SERVER_NODE_ARGS = (process.env.SERVER_NODE_ARGS ?? "--max-semi-space-size=1 --single-threaded-gc").split(/\s+/).filter(Boolean);
const SERVER_MALLOC_ARENA_MAX = process.env.SERVER_MALLOC_ARENA_MAX ?? "2";
const SETTLE_CPU = Number(process.env.SETTLE_CPU ?? 0.05);
if (!(SETTLE_CPU > 0)) fail(`SETTLE_CPU must be a positive share of a core, got ${process.env.SETTLE_CPU}`);
const SETTLE_WINDOW_MS = 1000;
const SETTLE_MAX_SECONDS = envInt("SETTLE_MAX_SECONDS", 60, 0);
const SOURCE_ADDRESSES = process.env.SOURCE_ADDRESSES === "1";
const CLIENT_NODE_ARGS = (process.env.CLIENT_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
if (SERVER_MALLOC_ARENA_MAX !== "" && !/^[1-9]\d*$/.test(SERVER_MALLOC_ARENA_MAX)) fail(`SERVER_MALLOC_ARENA_MAX must be a positive integer or empty, got ${SERVER_MALLOC_ARENA_MAX}`);
const TARGET_RSS_KB = 8;
const TARGET_P99_MS = 50;
setTimeout(() => fail(`hard stop after ${MAX_SECONDS + 120} s (results not written)`), (MAX_SECONDS + 120) * 1000).unref();

const fdSoft = Number(readFileSync("/proc/self/limits", "utf8").match(/Max open files\s+(\d+)/)?.[1] ?? 1024);
const perServer = Math.ceil(VIEWS / SERVERS);
if (perServer + 256 > fdSoft) fail(`${perServer} views per server need more than the open-file limit (${fdSoft}): raise SERVERS`);

let compiler;
try {
  compiler = await import("@livetsx/compiler");
} catch (error) {
  fail(`cannot load @livetsx/compiler (build it with \`npx tsc -b\`): ${error.message.split("\n")[0]}`);
}
rmSync(tmpDir, { recursive: true, force: true });
mkdirSync(tmpDir, { recursive: true });
for (const name of ["counter", "rows"]) {
  const result = compiler.compile(readFileSync(join(repoDir, `runtime-server/test/views/${name}.tsx`), "utf8"), { filename: `${name}.tsx` });
  const errors = (result.diagnostics ?? []).filter((d) => [d?.severity, d?.level, d?.kind, d?.category].includes("error"));
  if (errors.length > 0) fail(`compiling ${name}.tsx: ${errors.map((d) => d.message).join("; ")}`);
  writeFileSync(join(tmpDir, `${name}.js`), result.code);
}

async function start(file, name, env, nodeArgs = []) {
  const child = fork(here(file), [], { execArgv: ["--expose-gc", ...nodeArgs], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
    child.once("exit", (code) => reject(new Error(`${name} exited while starting (code ${code})`)));
    child.on("message", (m) => m?.ready && (clearTimeout(timer), resolve()));
  }).catch((error) => fail(error.message));
  return { child, call: rpc(child, name) };
}

const pairs = [];
for (let k = 0; k < SERVERS; k++) {
  const arenas = SERVER_MALLOC_ARENA_MAX === "" ? {} : { MALLOC_ARENA_MAX: SERVER_MALLOC_ARENA_MAX };
  const server = await start("server.js", `server ${k + 1}`, { LOAD_MODE: "live", LOAD_VIEWS_DIR: tmpDir, LOAD_DEV: "0", NODE_ENV: "production", ...arenas }, SERVER_NODE_ARGS);
  const port = await server.call("port");
  const address = SOURCE_ADDRESSES ? `127.0.0.${k + 2}` : null;
  const client = await start("client.js", `client ${k + 1}`, { LOAD_PORT: String(port), ...(address ? { LOAD_LOCAL_ADDRESS: address } : {}) }, CLIENT_NODE_ARGS);
  pairs.push({ server, client, port, address, views: 0 });
}

const KB = 1024;
const sumRss = async () => {
  const all = await Promise.all(pairs.map((p) => p.server.call("memory", {}, 120_000)));
  const log = { warn: all.reduce((s, m) => s + m.log.warn, 0), error: all.reduce((s, m) => s + m.log.error, 0), first: all.flatMap((m) => m.log.first).slice(0, 5) };
  return { rss: all.reduce((s, m) => s + m.rss, 0), heapUsed: all.reduce((s, m) => s + m.heapUsed, 0), views: all.reduce((s, m) => s + m.views, 0), each: all.map((m) => m.rss), log };
};
const empty = await sumRss();
console.log(`LiveTSX scale: idle counter views over ${SERVERS} server processes (one client process each${SOURCE_ADDRESSES ? ", own source address" : ""})`);
console.log(`machine  load average ${loadAtStart.toFixed(2)} at start; open-file limit ${fdSoft} per process; target ${VIEWS} views`);
console.log(`servers  node ${["--expose-gc", ...SERVER_NODE_ARGS].join(" ")}; MALLOC_ARENA_MAX=${SERVER_MALLOC_ARENA_MAX || "(glibc's default)"}`);
console.log(`empty    ${SERVERS} servers: RSS ${(empty.rss / KB / KB).toFixed(1)} MB in all`);
console.log(`${"views".padStart(8)}${"RSS MB".padStart(10)}${"KB/view".padStart(10)}${"heap KB/view".padStart(14)}${"joins/s".padStart(10)}${"elapsed s".padStart(11)}`);

const steps = [];
let connected = 0;
let stoppedBy = null;
while (connected < VIEWS) {
  if (elapsed() > MAX_SECONDS) {
    stoppedBy = `the time bound (MAX_SECONDS=${MAX_SECONDS}) before ${VIEWS} views`;
    break;
  }
  const want = Math.min(STEP, VIEWS - connected);
  const t0 = performance.now();
  const results = await Promise.all(
    pairs.map((p, k) => {
      const count = Math.floor(want / SERVERS) + (k < want % SERVERS ? 1 : 0);
      // No join starts after MAX_SECONDS: a step cut short ends the connecting.
      const deadline = Date.now() + (MAX_SECONDS - elapsed()) * 1000;
      return count === 0 ? { ok: 0, failed: 0, errors: [] } : p.client.call("connect", { kind: "live", view: "counter", path: "/counter", count, concurrency: CONCURRENCY, deadline }, (MAX_SECONDS + 60) * 1000);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const ok = results.reduce((s, r) => s + r.ok, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  connected += ok;
  const mem = await sumRss();
  const step = { views: connected, serverViews: mem.views, rss: mem.rss, heapUsed: mem.heapUsed, rssPerView: (mem.rss - empty.rss) / connected, heapPerView: (mem.heapUsed - empty.heapUsed) / connected, joinsPerSecond: ok / seconds, failed, errors: results.flatMap((r) => r.errors).slice(0, 5), elapsedSeconds: elapsed() };
  steps.push(step);
  console.log(
    `${String(connected).padStart(8)}${(mem.rss / KB / KB).toFixed(1).padStart(10)}${(step.rssPerView / KB).toFixed(2).padStart(10)}${(step.heapPerView / KB).toFixed(2).padStart(14)}${step.joinsPerSecond.toFixed(0).padStart(10)}${elapsed().toFixed(0).padStart(11)}` +
      (failed ? `  ${failed} failed: ${step.errors[0]}` : ""),
  );
  // What the servers logged (a refused or dropped connection is logged there) says on whose side a failed join ended.
  if (mem.log.warn + mem.log.error > 0) console.log(`         servers' log so far: ${mem.log.warn} warnings, ${mem.log.error} errors: ${mem.log.first.join(" | ")}`);
  if (ok < want && elapsed() > MAX_SECONDS) {
    stoppedBy = `the time bound (MAX_SECONDS=${MAX_SECONDS}) in the middle of a step`;
    break;
  }
  if (failed > ok) {
    stoppedBy = `joins failing (${failed} of ${ok + failed} in the last step: ${step.errors[0]})`;
    break;
  }
}

/**
 * Waits until every server's CPU share over a SETTLE_WINDOW_MS window is under SETTLE_CPU (of one
 * core): the clicks measure idle views answering, not the servers still digesting the joins (the
 * garbage of the last step, its GCs). Bounded by SETTLE_MAX_SECONDS; says whether it settled.
 */
async function settle() {
  const t0 = performance.now();
  const sample = () => Promise.all(pairs.map((p) => p.server.call("cpu")));
  let before = await sample();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
    const after = await sample();
    const shares = after.map((a, k) => (a.user + a.system - before[k].user - before[k].system) / 1000 / (Number(BigInt(a.wallNs) - BigInt(before[k].wallNs)) / 1e6));
    const seconds = (performance.now() - t0) / 1000;
    // The idle servers' loop delay in the last window: what heartbeats and timers alone cost them.
    const idle = { loopDelayP99Ms: Math.max(...after.map((a) => a.stalls.loopDelayP99Ms)), loopDelayMaxMs: Math.max(...after.map((a) => a.stalls.loopDelayMaxMs)) };
    if (shares.every((x) => x < SETTLE_CPU) || seconds > SETTLE_MAX_SECONDS) return { settled: shares.every((x) => x < SETTLE_CPU), seconds, shares, idle };
    before = after;
  }
}

// Clicks at RATE spread over every view: each client RATE / SERVERS on its own views, at once.
const settled = connected > 0 ? await settle() : null;
if (settled) console.log(`settle   servers' CPU ${settled.settled ? "under" : "still over"} ${SETTLE_CPU} of a core each after ${settled.seconds.toFixed(1)} s (last: ${settled.shares.map((x) => x.toFixed(2)).join(", ")}); idle loop delay p99 ${settled.idle.loopDelayP99Ms.toFixed(1)} ms, max ${settled.idle.loopDelayMaxMs.toFixed(1)} ms`);
/** One pass of clicks at RATE for `seconds`, every client at once; printed as `label`. */
async function clickPass(label, seconds, seed) {
  await Promise.all(pairs.map((p) => p.server.call("cpu"))); // resets the servers' stall counters
  const rs = await Promise.all(pairs.map((p, k) => p.client.call("load", { view: "counter", rate: RATE / SERVERS, seconds, seed: seed + k, raw: true }, (seconds + 60) * 1000)));
  const stalls = (await Promise.all(pairs.map((p) => p.server.call("cpu")))).map((c) => c.stalls);
  const ms = (key) => rs.flatMap((r) => r.samples[key].map((us) => (us < 0 ? Number.POSITIVE_INFINITY : us / 1000))).sort((a, b) => a - b);
  const latency = ms("latencyUs");
  const sendLag = ms("lagUs");
  const lost = rs.reduce((s, r) => s + r.lost, 0);
  const errors = rs.reduce((s, r) => s + r.errors, 0);
  const finite = (x) => (Number.isFinite(x) ? x : null);
  const p = {
    requests: latency.length,
    lost,
    errors,
    p50: finite(percentile(latency, 50)),
    p90: finite(percentile(latency, 90)),
    p99: finite(percentile(latency, 99)),
    max: finite(latency[latency.length - 1]),
    // Where the time went: the clients' own loop delay and send lag, the servers' loop delay and GC.
    clientSendLagMs: { p99: percentile(sendLag, 99), max: sendLag[sendLag.length - 1] },
    clientLoopDelayMs: { p99: Math.max(...rs.map((r) => r.clientLoopDelayMs.p99)), max: Math.max(...rs.map((r) => r.clientLoopDelayMs.max)) },
    clientCpuShare: rs.map((r) => r.clientCpuShare),
    serverLoopDelayMs: { p99: Math.max(...stalls.map((s) => s.loopDelayP99Ms)), max: Math.max(...stalls.map((s) => s.loopDelayMaxMs)) },
    serverGc: stalls.map((s) => s.gc),
    loadAverage1m: os.loadavg()[0],
  };
  console.log(`clicks   ${label}: ${RATE} events/s over ${connected} views for ${seconds} s: p50 ${p.p50?.toFixed(2)} ms, p90 ${p.p90?.toFixed(2)} ms, p99 ${p.p99?.toFixed(2) ?? "lost"} ms, max ${p.max?.toFixed(1) ?? "lost"} ms; ${lost} lost, ${errors} errors; load ${p.loadAverage1m.toFixed(2)}`);
  const gcLine = (kind) => {
    const all = p.serverGc.map((g) => g.byKind[kind]).filter(Boolean);
    return `${all.reduce((s, k) => s + k.count, 0)} ${kind}, longest ${Math.max(0, ...all.map((k) => k.maxMs)).toFixed(1)} ms`;
  };
  console.log(`         clients: loop delay p99 ${p.clientLoopDelayMs.p99.toFixed(1)} ms, max ${p.clientLoopDelayMs.max.toFixed(1)} ms; send lag p99 ${p.clientSendLagMs.p99.toFixed(1)} ms; CPU ${p.clientCpuShare.map((x) => x.toFixed(2)).join(", ")}`);
  console.log(`         servers: loop delay p99 ${p.serverLoopDelayMs.p99.toFixed(1)} ms, max ${p.serverLoopDelayMs.max.toFixed(1)} ms; GC ${gcLine("minor (scavenge)")}; ${gcLine("major (mark-compact)")}; ${gcLine("incremental marking")}`);
  return p;
}

// First WARMUP_SECONDS of the same clicks, not counted, so that the timed passes measure servers
// whose click path has run (compiled, its caches filled), as a server that has answered clicks
// before; the first compile of the click path otherwise lands in the first pass's tail.
const warmup = connected > 0 && WARMUP_SECONDS > 0 ? await clickPass("warm-up (not counted)", WARMUP_SECONDS, 1) : null;
const passes = [];
for (let pass = 0; pass < PASSES && connected > 0; pass++) passes.push(await clickPass(`pass ${pass + 1}`, RATE_SECONDS, 1 + (pass + 1) * SERVERS));
// The servers close first, so that the closed connections' TIME_WAIT is theirs, on their listening
// ports: on the clients' side each would hold an ephemeral port for a minute, and the next run
// would find too few left.
await Promise.all(pairs.map((p) => p.server.call("stop").catch(() => undefined)));
await Promise.all(pairs.map((p) => p.client.call("stop").catch(() => undefined)));
// Each child exits on its own (writing what its Node options ask for at exit, a CPU profile say);
// what has not within 10 s is killed with the rest.
await Promise.all(pairs.flatMap((p) => [p.server.child, p.client.child]).map((c) => c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((resolve) => {
  const timer = setTimeout(resolve, 10_000);
  c.once("exit", () => (clearTimeout(timer), resolve()));
})));

const last = steps.at(-1);
// The growth from the first step to the last, per view: what one more view costs once the
// processes' heaps and code have warmed up (the first step carries that start-up growth too).
const marginal = steps.length >= 2 ? (last.rss - steps[0].rss) / (last.views - steps[0].views) : null;
const marginalHeap = steps.length >= 2 ? (last.heapUsed - steps[0].heapUsed) / (last.views - steps[0].views) : null;
if (marginal !== null) console.log(`growth   from ${steps[0].views} to ${last.views} views: ${(marginal / KB).toFixed(2)} KB RSS and ${(marginalHeap / KB).toFixed(2)} KB heap per view`);
const p99 = passes.length ? Math.max(...passes.map((p) => p.p99 ?? Number.POSITIVE_INFINITY)) : null;
const targets = [
  { name: `${VIEWS} idle counter views connected`, value: connected, met: connected >= VIEWS },
  { name: `RSS per view <= ${TARGET_RSS_KB} KB (over the empty servers)`, value: last ? last.rssPerView / KB : null, met: !!last && last.rssPerView / KB <= TARGET_RSS_KB },
  { name: `RSS per view <= ${TARGET_RSS_KB} KB (growth from the first step)`, value: marginal === null ? null : marginal / KB, met: marginal !== null && marginal / KB <= TARGET_RSS_KB },
  { name: `p99 < ${TARGET_P99_MS} ms at ${RATE} events/s spread over them`, value: p99, met: p99 !== null && p99 < TARGET_P99_MS },
];
console.log("");
if (stoppedBy) console.log(`stopped  by ${stoppedBy}: ${connected} views reached`);
for (const t of targets) console.log(`target   ${t.name}: ${t.met ? "met" : "NOT met"} (${typeof t.value === "number" ? (Number.isInteger(t.value) ? t.value : t.value.toFixed(2)) : t.value})`);

const record = {
  benchmark: "scale",
  date: new Date().toISOString(),
  machine: machineInfo({ loadAverage1mAtStart: loadAtStart, loadAverage1mAtEnd: os.loadavg()[0], openFileLimit: fdSoft }),
  packages: { "@livetsx/server": packageVersion("@livetsx/server"), ws: packageVersion("ws") },
  config: { views: VIEWS, servers: SERVERS, step: STEP, rate: RATE, rateSeconds: RATE_SECONDS, passes: PASSES, warmupSeconds: WARMUP_SECONDS, concurrency: CONCURRENCY, maxSeconds: MAX_SECONDS, serverNodeArgs: SERVER_NODE_ARGS, serverMallocArenaMax: SERVER_MALLOC_ARENA_MAX || null, clientNodeArgs: CLIENT_NODE_ARGS, sourceAddresses: SOURCE_ADDRESSES ? pairs.map((p) => p.address) : null, settleCpu: SETTLE_CPU },
  settled,
  empty,
  steps,
  warmup,
  passes,
  connected,
  marginalRssPerView: marginal,
  marginalHeapPerView: marginalHeap,
  stoppedBy,
  targets,
  durationSeconds: elapsed(),
};
if (resultFile) {
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, JSON.stringify(record, null, 2) + "\n");
  console.log(`\nwrote ${relative(process.cwd(), resultFile) || resultFile} (${record.durationSeconds.toFixed(0)} s)`);
} else {
  console.log(`\ndone in ${record.durationSeconds.toFixed(0)} s (RESULT_FILE=-: nothing written)`);
}
process.exit(0);
