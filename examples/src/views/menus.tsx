import { defineView, JS } from "@livetsx/server";

const FLAVORS = ["Vanilla", "Chocolate", "Pistachio", "Mango"] as const;

interface Assigns {
  flavor: string;
  notes: string[];
}

/** The menu opens and closes in the browser; picking an entry also tells the server. */
const closeMenu = JS.hide({ to: "#flavor-menu", transition: ["fade", "fade-shown", "fade-hidden"], time: 150 }).setAttribute(["aria-expanded", "false"], {
  to: "#flavor-button",
});

const openModal = JS.pushFocus()
  .show({ to: "#note-modal", transition: ["fade", "fade-hidden", "fade-shown"], time: 200, display: "flex" })
  .focusFirst({ to: "#note-form" });

const closeModal = JS.hide({ to: "#note-modal", transition: ["fade", "fade-shown", "fade-hidden"], time: 200 }).popFocus();

/**
 * A dropdown and a modal driven by JS commands: opening and closing them never waits for the
 * server. Only picking a flavor and saving a note are events.
 */
export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ flavor: "Vanilla", notes: [] }).pageTitle("Menus");
  },
  events: {
    pick: (payload: { flavor?: string }, socket) => {
      const flavor = FLAVORS.find((f) => f === payload.flavor);
      if (flavor) socket.assign({ flavor });
    },
    save: (payload: { note?: string }, socket) => {
      const note = (payload.note ?? "").trim();
      if (note) socket.update("notes", (notes: string[]) => [...notes, note]);
    },
  },
  render: ({ flavor, notes }: Assigns) => (
    <section class="card menus">
      <h1>Modal and dropdown</h1>
      <p class="lead">
        Both open and close in the browser with JS commands; the server hears only what you pick and what you save.
      </p>

      <div class="dropdown">
        <button
          id="flavor-button"
          class="secondary"
          aria-haspopup="menu"
          aria-expanded="false"
          phx-click={JS.toggle({ to: "#flavor-menu", in: ["fade", "fade-hidden", "fade-shown"], out: ["fade", "fade-shown", "fade-hidden"], time: 150 }).toggleAttribute(["aria-expanded", "true", "false"])}
        >
          Flavor: <strong>{flavor}</strong>
        </button>
        <ul id="flavor-menu" class="dropdown-menu" role="menu" style="display: none" phx-window-keydown={closeMenu} phx-key="Escape">
          {FLAVORS.map((f) => (
            <li key={f} role="none">
              <button role="menuitem" class={f === flavor ? "picked" : ""} phx-click={JS.push("pick", { value: { flavor: f } }).concat(closeMenu)}>
                {f}
              </button>
            </li>
          ))}
        </ul>
      </div>

      <p>
        <button id="open-note" phx-click={openModal}>Add a note</button>
      </p>
      <ul class="notes">
        {notes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>

      <div id="note-modal" class="modal-backdrop" style="display: none" phx-window-keydown={closeModal} phx-key="Escape">
        <div class="modal-panel" role="dialog" aria-modal="true" aria-labelledby="note-title">
          <h2 id="note-title">New note</h2>
          <form id="note-form" phx-submit={JS.push("save").concat(closeModal)}>
            <input type="text" name="note" placeholder="Write something" autocomplete="off" />
            <div class="modal-actions">
              <button type="button" class="secondary" phx-click={closeModal}>Cancel</button>
              <button type="submit">Save</button>
            </div>
          </form>
        </div>
      </div>
    </section>
  ),
});
