/**
 * Limits benchmark: what one misbehaving client costs the server, with the limits of
 * `createLiveServer` at their defaults ("on") and turned off with `Infinity` ("off", the
 * behaviour before they existed). Everything on 127.0.0.1, bounded in count and time.
 *
 *  backpressure  a raw TCP client joins the feed view and stops reading while PubSub broadcasts
 *                push 16 KiB diffs to it: the server's RSS at its peak and after the client is
 *                gone (two full GCs), and when the connection was dropped (maxBufferedBytes).
 *  flood         a child process sends click events on one connection as fast as it can for
 *                FLOOD_SECONDS, reconnecting whenever it is closed; meanwhile 5 bystander
 *                connections click every 50 ms each: their p50/p99/max latency, and what the
 *                flood got (eventRate, eventBurst). Mode "none" is the bystanders alone.
 *  queue         one connection sends QUEUE_EVENTS events at once to a handler that takes 50 ms:
 *                how many were answered ok and refused, and how long until the last reply
 *                (maxQueuedMessages; the rate limit off in both runs).
 *
 * Run (from the repo root):   npm run bench:limits -w bench   (builds the packages first)
 *                        or:  node --expose-gc bench/limits/run.js   (needs the packages built)
 * Environment:
 *   PARTS=backpressure,flood,queue   which parts run
 *   BROADCASTS=10000                 broadcasts in the backpressure part (16 KiB each)
 *   FLOOD_SECONDS=5                  length of the flood
 *   QUEUE_EVENTS=10000               events of the queue part with the bound on
 *   QUEUE_EVENTS_OFF=200             the same without the bound (each takes 50 ms, one at a time)
 * Prints its tables and writes bench/results/limits.json.
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { connect } from "node:net";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { WebSocket } from "ws";
import { envInt, failer, machineInfo } from "../lib.js";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));
const tmpDir = join(repoDir, "bench/.tmp/limits");
const SECRET = "bench-secret-that-is-long-enough-0123456789";
const fail = failer("limits");
const silent = { info() {}, warn() {}, error() {} };
const settle = () => new Promise((resolve) => setImmediate(resolve));
const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// ---------------------------------------------------------------------------------------------
// The flooder, when this file runs as the child process

if (process.argv[2] === "flooder") {
  const [url, seconds] = [process.argv[3], Number(process.argv[4])];
  const end = Date.now() + seconds * 1000;
  const got = { connections: 0, sent: 0, ok: 0, refused: 0, closes: {} };
  while (Date.now() < end) {
    const { ws, topic } = await joinOver(url, "/counter");
    got.connections++;
    const closed = new Promise((resolve) => ws.once("close", (code) => resolve(code)));
    ws.on("message", (data) => {
      const status = JSON.parse(data.toString())[4]?.status;
      if (status === "ok") got.ok++;
      else if (status === "error") got.refused++;
    });
    let open = true;
    void closed.then(() => (open = false));
    for (let i = 0; open && Date.now() < end; i++) {
      ws.send(JSON.stringify(["1", String(i), topic, "event", { type: "click", event: "inc", value: {} }]));
      got.sent++;
      if (i % 200 === 0) await settle();
    }
    if (open) ws.terminate();
    const code = await closed;
    got.closes[code] = (got.closes[code] ?? 0) + 1;
  }
  process.send(got);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Helpers: the server, the views, a page, a joined client

async function compileViews() {
  const compiler = await import("@livetsx/compiler").catch((e) => fail(`cannot load @livetsx/compiler (npx tsc -b): ${e.message}`));
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const views = {};
  for (const name of ["counter", "feed", "ticker"]) {
    const source = readFileSync(join(repoDir, `runtime-server/test/views/${name}.tsx`), "utf8");
    writeFileSync(join(tmpDir, `${name}.js`), compiler.compile(source, { filename: `${name}.tsx` }).code);
    views[name] = (await import(pathToFileURL(join(tmpDir, `${name}.js`)).href)).default;
  }
  return views;
}

async function startServer(createLiveServer, options) {
  const live = createLiveServer({ secret: SECRET, log: silent, dev: false, heartbeatTimeout: 600_000, ...options });
  const http = createServer((req, res) => void live.handler(req, res, () => res.writeHead(404).end()));
  live.attach(http);
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    live,
    url: `http://127.0.0.1:${http.address().port}`,
    async close() {
      await live.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

async function getPage(url, path) {
  const res = await fetch(url + path);
  const html = await res.text();
  const pick = (re) => re.exec(html)?.[1] ?? "";
  return {
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0],
    csrfToken: pick(/<meta name="csrf-token" content="([^"]+)"/),
    id: pick(/<div id="([^"]+)" data-phx-main/),
    session: pick(/data-phx-session="([^"]+)"/),
    static: pick(/data-phx-static="([^"]+)"/),
  };
}

function joinFrame(url, path, page) {
  const params = { _csrf_token: page.csrfToken, _mounts: 0 };
  return JSON.stringify(["1", "j", `lv:${page.id}`, "phx_join", { url: url + path, params, session: page.session, static: page.static }]);
}

/** A `ws` client joined to `path`; resolves once the join is answered. */
async function joinOver(url, path) {
  const page = await getPage(url, path);
  const query = new URLSearchParams({ _csrf_token: page.csrfToken, vsn: "2.0.0" });
  const ws = new WebSocket(`${url.replace("http", "ws")}/live/websocket?${query}`, { headers: { cookie: page.cookie }, perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const joined = new Promise((resolve) => ws.once("message", resolve));
  ws.send(joinFrame(url, path, page));
  await joined;
  return { ws, topic: `lv:${page.id}`, page };
}

/** A client that sends requests one at a time and resolves each with its reply and latency. */
function requester(ws, topic) {
  let ref = 0;
  const waiting = new Map();
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString());
    const done = waiting.get(frame[1]);
    if (done) waiting.delete(frame[1]), done(frame[4]);
  });
  return (event, value = {}) => {
    const r = String(++ref);
    const start = performance.now();
    const reply = new Promise((resolve) => waiting.set(r, resolve));
    ws.send(JSON.stringify(["1", r, topic, "event", { type: "click", event, value }]));
    return reply.then((payload) => ({ payload, ms: performance.now() - start }));
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function rss() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

// ---------------------------------------------------------------------------------------------
// Parts

async function backpressure(server, views, mode) {
  const { LocalPubSub } = server;
  const pubsub = new LocalPubSub();
  const srv = await startServer(server.createLiveServer, { routes: { "/": views.feed }, pubsub, ...(mode === "off" ? { maxBufferedBytes: Infinity } : {}) });
  const before = rss();
  const page = await getPage(srv.url, "/");
  const { port } = new URL(srv.url);
  const socket = connect(Number(port), "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.on("error", () => undefined);
  const query = new URLSearchParams({ _csrf_token: page.csrfToken, vsn: "2.0.0" });
  const key = randomBytes(16).toString("base64");
  socket.write(`GET /live/websocket?${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nCookie: ${page.cookie}\r\n\r\n`);
  let seen = "";
  await new Promise((resolve) => socket.on("data", (chunk) => ((seen += chunk.toString("latin1")), seen.includes("\r\n\r\n") && resolve())));
  const payload = Buffer.from(joinFrame(srv.url, "/", page));
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]), mask, masked]));
  await new Promise((resolve) => socket.on("data", () => seen.includes("phx_reply") && resolve()));
  socket.pause();

  const BROADCASTS = envInt("BROADCASTS", 10_000);
  const body = "x".repeat(16 * 1024);
  let peak = 0;
  let closedAt = null;
  for (let n = 1; n <= BROADCASTS; n++) {
    pubsub.broadcast("feed", { n, body: `${n}${body}` });
    if (n % 50 === 0) {
      await settle();
      peak = Math.max(peak, process.memoryUsage().rss);
      if (srv.live.stats().connections === 0) {
        closedAt = n;
        break;
      }
    }
  }
  for (let i = 0; i < 20; i++) await settle();
  peak = Math.max(peak, process.memoryUsage().rss);
  socket.destroy();
  while (srv.live.stats().connections > 0) await settle();
  const after = rss();
  await srv.close();
  return { mode, broadcasts: closedAt ?? BROADCASTS, droppedAfter: closedAt, rssBeforeMiB: mib(before), rssPeakMiB: mib(peak), rssAfterMiB: mib(after) };
}

async function flood(server, views, mode) {
  const off = mode === "off" ? { eventRate: Infinity, maxQueuedMessages: Infinity } : {};
  const srv = await startServer(server.createLiveServer, { routes: { "/counter": views.counter }, ...off });
  const bystanders = await Promise.all(Array.from({ length: 5 }, () => joinOver(srv.url, "/counter")));
  const seconds = envInt("FLOOD_SECONDS", 5);
  // "none": the bystanders alone, for the machine's own noise.
  const child = mode === "none" ? null : fork(fileURLToPath(import.meta.url), ["flooder", srv.url, String(seconds)], { stdio: "inherit" });
  const got = child ? new Promise((resolve) => child.once("message", resolve)) : null;
  const latencies = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    bystanders.map(async ({ ws, topic }) => {
      const click = requester(ws, topic);
      while (Date.now() < end) {
        const next = Date.now() + 50;
        const { payload, ms } = await click("inc");
        if (payload.status === "ok") latencies.push(ms);
        else errors++;
        const wait = next - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  const flooded = await got;
  for (const { ws } of bystanders) ws.close();
  await srv.close();
  latencies.sort((a, b) => a - b);
  const ms = (v) => Math.round(v * 100) / 100;
  return { mode, bystanderClicks: latencies.length, bystanderErrors: errors, p50: ms(percentile(latencies, 50)), p99: ms(percentile(latencies, 99)), max: ms(latencies.at(-1)), flood: flooded };
}

async function queue(server, views, mode) {
  const off = mode === "off" ? { maxQueuedMessages: Infinity } : {};
  const srv = await startServer(server.createLiveServer, { routes: { "/ticker": views.ticker }, eventRate: Infinity, ...off });
  const { ws, topic } = await joinOver(srv.url, "/ticker?every=600000");
  const click = requester(ws, topic);
  const count = mode === "off" ? envInt("QUEUE_EVENTS_OFF", 200) : envInt("QUEUE_EVENTS", 10_000);
  const start = performance.now();
  const replies = await Promise.all(Array.from({ length: count }, (_, i) => click("wait", { ms: 50, tag: i })));
  const seconds = Math.round((performance.now() - start) / 10) / 100;
  ws.close();
  await srv.close();
  const ok = replies.filter((r) => r.payload.status === "ok").length;
  return { mode, events: count, ok, refused: count - ok, secondsToLastReply: seconds };
}

// ---------------------------------------------------------------------------------------------

const parts = (process.env.PARTS ?? "backpressure,flood,queue").split(",");
const server = await import("@livetsx/server").catch((e) => fail(`cannot load @livetsx/server (npx tsc -b): ${e.message}`));
if (!globalThis.gc) console.warn("bench:limits: run with node --expose-gc for RSS after a full GC");
const views = await compileViews();
const results = { machine: machineInfo(), parts: {} };
for (const part of parts) {
  const run = { backpressure, flood, queue }[part] ?? fail(`unknown part "${part}"`);
  results.parts[part] = [];
  for (const mode of part === "flood" ? ["none", "off", "on"] : ["off", "on"]) {
    const result = await run(server, views, mode);
    results.parts[part].push(result);
    console.log(part, JSON.stringify(result));
  }
}
mkdirSync(join(repoDir, "bench/results"), { recursive: true });
writeFileSync(join(repoDir, "bench/results/limits.json"), JSON.stringify(results, null, 2) + "\n");
