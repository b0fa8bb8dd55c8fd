/** https://github.com/phoenixframework/phoenix_live_view/issues/3368: an upload inside a live component, with a drop target. */
import { consumeUploadedEntries, defineComponent, defineView, LiveComponent, LiveFileInput, uploadErrors, type Uploads } from "@livetsx/server";
import { atom, inspect } from "./shared.tsx";

export const UploadComponent = defineComponent<{ uploads: Uploads; savedFiles: string[] }>({
  mount: (socket) => {
    socket.allowUpload("file", { accept: [".jpg", ".jpeg", ".png", ".gif"], maxEntries: 1 }).assign({ savedFiles: [] });
  },
  events: {
    validate: () => undefined,
    save: async (_payload, socket) => {
      const savedFiles = await consumeUploadedEntries(socket, "file", (_meta, entry) => entry.clientName);
      socket.assign({ savedFiles });
    },
  },
  render: ({ uploads, savedFiles, myself }) => (
    <div>
      <form id="upload-form" phx-change="validate" phx-submit="save" phx-target={myself}>
        <div id="dropzone" phx-drop-target={uploads.file.ref}>
          Drop files here
        </div>
        <LiveFileInput upload={uploads.file} />
        <button type="submit">Upload</button>
      </form>
      {uploads.file.entries.map((entry) => (
        <p class="upload-entry" key={entry.ref}>
          {entry.clientName}
        </p>
      ))}
      {uploadErrors(uploads.file).map((error) => (
        <p class="upload-error" key={error}>
          {inspect(atom(error))}
        </p>
      ))}
      <p id="saved-files">{savedFiles.join(",")}</p>
    </div>
  ),
});

export default defineView({
  render: () => <LiveComponent module={UploadComponent} id="uploader" />,
});
