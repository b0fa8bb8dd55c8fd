/**
 * No user input and no user callback reaches an unhandled rejection or exception. vitest catches
 * those itself, so the honest check runs the hostile cases (hostile-child.ts) in a child process
 * with Node's defaults and no handler: an unhandled failure there ends the process, which fails
 * this test. The child is bundled from the TypeScript sources with the views compiled by the
 * LiveTSX compiler, as the other runtime tests are.
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bundleServer } from "./child/spawn.js";

const here = dirname(fileURLToPath(import.meta.url));
let bundle: Awaited<ReturnType<typeof bundleServer>> | undefined;
let child: string;

beforeAll(async () => {
  bundle = await bundleServer(join(here, "hostile-child.ts"));
  child = bundle.file;
}, 60_000);

afterAll(() => {
  bundle?.remove();
});

/** Runs the child with Node's defaults; resolves to how it ended and what it printed. */
function run(file: string, timeoutMs: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
    let stdout = "";
    let stderr = "";
    proc.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`the hostile child did not end within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    proc.on("error", reject);
    proc.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

test("hostile frames, requests and failing callbacks leave a server without handlers running", async () => {
  const { code, signal, stdout, stderr } = await run(child, 40_000);
  expect(stderr).not.toMatch(/unhandled|uncaught/i);
  expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
  const observed = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
  const log = (observed.log as string[]).map((line) => line.replace(/lv:phx-[\w-]+/g, "lv:<id>"));
  delete observed.log;
  expect(observed).toEqual({
    "live_patch url object": "error",
    "live_patch url array": "error",
    "form event with meta null": "ok",
    "upgrade target http://[": "HTTP/1.1 400 Bad Request",
    "refused upgrade, reset by the client": "reset",
    "Host: [": "HTTP/1.1 400 Bad Request",
    "absolute-form target http://[": "HTTP/1.1 400 Bad Request",
    "terminate rejects": { status: "ok", response: {} },
    "terminate throws": { status: "ok", response: {} },
    "mount rejects": { status: "error", response: { reason: "join crashed" } },
    "handler rejects": "phx_error",
    "handleParams rejects": "phx_error",
    "handleInfo rejects (sendInfo)": "phx_error",
    "handleInfo rejects (sendAfter)": "phx_error",
    "handleInfo rejects (PubSub)": "phx_error",
    "component update async": "phx_error",
    "component mount async": "phx_error",
    "component update in the HTTP render async": 500,
    "a bystander after all of them": { diff: { 0: "1" } },
  });
  const promiseRefused = "it returned a promise, but a live component's mount and update must be synchronous: load the data in the view and pass it as props";
  expect(log).toEqual([
    "error view lv:<id> (/failing): terminate failed: terminate rejected",
    "error view lv:<id> (/failing): terminate failed: terminate threw",
    "error view lv:<id> (/failing) crashed in mount: mount rejected",
    'error view lv:<id> (/failing) crashed in handleEvent "reject": handler rejected',
    "error view lv:<id> (/failing) crashed in handleParams: handleParams rejected",
    "error view lv:<id> (/failing) crashed in handleInfo: handleInfo rejected",
    "error view lv:<id> (/failing) crashed in handleInfo: handleInfo rejected",
    "error view lv:<id> (/failing) crashed in handleInfo: handleInfo rejected",
    `error view lv:<id> (/failing) crashed in update of live component u (cid 1): ${promiseRefused}`,
    `error view lv:<id> (/failing) crashed in mount of live component m (cid 1): ${promiseRefused}`,
    `error HTTP render of /failing failed: update of live component u failed: ${promiseRefused}`,
  ]);
}, 60_000);
