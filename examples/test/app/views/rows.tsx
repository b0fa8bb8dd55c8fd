import { defineView } from "@livetsx/server";

interface Row {
  id: number;
  label: string;
}

/** A keyed list with a counter above it: row changes are patched row by row. */
export default defineView<{ rows: Row[]; count: number; look: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ rows: Array.from({ length: 200 }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` })), count: 0, look: "plain" });
  },
  events: {
    rename: (p: { id?: string; label?: string }, s) =>
      s.update("rows", (rows) => rows.map((r) => (r.id === Number(p.id) ? { ...r, label: String(p.label) } : r))),
    swap: (_p, s) => s.update("rows", (rows) => [rows[1]!, rows[0]!, ...rows.slice(2)]),
    bump: (_p, s) => s.update("count", (c) => c + 1),
    restyle: (_p, s) => s.update("look", (l) => (l === "plain" ? "fancy" : "plain")),
  },
  render: ({ rows, count, look }) => (
    <div class={look}>
      <p id="count">{count}</p>
      <button id="rename" phx-click="rename" phx-value-id="50" phx-value-label="renamed">rename</button>
      <button id="swap" phx-click="swap">swap</button>
      <button id="bump" phx-click="bump">bump</button>
      <button id="restyle" phx-click="restyle">restyle</button>
      <table>
        <tbody id="rows">
          {rows.map((row) => (
            <tr key={row.id} id={`row-${row.id}`}>
              <td class="label">{row.label}</td>
              <td>
                <input name={`note-${row.id}`} value={row.label} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div id="frozen" phx-update="ignore">
        <ul>
          {rows.slice(0, 3).map((row) => (
            <li key={row.id}>{row.label}</li>
          ))}
        </ul>
      </div>
    </div>
  ),
});
