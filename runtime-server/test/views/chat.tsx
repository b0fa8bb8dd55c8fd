import { defineView, type EventPayload } from "@livetsx/server";

interface Message {
  id: number;
  from: string;
  text: string;
}

export default defineView<{ name: string; messages: Message[] }>({
  mount: (params, _session, socket) => {
    socket.assign({ name: String(params.name ?? "anon"), messages: [] });
    if (socket.connected) socket.subscribe("chat:lobby");
  },
  events: {
    send: async (payload: EventPayload, socket) => {
      await socket.broadcast("chat:lobby", { from: socket.assigns.name, text: String(payload.text) });
    },
  },
  handleInfo: (message, socket) => {
    const m = message as { from: string; text: string };
    socket.update("messages", (all) => [...all, { id: all.length + 1, ...m }]);
  },
  render: ({ name, messages }) => (
    <section>
      <h2>{name}</h2>
      <ol>
        {messages.map((m) => (
          <li key={m.id}>
            <b>{m.from}</b>: {m.text}
          </li>
        ))}
      </ol>
    </section>
  ),
});
