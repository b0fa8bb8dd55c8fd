/** A page with a child counter (which can be removed) and a sticky one, linking to the second page. */
import { defineView, Link, LiveView } from "@livetsx/server";
import Counter from "./counter.tsx";

export default defineView<{ count: number; child: boolean }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0, child: true });
  },
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    remove: (_payload, socket) => socket.assign({ child: false }),
    restore: (_payload, socket) => socket.assign({ child: true }),
  },
  render: ({ count, child }) => (
    <main>
      <h1 id="parent">first {count}</h1>
      <button id="parent-inc" phx-click="inc">+</button>
      <button id="remove" phx-click="remove">remove the child</button>
      <button id="restore" phx-click="restore">render the child again</button>
      {child && <LiveView module={Counter} id="child" session={{ label: "child" }} container={["section", { class: "nested" }]} />}
      <Link id="to-second" navigate="/second">second</Link>
      <LiveView module={Counter} id="pinned" session={{ label: "pinned" }} sticky />
    </main>
  ),
});
