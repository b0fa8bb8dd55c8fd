/**
 * The wire side of uploads, per connection: the `allow_upload` preflight and `progress` events
 * of a view, and the `lvu:<entry ref>` channels the client joins on the same WebSocket with the
 * preflight's token to send an entry's bytes, as Phoenix Channels V2 binary pushes
 * (`[kind 0][join ref, ref, topic, event lengths][those strings][payload]`).
 *
 * Memory stays flat whatever the client sends: a chunk is written (and awaited) before it is
 * answered, the official client sends the next one only then, and an upload with more than
 * {@link MAX_CHUNKS_IN_FLIGHT} chunks waiting is ended. No entry takes more bytes than it
 * announced, and that is at most its config's `maxFileSize`.
 */
import type { Logger } from "./context.js";
import { RejectedInput, type Response, type ViewInstance } from "./instance.js";
import { PHX_CLOSE, PHX_JOIN, PHX_LEAVE, reply, type Message } from "./protocol.js";
import { signToken, verifyToken } from "./session.js";
import { existingUploads, TempFileWriter, type EntryChannel, type SocketUploads, type UploadWriter } from "./upload.js";

/** An upload ends when more of its chunks than this wait to be written. */
export const MAX_CHUNKS_IN_FLIGHT = 4;
/** Room kept in `maxPayload` for a chunk frame's header. */
export const CHUNK_HEADER_ROOM = 1024;
/** How long an upload token is valid, in seconds. */
const TOKEN_MAX_AGE = 60 * 60;

interface UploadToken {
  kind: "upload";
  /** The view's topic. */
  view: string;
  /** The config's ref and the entry's. */
  ref: string;
  entry: string;
  /** The live component whose socket allowed the upload, if not the view's. */
  cid?: number;
}

/** A binary push, decoded. */
export interface BinaryPush {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Buffer;
}

/** Decodes a V2 binary push; `null` for anything else (another kind, lengths past the end). */
export function decodeBinaryPush(data: Buffer): BinaryPush | null {
  if (data.length < 5 || data[0] !== 0) return null;
  const lengths = [data[1]!, data[2]!, data[3]!, data[4]!];
  let offset = 5;
  const fields: string[] = [];
  for (const length of lengths) {
    if (offset + length > data.length) return null;
    fields.push(data.toString("utf8", offset, offset + length));
    offset += length;
  }
  const [joinRef, ref, topic, event] = fields as [string, string, string, string];
  if (topic === "" || event === "") return null;
  return { joinRef: joinRef === "" ? null : joinRef, ref: ref === "" ? null : ref, topic, event, payload: data.subarray(offset) };
}

/** What the upload channels need from their connection. */
export interface UploadHost {
  readonly secret: string;
  readonly log: Logger;
  readonly maxPayload: number;
  /** Sends a frame if the connection is open; never throws. */
  send(message: Message): void;
  /** The view joined on `topic` on this connection. */
  view(topic: string): ViewInstance | undefined;
}

/** The upload channels of one connection. */
export class UploadChannels {
  private readonly channels = new Map<string, Channel>();

  constructor(readonly host: UploadHost) {}

  /** Upload channels open, for tests. */
  get size(): number {
    return this.channels.size;
  }

  /** A text frame on an `lvu:` topic: a join or a leave. */
  message(message: Message): void {
    if (message.event === PHX_JOIN) return this.join(message);
    const channel = this.channels.get(message.topic);
    if (message.event === PHX_LEAVE && channel) {
      void channel.stop("the client left");
      this.host.send(reply(message, "ok", {}));
      return;
    }
    this.host.send(reply(message, "error", { reason: channel ? `unknown event ${message.event}` : "unmatched topic" }));
  }

  /** A binary frame: a chunk of an entry. False for a frame that is no binary push at all. */
  binary(data: Buffer): boolean {
    const push = decodeBinaryPush(data);
    if (!push) return false;
    const message: Message = { joinRef: push.joinRef, ref: push.ref, topic: push.topic, event: push.event, payload: {} };
    const channel = this.channels.get(push.topic);
    if (!channel || push.event !== "chunk") {
      this.host.send(reply(message, "error", { reason: channel ? `unknown event ${push.event}` : "unmatched topic" }));
      return true;
    }
    channel.chunk(message, push.payload);
    return true;
  }

  /** The connection closed: every upload ends, its files removed. */
  closeAll(): void {
    for (const channel of [...this.channels.values()]) void channel.stop("the connection closed", false);
  }

  /** @internal */
  forget(channel: Channel): void {
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
  }

  private join(message: Message): void {
    const payload = message.payload as { token?: unknown };
    const refuse = (reason: string, why: string) => {
      this.host.log.warn(`refused upload join of ${message.topic}: ${why}`);
      this.host.send(reply(message, "error", { reason }));
    };
    const token = verifyToken<UploadToken>(this.host.secret, payload.token);
    if (!token.ok || token.payload?.kind !== "upload" || `lvu:${token.payload.entry}` !== message.topic) {
      return refuse("invalid_token", token.ok ? "the token is another entry's" : `the token is ${token.reason}`);
    }
    const { view: viewTopic, ref, entry: entryRef } = token.payload;
    if (this.channels.has(message.topic)) return refuse("already_registered", "the entry is being uploaded");
    const cid = token.payload.cid;
    const instance = this.host.view(viewTopic);
    const socket = !instance?.isAlive ? null : cid === undefined ? instance.socket : instance.engine.components.socketOf(cid);
    const uploads = socket ? existingUploads(socket) : null;
    const name = uploads?.refs.get(ref);
    const state = name === undefined ? undefined : uploads!.configs.get(name);
    if (!instance || !uploads || !state) return refuse("disallowed", "its view or upload is gone");
    const registered = uploads.register(state, entryRef);
    if (!registered.ok) return refuse(registered.reason, `the entry is ${registered.reason}`);
    let writer: UploadWriter;
    try {
      writer = state.options.writer ? state.options.writer(state.config.name, registered.entry, socket as never) : new TempFileWriter(registered.entry);
      if (!writer || typeof writer.write !== "function" || typeof writer.close !== "function" || typeof writer.meta !== "function") {
        throw new TypeError("the writer must have write, close and meta");
      }
    } catch (error) {
      this.host.log.error(`upload "${state.config.name}": its writer failed`, error);
      void instance.withUploads(() => uploads.fail(state, entryRef, "writer_failure"), true, cid).catch(() => undefined);
      return this.host.send(reply(message, "error", { reason: "writer_error" }));
    }
    const chunkSize = Math.min(state.config.chunkSize, Math.max(1, this.host.maxPayload - CHUNK_HEADER_ROOM));
    const limits = { size: registered.entry.clientSize, chunkSize, chunkTimeout: state.config.chunkTimeout };
    const channel = new Channel(this, message.topic, message.joinRef, instance, cid, uploads, state.config.ref, entryRef, limits, writer);
    uploads.attach(state, entryRef, channel);
    this.channels.set(message.topic, channel);
    this.host.send(reply(message, "ok", {}));
    if (registered.entry.clientSize === 0) void channel.finish();
  }
}

/** The token the preflight gives an entry: its view, config and ref, signed. */
export function uploadToken(secret: string, viewTopic: string, configRef: string, entryRef: string, cid?: number): string {
  const payload: UploadToken = { kind: "upload", view: viewTopic, ref: configRef, entry: entryRef, ...(cid === undefined ? {} : { cid }) };
  return signToken(secret, payload, { maxAgeSeconds: TOKEN_MAX_AGE });
}

/** One entry's upload channel. */
class Channel implements EntryChannel {
  received = 0;
  complete = false;
  private ended = false;
  private inFlight = 0;
  private queue: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly channels: UploadChannels,
    readonly topic: string,
    private readonly joinRef: string | null,
    private readonly instance: ViewInstance,
    private readonly cid: number | undefined,
    private readonly uploads: SocketUploads,
    private readonly configRef: string,
    private readonly entryRef: string,
    private readonly limits: { size: number; chunkSize: number; chunkTimeout: number },
    readonly writer: UploadWriter,
  ) {
    this.arm();
  }

  private get size(): number {
    return this.limits.size;
  }

  chunk(message: Message, payload: Buffer): void {
    if (this.ended || this.complete) {
      this.channels.host.send(reply(message, "error", { reason: this.complete ? "the upload is complete" : "unmatched topic" }));
      return;
    }
    // The preflight told the client its chunk size (lowered to what a frame may hold).
    if (payload.length > this.limits.chunkSize) {
      this.channels.host.log.warn(`ending upload ${this.topic}: a chunk of ${payload.length} bytes, more than the ${this.limits.chunkSize} of chunkSize`);
      this.channels.host.send(reply(message, "error", { reason: "chunk_size_exceeded", limit: this.limits.chunkSize }));
      void this.fail("too_large");
      return;
    }
    if (++this.inFlight > MAX_CHUNKS_IN_FLIGHT) {
      this.channels.host.log.warn(`ending upload ${this.topic}: more than ${MAX_CHUNKS_IN_FLIGHT} chunks wait to be written`);
      this.channels.host.send(reply(message, "error", { reason: "too many chunks in flight" }));
      void this.stop("too many chunks in flight");
      return;
    }
    this.queue = this.queue.then(() => this.write(message, payload));
  }

  private async write(message: Message, payload: Buffer): Promise<void> {
    this.inFlight--;
    if (this.ended) return;
    this.arm();
    if (this.received + payload.length > this.size) {
      this.channels.host.log.warn(`ending upload ${this.topic}: more bytes than the ${this.size} announced`);
      this.channels.host.send(reply(message, "error", { reason: "file_size_limit_exceeded", limit: this.size }));
      await this.fail("too_large");
      return;
    }
    try {
      await this.writer.write(payload);
    } catch (error) {
      this.channels.host.log.error(`upload ${this.topic}: its writer failed`, error);
      this.channels.host.send(reply(message, "error", { reason: "writer_error" }));
      await this.fail("writer_failure", error);
      return;
    }
    this.received += payload.length;
    if (this.received === this.size && !(await this.finish())) {
      this.channels.host.send(reply(message, "error", { reason: "writer_error" }));
      return;
    }
    this.channels.host.send(reply(message, "ok", {}));
  }

  /** Every byte arrived: the writer closes with `"done"`; false when that failed. */
  async finish(): Promise<boolean> {
    this.disarm();
    try {
      await this.writer.close("done");
    } catch (error) {
      this.channels.host.log.error(`upload ${this.topic}: its writer failed to close`, error);
      await this.fail("writer_failure", error, true);
      return false;
    }
    this.complete = true;
    return true;
  }

  /** The entry stays, with its error; the channel ends. */
  private async fail(error: "too_large" | "writer_failure", cause?: unknown, closed = false): Promise<void> {
    const state = this.state();
    await this.end(closed ? "closed" : { error: cause ?? error });
    if (state) await this.instance.withUploads(() => this.uploads.fail(state, this.entryRef, error), true, this.cid).catch(() => undefined);
  }

  /** The channel ends before its entry was consumed (a timeout, a leave, the connection gone): the entry goes too. */
  async stop(why: string, tell = true): Promise<void> {
    if (this.ended) return;
    this.channels.host.log.info(`upload ${this.topic} ended: ${why}`);
    const state = this.state();
    await this.end(undefined, tell);
    if (state && this.instance.isAlive) await this.instance.withUploads(() => this.uploads.detach(state, this.entryRef, this), true, this.cid).catch(() => undefined);
  }

  /** @internal (EntryChannel) Ends the channel: the writer closed unless it completed, then disposed; the client told. */
  async end(reason: "closed" | { error: unknown } = { error: "cancelled" }, tell = true): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.disarm();
    this.channels.forget(this);
    if (tell) this.channels.host.send({ joinRef: this.joinRef, ref: this.joinRef, topic: this.topic, event: PHX_CLOSE, payload: {} });
    try {
      if (!this.complete && reason !== "closed") await this.writer.close(isCancel(reason) ? "cancel" : reason);
      await this.writer.dispose?.();
    } catch (error) {
      this.channels.host.log.error(`upload ${this.topic}: its writer failed to close`, error);
    }
  }

  private state() {
    const name = this.uploads.refs.get(this.configRef);
    return name === undefined ? undefined : this.uploads.configs.get(name);
  }

  private arm(): void {
    this.disarm();
    const ms = this.limits.chunkTimeout;
    this.timer = setTimeout(() => void this.stop(`no chunk for ${ms} ms (chunkTimeout)`), ms);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function isCancel(reason: { error: unknown }): boolean {
  return reason.error === "cancelled";
}

/**
 * The view's `allow_upload` event: the announced entries are added (validated), then the
 * preflight answers with the client's config and a token (or an external uploader's metadata)
 * per entry that may be sent now, or the errors.
 */
export async function allowUpload(instance: ViewInstance, viewTopic: string, host: UploadHost, payload: Record<string, unknown>): Promise<Response> {
  const cid = cidOf(payload);
  return instance.withUploads(async (socket, call) => {
    const uploads = existingUploads(socket);
    if (!uploads) throw new RejectedInput("this view allowed no uploads");
    const state = uploads.byRef(payload.ref);
    if (!Array.isArray(payload.entries)) throw new RejectedInput("allow_upload needs entries");
    const { ok } = uploads.putEntries(state, payload.entries);
    if (!ok) return { ref: state.config.ref, error: state.config.errors.map(([ref, error]) => [ref, error]) };
    const refs = (payload.entries as { ref?: unknown }[]).map((e) => String(e.ref));
    const maxChunk = Math.max(1, host.maxPayload - CHUNK_HEADER_ROOM);
    return uploads.preflight(state, refs, (entryRef) => uploadToken(host.secret, viewTopic, state.config.ref, entryRef, cid), maxChunk, call);
  }, false, cid);
}

/** The view's `progress` event of an entry; the config's `progress` callback runs after it. */
export async function uploadProgress(instance: ViewInstance, payload: Record<string, unknown>): Promise<Response> {
  const cid = cidOf(payload);
  return instance.withUploads(async (socket, call) => {
    const uploads = existingUploads(socket);
    if (!uploads) throw new RejectedInput("this view allowed no uploads");
    const state = uploads.byRef(payload.ref);
    const entry = uploads.progress(state, payload.entry_ref, payload.progress);
    if (entry && state.options.progress) {
      await call(`progress of upload "${state.config.name}"`, () => state.options.progress!(state.config.name, entry, socket as never));
    }
    return {};
  }, false, cid);
}

/** The live component a message names (`cid`), if any; anything but a whole number is refused. */
function cidOf(payload: Record<string, unknown>): number | undefined {
  const cid = payload.cid;
  if (cid === undefined || cid === null) return undefined;
  if (typeof cid !== "number" || !Number.isSafeInteger(cid)) throw new RejectedInput("cid must be a whole number");
  return cid;
}

/** A form event's `uploads` (`{ [config ref]: entries }`), added before its handler runs. */
export function putEventUploads(uploads: unknown): ((socket: ViewInstance["socket"]) => void) | undefined {
  if (uploads === undefined || uploads === null) return undefined;
  return (socket) => {
    if (typeof uploads !== "object" || Array.isArray(uploads)) throw new RejectedInput("an event's uploads must be an object");
    const socketUploads = existingUploads(socket);
    for (const [ref, entries] of Object.entries(uploads)) {
      // Stale refs (an input still rendered after disallowUpload) are passed over, as in Phoenix.
      const name = socketUploads?.refs.get(ref);
      const state = name === undefined ? undefined : socketUploads!.configs.get(name);
      if (state) socketUploads!.putEntries(state, entries);
    }
  };
}
