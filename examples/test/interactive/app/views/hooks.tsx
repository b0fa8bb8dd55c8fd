/** A view whose elements carry the `Probe` hook (see ../hooks.js), for every hook callback and call. */
import { defineComponent, defineView, LiveComponent, reply } from "@livetsx/server";

const Dial = defineComponent({
  mount: (socket) => socket.assign({ turns: 0 }),
  events: {
    turn: (_p, socket) => {
      socket.update("turns", (n: number) => n + 1);
      return reply({ turns: socket.assigns.turns });
    },
  },
  render: ({ turns }: { turns: number; myself: number }) => (
    <div id="dial" phx-hook="Probe" data-turns={turns}>turns {turns}</div>
  ),
});

export default defineView({
  mount: (_p, _s, socket) => socket.assign({ count: 0, shown: true }),
  events: {
    inc: (_p, socket) => {
      socket.update("count", (n: number) => n + 1);
      socket.pushEvent("ping", { n: socket.assigns.count });
    },
    ask: (payload: { q?: string }) => reply({ answer: `you asked ${String(payload.q)}` }),
    hide: (_p, socket) => socket.assign({ shown: false }),
    crash: () => {
      throw new Error("crashed on purpose");
    },
  },
  render: ({ count, shown }: { count: number; shown: boolean }) => (
    <main>
      <div id="probe" phx-hook="Probe" data-count={count}>count {count}</div>
      {shown ? <div id="extra" phx-hook="Probe">extra</div> : null}
      <button id="inc" phx-click="inc">+</button>
      <button id="hide" phx-click="hide">hide</button>
      <button id="crash" phx-click="crash">crash</button>
      <LiveComponent module={Dial} id="dial" />
    </main>
  ),
});
