import { defineView } from "@livetsx/server";

interface Item {
  id: number;
  label: string;
}

interface Assigns {
  look: string;
  inner: string;
  title: string;
  note: string;
  extra: boolean;
  items: readonly Item[];
  tags: readonly string[];
}

/**
 * Changes the whole view patches with its unchanged parts as stubs: the root element's and an
 * inner element's attributes, a text between marked elements, an element appearing beside the
 * lists, and those together with a change inside a list.
 */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({
      look: "plain",
      inner: "box",
      title: "Hollow",
      note: "first",
      extra: false,
      items: [1, 2, 3, 4].map((id) => ({ id, label: `item ${id}` })),
      tags: ["p", "q"],
    });
  },
  events: {
    set: (p: Partial<Assigns>, socket) => socket.assign(p),
    rename: (p: { id: number; label: string; look?: string }, socket) => {
      socket.update("items", (items) => items.map((item) => (item.id === p.id ? { ...item, label: p.label } : item)));
      if (p.look !== undefined) socket.assign({ look: p.look });
    },
  },
  render: ({ look, inner, title, note, extra, items, tags }) => (
    <section class={look} data-look={look}>
      <h1>{title}</h1>
      text {note} between
      <div class={inner}>
        <ul>
          {items.map((item) => (
            <li key={item.id}>{item.label}</li>
          ))}
        </ul>
        {extra && <p>extra</p>}
        <ol>
          {tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ol>
      </div>
    </section>
  ),
});
