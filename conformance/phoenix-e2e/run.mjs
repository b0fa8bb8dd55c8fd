/**
 * Runs a folder of Phoenix LiveView's Playwright specs (default: ../shared/phoenix-e2e/tests,
 * upstream's layout: `*.spec.js` importing "../test-fixtures" and "../utils", `issues/*.spec.js`
 * one level deeper) against the LiveTSX port of upstream's app, once with the official
 * phoenix_live_view client and once with ours, then prints one table (spec, test, official,
 * ours, why a test failed) and rewrites REPORT.md with it.
 *
 *   npm run e2e:phoenix -- [spec dir] [--client=official|livetsx] [--workers=N] [--grep=RE]
 *                          [--files=a.spec.js,b.spec.js] [--no-report] [--summary=FILE] [--reuse]
 *
 * One client's run is bounded: after E2E_GLOBAL_TIMEOUT_MS (default 40 minutes) Playwright stops
 * it and reports the tests left as not run, and a run that still does not end two minutes later
 * is killed.
 *
 * `--reuse` runs nothing: it rebuilds the table and REPORT.md from the results the last run left
 * in .build/ (after expected-failures.js changed, say); `--reuse=dirA,dirB` merges the results of
 * runs in several build folders (E2E_BUILD), a later folder's result of a test replacing an earlier's.
 *
 * The specs are copied unmodified into .build/tests, beside .build/test-fixtures.js and
 * .build/utils.js (which re-export this folder's adapters), so their relative imports resolve to
 * LiveTSX's. Each failure gets a reason: the one expected-failures.js names for a feature LiveTSX
 * lacks, or the raw error for anything unexplained. Exits 1 when a test fails that is not
 * expected to.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startApp } from "./server.mjs";
import { EXPECTED_FAILURES } from "./expected-failures.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT = resolve(HERE, "../..");
/** The build folder: .build/ unless E2E_BUILD names another (two runs at once). */
const BUILD = process.env.E2E_BUILD ? resolve(process.env.E2E_BUILD) : join(HERE, ".build");
const CLIENTS = ["official", "livetsx"];
const require = createRequire(import.meta.url);
/** The longest one client's run may take (E2E_GLOBAL_TIMEOUT_MS): Playwright's globalTimeout. */
const GLOBAL_TIMEOUT_MS = Number(process.env.E2E_GLOBAL_TIMEOUT_MS) || 40 * 60_000;
const PLAYWRIGHT_CLI = join(dirname(require.resolve("@playwright/test/package.json")), "cli.js");

function parseArgs(argv) {
  // The specs stay beside the project (../shared), or where PHOENIX_E2E_SPECS says.
  const specs = process.env.PHOENIX_E2E_SPECS ? resolve(process.env.PHOENIX_E2E_SPECS) : resolve(PROJECT, "../shared/phoenix-e2e/tests");
  const options = { specs, clients: CLIENTS, workers: 2, grep: null, files: [], report: true, summary: null, reuse: null };
  for (const arg of argv) {
    const [flag, value] = arg.split(/=(.*)/s);
    if (flag === "--client") {
      if (!CLIENTS.includes(value)) throw new Error(`--client must be ${CLIENTS.join(" or ")}, not ${value}`);
      options.clients = [value];
    } else if (flag === "--workers") options.workers = Number(value);
    else if (flag === "--grep") options.grep = value;
    else if (flag === "--files") options.files = value.split(",").filter(Boolean);
    else if (flag === "--no-report") options.report = false;
    else if (flag === "--reuse") options.reuse = value ? value.split(",").map((d) => resolve(d)) : [BUILD];
    else if (flag === "--summary") options.summary = resolve(value);
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}`);
    else options.specs = resolve(arg);
  }
  if (!existsSync(options.specs) || !statSync(options.specs).isDirectory()) {
    throw new Error(`no spec folder at ${options.specs}: Phoenix's specs are read from ../shared/phoenix-e2e/tests beside the project (or PHOENIX_E2E_SPECS)`);
  }
  if (!(options.workers >= 1)) throw new Error("--workers must be a number of at least 1");
  return options;
}

/** Copies the specs into .build/tests and writes the adapters' re-exports and Playwright's config. */
function prepare(specs) {
  rmSync(BUILD, { recursive: true, force: true });
  mkdirSync(BUILD, { recursive: true });
  cpSync(specs, join(BUILD, "tests"), { recursive: true });
  // A build folder outside the project still resolves the specs' imports (@playwright/test),
  // and its files are ES modules as they are inside it.
  if (relative(PROJECT, BUILD).startsWith("..")) symlinkSync(join(PROJECT, "node_modules"), join(BUILD, "node_modules"), "dir");
  writeFileSync(join(BUILD, "package.json"), JSON.stringify({ private: true, type: "module" }) + "\n");
  for (const adapter of ["test-fixtures.js", "utils.js"]) {
    writeFileSync(join(BUILD, adapter), `export * from ${JSON.stringify(pathToFileURL(join(HERE, adapter)).href)};\n`);
  }
  writeFileSync(
    join(BUILD, "playwright.config.mjs"),
    `// Written by run.mjs: upstream's chromium project in Debian's Chromium, against the app the runner started.
import { devices } from "@playwright/test";
export default {
  testDir: "./tests",
  retries: 0,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  // A run that goes past this stops; the tests not finished are reported as not run.
  globalTimeout: Number(process.env.E2E_GLOBAL_TIMEOUT_MS),
  reporter: [["list"], ["json", { outputFile: process.env.E2E_RESULTS }]],
  outputDir: process.env.E2E_OUTPUT,
  // The specs name upstream's address (http://localhost:4004) in places: the browser resolves
  // it to the app's run-time port, and pages are opened there.
  use: { baseURL: "http://localhost:4004", ignoreHTTPSErrors: true, trace: "off", screenshot: "off" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [\`--host-resolver-rules=MAP localhost:4004 \${new URL(process.env.E2E_BASE_URL).host}\`, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
};
`,
  );
}

/** Runs Playwright once against the app with `client`; resolves to its JSON report and the time taken. */
async function runClient(client, options) {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  const started = Date.now();
  const appLog = [];
  const log = { info: (...a) => appLog.push(a.join(" ")), warn: (...a) => appLog.push(a.join(" ")), error: (...a) => appLog.push(a.map((x) => x?.stack ?? String(x)).join(" ")), debug() {}, log: (...a) => appLog.push(a.join(" ")) };
  const app = await startApp({ client, log });
  const results = join(BUILD, `results-${client}.json`);
  try {
    const args = [PLAYWRIGHT_CLI, "test", "--config", join(BUILD, "playwright.config.mjs")];
    if (options.grep) args.push("--grep", options.grep);
    // Playwright reads positional arguments as patterns of the spec files' paths.
    args.push(...options.files.map((f) => `tests/${f}`.replace(/[.]/g, "\\.")));
    const code = await new Promise((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: BUILD,
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          E2E_BASE_URL: app.url,
          E2E_RESULTS: results,
          E2E_WORKERS: String(options.workers),
          E2E_OUTPUT: join(BUILD, `output-${client}`),
          E2E_GLOBAL_TIMEOUT_MS: String(GLOBAL_TIMEOUT_MS),
          FORCE_COLOR: "0",
        },
      });
      // Playwright's own global timeout ends a run that hangs in a test; should a worker not stop
      // even then, the run is ended here, and the client's results are whatever was written.
      const watchdog = setTimeout(() => {
        process.stderr.write(`e2e:phoenix: the ${client} client's run went ${GLOBAL_TIMEOUT_MS / 60_000 + 2} minutes; stopping it\n`);
        child.kill("SIGKILL");
      }, GLOBAL_TIMEOUT_MS + 120_000);
      child.on("error", fail);
      child.on("exit", (c) => {
        clearTimeout(watchdog);
        done(c);
      });
    });
    if (!existsSync(results)) throw new Error(`Playwright wrote no results (exit ${code})`);
  } finally {
    await app.close();
    writeFileSync(join(BUILD, `app-${client}.log`), appLog.join("\n") + "\n");
  }
  return { report: JSON.parse(readFileSync(results, "utf8")), seconds: (Date.now() - started) / 1000 };
}

/** Every test of a Playwright JSON report: its spec file, title and outcome. */
function outcomes(report) {
  const rows = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const result = t.results?.at(-1);
        const title = [...titles, spec.title].join(" › ");
        const error = result?.error?.message ?? result?.errors?.[0]?.message ?? "";
        rows.push({ file: spec.file, title, status: !result ? "interrupted" : t.status === "skipped" ? "skipped" : result.status, error: stripAnsi(error) });
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.title && !child.title.endsWith(".spec.js") ? [...titles, child.title] : titles);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return rows;
}

function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** The expected-failures.js entry for a test with `client`, or null. */
export function expectedFailure(file, title, client) {
  for (const entry of EXPECTED_FAILURES) {
    if (entry.clients && !entry.clients.includes(client)) continue;
    if (typeof entry.file === "string" ? entry.file !== file : !entry.file.test(file)) continue;
    if (entry.test === undefined || (typeof entry.test === "string" ? entry.test === title : entry.test.test(title))) return entry;
  }
  return null;
}

/**
 * One client's verdict on a test: "passed", "failed" (unexplained: fails the run), "not applicable"
 * (a feature expected-failures.js names), "flaky" (failed on a race in the spec's own timing that
 * expected-failures.js names), "skipped" (by upstream) or "not run".
 */
export function verdict(row, client) {
  if (!row) return { kind: "not run", text: "not run" };
  if (row.status === "skipped") return { kind: "skipped", text: "skipped (upstream)" };
  // A run stopped (SIGINT) before the test ended.
  if (row.status === "interrupted") return { kind: "not run", text: "not run (interrupted)" };
  const entry = expectedFailure(row.file, row.title, client);
  if (row.status === "passed") return entry && !entry.flaky ? { kind: "passed", text: "passed", newlyPassing: entry.reason } : { kind: "passed", text: "passed" };
  if (entry?.flaky) return { kind: "flaky", text: "failed (flaky)", reason: entry.reason };
  if (entry) return { kind: "not applicable", text: "n/a", reason: entry.reason };
  const first = row.error.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 3).join(" ").slice(0, 300);
  return { kind: "failed", text: "FAILED", reason: `unexplained (${row.status}): ${first || "no error message"}` };
}

function table(rows, runs, clients) {
  const keys = new Map();
  for (const client of clients) for (const row of runs[client].rows) keys.set(`${row.file}\u0000${row.title}`, { file: row.file, title: row.title });
  const lines = [];
  for (const { file, title } of [...keys.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    const cells = clients.map((c) => verdict(runs[c].rows.find((r) => r.file === file && r.title === title), c));
    const said = cells.map((v) => v.reason ?? (v.newlyPassing ? `passes now, remove from expected-failures.js (${v.newlyPassing})` : null));
    // One reason when every client gives the same; else each client's own.
    const reason =
      clients.length > 1 && said.every((r) => r !== null && r === said[0])
        ? said[0]
        : said.flatMap((r, i) => (r ? [`${clients.length > 1 ? `${clients[i]}: ` : ""}${r}`] : [])).join("; ");
    lines.push({ file, title, cells, reason });
  }
  return lines;
}

function counts(lines, index) {
  const c = { passed: 0, failed: 0, flaky: 0, "skipped": 0, "not applicable": 0, "not run": 0 };
  for (const line of lines) {
    const kind = line.cells[index].kind;
    if (kind in c) c[kind]++;
  }
  return c;
}

const escapeCell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdown(lines, runs, clients, specs) {
  const label = { official: "official client", livetsx: "our client" };
  const out = [];
  out.push("# Phoenix LiveView's e2e suite against LiveTSX");
  out.push("");
  out.push(`Written by \`npm run e2e:phoenix\` (conformance/phoenix-e2e/run.mjs) from the specs in \`${relative(PROJECT, specs)}\`, run unmodified`);
  out.push("against the TSX ports in app/, in Debian's Chromium. \"n/a\": a feature LiveTSX lacks (expected-failures.js names it);");
  out.push("\"failed (flaky)\": failed on a race in the spec's own timing that expected-failures.js names (the test passes in most runs);");
  out.push("\"skipped (upstream)\": a test upstream skips (browser-specific or marked skip).");
  out.push("");
  out.push("| client | passed | failed | failed (flaky) | skipped (upstream) | not applicable | not run | run time |");
  out.push("|---|---|---|---|---|---|---|---|");
  clients.forEach((client, i) => {
    const c = counts(lines, i);
    out.push(`| ${label[client]} | ${c.passed} | ${c.failed} | ${c.flaky} | ${c.skipped} | ${c["not applicable"]} | ${c["not run"]} | ${runs[client].seconds.toFixed(0)} s |`);
  });
  out.push("");
  out.push(`| spec | test | ${clients.map((c) => label[c]).join(" | ")} | reason |`);
  out.push(`|---|---|${clients.map(() => "---|").join("")}---|`);
  for (const line of lines) out.push(`| ${escapeCell(line.file)} | ${escapeCell(line.title)} | ${line.cells.map((v) => v.text).join(" | ")} | ${escapeCell(line.reason)} |`);
  out.push("");
  return out.join("\n");
}

function printTable(lines, clients) {
  const width = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s.padEnd(n));
  console.log("");
  console.log(`${width("spec", 24)} ${width("test", 60)} ${clients.map((c) => width(c, 18)).join(" ")} reason`);
  for (const line of lines) console.log(`${width(line.file, 24)} ${width(line.title, 60)} ${line.cells.map((v) => width(v.text, 18)).join(" ")} ${line.reason}`);
  console.log("");
  clients.forEach((client, i) => {
    const c = counts(lines, i);
    console.log(`${client}: ${c.passed} passed, ${c.failed} failed, ${c.flaky} failed (flaky), ${c.skipped} skipped (upstream), ${c["not applicable"]} not applicable`);
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const runs = {};
  if (options.reuse) {
    options.clients = options.clients.filter((c) => options.reuse.some((dir) => existsSync(join(dir, `results-${c}.json`))));
    if (options.clients.length === 0) throw new Error(`--reuse: no results in ${options.reuse.join(", ")} (run the suite first)`);
    for (const client of options.clients) {
      let rows = [];
      let seconds = 0;
      for (const dir of options.reuse) {
        const file = join(dir, `results-${client}.json`);
        if (!existsSync(file)) continue;
        const these = outcomes(JSON.parse(readFileSync(file, "utf8")));
        const key = (r) => `${r.file}\u0000${r.title}`;
        const again = new Set(these.map(key));
        rows = [...rows.filter((r) => !again.has(key(r))), ...these];
        const times = existsSync(join(dir, "runs.json")) ? JSON.parse(readFileSync(join(dir, "runs.json"), "utf8")) : {};
        seconds += times[client] ?? 0;
      }
      runs[client] = { rows, seconds };
    }
  } else prepare(options.specs);
  for (const client of options.reuse ? [] : options.clients) {
    console.log(`\n== ${client} client ==`);
    const { report, seconds } = await runClient(client, options);
    runs[client] = { rows: outcomes(report), seconds };
    console.log(`${client}: ${seconds.toFixed(1)} s`);
  }
  if (!options.reuse) writeFileSync(join(BUILD, "runs.json"), JSON.stringify(Object.fromEntries(options.clients.map((c) => [c, runs[c].seconds]))));
  const lines = table(null, runs, options.clients);
  printTable(lines, options.clients);
  for (const client of options.clients) console.log(`${client} client run time: ${runs[client].seconds.toFixed(1)} s`);
  if (options.report) writeFileSync(join(HERE, "REPORT.md"), markdown(lines, runs, options.clients, options.specs));
  const summary = {
    clients: options.clients,
    seconds: Object.fromEntries(options.clients.map((c) => [c, runs[c].seconds])),
    counts: Object.fromEntries(options.clients.map((c, i) => [c, counts(lines, i)])),
    tests: lines.map((l) => ({ file: l.file, title: l.title, ...Object.fromEntries(options.clients.map((c, i) => [c, l.cells[i]])) })),
  };
  if (options.summary) writeFileSync(options.summary, JSON.stringify(summary, null, 2));
  const unexplained = lines.some((l) => l.cells.some((v) => v.kind === "failed"));
  // A run cut short (its time bound) did not check what it left.
  const cut = lines.some((l) => l.cells.some((v) => v.kind === "not run"));
  if (cut) console.error("e2e:phoenix: some tests did not run (the run was interrupted); see the table");
  process.exitCode = unexplained || cut ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error?.stack ?? error);
    process.exitCode = 2;
  });
}
