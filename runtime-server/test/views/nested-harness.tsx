import { defineView, LiveView } from "@livetsx/server";

/** A counter in a view of its own, which crashes on request. */
export const Counter = defineView<{ count: number; label: string }>({
  mount: (_params, session, socket) => socket.assign({ count: 0, label: String(session.label ?? "") }),
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    boom: () => {
      throw new Error("counter boom");
    },
  },
  render: ({ count, label }) => (
    <div>
      <p class="count">
        {label} {count}
      </p>
      <button class="inc" phx-click="inc">+</button>
      <button class="boom" phx-click="boom">boom</button>
    </div>
  ),
});

/** Two counters, the second one removable. */
export default defineView<{ count: number; show: boolean }>({
  mount: (_params, _session, socket) => socket.assign({ count: 0, show: true }),
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    hide: (_payload, socket) => socket.assign({ show: false }),
  },
  render: ({ count, show }) => (
    <main>
      <h1>Parent {count}</h1>
      <button id="parent-inc" phx-click="inc">+</button>
      <button id="hide" phx-click="hide">hide</button>
      <LiveView module={Counter} id="a" session={{ label: "a" }} />
      {show && <LiveView module={Counter} id="b" session={{ label: "b" }} />}
    </main>
  ),
});

/** A page whose child has a child. */
export const Outer = defineView({
  render: () => (
    <div>
      <LiveView module={defineView({ render: () => <LiveView module={Counter} id="leaf" session={{ label: "leaf" }} /> })} id="middle" />
    </div>
  ),
});
