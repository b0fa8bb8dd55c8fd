import { defineView } from "@livetsx/server";

interface Item {
  id: number;
  text: string;
}

/** A list: a form adds an entry, a button removes one; each entry is keyed by its id. */
export default defineView<{ items: Item[]; nextId: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ items: [{ id: 1, text: "Edit src/views/list.tsx" }], nextId: 2 }).pageTitle("List");
  },
  events: {
    add: (payload: { text?: string }, socket) => {
      const text = String(payload.text ?? "").trim();
      if (!text) return;
      const id = socket.assigns.nextId;
      socket.update("items", (items) => [...items, { id, text }]).assign({ nextId: id + 1 });
    },
    remove: (payload: { id?: string }, socket) => {
      socket.update("items", (items) => items.filter((item) => String(item.id) !== payload.id));
    },
  },
  render: ({ items }) => (
    <section>
      <h1>List</h1>
      <form phx-submit="add">
        <input name="text" placeholder="Something to remember" autocomplete="off" />
        <button type="submit">Add</button>
      </form>
      <ul id="items">
        {items.map((item) => (
          <li key={item.id}>
            {item.text} <button phx-click="remove" phx-value-id={item.id} aria-label="Remove">×</button>
          </li>
        ))}
      </ul>
    </section>
  ),
});
