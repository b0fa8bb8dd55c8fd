/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3647: an upload started by a hook
 * while another form is locked. Its own live layout starts a LiveSocket with the JsUpload hook
 * and wraps the page in `<main>`.
 */
import { consumeUploadedEntry, defineView, LiveFileInput, type EventPayload, type Uploads } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";

const HOOKS = `hooks: {
  JsUpload: {
    mounted() {
      this.el.addEventListener("click", () => {
        const fillBefore = "before" in this.el.dataset;
        if (fillBefore) this.fill_input();
        this.js_upload();
        if (!fillBefore) this.fill_input();
      });
    },
    js_upload() {
      const content = "x".repeat(1024).repeat(1024);
      const file = new File([content], "1mb_of_x.txt", { type: "text/plain" });
      const input = document.querySelector("input[type=file]");
      this.uploadTo(input.form, input.name, [file]);
    },
    fill_input() {
      const input = document.querySelector("input[type=text]");
      input.value = input.value + input.value.length;
      const event = new Event("input", { bubbles: true });
      input.dispatchEvent(event);
    },
  },
}`;

/** Its own live layout: a LiveSocket with the JsUpload hook, the page inside `<main>`. */
export const layout = ownLiveLayout({ options: HOOKS, global: true, style: "* { font-size: 1.1em; }", wrap: (view) => `<main>${view}</main>` });

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ name: "", uploadedFiles: [] as string[] }).allowUpload("avatar", {
      accept: [".txt", ".md"],
      maxEntries: 2,
      autoUpload: true,
      progress: async (_name, entry, socket) => {
        if (!entry.done) return;
        const uuid = await consumeUploadedEntry(socket, entry, () => entry.uuid ?? entry.ref);
        if (uuid !== undefined) socket.update("uploadedFiles", (files: string[]) => [uuid, ...files]);
      },
    });
  },
  events: {
    "validate-user": (payload: EventPayload, socket) => {
      const user = payload["user"];
      const name = user && typeof user === "object" ? (user as Record<string, unknown>)["name"] : undefined;
      socket.assign({ name: typeof name === "string" ? name : "" });
    },
    validate: () => undefined,
    "cancel-upload": (payload: { ref?: string }, socket) => socket.cancelUpload("avatar", String(payload.ref)),
  },
  render: ({ uploads, name, uploadedFiles }: { uploads: Uploads; name: string; uploadedFiles: string[] }) => (
    <>
        <form phx-change="validate-user" id="user-form">
          <input id="user_name" name="user[name]" value={name} type="text" />
          <button id="x" type="button" phx-hook="JsUpload">
            Upload then Input
          </button>
          <button id="y" type="button" phx-hook="JsUpload" data-before>
            Input then Upload
          </button>
          <LiveFileInput upload={uploads.avatar} form="auto-form" />
        </form>
        <form id="auto-form" phx-change="validate"></form>
        <section class="pending-uploads" phx-drop-target={uploads.avatar.ref} style="min-height: 100%;">
          <h3>Pending Uploads ({uploads.avatar.entries.length})</h3>
          {uploads.avatar.entries.map((entry) => (
            <div key={entry.ref}>
              <progress value={entry.progress} max="100">
                {entry.progress}%
              </progress>
              <div>
                {entry.uuid}
                <br />
                <a href="#" phx-click="cancel-upload" phx-value-ref={entry.ref} class="upload-entry__cancel">
                  Cancel Upload
                </a>
              </div>
            </div>
          ))}
        </section>
        <ul>
          {uploadedFiles.map((file) => (
            <li key={file}>
              <a href={file}>{file.split("/").pop()}</a>
            </li>
          ))}
        </ul>
    </>
  ),
});
