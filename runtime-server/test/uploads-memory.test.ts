/**
 * Memory stays flat while a large file streams through a view: 64 MB over a real WebSocket on
 * loopback in chunks of 64 KB, each answered before the next (as the official client sends
 * them), to the default writer's temporary file. The process's RSS is read after every chunk's
 * reply (points the upload reaches, not moments in time) and its growth over the upload stays
 * far under the file's size: nothing of the file is kept in memory.
 */
import { existsSync, statSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import Uploader from "./views/uploader.tsx";
import { joinedView, startServer, type TestServer } from "./support.js";
import { configOf, joinUpload, png, preflight, sendChunk, tempPathOf } from "./upload-support.js";

const SIZE = 64 * 2 ** 20;
const CHUNK = 64_000;
/** The bound on RSS growth during the upload: half the file. */
const BOUND_MB = 32;

let server: TestServer;
beforeAll(async () => {
  // The verifier's re-renders are a development check, not what a server runs.
  server = await startServer({ routes: { "/": Uploader }, verify: false });
});
afterAll(() => server.close());

/** Uploads `size` bytes of `block` as entry `ref`; calls `sample` after each chunk's reply. */
async function stream(path: string, ref: string, size: number, block: Buffer, sample: () => void) {
  const { client, topic } = await joinedView(server, path);
  const pre = await preflight(client, server, topic, [png(ref, size)]);
  const { joinRef } = await joinUpload(client, ref, pre.response.entries[ref]);
  const file = tempPathOf(server, topic, ref);
  const configRef = configOf(server, topic).ref;
  let percent = 0;
  for (let sent = 0; sent < size; ) {
    const chunk = block.subarray(0, Math.min(CHUNK, size - sent));
    const reply = await sendChunk(client, `lvu:${ref}`, joinRef, chunk);
    if (reply.status !== "ok") throw new Error(`chunk at ${sent} refused: ${JSON.stringify(reply)}`);
    sent += chunk.length;
    const now = Math.floor((sent * 100) / size);
    if (now > percent) await client.request(topic, "progress", { event: null, ref: configRef, entry_ref: ref, progress: (percent = now) }, "1");
    sample();
  }
  return { client, topic, file };
}

test("64 MB through a view: RSS grows by less than 32 MB, the file is whole on disk, then removed", async () => {
  const path = `/?max=${SIZE}&chunk=${CHUNK}`;
  const block = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) block[i] = (i * 2654435761) >>> 24;
  // A first upload of the same size warms up what the process grows to once (compiled code, the
  // heap's young generation, the sockets' buffers): what is measured after it is the upload's own.
  const warm = await stream(path, "w", SIZE, block, () => undefined);
  warm.client.close();

  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  let samples = 0;
  const { client, topic, file } = await stream(path, "0", SIZE, block, () => {
    samples++;
    peak = Math.max(peak, process.memoryUsage.rss());
  });
  const growthMB = (peak - baseline) / 2 ** 20;
  expect(samples).toBe(Math.ceil(SIZE / CHUNK));
  expect(growthMB, `RSS grew by ${growthMB.toFixed(1)} MB during the upload`).toBeLessThan(BOUND_MB);
  expect(configOf(server, topic).entries[0]).toMatchObject({ done: true, progress: 100 });
  expect(statSync(file).size).toBe(SIZE);
  await client.request(topic, "event", { type: "click", event: "cancel", value: { ref: "0" } }, "1");
  expect(existsSync(file)).toBe(false);
  client.close();
}, 120_000);
