/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3953: destroying the components
 * of a nested view.
 */
import { defineComponent, defineView, LiveComponent, LiveView } from "@livetsx/server";

export const Component = defineComponent({
  render: () => <div>Component</div>,
});

/** The nested view (`id: "nested_view"`). */
export const NestedViewLive = defineView({
  render: () => (
    <>
      Nested Content
      <LiveComponent module={Component} id="comp2" />
    </>
  ),
});

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ show: false });
  },
  events: {
    toggle: (_payload, socket) => socket.assign({ show: !socket.assigns.show }),
  },
  render: ({ show }: { show: boolean }) => (
    <>
      <LiveComponent module={Component} id="comp" />
      <button phx-click="toggle">Show</button>
      {show ? <LiveView module={NestedViewLive} id="nested_view" session={{}} /> : null}
    </>
  ),
});
