import { defineView, type EventPayload } from "@livetsx/server";

interface Row {
  id: number;
  label: string;
}

interface Assigns {
  items: string[];
  user: { name: string };
  rows: Row[];
  count: number;
}

function Greeting({ user }: { user: { name: string } }) {
  return <em>Hello {user.name}</em>;
}

/** Assigns changed in place and assigned again, next to the same changes made immutably. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({
      items: ["a"],
      user: { name: "Ann" },
      rows: [
        { id: 1, label: "one" },
        { id: 2, label: "two" },
      ],
      count: 0,
    });
  },
  events: {
    push: (_payload, socket) => {
      const items = socket.assigns.items;
      items.push(`i${items.length}`);
      socket.assign("items", items);
    },
    updatePush: (_payload, socket) => socket.update("items", (items) => (items.push(`u${items.length}`), items)),
    rename: (payload: EventPayload, socket) => {
      const user = socket.assigns.user;
      user.name = String(payload.name);
      socket.assign({ user });
    },
    relabel: (payload: EventPayload, socket) => {
      const rows = socket.assigns.rows;
      rows[0]!.label = String(payload.label);
      socket.assign("rows", rows);
    },
    relabelImmutably: (payload: EventPayload, socket) =>
      socket.update("rows", (rows) => rows.map((r) => (r.id === 2 ? { ...r, label: String(payload.label) } : r))),
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    sameCount: (_payload, socket) => socket.assign("count", socket.assigns.count),
  },
  render: ({ items, user, rows, count }) => (
    <main>
      <p>{items.length} items</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h1>{user.name}</h1>
      <Greeting user={user} />
      <table>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.label}</td>
          </tr>
        ))}
      </table>
      <footer>{count}</footer>
    </main>
  ),
});
