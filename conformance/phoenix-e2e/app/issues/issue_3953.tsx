/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3953: destroying the components
 * of a nested view. The nested view (`live_render(…, id: "nested_view")`) needs nested live
 * views, which LiveTSX lacks: it is defined below, and the parent renders no child.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

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
  render: (_assigns: { show: boolean }) => (
    <>
      <LiveComponent module={Component} id="comp" />
      <button phx-click="toggle">Show</button>
      {/* live_render(NestedViewLive, id: "nested_view") once LiveTSX has nested live views */}
    </>
  ),
});
