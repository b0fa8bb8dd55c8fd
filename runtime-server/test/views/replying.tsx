/** A view and a live component whose handlers answer with `reply(…)`. */
import { defineComponent, defineView, LiveComponent, reply } from "../../src/index.js";

const Dial = defineComponent({
  mount: (socket) => socket.assign({ turns: 0 }),
  events: {
    turn: (_p, socket) => {
      socket.update("turns", (n: number) => n + 1);
      return reply({ turns: socket.assigns.turns });
    },
  },
  render: ({ turns, myself }: { turns: number; myself: number }) => (
    <b phx-click="turn" phx-target={myself}>{turns}</b>
  ),
});

export default defineView({
  mount: (_p, _s, socket) => socket.assign({ count: 0 }),
  events: {
    inc: (_p, socket) => {
      socket.update("count", (n: number) => n + 1);
      return reply({ count: socket.assigns.count });
    },
    ask: async (payload: { q?: string }) => {
      await Promise.resolve();
      return reply({ answer: `you asked ${String(payload.q)}` });
    },
    plain: (_p, socket) => socket.assign({ count: 100 }),
    away: (_p, socket) => {
      socket.pushNavigate("/elsewhere");
      return reply({ never: true });
    },
    bad: () => reply([1, 2] as never),
  },
  render: ({ count }: { count: number }) => (
    <div>
      <p>{count}</p>
      <LiveComponent module={Dial} id="dial" />
    </div>
  ),
});
