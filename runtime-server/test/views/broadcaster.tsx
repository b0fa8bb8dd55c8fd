import { defineView } from "@livetsx/server";

/** Broadcasts without awaiting, as a chat's send usually does. */
export default defineView<{ sent: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ sent: 0 });
  },
  events: {
    send: (_payload, socket) => {
      void socket.broadcast("room", { text: "hi" });
      socket.update("sent", (n) => n + 1);
    },
    sendAwaited: async (_payload, socket) => {
      await socket.broadcast("room", { text: "hi" });
    },
  },
  render: ({ sent }) => <p>{sent}</p>,
});
