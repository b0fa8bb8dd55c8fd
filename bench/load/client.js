/**
 * The client side of the load benchmark, run by run.js in a child process of its own: raw `ws`
 * connections that join views as the browser client would, one view per connection, and an
 * open-loop load generator. Controlled over IPC (see `serve` below); LOAD_PORT is the server's port.
 *
 * A live view costs one HTTP GET (keep-alive agent; one CSRF cookie shared by all, as in one
 * browser with many tabs) for its container id and signed session token, then a WebSocket and
 * a `phx_join`. Every connection sends a Phoenix heartbeat every 30 s, as phoenix.js does.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { WebSocket } from "ws";
import { percentile, prng, serve } from "./ipc.js";

const PORT = Number(process.env.LOAD_PORT);
const HOST = "127.0.0.1";
// The source address of this client's sockets (LOAD_LOCAL_ADDRESS, any 127.x.y.z: Linux routes
// all of 127.0.0.0/8 to the loopback), so that several clients each have their own ephemeral
// ports towards one server address; unset, the system picks 127.0.0.1.
const LOCAL = process.env.LOAD_LOCAL_ADDRESS ? { localAddress: process.env.LOAD_LOCAL_ADDRESS } : {};
const HEARTBEAT_MS = 30_000;

/** @type {{ ws: WebSocket, topic: string | null, view: string, joined: ((text: string) => void) | null }[]} */
const conns = [];
const byView = new Map();
let cookie = null;
let run = null; // the load run in progress, if any

// ---------------------------------------------------------------------------------------------
// Heartbeats: every 100 ms, 1/300 of the connections send one, so each sends one every 30 s.
// Browsers' heartbeats are spread over time (each counts from its own connect); a coarser tick
// would send them in bursts (with 17,000 connections, 566 at once every second), and the server
// would answer a burst while clicks wait behind it.

let beat = 0;
const HEARTBEAT_TICK_MS = 100;
const HEARTBEAT_SLICES = HEARTBEAT_MS / HEARTBEAT_TICK_MS;
setInterval(() => {
  const slice = beat++ % HEARTBEAT_SLICES;
  for (let i = slice; i < conns.length; i += HEARTBEAT_SLICES) {
    const { ws } = conns[i];
    if (ws.readyState === WebSocket.OPEN) ws.send(`[null,"h${beat}","phoenix","heartbeat",{}]`);
  }
}, HEARTBEAT_TICK_MS).unref();

// ---------------------------------------------------------------------------------------------
// Connecting

// A kept-alive socket is given up after this long idle: under the server's keep-alive timeout (Node's
// default 5 s), so that the client does not send on a socket the server is closing at that moment.
const IDLE_SOCKET_MS = 4000;

/**
 * GETs `path`. A request that failed with a reset on a kept-alive socket (the server closed it
 * as it went out) is sent once more on a fresh one, as browsers do for idempotent requests.
 */
async function get(path, agent) {
  try {
    return await getOnce(path, agent);
  } catch (error) {
    if (!error.reused || error.code !== "ECONNRESET") throw error;
    return getOnce(path, agent);
  }
}

function getOnce(path, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port: PORT, path, agent, headers: cookie ? { cookie } : {}, ...LOCAL }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", (error) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.setTimeout(15_000, () => req.destroy(new Error(`GET ${path} timed out`)));
  });
}

async function getPage(path, agent) {
  const res = await get(path, agent);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  if (!cookie) {
    const set = [].concat(res.headers["set-cookie"] ?? []);
    if (set.length === 0) throw new Error(`GET ${path} set no cookie`);
    cookie = set[0].split(";")[0];
  }
  const pick = (re) => re.exec(res.body)?.[1] ?? "";
  const page = {
    csrfToken: pick(/<meta name="csrf-token" content="([^"]+)"/),
    id: pick(/<div id="([^"]+)" data-phx-main/),
    session: pick(/data-phx-session="([^"]+)"/),
    static: pick(/data-phx-static="([^"]+)"/),
  };
  if (!page.csrfToken || !page.id || !page.session) throw new Error(`GET ${path}: no container or CSRF token in the page`);
  return page;
}

function open(query, headers) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${HOST}:${PORT}/live/websocket?${query}`, { headers, perMessageDeflate: false, ...LOCAL });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("WebSocket open timed out"));
    }, 15_000);
    ws.once("open", () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.once("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`));
    });
  });
}

// A reply's ref: frames are `[join_ref, ref, topic, event, payload]`; pushes have a null ref.
const REF = /^\[(?:null|"[^"]*"),"([^"]*)"/;

function onMessage(conn, data) {
  const text = data.toString();
  const ref = REF.exec(text)?.[1];
  if (ref === undefined) return;
  if (ref.charCodeAt(0) === 76 /* L */) return run?.reply(ref, text);
  if (ref === "j" && conn.joined) conn.joined(text);
}

/** `work`'s failure, its message prefixed with the step of the join that failed. */
function labelled(step, work) {
  return work.catch((error) => {
    throw new Error(`${step}: ${error.message}`);
  });
}

async function connectLive(view, path, agent) {
  const page = await labelled("page", getPage(path, agent));
  const query = new URLSearchParams({ _csrf_token: page.csrfToken, vsn: "2.0.0" });
  const ws = await labelled("WebSocket", open(query, { cookie }));
  const conn = { ws, topic: `lv:${page.id}`, view, joined: null };
  ws.on("message", (data) => onMessage(conn, data));
  ws.on("error", () => undefined);
  const prefix = `["1","j",${JSON.stringify(conn.topic)},"phx_reply",{"status":"ok"`;
  const reply = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("join timed out")), 15_000);
    conn.joined = (text) => {
      clearTimeout(timer);
      conn.joined = null;
      if (text.startsWith(prefix)) resolve(text.length);
      else reject(new Error(`join refused: ${text.slice(0, 200)}`));
    };
  });
  const url = `http://${HOST}:${PORT}${path}`;
  const params = { _csrf_token: page.csrfToken, _mounts: 0, _mount_attempts: 0, _track_static: [] };
  ws.send(JSON.stringify(["1", "j", conn.topic, "phx_join", { url, params, session: page.session, static: page.static, sticky: false }]));
  try {
    const bytes = await reply;
    add(conn);
    return bytes;
  } catch (error) {
    ws.terminate();
    throw error;
  }
}

async function connectBare() {
  const ws = await open("vsn=2.0.0", {});
  ws.on("error", () => undefined);
  const conn = { ws, topic: null, view: "bare", joined: null };
  // The bare server never sends; the echo server sends every frame back.
  ws.on("message", (data) => onMessage(conn, data));
  add(conn);
  return 0;
}

function add(conn) {
  conns.push(conn);
  if (!byView.has(conn.view)) byView.set(conn.view, []);
  byView.get(conn.view).push(conn);
}

/**
 * Opens `count` more connections (and views), `concurrency` at a time; none is started after
 * `deadline` (a `Date.now()` value), if given.
 */
async function connect({ kind, view, path, count, concurrency = 32, deadline = Infinity }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, timeout: IDLE_SOCKET_MS });
  const t0 = process.hrtime.bigint();
  const one = kind === "bare" ? () => connectBare() : () => connectLive(view, path, agent);
  let started = 0;
  let ok = 0;
  let joinBytes = 0;
  const errors = [];
  const attempt = async () => {
    started++;
    try {
      const bytes = await one(); // not `joinBytes += await one()`: that reads joinBytes before the await
      joinBytes += bytes;
      ok++;
    } catch (error) {
      if (errors.length < 5) errors.push(error.message);
    }
  };
  // The first page sets the cookie every later request sends.
  if (kind !== "bare" && !cookie && count > 0) await attempt();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      // Stop early when most attempts fail: the server is refusing, there is no point going on.
      while (started < count && !(errors.length >= 5 && ok < started / 2) && Date.now() < deadline) await attempt();
    }),
  );
  agent.destroy(); // the GETs' keep-alive sockets are not part of what is measured
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ok, failed: started - ok, errors, ms, total: conns.length, views: byView.get(view)?.length ?? 0, joinReplyBytes: ok ? joinBytes / ok : 0 };
}

// ---------------------------------------------------------------------------------------------
// Open-loop load: request i is due at start + i / rate whatever happened to earlier requests;
// its latency is reply time minus due time, so a slow server cannot slow the schedule down
// (no coordinated omission). Timers fire at ~1 ms granularity: requests due within the same
// millisecond go out together, and the time they waited counts in their latency (reported
// separately as send lag).

let runs = 0;

function load({ view, rate, seconds, seed, drainMs = 5000, raw = false }) {
  const targets = byView.get(view) ?? [];
  if (targets.length === 0) throw new Error(`no connected ${view} views`);
  const id = ++runs;
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1e9 / rate; // ns
  const sentAt = new Float64Array(total);
  const recvAt = new Float64Array(total).fill(Number.NaN);
  let replies = 0;
  let errors = 0;
  let firstError = null;
  const random = prng(seed);
  const prefix = `L${id}:`;
  const base = process.hrtime.bigint() + 5_000_000n; // first request due 5 ms from now
  const now = () => Number(process.hrtime.bigint() - base);
  const cpu0 = process.cpuUsage();
  // This process's own event-loop delay during the run: a reply read late or a click sent late
  // because the client was busy (or off the CPU) counts in the latency, so it is reported beside it.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();

  return new Promise((resolve) => {
    let i = 0;
    let finished = false;
    let deadline = null;
    run = {
      reply(ref, text) {
        if (!ref.startsWith(prefix)) return;
        const index = Number(ref.slice(prefix.length));
        if (!(index >= 0 && index < total) || !Number.isNaN(recvAt[index])) return;
        recvAt[index] = now();
        replies++;
        // `{"status":"ok","response":{"diff":{...}}}`: an inc always changes the count.
        if (!text.includes('"phx_reply",{"status":"ok","response":{"diff":')) {
          errors++;
          firstError ??= text.slice(0, 200);
        }
        if (replies === total) finish();
      },
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      run = null;
      resolve(summarize());
    };
    const tick = () => {
      const t = now();
      while (i < total && i * interval <= t) {
        const conn = targets[Math.floor(random() * targets.length)];
        sentAt[i] = now();
        conn.ws.send(`["1","${prefix}${i}",${JSON.stringify(conn.topic)},"event",{"type":"click","event":"inc","value":{}}]`);
        i++;
      }
      if (i < total) {
        const wait = (i * interval - now()) / 1e6;
        setTimeout(tick, wait >= 2 ? Math.floor(wait) : 0);
      } else {
        deadline = setTimeout(finish, drainMs); // bounded: what has not come back by then is lost
      }
    };
    setTimeout(tick, 5);

    function rawSamples() {
      const out = { latencyUs: new Array(total), serviceUs: new Array(total), lagUs: new Array(total) };
      for (let k = 0; k < total; k++) {
        const due = k * interval;
        const lost = Number.isNaN(recvAt[k]);
        out.latencyUs[k] = lost ? -1 : Math.round((recvAt[k] - due) / 1e3);
        out.serviceUs[k] = lost ? -1 : Math.round((recvAt[k] - sentAt[k]) / 1e3);
        out.lagUs[k] = Math.round((sentAt[k] - due) / 1e3);
      }
      return out;
    }

    function summarize() {
      const cpu = process.cpuUsage(cpu0);
      loopDelay.disable();
      const ms = (ns) => ns / 1e6;
      const latency = [];
      const service = [];
      const lag = [];
      let lastRecv = 0;
      for (let k = 0; k < total; k++) {
        const due = k * interval;
        lag.push((sentAt[k] - due) / 1e6);
        if (Number.isNaN(recvAt[k])) {
          latency.push(Number.POSITIVE_INFINITY);
          service.push(Number.POSITIVE_INFINITY);
        } else {
          latency.push((recvAt[k] - due) / 1e6);
          service.push((recvAt[k] - sentAt[k]) / 1e6);
          lastRecv = Math.max(lastRecv, recvAt[k]);
        }
      }
      const sortNum = (a) => a.sort((x, y) => x - y);
      sortNum(latency);
      sortNum(service);
      sortNum(lag);
      const pct = (a) => ({ p50: percentile(a, 50), p90: percentile(a, 90), p99: percentile(a, 99), p999: percentile(a, 99.9), max: a[a.length - 1] });
      const sendSpanNs = sentAt[total - 1] - sentAt[0];
      const finite = (x) => (Number.isFinite(x) ? x : null); // JSON has no Infinity
      const clean = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, finite(v)]));
      return {
        view,
        views: targets.length,
        rate,
        seconds,
        requests: total,
        replies,
        lost: total - replies,
        errors,
        firstError,
        sentPerSecond: total > 1 ? ((total - 1) * 1e9) / sendSpanNs : null,
        repliesPerSecond: replies > 0 && lastRecv > 0 ? (replies * 1e9) / lastRecv : null,
        latencyMs: clean(pct(latency)),
        serviceMs: clean(pct(service)),
        sendLagMs: clean(pct(lag)),
        clientCpuShare: (cpu.user + cpu.system) / 1000 / (Math.max(now(), 1) / 1e6),
        clientLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max), count: loopDelay.count },
        // Every sample (µs, lost ones as -1), for pooling passes; in request order.
        ...(raw ? { samples: rawSamples() } : {}),
      };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Closed-loop load: every connection of `view` keeps `inFlight` clicks outstanding, sending the
// next as soon as one is answered, for `seconds`; the server's speed sets the pace. Against the
// echo server (view "bare") the same frames come back as they went. Returns the replies per
// second over the timed span and each click's round trip.

function closedLoop({ view, inFlight = 1, seconds, warmupSeconds = 0.5, check = true }) {
  const targets = byView.get(view) ?? [];
  if (targets.length === 0) throw new Error(`no connected ${view} views`);
  const id = ++runs;
  const prefix = `L${id}:`;
  const frames = targets.map((conn, k) => [`["1","${prefix}${k}:`, `",${JSON.stringify(conn.topic)},"event",{"type":"click","event":"inc","value":{}}]`]);
  const seq = new Uint32Array(targets.length);
  const sentAt = new Map();
  const latencies = [];
  let replies = 0;
  let errors = 0;
  let firstError = null;
  let timing = false;
  let stopped = false;
  const t0 = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu0 = { at: 0, cpu: null };
  const send = (k) => {
    const ref = `${k}:${seq[k]++}`;
    sentAt.set(ref, now());
    targets[k].ws.send(`${frames[k][0]}${ref.slice(ref.indexOf(":") + 1)}${frames[k][1]}`);
  };
  return new Promise((resolve) => {
    let timedFrom = 0;
    let timedReplies = 0;
    run = {
      reply(ref, text) {
        if (!ref.startsWith(prefix)) return;
        const key = ref.slice(prefix.length);
        const at = sentAt.get(key);
        if (at === undefined) return;
        sentAt.delete(key);
        replies++;
        if (check && !text.includes('"phx_reply",{"status":"ok","response":{"diff":')) {
          errors++;
          firstError ??= text.slice(0, 200);
        }
        if (timing) {
          timedReplies++;
          latencies.push(now() - at);
        }
        if (!stopped) send(Number(key.slice(0, key.indexOf(":"))));
      },
    };
    for (let k = 0; k < targets.length; k++) for (let j = 0; j < inFlight; j++) send(k);
    setTimeout(() => {
      timing = true;
      timedFrom = now();
      cpu0.cpu = process.cpuUsage();
      setTimeout(() => {
        timing = false;
        stopped = true;
        const span = now() - timedFrom;
        const cpu = process.cpuUsage(cpu0.cpu);
        // What is still in flight drains (bounded), so that the next run starts on idle sockets.
        const drained = new Promise((r) => {
          const started = now();
          const wait = () => (sentAt.size === 0 || now() - started > 5000 ? r() : setTimeout(wait, 5));
          wait();
        });
        void drained.then(() => {
          run = null;
          latencies.sort((a, b) => a - b);
          resolve({
            view,
            connections: targets.length,
            inFlight,
            seconds: span / 1000,
            replies: timedReplies,
            eventsPerSecond: (timedReplies * 1000) / span,
            errors,
            firstError,
            undrained: sentAt.size,
            latencyMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? null },
            clientCpuShare: (cpu.user + cpu.system) / 1000 / span,
          });
        });
      }, seconds * 1000);
    }, warmupSeconds * 1000);
  });
}

// ---------------------------------------------------------------------------------------------

serve({
  connect,
  load,
  closedLoop,
  count: () => ({ total: conns.length, open: conns.filter((c) => c.ws.readyState === WebSocket.OPEN).length }),
  stop: () => {
    for (const { ws } of conns) ws.terminate();
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});
process.send({ ready: true });
