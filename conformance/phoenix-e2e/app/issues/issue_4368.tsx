/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4368: an upload writer that fails
 * or is slow on some chunks (5-byte chunks: a chunk "error" fails, "delay" takes 500 ms).
 */
import { consumeUploadedEntry, defineView, LiveFileInput, uploadErrors, type UploadWriter, type Uploads } from "@livetsx/server";
import { atom, inspect } from "./shared.tsx";

function writer(name: string): UploadWriter {
  return {
    write: async (chunk) => {
      const text = chunk.toString("utf8");
      if (text === "error") throw Object.assign(new Error("invalid_pdf"), { reason: "invalid_pdf" });
      if (text === "delay") await new Promise((resolve) => setTimeout(resolve, 500));
    },
    close: () => undefined,
    meta: () => ({ name }),
  };
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ consumed: [] as string[], submitted: false }).allowUpload("documents", {
      accept: "any",
      autoUpload: true,
      chunkSize: 5,
      maxEntries: 2,
      writer: (_name, entry) => writer(entry.clientName),
      progress: async (_name, entry, socket) => {
        if (!entry.done) return;
        const name = await consumeUploadedEntry(socket, entry, () => entry.clientName);
        if (name !== undefined) socket.update("consumed", (c: string[]) => [name, ...c]);
      },
    });
  },
  events: {
    validate: () => undefined,
    cancel: (payload: { ref?: string }, socket) => socket.cancelUpload("documents", String(payload.ref)),
    submit: (_payload, socket) => socket.assign({ submitted: true }),
  },
  render: ({ uploads, consumed, submitted }: { uploads: Uploads; consumed: string[]; submitted: boolean }) => (
    <div id="issue-4368">
      <form id="upload-form" phx-change="validate" phx-submit="submit">
        <LiveFileInput upload={uploads.documents} />
        <button type="submit">Submit</button>
      </form>
      <p id="submitted">submitted: {String(submitted)}</p>
      <p id="consumed">consumed: {consumed.join(",")}</p>
      {uploads.documents.entries.map((entry) => (
        <article class="upload-entry" data-name={entry.clientName} key={entry.ref}>
          <span>
            {entry.clientName}: {entry.progress}%
          </span>
          <button type="button" phx-click="cancel" phx-value-ref={entry.ref}>
            Cancel
          </button>
          {uploadErrors(uploads.documents, entry).map((error) => (
            <p class="upload-error" key={error}>
              {inspect(atom(error))}
            </p>
          ))}
        </article>
      ))}
    </div>
  ),
});
