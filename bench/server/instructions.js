#!/usr/bin/env node
/**
 * Instructions per event, this build against a previous one, counted by valgrind (callgrind)
 * with V8 in its interpreter (`--jitless`): a count that repeats exactly whatever else the
 * machine is doing, where wall-clock ratios of a few percent drown in noise.
 *
 *   PREVIOUS=bench/.tmp/prev node bench/server/run.js     # writes both builds' compiled views
 *   node bench/server/instructions.js bench/.tmp/prev [N=10000]
 *
 * For each event it runs the joined rows view (N rows) with 0 and with K events under
 * callgrind, for both builds, and prints (count(K) - count(0)) / K and the ratio. V8 runs
 * predictably (single-threaded, fixed seeds: no background GC or compile threads and no random
 * hash seeds, whose share varies from run to run).
 *
 *   JIT=1 node bench/server/instructions.js …   # the optimizing compilers on, as in production:
 *                                              # 10 K events against K warm-up events
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const previous = resolve(process.argv[2] ?? "bench/.tmp/prev");
const n = Number(process.argv[3] ?? 10000);
const tmp = join(here, "../.tmp/server");
const builds = {
  previous: { runtime: join(previous, "runtime-server/dist"), view: join(tmp, "prev/rows.js") },
  current: { runtime: join(here, "../../runtime-server/dist"), view: join(tmp, "rows.js") },
};
for (const b of Object.values(builds)) {
  if (!existsSync(b.view)) throw new Error(`${b.view} is missing: run PREVIOUS=${previous} node bench/server/run.js first`);
}
const JIT = process.env.JIT === "1";
const EVENTS = { "counter +1": ["inc", 2000], "rename 1 row": ["rename", 400], "select (2 rows)": ["select", 40] };
const V8_FLAGS = [...(JIT ? [] : ["--jitless"]), "--predictable", "--random-seed=1", "--hash-seed=1"];

const driver = join(tmp, "instructions-driver.mjs");
writeFileSync(driver, `
const [runtime, viewFile, event, k, n] = process.argv.slice(2);
const { ViewInstance } = await import(${JSON.stringify(pathToFileURL("/").href)}.slice(0, -1) + runtime + "/instance.js");
const { LocalPubSub } = await import(${JSON.stringify(pathToFileURL("/").href)}.slice(0, -1) + runtime + "/pubsub.js");
const view = (await import(${JSON.stringify(pathToFileURL("/").href)}.slice(0, -1) + viewFile)).default;
const host = { pubsub: new LocalPubSub(), dev: false, push() {}, crashed(e) { throw e; }, paramsFor: () => ({}) };
const instance = new ViewInstance("v", view, new URL("http://localhost/"), {}, host);
await instance.join({ n }, {});
for (let i = 0; i < Number(k); i++) {
  const payload = event === "rename" ? { id: Math.ceil(Number(n) / 2), label: i % 2 ? "a" : "b" } : event === "select" ? { id: i % 2 ? 1 : 2 } : {};
  JSON.stringify(await instance.event(event, payload));
}
`);

function count(build, event, k) {
  const run = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...V8_FLAGS, driver, build.runtime, build.view, event, String(k), String(n)], { encoding: "utf8" });
  const m = /Collected : (\d+)/.exec(run.stderr);
  if (!m) throw new Error(`callgrind gave no count:\n${run.stderr.slice(-2000)}`);
  return Number(m[1]);
}

console.log(`instructions per event at N=${n} (callgrind, node ${V8_FLAGS.join(" ")}), current against ${previous}`);
for (const [label, [event, k]] of Object.entries(EVENTS)) {
  const per = {};
  const [from, to] = JIT ? [k, 11 * k] : [0, k];
  for (const [name, build] of Object.entries(builds)) per[name] = (count(build, event, to) - count(build, event, from)) / (to - from);
  console.log(`${label.padEnd(16)} current ${(per.current / 1e3).toFixed(1)} K  previous ${(per.previous / 1e3).toFixed(1)} K  ratio ${(per.current / per.previous).toFixed(3)}x`);
}
