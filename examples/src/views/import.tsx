/**
 * A CSV import: the file streams to a writer that parses rows as the chunks arrive (nothing is
 * stored), and each chunk's rows appear at once, in a stream the server keeps none of.
 */
import { consumeUploadedEntry, defineView, LiveFileInput, uploadErrors, type LiveSocket, type LiveStream, type UploadWriter, type Uploads } from "@livetsx/server";

/** At most this many rows are shown; the rest are counted. */
const SHOWN = 200;

interface Row {
  id: number;
  cells: string[];
}

/** Splits CSV text into rows (quoted fields with commas, quotes and newlines). `rest` is an unfinished row. */
export function parseCSV(text: string, final: boolean): { rows: string[][]; rest: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      start = i + 1;
    } else field += c;
  }
  if (final) {
    if (field !== "" || row.length > 0) rows.push([...row, field]);
    return { rows, rest: "" };
  }
  return { rows, rest: text.slice(start) };
}

/** Parses as the bytes arrive and hands each chunk's rows to the view. */
function csvWriter(socket: LiveSocket<any>): UploadWriter {
  const decoder = new TextDecoder();
  let rest = "";
  const flush = (text: string, final: boolean) => {
    const parsed = parseCSV(rest + text, final);
    rest = parsed.rest;
    if (parsed.rows.length > 0) socket.sendInfo({ rows: parsed.rows });
  };
  return {
    write: (chunk) => flush(decoder.decode(chunk, { stream: true }), false),
    close: (reason) => {
      if (reason === "done") flush(decoder.decode(), true);
      socket.sendInfo({ finished: reason === "done" });
    },
    meta: () => ({}),
  };
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0, status: "Choose a CSV file" });
    socket.stream("rows", []);
    socket.allowUpload("csv", {
      accept: [".csv", "text/csv"],
      maxEntries: 1,
      maxFileSize: 50_000_000,
      autoUpload: true,
      // Done: its rows are in; consuming it ends its upload channel.
      progress: async (_name, entry, s) => {
        if (entry.done) await consumeUploadedEntry(s, entry, () => null);
      },
      writer: (_name, _entry, s) => csvWriter(s),
    });
    socket.pageTitle("CSV import");
  },
  events: {
    validate: () => undefined,
  },
  handleInfo: (info: unknown, socket) => {
    // Sent by this view's own upload writer.
    const message = info as { rows?: string[][]; finished?: boolean };
    if (message.rows) {
      const count = socket.assigns.count as number;
      const shown = message.rows.slice(0, Math.max(0, SHOWN - count)).map((cells, i): Row => ({ id: count + i + 1, cells }));
      socket.stream("rows", shown);
      socket.assign({ count: count + message.rows.length, status: "Importing…" });
    }
    if (message.finished !== undefined) socket.assign({ status: message.finished ? "Imported" : "Stopped" });
  },
  render: ({ uploads, count, status, streams }: { uploads: Uploads; count: number; status: string; streams: { rows: LiveStream<Row> } }) => (
    <section class="card">
      <h1>CSV import</h1>
      <form id="import-form" phx-change="validate" phx-drop-target={uploads.csv.ref}>
        <LiveFileInput upload={uploads.csv} />
        {uploads.csv.entries.map((entry) => (
          <p class="entry">
            {entry.clientName} <progress value={entry.progress} max="100" /> {entry.progress}%
            {uploadErrors(uploads.csv, entry).map((error) => (
              <span class="error"> {error}</span>
            ))}
          </p>
        ))}
      </form>
      <p id="status">
        {status}: <span id="count">{count}</span> rows
      </p>
      <table>
        <tbody id="rows" phx-update="stream">
          {streams.rows.map(([domId, row]) => (
            <tr id={domId}>
              {row.cells.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  ),
});
