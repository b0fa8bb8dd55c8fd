/**
 * Fan-out benchmark: one broadcast delivered to 5,000 subscribed views, in process (one node, a
 * LocalPubSub) and over Redis (two nodes of 2,500 views each, in processes of their own, on a
 * redis-server this run starts). Each view is a joined ViewInstance whose handleInfo assigns the
 * message: a delivery is the broadcast, handleInfo, the render and the diff frame encoded.
 *
 *   paced  one message at a time, the next once every view has its diff: delivery latency
 *          (send → diff encoded), p50 and p99 over every view and message
 *   burst  FANOUT_BURST messages sent back to back: messages/s and deliveries/s until every view
 *          has the last one, and the latencies of the burst (queueing included)
 *
 * Usage: npm run bench:fanout -w bench   (builds the packages; needs redis-server)
 * Environment: FANOUT_VIEWS (5000), FANOUT_PACED (100), FANOUT_BURST (100), FANOUT_WARMUP (20).
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { busyWarning, envInt, failer, machineInfo, packageVersion } from "../lib.js";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const tmpDir = join(benchDir, ".tmp", "fanout");
const children = new Set();
const fail = failer("fanout", () => {
  for (const child of children) child.kill("SIGKILL");
});

const VIEWS = envInt("FANOUT_VIEWS", 5000, 2);
const PACED = envInt("FANOUT_PACED", 100);
const BURST = envInt("FANOUT_BURST", 100);
const WARMUP = envInt("FANOUT_WARMUP", 20);
const TEXT = "the quick brown fox jumps over the lazy dog, twice, to make 64 B!";

async function compileViews() {
  let compiler;
  try {
    compiler = await import("@livetsx/compiler");
  } catch (error) {
    fail(`cannot load @livetsx/compiler (build it with \`npx tsc -b\` from the repo root): ${error.message.split("\n")[0]}`);
  }
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const source = readFileSync(join(benchDir, "fanout", "views", "listener.tsx"), "utf8");
  writeFileSync(join(tmpDir, "listener.js"), compiler.compile(source, { filename: "listener.tsx" }).code);
}

/** A node process with `views` views, resolved once they have all joined. */
function startNode(name, pubsub, views, redisUrl) {
  const child = fork(join(benchDir, "fanout", "node.js"), [], {
    env: { ...process.env, NODE_ENV: "production", FANOUT_PUBSUB: pubsub, FANOUT_VIEWS: String(views), FANOUT_NODE: name, FANOUT_VIEWS_DIR: tmpDir, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(child);
  const node = { name, child, views, done: new Set(), waiters: new Map(), collected: null };
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!node.closing) fail(`node ${name} exited (${code ?? signal})`);
  });
  child.on("message", (message) => {
    if (message.done !== undefined) {
      node.waiters.get(message.done)?.();
      node.waiters.delete(message.done);
      node.done.add(message.done);
    } else if (message.latencies) node.collected?.(message);
  });
  return new Promise((resolve) => child.once("message", (m) => m.ready && resolve(node)));
}

/** Resolves once every view of `node` has its diff for message `n`. */
function doneWith(node, n) {
  if (node.done.delete(n)) return Promise.resolve();
  return new Promise((resolve) => node.waiters.set(n, () => (node.done.delete(n), resolve())));
}

function collect(node) {
  return new Promise((resolve) => {
    node.collected = resolve;
    node.child.send({ collect: true });
  });
}

async function closeNode(node) {
  node.closing = true;
  const exited = new Promise((resolve) => node.child.once("exit", resolve));
  node.child.send({ close: true });
  await exited;
}

/** Waits until Redis has `count` subscribers of the fan-out topic: every node is listening. */
async function subscribed(url, count) {
  const client = new Redis(url);
  try {
    for (let tries = 0; ; tries++) {
      const [, n] = await client.pubsub("NUMSUB", "livetsx:fanout");
      if (n === count) return;
      if (tries > 5000) fail(`Redis has ${n} subscribers of the fan-out topic, not ${count}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    client.disconnect();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function latencyStats(results) {
  const all = new Float64Array(results.reduce((sum, r) => sum + r.latencies.length, 0));
  let i = 0;
  for (const r of results) for (const v of r.latencies) all[i++] = v;
  all.sort();
  return { samples: all.length, p50: percentile(all, 50), p99: percentile(all, 99), max: all[all.length - 1] };
}

async function scenario(label, nodes) {
  const publisher = nodes[0];
  let n = 0;
  const one = async () => {
    n++;
    publisher.child.send({ publish: { from: n, to: n, text: TEXT } });
    await Promise.all(nodes.map((node) => doneWith(node, n)));
  };
  for (let i = 0; i < WARMUP; i++) await one();
  await Promise.all(nodes.map(collect));
  const pacedStart = performance.now();
  for (let i = 0; i < PACED; i++) await one();
  const pacedMs = performance.now() - pacedStart;
  const paced = latencyStats(await Promise.all(nodes.map(collect)));
  const from = n + 1;
  n += BURST;
  const burstStart = performance.now();
  publisher.child.send({ publish: { from, to: n, text: TEXT } });
  await Promise.all(nodes.map((node) => doneWith(node, n)));
  const burstMs = performance.now() - burstStart;
  const burstResults = await Promise.all(nodes.map(collect));
  const burst = latencyStats(burstResults);
  const views = nodes.reduce((sum, node) => sum + node.views, 0);
  return {
    label,
    nodes: nodes.map((node) => ({ name: node.name, views: node.views })),
    paced: { messages: PACED, ms: pacedMs, ...paced },
    burst: {
      messages: BURST,
      ms: burstMs,
      messagesPerSecond: (BURST / burstMs) * 1000,
      deliveriesPerSecond: ((BURST * views) / burstMs) * 1000,
      frameBytes: burstResults.reduce((sum, r) => sum + r.bytes, 0) / (BURST * views),
      ...burst,
    },
  };
}

const fmt = (ms) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`);
const int = (x) => Math.round(x).toLocaleString("en-US");

await compileViews();
const loadAtStart = os.loadavg()[0];
let redis;
try {
  const { startRedisServer } = await import("@livetsx/redis/testing");
  redis = await startRedisServer();
} catch (error) {
  fail(`cannot start redis-server: ${error.message}`);
}
const results = [];
try {
  console.log(`fan-out: ${VIEWS} views subscribed to one topic; ${PACED} paced messages, then a burst of ${BURST}`);
  const local = [await startNode("A", "local", VIEWS)];
  results.push(await scenario(`in-process (LocalPubSub, 1 node × ${VIEWS})`, local));
  await Promise.all(local.map(closeNode));
  const half = Math.floor(VIEWS / 2);
  const remote = await Promise.all([startNode("A", "redis", half, redis.url), startNode("B", "redis", VIEWS - half, redis.url)]);
  await subscribed(redis.url, 2);
  results.push(await scenario(`Redis (RedisPubSub, 2 nodes × ${half})`, remote));
  await Promise.all(remote.map(closeNode));
} finally {
  await redis.close();
}

const [a, b] = results;
const rows = [
  ["messages/s (burst)", int(a.burst.messagesPerSecond), int(b.burst.messagesPerSecond)],
  ["deliveries/s (burst)", int(a.burst.deliveriesPerSecond), int(b.burst.deliveriesPerSecond)],
  ["latency p50 (paced)", fmt(a.paced.p50), fmt(b.paced.p50)],
  ["latency p99 (paced)", fmt(a.paced.p99), fmt(b.paced.p99)],
  ["latency p50 (burst)", fmt(a.burst.p50), fmt(b.burst.p50)],
  ["latency p99 (burst)", fmt(a.burst.p99), fmt(b.burst.p99)],
];
const width = [24, Math.max(a.label.length, 14) + 2, Math.max(b.label.length, 14) + 2];
console.log(`\n${"".padEnd(width[0])}${a.label.padStart(width[1])}${b.label.padStart(width[2])}`);
for (const [name, x, y] of rows) console.log(`${name.padEnd(width[0])}${x.padStart(width[1])}${y.padStart(width[2])}`);
const warning = busyWarning(loadAtStart, os.cpus().length, 1);
if (warning) console.log(warning);

mkdirSync(join(benchDir, "results"), { recursive: true });
writeFileSync(
  join(benchDir, "results", "fanout.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: machineInfo({ loadAtStart }),
      packages: { "@livetsx/server": packageVersion("@livetsx/server"), "@livetsx/redis": packageVersion("@livetsx/redis"), ioredis: packageVersion("ioredis") },
      settings: { views: VIEWS, paced: PACED, burst: BURST, warmup: WARMUP },
      results,
    },
    null,
    2,
  ) + "\n",
);
