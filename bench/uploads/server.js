/**
 * The server side of the upload benchmark, in a child process of its own so that its memory is
 * its own: createLiveServer on 127.0.0.1 with the compiled upload view (UPLOADS_VIEWS_DIR). It
 * samples its RSS every 5 ms; run.js asks over IPC for the port, to start a sampling window, and
 * for the window's figures.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "../load/ipc.js";

const SECRET = "upload-benchmark-secret-that-is-long-enough-0123456789";
const { createLiveServer } = await import("@livetsx/server");
const view = (await import(pathToFileURL(join(process.env.UPLOADS_VIEWS_DIR, "upload.js")).href)).default;
const warnings = [];
const live = createLiveServer({
  secret: SECRET,
  routes: { "/upload": view },
  log: { info: () => undefined, warn: (m) => warnings.push(m), error: (m, e) => warnings.push(`${m} ${e?.message ?? ""}`) },
});
const http = createServer((req, res) => {
  void live.handler(req, res, () => {
    res.statusCode = 404;
    res.end("not found");
  });
});
live.attach(http);
await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));

let window = null;
setInterval(() => {
  if (!window) return;
  const rss = process.memoryUsage().rss;
  window.samples++;
  if (rss > window.peak) window.peak = rss;
}, 5).unref();

serve({
  port: () => http.address().port,
  start: () => {
    const rss = process.memoryUsage().rss;
    window = { before: rss, peak: rss, samples: 0 };
    return rss;
  },
  stop: () => {
    const result = { ...window, after: process.memoryUsage().rss, warnings: warnings.splice(0) };
    window = null;
    return result;
  },
});
