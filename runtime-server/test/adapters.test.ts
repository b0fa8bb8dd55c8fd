/**
 * A LiveTSX server inside the servers people use, each with the real package: node:http,
 * Express 5, Fastify 5 and Hono on @hono/node-server. In each: the page renders, the built-in
 * client script is served, a raw Channels client joins over the WebSocket and a click comes back
 * as a diff, and the framework's own routes and 404 still answer.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLiveServer, type LiveServer } from "../src/index.js";
import { livetsx as fastifyPlugin } from "../src/adapters/fastify.js";
import { livetsx as honoMiddleware } from "../src/adapters/hono.js";
import Counter from "./views/counter.tsx";
import { getPage, MemoryLog, SECRET, TestClient, type TestServer } from "./support.js";

const CLIENT = fileURLToPath(new URL("../../runtime-client/", import.meta.url));

/** Builds the client's browser bundle when it is missing or older than the client's sources. */
function ensureClientBundle(): void {
  const newest = Math.max(...readdirSync(`${CLIENT}src`).map((f) => statSync(`${CLIENT}src/${f}`).mtimeMs));
  let built = 0;
  try {
    built = statSync(`${CLIENT}dist/browser/client.js`).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (built < newest) execFileSync(process.execPath, [`${CLIENT}scripts/bundle.js`], { stdio: "inherit" });
}

interface Running {
  url: string;
  live: LiveServer;
  log: MemoryLog;
  /** What the framework itself logged at warn or worse, where it has a logger. */
  frameworkLog?: string[];
  close(): Promise<void>;
}

const routes = { "/": Counter, "/counter/:id": Counter };

function newLive(log: MemoryLog): LiveServer {
  return createLiveServer({ routes, secret: SECRET, log });
}

function address(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function listening(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once("listening", resolve);
    server.once("error", reject);
  });
}

async function closeHttp(live: LiveServer, server: Server): Promise<void> {
  await live.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Each adapter as its README example has it, plus one route of the framework's own at /own. */
const adapters: Record<string, () => Promise<Running>> = {
  "node:http": async () => {
    const log = new MemoryLog();
    const live = newLive(log);
    const server = live.attach(createServer((req, res) => {
      if (req.url === "/own") return void res.end("own route");
      void live.handler(req, res);
    }));
    server.listen(0, "127.0.0.1");
    await listening(server);
    return { url: address(server), live, log, close: () => closeHttp(live, server) };
  },
  "Express 5": async () => {
    const log = new MemoryLog();
    const live = newLive(log);
    const app = express();
    app.use(live.handler);
    app.get("/own", (_req, res) => void res.send("own route"));
    const server = live.attach(app.listen(0, "127.0.0.1"));
    await listening(server);
    return { url: address(server), live, log, close: () => closeHttp(live, server) };
  },
  "Fastify 5": async () => {
    const log = new MemoryLog();
    const live = newLive(log);
    const frameworkLog: string[] = [];
    const app = Fastify({ logger: { level: "warn", stream: { write: (line: string) => void frameworkLog.push(line) } } });
    await app.register(fastifyPlugin(live));
    app.get("/own", async () => "own route");
    await app.listen({ port: 0, host: "127.0.0.1" });
    return { url: address(app.server), live, log, frameworkLog, close: () => app.close() };
  },
  "Hono on @hono/node-server": async () => {
    const log = new MemoryLog();
    const live = newLive(log);
    const app = new Hono();
    app.use(honoMiddleware(live));
    app.get("/own", (c) => c.text("own route"));
    const server = live.attach(serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })) as Server;
    await listening(server);
    return { url: address(server), live, log, close: () => closeHttp(live, server) };
  },
};

beforeAll(() => ensureClientBundle(), 60_000);

describe.each(Object.entries(adapters))("%s", (_name, start) => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.close();
  });

  test("a live route is server-rendered, with the built-in client script", async () => {
    const res = await fetch(`${running.url}/counter/7`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toMatch(/<div id="phx-[^"]+" data-phx-main [^>]*><div class="counter"><h1>Count: 0<\/h1>/);
    expect(html).toContain('<script type="module" src="/live/client.js"></script>');
  });

  test("the client script and its source map are served, and revalidated with their ETag", async () => {
    const script = await fetch(`${running.url}/live/client.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toMatch(/new URL\(import\.meta\.url\)[\s\S]*sourceMappingURL=client\.js\.map/);
    const etag = script.headers.get("etag")!;
    const again = await fetch(`${running.url}/live/client.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const map = await fetch(`${running.url}/live/client.js.map`);
    expect(map.status).toBe(200);
    expect(JSON.parse(await map.text()).sources.some((s: string) => s.endsWith("live-socket.ts"))).toBe(true);
  });

  test("a client joins over the WebSocket and a click comes back as a diff", async () => {
    const server = { url: running.url } as TestServer;
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    try {
      const join = await client.join(page, server, "/");
      expect(join.status).toBe("ok");
      const reply = await client.click(page, "inc");
      expect(reply).toEqual({ status: "ok", response: { diff: { 0: "1" } } });
      expect(running.live.stats()).toEqual({ connections: 1, views: 1 });
    } finally {
      client.close();
    }
  });

  test("the framework's own routes and its 404 still answer", async () => {
    expect(await (await fetch(`${running.url}/own`)).text()).toBe("own route");
    expect((await fetch(`${running.url}/nothing-here`)).status).toBe(404);
    expect(running.log.lines.filter((l) => l.startsWith("error"))).toEqual([]);
    // Fastify complains of a reply sent twice when a response it did not send goes unclaimed.
    expect(running.frameworkLog ?? []).toEqual([]);
  });
});

test("an app that names its own client script serves it: the built-in one is not served", async () => {
  const live = createLiveServer({ routes, secret: SECRET, log: new MemoryLog(), clientScript: "/assets/app.js" });
  const server = live.attach(createServer((req, res) => void live.handler(req, res)));
  server.listen(0, "127.0.0.1");
  await listening(server);
  try {
    expect(await (await fetch(`${address(server)}/`)).text()).toContain('<script type="module" src="/assets/app.js"></script>');
    expect((await fetch(`${address(server)}/live/client.js`)).status).toBe(404);
  } finally {
    await closeHttp(live, server);
  }
});
