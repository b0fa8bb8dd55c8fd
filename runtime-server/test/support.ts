/**
 * A raw Phoenix Channels V2 client over `ws` and a server on loopback: what the runtime tests
 * drive the server with. No mocks: real HTTP, real WebSocket, ports picked at run time.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket } from "ws";
import { createLiveServer, type LiveServer, type LiveServerOptions } from "../src/index.js";
import type { Logger } from "../src/context.js";
import { ViewInstance, type Response } from "../src/instance.js";
import { LocalPubSub } from "../src/pubsub.js";
import type { ViewDefinition } from "../src/view.js";

export const SECRET = "test-secret-that-is-long-enough-0123456789";

/** Collects log lines instead of printing them, so tests can assert on them. */
export class MemoryLog implements Logger {
  readonly lines: string[] = [];
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string, e?: unknown) {
    this.lines.push(`error ${m}${e instanceof Error ? `: ${e.message}` : ""}`);
  }
}

export interface TestServer {
  url: string;
  live: LiveServer;
  http: Server;
  log: MemoryLog;
  close(): Promise<void>;
}

export async function startServer(options: Partial<LiveServerOptions> & Pick<LiveServerOptions, "routes">): Promise<TestServer> {
  const log = new MemoryLog();
  const live = createLiveServer({ secret: SECRET, log, verify: true, ...options });
  const http = createServer((req, res) => {
    void live.handler(req, res, () => {
      res.statusCode = 404;
      res.end("fell through");
    });
  });
  live.attach(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    live,
    http,
    log,
    async close() {
      await live.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** What the HTTP render gave: the page and what a client needs to join. */
export interface Page {
  html: string;
  status: number;
  cookie: string;
  csrfToken: string;
  id: string;
  session: string;
  static: string;
}

/** GETs a page as a browser would; pass the cookie of an earlier page to keep the same browser. */
export async function getPage(server: TestServer, path: string, cookie?: string): Promise<Page> {
  const res = await fetch(server.url + path, cookie ? { headers: { cookie } } : {});
  const html = await res.text();
  const pick = (re: RegExp) => re.exec(html)?.[1] ?? "";
  cookie ??= (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return {
    html,
    status: res.status,
    cookie,
    csrfToken: pick(/<meta name="csrf-token" content="([^"]+)"/),
    id: pick(/<div id="([^"]+)" data-phx-main/),
    session: pick(/data-phx-session="([^"]+)"/),
    static: pick(/data-phx-static="([^"]+)"/),
  };
}

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

/** A Channels V2 client: sends frames, matches replies by ref, keeps every frame it received. */
export class TestClient {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  private ref = 0;
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = data.toString();
      this.raw.push(text);
      const frame = JSON.parse(text) as Frame;
      this.frames.push(frame);
      // A frame satisfies the first waiter that wants it, so waiters can be queued in order.
      const index = this.waiters.findIndex((w) => w.match(frame));
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(frame);
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static async connect(server: TestServer, page: Page, extra: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<TestClient> {
    const params = new URLSearchParams({ _csrf_token: page.csrfToken, vsn: "2.0.0", ...extra });
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/live/websocket?${params}`, { headers: { ...headers, cookie: page.cookie } });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return new TestClient(ws);
  }

  /**
   * Sends a frame and waits for the view's crash (`phx_error` on `topic`); resolves, after a
   * heartbeat's round trip, to the replies to that frame, which as Phoenix should be none.
   */
  async crashing(topic: string, event: string, payload: Record<string, unknown>, joinRef: string | null = null): Promise<Frame[]> {
    const ref = String(++this.ref);
    const crashed = this.nextPush(topic, "phx_error");
    this.sendRaw(JSON.stringify([joinRef, ref, topic, event, payload]));
    await crashed;
    await this.request("phoenix", "heartbeat", {});
    return this.frames.filter((f) => f[1] === ref && f[2] === topic && f[3] === "phx_reply");
  }

  /** Sends a frame and waits for its reply. */
  async request(topic: string, event: string, payload: Record<string, unknown>, joinRef: string | null = null): Promise<Record<string, unknown>> {
    const ref = String(++this.ref);
    const reply = this.next((f) => f[1] === ref && f[3] === "phx_reply");
    this.sendRaw(JSON.stringify([joinRef, ref, topic, event, payload]));
    return (await reply)[4];
  }

  sendRaw(data: string): void {
    this.ws.send(data);
  }

  /** Joins the page's view; resolves to the join reply. */
  join(page: Page, server: TestServer, path: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.request(
      `lv:${page.id}`,
      "phx_join",
      {
        url: server.url + path,
        params: { _csrf_token: page.csrfToken, _mounts: 0, _mount_attempts: 0, _track_static: [] },
        session: page.session,
        static: page.static,
        sticky: false,
        ...overrides,
      },
      "1",
    );
  }

  /** A click on `event` with `value`; resolves to the reply. */
  click(page: Page, event: string, value: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.request(`lv:${page.id}`, "event", { type: "click", event, value }, "1");
  }

  /**
   * The next frame matching `match` that arrives from now on. `timeoutMs` only bounds how long
   * a test that will fail waits: generous, as a busy machine may take seconds to answer, and
   * below the unit tests' own timeout (20 s), so a failure says what it waited for and what came.
   */
  next(match: (f: Frame) => boolean, timeoutMs = 15_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const last = this.raw.slice(-8).map((t) => (t.length > 300 ? `${t.slice(0, 300)}…` : t));
        reject(new Error(`timed out waiting for a frame matching ${match.toString()}; the last frames: ${JSON.stringify(last)}`));
      }, timeoutMs);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** The next server push of `event` on `topic`. */
  nextPush(topic: string, event: string, timeoutMs?: number): Promise<Record<string, unknown>> {
    return this.next((f) => f[1] === null && f[2] === topic && f[3] === event, timeoutMs).then((f) => f[4]);
  }

  close(): void {
    this.ws.close();
  }

  waitClosed(timeoutMs = 30_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for close")), timeoutMs);
      this.ws.once("close", (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page of `path`, a client connected for it and its view's join: the reply and the topic. */
export async function joinView(server: TestServer, path: string) {
  const page = await getPage(server, path);
  const client = await TestClient.connect(server, page);
  const reply = await client.join(page, server, path);
  return { page, client, reply, topic: `lv:${page.id}` };
}

/** {@link joinView}, which must succeed. */
export async function joinedView(server: TestServer, path: string) {
  const joined = await joinView(server, path);
  if (joined.reply.status !== "ok") throw new Error(`joining ${path} was refused: ${JSON.stringify(joined.reply.response)}`);
  return joined;
}

/**
 * A view instance in process, without a connection: a fresh PubSub, development checks and the
 * verifier on (unless `options` say otherwise), what it pushes handed to `push`, a crash thrown.
 */
export function viewInstance(
  id: string,
  view: ViewDefinition<any>,
  push: (event: string, payload: Response) => void = () => undefined,
  options: { dev?: boolean; verify?: boolean } = {},
): ViewInstance {
  return new ViewInstance(id, view as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
    pubsub: new LocalPubSub(),
    dev: options.dev ?? true,
    verify: options.verify ?? true,
    push,
    crashed: (error) => {
      throw error;
    },
    paramsFor: () => ({}),
  });
}
