import { defineView, type EventPayload } from "@livetsx/server";

/** Relays what it is sent to the other views on "relay" (broadcastFrom), or to all (broadcast). */
export default defineView<{ heard: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ heard: [] });
    if (socket.connected) socket.subscribe("relay");
  },
  events: {
    others: (payload: EventPayload, socket) => socket.broadcastFrom("relay", String(payload.text)),
    all: (payload: EventPayload, socket) => socket.broadcast("relay", String(payload.text)),
  },
  handleInfo: (message, socket) => {
    socket.update("heard", (heard) => [...heard, String(message)]);
  },
  render: ({ heard }) => (
    <section>
      <p id="heard">{heard.join(",")}</p>
      <button id="others" phx-click="others" phx-value-text="hi">
        others
      </button>
      <button id="all" phx-click="all" phx-value-text="yo">
        all
      </button>
    </section>
  ),
});
