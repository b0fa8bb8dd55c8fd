import { defineView, LiveView } from "@livetsx/server";

/** What the nested views' terminate heard, by view id. */
export const ended: string[] = [];

/** A counter that crashes on request, in a view of its own. */
export const Child = defineView<{ count: number; label: string; connected: boolean }>({
  mount: (_params, session, socket) => {
    socket.assign({ count: 0, label: String(session.label ?? ""), connected: socket.connected });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    boom: () => {
      throw new Error("child boom");
    },
  },
  render: ({ count, label, connected }) => (
    <p class="child">
      {label} {count} {connected ? "live" : "dead"}
    </p>
  ),
  terminate: (reason, socket) => {
    ended.push(`${socket.assigns.label}:${reason}`);
  },
});

/** A parent showing two children, one of them optional, and a sticky one. */
export default defineView<{ count: number; second: boolean; user: string }>({
  mount: (_params, session, socket) => {
    socket.assign({ count: 0, second: true, user: String(session.user ?? "nobody") });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    hide: (_payload, socket) => socket.assign({ second: false }),
    boom: () => {
      throw new Error("parent boom");
    },
  },
  render: ({ count, second }) => (
    <main>
      <h1>Parent {count}</h1>
      <LiveView module={Child} id="first" session={{ label: "one" }} container={["section", { class: "box" }]} />
      {second && <LiveView module={Child} id="second" session={{ label: "two" }} />}
      <LiveView module={Child} id="pinned" session={{ label: "pinned" }} sticky />
    </main>
  ),
});

/** A view rendering two children under one id. */
export const Twice = defineView({
  render: () => (
    <div>
      <LiveView module={Child} id="same" />
      <LiveView module={Child} id="same" />
    </div>
  ),
});

/** A child that has a child of its own. */
export const Middle = defineView({
  render: () => (
    <div class="middle">
      <LiveView module={Child} id="leaf" session={{ label: "leaf" }} />
    </div>
  ),
});

/** A page whose child has a child. */
export const Grand = defineView({
  render: () => (
    <div>
      <LiveView module={Middle} id="middle" />
    </div>
  ),
});
