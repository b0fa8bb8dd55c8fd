import { readFile } from "node:fs/promises";
import { consumeUploadedEntries, defineComponent, defineView, LiveComponent, LiveFileInput, type Uploads } from "@livetsx/server";

/** What the component's `save` consumed: each file's name and bytes. */
export const boxConsumed: { name: string; bytes: Buffer }[] = [];

/** A live component with an upload of its own. */
export const Box = defineComponent<{ uploads: Uploads; saved: string[] }>({
  mount: (socket) => {
    socket.assign({ saved: [] });
    socket.allowUpload("doc", { accept: [".txt"], maxEntries: 1, maxFileSize: 1000, chunkSize: 100 });
  },
  events: {
    validate: () => undefined,
    save: async (_payload, socket) => {
      const names = await consumeUploadedEntries(socket, "doc", async (meta, entry) => {
        boxConsumed.push({ name: entry.clientName, bytes: await readFile(String(meta.path)) });
        return entry.clientName;
      });
      socket.update("saved", (s) => [...s, ...names]);
    },
  },
  render: ({ uploads, saved, myself }) => (
    <div id="box">
      <form id="box-form" phx-change="validate" phx-submit="save" phx-target={myself}>
        <LiveFileInput upload={uploads.doc} />
        {uploads.doc.entries.map((entry) => (
          <p class="entry">
            {entry.clientName} {entry.progress}%
          </p>
        ))}
      </form>
      <ul>
        {saved.map((name) => (
          <li>{name}</li>
        ))}
      </ul>
    </div>
  ),
});

export default defineView<{ shown: boolean }>({
  mount: (_params, _session, socket) => {
    socket.assign({ shown: true });
  },
  events: {
    hide: (_payload, socket) => socket.assign({ shown: false }),
  },
  render: ({ shown }) => <main>{shown ? <LiveComponent module={Box} id="box" /> : <p>gone</p>}</main>,
});
