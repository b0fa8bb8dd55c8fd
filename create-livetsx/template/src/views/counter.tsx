import { defineView } from "@livetsx/server";

/** A number and two buttons: each click is one WebSocket message, and only the number comes back. */
export default defineView<{ count: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0 }).pageTitle("Counter");
  },
  events: {
    dec: (_payload, socket) => socket.update("count", (c) => c - 1),
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
  },
  render: ({ count }) => (
    <section>
      <h1>Counter</h1>
      <p id="count">{count}</p>
      <button phx-click="dec" aria-label="Decrement">−</button>
      <button phx-click="inc" aria-label="Increment">+</button>
    </section>
  ),
});
