/**
 * Bundles child/server.ts from the TypeScript sources (the test views compiled by the LiveTSX
 * compiler, as vitest.config.ts compiles them) and runs it in a child process with Node's
 * defaults: no handler for unhandled rejections there, so one ends the process.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, defaultServerConditions, type Plugin } from "vite";
import { compile } from "@livetsx/compiler";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");

const views: Plugin = {
  name: "livetsx-test-views",
  enforce: "pre",
  transform(code, id) {
    if (!/\/test\/.*\.tsx$/.test(id)) return null;
    const result = compile(code, { filename: id, sourceInfo: true });
    return { code: result.code, map: result.map as never };
  },
};

/**
 * Bundles a child process's entry from the sources (views compiled, `@livetsx/*` inlined; the
 * child server by default); returns its file and a function that removes it.
 */
export async function bundleServer(entry = join(here, "server.ts")): Promise<{ file: string; remove(): void }> {
  // Under node_modules, so the bundle's one external import, `ws`, resolves.
  mkdirSync(join(root, "node_modules/.cache"), { recursive: true });
  const outDir = mkdtempSync(join(root, "node_modules/.cache/livetsx-child-"));
  const conditions = ["source", ...defaultServerConditions];
  await build({
    configFile: false,
    root,
    logLevel: "silent",
    plugins: [views],
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions }, noExternal: [/^@livetsx\//], external: ["ws"] },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { entryFileNames: "child.mjs", format: "es" } },
    },
  });
  return { file: join(outDir, "child.mjs"), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface ChildStats {
  connections: number;
  views: number;
  log: { info: number; warn: number; error: number; first: string[] };
  rejectionHandlers: number;
  cpu: { user: number; system: number };
}

/** A running child server. */
export interface ChildServer {
  url: string;
  /** Why it ended, if it did: the exit code or signal and what it printed on stderr. */
  readonly ended: string | null;
  stats(): Promise<ChildStats>;
  memory(): Promise<{ heapUsed: number; rss: number }>;
  stop(): Promise<void>;
}

/** Starts the bundled server (`file`) with `options` for createLiveServer (null = Infinity). */
export function spawnServer(file: string, options: Record<string, unknown> = {}, nodeArgs: string[] = []): Promise<ChildServer> {
  const proc: ChildProcess = fork(file, [], {
    execArgv: nodeArgs,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, NODE_OPTIONS: "", CHILD_OPTIONS: JSON.stringify(options) },
  });
  let stderr = "";
  let ended: string | null = null;
  proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let next = 0;
  const waiting = new Map<number, (answer: any) => void>();
  const exited = new Promise<void>((resolve) =>
    proc.on("exit", (code, signal) => {
      ended = `exit code ${code}, signal ${signal}\n${stderr}`;
      for (const resolveAnswer of waiting.values()) resolveAnswer(null);
      resolve();
    }),
  );
  const ask = (kind: string) =>
    new Promise<any>((resolve, reject) => {
      if (ended) return reject(new Error(`the server process ended: ${ended}`));
      const id = ++next;
      waiting.set(id, (answer) => (answer ? resolve(answer) : reject(new Error(`the server process ended: ${ended}`))));
      proc.send({ id, kind });
    });
  return new Promise((resolve, reject) => {
    proc.on("message", (message: { ready?: string; id?: number }) => {
      if (message.ready) {
        resolve({
          url: message.ready,
          get ended() {
            return ended;
          },
          stats: () => ask("stats"),
          memory: () => ask("memory"),
          async stop() {
            if (!ended) proc.disconnect();
            await exited;
          },
        });
      } else if (message.id !== undefined) {
        const answer = waiting.get(message.id);
        waiting.delete(message.id);
        answer?.(message);
      }
    });
    proc.on("exit", () => reject(new Error(`the server process ended before it was ready: ${ended}`)));
  });
}
