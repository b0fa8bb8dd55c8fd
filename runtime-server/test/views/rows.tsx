import { defineView, type EventPayload } from "@livetsx/server";

interface Row {
  id: number;
  label: string;
}

export default defineView<{ count: number; rows: Row[]; selected: number | null }>({
  mount: (params, _session, socket) => {
    if (params.n === "crash") throw new Error("mount failed");
    const n = Number(params.n ?? 1000);
    socket.assign({ count: 0, selected: null, rows: Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` })) });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    rename: (payload: EventPayload, socket) => {
      const id = Number(payload.id);
      socket.update("rows", (rows) => rows.map((r) => (r.id === id ? { ...r, label: String(payload.label) } : r)));
    },
    select: (payload: EventPayload, socket) => socket.assign({ selected: Number(payload.id) }),
    append: (_payload, socket) => socket.update("rows", (rows) => [...rows, { id: rows.length + 1, label: `row ${rows.length + 1}` }]),
    swap: (_payload, socket) =>
      socket.update("rows", (rows) => {
        const next = rows.slice();
        [next[1], next[next.length - 2]] = [next[next.length - 2]!, next[1]!];
        return next;
      }),
    clear: (_payload, socket) => socket.assign({ rows: [] }),
    mutate: (_payload, socket) => {
      (socket.assigns.rows as Row[]).push({ id: 0, label: "x" });
    },
  },
  render: ({ count, rows, selected }) => (
    <main>
      <p>Clicks: {count}</p>
      <table>
        {rows.map((row) => (
          <tr key={row.id} class={row.id === selected ? "selected" : ""}>
            <td>{row.id}</td>
            <td>{row.label}</td>
          </tr>
        ))}
      </table>
    </main>
  ),
});
