/**
 * Uploads over the raw socket: what the official client sends, as frames — the form event's
 * `uploads`, the `allow_upload` preflight, the `lvu:` join and the binary chunks of Phoenix
 * Channels V2 (`[0][join ref, ref, topic, event lengths][strings][bytes]`).
 */
import { existingUploads } from "../src/upload.js";
import type { ViewInstance } from "../src/instance.js";
import type { TestClient, TestServer } from "./support.js";

/** A V2 binary push. */
export function binaryPush(joinRef: string, ref: string, topic: string, event: string, payload: Uint8Array): Buffer {
  const fields = [joinRef, ref, topic, event].map((f) => Buffer.from(f));
  return Buffer.concat([Buffer.from([0, ...fields.map((f) => f.length)]), ...fields, payload]);
}

export interface FileSpec {
  ref: string;
  name: string;
  size: number;
  type: string;
}

export const png = (ref: string, size: number, name = `f${ref}.png`): FileSpec => ({ ref, name, size, type: "image/png" });

export function entryPayload(file: FileSpec) {
  return { path: "avatar", ref: file.ref, last_modified: 1_700_000_000_000, name: file.name, relative_path: "", type: file.type, size: file.size };
}

export function viewOn(server: TestServer, topic: string): ViewInstance {
  const view = [...server.live.connections].find((c) => c.instances.has(topic))?.instances.get(topic);
  if (!view) throw new Error(`no view on ${topic}`);
  return view;
}

/** The view's config of `name` as it renders. */
export function configOf(server: TestServer, topic: string, name = "avatar") {
  return (viewOn(server, topic).socket.assigns.uploads as Record<string, import("../src/upload.js").UploadConfig>)[name]!;
}

/** The path of the temporary file an entry is written to (while its channel is open). */
export function tempPathOf(server: TestServer, topic: string, entryRef: string, name = "avatar"): string {
  const state = existingUploads(viewOn(server, topic).socket)!.configs.get(name)!;
  const status = state.status.get(entryRef);
  if (typeof status !== "object") throw new Error(`entry ${entryRef} has no channel`);
  return status.writer.meta().path as string;
}

let chunkRef = 0;

/** Sends one chunk on an upload channel; resolves to its reply. */
export async function sendChunk(client: TestClient, topic: string, joinRef: string, bytes: Uint8Array) {
  const ref = `chunk-${++chunkRef}`;
  const reply = client.next((f) => f[1] === ref && f[3] === "phx_reply");
  client.ws.send(binaryPush(joinRef, ref, topic, "chunk", bytes));
  return (await reply)[4] as { status: string; response: Record<string, unknown> };
}

/** The form event announcing files, then the preflight; resolves to the preflight's reply. */
export async function preflight(client: TestClient, server: TestServer, topic: string, files: FileSpec[]) {
  const ref = configOf(server, topic).ref;
  const entries = files.map(entryPayload);
  const change = await client.request(topic, "event", { type: "form", event: "validate", value: "", uploads: { [ref]: entries } }, "1");
  if (change.status !== "ok") throw new Error(`the change was refused: ${JSON.stringify(change)}`);
  return (await client.request(topic, "allow_upload", { ref, entries }, "1")) as { status: string; response: Record<string, any> };
}

let joinRefs = 100;

/** Joins an entry's upload channel with its token; resolves to the reply and the join ref. */
export async function joinUpload(client: TestClient, entryRef: string, token: unknown) {
  const joinRef = String(++joinRefs);
  const reply = await client.request(`lvu:${entryRef}`, "phx_join", { token }, joinRef);
  return { reply, joinRef, topic: `lvu:${entryRef}` };
}

/** Sends `bytes` in chunks of `size`, each awaited as the official client does, with a progress event after each. */
export async function upload(client: TestClient, server: TestServer, viewTopic: string, entryRef: string, joinRef: string, bytes: Buffer, size = 100) {
  const configRef = configOf(server, viewTopic).ref;
  for (let offset = 0; offset < bytes.length; offset += size) {
    const reply = await sendChunk(client, `lvu:${entryRef}`, joinRef, bytes.subarray(offset, offset + size));
    if (reply.status !== "ok") return reply;
    const progress = Math.floor((Math.min(bytes.length, offset + size) * 100) / bytes.length);
    await client.request(viewTopic, "progress", { event: null, ref: configRef, entry_ref: entryRef, progress }, "1");
  }
  return { status: "ok", response: {} };
}
