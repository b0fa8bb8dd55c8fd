/**
 * What an idle connected view costs the server beyond its WebSocket. The server runs in a child
 * process (`node --expose-gc`); the test process opens plain `ws` connections to the child's bare
 * endpoint (the floor: what a socket alone costs there), then as many idle counter views, each an
 * HTTP render, a socket and a join, and compares the child's heap after two full GCs. What
 * LiveTSX keeps per view (instance, socket, diff state, connection) is the difference: the bound
 * fails if per-view structures that an idle counter does not need come back (empty maps and
 * sets, closures, a nested-view renderer, the join's leftovers).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { WebSocket } from "ws";
import { bundleServer, spawnServer, type ChildServer } from "./child/spawn.js";
import { getPage, TestClient, type TestServer } from "./support.js";

/** Connections measured per kind, after `WARM` of each for the JIT (its code is on the heap too). */
const VIEWS = 600;
const WARM = 100;
/**
 * The heap an idle counter view may add to its socket's, in bytes: 1.6–1.85 KB here (the
 * instance, its socket and diff state, the host, the connection and its table of views, the
 * assigns, the CSRF strings), with room for GC noise; the structures an idle view no longer
 * makes (empty maps and sets, closures, a renderer of children, the join's leftovers, a hash
 * table for its one view) cost ~1.5 KB more (3.26 KB measured with them).
 */
const MAX_BYTES_PER_VIEW = 2100;
/** Joins and connections opened at a time. */
const CONCURRENCY = 25;

let bundle: Awaited<ReturnType<typeof bundleServer>>;
let server: ChildServer;
const open: { close(): void }[] = [];

beforeAll(async () => {
  bundle = await bundleServer();
  server = await spawnServer(bundle.file, {}, ["--expose-gc"]);
}, 60_000);

afterAll(async () => {
  for (const connection of open) connection.close();
  await server?.stop();
  bundle?.remove();
});

/** Runs `task` `n` times, `CONCURRENCY` at a time. */
async function times(n: number, task: () => Promise<void>): Promise<void> {
  for (let done = 0; done < n; done += CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n - done) }, task));
  }
}

async function bareConnection(): Promise<void> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/bare/websocket`);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  open.push(ws);
}

async function idleView(): Promise<void> {
  const target = { url: server.url } as TestServer;
  const page = await getPage(target, "/");
  const client = await TestClient.connect(target, page);
  const joined = await client.join(page, target, "/");
  if (joined.status !== "ok") throw new Error(`a join was answered ${JSON.stringify(joined)}`);
  client.frames.length = 0;
  client.raw.length = 0;
  open.push(client);
}

test(`an idle counter view adds under ${MAX_BYTES_PER_VIEW} bytes of heap to its socket's`, async () => {
  await times(WARM, bareConnection);
  await times(WARM, idleView);
  const start = await server.memory();
  await times(VIEWS, bareConnection);
  const bare = await server.memory();
  await times(VIEWS, idleView);
  const views = await server.memory();
  const stats = await server.stats();
  expect(stats.views).toBe(WARM + VIEWS);
  expect(stats.log.warn + stats.log.error).toBe(0);
  const socket = (bare.heapUsed - start.heapUsed) / VIEWS;
  const view = (views.heapUsed - bare.heapUsed) / VIEWS;
  console.log(`idle memory: a plain ws connection ${socket.toFixed(0)} B of heap, an idle counter view ${view.toFixed(0)} B: ${(view - socket).toFixed(0)} B beyond its socket`);
  // The floor is a real socket's cost, not nothing: a bare endpoint that kept no connection would void the comparison.
  expect(socket).toBeGreaterThan(1000);
  expect(view - socket).toBeLessThan(MAX_BYTES_PER_VIEW);
}, 180_000);
