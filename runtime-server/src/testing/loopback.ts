/**
 * The server's own HTTP and WebSocket code, reached without a network: an `http.Server` that
 * never listens is handed in-memory connections (any `Duplex` may be, as Node documents for the
 * `connection` event), and requests and the WebSocket client write to the other end. Every byte
 * goes through Node's HTTP parser and the `ws` framing as on a real socket, so the CSRF cookie,
 * the upgrade checks and frame limits all apply, and no port is opened.
 */
import { createServer, request, type Server } from "node:http";
import { Duplex } from "node:stream";
import { WebSocket } from "ws";
import type { LiveServer } from "../server.js";

/** The host every in-memory request names. */
export const TEST_ORIGIN = "http://localhost";

/** Two connected ends: what one writes, the other reads. */
function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (index: number) =>
    new Duplex({
      read() {},
      write(chunk, _encoding, done) {
        ends[1 - index]!.push(chunk);
        done();
      },
      final(done) {
        ends[1 - index]!.push(null);
        done();
      },
      destroy(error, done) {
        // The peer sees the end of its stream, as a closed TCP connection would give.
        const peer = ends[1 - index]!;
        if (!peer.destroyed) peer.push(null);
        done(error);
      },
    });
  ends.push(make(0), make(1));
  return [ends[0]!, ends[1]!];
}

/** What a GET returned. */
export interface PageResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A live server behind an HTTP server that takes in-memory connections only. */
export class Loopback {
  private readonly http: Server;
  private readonly sockets = new Set<Duplex>();

  constructor(readonly live: LiveServer) {
    this.http = createServer((req, res) => {
      void live.handler(req, res, () => {
        res.statusCode = 404;
        res.end("Not Found");
      });
    });
    live.attach(this.http);
  }

  /** A connection to the server: its client end. */
  private connect(): Duplex {
    const [client, server] = duplexPair();
    this.sockets.add(client).add(server);
    client.once("close", () => this.sockets.delete(client));
    server.once("close", () => this.sockets.delete(server));
    this.http.emit("connection", server);
    return client;
  }

  /** GETs `path` as a browser would, with `cookie`. */
  get(path: string, cookie: string): Promise<PageResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${TEST_ORIGIN}${path}`,
        { createConnection: () => this.connect() as never, headers: cookie ? { cookie } : {} },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  /** Opens the live socket with the page's cookie and query (`_csrf_token`, `vsn`, connect params). */
  websocket(path: string, cookie: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${TEST_ORIGIN.replace("http", "ws")}${path}`, {
        createConnection: () => this.connect() as never,
        headers: { cookie },
      });
      ws.once("open", () => resolve(ws));
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`the server refused the WebSocket: ${res.statusCode}`)));
    });
  }

  /** Ends every connection and the live server (its views terminate). */
  async close(): Promise<void> {
    await this.live.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
