/**
 * An external upload: the `external` callback names the client's "Storage" uploader and gives it
 * the URL of an object on the test's storage endpoint; the uploader PUTs the file there and
 * reports progress; saving consumes the entry, whose metadata is that URL.
 */
import { consumeUploadedEntries, defineView, LiveFileInput, uploadErrors, type Uploads } from "@livetsx/server";
import { shared } from "../shared.ts";

export default defineView<{ uploads: Uploads; saved: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ saved: [] });
    socket.allowUpload("doc", {
      maxEntries: 1,
      maxFileSize: 5_000_000,
      autoUpload: true,
      external: (entry) => ({ uploader: "Storage", url: `${shared().storage}/objects/${entry.uuid}`, type: entry.clientType }),
    });
  },
  events: {
    validate: () => undefined,
    save: async (_payload, socket) => {
      const urls = await consumeUploadedEntries(socket, "doc", (meta, entry) => `${entry.clientName} ${String(meta.url)}`);
      socket.update("saved", (s) => [...s, ...urls]);
    },
  },
  render: ({ uploads, saved }) => (
    <section>
      <form id="external-form" phx-change="validate" phx-submit="save">
        <LiveFileInput upload={uploads.doc} />
        {uploads.doc.entries.map((entry) => (
          <p class="entry" id={`entry-${entry.ref}`}>
            {entry.clientName} <span class="percent">{entry.progress}%</span> <span class="state">{entry.done ? "done" : "sending"}</span>{" "}
            <span class="errors">{uploadErrors(uploads.doc, entry).join(",")}</span>
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
