/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4359: the parent navigates while
 * its child view (`live_render`) is still mounting.
 */
import { defineView, LiveView } from "@livetsx/server";

/** The nested view (`id: "child"`). */
export const ChildLive = defineView({
  render: () => <>child</>,
});

export default defineView({
  mount: (params, _session, socket) => {
    if (socket.connected && params["done"] !== "1") socket.sendInfo("go");
  },
  handleInfo: async (message, socket) => {
    if (message !== "go") return;
    // The child's mount waits behind this message in Phoenix: hold the view as it does.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    socket.pushNavigate("/issues/4359?done=1");
  },
  render: () => <LiveView module={ChildLive} id="child" />,
});
