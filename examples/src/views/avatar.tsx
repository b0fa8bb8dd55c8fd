/**
 * An avatar upload: choose or drop an image, see it before it is sent, watch its progress, save
 * it. The saved image is shown from the bytes the server received.
 */
import { readFile } from "node:fs/promises";
import { consumeUploadedEntries, defineView, LiveFileInput, LiveImgPreview, uploadErrors, type UploadError, type Uploads } from "@livetsx/server";

const MESSAGES: Record<UploadError, string> = {
  too_large: "The image is larger than 1 MB",
  too_many_files: "Choose one image",
  not_accepted: "Choose a PNG, JPEG, GIF or WebP image",
  external_client_failure: "The upload failed",
  external_metadata_failure: "The upload was refused",
  writer_failure: "The image could not be stored",
};

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ avatar: null as string | null, savedName: "" });
    socket.allowUpload("avatar", { accept: [".png", ".jpg", ".jpeg", ".gif", ".webp"], maxEntries: 1, maxFileSize: 1_000_000 });
    socket.pageTitle("Avatar");
  },
  events: {
    validate: () => undefined,
    cancel: (payload: { ref: string }, socket) => socket.cancelUpload("avatar", payload.ref),
    save: async (_payload, socket) => {
      const [saved] = await consumeUploadedEntries(socket, "avatar", async (meta, entry) => {
        const bytes = await readFile(String(meta.path));
        return { url: `data:${entry.clientType};base64,${bytes.toString("base64")}`, name: entry.clientName };
      });
      if (saved) socket.assign({ avatar: saved.url, savedName: saved.name });
    },
  },
  render: ({ uploads, avatar, savedName }: { uploads: Uploads; avatar: string | null; savedName: string }) => (
    <section class="card">
      <h1>Avatar</h1>
      <form id="avatar-form" phx-change="validate" phx-submit="save">
        <div class="drop" phx-drop-target={uploads.avatar.ref}>
          <LiveFileInput upload={uploads.avatar} />
          <p>or drop an image here</p>
        </div>
        {uploads.avatar.entries.map((entry) => (
          <figure class="entry" id={`entry-${entry.ref}`}>
            <LiveImgPreview entry={entry} width="96" alt={entry.clientName} />
            <figcaption>
              {entry.clientName} <progress value={entry.progress} max="100">{entry.progress}%</progress> <span class="percent">{entry.progress}%</span>
              <button type="button" phx-click="cancel" phx-value-ref={entry.ref} aria-label="cancel">
                ×
              </button>
            </figcaption>
            {uploadErrors(uploads.avatar, entry).map((error) => (
              <p class="error">{MESSAGES[error]}</p>
            ))}
          </figure>
        ))}
        {uploadErrors(uploads.avatar).map((error) => (
          <p class="error">{MESSAGES[error]}</p>
        ))}
        <button type="submit">Save</button>
      </form>
      {avatar ? (
        <p id="saved">
          <img src={avatar} width="96" alt="your avatar" /> {savedName}
        </p>
      ) : null}
    </section>
  ),
});
