/** https://github.com/phoenixframework/phoenix_live_view/issues/3391: an invalid auto-upload cancels the submit without locking the form. */
import { consumeUploadedEntry, defineView, LiveFileInput, uploadErrors, type Uploads } from "@livetsx/server";
import { atom, inspect } from "./shared.tsx";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ submitted: false, uploaded: false }).allowUpload("document", {
      accept: [".txt"],
      autoUpload: true,
      maxEntries: 1,
      progress: async (_name, entry, socket) => {
        if (!entry.done) return;
        await consumeUploadedEntry(socket, entry, () => "ok");
        socket.assign({ uploaded: true });
      },
    });
  },
  events: {
    validate: () => undefined,
    cancel: (payload: { ref?: string }, socket) => socket.cancelUpload("document", String(payload.ref)),
    submit: (_payload, socket) => socket.assign({ submitted: true }),
  },
  render: ({ uploads, submitted, uploaded }: { uploads: Uploads; submitted: boolean; uploaded: boolean }) => (
    <>
      <form id="upload-form" phx-change="validate" phx-submit="submit">
        <LiveFileInput upload={uploads.document} />
        <button type="submit">Submit</button>
        {uploads.document.entries.map((entry) => (
          <article class="upload-entry" key={entry.ref}>
            <span>
              {entry.clientName}: {entry.progress}%
            </span>
            <button type="button" phx-click="cancel" phx-value-ref={entry.ref}>
              Cancel
            </button>
            {uploadErrors(uploads.document, entry).map((error) => (
              <p class="upload-error" key={error}>
                {inspect(atom(error))}
              </p>
            ))}
          </article>
        ))}
      </form>
      <p id="uploaded">uploaded: {String(uploaded)}</p>
      <p id="submitted">submitted: {String(submitted)}</p>
    </>
  ),
});
