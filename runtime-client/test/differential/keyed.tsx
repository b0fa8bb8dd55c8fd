import { defineView } from "@livetsx/server";

interface Item {
  id: number;
  label: string;
  count: number;
}

interface Assigns {
  items: readonly Item[];
}

type Edit = { id: number; label?: string; count?: number };

function applyEdits(items: readonly Item[], edits: readonly Edit[] = []): Item[] {
  return items.map((item) => {
    const edit = edits.find((e) => e.id === item.id);
    return edit ? { ...item, ...edit } : item;
  });
}

/** Keyed moves: arbitrary reorders with edits in the same event, reverse, rotate. */
export default defineView<Assigns>({
  mount: (params, _session, socket) => {
    const n = Number(params.n ?? 6);
    socket.assign({ items: Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `item ${i + 1}`, count: i })) });
  },
  events: {
    /** The items in `order` (by id), then `edits` applied. */
    arrange: (p: { order: number[]; edits?: Edit[] }, socket) =>
      socket.update("items", (items) => applyEdits(p.order.map((id) => items.find((i) => i.id === id) ?? { id, label: `item ${id}`, count: 0 }), p.edits)),
    edit: (p: { edits: Edit[] }, socket) => socket.update("items", (items) => applyEdits(items, p.edits)),
    reverse: (_p, socket) => socket.update("items", (items) => items.slice().reverse()),
    rotate: (p: { by: number }, socket) =>
      socket.update("items", (items) => {
        const by = ((p.by % items.length) + items.length) % items.length;
        return [...items.slice(by), ...items.slice(0, by)];
      }),
  },
  render: ({ items }) => (
    <ul id="items">
      {items.map((item) => (
        <li key={item.id} id={`item-${item.id}`} class={item.count > 3 ? "hot" : "cold"}>
          <span>{item.label}</span> <em>{item.count}</em>
        </li>
      ))}
    </ul>
  ),
});
