import { defineView } from "@livetsx/server";

interface Row {
  id: number;
  cells: Readonly<Record<string, string>>;
  tags: readonly string[];
}

interface Assigns {
  caption: string;
  columns: readonly string[];
  rows: readonly Row[];
}

function row(id: number, columns: readonly string[]): Row {
  return { id, cells: Object.fromEntries(columns.map((c) => [c, `${c}${id}`])), tags: id % 2 ? ["odd"] : ["even", "pair"] };
}

/** Nested comprehensions: rows × columns, the inner list keyed by column, plus an unkeyed one. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    const columns = ["a", "b", "c"];
    socket.assign({ caption: "Grid", columns, rows: [1, 2, 3].map((id) => row(id, columns)) });
  },
  events: {
    cell: (p: { row: number; column: string; value: string }, socket) =>
      socket.update("rows", (rows) => rows.map((r) => (r.id === p.row ? { ...r, cells: { ...r.cells, [p.column]: p.value } } : r))),
    addRow: (p: { id: number; at?: number }, socket) =>
      socket.update("rows", (rows) => {
        const next = rows.slice();
        next.splice(p.at ?? next.length, 0, row(p.id, socket.assigns.columns));
        return next;
      }),
    /** Moves a row to `to` and changes one of its cells in the same event. */
    moveRow: (p: { id: number; to: number; column: string; value: string }, socket) =>
      socket.update("rows", (rows) => {
        const moved = rows.find((r) => r.id === p.id)!;
        const next = rows.filter((r) => r !== moved);
        next.splice(p.to, 0, { ...moved, cells: { ...moved.cells, [p.column]: p.value } });
        return next;
      }),
    reverseRows: (_p, socket) => socket.update("rows", (rows) => rows.slice().reverse()),
    removeRow: (p: { id: number }, socket) => socket.update("rows", (rows) => rows.filter((r) => r.id !== p.id)),
    addColumn: (p: { column: string; at?: number }, socket) =>
      socket.update("columns", (columns) => {
        const next = columns.slice();
        next.splice(p.at ?? next.length, 0, p.column);
        return next;
      }),
    removeColumn: (p: { column: string }, socket) => socket.update("columns", (columns) => columns.filter((c) => c !== p.column)),
    reverseColumns: (_p, socket) => socket.update("columns", (columns) => columns.slice().reverse()),
    tag: (p: { row: number; tags: string[] }, socket) =>
      socket.update("rows", (rows) => rows.map((r) => (r.id === p.row ? { ...r, tags: p.tags } : r))),
    caption: (p: { to: string }, socket) => socket.assign({ caption: p.to }),
  },
  render: ({ caption, columns, rows }) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>#</th>
          {columns.map((column) => (
            <th key={column}>{column.toUpperCase()}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} id={`row-${r.id}`}>
            <th>
              {r.id}
              {r.tags.map((tag, i) => (
                <small key={i}>{tag}</small>
              ))}
            </th>
            {columns.map((column) => (
              <td key={column} class={`col-${column}`}>
                {r.cells[column] ?? "–"}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  ),
});
