#!/usr/bin/env node
// npm run fuzz:tracking -- [--seed <n>] [--count <m>] [--families lists,aliases] [--events <max per view>]
// Runs fuzz/long/tracking.long.test.ts through vitest with those as FUZZ_* variables.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const options = { seed: "FUZZ_SEED", count: "FUZZ_COUNT", families: "FUZZ_FAMILIES", events: "FUZZ_EVENTS" };
const env = { ...process.env };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split("=", 2);
  const name = flag.replace(/^--/, "");
  if (!(name in options)) {
    console.error(`unknown option ${args[i]}; usage: npm run fuzz:tracking -- --seed <n> --count <m> [--families a,b] [--events <n>]`);
    process.exit(2);
  }
  const value = inline ?? args[++i];
  if (value === undefined) {
    console.error(`${flag} needs a value`);
    process.exit(2);
  }
  env[options[name]] = value;
}
env.FUZZ_SEED ??= String(Date.now() % 1_000_000_000);
console.log(`fuzz:tracking seed ${env.FUZZ_SEED}, ${env.FUZZ_COUNT ?? 300} views`);
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const config = fileURLToPath(new URL("vitest.long.config.ts", import.meta.url));
const result = spawnSync(process.execPath, [vitest, "run", "--config", config], { stdio: "inherit", env });
process.exit(result.status ?? 1);
