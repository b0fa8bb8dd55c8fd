/**
 * The server benchmark's view (bench/server/run.js): a counter and N keyed rows. The same
 * markup and the same state transitions are written for liveviewjs and as a plain template
 * function in bench/server/impls.js; run.js checks that all three render identical HTML.
 */
import { defineView } from "@livetsx/server";

interface Row {
  id: number;
  label: string;
}

interface Assigns {
  count: number;
  rows: Row[];
  selected: number | null;
}

export default defineView<Assigns>({
  mount: (params, _session, socket) => {
    const n = Number(params.n ?? 1000);
    socket.assign({ count: 0, selected: null, rows: Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` })) });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    rename: (payload, socket) => {
      const id = Number(payload.id);
      const label = String(payload.label);
      socket.update("rows", (rows) => rows.map((r) => (r.id === id ? { ...r, label } : r)));
    },
    select: (payload, socket) => socket.assign({ selected: Number(payload.id) }),
    append: (_payload, socket) =>
      socket.update("rows", (rows) => [...rows, { id: rows.length + 1, label: `row ${rows.length + 1}` }]),
    pop: (_payload, socket) => socket.update("rows", (rows) => rows.slice(0, -1)),
    swap: (_payload, socket) =>
      socket.update("rows", (rows) => {
        const next = rows.slice();
        [next[1], next[next.length - 2]] = [next[next.length - 2]!, next[1]!];
        return next;
      }),
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
