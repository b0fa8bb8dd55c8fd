import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

interface Item {
  id: number;
  label: string;
  tags: readonly string[];
}

function Tag({ name }: { name: string }) {
  return <span class={`tag tag-${name}`}>{name}</span>;
}

/** One row: its own `open` state and events, a nested function component and list. */
export const Row = defineComponent<{ item: Item; theme: string; open: boolean }>({
  mount: (socket) => {
    socket.assign({ open: false });
  },
  events: {
    toggle: (_payload, socket) => socket.update("open", (open) => !open),
    rename: (payload: { label: string }, socket) => socket.update("item", (item) => ({ ...item, label: payload.label })),
  },
  render: ({ item, theme, open, myself }) => (
    <li class={`row ${theme}`} phx-click="toggle" phx-target={myself}>
      <b>{item.label}</b>
      {item.tags.map((tag) => (
        <Tag key={tag} name={tag} />
      ))}
      {open ? <p class="details">#{item.id}: {item.tags.length} tags</p> : <small>closed</small>}
    </li>
  ),
});

/** A second module with a template of its own, shown conditionally. */
export const Counter = defineComponent<{ count: number; label: string }>({
  mount: (socket) => {
    socket.assign({ count: 0 });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (n) => n + 1),
  },
  render: ({ count, label, myself }) => (
    <div class="counter">
      <button phx-click="inc" phx-target={myself}>
        {label}
      </button>
      <output>{count}</output>
    </div>
  ),
});

interface Assigns {
  items: readonly Item[];
  theme: string;
  showCounter: boolean;
  counterLabel: string;
  heading: string;
}

function item(id: number): Item {
  return { id, label: `item ${id}`, tags: id % 2 ? ["odd"] : ["even", "two"] };
}

/** Live components: many of one module in a keyed list (statics shared by ±cid), one that comes and goes. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ items: [1, 2, 3, 4].map(item), theme: "light", showCounter: true, counterLabel: "+1", heading: "Live" });
  },
  events: {
    set: (p: Partial<Assigns>, socket) => socket.assign(p),
    add: (p: { ids: number[]; at?: number }, socket) =>
      socket.update("items", (items) => {
        const next = items.slice();
        next.splice(p.at ?? next.length, 0, ...p.ids.map(item));
        return next;
      }),
    keep: (p: { ids: number[] }, socket) => socket.update("items", (items) => p.ids.map((id) => items.find((i) => i.id === id) ?? item(id))),
    tags: (p: { id: number; tags: string[] }, socket) =>
      socket.update("items", (items) => items.map((i) => (i.id === p.id ? { ...i, tags: p.tags } : i))),
  },
  render: ({ items, theme, showCounter, counterLabel, heading }) => (
    <main>
      <h1>{heading}</h1>
      {showCounter && <LiveComponent module={Counter} id="counter" label={counterLabel} />}
      <ul>
        {items.map((i) => (
          <LiveComponent key={i.id} module={Row} id={i.id} item={i} theme={theme} />
        ))}
      </ul>
    </main>
  ),
});
