/**
 * Summarises a CPU profile of the SSR benchmark's server (SSR_PROFILE=dir node bench/ssr/run.js,
 * then `node bench/ssr/profile.js dir/*.cpuprofile`): self time by where the code comes from
 * (LiveTSX's runtime, React's server renderer, liveviewjs, Node's HTTP and the rest) and the
 * functions that took most of each.
 */
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/ssr/profile.js <file.cpuprofile>");
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const origin = (url) =>
  /runtime-server\/dist|\.tmp\/ssr/.test(url) ? "livetsx" : /react-dom|\/react\//.test(url) ? "react" : /liveviewjs/.test(url) ? "liveviewjs" : /^node:|internal/.test(url) ? "node" : url ? "other" : "(vm: gc, idle, native)";
const totals = new Map();
const fns = new Map();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const frame = byId.get(id).callFrame;
  if (frame.functionName === "(idle)") return;
  const o = origin(frame.url);
  all += dt;
  totals.set(o, (totals.get(o) ?? 0) + dt);
  const key = `${o}  ${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*\//, "")}:${frame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + dt);
});
console.log(`${all.toFixed(0)} ms busy (idle left out); self time by origin:`);
for (const [o, t] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${((100 * t) / all).toFixed(1).padStart(5)}%  ${o}`);
console.log("top functions (self time):");
for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${((100 * t) / all).toFixed(1).padStart(5)}%  ${k}`);
