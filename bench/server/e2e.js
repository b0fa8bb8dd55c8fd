/**
 * End-to-end part of the server benchmark: a real `createLiveServer` on 127.0.0.1 (an ephemeral
 * port, `node:http` + its WebSocket endpoint), a page fetched over HTTP for its CSRF cookie and
 * tokens, a Phoenix Channels V2 client over `ws` that joins the view and clicks. Each click is
 * timed from just before `ws.send` of the event frame to just after `JSON.parse` of its
 * phx_reply, in this same process (client and server share one event loop, so the figure is the
 * sum of both sides' work plus the loopback round trip). Only loopback traffic; the number of
 * events is bounded.
 */
import { createServer } from "node:http";
import { WebSocket } from "ws";

const SECRET = "bench-secret-that-is-long-enough-0123456789abcdef";
const silent = { info() {}, warn() {}, error() {} };

export async function startServer(createLiveServer, routes) {
  // One client clicks as fast as the server answers: no event rate limit.
  const live = createLiveServer({ routes, secret: SECRET, log: silent, dev: false, heartbeatTimeout: 600_000, eventRate: Infinity });
  const http = createServer((req, res) => {
    void live.handler(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  live.attach(http);
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${http.address().port}`;
  return {
    url,
    async close() {
      await live.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(() => resolve()));
    },
  };
}

/** GETs a page as a browser would and picks what a client needs to join (see runtime-server/test/support.ts). */
async function getPage(server, path) {
  const res = await fetch(server.url + path);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  const pick = (re) => re.exec(html)?.[1] ?? "";
  return {
    bytes: Buffer.byteLength(html),
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0],
    csrfToken: pick(/<meta name="csrf-token" content="([^"]+)"/),
    id: pick(/<div id="([^"]+)" data-phx-main/),
    session: pick(/data-phx-session="([^"]+)"/),
    static: pick(/data-phx-static="([^"]+)"/),
  };
}

/** One joined view over its own WebSocket connection. */
export class Client {
  ref = 0;
  pending = new Map();

  static async open(server, path) {
    const client = new Client();
    const page = await getPage(server, path);
    client.page = page;
    client.topic = `lv:${page.id}`;
    const params = new URLSearchParams({ _csrf_token: page.csrfToken, vsn: "2.0.0" });
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/live/websocket?${params}`, { headers: { cookie: page.cookie } });
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    client.ws = ws;
    ws.on("message", (data) => {
      const text = data.toString();
      const frame = JSON.parse(text);
      const waiter = client.pending.get(frame[1]);
      if (waiter && frame[3] === "phx_reply") {
        client.pending.delete(frame[1]);
        waiter({ frame, bytes: Buffer.byteLength(text), at: process.hrtime.bigint() });
      }
    });
    const t0 = process.hrtime.bigint();
    const join = await client.request("phx_join", {
      url: server.url + path,
      params: { _csrf_token: page.csrfToken, _mounts: 0, _mount_attempts: 0, _track_static: [] },
      session: page.session,
      static: page.static,
      sticky: false,
    });
    if (join.frame[4].status !== "ok") throw new Error(`join of ${path} failed: ${JSON.stringify(join.frame[4])}`);
    client.join = { bytes: join.bytes, us: Number(join.at - t0) / 1e3, rendered: join.frame[4].response.rendered };
    return client;
  }

  request(event, payload) {
    const ref = String(++this.ref);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${event} within 10 s`)), 10_000);
      this.pending.set(ref, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.ws.send(JSON.stringify(["1", ref, this.topic, event, payload]));
    });
  }

  /** A click; resolves to { us, bytes, response }. */
  async click(event, value) {
    const t0 = process.hrtime.bigint();
    const reply = await this.request("event", { type: "click", event, value });
    if (reply.frame[4].status !== "ok") throw new Error(`event ${event} failed: ${JSON.stringify(reply.frame[4])}`);
    return { us: Number(reply.at - t0) / 1e3, bytes: reply.bytes, response: reply.frame[4].response };
  }

  close() {
    this.ws.close();
  }
}
