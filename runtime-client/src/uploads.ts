/**
 * Uploads, as the official client does them: files chosen in (or dropped on the
 * `phx-drop-target` of) a `<LiveFileInput>` are announced with the form's change event
 * (`uploads`), preflighted with `allow_upload` on submit (or at once with `autoUpload`), then each
 * is sent over its own `lvu:<ref>` channel of the same socket in binary chunks, one awaited at a
 * time, with a `progress` event after each percent. An entry the server no longer lists in the
 * input's `data-phx-active-refs` (cancelled) stops. An external entry goes to the uploader the
 * server names, from the `uploaders` option, with the official client's contract. A form with
 * `phx-target={myself}` uploads to its live component (`cid` on every message). When the
 * connection drops, uploads stop and the uploaders' `onViewError` callbacks run; the view mounts
 * afresh on the reconnect, tracked files are forgotten and the user chooses them again, as with
 * the official client.
 */
import type { ChannelSocket, Payload, Reply } from "./channel-socket.js";
import { serializeForm, targetComponent, wearLoading } from "./bindings.js";

/** An entry handed to an external uploader: what the official client's upload entry offers it. */
export interface ExternalEntry {
  readonly file: File;
  readonly ref: string;
  /** The file input the entry was chosen in. */
  readonly fileEl: HTMLInputElement;
  /** What the server's `external` callback returned (`{ uploader, url, … }`). */
  readonly meta: Record<string, unknown>;
  /** {@link meta}, as a method. */
  metadata(): Record<string, unknown>;
  /** Reports progress, 0 to 100 (fractions are floored, only rises are sent); 100 makes the entry done. */
  progress(percent: number): void;
  /** Reports a failure: the entry gets `external_client_failure`. */
  error(reason?: string): void;
  /** `callback` runs when the entry is cancelled (the server no longer lists it), at once if it was. */
  onCancel(callback: () => void): void;
  isCancelled(): boolean;
  isDone(): boolean;
}

/**
 * `uploaders: { S3(entries, onViewError) { … } }`: runs the entries the server gave it;
 * `onViewError(callback)` registers what to do when the view goes away meanwhile (abort).
 */
export type ExternalUploader = (entries: ExternalEntry[], onViewError: (callback: () => void) => void) => void;

/** What uploads need from the view of an element. */
export interface UploadView {
  readonly joined: boolean;
  /** Pushes an event on the view's topic; the reply's diff is applied. */
  pushRaw(event: string, payload: Payload): Promise<Reply>;
}

export interface UploadsHost {
  readonly socket: ChannelSocket;
  viewOf(el: Element): UploadView | null;
  readonly uploaders: Record<string, ExternalUploader>;
}

const UPLOAD_INPUT = 'input[type="file"][data-phx-upload-ref]';
const DROP_ACTIVE = "phx-drop-target-active";

let nextFileRef = 0;
const fileRefs = new WeakMap<File, string>();

function refOf(file: File): string {
  let ref = fileRefs.get(file);
  if (ref === undefined) fileRefs.set(file, (ref = String(nextFileRef++)));
  return ref;
}

/** The files of one input, for one config ref (a rejoin's new ref forgets them). */
interface Tracked {
  configRef: string;
  files: File[];
  /** Refs preflighted or being preflighted. */
  started: Set<string>;
  /** Refs the server has heard of in a change: once it no longer lists one (cancelled), it goes. */
  announced: Set<string>;
  /** Uploads not finished yet. */
  running: Set<Promise<void>>;
}

/** Wears `phx-<kind>-loading` on `els` while `work` runs, as the bindings' events do until their reply. */
function loading<T>(kind: string, els: Element[], work: () => Promise<T>): Promise<T> {
  return work().finally(wearLoading(kind, els));
}

/** The refs of the entries the server lists for an input. */
const listedRefs = (input: HTMLInputElement) => (input.getAttribute("data-phx-active-refs") ?? "").split(",");

export class Uploads {
  /** Per drop zone, the drag's enters not yet matched by a leave. */
  readonly #drags = new WeakMap<Element, number>();
  readonly #tracked = new WeakMap<HTMLInputElement, Tracked>();
  readonly #previews = new Map<string, string>();
  readonly #cleanups: (() => void)[] = [];
  #observer: MutationObserver | null = null;
  /** What uploaders asked to run when the view goes away (`onViewError`); run once, on a drop. */
  #viewErrors = new Set<() => void>();
  /** Cancel callbacks of external entries, by input, run when the server stops listing them. */
  readonly #cancels = new Map<HTMLInputElement, Map<string, () => void>>();

  readonly #host: UploadsHost;

  constructor(host: UploadsHost) {
    this.#host = host;
  }

  install(): void {
    const listen = (type: string, fn: (e: Event) => void, capture = false) => {
      document.addEventListener(type, fn, capture);
      this.#cleanups.push(() => document.removeEventListener(type, fn, capture));
    };
    // Capture: ahead of the form bindings, which would send the change without its files.
    listen("change", (e) => this.#onChange(e), true);
    listen("submit", (e) => this.#onSubmit(e as SubmitEvent), true);
    listen("dragover", (e) => {
      if (dropZone(e.target)) e.preventDefault();
    });
    // Entering a child is a dragenter there before the zone's own dragleave (whose relatedTarget
    // some browsers leave null): the zone stays active while the enters outnumber the leaves.
    listen("dragenter", (e) => {
      const zone = dropZone(e.target);
      if (!zone) return;
      this.#drags.set(zone, (this.#drags.get(zone) ?? 0) + 1);
      zone.classList.add(DROP_ACTIVE);
    });
    listen("dragleave", (e) => {
      const zone = dropZone(e.target);
      const left = zone ? (this.#drags.get(zone) ?? 1) - 1 : 0;
      if (zone) this.#drags.set(zone, left);
      if (zone && left <= 0) zone.classList.remove(DROP_ACTIVE);
    });
    listen("drop", (e) => this.#onDrop(e as DragEvent));
    // A hook's upload/uploadTo.
    listen("track-uploads", (e) => {
      const input = e.target;
      if (!(input instanceof HTMLInputElement) || !input.matches(UPLOAD_INPUT)) return;
      const given = (e as CustomEvent<{ files?: ArrayLike<unknown> }>).detail?.files ?? [];
      this.#track(input, Array.from(given).filter((f): f is File => f instanceof Blob));
      void this.#announce(input);
    });
    this.#observer = new MutationObserver(() => {
      this.#fillPreviews();
      this.#checkCancelled();
      this.#dropRequired();
    });
    this.#observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["src", "data-phx-active-refs", "required"] });
  }

  uninstall(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#observer?.disconnect();
  }

  /** The connection dropped: the views are gone on the server, so are their uploads. */
  disconnected(): void {
    const callbacks = [...this.#viewErrors];
    this.#viewErrors.clear();
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        console.error("[livetsx] onViewError", error);
      }
    }
  }

  /** External entries the server no longer lists were cancelled: their uploaders are told. */
  #checkCancelled(): void {
    for (const [input, callbacks] of this.#cancels) {
      const listed = listedRefs(input);
      for (const [ref, callback] of callbacks) {
        if (input.isConnected && listed.includes(ref)) continue;
        callbacks.delete(ref);
        callback();
      }
      if (callbacks.size === 0) this.#cancels.delete(input);
    }
  }

  /** The files of an input still listed by the server (or not announced yet). */
  #state(input: HTMLInputElement): Tracked {
    const configRef = input.getAttribute("data-phx-upload-ref") ?? "";
    let tracked = this.#tracked.get(input);
    if (!tracked || tracked.configRef !== configRef) {
      tracked = { configRef, files: [], started: new Set(), announced: new Set(), running: new Set() };
      this.#tracked.set(input, tracked);
    }
    return tracked;
  }

  #track(input: HTMLInputElement, files: File[]): void {
    const tracked = this.#state(input);
    const chosen = files.filter((f) => f.size > 0);
    if (input.multiple) tracked.files.push(...chosen.filter((f) => !tracked.files.includes(f)));
    else tracked.files = chosen.slice(0, 1);
  }

  #onChange(e: Event): void {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.matches(UPLOAD_INPUT)) return;
    e.stopImmediatePropagation();
    this.#track(input, Array.from(input.files ?? []));
    this.#dropRequired();
    void this.#announce(input);
  }

  /**
   * A `required` upload input that has files (tracked, or entries the server lists) loses the
   * attribute, as Phoenix's upload hook does: the browser would refuse the submit otherwise,
   * since the files are the client's and not always the input's own.
   */
  #dropRequired(): void {
    for (const input of document.querySelectorAll<HTMLInputElement>(`${UPLOAD_INPUT}[required]`)) {
      if (this.#state(input).files.length || input.getAttribute("data-phx-active-refs") || input.getAttribute("data-phx-error-refs")) input.removeAttribute("required");
    }
  }

  #onDrop(e: DragEvent): void {
    const zone = dropZone(e.target);
    if (!zone) return;
    e.preventDefault();
    zone.classList.remove(DROP_ACTIVE);
    this.#drags.delete(zone);
    const input = document.getElementById(zone.getAttribute("phx-drop-target") ?? "");
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (!(input instanceof HTMLInputElement) || !input.matches(UPLOAD_INPUT) || input.disabled || files.length === 0) return;
    this.#track(input, files);
    void this.#announce(input);
  }

  /** The form's change event, with the files of the input; with autoUpload, the upload starts. */
  async #announce(input: HTMLInputElement): Promise<void> {
    const form = input.form;
    const view = this.#host.viewOf(input);
    if (!form || !view) return;
    const event = input.getAttribute("phx-change") ?? form.getAttribute("phx-change");
    if (event) {
      // Only these are announced by this change: a file tracked meanwhile (a hook's next `upload`)
      // goes out with a later change, whose reply lists it; taken as announced now, it would be
      // dropped as cancelled by the next look at the refs the server lists, which lack it.
      const files = [...this.#active(input)];
      const uploads = { [this.#state(input).configRef]: files.map((file) => entryOf(input, file)) };
      const reply = await loading("change", [input, form], () => view.pushRaw("event", { type: "form", event, value: serializeForm(form), meta: { _target: input.name }, uploads, ...cidOf(form) }));
      if (reply.status !== "ok") return;
      for (const file of files) this.#state(input).announced.add(refOf(file));
    }
    if (input.hasAttribute("data-phx-auto-upload")) await this.#upload(input, view);
  }

  /** Tracked files the server still lists (or has not heard of). */
  #active(input: HTMLInputElement): File[] {
    const tracked = this.#state(input);
    const listed = listedRefs(input);
    tracked.files = tracked.files.filter((f) => listed.includes(refOf(f)) || !(tracked.started.has(refOf(f)) || tracked.announced.has(refOf(f))));
    return tracked.files;
  }

  /** A submit waits for the form's uploads (preflighting those not started), then goes out. */
  #onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const inputs = Array.from(form.querySelectorAll<HTMLInputElement>(UPLOAD_INPUT));
    const pending = inputs.filter((input) => this.#active(input).some((f) => !this.#state(input).started.has(refOf(f))) || this.#state(input).running.size > 0);
    // An upload with errors (as the server lists them) cancels the submit, as Phoenix.
    const invalid = inputs.some((input) => (input.getAttribute("data-phx-error-refs") ?? "") !== "");
    if (pending.length === 0 && !invalid) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (invalid) return;
    const view = this.#host.viewOf(form);
    const event = form.getAttribute("phx-submit");
    if (!view || !event) return;
    void loading("submit", [form], () =>
      Promise.all(pending.map((input) => this.#upload(input, view))).then(async (ok) => {
        if (ok.every(Boolean)) await view.pushRaw("event", { type: "form", event, value: serializeForm(form, e.submitter), ...cidOf(form) });
      }),
    );
  }

  /** Preflights the input's new files and sends them; resolves true once every one is done. */
  async #upload(input: HTMLInputElement, view: UploadView): Promise<boolean> {
    const tracked = this.#state(input);
    const fresh = this.#active(input).filter((f) => !tracked.started.has(refOf(f)));
    if (fresh.length > 0) {
      for (const file of fresh) tracked.started.add(refOf(file));
      const reply = await view.pushRaw("allow_upload", { ref: tracked.configRef, entries: fresh.map((f) => entryOf(input, f)), ...cidOf(input) });
      const response = reply.response as { error?: unknown; entries?: Record<string, unknown>; config?: { chunk_size: number } };
      if (reply.status !== "ok" || response.error || !response.entries) {
        for (const file of fresh) tracked.started.delete(refOf(file));
        if (!input.hasAttribute("data-phx-auto-upload")) tracked.files = [];
        return false;
      }
      const external = new Map<string, ExternalEntry[]>();
      for (const file of fresh) {
        const ref = refOf(file);
        const meta = response.entries[ref];
        if (meta === undefined) continue;
        let finished!: () => void;
        const running = new Promise<void>((resolve) => (finished = resolve)).finally(() => tracked.running.delete(running));
        tracked.running.add(running);
        if (typeof meta === "object" && meta !== null && typeof (meta as { uploader?: unknown }).uploader === "string") {
          const name = (meta as { uploader: string }).uploader;
          const list = external.get(name) ?? [];
          list.push(this.#externalEntry(input, view, tracked.configRef, file, meta as Record<string, unknown>, finished));
          external.set(name, list);
        } else {
          void this.#sendChunks(input, view, tracked.configRef, file, String(meta), response.config?.chunk_size ?? 64_000).finally(finished);
        }
      }
      for (const [name, entries] of external) {
        const uploader = this.#host.uploaders[name];
        if (!uploader) {
          console.error(`[livetsx] no uploader "${name}"`);
          for (const entry of entries) entry.error("missing uploader");
          continue;
        }
        // Kept while the entries run: once they are all done, the view's end no longer concerns them.
        const mine: (() => void)[] = [];
        const running = [...tracked.running];
        void Promise.all(running).then(() => {
          for (const callback of mine) this.#viewErrors.delete(callback);
        });
        try {
          uploader(entries, (callback) => {
            mine.push(callback);
            this.#viewErrors.add(callback);
          });
        } catch (error) {
          console.error(`[livetsx] uploader "${name}"`, error);
          for (const entry of entries) entry.error("uploader failed");
        }
      }
    }
    await Promise.all([...tracked.running]);
    return true;
  }

  #externalEntry(input: HTMLInputElement, view: UploadView, configRef: string, file: File, meta: Record<string, unknown>, finished: () => void): ExternalEntry {
    let sent = -1;
    let done = false;
    let cancelled = false;
    let onCancel: (() => void) | null = null;
    const ref = refOf(file);
    const progress = reporter(input, view, configRef, ref);
    const callbacks = this.#cancels.get(input) ?? new Map<string, () => void>();
    this.#cancels.set(input, callbacks);
    callbacks.set(ref, () => {
      if (done) return;
      cancelled = done = true;
      finished();
      onCancel?.();
    });
    return {
      file,
      ref,
      fileEl: input,
      meta,
      metadata: () => meta,
      progress: (percent) => {
        const p = Math.min(100, Math.floor(percent));
        if (done || !(p > sent)) return;
        sent = p;
        if (p === 100) done = true;
        void progress(p).then(() => {
          if (p === 100) {
            callbacks.delete(ref);
            finished();
          }
        });
      },
      error: (reason = "failed") => {
        if (done) return;
        done = true;
        callbacks.delete(ref);
        void progress({ error: reason });
        finished();
      },
      onCancel: (callback) => {
        if (cancelled) callback();
        else onCancel = callback;
      },
      isCancelled: () => cancelled,
      isDone: () => done,
    };
  }

  /** One entry over its `lvu:` channel: a chunk at a time, each answered before the next. */
  async #sendChunks(input: HTMLInputElement, view: UploadView, configRef: string, file: File, token: string, chunkSize: number): Promise<void> {
    const socket = this.#host.socket;
    const ref = refOf(file);
    const topic = `lvu:${ref}`;
    const joinRef = socket.nextRef();
    let closed = false;
    socket.on(topic, (event) => {
      if (event === "phx_close" || event === "phx_error") closed = true;
    });
    const progress = reporter(input, view, configRef, ref);
    try {
      const joined = await socket.push(topic, "phx_join", { token }, joinRef);
      if (joined.status !== "ok") {
        await progress({ error: String(joined.response.reason ?? "failed") });
        return;
      }
      let offset = 0;
      let sent = 0;
      while (offset < file.size) {
        // Cancelled on the server, or the view is gone (a reconnect mounts it afresh).
        if (closed || !input.isConnected || !listedRefs(input).includes(ref) || !view.joined) return;
        const chunk = await file.slice(offset, offset + chunkSize).arrayBuffer();
        const reply = await socket.pushBinary(topic, "chunk", chunk, joinRef);
        if (reply.status !== "ok") {
          // A writer's failure is the server's to record (writer_failure), as with the official client.
          if (reply.status === "error" && reply.response.reason !== "writer_error") await progress({ error: String(reply.response.reason ?? "failed") });
          return;
        }
        offset += chunk.byteLength;
        const percent = Math.floor((offset * 100) / file.size);
        if (percent > sent) {
          sent = percent;
          await progress(percent);
        }
      }
    } finally {
      if (closed) socket.off(topic);
    }
  }

  /** `<LiveImgPreview>`: the image shows the selected file before it is uploaded. */
  #fillPreviews(): void {
    for (const img of Array.from(document.querySelectorAll<HTMLImageElement>('img[data-phx-hook="Phoenix.LiveImgPreview"]'))) {
      const ref = img.getAttribute("data-phx-entry-ref") ?? "";
      const input = document.getElementById(img.getAttribute("data-phx-upload-ref") ?? "");
      if (!(input instanceof HTMLInputElement)) continue;
      const file = this.#state(input).files.find((f) => refOf(f) === ref);
      if (!file) continue;
      const key = `${input.id}:${ref}`;
      let url = this.#previews.get(key);
      if (!url) this.#previews.set(key, (url = URL.createObjectURL(file)));
      if (img.getAttribute("src") !== url) img.setAttribute("src", url);
    }
    // Previews of entries no longer shown are released.
    for (const [key, url] of this.#previews) {
      const ref = key.slice(key.indexOf(":") + 1);
      if (!document.querySelector(`img[data-phx-entry-ref="${CSS.escape(ref)}"]`)) {
        URL.revokeObjectURL(url);
        this.#previews.delete(key);
      }
    }
  }
}

/** Sends an entry's `progress` event: a percentage, or `{ error }`. */
function reporter(input: HTMLInputElement, view: UploadView, configRef: string, ref: string) {
  return (value: number | { error: string }) =>
    view.pushRaw("progress", { event: input.getAttribute("phx-progress"), ref: configRef, entry_ref: ref, progress: value, ...cidOf(input) });
}

function entryOf(input: HTMLInputElement, file: File): Payload {
  return {
    path: input.name,
    ref: refOf(file),
    last_modified: file.lastModified,
    name: file.name || refOf(file),
    relative_path: file.webkitRelativePath,
    type: file.type,
    size: file.size,
  };
}

/** `{ cid }` when the element's form targets a live component (`phx-target`), as its events do. */
function cidOf(el: HTMLInputElement | HTMLFormElement): { cid?: number } {
  const cid = targetComponent(el instanceof HTMLFormElement ? el : (el.form ?? el));
  return cid === undefined ? {} : { cid };
}

function dropZone(target: EventTarget | null): HTMLElement | null {
  const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  return el?.closest<HTMLElement>("[phx-drop-target]") ?? null;
}
