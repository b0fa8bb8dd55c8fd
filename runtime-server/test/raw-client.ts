/**
 * A WebSocket client written on a bare TCP socket, for what `ws` as a client would hide: it does
 * the handshake, sends masked text frames, and reads only when told to, so a test can play a
 * client that stops reading.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import type { Page, TestServer } from "./support.js";

export class RawClient {
  /** Bytes received after the handshake response, unparsed. */
  private received = Buffer.alloc(0);
  private listeners: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      for (const listener of this.listeners.splice(0)) listener();
    });
    socket.on("close", () => {
      this.closed = true;
      for (const listener of this.listeners.splice(0)) listener();
    });
    socket.on("error", () => undefined);
  }

  /** Opens a TCP connection and upgrades it to a WebSocket on the server's socket endpoint. */
  static async connect(server: TestServer, page: Page): Promise<RawClient> {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const client = new RawClient(socket);
    const query = new URLSearchParams({ _csrf_token: page.csrfToken, vsn: "2.0.0" });
    socket.write(
      [
        `GET /live/websocket?${query} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        "Upgrade: websocket",
        "Connection: Upgrade",
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
        "Sec-WebSocket-Version: 13",
        `Cookie: ${page.cookie}`,
        "",
        "",
      ].join("\r\n"),
    );
    await client.until(() => client.received.includes("\r\n\r\n"));
    const end = client.received.indexOf("\r\n\r\n") + 4;
    const head = client.received.subarray(0, end).toString();
    if (!head.startsWith("HTTP/1.1 101")) throw new Error(`upgrade refused: ${head.split("\r\n")[0]}`);
    client.received = client.received.subarray(end);
    return client;
  }

  /** Sends one masked text frame, as every client must. */
  send(text: string): void {
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const length = payload.length;
    const head = length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
    if (length > 0xffff) throw new Error("RawClient sends frames of up to 64 KiB");
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
    this.socket.write(Buffer.concat([head, mask, masked]));
  }

  /** Resolves once `condition` holds, checked whenever bytes arrive or the socket closes. */
  until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting on a raw socket")), timeoutMs);
      const check = () => {
        if (condition()) {
          clearTimeout(timer);
          resolve();
        } else if (this.closed) {
          clearTimeout(timer);
          reject(new Error("the raw socket closed"));
        } else this.listeners.push(check);
      };
      check();
    });
  }

  /** Whether the bytes received so far contain `text` (frames are not parsed). */
  saw(text: string): boolean {
    return this.received.includes(text);
  }

  /** Stops reading: what the server sends piles up in the kernel's buffers, then in the server's. */
  stopReading(): void {
    this.socket.pause();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The headers of a WebSocket upgrade request, for requests written by hand. */
export const UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

/** Sends `head` as is over a fresh TCP connection to `url`'s port; resolves to the response's status line. */
export function rawRequest(url: string, head: string): Promise<string> {
  const { port } = new URL(url);
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
