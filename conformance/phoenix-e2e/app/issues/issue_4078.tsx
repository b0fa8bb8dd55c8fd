/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4078: a live file input's class
 * and disabled attributes can change (it is `data-phx-update="ignore"`).
 */
import { defineView, LiveFileInput, type Uploads } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";

/** Its own live layout: a LiveSocket without hooks. */
export const layout = ownLiveLayout({});

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ disabled: true, customClass: "initial-class" }).allowUpload("avatar", { accept: [".jpg", ".jpeg", ".png", ".txt"], maxEntries: 2 });
  },
  events: {
    validate: () => undefined,
    "toggle-disabled": (_payload, socket) => socket.assign({ disabled: !socket.assigns.disabled }),
    "toggle-class": (_payload, socket) =>
      socket.assign({ customClass: socket.assigns.customClass === "initial-class" ? "updated-class" : "initial-class" }),
  },
  render: ({ uploads, disabled, customClass }: { uploads: Uploads; disabled: boolean; customClass: string }) => (
    <>
      <form id="upload-form" phx-change="validate">
        <LiveFileInput upload={uploads.avatar} disabled={disabled} class={customClass} />
      </form>
      <button id="toggle-disabled" type="button" phx-click="toggle-disabled">
        Toggle Disabled
      </button>
      <button id="toggle-class" type="button" phx-click="toggle-class">
        Toggle Class
      </button>
      {uploads.avatar.entries.map((entry) => (
        <article class="upload-entry" key={entry.ref}>
          <span class="entry-name">{entry.clientName}</span>
        </article>
      ))}
    </>
  ),
});
