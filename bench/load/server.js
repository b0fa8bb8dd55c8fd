/**
 * The server side of the load benchmark, run by run.js in a child process of its own
 * (`node --expose-gc server.js`). Environment:
 *   LOAD_MODE=live   createLiveServer on 127.0.0.1 with the compiled views (LOAD_VIEWS_DIR)
 *   LOAD_MODE=bare   a plain `ws` WebSocketServer on the same path, no LiveTSX: the floor
 *   LOAD_MODE=echo   the same `ws` server sending every frame straight back: what the transport
 *                    alone does per event (bench/e2e-ws compares LiveTSX's events/s with it)
 *   LOAD_DEV=1       the runtime's development checks (in-place change reports, the verifier); off by default
 *   LOAD_EVENT_RATE=off  no per-connection event rate limit (`eventRate: Infinity`), for a closed
 *                    loop that sends a connection's clicks as fast as the server answers them
 * It prints nothing; run.js asks it for its port, memory and CPU over IPC.
 */
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import { WebSocketServer } from "ws";
import { serve } from "./ipc.js";

const MODE = process.env.LOAD_MODE ?? "live";
const SECRET = "load-benchmark-secret-that-is-long-enough-0123456789";
if (typeof global.gc !== "function") throw new Error("server.js needs node --expose-gc");

// The runtime's log, counted; the first few warnings and errors are kept for the report.
const logged = { info: 0, warn: 0, error: 0, first: [] };
const log = {
  info: () => logged.info++,
  warn: (m) => note("warn", m),
  error: (m, e) => note("error", `${m}${e instanceof Error ? `: ${e.message}` : ""}`),
};
function note(level, message) {
  logged[level]++;
  if (logged.first.length < 10) logged.first.push(`${level} ${message}`);
}

const http = createServer();
let stats = () => ({ connections: 0, views: 0 });
let closeServer = async () => undefined;

if (MODE === "live") {
  const { createLiveServer } = await import("@livetsx/server");
  const dir = process.env.LOAD_VIEWS_DIR;
  const counter = (await import(pathToFileURL(join(dir, "counter.js")).href)).default;
  const rows = (await import(pathToFileURL(join(dir, "rows.js")).href)).default;
  const live = createLiveServer({
    secret: SECRET,
    routes: { "/counter": counter, "/rows": rows },
    dev: process.env.LOAD_DEV === "1",
    ...(process.env.LOAD_EVENT_RATE === "off" ? { eventRate: Infinity } : {}),
    log,
  });
  http.on("request", (req, res) => {
    void live.handler(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  live.attach(http);
  stats = () => live.stats();
  closeServer = () => live.close();
} else if (MODE === "bare" || MODE === "echo") {
  // The floor: the same HTTP server and `ws` settings, a connection kept and nothing else (bare),
  // or every frame sent back as it came (echo).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const echo = MODE === "echo";
  http.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/live/websocket")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("message", echo ? (data, isBinary) => ws.send(data, { binary: isBinary }) : () => undefined);
      ws.on("error", () => undefined);
    });
  });
  http.on("request", (_req, res) => {
    res.statusCode = 404;
    res.end("not found");
  });
  stats = () => ({ connections: wss.clients.size, views: 0 });
  closeServer = async () => wss.close();
} else {
  throw new Error(`LOAD_MODE must be live, bare or echo, got ${MODE}`);
}

await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));

// Stalls between two `cpu` calls: the event loop's delay, and GC pauses.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor (scavenge)",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major (mark-compact)",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental marking",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};
const noGc = () => ({ count: 0, totalMs: 0, maxMs: 0, byKind: {} });
let gc = noGc();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = GC_KINDS[entry.detail?.kind ?? entry.kind] ?? "other";
    const k = (gc.byKind[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    for (const t of [gc, k]) {
      t.count++;
      t.totalMs += entry.duration;
      t.maxMs = Math.max(t.maxMs, entry.duration);
    }
  }
}).observe({ entryTypes: ["gc"] });

serve({
  port: () => http.address().port,
  /** Two full GCs, then the process's memory (bytes). */
  memory: async ({ settleMs = 300 }) => {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    global.gc();
    global.gc();
    const usage = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
    return {
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      heapStatistics: {
        totalHeapSize: heap.total_heap_size,
        usedHeapSize: heap.used_heap_size,
        mallocedMemory: heap.malloced_memory,
        externalMemory: heap.external_memory,
        numberOfNativeContexts: heap.number_of_native_contexts,
      },
      spaces,
      ...stats(),
      log: { ...logged, first: [...logged.first] },
    };
  },
  /**
   * CPU time used so far (µs) and a wall clock (ns), to get the CPU share of an interval; and the
   * event-loop delay and GC pauses since the previous call (then reset).
   */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    const stalls = {
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      gc: { ...gc },
    };
    loopDelay.reset();
    gc = noGc();
    return { user, system, wallNs: process.hrtime.bigint().toString(), stalls, ...stats(), log: { ...logged, first: [...logged.first] } };
  },
  /** Writes a heap snapshot (after two full GCs) and returns its path. */
  snapshot: ({ file }) => {
    global.gc();
    global.gc();
    return v8.writeHeapSnapshot(file);
  },
  stop: async () => {
    setTimeout(() => process.exit(0), 50);
    await Promise.race([closeServer(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    http.closeAllConnections();
    return true;
  },
});
process.send({ ready: true });
