/**
 * Requests a hostile client can make before any WebSocket: a request target or Host header that
 * `new URL` cannot parse is refused with 400, and the server goes on serving.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Counter from "./views/counter.tsx";
import { getPage, startServer, type TestServer } from "./support.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter } });
});
afterAll(() => server.close());

/** Sends `head` as is over a fresh TCP connection; resolves to the response's status line. */
function rawRequest(head: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(head));
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (received.includes("\r\n")) {
        socket.destroy();
        resolve(received.slice(0, received.indexOf("\r\n")));
      }
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
  });
}

const UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

async function stillServes(): Promise<void> {
  expect((await getPage(server, "/")).status).toBe(200);
}

describe("WebSocket upgrade", () => {
  test("a request target that is not a URL is refused with 400; the server goes on", async () => {
    expect(await rawRequest(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`)).toBe("HTTP/1.1 400 Bad Request");
    expect(server.log.lines).toContain("warn refused a WebSocket upgrade: the request target is not a valid URL");
    await stillServes();
  });
});
