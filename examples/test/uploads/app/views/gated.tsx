/**
 * An upload whose writer the test holds: while the shared gate is set, each write waits, so the
 * upload is provably mid-flight when the test drops the connection.
 */
import { createHash } from "node:crypto";
import { consumeUploadedEntries, defineView, LiveFileInput, type Uploads, type UploadWriter } from "@livetsx/server";
import { shared } from "../shared.ts";

function gatedWriter(): UploadWriter {
  const chunks: Buffer[] = [];
  const gate = shared().gate;
  return {
    write: async (chunk) => {
      if (gate.held) {
        gate.onBlocked?.();
        await gate.held;
      }
      chunks.push(Buffer.from(chunk));
    },
    close: (reason) => void gate.closes.push(typeof reason === "string" ? reason : "error"),
    meta: () => {
      const bytes = Buffer.concat(chunks);
      return { size: bytes.length, sha: createHash("sha256").update(bytes).digest("hex") };
    },
    dispose: () => {
      chunks.length = 0;
      gate.disposed++;
    },
  };
}

export default defineView<{ uploads: Uploads; saved: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ saved: [] });
    socket.allowUpload("file", { maxEntries: 1, maxFileSize: 2_000_000, chunkSize: 16_000, autoUpload: true, writer: () => gatedWriter() });
  },
  events: {
    validate: () => undefined,
    save: async (_payload, socket) => {
      const got = await consumeUploadedEntries(socket, "file", (meta, entry) => `${entry.clientName} ${String(meta.size)} ${String(meta.sha)}`);
      socket.update("saved", (s) => [...s, ...got]);
    },
  },
  render: ({ uploads, saved }) => (
    <section>
      <form id="gated-form" phx-change="validate" phx-submit="save">
        <LiveFileInput upload={uploads.file} />
        {uploads.file.entries.map((entry) => (
          <p class="entry" id={`entry-${entry.ref}`}>
            {entry.clientName} <span class="percent">{entry.progress}%</span> <span class="state">{entry.done ? "done" : "sending"}</span>
          </p>
        ))}
        <button type="submit">Save</button>
      </form>
      <ul id="saved">
        {saved.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
    </section>
  ),
});
