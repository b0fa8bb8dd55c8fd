#!/usr/bin/env node
/**
 * Server CPU per event, this build against a previous one, each build alone in a process of its
 * own, as each would run. run.js's PREVIOUS mode loads both into one process, where they share
 * one heap and the runtime's global scope registry (shared by design between copies of the
 * runtime), so what one build keeps alive weighs on the other too.
 *
 *   PREVIOUS=bench/.tmp/prev node bench/server/run.js   # writes both builds' compiled views
 *   node bench/server/isolated.js bench/.tmp/prev [ROUNDS=5]
 *
 * Every (N, event) runs ROUNDS times per build, the builds alternating; each run joins the rows
 * view with N rows, warms up, then times K events (ViewInstance.event + JSON.stringify of the
 * reply). Prints the median µs per event of each build and their ratio.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const previous = resolve(process.argv[2] ?? "bench/.tmp/prev");
const rounds = Number(process.argv[3] ?? 5);
const tmp = join(here, "../.tmp/server");
const builds = {
  current: { runtime: join(here, "../../runtime-server/dist"), view: join(tmp, "rows.js") },
  previous: { runtime: join(previous, "runtime-server/dist"), view: join(tmp, "prev/rows.js") },
};
for (const b of Object.values(builds)) {
  if (!existsSync(b.view)) throw new Error(`${b.view} is missing: run PREVIOUS=${previous} node bench/server/run.js first`);
}
/** Events timed per run, by event and N (fewer where one event takes milliseconds). */
const K = { inc: () => 20000, rename: (n) => (n >= 10000 ? 1000 : 4000), select: (n) => (n >= 10000 ? 100 : n >= 1000 ? 400 : 4000) };
const LABELS = { inc: "counter +1", rename: "rename 1 row", select: "select (2 rows)" };

const driver = join(tmp, "isolated-driver.mjs");
writeFileSync(driver, `
const [runtime, viewFile, event, k, n] = process.argv.slice(2);
const url = (p) => ${JSON.stringify(pathToFileURL("/").href)}.slice(0, -1) + p;
const { ViewInstance } = await import(url(runtime + "/instance.js"));
const { LocalPubSub } = await import(url(runtime + "/pubsub.js"));
const view = (await import(url(viewFile))).default;
const host = { pubsub: new LocalPubSub(), dev: false, push() {}, crashed(e) { throw e; }, paramsFor: () => ({}) };
const instance = new ViewInstance("v", view, new URL("http://localhost/"), {}, host);
await instance.join({ n: Number(n) }, {});
const payload = (i) => event === "rename" ? { id: Math.ceil(Number(n) / 2), label: i % 2 ? "a" : "b" } : event === "select" ? { id: i % 2 ? 1 : 2 } : {};
for (let i = 0; i < Math.max(50, Number(k) / 4); i++) JSON.stringify(await instance.event(event, payload(i)));
const t0 = performance.now();
for (let i = 0; i < Number(k); i++) JSON.stringify(await instance.event(event, payload(i)));
process.stdout.write(String((performance.now() - t0) * 1000 / Number(k)));
`);

function run(build, event, n) {
  const out = spawnSync(process.execPath, [driver, build.runtime, build.view, event, String(K[event](n)), String(n)], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${event} at N=${n} failed:\n${out.stderr}`);
  return Number(out.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
console.log(`server CPU per event, each build in its own process, median of ${rounds} runs; current against ${previous}`);
console.log(`${"N".padStart(6)}  ${"event".padEnd(16)} ${"current".padStart(10)} ${"previous".padStart(10)}  ratio`);
for (const n of [10, 100, 1000, 10000]) {
  for (const event of Object.keys(K)) {
    const per = { current: [], previous: [] };
    for (let r = 0; r < rounds; r++) for (const [name, build] of r % 2 ? Object.entries(builds).reverse() : Object.entries(builds)) per[name].push(run(build, event, n));
    const c = median(per.current);
    const p = median(per.previous);
    console.log(`${String(n).padStart(6)}  ${LABELS[event].padEnd(16)} ${fmt(c).padStart(10)} ${fmt(p).padStart(10)}  ${(c / p).toFixed(2)}x${c / p > 1.1 ? "  SLOWER (> 1.10x)" : ""}`);
  }
}
