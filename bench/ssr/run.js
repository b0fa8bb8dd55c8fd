/**
 * SSR benchmark: how many first renders (an HTTP GET of the whole page) one server process
 * answers per second, for the 1,000-row page, next to React 19 and liveviewjs on the same
 * markup.
 *
 * bench/ssr/server.js runs once per side, each in a child process of its own (NODE_ENV=production,
 * --expose-gc), as each would be deployed: a `node:http` server on 127.0.0.1 answering
 * `GET /rows?n=N` with a full HTML page: LiveTSX's own HTTP handler (createLiveServer, the view
 * bench/server/views/rows.tsx compiled by our compiler), React 19 `renderToString` of the same
 * markup in the same page shell, and liveviewjs 0.8.1's `handleHttpLiveView`. React's side runs
 * behind the same kind of HTTP server, route and page shell, so the three answers differ only in
 * what renders them; before timing, the `<main>` of the three bodies must be the same markup
 * (React's `<!-- -->` text separators taken out). A fourth, "static", answers with LiveTSX's page
 * rendered once at startup, building nothing per request: the same HTTP server and client with
 * no renderer, the most any renderer could reach here.
 *
 * This process is the client: CONCURRENCY keep-alive connections, closed loop (each sends its
 * next GET when the previous body has arrived whole), for ROUND_MS per side per round; the
 * order of the sides rotates every round. No GC is forced between batches: a forced full GC
 * shrinks the young generation, and the batch after it pays for regrowing it (LiveTSX's CPU per
 * render came out about 1.5x high that way), which a server that keeps answering never does.
 * A batch gives renders/s (responses / wall time) and the server's CPU time per render. Reported:
 * medians and min–max over ROUNDS rounds, the ratios of the medians, and the median of the
 * per-round ratios. Targets: livetsx >= 3x React's renders/s, >= liveviewjs's.
 *
 * Then the render alone, in each side's server process without HTTP: the view's HTML from a fresh state
 * (LiveTSX: the compiled view's render and renderToString; React: renderToString; liveviewjs:
 * its template's toString), checked equal, timed in interleaved rounds as CPU µs per render.
 *
 * Run:  npm run bench:ssr -w bench    (builds first)    or  node bench/ssr/run.js
 * Environment: SSR_ROWS=1000, ROUNDS=10, ROUND_MS=1000, WARMUP_MS=1500, CONCURRENCY=4;
 * SSR_PROFILE=dir writes the server's CPU profile there (bench/ssr/profile.js summarises it).
 * Writes bench/results/ssr.json.
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { envInt, failer, machineInfo, median, packageVersion, summary } from "../lib.js";

const startedAt = performance.now();
const loadAtStart = os.loadavg()[0];
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const repoDir = here("../../");
const tmpDir = here("../.tmp/ssr/");
const resultFile = here("../results/ssr.json");
/** The server processes: one per side. */
const children = {};
const fail = failer("ssr", () => Object.values(children).forEach((c) => c.kill()));

const ROWS = envInt("SSR_ROWS", 1000, 1);
const ROUNDS = envInt("ROUNDS", 10, 3);
const ROUND_MS = envInt("ROUND_MS", 1000, 100);
const WARMUP_MS = envInt("WARMUP_MS", 1500, 0);
const CONCURRENCY = envInt("CONCURRENCY", 4, 1);
const SIDES = ["livetsx", "react", "liveviewjs"];
/** The sides timed over HTTP: the three renderers and the ceiling (a page sent as it is, built once). */
const HTTP_SIDES = [...SIDES, "static"];

// The view, compiled by our compiler (it imports @livetsx/server by name: bench/.tmp resolves it).
let compiler;
try {
  compiler = await import("@livetsx/compiler");
  await import("@livetsx/server");
} catch (error) {
  fail(`cannot load @livetsx/compiler or @livetsx/server (build with \`npx tsc -b\` from the repo root): ${error.message.split("\n")[0]}`);
}
rmSync(tmpDir, { recursive: true, force: true });
mkdirSync(tmpDir, { recursive: true });
const compiled = compiler.compile(readFileSync(here("../server/views/rows.tsx"), "utf8"), { filename: "rows.tsx" });
const errors = (compiled.diagnostics ?? []).filter((d) => [d?.severity, d?.level, d?.kind, d?.category].includes("error"));
if (errors.length > 0) fail(`compiling rows.tsx: ${errors.map((d) => d.message).join("; ")}`);
const viewFile = join(tmpDir, "rows.js");
writeFileSync(viewFile, compiled.code);

// The server processes, one per side (as each would be deployed: no side's heap, garbage or
// JIT state weighs on another's), and calls to them over IPC.
let stopping = false;
let nextCall = 0;
const pending = new Map();
function startServer(side) {
  const child = fork(here("./server.js"), [], {
    // SSR_PROFILE=dir: the server writes a CPU profile (.cpuprofile) into dir when it stops.
    execArgv: ["--expose-gc", ...(process.env.SSR_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SSR_PROFILE}`] : [])],
    env: { ...process.env, NODE_ENV: "production", LIVETSX_VIEW: viewFile, SSR_SIDE: side },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children[side] = child;
  child.on("message", (m) => {
    if (m.ready) return pending.get(`ready:${side}`)?.resolve();
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  child.on("exit", (code) => {
    if (code !== 0 && !stopping) fail(`the ${side} server process exited with ${code}`);
  });
  return new Promise((resolve, reject) => {
    pending.set(`ready:${side}`, { resolve, reject });
    setTimeout(() => reject(new Error(`the ${side} server process did not start within 60 s`)), 60_000).unref();
  });
}
/** A call to the process of `side`. */
const call = (side, name, args = {}) =>
  new Promise((resolve, reject) => {
    const id = ++nextCall;
    pending.set(id, { resolve, reject });
    children[side].send({ call: name, id, args });
  });
await Promise.all(HTTP_SIDES.map(startServer)).catch((error) => fail(error.message));
const ports = Object.fromEntries(await Promise.all(HTTP_SIDES.map(async (side) => [side, (await call(side, "ports"))[side]])));

// Checks: every side answers 200 with a page whose table is the same markup.
const bodies = {};
for (const side of HTTP_SIDES) {
  const res = await fetch(`http://127.0.0.1:${ports[side]}/rows?n=${ROWS}`);
  const status = res.status;
  const body = await res.text();
  if (status !== 200) fail(`${side}: GET /rows?n=${ROWS} answered ${status}: ${body.slice(0, 300)}`);
  bodies[side] = body;
}
const mainOf = (side) => {
  const m = /<main>[\s\S]*<\/main>/.exec(bodies[side]);
  if (!m) fail(`${side}: the page has no <main> element`);
  return m[0].replaceAll("<!-- -->", "");
};
for (const side of SIDES.slice(1)) {
  if (mainOf(side) !== mainOf("livetsx")) {
    const a = mainOf("livetsx");
    const b = mainOf(side);
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    fail(`${side}'s table differs from livetsx's at character ${at}: livetsx "${a.slice(at, at + 80)}", ${side} "${b.slice(at, at + 80)}"`);
  }
}
const rowCount = (mainOf("livetsx").match(/<tr[ >]/g) ?? []).length;
if (rowCount !== ROWS) fail(`the page has ${rowCount} rows, not ${ROWS}`);
if (!bodies.livetsx.includes("data-phx-session")) fail("livetsx's page has no data-phx-session container");
if (!bodies.liveviewjs.includes("data-phx-session")) fail("liveviewjs's page has no data-phx-session container");
if (mainOf("static") !== mainOf("livetsx") || Buffer.byteLength(bodies.static) !== Buffer.byteLength(bodies.livetsx)) fail("the static side's page is not LiveTSX's");
const pageBytes = Object.fromEntries(HTTP_SIDES.map((side) => [side, Buffer.byteLength(bodies[side])]));
const tableBytes = Buffer.byteLength(mainOf("livetsx"));

/**
 * A keep-alive connection that GETs the page and reads the answer with as little work as the
 * protocol allows: the status line and Content-Length from the head, then the body's bytes counted
 * and dropped (what wrk does). The client shares the machine's two cores with the server it
 * measures; node:http's parser and stream per response left the servers idle part of the time.
 */
class RawConnection {
  constructor(side) {
    this.side = side;
    this.request = Buffer.from(`GET /rows?n=${ROWS} HTTP/1.1\r\nHost: 127.0.0.1:${ports[side]}\r\nConnection: keep-alive\r\n\r\n`, "latin1");
    this.socket = connect(ports[side], "127.0.0.1");
    this.socket.setNoDelay(true);
    this.pending = null;
    this.head = null;
    this.remaining = 0;
    this.socket.on("data", (chunk) => this.#data(chunk));
    this.socket.on("error", (error) => this.#settle(error));
    this.socket.on("close", () => this.#settle(new Error(`${side}: the server closed the connection`)));
  }

  /** One GET; resolves with the status and the body's length. */
  get() {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, status: 0, bytes: 0 };
      this.head = Buffer.alloc(0);
      this.socket.write(this.request);
    });
  }

  #data(chunk) {
    const p = this.pending;
    if (!p) return this.#settle(new Error(`${this.side}: bytes arrived with no request on the way`));
    if (this.head) {
      const head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > 16384) return this.#settle(new Error(`${this.side}: a response head over 16 KiB`));
        this.head = head;
        return;
      }
      const text = head.toString("latin1", 0, end);
      p.status = Number(text.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
      if (!length) return this.#settle(new Error(`${this.side}: a response without Content-Length`));
      this.head = null;
      this.remaining = Number(length[1]);
      chunk = head.subarray(end + 4);
    }
    p.bytes += chunk.length;
    this.remaining -= chunk.length;
    if (this.remaining < 0) return this.#settle(new Error(`${this.side}: more bytes than the Content-Length`));
    if (this.remaining === 0) {
      this.pending = null;
      p.resolve({ status: p.status, bytes: p.bytes });
    }
  }

  #settle(error) {
    const p = this.pending;
    this.pending = null;
    if (p) p.reject(error);
  }

  close() {
    this.socket.removeAllListeners("close");
    this.socket.destroy();
  }
}

/** Each side's connections, kept open across its batches (as keep-alive clients do). */
const pools = {};

/** CONCURRENCY closed loops against one side for `ms`; renders/s and the server's CPU per render. */
async function batch(side, ms) {
  const connections = (pools[side] ??= Array.from({ length: CONCURRENCY }, () => new RawConnection(side)));
  const before = await call(side, "cpu");
  const t0 = performance.now();
  const deadline = t0 + ms;
  let done = 0;
  let bytes = 0;
  const loop = async (connection) => {
    while (performance.now() < deadline) {
      const r = await connection.get();
      if (r.status !== 200) throw new Error(`${side} answered ${r.status}`);
      if (r.bytes < tableBytes) throw new Error(`${side} answered ${r.bytes} B, less than the table alone`);
      done++;
      bytes += r.bytes;
    }
  };
  await Promise.all(connections.map(loop));
  const wallMs = performance.now() - t0;
  const after = await call(side, "cpu");
  return { renders: done, wallMs, perSecond: (done * 1000) / wallMs, serverCpuUsPerRender: (after.cpuUs - before.cpuUs) / done, serverCpuShare: (after.cpuUs - before.cpuUs) / 1000 / wallMs, bytes };
}

const cpuStart = process.cpuUsage();
const timedStart = performance.now();
for (const side of HTTP_SIDES) await batch(side, WARMUP_MS).catch((error) => fail(error.message));
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = HTTP_SIDES.map((_, i) => HTTP_SIDES[(i + round) % HTTP_SIDES.length]);
  const r = { order: order.join(",") };
  for (const side of order) r[side] = await batch(side, ROUND_MS).catch((error) => fail(error.message));
  rounds.push(r);
  process.stderr.write(`round ${round + 1}/${ROUNDS}: ${HTTP_SIDES.map((s) => `${s} ${r[s].perSecond.toFixed(0)}/s`).join(", ")}\n`);
}
const clientCpu = process.cpuUsage(cpuStart);

// The render alone, in the server process without HTTP: the view's HTML from a fresh state.
const alone = await call("livetsx", "renderAloneHTML", { n: ROWS });
for (const side of SIDES) {
  if (alone[side].replaceAll("<!-- -->", "") !== mainOf("livetsx")) fail(`render alone: ${side}'s HTML is not the page's <main>`);
}
const ALONE_ITERATIONS = Math.max(5, Math.round(200_000 / ROWS));
// One untimed batch per side first (its render code may not have been optimized for this path).
for (const side of SIDES) await call(side, "renderAlone", { side, n: ROWS, iterations: ALONE_ITERATIONS });
const aloneRounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length]);
  const r = { order: order.join(",") };
  for (const side of order) r[side] = (await call(side, "renderAlone", { side, n: ROWS, iterations: ALONE_ITERATIONS })).usPerRender;
  aloneRounds.push(r);
}
const aloneStats = Object.fromEntries(SIDES.map((side) => [side, summary(aloneRounds.map((r) => r[side]))]));
const aloneRatios = {
  react: { ofMedians: aloneStats.react.median / aloneStats.livetsx.median, medianOfRounds: median(aloneRounds.map((r) => r.react / r.livetsx)) },
  liveviewjs: { ofMedians: aloneStats.liveviewjs.median / aloneStats.livetsx.median, medianOfRounds: median(aloneRounds.map((r) => r.liveviewjs / r.livetsx)) },
};
const clientShare = (clientCpu.user + clientCpu.system) / 1000 / (performance.now() - timedStart);
const loadAtEnd = os.loadavg()[0];
stopping = true;
await Promise.all(Object.keys(children).map((side) => call(side, "stop").catch(() => undefined)));
// Each server exits on its own (writing its CPU profile, with SSR_PROFILE); within 10 s.
await Promise.all(
  Object.values(children).map((child) =>
    child.exitCode !== null || child.signalCode !== null
      ? undefined
      : new Promise((resolve) => {
          const timer = setTimeout(resolve, 10_000);
          child.once("exit", () => (clearTimeout(timer), resolve()));
        }),
  ),
);
for (const connection of Object.values(pools).flat()) connection.close();

// Report
const stats = Object.fromEntries(
  HTTP_SIDES.map((side) => [
    side,
    {
      rendersPerSecond: summary(rounds.map((r) => r[side].perSecond)),
      serverCpuUsPerRender: summary(rounds.map((r) => r[side].serverCpuUsPerRender)),
      serverCpuShare: median(rounds.map((r) => r[side].serverCpuShare)),
    },
  ]),
);
const ratio = (other) => ({
  ofMedians: stats.livetsx.rendersPerSecond.median / stats[other].rendersPerSecond.median,
  medianOfRounds: median(rounds.map((r) => r.livetsx.perSecond / r[other].perSecond)),
  cpuOfMedians: stats[other].serverCpuUsPerRender.median / stats.livetsx.serverCpuUsPerRender.median,
});
const ratios = { react: ratio("react"), liveviewjs: ratio("liveviewjs") };
// The most any renderer behind this server and client could reach against React: the page sent as it is.
const ceiling = {
  overReact: stats.static.rendersPerSecond.median / stats.react.rendersPerSecond.median,
  overReactPerRound: median(rounds.map((r) => r.static.perSecond / r.react.perSecond)),
  livetsxShare: stats.livetsx.rendersPerSecond.median / stats.static.rendersPerSecond.median,
  cpuUsPerPage: stats.static.serverCpuUsPerRender.median,
};
const targets = [
  { name: "livetsx >= 3x React 19 renderToString's renders/s", ratio: ratios.react.ofMedians, met: ratios.react.ofMedians >= 3 },
  { name: "livetsx >= liveviewjs's renders/s", ratio: ratios.liveviewjs.ofMedians, met: ratios.liveviewjs.ofMedians >= 1 },
];
const machine = machineInfo({ loadAverage1mAtStart: loadAtStart, loadAverage1mAtEnd: loadAtEnd, clientCpuShare: clientShare });
const busy = loadAtStart > machine.cores * 0.75;

console.log("LiveTSX SSR benchmark: HTTP first render of the whole page");
console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, Node ${machine.node}; load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`);
console.log(`setup    GET /rows?n=${ROWS}, ${CONCURRENCY} keep-alive connections closed loop, ${ROUNDS} rounds of ${ROUND_MS} ms per side after ${WARMUP_MS} ms warm-up; server NODE_ENV=production`);
console.log(`pages    livetsx ${pageBytes.livetsx} B (static: the same page), react ${pageBytes.react} B, liveviewjs ${pageBytes.liveviewjs} B; the <main> (same in all three) ${tableBytes} B`);
if (busy) console.log(`warning  busy machine (load average ${loadAtStart.toFixed(2)} on ${machine.cores} cores at start): figures are noisy`);
console.log("");
const fmt = (s, d = 0) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
console.log(`${"side".padEnd(12)}${"renders/s".padEnd(24)}${"server CPU µs/render".padEnd(26)}server CPU share`);
for (const side of HTTP_SIDES) {
  const st = stats[side];
  console.log(`${side.padEnd(12)}${fmt(st.rendersPerSecond).padEnd(24)}${fmt(st.serverCpuUsPerRender).padEnd(26)}${st.serverCpuShare.toFixed(2)}`);
}
console.log("");
for (const other of ["react", "liveviewjs"]) {
  const q = ratios[other];
  console.log(`livetsx / ${other}: ${q.ofMedians.toFixed(2)}x renders/s (median per round ${q.medianOfRounds.toFixed(2)}x); ${q.cpuOfMedians.toFixed(2)}x less server CPU per render`);
}
console.log(
  `static (the ceiling: the page sent as it is, nothing built per request): ${ceiling.overReact.toFixed(2)}x React's renders/s (median per round ${ceiling.overReactPerRound.toFixed(2)}x), ` +
    `${ceiling.cpuUsPerPage.toFixed(0)} server CPU µs a page; livetsx reaches ${(100 * ceiling.livetsxShare).toFixed(0)}% of it`,
);
console.log("");
console.log(`the render alone (the view's HTML from a fresh state, no HTTP; ${ALONE_ITERATIONS} renders per side per round, ${ROUNDS} rounds), CPU µs per render:`);
for (const side of SIDES) console.log(`${side.padEnd(12)}${fmt(aloneStats[side])}`);
for (const other of ["react", "liveviewjs"]) console.log(`livetsx / ${other}, render alone: ${aloneRatios[other].ofMedians.toFixed(2)}x faster (median per round ${aloneRatios[other].medianOfRounds.toFixed(2)}x)`);
console.log("");
for (const t of targets) console.log(`target   ${t.name}: ${t.met ? "met" : "NOT met"} (${t.ratio.toFixed(2)}x)`);
console.log(`ceiling  no renderer behind this server reaches more than ${ceiling.overReact.toFixed(2)}x React's renders/s here (the static side)`);

const record = {
  benchmark: "ssr",
  date: new Date().toISOString(),
  machine,
  packages: {
    "@livetsx/server": packageVersion("@livetsx/server"),
    react: packageVersion("react"),
    "react-dom": packageVersion("react-dom"),
    liveviewjs: packageVersion("liveviewjs"),
  },
  config: { rows: ROWS, rounds: ROUNDS, roundMs: ROUND_MS, warmupMs: WARMUP_MS, concurrency: CONCURRENCY, client: "closed loop, CONCURRENCY keep-alive net connections per side, the head parsed for Content-Length, the body counted" },
  pageBytes,
  tableBytes,
  stats,
  ratios,
  targets,
  ceiling,
  rounds,
  renderAlone: { iterations: ALONE_ITERATIONS, stats: aloneStats, ratios: aloneRatios, rounds: aloneRounds },
  durationSeconds: (performance.now() - startedAt) / 1000,
};
mkdirSync(dirname(resultFile), { recursive: true });
writeFileSync(resultFile, JSON.stringify(record, null, 2) + "\n");
console.log(`\nwrote ${relative(process.cwd(), resultFile) || resultFile} (${record.durationSeconds.toFixed(0)} s)`);
process.exit(0);
