/**
 * The server benchmark's rows as a stream (bench/server/run.js, "a rename by its parts"): the
 * same N rows and row markup as rows.tsx, in a `phx-update="stream"` table body; a rename is a
 * `streamInsert` of the renamed row, which the server renders alone and then forgets.
 */
import { defineView, type LiveStream } from "@livetsx/server";

interface Row {
  id: number;
  label: string;
}

export default defineView<{ streams: { rows: LiveStream<Row> } }>({
  mount: (params, _session, socket) => {
    const n = Number(params.n ?? 1000);
    socket.stream("rows", Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` })));
  },
  events: {
    rename: (payload, socket) => socket.streamInsert("rows", { id: Number(payload.id), label: String(payload.label) }),
  },
  render: ({ streams }) => (
    <main>
      <table>
        <tbody id="rows" phx-update="stream">
          {streams.rows.map(([domId, row]) => (
            <tr id={domId} class="">
              <td>{row.id}</td>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  ),
});
