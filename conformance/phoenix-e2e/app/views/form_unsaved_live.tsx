/**
 * Port of support/form_unsaved_live.ex (`/form-unsaved` and `/form-unsaved/target`): a form that
 * marks itself dirty, and a `pre_script` in the layout that asks before navigating away from it.
 */
import { defineView, Link, type LiveSocket } from "@livetsx/server";

/** Upstream's `pre_script` assign, which the live layout renders before its module script. */
export const PRE_SCRIPT = `<script>
  (() => {
    if (window.unsavedFormListenersInstalled) {
      return;
    }
    window.unsavedFormListenersInstalled = true;
    window.unsavedEvents = window.unsavedEvents || [];
    const hasUnsavedChanges = () => document.querySelector("#unsaved-form[data-dirty='true']") !== null;
    window.addEventListener("phx:before-navigate", (event) => {
      if (hasUnsavedChanges()) {
        window.unsavedEvents.push({ type: "phx", detail: event.detail });
        if (!window.confirm("You have unsaved changes. Leave without saving?")) {
          event.preventDefault();
        }
      }
    });
    window.addEventListener("beforeunload", (event) => {
      if (hasUnsavedChanges()) {
        window.unsavedEvents.push({ type: "beforeunload" });
        event.preventDefault();
        event.returnValue = "";
      }
    });
  })();
</script>`;

type Assigns = { note: string; dirty: boolean };

export default defineView({
  mount: (_params, _session, socket: LiveSocket<Assigns>) => socket.assign({ note: "", dirty: false }),
  events: {
    validate: (payload: { note?: string }, socket: LiveSocket<Assigns>) => {
      const note = String(payload.note ?? "");
      socket.assign({ note, dirty: note !== "" });
    },
  },
  render: ({ note, dirty }: Assigns) => (
    <>
      <h1>Unsaved form</h1>
      <Link navigate="/form-unsaved/target">Leave form</Link>
      <form
        id="unsaved-form"
        phx-change="validate"
        data-dirty={dirty ? "true" : "false"}
        style="margin-top: 1rem; display: flex; flex-direction: column; gap: 0.5rem; max-width: 20rem;"
      >
        <label for="unsaved-note">Unsaved note</label>
        <input id="unsaved-note" name="note" value={note} style="height: 2rem; border: 1px solid #cbd5e1; padding: 0 0.5rem;" />
        <p id="unsaved-value">Unsaved value: {note}</p>
      </form>
    </>
  ),
});

export const Target = defineView({
  render: () => <h1>Unsaved form target</h1>,
});
