/**
 * The production builds for the end-to-end tests: `vite build` of the demo and of the client
 * test app once per run (the `e2e-production` project's global setup), then
 * `node dist/server/index.js` in a child process per test file, as it is deployed.
 * `LIVETSX_DEMO_SERVER=production` makes `useDemo` and the client tests use them.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createBuilder } from "vite";
import { livetsx } from "@livetsx/vite";

const EXAMPLES = new URL("..", import.meta.url).pathname;
/** Where the tests' build goes, away from the `dist/` of `npm run build`. */
export const DEMO_BUILD = join(EXAMPLES, "node_modules", ".livetsx", "e2e-build");
/** The client test app (`test/app`), built as the client tests' dev server runs it. */
export const APP_ROOT = join(EXAMPLES, "test", "app");
export const APP_BUILD = join(EXAMPLES, "node_modules", ".livetsx", "e2e-app-build");
/** The secret of every production server the tests start: a restarted one accepts old pages. */
const SECRET = "end-to-end-tests-secret-0123456789-0123456789";

/** Whether the end-to-end tests run against the production build. */
export const PRODUCTION = process.env.LIVETSX_DEMO_SERVER === "production";

/** Builds the demo as `npm run build -w examples` does, into {@link DEMO_BUILD}. */
export async function buildDemo(): Promise<void> {
  const builder = await createBuilder({
    root: EXAMPLES,
    configFile: join(EXAMPLES, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: DEMO_BUILD },
  });
  await builder.buildApp();
}

/** Builds the client test app into {@link APP_BUILD}. */
export async function buildTestApp(): Promise<void> {
  const builder = await createBuilder({
    root: APP_ROOT,
    configFile: false,
    logLevel: "warn",
    plugins: [livetsx({ routes: "routes.ts" })],
    build: { outDir: APP_BUILD },
  });
  await builder.buildApp();
}

/** Global setup of the `e2e-production` project. */
export default async function setup(): Promise<void> {
  await buildDemo();
  await buildTestApp();
}

export interface ProductionDemo {
  /** The server's output so far. */
  output(): string;
  /** SIGTERM, and the exit: the graceful shutdown of a deploy. */
  close(): Promise<void>;
  /** SIGKILL, and the exit: a crash, with no shutdown at all. */
  kill(): Promise<void>;
}

/** Starts the built demo on `port` (loopback) and resolves once it listens; `env` adds variables (`REDIS_URL`). */
export function startProductionDemo(port: number, env: Record<string, string> = {}): Promise<ProductionDemo> {
  return startProductionServer(DEMO_BUILD, port, env);
}

/** Starts the build in `dir` on `port` (loopback) and resolves once it listens. */
export function startProductionServer(dir: string, port: number, env: Record<string, string> = {}): Promise<ProductionDemo> {
  const child = spawn(process.execPath, [join(dir, "server", "index.js")], {
    cwd: EXAMPLES,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LIVETSX_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const demo: ProductionDemo = {
    output: () => output,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const code = await exited;
      // Killed before (a crash the test made): there is nothing left to shut down.
      if (child.signalCode === "SIGKILL") return;
      if (code !== 0) throw new Error(`the demo's production server exited with ${code} on SIGTERM:\n${output}`);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on http://")) resolve(demo);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then((code) => reject(new Error(`the demo's production server exited (${code}) before listening:\n${output}`)));
  });
}
