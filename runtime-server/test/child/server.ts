/**
 * A LiveTSX server in a process of its own, for the protocol fuzz and the memory check
 * (bundled from the sources by bundle.ts, started by spawnServer). It installs no
 * unhandledRejection or uncaughtException handler: one unhandled failure ends this process, as
 * it would end a real server, and the parent sees the exit. It listens on 127.0.0.1, on a port
 * chosen at run time, and answers the parent over IPC:
 *   { kind: "stats" }  → connections, views, the log's counts and first lines, CPU time used
 *   { kind: "memory" } → heapUsed and rss after two full GCs (needs node --expose-gc)
 * Besides the live server's socket endpoint it accepts plain `ws` connections at /bare/websocket
 * (the `ws` settings createLiveServer uses, a listener for messages and errors, nothing else): a
 * connection's cost without LiveTSX, for the memory checks.
 * Environment: CHILD_OPTIONS, JSON merged into createLiveServer's options (e.g. eventRate).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { createLiveServer } from "../../src/index.js";
import Counter from "../views/counter.tsx";
import Ticker from "../views/ticker.tsx";
import Rows from "../views/rows.tsx";
import { SECRET } from "../support.js";

const logged = { info: 0, warn: 0, error: 0, first: [] as string[] };
function note(level: "warn" | "error", line: string): void {
  logged[level]++;
  if (logged.first.length < 50) logged.first.push(`${level} ${line}`);
}

// JSON cannot say Infinity: a null option means "no limit".
const extra = Object.fromEntries(
  Object.entries(JSON.parse(process.env.CHILD_OPTIONS ?? "{}") as Record<string, unknown>).map(([k, v]) => [k, v === null ? Infinity : v]),
);
const live = createLiveServer({
  secret: SECRET,
  routes: { "/": Counter, "/ticker": Ticker, "/rows": Rows },
  dev: false,
  log: {
    info: () => void logged.info++,
    warn: (m) => note("warn", m),
    error: (m, e) => note("error", `${m}${e instanceof Error ? `: ${e.message}` : ""}`),
  },
  ...extra,
});
const http = createServer((req, res) => {
  void live.handler(req, res, () => {
    res.statusCode = 404;
    res.end("not found");
  });
});
live.attach(http);
const bare = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: 64 * 1024 });
http.on("upgrade", (req, socket, head) => {
  if (req.url !== "/bare/websocket") return;
  bare.handleUpgrade(req, socket, head, (ws) => {
    ws.on("message", () => undefined);
    ws.on("error", () => undefined);
  });
});
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));

const gc = (globalThis as { gc?: () => void }).gc;
process.on("message", (message: { id: number; kind: string }) => {
  let answer: Record<string, unknown>;
  if (message.kind === "memory") {
    if (!gc) throw new Error("the memory check needs node --expose-gc");
    gc();
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    answer = { heapUsed, rss };
  } else {
    answer = {
      ...live.stats(),
      log: { ...logged, first: [...logged.first] },
      rejectionHandlers: process.listenerCount("unhandledRejection"),
      cpu: process.cpuUsage(),
    };
  }
  process.send!({ id: message.id, ...answer });
});
// The IPC channel keeps this process alive; the parent ends it by disconnecting.
process.on("disconnect", () => process.exit(0));
process.send!({ ready: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
