/** An upload of a live component: allowed from its socket, its input in its form, consumed in its handler. */
import { readFile } from "node:fs/promises";
import { consumeUploadedEntries, defineComponent, defineView, LiveComponent, LiveFileInput, uploadErrors, type Uploads } from "@livetsx/server";

const Box = defineComponent<{ uploads: Uploads; saved: string[] }>({
  mount: (socket) => {
    socket.assign({ saved: [] });
    socket.allowUpload("doc", { accept: [".txt"], maxEntries: 2, chunkSize: 1000 });
  },
  events: {
    validate: () => undefined,
    cancel: (payload: { ref: string }, socket) => socket.cancelUpload("doc", payload.ref),
    save: async (_payload, socket) => {
      const got = await consumeUploadedEntries(socket, "doc", async (meta, entry) => `${entry.clientName}=${(await readFile(String(meta.path))).toString()}`);
      socket.update("saved", (s) => [...s, ...got]);
    },
  },
  render: ({ uploads, saved, myself }) => (
    <div id="box">
      <form id="box-form" phx-change="validate" phx-submit="save" phx-target={myself}>
        <div class="drop" phx-drop-target={uploads.doc.ref}>
          <LiveFileInput upload={uploads.doc} />
        </div>
        {uploads.doc.entries.map((entry) => (
          <p class="entry" id={`entry-${entry.ref}`}>
            {entry.clientName} <span class="percent">{entry.progress}%</span> <span class="errors">{uploadErrors(uploads.doc, entry).join(",")}</span>
            <button type="button" class="cancel" phx-click="cancel" phx-value-ref={entry.ref} phx-target={myself}>
              cancel
            </button>
          </p>
        ))}
        <button type="submit">Save</button>
      </form>
      <button type="button" id="hooked" phx-hook="UploadFromHook">
        upload from a hook
      </button>
      <button type="button" id="hooked-to" phx-hook="UploadFromHook" data-to="#box">
        upload to #box from a hook
      </button>
      <ul id="saved">
        {saved.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
    </div>
  ),
});

export default defineView<{ title: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ title: "Component upload" });
  },
  render: ({ title }) => (
    <section>
      <h1>{title}</h1>
      <LiveComponent module={Box} id="box" />
    </section>
  ),
});
