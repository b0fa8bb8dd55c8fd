/**
 * What the benchmark scripts share: failing loudly, reading numeric options, statistics, package
 * versions and a description of the machine.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";

const repoDir = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

let fail = (message) => {
  throw new Error(message);
};

/**
 * The `fail(message)` of bench `name`, which {@link envInt} uses too: prints the message, runs
 * `cleanup`, exits with 1.
 */
export function failer(name, cleanup) {
  fail = (message) => {
    console.error(`bench:${name}: ${message}`);
    cleanup?.();
    process.exit(1);
  };
  return fail;
}

/** The integer in environment variable `name` (unset, empty or "auto": `fallback`); below `min` fails. */
export function envInt(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === "" || raw === "auto") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

/** The installed version of package `name` (the repo's workspaces included), or null. */
export function packageVersion(name) {
  for (const file of [() => require.resolve(`${name}/package.json`), () => `${repoDir}/node_modules/${name}/package.json`]) {
    try {
      return JSON.parse(readFileSync(file(), "utf8")).version;
    } catch {
      // try the next place
    }
  }
  return null;
}

/** OS, CPU model, core count and Node version, plus `extra`. */
export function machineInfo(extra = {}) {
  const cpus = os.cpus();
  return { os: `${os.type()} ${os.release()} ${os.arch()}`, cpu: cpus[0]?.model?.trim() ?? "unknown", cores: cpus.length, node: process.version, ...extra };
}

/** The warning line for a run that shared the CPU (a high load at the start, or too small a share while timing), or null. */
export function busyWarning(loadAtStart, cores, cpuShare) {
  if (cpuShare >= 0.9 && loadAtStart <= cores * 0.75) return null;
  return (
    `warning  busy machine (load average ${loadAtStart.toFixed(2)} on ${cores} cores at start, ` +
    `${Math.round(cpuShare * 100)}% CPU while timing): other processes competed for the CPU; figures are noisy`
  );
}
