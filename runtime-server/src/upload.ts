/**
 * Uploads, as Phoenix LiveView 1.2 models them: `socket.allowUpload(name, options)` puts an
 * upload config in `assigns.uploads[name]`; the client announces the files it selected (a form
 * event's `uploads`, then the `allow_upload` preflight), each valid entry gets a signed token and
 * is sent over an `lvu:<entry ref>` channel of the same WebSocket in binary chunks (see
 * `upload-channel.ts`), and `progress` events move its progress. What the view renders of a
 * config is a fresh, frozen object after every change, so the normal change tracking carries
 * entries, progress and errors to the page.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { LiveSocket } from "./socket.js";
import { RejectedInput } from "./instance.js";

/** Why an entry (or, for `too_many_files`, the whole config) is refused. */
export type UploadError =
  /** The file is larger than `maxFileSize` (announced, or as sent). */
  | "too_large"
  /** More entries than `maxEntries`; the error is the config's (its ref), not an entry's. */
  | "too_many_files"
  /** Neither the file's type nor its extension is in `accept`. */
  | "not_accepted"
  /** An external uploader on the client reported a failure. */
  | "external_client_failure"
  /** The `external` callback refused the entry (`{ error }`). */
  | "external_metadata_failure"
  /** The writer threw while the file was written. */
  | "writer_failure";

/** One selected file, as the view sees it. A new object whenever something about it changes. */
export interface UploadEntry {
  /** The client's ref of the file, unique within the config. */
  readonly ref: string;
  /** The ref of the config it belongs to. */
  readonly uploadRef: string;
  /** The config's name. */
  readonly uploadConfig: string;
  /** A random UUID for a valid entry (a name for the stored file), null for an invalid one. */
  readonly uuid: string | null;
  /** 0 to 100. */
  readonly progress: number;
  readonly preflighted: boolean;
  /** Every byte arrived (or, external, the uploader reported 100). */
  readonly done: boolean;
  readonly cancelled: boolean;
  /** Within the config's limits and `accept`. */
  readonly valid: boolean;
  /** What the client says of the file: its name, size in bytes, MIME type, last change, path in a dropped folder. */
  readonly clientName: string;
  readonly clientSize: number;
  readonly clientType: string;
  readonly clientLastModified: number | null;
  readonly clientRelativePath: string;
  readonly clientMeta: unknown;
}

/** `assigns.uploads[name]`: one allowed upload, rendered with `<LiveFileInput upload={…} />`. */
export interface UploadConfig {
  readonly name: string;
  /** A random id, also the file input's id. */
  readonly ref: string;
  /** `"any"`, or the accepted extensions (`.png`) and MIME types (`image/png`, `image/*`). */
  readonly accept: "any" | readonly string[];
  readonly maxEntries: number;
  readonly maxFileSize: number;
  readonly chunkSize: number;
  readonly chunkTimeout: number;
  readonly autoUpload: boolean;
  /** Whether entries go to an external uploader rather than over the WebSocket. */
  readonly external: boolean;
  /** False after `disallowUpload`. */
  readonly allowed: boolean;
  readonly entries: readonly UploadEntry[];
  /** `[entry ref or config ref, error]`, in the order they happened. */
  readonly errors: readonly (readonly [string, UploadError])[];
}

/** `assigns.uploads`: every allowed upload of the view, by name. */
export type Uploads = Readonly<Record<string, UploadConfig>>;

/**
 * Where an entry's bytes go. The default writes a temporary file; a custom writer can stream
 * elsewhere. `write` is awaited before the client is told to send the next chunk, so a writer
 * that is slow slows the upload rather than fill the memory.
 */
export interface UploadWriter {
  write(chunk: Buffer): void | Promise<void>;
  /** The upload ended: every byte arrived (`"done"`), it was cancelled or the view went away (`"cancel"`), or it failed. */
  close(reason: "done" | "cancel" | { error: unknown }): void | Promise<void>;
  /** What `consumeUploadedEntries` hands the callback (the default writer: `{ path }`). */
  meta(): Record<string, unknown>;
  /** After the entry was consumed, or cancelled once closed: drop what is left (the default writer removes its file). */
  dispose?(): void | Promise<void>;
}

/** What an `external` callback returns: the client's uploader by name, and what it needs (a presigned URL). */
export type ExternalUpload = { uploader: string; [key: string]: unknown } | { error: Record<string, unknown> };

export interface AllowUploadOptions<Assigns extends object = Record<string, unknown>> {
  /** `"any"` (default), or extensions (`".csv"`) and MIME types (`"image/png"`, `"image/*"`). */
  accept?: "any" | readonly string[];
  /** @default 1 */
  maxEntries?: number;
  /** Bytes. @default 8_000_000 */
  maxFileSize?: number;
  /**
   * Bytes per binary frame. At most the server's `maxPayload` less 1 KiB (for the frame's
   * header): a larger value is lowered to that. @default 64_000
   */
  chunkSize?: number;
  /** How long an upload may wait for its next chunk before it is dropped, in ms. @default 10_000 */
  chunkTimeout?: number;
  /** Upload as soon as files are selected, rather than on the form's submit. @default false */
  autoUpload?: boolean;
  /** Runs after each progress event of an entry (and when it fails). */
  progress?: (name: string, entry: UploadEntry, socket: LiveSocket<Assigns>) => unknown;
  /** A writer per entry, instead of a temporary file. */
  writer?: (name: string, entry: UploadEntry, socket: LiveSocket<Assigns>) => UploadWriter;
  /** Uploads to elsewhere: per valid entry, the client uploader's name and metadata, or `{ error }`. */
  external?: (entry: UploadEntry, socket: LiveSocket<Assigns>) => ExternalUpload | Promise<ExternalUpload>;
}

export const DEFAULT_MAX_ENTRIES = 1;
export const DEFAULT_MAX_FILE_SIZE = 8_000_000;
export const DEFAULT_CHUNK_SIZE = 64_000;
export const DEFAULT_CHUNK_TIMEOUT = 10_000;
/**
 * Entries kept for one config beyond `maxEntries` (they render with `too_many_files`): more
 * announced than that are dropped, so a client cannot grow the view's state without bound.
 */
export const MAX_EXTRA_ENTRIES = 100;
/** The longest entry ref or file name a client may announce, in characters. */
export const MAX_CLIENT_STRING = 1024;

/** A consume callback's value that keeps the entry (and its file) for later. */
export class Postponed<T> {
  constructor(readonly value: T) {
    (this as unknown as Record<symbol, boolean>)[Symbol.for("livetsx.postponed")] = true;
  }
}

/** Returned from a consume callback: the entry is not consumed, its file stays. */
export function postpone<T>(value: T): Postponed<T> {
  return new Postponed(value);
}

/** What an entry's bytes need from its upload channel (see `upload-channel.ts`). */
export interface EntryChannel {
  /** Every byte arrived and the writer closed. */
  readonly complete: boolean;
  readonly received: number;
  readonly writer: UploadWriter;
  /** Ends the channel: the writer closed with `"cancel"` unless it completed, disposed, the client told (`phx_close`). */
  end(): Promise<void>;
}

type EntryStatus = "unregistered" | "invalid" | "failed" | EntryChannel;

interface ConfigState {
  options: AllowUploadOptions<any>;
  config: UploadConfig;
  status: Map<string, EntryStatus>;
  /** External uploads: the metadata each entry was given. */
  metas: Map<string, Record<string, unknown>>;
}

/** The uploads of one socket (a view's), kept beside it. */
export class SocketUploads {
  readonly configs = new Map<string, ConfigState>();
  readonly refs = new Map<string, string>();
  private exitRegistered = false;

  constructor(readonly socket: LiveSocket<any>) {}

  allow(name: string, options: AllowUploadOptions<any>): void {
    if (typeof name !== "string" || name === "") throw new TypeError("allowUpload: the name must be a non-empty string");
    const existing = this.configs.get(name);
    if (existing && existing.config.entries.length > 0) {
      throw new Error(`allowUpload("${name}"): the upload has entries; consume or cancel them first`);
    }
    const config: UploadConfig = {
      name,
      ref: `phx-${randomBytes(9).toString("base64url")}`,
      accept: acceptOption(options.accept),
      maxEntries: positive("maxEntries", options.maxEntries, DEFAULT_MAX_ENTRIES),
      maxFileSize: positive("maxFileSize", options.maxFileSize, DEFAULT_MAX_FILE_SIZE),
      chunkSize: positive("chunkSize", options.chunkSize, DEFAULT_CHUNK_SIZE),
      chunkTimeout: positive("chunkTimeout", options.chunkTimeout, DEFAULT_CHUNK_TIMEOUT),
      autoUpload: options.autoUpload === true,
      external: typeof options.external === "function",
      allowed: true,
      entries: [],
      errors: [],
    };
    if (existing) this.refs.delete(existing.config.ref);
    this.configs.set(name, { options, config, status: new Map(), metas: new Map() });
    this.refs.set(config.ref, name);
    this.publish();
    this.watchExit();
  }

  disallow(name: string): void {
    const state = this.require("disallowUpload", name);
    if (state.config.entries.length > 0) throw new Error(`disallowUpload("${name}"): the upload has entries; consume or cancel them first`);
    this.refs.delete(state.config.ref);
    this.set(state, { ...state.config, allowed: false });
  }

  /** Removes an entry; one being uploaded is stopped and its file removed. */
  async cancel(name: string, entryRef: string): Promise<void> {
    const state = this.require("cancelUpload", name);
    if (!state.config.entries.some((e) => e.ref === entryRef)) throw new Error(`cancelUpload: no entry "${entryRef}" in upload "${name}"`);
    const status = state.status.get(entryRef);
    this.drop(state, entryRef);
    if (typeof status === "object") await status.end();
  }

  /** The state of the config with `ref`, for the protocol; a ref the view does not know is refused. */
  byRef(ref: unknown): ConfigState {
    const name = typeof ref === "string" ? this.refs.get(ref) : undefined;
    const state = name === undefined ? undefined : this.configs.get(name);
    if (!state) throw new RejectedInput(`no upload with ref ${JSON.stringify(String(ref)).slice(0, 80)} in this view`);
    return state;
  }

  require(call: string, name: string): ConfigState {
    const state = this.configs.get(name);
    if (!state) throw new Error(`${call}: no upload "${name}" was allowed (socket.allowUpload)`);
    return state;
  }

  /** Entries the client announced (a form event's `uploads`, a preflight): validated and added. */
  putEntries(state: ConfigState, raw: unknown): { ok: boolean } {
    if (!state.config.allowed) throw new RejectedInput(`upload "${state.config.name}" is not allowed`);
    if (!Array.isArray(raw)) throw new RejectedInput("upload entries must be a list");
    let config = state.config;
    const announced = raw.map(clientEntry);
    // One entry allowed and a new one chosen: it replaces the old one.
    if (config.maxEntries === 1 && announced.length === 1 && !config.entries.some((e) => e.ref === announced[0]!.ref)) {
      for (const entry of config.entries) {
        const status = state.status.get(entry.ref);
        if (typeof status === "object") void status.end();
        state.status.delete(entry.ref);
        state.metas.delete(entry.ref);
      }
      config = { ...config, entries: [], errors: config.errors.filter(([ref]) => ref === config.ref) };
    }
    const entries = [...config.entries];
    const errors = [...config.errors];
    for (const client of announced) {
      if (entries.some((e) => e.ref === client.ref)) continue;
      if (entries.length >= config.maxEntries + MAX_EXTRA_ENTRIES) break;
      const reason = client.size > config.maxFileSize ? "too_large" : accepted(config, client) ? null : "not_accepted";
      entries.push(
        Object.freeze({
          ref: client.ref,
          uploadRef: config.ref,
          uploadConfig: config.name,
          uuid: reason ? null : randomUUID(),
          progress: 0,
          preflighted: false,
          done: false,
          cancelled: false,
          valid: reason === null,
          clientName: client.name,
          clientSize: client.size,
          clientType: client.type,
          clientLastModified: client.lastModified,
          clientRelativePath: client.relativePath,
          clientMeta: client.meta,
        }),
      );
      state.status.set(client.ref, reason ? "invalid" : "unregistered");
      if (reason) errors.push([client.ref, reason]);
    }
    const next = withTooMany({ ...config, entries, errors });
    this.set(state, next);
    // As Phoenix: with autoUpload the valid entries go ahead beside the invalid ones.
    return { ok: next.autoUpload || next.errors.length === 0 };
  }

  /**
   * The preflight's reply: the client's config, and for each announced entry that may be
   * uploaded now (valid, within `maxEntries`, not preflighted before) a token, or an uploader's
   * metadata when external; errors for the others.
   */
  async preflight(
    state: ConfigState,
    refs: readonly string[],
    sign: (entryRef: string) => string,
    maxChunk: number,
    call: <T>(name: string, run: () => T) => T | Promise<Awaited<T>>,
  ): Promise<Record<string, unknown>> {
    let config = state.config;
    const clientConfig = {
      max_file_size: config.maxFileSize,
      max_entries: config.maxEntries,
      chunk_size: Math.min(config.chunkSize, maxChunk),
      chunk_timeout: config.chunkTimeout,
    };
    const chosen = config.entries.filter((e, i) => refs.includes(e.ref) && i < config.maxEntries && !e.preflighted).map((e) => e.ref);
    config = { ...config, entries: config.entries.map((e) => (chosen.includes(e.ref) ? Object.freeze({ ...e, preflighted: true }) : e)) };
    this.set(state, config);
    const entries: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    for (const entry of config.entries) {
      if (!chosen.includes(entry.ref)) continue;
      if (!entry.valid) {
        errors[entry.ref] = config.errors.filter(([ref]) => ref === entry.ref).map(([, e]) => e);
        continue;
      }
      if (!state.options.external) {
        entries[entry.ref] = sign(entry.ref);
        continue;
      }
      const meta: unknown = await call(`external of upload "${config.name}"`, () => state.options.external!(entry, this.socket));
      if (isObject(meta) && typeof (meta as { uploader?: unknown }).uploader !== "string" && isObject((meta as { error?: unknown }).error)) {
        const error = (meta as { error: Record<string, unknown> }).error;
        this.fail(state, entry.ref, "external_metadata_failure");
        errors[entry.ref] = [error];
        if (!config.autoUpload) return { ref: config.ref, error: [[entry.ref, error]] };
        continue;
      }
      if (!isObject(meta) || typeof (meta as { uploader?: unknown }).uploader !== "string") {
        throw new TypeError(`the external callback of upload "${config.name}" must return { uploader: "Name", … } or { error: {…} }`);
      }
      state.metas.set(entry.ref, meta as Record<string, unknown>);
      entries[entry.ref] = meta;
    }
    return { ref: config.ref, config: clientConfig, entries, errors };
  }

  /** A `progress` event: 0 to 100, or `{ error }` from an external uploader. */
  progress(state: ConfigState, entryRef: unknown, progress: unknown): UploadEntry | null {
    const entry = state.config.entries.find((e) => e.ref === entryRef);
    if (!entry) return null;
    if (isObject(progress) && typeof (progress as { error?: unknown }).error === "string") {
      if (state.config.external) this.fail(state, entry.ref, "external_client_failure");
      return this.entry(state, entry.ref);
    }
    if (typeof progress !== "number" || !Number.isInteger(progress) || progress < 0 || progress > 100) {
      throw new RejectedInput("upload progress must be an integer from 0 to 100");
    }
    let value = progress;
    let done = progress === 100;
    const status = state.status.get(entry.ref);
    if (!state.config.external) {
      // What arrived, not what the client claims: no entry is done before its last byte.
      const channel = typeof status === "object" ? status : null;
      const received = channel ? Math.floor((channel.received * 100) / Math.max(1, entry.clientSize)) : 0;
      value = Math.min(value, channel?.complete ? 100 : Math.min(99, received));
      done = done && channel !== null && channel.complete;
    }
    if (entry.done || value < entry.progress) return entry;
    this.replaceEntry(state, { ...entry, progress: value, done });
    return this.entry(state, entry.ref);
  }

  /** The lvu channel of a preflighted entry joins. */
  register(state: ConfigState, entryRef: unknown): { ok: true; entry: UploadEntry } | { ok: false; reason: string } {
    const ref = typeof entryRef === "string" ? entryRef : "";
    const status = state.status.get(ref);
    const entry = state.config.entries.find((e) => e.ref === ref);
    if (!entry || status === undefined || status === "invalid" || status === "failed" || !entry.preflighted) return { ok: false, reason: "disallowed" };
    if (status !== "unregistered") return { ok: false, reason: "already_registered" };
    return { ok: true, entry };
  }

  attach(state: ConfigState, entryRef: string, channel: EntryChannel): void {
    state.status.set(entryRef, channel);
  }

  /** The channel of an entry ended before its entry was consumed (chunk timeout, a leave): the entry goes, as in Phoenix. */
  detach(state: ConfigState, entryRef: string, channel: EntryChannel): void {
    if (state.status.get(entryRef) !== channel) return;
    this.drop(state, entryRef);
  }

  /** An entry failed while being written: kept with its error (cancel removes it). */
  fail(state: ConfigState, entryRef: string, error: UploadError): void {
    if (!state.config.entries.some((e) => e.ref === entryRef)) return;
    state.status.set(entryRef, "failed");
    const errors = state.config.errors.filter(([ref, e]) => !(ref === entryRef && e === error));
    this.set(state, { ...state.config, errors: [...errors, [entryRef, error]] });
  }

  entry(state: ConfigState, ref: string): UploadEntry | null {
    return state.config.entries.find((e) => e.ref === ref) ?? null;
  }

  statusOf(state: ConfigState, ref: string): EntryStatus | undefined {
    return state.status.get(ref);
  }

  drop(state: ConfigState, entryRef: string): void {
    state.status.delete(entryRef);
    state.metas.delete(entryRef);
    const config = state.config;
    this.set(
      state,
      withTooMany({
        ...config,
        entries: config.entries.filter((e) => e.ref !== entryRef),
        errors: config.errors.filter(([ref]) => ref !== entryRef),
      }),
    );
  }

  private replaceEntry(state: ConfigState, entry: UploadEntry): void {
    this.set(state, { ...state.config, entries: state.config.entries.map((e) => (e.ref === entry.ref ? Object.freeze(entry) : e)) });
  }

  private set(state: ConfigState, config: UploadConfig): void {
    state.config = Object.freeze({ ...config, entries: Object.freeze([...config.entries]), errors: Object.freeze([...config.errors]) });
    this.publish();
  }

  /** `assigns.uploads`: a new object of the configs as they are now. */
  private publish(): void {
    const uploads: Record<string, UploadConfig> = {};
    for (const [name, state] of this.configs) uploads[name] = state.config;
    (this.socket as LiveSocket<{ uploads: Uploads }>).assign("uploads", Object.freeze(uploads));
  }

  /** When the view goes, every upload of it ends and its files are removed. */
  private watchExit(): void {
    if (this.exitRegistered) return;
    const host = (this.socket as { owner?: { onExit(cleanup: () => void): () => void } | null }).owner;
    if (!host) return;
    this.exitRegistered = true;
    host.onExit(() => this.endAll());
  }

  /** @internal The socket's view or live component is gone: every upload ends, its files removed. */
  endAll(): void {
    for (const state of this.configs.values()) {
      for (const status of state.status.values()) if (typeof status === "object") void status.end();
      state.status.clear();
    }
  }

  /** Consumes done entries: `fn` gets the writer's meta (a temporary file's `{ path }`) or the external metadata. */
  async consume<T>(state: ConfigState, entries: readonly UploadEntry[], fn: (meta: Record<string, unknown>, entry: UploadEntry) => T | Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (const entry of entries) {
      const status = state.status.get(entry.ref);
      const meta = state.config.external ? state.metas.get(entry.ref) : typeof status === "object" && status.complete ? status.writer.meta() : undefined;
      if (!meta) continue;
      let result: T | Postponed<T>;
      try {
        result = await fn(meta, entry);
      } catch (error) {
        // A callback that fails still consumes the entry, so that its file does not stay behind.
        this.drop(state, entry.ref);
        if (typeof status === "object") await status.end();
        throw error;
      }
      if (isPostponed(result)) {
        results.push(result.value as T);
        continue;
      }
      this.drop(state, entry.ref);
      if (typeof status === "object") await status.end();
      results.push(result);
    }
    return results;
  }
}

/**
 * The uploads of each socket. Shared through the global symbol registry: a view's module may see
 * another copy of this package than the server that runs it (Vite's SSR loader), and both must
 * find the same uploads.
 */
const uploadsBySocket: WeakMap<object, SocketUploads> = ((globalThis as Record<symbol, unknown>)[Symbol.for("livetsx.uploads")] ??=
  new WeakMap()) as WeakMap<object, SocketUploads>;

/** Marks a {@link Postponed} value whichever copy of the package made it. */
const POSTPONED = Symbol.for("livetsx.postponed");

function isPostponed(value: unknown): value is Postponed<unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[POSTPONED] === true;
}

/** @internal The uploads kept for `socket`, made on first use. */
export function uploadsOf(socket: object): SocketUploads {
  let uploads = uploadsBySocket.get(socket);
  if (!uploads) uploadsBySocket.set(socket, (uploads = new SocketUploads(socket as LiveSocket<any>)));
  return uploads;
}

/** @internal The uploads of `socket`, or null when it allowed none. */
export function existingUploads(socket: object): SocketUploads | null {
  return uploadsBySocket.get(socket) ?? null;
}

/** The entries of an upload, done and still in progress. */
export function uploadedEntries(socket: LiveSocket<any>, name: string): { done: UploadEntry[]; inProgress: UploadEntry[] } {
  const state = existingUploads(socket)?.configs.get(name);
  const entries = state?.config.entries ?? [];
  return { done: entries.filter((e) => e.done), inProgress: entries.filter((e) => !e.done) };
}

/**
 * Hands every done entry of the upload to `fn` (`{ path }` of its temporary file, a custom
 * writer's `meta()`, or the external metadata), then removes the entry and its file, unless `fn`
 * returns `postpone(value)`. Resolves to what `fn` returned, in order.
 * @throws when entries are still in progress, or no upload of that name was allowed
 */
export async function consumeUploadedEntries<T>(
  socket: LiveSocket<any>,
  name: string,
  fn: (meta: Record<string, unknown>, entry: UploadEntry) => T | Promise<T>,
): Promise<Awaited<Exclude<T, Postponed<unknown>>>[] | any[]> {
  const uploads = uploadsOf(socket);
  const state = uploads.require("consumeUploadedEntries", name);
  const { done, inProgress } = uploadedEntries(socket, name);
  if (inProgress.some((e) => e.valid)) throw new Error(`consumeUploadedEntries("${name}"): entries are still in progress`);
  return uploads.consume(state, done, fn);
}

/** {@link consumeUploadedEntries} for one done entry. */
export async function consumeUploadedEntry<T>(
  socket: LiveSocket<any>,
  entry: UploadEntry,
  fn: (meta: Record<string, unknown>, entry: UploadEntry) => T | Promise<T>,
): Promise<T | undefined> {
  if (!entry.done) throw new Error(`consumeUploadedEntry: entry "${entry.ref}" is still in progress`);
  const uploads = uploadsOf(socket);
  const state = uploads.require("consumeUploadedEntry", entry.uploadConfig);
  const [result] = await uploads.consume(state, [entry], fn);
  return result;
}

/** The errors of a config (`too_many_files`), or of one of its entries. */
export function uploadErrors(config: UploadConfig, entry?: UploadEntry): UploadError[] {
  const ref = entry ? entry.ref : config.ref;
  return config.errors.filter(([r]) => r === ref).map(([, e]) => e);
}

function withTooMany(config: UploadConfig): UploadConfig {
  const errors = config.errors.filter(([ref, e]) => !(ref === config.ref && e === "too_many_files"));
  if (config.entries.length > config.maxEntries) errors.push([config.ref, "too_many_files"]);
  return { ...config, errors };
}

interface ClientEntry {
  ref: string;
  name: string;
  size: number;
  type: string;
  lastModified: number | null;
  relativePath: string;
  meta: unknown;
}

/** An entry as the client announced it; anything malformed refuses the message. */
function clientEntry(raw: unknown): ClientEntry {
  if (!isObject(raw)) throw new RejectedInput("an upload entry must be an object");
  const e = raw as Record<string, unknown>;
  const ref = clientString(e.ref, "ref");
  if (ref === "") throw new RejectedInput("an upload entry needs a ref");
  const size = e.size;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) throw new RejectedInput("an upload entry's size must be a whole number of bytes");
  return {
    ref,
    name: clientString(e.name ?? ref, "name"),
    size,
    type: clientString(e.type ?? "", "type"),
    lastModified: typeof e.last_modified === "number" && Number.isFinite(e.last_modified) ? e.last_modified : null,
    relativePath: clientString(e.relative_path ?? "", "relative_path"),
    meta: e.meta ?? null,
  };
}

function clientString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length > MAX_CLIENT_STRING) throw new RejectedInput(`an upload entry's ${field} must be a string of at most ${MAX_CLIENT_STRING} characters`);
  return value;
}

function accepted(config: UploadConfig, entry: ClientEntry): boolean {
  if (config.accept === "any") return true;
  const type = entry.type.toLowerCase();
  for (const wildcard of ["image/*", "audio/*", "video/*"]) {
    if (config.accept.includes(wildcard) && type.startsWith(wildcard.slice(0, -1))) return true;
  }
  if (config.accept.includes(type)) return true;
  const ext = extname(entry.name).toLowerCase();
  return ext !== "" && config.accept.includes(ext);
}

function acceptOption(accept: AllowUploadOptions["accept"]): UploadConfig["accept"] {
  if (accept === undefined || accept === "any") return "any";
  if (!Array.isArray(accept) || accept.length === 0) throw new TypeError('allowUpload: accept must be "any" or a non-empty list of extensions and MIME types');
  return Object.freeze(
    accept.map((a: unknown) => {
      if (typeof a !== "string" || !(/^\.[\w-]+$/.test(a) || /^[\w.+-]+\/(\*|[\w.+-]+)$/.test(a))) {
        throw new TypeError(`allowUpload: ${JSON.stringify(a)} is no extension (".png") or MIME type ("image/png", "image/*")`);
      }
      return a.toLowerCase();
    }),
  );
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw new TypeError(`allowUpload: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The folder of this process's temporary upload files, made on first use, removed at exit. */
let uploadDir: string | null = null;

function uploadFolder(): string {
  if (uploadDir) return uploadDir;
  uploadDir = mkdtempSync(join(tmpdir(), "livetsx-uploads-"));
  const dir = uploadDir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The default writer: a temporary file, removed when its entry is consumed or cancelled, or the view goes. */
export class TempFileWriter implements UploadWriter {
  readonly path: string;
  private handle: Promise<FileHandle> | null = null;
  private closed = false;

  constructor(entry: UploadEntry) {
    this.path = join(uploadFolder(), `${entry.uuid ?? randomUUID()}`);
  }

  async write(chunk: Buffer): Promise<void> {
    const handle = await (this.handle ??= open(this.path, "wx", 0o600));
    await handle.write(chunk);
  }

  async close(reason: "done" | "cancel" | { error: unknown }): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const handle = await (this.handle ??= open(this.path, "wx", 0o600));
    await handle.close();
    if (reason !== "done") await this.dispose();
  }

  meta(): Record<string, unknown> {
    return { path: this.path };
  }

  async dispose(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
