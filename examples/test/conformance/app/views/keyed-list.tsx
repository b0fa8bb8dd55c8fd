import { defineView } from "@livetsx/server";
import { INITIAL, ops, type Item } from "../list-ops.ts";

/** A keyed list reordered, shortened, grown and edited by buttons. */
export default defineView<{ items: Item[]; nextId: number; ops: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ items: [...INITIAL], nextId: INITIAL.length + 1, ops: 0 }).pageTitle("Keyed list");
  },
  events: {
    shuffle: (_p, socket) => {
      socket.update("items", ops.shuffle).update("ops", (n) => n + 1);
    },
    reverse: (_p, socket) => {
      socket.update("items", ops.reverse).update("ops", (n) => n + 1);
    },
    "remove-first": (_p, socket) => {
      socket.update("items", ops.removeFirst).update("ops", (n) => n + 1);
    },
    append: (_p, socket) => {
      const id = socket.assigns.nextId;
      socket.update("items", (items) => ops.append(items, id)).assign({ nextId: id + 1 }).update("ops", (n) => n + 1);
    },
    "edit-move": (_p, socket) => {
      socket.update("items", ops.editMove).update("ops", (n) => n + 1);
    },
  },
  render: ({ items, ops: count }) => (
    <section class="keyed">
      <h1>Keyed list</h1>
      <p>
        <span id="ops">{count}</span> operations, <span id="size">{items.length}</span> items
      </p>
      <div class="buttons">
        <button id="shuffle" phx-click="shuffle">shuffle</button>
        <button id="reverse" phx-click="reverse">reverse</button>
        <button id="remove-first" phx-click="remove-first">remove first</button>
        <button id="append" phx-click="append">append</button>
        <button id="edit-move" phx-click="edit-move">edit and move</button>
      </div>
      <ul id="items">
        {items.map((item) => (
          <li key={item.id} id={`item-${item.id}`} class={["item", item.label.endsWith("*") && "edited"]} data-label={item.label}>
            <span class="label">{item.label}</span> <small class="id">#{item.id}</small>
          </li>
        ))}
      </ul>
    </section>
  ),
});
