/**
 * A long session: a view's memory is flat after warm-up, whatever the number of events. Each
 * render's scopes (the view's, function components', live components') are dropped with the
 * render, and no render keeps the assigns of the one before it.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, test } from "vitest";
import { viewInstance } from "./support.js";
import LongSession from "./views/long-session.tsx";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGC(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test.each([
  ["production", { dev: false, verify: false }],
  ["development (verifier on)", { dev: true, verify: true }],
])("%s: heap per event after GC stays below 16 bytes over 20,000 events", async (_name, options) => {
  const view = viewInstance("m", LongSession, undefined, options);
  await view.join({}, {});
  for (let i = 0; i < 2_000; i++) await view.event("inc", {});
  const before = heapAfterGC();
  const events = 20_000;
  let last: unknown;
  for (let i = 0; i < events; i++) last = await view.event("inc", {});
  const perEvent = (heapAfterGC() - before) / events;
  // The last reply is a real diff: the events rendered.
  expect(JSON.stringify(last)).toContain(String(2_000 + events));
  expect(perEvent).toBeLessThan(16);
}, 120_000);
