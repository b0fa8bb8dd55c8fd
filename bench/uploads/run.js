/**
 * Upload benchmark: a 100 MB file uploaded to a LiveTSX server over a real `ws` WebSocket on
 * loopback, with the official client's chunk protocol (the form's change announcing the file,
 * the `allow_upload` preflight, the `lvu:` channel joined with its token, binary chunks of the
 * preflight's chunk size, each answered before the next is sent, a `progress` event per
 * percent), then the submit that consumes it. The server runs in a child process that samples
 * its RSS every 5 ms: the figures are MB/s (first chunk to the last one's reply) and the server's
 * RSS before the upload and at its peak during it.
 *
 * Usage: npm run bench:uploads -w bench   (builds the packages)
 * Environment: UPLOADS_MB (100), UPLOADS_RUNS (3).
 */
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import http from "node:http";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocket } from "ws";
import { envInt, failer, machineInfo, median, packageVersion } from "../lib.js";
import { rpc } from "../load/ipc.js";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const tmpDir = join(benchDir, ".tmp", "uploads");
let child = null;
const fail = failer("uploads", () => child?.kill("SIGKILL"));

const MB = envInt("UPLOADS_MB", 100);
const RUNS = envInt("UPLOADS_RUNS", 3);
const SIZE = MB * 1_000_000;

async function compileView() {
  let compiler;
  try {
    compiler = await import("@livetsx/compiler");
  } catch (error) {
    fail(`cannot load @livetsx/compiler (build it with \`npx tsc -b\` from the repo root): ${error.message.split("\n")[0]}`);
  }
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const source = readFileSync(join(benchDir, "uploads", "views", "upload.tsx"), "utf8");
  writeFileSync(join(tmpDir, "upload.js"), compiler.compile(source, { filename: "upload.tsx" }).code);
}

function get(port, path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      })
      .on("error", reject);
  });
}

/** A client of the Phoenix Channels V2 protocol: JSON requests, binary pushes, replies by ref. */
class Client {
  constructor(ws) {
    this.ws = ws;
    this.ref = 0;
    this.waiting = new Map();
    ws.on("message", (data, binary) => {
      if (binary) return fail("the server sent a binary frame");
      const frame = JSON.parse(data.toString());
      if (frame[3] !== "phx_reply") return;
      const resolve = this.waiting.get(frame[1]);
      this.waiting.delete(frame[1]);
      resolve?.(frame[4]);
    });
  }

  request(topic, event, payload, joinRef) {
    const ref = String(++this.ref);
    const reply = new Promise((resolve) => this.waiting.set(ref, resolve));
    this.ws.send(JSON.stringify([joinRef, ref, topic, event, payload]));
    return reply;
  }

  binary(topic, event, bytes, joinRef) {
    const ref = String(++this.ref);
    const reply = new Promise((resolve) => this.waiting.set(ref, resolve));
    const fields = [joinRef, ref, topic, event].map((f) => Buffer.from(f));
    this.ws.send(Buffer.concat([Buffer.from([0, ...fields.map((f) => f.length)]), ...fields, bytes]));
    return reply;
  }
}

/** The file's bytes at `offset`: a fixed random block, its first 8 bytes the offset (every chunk differs). */
function chunkAt(block, offset, length) {
  const chunk = Buffer.from(block.subarray(0, length));
  chunk.writeDoubleLE(offset, 0);
  return chunk;
}

async function uploadOnce(port, server, block, run) {
  const page = await get(port, "/upload");
  if (page.status !== 200) fail(`GET /upload: HTTP ${page.status}`);
  const cookie = [].concat(page.headers["set-cookie"] ?? [])[0]?.split(";")[0] ?? "";
  const pick = (re) => re.exec(page.body)?.[1] ?? "";
  const csrf = pick(/<meta name="csrf-token" content="([^"]+)"/);
  const id = pick(/<div id="([^"]+)" data-phx-main/);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/live/websocket?${new URLSearchParams({ _csrf_token: csrf, vsn: "2.0.0" })}`, { headers: { cookie }, perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const client = new Client(ws);
  const topic = `lv:${id}`;
  const joined = await client.request(topic, "phx_join", {
    url: `http://127.0.0.1:${port}/upload`,
    params: { _csrf_token: csrf, _mounts: 0, _mount_attempts: 0, _track_static: [] },
    session: pick(/data-phx-session="([^"]+)"/),
    static: pick(/data-phx-static="([^"]+)"/),
    sticky: false,
  }, "1");
  if (joined.status !== "ok") fail(`the join was refused: ${JSON.stringify(joined.response)}`);
  const uploadRef = /data-phx-upload-ref=\\?"([^"\\]+)/.exec(JSON.stringify(joined.response.rendered))?.[1];
  if (!uploadRef) fail("the page has no upload input");
  const entries = [{ path: "file", ref: "0", name: "big.bin", size: SIZE, type: "application/octet-stream", last_modified: 0, relative_path: "" }];
  await client.request(topic, "event", { type: "form", event: "validate", value: "", uploads: { [uploadRef]: entries } }, "1");
  const pre = await client.request(topic, "allow_upload", { ref: uploadRef, entries }, "1");
  const token = pre.response.entries?.["0"];
  if (!token) fail(`the preflight gave no token: ${JSON.stringify(pre.response)}`);
  const chunkSize = pre.response.config.chunk_size;
  const lvu = await client.request("lvu:0", "phx_join", { token }, "2");
  if (lvu.status !== "ok") fail(`the upload channel refused the join: ${JSON.stringify(lvu.response)}`);

  const hash = createHash("sha256");
  const before = await server("start");
  const progress = [];
  let sent = 0;
  let percent = 0;
  const started = process.hrtime.bigint();
  while (sent < SIZE) {
    const chunk = chunkAt(block, sent, Math.min(chunkSize, SIZE - sent));
    hash.update(chunk);
    const reply = await client.binary("lvu:0", "chunk", chunk, "2");
    if (reply.status !== "ok") fail(`chunk at ${sent} refused: ${JSON.stringify(reply.response)}`);
    sent += chunk.length;
    const now = Math.floor((sent * 100) / SIZE);
    // As the official client: the progress event goes out, the next chunk does not wait for its reply.
    if (now > percent) progress.push(client.request(topic, "progress", { event: null, ref: uploadRef, entry_ref: "0", progress: (percent = now) }, "1"));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const replies = await Promise.all(progress);
  if (!replies.every((r) => r.status === "ok")) fail("a progress event was refused");
  const window = await server("stop");
  const saved = await client.request(topic, "event", { type: "form", event: "save", value: "" }, "1");
  // The `#saved` paragraph's slot: the only plain number among the diff's values.
  const savedSize = Number(Object.values(saved.response.diff ?? {}).find((v) => typeof v === "string" && /^\d+$/.test(v)) ?? NaN);
  if (savedSize !== SIZE) fail(`the view saved ${savedSize} bytes, not ${SIZE}: ${JSON.stringify(saved).slice(0, 300)}`);
  ws.close();
  const result = {
    run,
    seconds,
    mbPerSecond: SIZE / 1e6 / seconds,
    chunks: Math.ceil(SIZE / chunkSize),
    chunkSize,
    rssBeforeMB: before / 2 ** 20,
    rssPeakMB: window.peak / 2 ** 20,
    rssGrowthMB: (window.peak - window.before) / 2 ** 20,
    rssSamples: window.samples,
    sha256: hash.digest("hex").slice(0, 16),
  };
  if (window.warnings.length > 0) fail(`the server warned: ${window.warnings.join("; ")}`);
  return result;
}

async function main() {
  const loadAtStart = os.loadavg()[0];
  await compileView();
  child = fork(join(benchDir, "uploads", "server.js"), [], {
    env: { ...process.env, NODE_ENV: "production", UPLOADS_VIEWS_DIR: tmpDir },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.on("exit", (code, signal) => {
    if (!child.closing) fail(`the server exited (${code ?? signal})`);
  });
  const server = rpc(child, "upload server");
  const port = await server("port");
  const block = Buffer.alloc(65_536);
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await uploadOnce(port, server, block, run);
    runs.push(result);
    console.log(
      `run ${run}: ${MB} MB in ${result.seconds.toFixed(2)} s = ${result.mbPerSecond.toFixed(1)} MB/s ` +
        `(${result.chunks} chunks of ${result.chunkSize} B); server RSS ${result.rssBeforeMB.toFixed(1)} MB before, ` +
        `${result.rssPeakMB.toFixed(1)} MB peak (+${result.rssGrowthMB.toFixed(1)} MB, ${result.rssSamples} samples)`,
    );
  }
  child.closing = true;
  child.kill();
  const record = {
    bench: "uploads",
    date: new Date().toISOString(),
    machine: machineInfo({ loadAverage: loadAtStart }),
    versions: { server: packageVersion("@livetsx/server"), ws: packageVersion("ws") },
    fileMB: MB,
    runs,
    median: {
      mbPerSecond: median(runs.map((r) => r.mbPerSecond)),
      rssBeforeMB: median(runs.map((r) => r.rssBeforeMB)),
      rssPeakMB: median(runs.map((r) => r.rssPeakMB)),
      rssGrowthMB: median(runs.map((r) => r.rssGrowthMB)),
    },
    maxRssGrowthMB: Math.max(...runs.map((r) => r.rssGrowthMB)),
  };
  // Loopback throughput is the CPU's: a machine shared with other work gives lower figures.
  if (loadAtStart > os.cpus().length * 0.75) console.log(`warning  busy machine (load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores at start): figures are noisy`);
  console.log(
    `\nmedian of ${RUNS}: ${record.median.mbPerSecond.toFixed(1)} MB/s; server RSS ${record.median.rssBeforeMB.toFixed(1)} MB before, ` +
      `${record.median.rssPeakMB.toFixed(1)} MB peak; the largest growth in any run +${record.maxRssGrowthMB.toFixed(1)} MB for a ${MB} MB file`,
  );
  mkdirSync(join(benchDir, "results"), { recursive: true });
  writeFileSync(join(benchDir, "results", "uploads.json"), JSON.stringify(record, null, 2) + "\n");
}

main().catch((error) => fail(error?.stack ?? String(error)));
