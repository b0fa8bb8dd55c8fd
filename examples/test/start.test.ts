/**
 * `npm start` from the repository's root, as the README tells a newcomer to run it: the port
 * comes from `-- --port` or from `PORT`.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { freePort } from "./browser.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
let stop: (() => Promise<void>) | null = null;

afterEach(async () => {
  await stop?.();
  stop = null;
});

/** Runs `npm start <args>` and resolves with the URL Vite prints once it listens. */
function npmStart(args: string[], env: Record<string, string>): Promise<string> {
  // Its own process group: npm, the shell and Vite are stopped together.
  const child = spawn("npm", ["start", ...args], { cwd: REPO, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // Already gone.
    }
    await exited;
  };
  let output = "";
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      // Vite colours the port: drop the escapes.
      output += chunk.toString().replace(/\x1b\[[0-9;]*m/g, "");
      const url = /Local:\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then(() => reject(new Error(`npm start exited before listening:\n${output}`)));
  });
}

describe("npm start", () => {
  test("-- --port <n> serves the demo on that port", async () => {
    const port = await freePort();
    const url = await npmStart(["--", "--port", String(port), "--strictPort"], { PORT: "" });
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    const res = await fetch(`${url}counter`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<p class="count" id="count">0</p>');
  }, 120_000);

  test("PORT=<n> serves the demo on that port", async () => {
    const port = await freePort();
    const url = await npmStart([], { PORT: String(port) });
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect((await fetch(`${url}counter`)).status).toBe(200);
  }, 120_000);
});
