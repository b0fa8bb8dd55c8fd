import { readFile } from "node:fs/promises";
import { consumeUploadedEntries, defineView, LiveFileInput, postpone, uploadErrors, type UploadWriter, type Uploads } from "@livetsx/server";

/** What `save` consumed: each file's name, its bytes, and the temporary path it had. */
export const consumed: { name: string; bytes: Buffer; path: string }[] = [];

/** Bytes a `memory` writer received, by entry ref. */
export const memory = new Map<string, Buffer[]>();

function memoryWriter(ref: string): UploadWriter {
  const chunks: Buffer[] = [];
  memory.set(ref, chunks);
  return {
    write: (chunk) => void chunks.push(Buffer.from(chunk)),
    close: () => undefined,
    meta: () => ({ ref, size: chunks.reduce((n, c) => n + c.length, 0) }),
  };
}

export default defineView<{ uploads: Uploads; saved: string[]; progressed: number }>({
  mount: (params, _session, socket) => {
    socket.assign({ saved: [], progressed: 0 });
    socket.allowUpload("avatar", {
      accept: [".png", "image/jpeg"],
      maxEntries: 2,
      maxFileSize: Number(params.max ?? 1000),
      chunkSize: Number(params.chunk ?? 100),
      chunkTimeout: Number(params.timeout ?? 2000),
      autoUpload: params.auto === "1",
      progress: (_name, entry, s) => {
        if (entry.done) s.update("progressed", (n) => n + 1);
      },
      ...(params.writer === "memory" ? { writer: (_name, entry) => memoryWriter(entry.ref) } : {}),
      ...(params.external === "1" ? { external: (entry) => ({ uploader: "S3", url: `https://bucket.example/${entry.uuid}` }) } : {}),
      ...(params.external === "deny" ? { external: () => ({ error: { reason: "denied" } }) } : {}),
      ...(params.writer === "failing" ? { writer: () => ({ write: () => Promise.reject(new Error("disk full")), close: () => undefined, meta: () => ({}) }) } : {}),
    });
    // A second upload of the same view, for two at once.
    if (params.two === "1") socket.allowUpload("docs", { accept: [".txt"], maxEntries: 1, maxFileSize: 1000, chunkSize: 100 });
  },
  events: {
    validate: () => undefined,
    save: async (_payload, socket) => {
      const names = await consumeUploadedEntries(socket, "avatar", async (meta, entry) => {
        if (typeof meta.path === "string") consumed.push({ name: entry.clientName, bytes: await readFile(meta.path), path: meta.path });
        return typeof meta.url === "string" ? `${entry.clientName} at ${meta.url}` : entry.clientName;
      });
      socket.update("saved", (s) => [...s, ...names]);
    },
    keep: async (_payload, socket) => {
      const names = await consumeUploadedEntries(socket, "avatar", (_meta, entry) => postpone(entry.clientName));
      socket.update("saved", (s) => [...s, ...names.map((n) => `kept ${n}`)]);
    },
    cancel: (payload: { ref: string }, socket) => socket.cancelUpload("avatar", payload.ref),
  },
  render: ({ uploads, saved, progressed }) => (
    <form id="upload-form" phx-change="validate" phx-submit="save">
      <LiveFileInput upload={uploads.avatar} />
      {uploads.avatar.entries.map((entry) => (
        <p class="entry" id={`entry-${entry.ref}`}>
          {entry.clientName} {entry.progress}% {entry.done ? "done" : "sending"} {uploadErrors(uploads.avatar, entry).join(",")}
        </p>
      ))}
      <p id="errors">{uploadErrors(uploads.avatar).join(",")}</p>
      <p id="progressed">{progressed}</p>
      <ul id="saved">
        {saved.map((name) => (
          <li>{name}</li>
        ))}
      </ul>
    </form>
  ),
});
