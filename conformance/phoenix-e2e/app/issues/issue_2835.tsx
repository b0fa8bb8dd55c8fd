/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/2835: auto-uploads with
 * `max_entries_mode: :total` (the entries already consumed count against the limit). LiveTSX's
 * uploads have no `max_entries_mode`: the limit counts the entries in progress only.
 */
import { consumeUploadedEntry, defineView, LiveFileInput, uploadErrors, type Uploads } from "@livetsx/server";
import { atom, inspect } from "./shared.tsx";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ uploadedFiles: [] as string[] }).allowUpload("documents", {
      accept: "any",
      autoUpload: true,
      maxEntries: 2,
      progress: async (_name, entry, socket) => {
        if (!entry.done) return;
        const name = await consumeUploadedEntry(socket, entry, () => entry.clientName);
        if (name !== undefined) socket.update("uploadedFiles", (files: string[]) => [...files, name]);
      },
    });
  },
  events: {
    validate: () => undefined,
  },
  render: ({ uploads, uploadedFiles }: { uploads: Uploads; uploadedFiles: string[] }) => (
    <>
      <form id="upload-form" phx-change="validate">
        <LiveFileInput upload={uploads.documents} />
        {uploads.documents.entries.map((entry) => (
          <article class="upload-entry" data-name={entry.clientName} key={entry.ref}>
            {entry.clientName}: {entry.progress}%
          </article>
        ))}
        {uploadErrors(uploads.documents).map((error) => (
          <p class="upload-error" key={error}>{inspect(atom(error))}</p>
        ))}
      </form>
      <ul id="uploaded-files">
        {uploadedFiles.map((name, i) => (
          <li key={i}>{name}</li>
        ))}
      </ul>
    </>
  ),
});
