import { defineView, type LiveSocket, type LiveStream } from "@livetsx/server";

interface Entry {
  id: number;
  label: string;
}

const entry = (id: number): Entry => ({ id, label: `entry ${id}` });

/**
 * A stream the server does not keep: inserts at the end, the start and in the middle, with
 * limits, updates in place, deletes and a reset, each from a button.
 */
export default defineView<{ next: number; ops: number; streams: { entries: LiveStream<Entry> } }>({
  mount: (_params, _session, socket) => {
    socket.assign({ next: 4, ops: 0 }).stream("entries", [entry(1), entry(2), entry(3)]).pageTitle("Stream");
  },
  events: {
    append: (_p, socket) => insert(socket, {}),
    prepend: (_p, socket) => insert(socket, { at: 0 }),
    "insert-at-1": (_p, socket) => insert(socket, { at: 1 }),
    "prepend-limited": (_p, socket) => insert(socket, { at: 0, limit: 4 }),
    "append-limited": (_p, socket) => insert(socket, { at: -1, limit: -4 }),
    batch: (_p, socket) => {
      const n = socket.assigns.next;
      socket.stream("entries", [entry(n), entry(n + 1), entry(n + 2)]).assign({ next: n + 3 }).update("ops", (o) => o + 1);
    },
    reset: (_p, socket) => {
      const n = socket.assigns.next;
      socket.stream("entries", [entry(n), entry(n + 1)], { reset: true }).assign({ next: n + 2 }).update("ops", (o) => o + 1);
    },
    rename: (payload: { id?: string; label?: string }, socket) => {
      socket.streamInsert("entries", { id: Number(payload.id), label: `${payload.label ?? ""}!` }).update("ops", (o) => o + 1);
    },
    delete: (payload: { id?: string }, socket) => {
      socket.streamDelete("entries", { id: Number(payload.id) }).update("ops", (o) => o + 1);
    },
  },
  render: ({ ops, streams }) => (
    <section class="stream">
      <h1>Stream</h1>
      <p>
        <span id="ops">{ops}</span> operations
      </p>
      <div class="buttons">
        <button id="append" phx-click="append">append</button>
        <button id="prepend" phx-click="prepend">prepend</button>
        <button id="insert-at-1" phx-click="insert-at-1">insert at 1</button>
        <button id="prepend-limited" phx-click="prepend-limited">prepend, keep 4</button>
        <button id="append-limited" phx-click="append-limited">append, keep last 4</button>
        <button id="batch" phx-click="batch">append three</button>
        <button id="reset" phx-click="reset">reset</button>
      </div>
      <ul id="entries" phx-update="stream">
        {streams.entries.map(([domId, e]) => (
          <li id={domId} key={domId} class="entry">
            <span class="label">{e.label}</span>
            <button class="rename" phx-click="rename" phx-value-id={e.id} phx-value-label={e.label}>rename</button>
            <button class="delete" phx-click="delete" phx-value-id={e.id}>delete</button>
          </li>
        ))}
      </ul>
    </section>
  ),
});

function insert(socket: LiveSocket<{ next: number; ops: number }>, options: { at?: number; limit?: number }): void {
  const n = socket.assigns.next;
  socket.streamInsert("entries", entry(n), options).assign({ next: n + 1 }).update("ops", (o) => o + 1);
}
