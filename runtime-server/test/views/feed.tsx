import { defineView } from "@livetsx/server";

/** Shows the latest message broadcast on "feed"; each one changes the page by its body's size. */
export default defineView<{ n: number; body: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ n: 0, body: "" });
    if (socket.connected) socket.subscribe("feed");
  },
  handleInfo: (message, socket) => {
    const { n, body } = message as { n: number; body: string };
    socket.assign({ n, body });
  },
  render: ({ n, body }) => (
    <div>
      <span>{n}</span>
      <pre>{body}</pre>
    </div>
  ),
});
