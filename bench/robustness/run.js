/**
 * Robustness benchmarks: what a long run, a client that stops reading and many connections do to
 * the server. Not part of `npm test`; each scenario prints its figures, and the run writes
 * bench/results/robustness.json.
 *
 * Processes, all on 127.0.0.1: this one (the orchestrator), the server (`node --expose-gc
 * robustness/server.js`, createLiveServer with development checks and the event rate limit off)
 * and, for connections, the load benchmark's client (`load/client.js`: raw `ws`
 * connections, one view each, and an open-loop event generator). They talk over IPC.
 *
 *  soak         SOAK_VIEWS counter views, each on its own WebSocket from this process; WARMUP_EVENTS
 *               `inc` clicks on random views, WINDOW in flight at a time (closed loop, so no
 *               backlog sits in the server's memory), then more chunks of warm-up until the
 *               server's reserved heap and RSS (after two full GCs) change by under 1% between
 *               two (V8 sizes its heap to the load in the first chunks at full speed; at most
 *               SETTLE_CHUNKS); then SOAK_EVENTS more in CHUNKS, memory after each. Heap and RSS may grow
 *               at most 5% over the warmed-up figures; latency (send to reply) per chunk,
 *               p50/p99/max, and the events per second the server kept up.
 *  slow-reader  one client joins views/firehose.tsx (a 64 KiB diff every millisecond), reads
 *               for a second, then stops reading (its TCP socket paused) while the server goes on
 *               pushing. The server's RSS and heap every 250 ms, and when it drops the connection
 *               (maxBufferedBytes, 4 MiB by default); then the same with maxBufferedBytes off
 *               (bounded to SLOW_SECONDS), to show what the limit saves.
 *  connections  CONNECTIONS counter views connected, CONCURRENCY joins at a time (an HTTP GET,
 *               a WebSocket, a phx_join each); memory per connection (after GC, heap and RSS)
 *               and the time a join takes, on average.
 *
 * Run (from the repo root):   npx tsc -b && node bench/robustness/run.js
 * Environment:
 *   SCENARIOS=soak,slow-reader,connections   which run
 *   SOAK_VIEWS=500  SOAK_EVENTS=300000  WARMUP_EVENTS=30000  CHUNKS=6  WINDOW=32 (events in flight)
 *   SLOW_SECONDS=20 (the most a slow-reader run lasts)  SLOW_SIZE=65536 (bytes a push)
 *   CONNECTIONS=5000  CONCURRENCY=32
 *   MAX_SECONDS=900                        the run is stopped (children too) after this
 *   RESULT_FILE=bench/results/robustness.json   ("-": nowhere)
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocket } from "ws";
import { prng, rpc } from "../load/ipc.js";
import { envInt, failer, machineInfo } from "../lib.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, "../..");
const tmpDir = join(repoDir, "bench/.tmp/robustness");
const MB = 1024 * 1024;
const children = new Set();
const killChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
};
const fail = failer("robustness", killChildren);
process.on("exit", killChildren);

const SCENARIOS = (process.env.SCENARIOS ?? "soak,slow-reader,connections").split(",").map((s) => s.trim());
for (const s of SCENARIOS) if (!["soak", "slow-reader", "connections"].includes(s)) fail(`unknown scenario "${s}" in SCENARIOS`);
const SOAK_VIEWS = envInt("SOAK_VIEWS", 500);
const SOAK_EVENTS = envInt("SOAK_EVENTS", 300_000);
const WARMUP_EVENTS = envInt("WARMUP_EVENTS", 30_000);
/** Warm-up chunks after WARMUP_EVENTS, until memory changes by under SETTLED between two. */
const SETTLE_CHUNKS = envInt("SETTLE_CHUNKS", 6);
const SETTLED = 0.01;
const CHUNKS = envInt("CHUNKS", 6);
const WINDOW = envInt("WINDOW", 32);
const SLOW_SECONDS = envInt("SLOW_SECONDS", 20);
const SLOW_SIZE = envInt("SLOW_SIZE", 65536);
const CONNECTIONS = envInt("CONNECTIONS", 5000);
const CONCURRENCY = envInt("CONCURRENCY", 32);
const MAX_SECONDS = envInt("MAX_SECONDS", 900, 10);
const RESULT_FILE = process.env.RESULT_FILE === "-" ? null : resolve(process.env.RESULT_FILE ?? join(repoDir, "bench/results/robustness.json"));
/** The most the soak may grow the server's heap and RSS after warm-up. */
const MAX_GROWTH = 0.05;
setTimeout(() => fail(`stopped after MAX_SECONDS=${MAX_SECONDS}`), MAX_SECONDS * 1000).unref();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const pct = (from, to) => `${(((to - from) / from) * 100).toFixed(2)}%`;

async function compileViews() {
  const { compile } = await import("@livetsx/compiler").catch((e) => fail(`cannot load @livetsx/compiler (run npx tsc -b): ${e.message}`));
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  for (const [name, file] of [
    ["counter", join(repoDir, "runtime-server/test/views/counter.tsx")],
    ["firehose", join(here, "views/firehose.tsx")],
  ]) {
    writeFileSync(join(tmpDir, `${name}.js`), compile(readFileSync(file, "utf8"), { filename: `${name}.tsx` }).code);
  }
}

/** Forks `file` (here or in ../load) with IPC and waits for its ready message. */
async function start(file, name, env) {
  const child = fork(resolve(here, file), [], { execArgv: ["--expose-gc"], env: { ...process.env, NODE_ENV: "production", ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  await new Promise((ready, failed) => {
    child.once("exit", (code, signal) => failed(new Error(`${name} exited while starting (code ${code}, signal ${signal})`)));
    child.on("message", (m) => m?.ready && ready());
  });
  return { child, call: rpc(child, name) };
}

async function stop(proc) {
  if (!proc || proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once("exit", r));
  await proc.call("stop", {}, 10_000).catch(() => undefined);
  await Promise.race([exited, sleep(5000)]);
  if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
}

async function startServer(options = {}) {
  const server = await start("server.js", "server", { ROBUSTNESS_VIEWS_DIR: tmpDir, ROBUSTNESS_OPTIONS: JSON.stringify(options) });
  return { server, port: await server.call("port") };
}

// ---------------------------------------------------------------------------------------------

/** `n` counter views, each on a WebSocket of its own, joined; replies are handed to `onReply(ref, text)`. */
async function openViews(port, n, onReply) {
  const views = [];
  for (let i = 0; i < n; i += CONCURRENCY) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, n - i) }, async () => {
        const { page, cookie } = await livePage(port, "/counter");
        const ws = new WebSocket(`ws://127.0.0.1:${port}/live/websocket?_csrf_token=${encodeURIComponent(page.csrf)}&vsn=2.0.0`, { headers: { cookie }, perMessageDeflate: false });
        await new Promise((ok, ko) => ws.once("open", ok).once("error", ko));
        ws.on("error", () => undefined);
        const topic = `lv:${page.id}`;
        const joined = new Promise((ok) => ws.once("message", (data) => ok(String(data))));
        ws.send(JSON.stringify(["1", "j", topic, "phx_join", { url: `http://127.0.0.1:${port}/counter`, params: { _csrf_token: page.csrf, _mounts: 0 }, session: page.session, static: page.static }]));
        const reply = await joined;
        if (!reply.includes('"status":"ok"')) throw new Error(`join refused: ${reply.slice(0, 200)}`);
        ws.on("message", (data) => {
          const text = String(data);
          const ref = /^\["1","(s\d+)"/.exec(text)?.[1];
          if (ref) onReply(ref, text);
        });
        return { ws, topic };
      }),
    );
    views.push(...batch);
  }
  return views;
}

/**
 * `count` clicks of `inc` on random views, WINDOW of them in flight at a time (closed loop: the
 * server's speed sets the pace, so no backlog builds up in its memory); the time from each send
 * to its reply, sorted.
 */
function clicks(views, count, state) {
  const latencies = new Float64Array(count);
  let sent = 0;
  let done = 0;
  let bad = 0;
  const random = prng(state.seed++);
  return new Promise((resolveRun) => {
    state.onReply = (ref, text) => {
      const t0 = state.sentAt.get(ref);
      if (t0 === undefined) return;
      state.sentAt.delete(ref);
      latencies[done++] = performance.now() - t0;
      if (!text.includes('"status":"ok","response":{"diff":')) bad++;
      if (done === count) resolveRun({ latencies: latencies.sort(), bad });
      else pump();
    };
    const pump = () => {
      while (sent < count && sent - done < WINDOW) {
        const view = views[Math.floor(random() * views.length)];
        const ref = `s${state.ref++}`;
        state.sentAt.set(ref, performance.now());
        sent++;
        view.ws.send(`["1","${ref}",${JSON.stringify(view.topic)},"event",{"type":"click","event":"inc","value":{}}]`);
      }
    };
    pump();
  });
}

const at = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function soak() {
  const { server, port } = await startServer();
  const state = { seed: 1, ref: 0, sentAt: new Map(), onReply: () => undefined };
  const views = await openViews(port, SOAK_VIEWS, (ref, text) => state.onReply(ref, text));
  try {
    const t0 = performance.now();
    const warm = await clicks(views, WARMUP_EVENTS, state);
    let base = await server.call("memory");
    // V8 sizes its heap to the load during the first chunks at full speed (the young
    // generation, reserved pages): the warm-up goes on, a chunk at a time, until the reserved
    // heap and RSS change by under SETTLED between two chunks (at most SETTLE_CHUNKS more).
    let warmEvents = WARMUP_EVENTS;
    for (let i = 0; i < SETTLE_CHUNKS; i++) {
      const n = Math.round(SOAK_EVENTS / CHUNKS);
      await clicks(views, n, state);
      warmEvents += n;
      const m = await server.call("memory");
      const settled = Math.abs(m.rss - base.rss) / base.rss < SETTLED && Math.abs(m.heapTotal - base.heapTotal) / base.heapTotal < SETTLED;
      console.log(`  warm-up chunk: heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} reserved, RSS ${mb(m.rss)}${settled ? " (settled)" : ""}`);
      base = m;
      if (settled) break;
    }
    console.log(
      `soak: ${SOAK_VIEWS} views, ${warmEvents} events of warm-up (${WINDOW} in flight) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `then heap ${mb(base.heapUsed)} of ${mb(base.heapTotal)} reserved, RSS ${mb(base.rss)} (after GC)`,
    );
    const chunks = [];
    for (let c = 0; c < CHUNKS; c++) {
      const started = performance.now();
      const run = await clicks(views, Math.round(SOAK_EVENTS / CHUNKS), state);
      const seconds = (performance.now() - started) / 1000;
      const m = await server.call("memory");
      const l = run.latencies;
      const chunk = { events: l.length, refused: run.bad, seconds, perSecond: l.length / seconds, latencyMs: { p50: at(l, 50), p99: at(l, 99), max: l[l.length - 1] }, heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss };
      chunks.push(chunk);
      console.log(
        `  chunk ${c + 1}/${CHUNKS}: ${chunk.events} events in ${seconds.toFixed(1)} s (${chunk.perSecond.toFixed(0)}/s), ${run.bad} not ok; ` +
          `latency p50 ${chunk.latencyMs.p50.toFixed(2)} ms, p99 ${chunk.latencyMs.p99.toFixed(2)} ms, max ${chunk.latencyMs.max.toFixed(1)} ms; ` +
          `heap ${mb(m.heapUsed)} (${pct(base.heapUsed, m.heapUsed)}) of ${mb(m.heapTotal)} reserved, RSS ${mb(m.rss)} (${pct(base.rss, m.rss)})`,
      );
    }
    const last = chunks.at(-1);
    const heapGrowth = (last.heapUsed - base.heapUsed) / base.heapUsed;
    const rssGrowth = (last.rss - base.rss) / base.rss;
    const p99 = Math.max(...chunks.map((c) => c.latencyMs.p99));
    const refused = chunks.reduce((sum, c) => sum + c.refused, 0);
    const pass = heapGrowth <= MAX_GROWTH && rssGrowth <= MAX_GROWTH && refused === 0;
    console.log(
      `soak: ${SOAK_EVENTS} events after warm-up: heap ${pct(base.heapUsed, last.heapUsed)}, RSS ${pct(base.rss, last.rss)} (at most ${MAX_GROWTH * 100}%); ` +
        `worst chunk p99 ${p99.toFixed(2)} ms; ${refused} not ok: ${pass ? "PASS" : "FAIL"}`,
    );
    return { views: SOAK_VIEWS, window: WINDOW, warmup: { events: warmEvents, p99Ms: at(warm.latencies, 99) }, base: { heapUsed: base.heapUsed, heapTotal: base.heapTotal, rss: base.rss }, chunks, heapGrowth, rssGrowth, worstP99Ms: p99, pass };
  } finally {
    for (const { ws } of views) ws.terminate();
    await stop(server);
  }
}

// ---------------------------------------------------------------------------------------------

function get(port, path) {
  return new Promise((resolveGet, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c) => (body += c));
        res.on("end", () => resolveGet({ body, cookie: String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0] }));
      })
      .on("error", reject);
  });
}

/** The page at `path`: what a client needs to join its view, and the CSRF cookie. */
async function livePage(port, path) {
  const { body, cookie } = await get(port, path);
  const pick = (re) => re.exec(body)?.[1] ?? "";
  const page = { csrf: pick(/<meta name="csrf-token" content="([^"]+)"/), id: pick(/<div id="([^"]+)" data-phx-main/), session: pick(/data-phx-session="([^"]+)"/), static: pick(/data-phx-static="([^"]+)"/) };
  if (!page.id || !page.session) throw new Error(`GET ${path}: no view container in the page`);
  return { page, cookie };
}

/** One firehose view joined, read for a second, then not read any more: the server's memory over time. */
async function slowReader(label, options) {
  const { server, port } = await startServer(options);
  try {
    const path = `/firehose?size=${SLOW_SIZE}&every=1`;
    const { page, cookie } = await livePage(port, path);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/live/websocket?_csrf_token=${encodeURIComponent(page.csrf)}&vsn=2.0.0`, { headers: { cookie }, perMessageDeflate: false });
    await new Promise((ok, ko) => ws.once("open", ok).once("error", ko));
    let received = 0;
    let closedAt = null;
    ws.on("message", (data) => (received += data.length));
    ws.on("error", () => undefined);
    const joined = new Promise((ok) => ws.once("message", ok));
    ws.send(JSON.stringify(["1", "1", `lv:${page.id}`, "phx_join", { url: `http://127.0.0.1:${port}${path}`, params: { _csrf_token: page.csrf, _mounts: 0 }, session: page.session, static: page.static }]));
    await joined;
    await sleep(1000);
    const readBeforePause = received;
    const base = await server.call("memory");
    ws._socket.pause(); // the client stops reading; the kernel's buffers fill, then the server's
    const started = Date.now();
    const samples = [];
    while (Date.now() - started < SLOW_SECONDS * 1000) {
      await sleep(250);
      const m = await server.call("sample");
      samples.push({ t: (Date.now() - started) / 1000, rss: m.rss, heapUsed: m.heapUsed, connections: m.connections });
      if (m.connections === 0) {
        closedAt = (Date.now() - started) / 1000;
        break;
      }
    }
    const after = await server.call("memory");
    const log = (await server.call("log")).filter((l) => !l.line.startsWith("info")).map((l) => l.line);
    ws.terminate();
    const peak = samples.reduce((m, s) => Math.max(m, s.rss), base.rss);
    console.log(
      `slow reader (${label}): read ${mb(readBeforePause)} in the first second, then stopped reading; ` +
        (closedAt === null ? `the server kept the connection for the ${SLOW_SECONDS} s bound` : `the server dropped the connection after ${closedAt.toFixed(2)} s`) +
        `; RSS ${mb(base.rss)} before, peak ${mb(peak)}, ${mb(after.rss)} after GC at the end`,
    );
    for (const s of samples.filter((_, i) => i % 4 === 3 || i === samples.length - 1)) {
      console.log(`  t=${s.t.toFixed(2)} s  RSS ${mb(s.rss)}  heap ${mb(s.heapUsed)}  connections ${s.connections}`);
    }
    if (log.length > 0) console.log(`  server log: ${log.slice(0, 3).join(" | ")}`);
    return { label, options, readBeforePauseBytes: readBeforePause, closedAfterSeconds: closedAt, rssBefore: base.rss, rssPeak: peak, rssAfterGc: after.rss, samples, log: log.slice(0, 5) };
  } finally {
    await stop(server);
  }
}

// ---------------------------------------------------------------------------------------------

async function connections() {
  const { server, port } = await startServer();
  const client = await start("../load/client.js", "client", { LOAD_PORT: String(port) });
  try {
    // One view first: the cookie, the JIT and the modules are not part of what a connection costs.
    await client.call("connect", { kind: "live", view: "counter", path: "/counter", count: 1, concurrency: 1 });
    const before = await server.call("memory");
    const joined = await client.call("connect", { kind: "live", view: "counter", path: "/counter", count: CONNECTIONS, concurrency: CONCURRENCY }, 300_000);
    const after = await server.call("memory");
    const open = await client.call("count");
    const n = joined.ok;
    const result = {
      connections: n,
      failed: joined.failed,
      errors: joined.errors,
      seconds: joined.ms / 1000,
      joinsPerSecond: n / (joined.ms / 1000),
      meanJoinMs: (joined.ms / n) * CONCURRENCY,
      heapPerConnection: (after.heapUsed - before.heapUsed) / n,
      rssPerConnection: (after.rss - before.rss) / n,
      serverViews: after.views,
      open: open.open,
      joinReplyBytes: joined.joinReplyBytes,
    };
    console.log(
      `connections: ${n} counter views joined (${joined.failed} failed) in ${result.seconds.toFixed(1)} s, ${CONCURRENCY} at a time: ` +
        `${result.joinsPerSecond.toFixed(0)} joins/s, ${result.meanJoinMs.toFixed(1)} ms a join on average (GET, upgrade, phx_join); ` +
        `per connection ${(result.heapPerConnection / 1024).toFixed(2)} KB of heap, ${(result.rssPerConnection / 1024).toFixed(2)} KB of RSS (after GC); ` +
        `the server holds ${after.views} views, ${open.open} sockets open`,
    );
    return result;
  } finally {
    await stop(client);
    await stop(server);
  }
}

// ---------------------------------------------------------------------------------------------

await compileViews();
const results = { machine: machineInfo({ loadAverage1mAtStart: os.loadavg()[0] }), at: new Date().toISOString() };
if (SCENARIOS.includes("soak")) results.soak = await soak();
if (SCENARIOS.includes("slow-reader")) {
  results.slowReader = [await slowReader("maxBufferedBytes 4 MiB, the default", {}), await slowReader("maxBufferedBytes off", { maxBufferedBytes: null })];
}
if (SCENARIOS.includes("connections")) results.connections = await connections();
if (RESULT_FILE) writeFileSync(RESULT_FILE, `${JSON.stringify(results, null, 2)}\n`);
if (results.soak && !results.soak.pass) process.exitCode = 1;
