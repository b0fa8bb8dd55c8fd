/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/2965: many files uploaded a few at
 * a time by a hook (`QueuedUploaderHook`), through a writer that keeps nothing and takes up to
 * 200 ms a chunk. Its own live layout starts a LiveSocket with that hook.
 */
import { defineView, LiveFileInput, reply, uploadErrors, type UploadError, type Uploads, type UploadWriter } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";

const HOOKS = `hooks: {
  QueuedUploaderHook: {
    async mounted() {
      const maxConcurrency = this.el.dataset.maxConcurrency || 3;
      let filesRemaining = [];
      this.el.addEventListener("input", async (event) => {
        event.preventDefault();
        if (event.target instanceof HTMLInputElement) {
          const files_html = event.target.files;
          if (files_html) {
            const rawFiles = Array.from(files_html);
            const fileNames = rawFiles.map((f) => f.name);
            this.pushEvent("upload_scrub_list", { file_names: fileNames }, ({ deduped_filenames }, ref) => {
              const files = rawFiles.filter((f) => deduped_filenames.includes(f.name));
              filesRemaining = files;
              const firstFiles = files.slice(0, maxConcurrency);
              this.upload("files", firstFiles);
              filesRemaining.splice(0, maxConcurrency);
            });
          }
        }
      });
      this.handleEvent("upload_send_next_file", () => {
        if (filesRemaining.length > 0) {
          const nextFile = filesRemaining.shift();
          if (nextFile != undefined) this.upload("files", [nextFile]);
        } else {
          console.log("Done uploading, noop!");
        }
      });
    },
  },
}`;

/** Its own live layout: a LiveSocket with the QueuedUploaderHook hook. */
export const layout = ownLiveLayout({ options: HOOKS });

function noopWriter(): UploadWriter {
  return {
    write: () => new Promise((resolve) => setTimeout(resolve, Math.ceil(Math.random() * 200))),
    close: () => undefined,
    meta: () => ({}),
  };
}

function errorToString(error: UploadError): string {
  if (error === "too_large") return "Too large";
  if (error === "not_accepted") return "You have selected an unacceptable file type";
  return "unknown error";
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.allowUpload("files", {
      accept: "any",
      maxEntries: 1500,
      chunkSize: 5 * 1024 * 1024,
      maxFileSize: 10_000_000_000,
      autoUpload: true,
      writer: () => noopWriter(),
      progress: (_name, entry, socket) => {
        if (entry.done) socket.pushEvent("upload_send_next_file", {});
      },
    });
  },
  events: {
    upload_scrub_list: (payload: { file_names?: unknown }) => reply({ deduped_filenames: payload.file_names }),
    validate: () => undefined,
    "cancel-upload": (payload: { ref?: string }, socket) => socket.cancelUpload("files", String(payload.ref)),
    save: () => undefined,
  },
  render: ({ uploads }: { uploads: Uploads }) => (
    <>
      <main>
        <h1>Uploader reproduction</h1>
        <form phx-submit="save" phx-change="validate">
          <section>
            <LiveFileInput upload={uploads.files} style="display: none;" />
            <input id="fileinput" type="file" multiple phx-hook="QueuedUploaderHook" disabled={uploads.files.entries.some((e) => !e.done)} />
            {uploads.files.entries.length > 0 ? <h2>Currently uploading files</h2> : null}
            <div>
              <table>
                <thead>
                  <tr>
                    <th>File Name</th>
                    <th>Progress</th>
                    <th>Cancel</th>
                    <th>Errors</th>
                  </tr>
                </thead>
                <tbody>
                  {uploads.files.entries.map((entry) => (
                    <tr key={entry.ref}>
                      <td>{entry.clientName}</td>
                      <td>
                        <progress value={entry.progress} max="100">
                          {entry.progress}%
                        </progress>
                      </td>
                      <td>
                        <button type="button" phx-click="cancel-upload" phx-value-ref={entry.ref} aria-label="cancel">
                          <span>×</span>
                        </button>
                      </td>
                      <td>
                        {uploadErrors(uploads.files, entry).map((err) => (
                          <p style="color: red;" key={err}>
                            {errorToString(err)}
                          </p>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {uploadErrors(uploads.files).map((err) => (
              <p style="text-red" key={err}>
                {errorToString(err)}
              </p>
            ))}
          </section>
        </form>
      </main>
    </>
  ),
});
