/**
 * Requests a hostile client can make before any WebSocket: a request target or Host header that
 * `new URL` cannot parse is refused with 400, and the server goes on serving.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Counter from "./views/counter.tsx";
import { getPage, startServer, type TestServer } from "./support.js";
import { rawRequest as sendRaw, UPGRADE } from "./raw-client.js";

const rawRequest = (head: string, url = server.url) => sendRaw(url, head);

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Counter, "/posts/:id": Counter } });
});
afterAll(() => server.close());


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

describe("HTTP render", () => {
  test.each([
    ["a Host header that is no host", "GET / HTTP/1.1\r\nHost: [\r\n\r\n", "the Host header is not a valid host"],
    ["an absolute-form target that is no URL", "GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "the request target is not a valid URL"],
  ])("%s is refused with 400; the server goes on", async (_name, head, why) => {
    expect(await rawRequest(head)).toBe("HTTP/1.1 400 Bad Request");
    expect(server.log.lines).toContain(`warn refused an HTTP request: ${why}`);
    await stillServes();
  });

  test("a bad Host header on a path that is no live route goes to next", async () => {
    expect(await rawRequest("GET /elsewhere HTTP/1.1\r\nHost: [\r\n\r\n")).toBe("HTTP/1.1 404 Not Found");
    await stillServes();
  });

  test("a valid absolute-form target renders the live route it names", async () => {
    expect(await rawRequest("GET http://example.test/posts/7 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).toBe("HTTP/1.1 200 OK");
  });

  test("the handler never rejects, even when next throws: the request gets a 500 and a log line", async () => {
    const outcomes: string[] = [];
    const http = createServer((req, res) => {
      server.live.handler(req, res, () => {
        throw new Error("next broke");
      }).then(
        () => outcomes.push("resolved"),
        (error: Error) => outcomes.push(`rejected: ${error.message}`),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      expect(await rawRequest("GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", url)).toBe("HTTP/1.1 500 Internal Server Error");
      await expect.poll(() => outcomes).toEqual(["resolved"]);
      expect(server.log.lines).toContain("error HTTP GET /elsewhere failed: next broke");
    } finally {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
