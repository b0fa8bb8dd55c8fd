import { defineView, type EventPayload } from "@livetsx/server";

interface Row {
  id: number;
  group: number;
  label: string;
}

/** Rows compared with outer assigns: by id (`selected`), by a shared value (`group`), and by identity (`pinned`). */
export default defineView<{ rows: Row[]; selected: unknown; group: number; pinned: Row | null; note: string }>({
  mount: (params, _session, socket) => {
    const n = Number(params.n ?? 100);
    socket.assign({
      selected: null,
      group: -1,
      pinned: null,
      note: "",
      rows: Array.from({ length: n }, (_, i) => ({ id: i + 1, group: i % 10, label: `row ${i + 1}` })),
    });
  },
  events: {
    select: (payload: EventPayload, socket) => socket.assign({ selected: payload.id }),
    group: (payload: EventPayload, socket) => socket.assign({ group: Number(payload.group) }),
    pin: (payload: EventPayload, socket) => socket.update("pinned", () => socket.assigns.rows.find((r) => r.id === Number(payload.id)) ?? null),
    note: (payload: EventPayload, socket) => socket.assign({ note: String(payload.note) }),
    rename: (payload: EventPayload, socket) => {
      const id = Number(payload.id);
      socket.update("rows", (rows) => rows.map((r) => (r.id === id ? { ...r, label: String(payload.label) } : r)));
    },
    renameAndSelect: (payload: EventPayload, socket) => {
      const id = Number(payload.id);
      socket.update("rows", (rows) => rows.map((r) => (r.id === id ? { ...r, label: String(payload.label) } : r)));
      socket.assign({ selected: id });
    },
    /** The row at the place of the given id is replaced by a row with another id. */
    replace: (payload: EventPayload, socket) => {
      const id = Number(payload.id);
      socket.update("rows", (rows) => rows.map((r) => (r.id === id ? { ...r, id: 1000 + id } : r)));
    },
    regroup: (payload: EventPayload, socket) => {
      const id = Number(payload.id);
      socket.update("rows", (rows) => rows.map((r) => (r.id === id ? { ...r, group: Number(payload.group) } : r)));
    },
    copy: (_payload, socket) => socket.update("rows", (rows) => rows.slice()),
  },
  render: ({ rows, selected, group, pinned, note }) => (
    <table>
      {rows.map((row) => (
        <tr key={row.id} class={row.id === selected ? "selected" : ""} data-group={group !== row.group ? null : "on"}>
          <td>{row === pinned ? <b>{row.label}</b> : row.label}</td>
          <td>{note}</td>
        </tr>
      ))}
    </table>
  ),
});
