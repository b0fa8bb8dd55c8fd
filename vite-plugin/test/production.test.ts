/**
 * `vite build` with livetsx() on a small project: a hashed client with a manifest and a server
 * bundle, and that bundle run as `node dist/server/index.js` in a child process, as it is
 * deployed: the page links the hashed client, hashed files are cached for a year, everything is
 * compressed, a missing secret fails clearly, and SIGTERM closes the sockets and exits in time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import { createBuilder, createLogger } from "vite";
import { livetsx } from "@livetsx/vite";

// Inside the repository, so the project and its server bundle resolve @livetsx/* from the workspace.
const root = mkdtempSync(join(fileURLToPath(new URL(".", import.meta.url)), ".project-"));
const SECRET = "production-test-secret-0123456789-0123456789";
const warnings: string[] = [];
const children = new Set<ChildProcess>();

/** The client entry's file, from the manifest. */
function clientFile(): string {
  const manifest = JSON.parse(readFileSync(join(root, "dist/client/.vite/manifest.json"), "utf8")) as Record<string, { file: string; isEntry?: boolean }>;
  const entries = Object.entries(manifest).filter(([key, chunk]) => chunk.isEntry && key.endsWith("virtual:livetsx/client"));
  expect(entries).toHaveLength(1);
  return entries[0]![1].file;
}

function write(file: string, text: string) {
  mkdirSync(join(root, file, ".."), { recursive: true });
  writeFileSync(join(root, file), text);
}

beforeAll(async () => {
  write("src/routes.ts", `import Hello from "./hello.tsx";\nimport Who from "./who.tsx";\nimport Long from "./long.tsx";\nexport const routes = { "/": Hello, "/who": Who, "/long": Long };\n`);
  write(
    "src/hello.tsx",
    `import { defineView } from "@livetsx/server";\nexport default defineView({\n  mount: (_p, _s, socket) => { socket.assign({ n: 1 }); },\n` +
      `  events: { inc: (_x, socket) => socket.update("n", (n: number) => n + 1) },\n  render: ({ n }: { n: number }) => <p id="n" phx-click="inc">{n}</p>,\n});\n`,
  );
  write("src/who.tsx", `import { defineView } from "@livetsx/server";\nexport default defineView({\n  mount: (_p, session, socket) => { socket.assign({ who: String(session.who) }); },\n  render: ({ who }: { who: string }) => <p id="who">{who}</p>,\n});\n`);
  // A page well over compression's 1 KiB threshold.
  write("src/long.tsx", `import { defineView } from "@livetsx/server";\nexport default defineView({\n  mount: (_p, _s, socket) => { socket.assign({ rows: Array.from({ length: 200 }, (_, i) => i) }); },\n  render: ({ rows }: { rows: number[] }) => <ul>{rows.map((r) => <li key={r}>row {r}</li>)}</ul>,\n});\n`);
  write("src/server-options.ts", `export default { session: (req: { headers: Record<string, unknown> }) => ({ who: req.headers["x-who"] ?? "nobody" }) };\n`);
  // A client entry of the app's own: a style sheet, and a module loaded only when needed.
  write(
    "src/client.ts",
    `import "./app.css";\nimport { LiveSocket } from "@livetsx/client";\nnew LiveSocket("/live").connect();\n` +
      `window.addEventListener("phx:lazy", () => void import("./lazy.ts").then((m) => m.run()));\n`,
  );
  write("src/app.css", "body { margin: 0 }\n");
  write("src/lazy.ts", `export function run(): void { document.title = "lazy-module-body"; }\n`);
  // A file named like a live route does not shadow it.
  write("public/who.html", "<p>a file</p>\n");
  write("public/robots.txt", "User-agent: *\n" + "Allow: /\n".repeat(200));
  const logger = createLogger("silent");
  logger.warn = (msg) => void warnings.push(String(msg));
  // What `vite build` does.
  const builder = await createBuilder({
    root,
    configFile: false,
    logLevel: "silent",
    customLogger: logger,
    plugins: [livetsx({ secret: "dev-server-secret-0123456789-0123456789", server: { title: "Built", maxPayload: 1 << 20, eventRate: Infinity, session: () => ({}) }, serverOptions: "src/server-options.ts", client: "src/client.ts" })],
  });
  await builder.buildApp();
}, 120_000);

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built server in a child process, as deployed; resolves once it listens. */
function serve(env: Record<string, string | undefined> = {}): Promise<Started> {
  const child = spawn(process.execPath, [join(root, "dist/server/index.js")], {
    env: { ...process.env, NODE_ENV: undefined, PORT: "0", HOST: "127.0.0.1", LIVETSX_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output, exited });
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}

describe("vite build", () => {
  test("builds a hashed, minified client with a manifest, and a server bundle", () => {
    const file = clientFile();
    expect(file).toMatch(/^assets\/client-[\w-]{8}\.js$/);
    const client = readFileSync(join(root, "dist/client", file), "utf8");
    expect(client).toContain("/live");
    expect(client.split("\n").length).toBeLessThan(20);
    expect(client).not.toContain("lazy-module-body");
    expect(existsSync(join(root, "dist/client/robots.txt"))).toBe(true);
    // Text files of the build have brotli and gzip copies; public/ is copied as it is.
    expect(brotliDecompressSync(readFileSync(join(root, "dist/client", `${file}.br`))).toString()).toBe(client);
    expect(gunzipSync(readFileSync(join(root, "dist/client", `${file}.gz`))).toString()).toBe(client);
    expect(existsSync(join(root, "dist/client/robots.txt.br"))).toBe(false);
    expect(existsSync(join(root, "dist/client/.vite/manifest.json.br"))).toBe(false);
    expect(existsSync(join(root, "dist/server/index.js"))).toBe(true);
    expect(existsSync(join(root, "dist/server/robots.txt"))).toBe(false);
  });

  test("server options that are data go into the bundle; the others are reported, the secret never", () => {
    const bundle = readFileSync(join(root, "dist/server/index.js"), "utf8");
    expect(bundle).toMatch(/"title": "Built"/);
    expect(bundle).toMatch(/"eventRate": Infinity/);
    expect(bundle).not.toContain("dev-server-secret");
    expect(warnings.some((w) => w.includes("server.session is not data") && w.includes("serverOptions"))).toBe(true);
  });
});

describe("node dist/server/index.js", () => {
  let server: Started;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  test("the page links the hashed client from the manifest", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain(`<script type="module" src="/${clientFile()}"></script>`);
    expect(html).toContain("<title>Built</title>");
    expect(html).toMatch(/<p id="n" phx-click="inc">1<\/p>/);
    expect(html).not.toContain("/@vite/client");
  });

  test("the options of the serverOptions module reach the server (a session reader); public/who.html does not shadow /who", async () => {
    const html = await (await fetch(`${server.url}/who`, { headers: { "x-who": "ada" } })).text();
    expect(html).toContain('<p id="who">ada</p>');
  });

  test("the client's style sheet is linked in the head; a module it imports when needed is a chunk of its own", async () => {
    const manifest = JSON.parse(readFileSync(join(root, "dist/client/.vite/manifest.json"), "utf8")) as Record<string, { file: string; isEntry?: boolean; css?: string[]; dynamicImports?: string[] }>;
    const entry = Object.values(manifest).find((c) => c.isEntry)!;
    expect(entry.css).toHaveLength(1);
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toMatch(new RegExp(`<link rel="stylesheet" href="/${entry.css![0]}">.*</head>`));
    expect(entry.dynamicImports).toHaveLength(1);
    const lazy = manifest[entry.dynamicImports![0]!]!.file;
    expect(lazy).toMatch(/^assets\/lazy-[\w-]{8}\.js$/);
    expect(html).not.toContain(lazy);
    expect(readFileSync(join(root, "dist/client", lazy), "utf8")).toContain("lazy-module-body");
    const css = await fetch(`${server.url}/${entry.css![0]}`);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  test("hashed files are cached for a year and immutable, others revalidated; all compressed", async () => {
    const file = clientFile();
    const script = await raw(`${server.url}/${file}`, { "accept-encoding": "gzip" });
    expect(script.status).toBe(200);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(script.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(script.body).toString()).toBe(readFileSync(join(root, "dist/client", file), "utf8"));
    // The build's copy, not one made for this request.
    expect(script.body.equals(readFileSync(join(root, "dist/client", `${file}.gz`)))).toBe(true);
    const brotli = await raw(`${server.url}/${file}`, { "accept-encoding": "gzip, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotli.body.equals(readFileSync(join(root, "dist/client", `${file}.br`)))).toBe(true);

    const robots = await raw(`${server.url}/robots.txt`, { "accept-encoding": "br, gzip" });
    expect(robots.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(robots.headers["content-encoding"]).toBe("br");
    expect(robots.headers.etag).toBeTruthy();

    const page = await raw(`${server.url}/long`, { "accept-encoding": "gzip" });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers["cache-control"]).toBe("no-store");
    const long = gunzipSync(page.body).toString();
    expect(long).toMatch(/^<!doctype html>/);
    expect(long).toContain("<li>row 199</li>");
    // A page under the threshold goes as it is, with its length.
    const short = await raw(`${server.url}/`, { "accept-encoding": "gzip" });
    expect(short.headers["content-encoding"]).toBeUndefined();
    expect(Number(short.headers["content-length"])).toBe(short.body.length);
    expect(short.body.length).toBeLessThan(1024);
    expect(short.body.toString()).toMatch(/^<!doctype html>/);
  });

  test("the manifest is not served; an unknown path is a 404 page in the layout", async () => {
    expect((await fetch(`${server.url}/.vite/manifest.json`)).status).toBe(404);
    const res = await fetch(`${server.url}/nope`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("<title>Page not found</title>");
    expect(html).toContain("Nothing lives at <code>/nope</code>");
    expect(html).toMatch(/<script type="module" src="\/assets\/client-[\w-]{8}\.js"><\/script>/);
    const asset = await fetch(`${server.url}/assets/missing.js`);
    expect(asset.status).toBe(404);
    expect(await asset.text()).toBe("Not Found");
  });
});

describe("the production server's configuration", () => {
  test("without LIVETSX_SECRET it exits 1 and says what to set", async () => {
    await expect(serve({ LIVETSX_SECRET: undefined })).rejects.toThrow(/exited \(1\) before listening:\n.*LIVETSX_SECRET is not set\..*openssl rand/s);
  });

  test("a short secret or a bad PORT is refused the same way", async () => {
    await expect(serve({ LIVETSX_SECRET: "short" })).rejects.toThrow(/LIVETSX_SECRET is 5 bytes long: it must be at least 32/);
    await expect(serve({ PORT: "80a" })).rejects.toThrow(/PORT must be a whole number from 0 to 65535, got "80a"/);
  });
});

describe("shutdown", () => {
  test("SIGTERM closes the WebSockets with 1001 (clients reconnect) and exits 0", async () => {
    const server = await serve();
    const ws = await openSocket(server.url);
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    const start = Date.now();
    server.child.kill("SIGTERM");
    expect(await closed).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Well within the bound (10 s) the server waits for connections at most.
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(server.output()).toContain("SIGTERM: shutting down, closing 1 WebSocket connection(s) (up to 10000 ms)");
    expect(server.output()).toContain("shut down");
  });

  test("a connection the browser opened ahead of need and never used does not hold the shutdown", async () => {
    const server = await serve();
    const { port } = new URL(server.url);
    const unused = connect(Number(port), "127.0.0.1");
    unused.on("error", () => undefined);
    await new Promise((resolve) => unused.once("connect", resolve));
    const closed = new Promise((resolve) => unused.once("close", resolve));
    // The server has accepted it (a page's GET on another connection is answered after it).
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    const start = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await closed;
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(server.output()).toContain("shut down");
  });

  test("a connection that does not close is dropped at LIVETSX_SHUTDOWN_TIMEOUT, and the exit code says so", async () => {
    const server = await serve({ LIVETSX_SHUTDOWN_TIMEOUT: "300" });
    const { port } = new URL(server.url);
    // A request whose headers never end keeps its connection busy. It follows a whole one in the
    // same write: once that one's answer arrives, the server has read the second one's start.
    const stuck = connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => stuck.once("connect", resolve));
    stuck.write("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n");
    await new Promise((resolve) => stuck.once("data", resolve));
    const dropped = new Promise((resolve) => stuck.once("close", resolve));
    stuck.on("error", () => undefined);
    const start = Date.now();
    server.child.kill("SIGINT");
    expect(await server.exited).toEqual({ code: 1, signal: null });
    await dropped;
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    expect(server.output()).toContain("SIGINT: shutting down");
    expect(server.output()).toContain(
      "shutdown timeout reached: dropped the connections still open (0 WebSocket(s) without an answer to their close, 1 HTTP connection(s) with a request under way)",
    );
  });
});

test("a second signal during the shutdown exits at once", async () => {
  const server = await serve({ LIVETSX_SHUTDOWN_TIMEOUT: "60000" });
  const { port } = new URL(server.url);
  const stuck = connect(Number(port), "127.0.0.1");
  await new Promise((resolve) => stuck.once("connect", resolve));
  stuck.on("error", () => undefined);
  stuck.write("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n");
  await new Promise((resolve) => stuck.once("data", resolve));
  server.child.kill("SIGTERM");
  await new Promise<void>((resolve) => {
    const check = () => (server.output().includes("SIGTERM: shutting down") ? resolve() : server.child.stdout!.once("data", check));
    check();
  });
  server.child.kill("SIGINT");
  expect(await server.exited).toEqual({ code: 1, signal: null });
  expect(server.output()).toContain("SIGINT again: exiting without waiting for the connections");
  stuck.destroy();
});

/** A LiveTSX WebSocket on the server, with the cookie and CSRF token of a page. */
async function openSocket(base: string): Promise<WebSocket> {
  const res = await fetch(`${base}/`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const token = /<meta name="csrf-token" content="([^"]+)">/.exec(await res.text())![1]!;
  const ws = new WebSocket(`${base.replace("http", "ws")}/live/websocket?_csrf_token=${token}&vsn=2.0.0`, { headers: { cookie } });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return ws;
}

/** A GET whose body is left as sent (fetch would decompress it). */
async function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}
