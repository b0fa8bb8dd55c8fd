import { defineView } from "@livetsx/server";

/** What the benchmark broadcasts: a sequence number, when it was sent, and a line of text. */
interface Tick {
  n: number;
  sent: number;
  text: string;
}

/** A view subscribed to "fanout" that shows the last message: each one is a render and a diff. */
export default defineView<{ n: number; text: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ n: 0, text: "" });
    if (socket.connected) socket.subscribe("fanout");
  },
  events: {},
  handleInfo: (message, socket) => {
    const tick = message as Tick;
    socket.assign({ n: tick.n, text: tick.text });
  },
  render: ({ n, text }) => (
    <div class="ticker">
      <span class="n">{n}</span>
      <p>{text}</p>
    </div>
  ),
});
