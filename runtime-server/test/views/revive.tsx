import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

/** A counter component, inside `Branch`. */
export const Leaf = defineComponent<{ count: number }>({
  mount: (socket) => socket.assign({ count: 0 }),
  events: { bump: (_payload, socket) => socket.update("count", (c) => c + 1) },
  render: ({ count, myself }) => (
    <div id="leaf">
      count: <span id="leaf-count">{count}</span>
      <button id="bump" phx-click="bump" phx-target={myself}>bump</button>
    </div>
  ),
});

/** `tick` changes and the Leaf below does not: the slot holding it is skipped after the first render. */
export const Branch = defineComponent<{ tick: number }>({
  render: ({ tick }) => (
    <div id="branch">
      tick: {tick}
      <LiveComponent module={Leaf} id="leaf" />
    </div>
  ),
});

/** A branch of components that can be hidden and shown again. */
export default defineView<{ show: boolean; tick: number }>({
  mount: (_params, _session, socket) => socket.assign({ show: true, tick: 0 }),
  events: {
    tick: (_payload, socket) => socket.update("tick", (t) => t + 1),
    hide: (_payload, socket) => socket.assign({ show: false }),
    show: (_payload, socket) => socket.assign({ show: true }),
  },
  render: ({ show, tick }) => (
    <main>
      {show && (
        <div id="wrapper">
          <LiveComponent module={Branch} id="branch" tick={tick} />
        </div>
      )}
    </main>
  ),
});
