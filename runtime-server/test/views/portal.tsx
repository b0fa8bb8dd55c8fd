import { defineView, Portal } from "@livetsx/server";

export default defineView<{ count: number; open: boolean }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0, open: true });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    toggle: (_payload, socket) => socket.update("open", (o) => !o),
  },
  render: ({ count, open }) => (
    <div>
      {open && (
        <Portal id="modal" target="#portal-root" class="contents">
          <p id="in-portal">Count: {count}</p>
          <button phx-click="inc">+</button>
        </Portal>
      )}
      <button id="inc" phx-click="inc">inc</button>
      <button id="toggle" phx-click="toggle">toggle</button>
    </div>
  ),
});
