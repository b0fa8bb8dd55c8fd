/**
 * The server of the robustness benchmarks, run by run.js in a child process of its own
 * (`node --expose-gc server.js`): createLiveServer on 127.0.0.1 with the counter view of
 * runtime-server/test/views and views/firehose.tsx, compiled by our compiler (ROBUSTNESS_VIEWS_DIR),
 * development checks off, the event rate limit off (ROBUSTNESS_OPTIONS, JSON, is merged into the
 * options; null stands for Infinity). It prints nothing; run.js asks it over IPC for its port,
 * its memory (after two full GCs, or as it is) and the log lines it wrote.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createLiveServer } from "@livetsx/server";
import { serve } from "../load/ipc.js";

const SECRET = "robustness-benchmark-secret-that-is-long-enough-0123456789";
if (typeof global.gc !== "function") throw new Error("server.js needs node --expose-gc");

const dir = process.env.ROBUSTNESS_VIEWS_DIR;
const view = async (name) => (await import(pathToFileURL(join(dir, `${name}.js`)).href)).default;
const lines = [];
const note = (level) => (message, error) => {
  if (lines.length < 200) lines.push({ at: Date.now(), line: `${level} ${message}${error instanceof Error ? `: ${error.message}` : ""}` });
};
const extra = Object.fromEntries(Object.entries(JSON.parse(process.env.ROBUSTNESS_OPTIONS ?? "{}")).map(([k, v]) => [k, v === null ? Infinity : v]));
const live = createLiveServer({
  secret: SECRET,
  routes: { "/counter": await view("counter"), "/firehose": await view("firehose") },
  dev: false,
  eventRate: Infinity,
  log: { info: note("info"), warn: note("warn"), error: note("error") },
  ...extra,
});
const http = createServer((req, res) => {
  void live.handler(req, res, () => {
    res.statusCode = 404;
    res.end("not found");
  });
});
live.attach(http);
await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));

const memory = () => {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, ...live.stats() };
};

serve({
  port: () => http.address().port,
  /** After two full GCs. */
  memory: () => {
    global.gc();
    global.gc();
    return memory();
  },
  /** As it is, without a GC: for a curve over time. */
  sample: memory,
  log: () => lines,
  stop: async () => {
    setTimeout(() => process.exit(0), 50);
    await Promise.race([live.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    http.closeAllConnections();
    return true;
  },
});
process.send({ ready: true });
