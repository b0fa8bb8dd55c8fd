/** A counter in a view of its own, nested in the pages: its clicks go to its own channel. */
import { defineView } from "@livetsx/server";

export default defineView<{ count: number; label: string }>({
  mount: (_params, session, socket) => {
    socket.assign({ count: 0, label: String(session.label ?? "") });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    key: (_payload, socket) => socket.update("count", (c) => c + 10),
    boom: () => {
      throw new Error("the nested counter crashed on purpose");
    },
  },
  render: ({ count, label }) => (
    <div class="counter" phx-window-keydown="key" phx-key="k">
      <span class="count">{label} {count}</span>
      <button class="inc" phx-click="inc">+</button>
      <button class="boom" phx-click="boom">crash</button>
    </div>
  ),
});
