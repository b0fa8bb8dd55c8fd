/**
 * An auto upload a hook feeds a file at a time (what Phoenix's issue 2965 does): several
 * `upload` calls follow each other before the server has answered the first one's change.
 */
import { consumeUploadedEntries, defineView, LiveFileInput, type Uploads, type UploadWriter } from "@livetsx/server";

function slowWriter(): UploadWriter {
  return { write: () => new Promise((resolve) => setTimeout(resolve, 20)), close: () => undefined, meta: () => ({}) };
}

export default defineView<{ uploads: Uploads; saved: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ saved: [] });
    socket.allowUpload("doc", { maxEntries: 10, chunkSize: 500, autoUpload: true, writer: () => slowWriter() });
  },
  events: {
    validate: () => undefined,
    // Consumed, so that no upload channel is left open when the page closes.
    save: async (_payload, socket) => {
      const got = await consumeUploadedEntries(socket, "doc", (_meta, entry) => entry.clientName);
      socket.update("saved", (s) => [...s, ...got]);
    },
  },
  render: ({ uploads, saved }) => (
    <section>
      <form id="queued-form" phx-change="validate" phx-submit="save">
        <LiveFileInput upload={uploads.doc} />
        {uploads.doc.entries.map((entry) => (
          <p class="entry" id={`entry-${entry.ref}`}>
            {entry.clientName} <span class="percent">{entry.progress}%</span>
          </p>
        ))}
        <button type="submit">Save</button>
      </form>
      <button type="button" id="each" phx-hook="UploadEach" data-names="one.txt,two.txt,three.txt">
        upload three files, one call each
      </button>
      <ul id="saved">
        {saved.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
    </section>
  ),
});
