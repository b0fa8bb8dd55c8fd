/** https://github.com/phoenixframework/phoenix_live_view/issues/3319: a required upload with several entries can be submitted. */
import { consumeUploadedEntries, defineView, LiveFileInput, type Uploads } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ submitted: [] as string[] }).allowUpload("documents", { accept: "any", maxEntries: 2 });
  },
  events: {
    validate: () => undefined,
    submit: async (_payload, socket) => {
      const submitted = await consumeUploadedEntries(socket, "documents", (_meta, entry) => entry.clientName);
      socket.assign({ submitted });
    },
  },
  render: ({ uploads, submitted }: { uploads: Uploads; submitted: string[] }) => (
    <>
      <form id="upload-form" phx-change="validate" phx-submit="submit">
        <LiveFileInput upload={uploads.documents} required />
        <button type="submit">Submit</button>
        {uploads.documents.entries.map((entry) => (
          <p class="upload-entry" key={entry.ref}>
            {entry.clientName}
          </p>
        ))}
      </form>
      <p id="submitted">{submitted.join(",")}</p>
    </>
  ),
});
