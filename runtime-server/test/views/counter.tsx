import { defineView } from "@livetsx/server";

export default defineView<{ count: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0 });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    dec: (_payload, socket) => socket.update("count", (c) => c - 1),
    same: (_payload, socket) => socket.assign({ count: socket.assigns.count }),
    titled: (_payload, socket) => socket.pageTitle(`Count ${socket.assigns.count}`).pushEvent("highlight", { id: 5 }),
  },
  render: ({ count }) => (
    <div class="counter">
      <h1>Count: {count}</h1>
      <button phx-click="dec">-</button>
      <button phx-click="inc">+</button>
    </div>
  ),
});
