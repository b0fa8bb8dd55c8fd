/**
 * The upload benchmark's view: one file of up to 200 MB, written to a temporary file by the
 * default writer, in chunks of the default size; `save` consumes it (its size read from the
 * file, which consume then removes).
 */
import { stat } from "node:fs/promises";
import { consumeUploadedEntries, defineView, LiveFileInput, type Uploads } from "@livetsx/server";

export default defineView<{ uploads: Uploads; saved: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ saved: 0 });
    socket.allowUpload("file", { maxEntries: 1, maxFileSize: 200_000_000 });
  },
  events: {
    validate: () => undefined,
    save: async (_payload, socket) => {
      const [size] = await consumeUploadedEntries(socket, "file", async (meta) => (await stat(String(meta.path))).size);
      socket.assign({ saved: size ?? 0 });
    },
  },
  render: ({ uploads, saved }) => (
    <form id="upload" phx-change="validate" phx-submit="save">
      <LiveFileInput upload={uploads.file} />
      {uploads.file.entries.map((entry) => (
        <p>
          {entry.clientName} {entry.progress}%
        </p>
      ))}
      <p id="saved">{saved}</p>
    </form>
  ),
});
