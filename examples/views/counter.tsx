import { defineView } from "@livetsx/server";

interface Assigns {
  count: number;
}

export default defineView({
  mount: (_params, _session, socket) => socket.assign({ count: 0 }),
  events: {
    inc: (_payload, socket) => socket.update("count", (c: number) => c + 1),
    dec: (_payload, socket) => socket.update("count", (c: number) => c - 1),
  },
  render: ({ count }: Assigns) => (
    <div class="counter">
      <h1>Count: {count}</h1>
      <button phx-click="dec">-</button>
      <button phx-click="inc">+</button>
    </div>
  ),
});
