/**
 * Uploads driven from a view test, as Phoenix's LiveViewTest drives them with `file_input` and
 * `render_upload`, in an API of our own: `view.fileInput(form, name, files)` names the files
 * chosen in a form's `<LiveFileInput>`; `select()` announces them with the form's `phx-change`
 * (the server validates them there: errors render at once); `renderUpload(file, percent)`
 * preflights them (`allow_upload`), joins the entry's upload channel with its token and sends
 * its bytes in the preflight's chunk size, each chunk answered before the next, with a `progress`
 * event after each, up to `percent` of the file, exactly what the official client sends. An
 * external entry (the `external` callback named an uploader) sends only the progress events, as
 * the client's uploader would report them.
 */
import type { ChannelClient, Reply } from "./channel-client.js";
import type { ActionResult } from "./navigation.js";
import type { PageElement } from "./page.js";

/** A file chosen in a test. */
export interface FileSpec {
  name: string;
  /** The file's bytes (a string is UTF-8). */
  content: string | Uint8Array;
  /** MIME type. @default "" */
  type?: string;
  /** @default 0 */
  lastModified?: number;
  /** The path within a dropped folder. @default "" */
  relativePath?: string;
}

/** What a file input needs from its view (see `TestView.fileInput`). @internal */
export interface UploadHost {
  readonly client: ChannelClient;
  /** The one element `selector` matches (or a clear error), checked the view has not crashed. */
  one(action: string, selector: string): PageElement;
  /** The component a form's events go to. */
  target(el: PageElement): number | undefined;
  /** The form's fields as its change event sends them. */
  formValue(form: PageElement, target: string): string;
  /** Sends `event` on the view's topic; the reply merged (an error reply throws). */
  request(action: string, event: string, payload: Record<string, unknown>): Promise<{ reply: Reply; result: ActionResult }>;
}

interface Entry {
  spec: FileSpec;
  ref: string;
  bytes: Buffer;
  /** The preflight's token, or an external uploader's metadata. */
  meta: unknown;
  joinRef: string | null;
  sent: number;
  progress: number;
}

let nextRef = 0;

export class FileInput {
  private readonly entries: Entry[];
  private announced = false;
  private chunkSize = 0;

  /** @internal */
  constructor(
    private readonly host: UploadHost,
    private readonly formSelector: string,
    readonly name: string,
    files: readonly FileSpec[],
  ) {
    if (!Array.isArray(files) || files.length === 0) throw new TypeError(`fileInput(${JSON.stringify(formSelector)}, ${JSON.stringify(name)}): give at least one file`);
    this.entries = files.map((spec) => ({
      spec,
      ref: String(nextRef++),
      bytes: Buffer.from(typeof spec.content === "string" ? Buffer.from(spec.content, "utf8") : spec.content),
      meta: undefined,
      joinRef: null,
      sent: 0,
      progress: 0,
    }));
  }

  /** The entry refs the server knows the files by, by file name. */
  get refs(): Record<string, string> {
    return Object.fromEntries(this.entries.map((e) => [e.spec.name, e.ref]));
  }

  /** Announces the files with the form's `phx-change`, as choosing them does; the reply's diff shows their entries (and errors). */
  async select(): Promise<ActionResult> {
    const action = this.action("select()");
    const { form, input, uploadRef, cid } = this.locate(action);
    const event = input.getAttribute("phx-change") ?? form.getAttribute("phx-change");
    if (!event) throw new Error(`${action}: the form has no phx-change, which announces the files (the official client needs it too)`);
    const uploads = { [uploadRef]: this.entries.map((e) => this.payload(e)) };
    const { result } = await this.host.request(action, "event", {
      type: "form",
      event,
      value: this.host.formValue(form, this.name),
      meta: { _target: this.name },
      uploads,
      ...(cid === undefined ? {} : { cid }),
    });
    this.announced = true;
    return result;
  }

  /**
   * Sends `percent` (0–100) of the file named `fileName`: announced and preflighted first if they
   * were not. Resolves to the last progress event's result.
   * @throws when the server refuses the entry (its errors named), a chunk, or the channel's join
   */
  async renderUpload(fileName: string, percent = 100): Promise<ActionResult> {
    const action = this.action(`renderUpload(${JSON.stringify(fileName)}, ${percent})`);
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`${action}: percent must be a whole number from 0 to 100`);
    const entry = this.entries.find((e) => e.spec.name === fileName);
    if (!entry) throw new Error(`${action}: no file named ${JSON.stringify(fileName)} (the files: ${this.entries.map((e) => JSON.stringify(e.spec.name)).join(", ")})`);
    if (!this.announced) await this.select();
    if (entry.meta === undefined) await this.preflight(action, entry);
    const { uploadRef, cid } = this.locate(action);
    const progress = async (value: number): Promise<ActionResult> => {
      entry.progress = value;
      const payload = { event: null, ref: uploadRef, entry_ref: entry.ref, progress: value, ...(cid === undefined ? {} : { cid }) };
      return (await this.host.request(action, "progress", payload)).result;
    };
    const isExternal = typeof entry.meta === "object" && entry.meta !== null;
    if (isExternal) return percent > entry.progress ? progress(percent) : { diff: null, sent: false };
    const target = Math.floor((entry.bytes.length * percent) / 100);
    const topic = `lvu:${entry.ref}`;
    if (entry.joinRef === null) {
      const joinRef = this.host.client.nextRef();
      const joined = await this.host.client.request(topic, "phx_join", { token: entry.meta }, joinRef, joinRef);
      if (joined.status !== "ok") throw new Error(`${action}: the upload channel refused the join: ${String(joined.response.reason)}`);
      entry.joinRef = joinRef;
    }
    let result: ActionResult = { diff: null, sent: false };
    while (entry.sent < target || (entry.bytes.length === 0 && entry.progress < percent)) {
      const chunk = entry.bytes.subarray(entry.sent, Math.min(target, entry.sent + this.chunkSize));
      if (chunk.length > 0) {
        const reply = await this.host.client.requestBinary(topic, "chunk", chunk, entry.joinRef);
        if (reply.status !== "ok") throw new Error(`${action}: the server refused a chunk: ${String(reply.response.reason)}`);
        entry.sent += chunk.length;
      }
      const value = entry.bytes.length === 0 ? percent : Math.floor((entry.sent * 100) / entry.bytes.length);
      if (value > entry.progress) result = await progress(value);
      if (chunk.length === 0) break;
    }
    return result;
  }

  private async preflight(action: string, entry: Entry): Promise<void> {
    const { uploadRef, cid } = this.locate(action);
    const pending = this.entries.filter((e) => e.meta === undefined);
    const { reply } = await this.host.request(action, "allow_upload", {
      ref: uploadRef,
      entries: pending.map((e) => this.payload(e)),
      ...(cid === undefined ? {} : { cid }),
    });
    const response = reply.response as { error?: [string, unknown][]; entries?: Record<string, unknown>; errors?: Record<string, unknown>; config?: { chunk_size?: number } };
    if (response.error) throw new Error(`${action}: the server refused the upload: ${JSON.stringify(response.error)}`);
    this.chunkSize = response.config?.chunk_size ?? 64_000;
    for (const e of pending) if (response.entries?.[e.ref] !== undefined) e.meta = response.entries[e.ref];
    if (entry.meta === undefined) throw new Error(`${action}: the server gave the file no token: ${JSON.stringify(response.errors?.[entry.ref] ?? "not preflighted")}`);
  }

  private locate(action: string): { form: PageElement; input: PageElement; uploadRef: string; cid: number | undefined } {
    const el = this.host.one(action, this.formSelector);
    const form = el.tagName === "FORM" ? el : el.closest("form");
    if (!form) throw new Error(`${action}: the element is neither a form nor inside one`);
    const input = Array.from(form.querySelectorAll("input[type=file]")).find((i) => i.getAttribute("name") === this.name);
    const uploadRef = input?.getAttribute("data-phx-upload-ref");
    if (!input || !uploadRef) throw new Error(`${action}: the form has no <LiveFileInput> named ${JSON.stringify(this.name)}`);
    return { form, input, uploadRef, cid: this.host.target(form) };
  }

  private payload(e: Entry): Record<string, unknown> {
    return {
      path: this.name,
      ref: e.ref,
      name: e.spec.name,
      size: e.bytes.length,
      type: e.spec.type ?? "",
      last_modified: e.spec.lastModified ?? 0,
      relative_path: e.spec.relativePath ?? "",
    };
  }

  private action(what: string): string {
    return `fileInput(${JSON.stringify(this.formSelector)}, ${JSON.stringify(this.name)}).${what}`;
  }
}
