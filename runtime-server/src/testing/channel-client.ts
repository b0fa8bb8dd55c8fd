/**
 * The client's end of the Phoenix Channels V2 protocol over a real `ws` WebSocket: numbered
 * refs, replies matched to their requests, and the server's pushes handed to a listener in the
 * order they arrived.
 */
import type { WebSocket } from "ws";

/** A frame as it travels: `[joinRef, ref, topic, event, payload]`. */
export type Frame = [string | null, string | null, string, string, Record<string, unknown>];

/** A reply's payload. */
export interface Reply {
  status: "ok" | "error";
  response: Record<string, unknown>;
}

export class ChannelClient {
  private ref = 0;
  private readonly waiting = new Map<string, { topic: string; resolve: (reply: Reply) => void }>();
  /** Every frame received, in order (pushes and replies). */
  readonly received: Frame[] = [];
  /** Every frame sent but heartbeats, in order. */
  readonly sent: Frame[] = [];
  /** The text of the last frame received, as it came off the wire. */
  lastRaw = "";
  closed = false;
  /** Resolves once the connection has closed. */
  readonly whenClosed: Promise<void>;
  private onClosed!: () => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly onPush: (frame: Frame) => void,
  ) {
    this.whenClosed = new Promise((resolve) => (this.onClosed = resolve));
    ws.on("message", (data) => {
      const raw = data.toString();
      this.lastRaw = raw;
      const frame = JSON.parse(raw) as Frame;
      this.received.push(frame);
      if (frame[3] === "phx_reply" && frame[1] !== null) {
        const waiting = this.waiting.get(frame[1]);
        this.waiting.delete(frame[1]);
        waiting?.resolve(frame[4] as unknown as Reply);
      } else {
        this.onPush(frame);
        if (frame[3] === "phx_error") this.crashed(frame[2]);
      }
    });
    ws.on("close", () => {
      this.closed = true;
      for (const { resolve } of this.waiting.values()) resolve({ status: "error", response: { reason: "the connection closed" } });
      this.waiting.clear();
      this.onClosed();
    });
  }

  /**
   * The view on `topic` crashed: as Phoenix, the server does not answer the message whose
   * callback crashed it (the client rejoins instead), so what is in flight on it ends here.
   */
  private crashed(topic: string): void {
    for (const [ref, waiting] of this.waiting) {
      if (waiting.topic !== topic) continue;
      this.waiting.delete(ref);
      waiting.resolve({ status: "error", response: { reason: "view crashed" } });
    }
  }

  /** A fresh ref, as the client numbers its messages. */
  nextRef(): string {
    return String(++this.ref);
  }

  /** Sends a frame and resolves to its reply. */
  request(topic: string, event: string, payload: Record<string, unknown>, joinRef: string | null, ref = this.nextRef()): Promise<Reply> {
    if (this.closed) return Promise.resolve({ status: "error", response: { reason: "the connection closed" } });
    const reply = new Promise<Reply>((resolve) => this.waiting.set(ref, { topic, resolve }));
    const frame: Frame = [joinRef, ref, topic, event, payload];
    if (event !== "heartbeat") this.sent.push(frame);
    this.ws.send(JSON.stringify(frame));
    return reply;
  }

  /**
   * Sends bytes as a V2 binary push (an upload's chunk: `[0]`, the lengths of the join ref, ref,
   * topic and event, those strings, the bytes) and resolves to its reply.
   */
  requestBinary(topic: string, event: string, bytes: Uint8Array, joinRef: string | null): Promise<Reply> {
    if (this.closed) return Promise.resolve({ status: "error", response: { reason: "the connection closed" } });
    const ref = this.nextRef();
    const reply = new Promise<Reply>((resolve) => this.waiting.set(ref, { topic, resolve }));
    const fields = [joinRef ?? "", ref, topic, event].map((f) => Buffer.from(f));
    this.ws.send(Buffer.concat([Buffer.from([0, ...fields.map((f) => f.length)]), ...fields, bytes]));
    return reply;
  }

  /** A heartbeat round trip: every frame the server sent before its reply has arrived. */
  async roundTrip(): Promise<void> {
    await this.request("phoenix", "heartbeat", {}, null);
  }

  /** Requests still waiting for their reply. */
  get outstanding(): number {
    return this.waiting.size;
  }

  close(): void {
    this.ws.close();
  }
}
