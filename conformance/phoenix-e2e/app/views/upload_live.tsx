/**
 * Port of support/upload_live.ex (`/upload`): an avatar upload of up to two .txt/.md files with
 * a drop target, previews, progress, cancel and errors; `?auto_upload` uploads on selection and
 * `?external_upload` hands entries to the layout's TestExternal uploader. Saved files are
 * copied to the OS temp folder's lvupload/ and linked under /tmp.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { consumeUploadedEntries, defineView, LiveFileInput, LiveImgPreview, Link, uploadErrors, type LiveSocket, type UploadError, type Uploads } from "@livetsx/server";

const MESSAGES: Partial<Record<UploadError, string>> = {
  too_large: "Too large",
  too_many_files: "You have selected too many files",
  not_accepted: "You have selected an unacceptable file type",
};
const message = (error: UploadError) => MESSAGES[error] ?? error;

type Assigns = { uploaded_files: string[]; uploads: Uploads };

const STYLE = `
#drop-target { box-sizing: border-box; min-height: 260px; margin: 1rem 0; padding: 2rem; border: 4px dashed #475569; background: #e2e8f0; transition: background 150ms ease, border-color 150ms ease; }
#drop-target.phx-drop-target-active { border-color: #15803d; background: #bbf7d0; }
#drop-target-inner { min-height: 140px; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.5rem; border: 2px solid #94a3b8; background: white; }
#drop-target.phx-drop-target-active #drop-target-inner { border-color: #16a34a; background: #f0fdf4; }
`;

export default defineView({
  mount: (_params, _session, socket: LiveSocket<Assigns>) => {
    socket.assign({ uploaded_files: [] });
    socket.allowUpload("avatar", { accept: [".txt", ".md"], maxEntries: 2 });
  },
  handleParams: (params, _url, socket: LiveSocket<Assigns>) => {
    if ("auto_upload" in params) socket.allowUpload("avatar", { accept: [".txt", ".md"], maxEntries: 2, autoUpload: true });
    else if ("external_upload" in params) {
      socket.allowUpload("avatar", { accept: [".txt", ".md"], maxEntries: 2, autoUpload: true, external: () => ({ uploader: "TestExternal" }) });
    }
  },
  events: {
    validate: () => undefined,
    "cancel-upload": (payload: { ref: string }, socket: LiveSocket<Assigns>) => socket.cancelUpload("avatar", payload.ref),
    save: async (_payload, socket: LiveSocket<Assigns>) => {
      const files = await consumeUploadedEntries(socket, "avatar", async (meta) => {
        const dir = join(tmpdir(), "lvupload");
        await mkdir(dir, { recursive: true });
        const dest = join(dir, basename(String(meta.path)));
        await copyFile(String(meta.path), dest);
        return `/tmp/lvupload/${basename(dest)}`;
      });
      socket.update("uploaded_files", (f) => [...f, ...files]);
    },
  },
  render: ({ uploads, uploaded_files }: Assigns) => (
    <>
      <style>{STYLE}</style>
      <Link navigate="/upload?replaced=1">Replace view</Link>
      <form id="upload-form" phx-submit="save" phx-change="validate">
        <LiveFileInput upload={uploads.avatar!} />
        <button type="submit">Upload</button>
        <section id="drop-target" phx-drop-target={uploads.avatar!.ref}>
          <div id="drop-target-inner">
            <strong>Inner drop target child</strong>
            <span>Drag a file across the outer padding and this inner element.</span>
          </div>
          {uploads.avatar!.entries.map((entry) => (
            <article key={entry.ref} class="upload-entry">
              <figure>
                <LiveImgPreview entry={entry} style="width: 500px" />
                <figcaption>{entry.clientName}</figcaption>
              </figure>
              <progress value={entry.progress} max="100">
                {entry.progress}%
              </progress>
              <button type="button" phx-click="cancel-upload" phx-value-ref={entry.ref} aria-label="cancel">
                ×
              </button>
              {uploadErrors(uploads.avatar!, entry).map((err) => (
                <p key={err} class="alert alert-danger">{message(err)}</p>
              ))}
            </article>
          ))}
          {uploadErrors(uploads.avatar!).map((err) => (
            <p key={err} class="alert alert-danger">{message(err)}</p>
          ))}
        </section>
        <ul>
          {uploaded_files.map((file) => (
            <li key={file}>
              <a href={file}>{basename(file)}</a>
            </li>
          ))}
        </ul>
      </form>
    </>
  ),
});
