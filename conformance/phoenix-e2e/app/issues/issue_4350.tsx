/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4350: a live component destroyed
 * and used again before the client's `cids_destroyed` arrives revives its whole subtree,
 * children that change tracking skips included.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

export const Leaf = defineComponent<{ count: number }>({
  mount: (socket) => {
    socket.assign({ count: 0 });
  },
  events: {
    bump: (_payload, socket) => socket.update("count", (c: number) => c + 1),
  },
  render: ({ count, myself }) => (
    <div id="leaf">
      count: <span id="leaf-count">{count}</span>
      <button id="bump" phx-click="bump" phx-target={myself}>
        bump
      </button>
    </div>
  ),
});

/** `tick` changes, the leaf below does not, so change tracking skips it after the first render. */
export const Branch = defineComponent<{ tick: number }>({
  render: ({ tick }) => (
    <div id="branch">
      tick: {tick}
      <LiveComponent module={Leaf} id="leaf" />
    </div>
  ),
});

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ show: true, tick: 0 });
  },
  events: {
    tick: (_payload, socket) => socket.update("tick", (t: number) => t + 1),
    hide: (_payload, socket) => socket.assign({ show: false }),
    show: (_payload, socket) => socket.assign({ show: true }),
  },
  render: ({ show, tick }: { show: boolean; tick: number }) => (
    <>
      <button id="tick" phx-click="tick">
        tick
      </button>
      <button id="hide" phx-click="hide">
        hide
      </button>
      <button id="show" phx-click="show">
        show
      </button>
      {show ? (
        <div id="wrapper">
          <LiveComponent module={Branch} id="branch" tick={tick} />
        </div>
      ) : null}
    </>
  ),
});
