/**
 * End-to-end events/s over WebSocket on loopback: counter clicks answered by a real LiveTSX
 * server, next to a raw `ws` echo server driven by the same client code in the same run.
 *
 * Processes (all on 127.0.0.1, each its own Node): the LiveTSX server (bench/load/server.js,
 * LOAD_MODE=live: createLiveServer with runtime-server/test/views/counter.tsx compiled by our
 * compiler, NODE_ENV=production, development checks off, and the per-connection event rate limit
 * off, since a closed loop sends each connection's clicks far faster than its default 100 a
 * second a browser tab stays under), the echo server (the same file,
 * LOAD_MODE=echo: the same HTTP server and `ws` settings, every frame sent straight back), and
 * one client process per server (bench/load/client.js, the load benchmark's client). Each
 * client opens CONNECTIONS WebSockets (LiveTSX: an HTTP GET for the page's tokens, the upgrade,
 * a `phx_join`; echo: the upgrade), then runs a closed loop: every connection keeps IN_FLIGHT
 * clicks outstanding (pipelined: a `["1",ref,topic,"event",{"type":"click","event":"inc",…}]`
 * frame each) and sends the next as soon as one is answered. The server's speed sets the pace;
 * both sides get the same connections, frames and depth. A LiveTSX answer must be a `phx_reply`
 * with a diff; the echo's answer is the frame itself.
 *
 * ROUNDS rounds of SECONDS per side (after a warm-up), the order flipping every round; reported:
 * events/s (median, min–max), the round trip of each click (p50/p99), the servers' and
 * clients' CPU share, and LiveTSX's events/s as a share of the echo's (target >= 50%).
 *
 * Run:  npm run bench:e2e-ws -w bench   (builds first)   or   node bench/e2e-ws/run.js
 * Environment: CONNECTIONS=32, IN_FLIGHT=4, ROUNDS=6, SECONDS=3. Writes bench/results/e2e-ws.json.
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { envInt, failer, machineInfo, median, packageVersion, summary } from "../lib.js";
import { rpc } from "../load/ipc.js";

const startedAt = performance.now();
const loadAtStart = os.loadavg()[0];
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const repoDir = here("../../");
const tmpDir = here("../.tmp/e2e-ws/");
const resultFile = here("../results/e2e-ws.json");
const children = new Set();
const killAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
};
process.on("exit", killAll);
const fail = failer("e2e-ws", killAll);

const CONNECTIONS = envInt("CONNECTIONS", 32, 1);
const IN_FLIGHT = envInt("IN_FLIGHT", 4, 1);
const ROUNDS = envInt("ROUNDS", 6, 1);
const SECONDS = envInt("SECONDS", 3, 1);
setTimeout(() => fail("stopped after 240 s: the run took too long (results not written)"), 240_000).unref();

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

async function start(file, name, env) {
  const child = fork(here(`../load/${file}`), [], { execArgv: ["--expose-gc"], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once("exit", (code) => reject(new Error(`${name} exited while starting (code ${code})`)));
    child.on("message", (m) => m?.ready && (clearTimeout(timer), resolve()));
  }).catch((error) => fail(error.message));
  return { child, call: rpc(child, name) };
}

const sides = {};
for (const [side, mode] of [["livetsx", "live"], ["echo", "echo"]]) {
  const server = await start("server.js", `${side} server`, { LOAD_MODE: mode, LOAD_VIEWS_DIR: tmpDir, LOAD_DEV: "0", LOAD_EVENT_RATE: "off", NODE_ENV: "production" });
  const port = await server.call("port");
  const client = await start("client.js", `${side} client`, { LOAD_PORT: String(port) });
  const connected =
    side === "livetsx"
      ? await client.call("connect", { kind: "live", view: "counter", path: "/counter", count: CONNECTIONS, concurrency: 8 }, 120_000)
      : await client.call("connect", { kind: "bare", view: "bare", count: CONNECTIONS, concurrency: 8 }, 120_000);
  if (connected.ok !== CONNECTIONS) fail(`${side}: ${connected.ok} of ${CONNECTIONS} connections opened (${connected.errors.join("; ")})`);
  sides[side] = { server, client, view: side === "livetsx" ? "counter" : "bare" };
}

async function measure(side, seconds, warmupSeconds = 0.5) {
  const { server, client, view } = sides[side];
  const before = await server.call("cpu");
  const r = await client.call("closedLoop", { view, inFlight: IN_FLIGHT, seconds, warmupSeconds, check: side === "livetsx" }, (seconds + 30) * 1000);
  const after = await server.call("cpu");
  const wallMs = Number(BigInt(after.wallNs) - BigInt(before.wallNs)) / 1e6;
  r.serverCpuShare = (after.user + after.system - before.user - before.system) / 1000 / wallMs;
  if (r.errors > 0) fail(`${side}: ${r.errors} answers were no diff reply: ${r.firstError}`);
  if (r.replies === 0) fail(`${side}: no click was answered`);
  return r;
}

const timedFrom = os.loadavg()[0];
await measure("livetsx", 1, 1);
await measure("echo", 1, 1);
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ["livetsx", "echo"] : ["echo", "livetsx"];
  const r = { order: order.join(",") };
  for (const side of order) r[side] = await measure(side, SECONDS);
  rounds.push(r);
  process.stderr.write(`round ${round + 1}/${ROUNDS}: livetsx ${r.livetsx.eventsPerSecond.toFixed(0)}/s, echo ${r.echo.eventsPerSecond.toFixed(0)}/s\n`);
}
const loadAtEnd = os.loadavg()[0];
for (const { server, client } of Object.values(sides)) {
  await client.call("stop").catch(() => undefined);
  await server.call("stop").catch(() => undefined);
}

const stat = (side) => ({
  eventsPerSecond: summary(rounds.map((r) => r[side].eventsPerSecond)),
  latencyP50Ms: median(rounds.map((r) => r[side].latencyMs.p50)),
  latencyP99Ms: median(rounds.map((r) => r[side].latencyMs.p99)),
  serverCpuShare: median(rounds.map((r) => r[side].serverCpuShare)),
  clientCpuShare: median(rounds.map((r) => r[side].clientCpuShare)),
});
const stats = { livetsx: stat("livetsx"), echo: stat("echo") };
const share = stats.livetsx.eventsPerSecond.median / stats.echo.eventsPerSecond.median;
const shareOfRounds = median(rounds.map((r) => r.livetsx.eventsPerSecond / r.echo.eventsPerSecond));
const target = { name: "LiveTSX counter events/s >= 50% of a raw ws echo server's", share, met: share >= 0.5 };
const machine = machineInfo({ loadAverage1mAtStart: loadAtStart, loadAverage1mAtTiming: timedFrom, loadAverage1mAtEnd: loadAtEnd });

console.log("LiveTSX end to end over ws on loopback: counter clicks vs a raw ws echo server");
console.log(`machine  ${machine.os}, ${machine.cpu} x${machine.cores}, Node ${machine.node}; load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`);
console.log(`setup    ${CONNECTIONS} connections per side, ${IN_FLIGHT} clicks in flight on each (closed loop, pipelined), ${ROUNDS} rounds of ${SECONDS} s per side`);
if (loadAtStart > machine.cores * 0.75) console.log(`warning  busy machine (load average ${loadAtStart.toFixed(2)} on ${machine.cores} cores at start): figures are noisy`);
console.log("");
console.log(`${"side".padEnd(10)}${"events/s (median, min–max)".padEnd(30)}${"p50 ms".padEnd(9)}${"p99 ms".padEnd(9)}${"server CPU".padEnd(12)}client CPU`);
for (const side of ["livetsx", "echo"]) {
  const s = stats[side];
  const e = s.eventsPerSecond;
  console.log(
    `${side.padEnd(10)}${`${e.median.toFixed(0)} (${e.min.toFixed(0)}–${e.max.toFixed(0)})`.padEnd(30)}${s.latencyP50Ms.toFixed(2).padEnd(9)}${s.latencyP99Ms.toFixed(2).padEnd(9)}${s.serverCpuShare.toFixed(2).padEnd(12)}${s.clientCpuShare.toFixed(2)}`,
  );
}
console.log("");
console.log(`target   ${target.name}: ${target.met ? "met" : "NOT met"} (${(share * 100).toFixed(0)}%; median per round ${(shareOfRounds * 100).toFixed(0)}%)`);

const record = {
  benchmark: "e2e-ws",
  date: new Date().toISOString(),
  machine,
  packages: { "@livetsx/server": packageVersion("@livetsx/server"), ws: packageVersion("ws") },
  config: { connections: CONNECTIONS, inFlight: IN_FLIGHT, rounds: ROUNDS, seconds: SECONDS, loop: "closed loop, pipelined: each connection keeps IN_FLIGHT clicks outstanding" },
  stats,
  share,
  shareOfRounds,
  target,
  rounds,
  durationSeconds: (performance.now() - startedAt) / 1000,
};
mkdirSync(dirname(resultFile), { recursive: true });
writeFileSync(resultFile, JSON.stringify(record, null, 2) + "\n");
console.log(`\nwrote ${relative(process.cwd(), resultFile) || resultFile} (${record.durationSeconds.toFixed(0)} s)`);
process.exit(0);
