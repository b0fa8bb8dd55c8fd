import { defineView } from "@livetsx/server";

/**
 * Pushes without being asked: every `every` ms (`?every=`, default 1) a new `size`-byte text
 * (`?size=`, default 65536), so each push is a diff of that size.
 */
export default defineView<{ tick: number; blob: string; every: number; size: number }>({
  mount: (params, _session, socket) => {
    socket.assign({ tick: 0, blob: "", every: Number(params.every ?? 1), size: Number(params.size ?? 65536) });
    if (socket.connected) socket.sendAfter("tick", socket.assigns.every);
  },
  events: {},
  handleInfo: (message, socket) => {
    if (message !== "tick") return;
    const tick = socket.assigns.tick + 1;
    socket.assign({ tick, blob: `${tick} `.padEnd(socket.assigns.size, "x") });
    socket.sendAfter("tick", socket.assigns.every);
  },
  render: ({ tick, blob }) => (
    <div>
      <p>{tick}</p>
      <pre>{blob}</pre>
    </div>
  ),
});
