import { defineView } from "@livetsx/server";

function Badge({ status, children }: { status: string; children?: unknown }) {
  return (
    <span class={`badge ${status}`}>
      {status.toUpperCase()} {children}
    </span>
  );
}

/** Components, branch switches, nested lists and an untracked helper. */
export default defineView<{ status: string; other: number; open: boolean; detail: string; grid: number[][] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ status: "ok", other: 0, open: false, detail: "d", grid: [[1, 2], [3, 4]] });
  },
  events: {
    other: (_p, socket) => socket.update("other", (n) => n + 1),
    status: (payload: { to: string }, socket) => socket.assign({ status: payload.to }),
    open: (_p, socket) => socket.update("open", (o) => !o),
    detail: (payload: { to: string }, socket) => socket.assign({ detail: payload.to }),
    cell: (_p, socket) => socket.update("grid", (g) => [g[0]!, [g[1]![0]!, 40]]),
  },
  render: ({ status, other, open, detail, grid }) => (
    <div>
      <Badge status={status}>
        <i>{other}</i>
      </Badge>
      {open ? <section class="open">{detail}</section> : <p>closed</p>}
      <table>
        {grid.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (
              <td key={c}>{cell}</td>
            ))}
          </tr>
        ))}
      </table>
    </div>
  ),
});
