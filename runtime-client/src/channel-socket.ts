/**
 * Phoenix Channels V2 over one WebSocket: JSON frames `[join_ref, ref, topic, event, payload]`,
 * replies matched by ref, heartbeats, and reconnection with backoff.
 */

export type Payload = Record<string, unknown>;
export interface Reply {
  status: "ok" | "error" | "timeout";
  response: Payload;
}
type Frame = [string | null, string | null, string, string, Payload];

/** The reply of a push that got none (it timed out, or the socket is down). */
export const timedOut = (): Reply => ({ status: "timeout", response: {} });

/** Reconnect delays, as phoenix.js: quick at first, then every 5 s. */
export const RECONNECT_AFTER_MS = [10, 50, 100, 150, 200, 250, 500, 1000, 2000];

export interface ChannelSocketOptions {
  /** Query params for the connection (`_csrf_token` among them), read at each connect. */
  params: () => Record<string, string>;
  /** @default 30000 */
  heartbeatIntervalMs?: number;
  /** A reply that does not arrive within this time resolves as a timeout. @default 10000 */
  timeoutMs?: number;
  /** @default RECONNECT_AFTER_MS then 5000 */
  reconnectAfterMs?: (tries: number) => number;
}

export class ChannelSocket {
  #ws: WebSocket | null = null;
  #ref = 0;
  /** Pushes waiting for their reply, by ref; `key` is their topic and join ref. */
  readonly #pending = new Map<string, { resolve: (r: Reply) => void; timer: ReturnType<typeof setTimeout>; key: string }>();
  readonly #handlers = new Map<string, (event: string, payload: Payload) => void>();
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #heartbeatRef: string | null = null;
  #tries = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #closing = false;
  /** Called on every (re)connect: views join again. */
  onOpen: () => void = () => {};
  /** Called when the connection drops: views show it. */
  onClose: () => void = () => {};
  /** Milliseconds each push waits before it is sent, and each message received before it is handled. */
  latency: () => number = () => 0;
  /** Sees each push and each message received on a topic (debug logging). */
  log: (topic: string, kind: string, event: string, payload: Payload) => void = () => {};

  readonly #endpoint: string;
  readonly #options: ChannelSocketOptions;

  constructor(endpoint: string, options: ChannelSocketOptions) {
    this.#endpoint = endpoint;
    this.#options = options;
  }

  get isConnected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    this.#closing = false;
    const url = new URL(`${this.#endpoint.replace(/\/$/, "")}/websocket`, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    for (const [k, v] of Object.entries({ ...this.#options.params(), vsn: "2.0.0" })) url.searchParams.set(k, v);
    const ws = new WebSocket(url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#tries = 0;
      this.#startHeartbeat();
      this.onOpen();
    };
    ws.onmessage = (e) => this.#receive(String(e.data));
    // An error is followed by onclose, which schedules the reconnect.
    ws.onclose = () => this.#dropped(ws);
  }

  /** Closes the connection for good (no reconnect); `done` is called once it is closed. */
  disconnect(done?: () => void): void {
    this.#closing = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return done?.();
    if (done) ws.addEventListener("close", () => done(), { once: true });
    ws.close(1000, "client disconnect");
  }

  /** Server pushes on `topic` (`diff`, `phx_error`, `redirect`, …). */
  on(topic: string, handler: (event: string, payload: Payload) => void): void {
    this.#handlers.set(topic, handler);
  }

  off(topic: string): void {
    this.#handlers.delete(topic);
  }

  /** Sends a message and resolves with its reply (a timeout when none comes, or the socket is down). */
  push(topic: string, event: string, payload: Payload, joinRef: string | null): Promise<Reply> {
    const ref = String(++this.#ref);
    const delay = this.latency();
    if (delay > 0) return new Promise((resolve) => setTimeout(() => resolve(this.#send(ref, topic, event, payload, joinRef)), delay));
    return this.#send(ref, topic, event, payload, joinRef);
  }

  #send(ref: string, topic: string, event: string, payload: Payload, joinRef: string | null): Promise<Reply> {
    if (!this.isConnected) return Promise.resolve(timedOut());
    this.log(topic, "push", event, payload);
    return this.#await(ref, topic + joinRef, JSON.stringify([joinRef, ref, topic, event, payload]));
  }

  /** Sends `frame` and resolves with the reply to `ref`, or a timeout. `key`: its topic and join ref. */
  #await(ref: string, key: string, frame: string | Blob): Promise<Reply> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(ref);
        resolve(timedOut());
      }, this.#options.timeoutMs ?? 10_000);
      this.#pending.set(ref, { resolve, timer, key });
      this.#ws!.send(frame);
    });
  }

  /**
   * Sends bytes as a V2 binary push (an upload's chunk): `[0]`, the lengths of the join ref, ref,
   * topic and event, those strings, then the bytes; resolves with its reply as {@link push} does.
   */
  pushBinary(topic: string, event: string, data: ArrayBuffer, joinRef: string | null): Promise<Reply> {
    const ref = String(++this.#ref);
    if (!this.isConnected) return Promise.resolve(timedOut());
    // A Blob holds the strings as UTF-8; the socket sends it whole, in order with the other pushes.
    const fields = [joinRef ?? "", ref, topic, event].map((f) => new Blob([f]));
    const frame = new Blob([new Uint8Array([0, ...fields.map((f) => f.size)]), ...fields, data]);
    return this.#await(ref, topic + joinRef, frame);
  }

  /** A fresh join ref. */
  nextRef(): string {
    return String(++this.#ref);
  }

  #receive(data: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(data) as Frame;
    } catch {
      return;
    }
    const ref = frame[1];
    if (ref !== null && ref === this.#heartbeatRef) this.#heartbeatRef = null;
    else {
      // Heartbeats are the connection's own and never wait.
      const delay = this.latency();
      if (delay > 0) return void setTimeout(() => this.#handle(frame), delay);
    }
    this.#handle(frame);
  }

  #handle([joinRef, ref, topic, event, payload]: Frame): void {
    if (topic !== "phoenix") this.log(topic, event === "phx_reply" ? "reply" : "receive", event, payload);
    if (event === "phx_reply" && ref !== null) {
      this.#settle(ref, payload as unknown as Reply);
      return;
    }
    // A crashed view answers none of the pushes it was handling (as Phoenix): they end here.
    if (event === "phx_error") {
      for (const [r, waiting] of this.#pending) if (waiting.key === topic + joinRef) this.#settle(r, { status: "error", response: { reason: "view crashed" } });
    }
    this.#handlers.get(topic)?.(event, payload);
  }

  #settle(ref: string, reply: Reply): void {
    const waiting = this.#pending.get(ref);
    if (!waiting) return;
    this.#pending.delete(ref);
    clearTimeout(waiting.timer);
    waiting.resolve(reply);
  }

  #startHeartbeat(): void {
    this.#stopHeartbeat();
    this.#heartbeat = setInterval(() => {
      // No reply to the last heartbeat: the connection is dead even if the socket says open.
      if (this.#heartbeatRef !== null) {
        this.#ws?.close(1000, "heartbeat timeout");
        return;
      }
      this.#heartbeatRef = String(++this.#ref);
      this.#ws?.send(JSON.stringify([null, this.#heartbeatRef, "phoenix", "heartbeat", {}]));
    }, this.#options.heartbeatIntervalMs ?? 30_000);
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    this.#heartbeatRef = null;
  }

  #dropped(ws: WebSocket): void {
    if (ws !== this.#ws) return;
    this.#stopHeartbeat();
    for (const { resolve, timer } of this.#pending.values()) {
      clearTimeout(timer);
      resolve(timedOut());
    }
    this.#pending.clear();
    this.onClose();
    if (this.#closing) return;
    const delay = this.#options.reconnectAfterMs?.(++this.#tries) ?? RECONNECT_AFTER_MS[this.#tries++] ?? 5000;
    this.#reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
