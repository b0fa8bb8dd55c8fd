/**
 * A view's memory stays flat however many events it handles, through the whole server: the
 * server runs in a child process (`node --expose-gc`), a counter view is joined over a real
 * socket and warmed up, and the server's heap after two full GCs is compared before and after
 * 20,000 more events (memory.test.ts checks the view instance alone, in process).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { bundleServer, spawnServer, type ChildServer } from "./child/spawn.js";
import { getPage, TestClient, type TestServer } from "./support.js";

/** Events measured, after as many for warm-up (the JIT's code is on the heap too). */
const EVENTS = 20_000;
/** The growth allowed per event: what GC noise and caches can explain, far below a leak. */
const MAX_BYTES_PER_EVENT = 16;

let bundle: Awaited<ReturnType<typeof bundleServer>>;
let server: ChildServer;

beforeAll(async () => {
  bundle = await bundleServer();
  // No event rate limit: the check sends as fast as the server answers.
  server = await spawnServer(bundle.file, { eventRate: null, eventBurst: null }, ["--expose-gc"]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  bundle?.remove();
});

/** Sends `n` clicks of `inc`, 50 in flight at a time; resolves to the last reply's count. */
async function clicks(client: TestClient, page: Awaited<ReturnType<typeof getPage>>, n: number): Promise<string> {
  let last = "";
  for (let sent = 0; sent < n; sent += 50) {
    const replies = await Promise.all(Array.from({ length: Math.min(50, n - sent) }, () => client.click(page, "inc")));
    for (const reply of replies) {
      const response = reply.response as { diff?: Record<string, string> };
      if (reply.status !== "ok" || !response.diff) throw new Error(`an event was answered ${JSON.stringify(reply)}`);
      last = response.diff[0]!;
    }
  }
  client.frames.length = 0;
  client.raw.length = 0;
  return last;
}

test(`heap growth per event after GC stays below ${MAX_BYTES_PER_EVENT} bytes over ${EVENTS} events`, async () => {
  const target = { url: server.url } as TestServer;
  const page = await getPage(target, "/");
  const client = await TestClient.connect(target, page);
  expect((await client.join(page, target, "/")).status).toBe("ok");
  expect(await clicks(client, page, EVENTS)).toBe(String(EVENTS));
  const before = await server.memory();
  expect(await clicks(client, page, EVENTS)).toBe(String(2 * EVENTS));
  const after = await server.memory();
  const perEvent = (after.heapUsed - before.heapUsed) / EVENTS;
  console.log(
    `memory: heapUsed ${before.heapUsed} → ${after.heapUsed} B over ${EVENTS} events: ${perEvent.toFixed(1)} B/event; rss ${before.rss} → ${after.rss} B`,
  );
  expect(perEvent).toBeLessThan(MAX_BYTES_PER_EVENT);
  client.close();
  expect(server.ended).toBeNull();
}, 120_000);
