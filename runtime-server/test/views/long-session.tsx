import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

/** A live component whose props change on every render of its parent. */
export const Meter = defineComponent<{ value: number; label: string }>({
  mount: (socket) => {
    socket.assign({ label: "meter" });
  },
  events: {},
  render: ({ value, label }) => (
    <p>
      {label}: {value}
    </p>
  ),
});

function Badge({ value }: { value: number }) {
  return <b class={value % 2 ? "odd" : "even"}>{value}</b>;
}

/** Every kind of scope on every event: the view's, a function component's, list entries', a live component's. */
export default defineView<{ count: number; rows: { id: number; n: number }[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0, rows: [1, 2, 3].map((id) => ({ id, n: 0 })) });
  },
  events: {
    inc: (_payload, socket) =>
      socket.update("count", (n) => n + 1).update("rows", (rows) => rows.map((r) => (r.id === 2 ? { ...r, n: r.n + 1 } : r))),
  },
  render: ({ count, rows }) => (
    <main>
      <Badge value={count} />
      <ul>
        {rows.map((row) => (
          <li key={row.id}>{row.n + count}</li>
        ))}
      </ul>
      <LiveComponent module={Meter} id="m" value={count} />
    </main>
  ),
});
