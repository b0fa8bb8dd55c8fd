/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3378: rejoining views with nested
 * streams. HomeLive renders AppBarLive which renders NotificationsLive (`live_render` twice).
 */
import { defineView, LiveView, type LiveStream } from "@livetsx/server";

interface Notification {
  id: number;
  message: string;
}

/** The innermost nested view (`id: :notifications`). */
export const NotificationsLive = defineView({
  mount: (_params, _session, socket) => {
    socket.stream("notifications", [{ id: 1, message: "Hello" }]);
  },
  render: ({ streams }: { streams: { notifications: LiveStream<Notification> } }) => (
    <div>
      <ul id="notifications_list" phx-update="stream">
        {streams.notifications.map(([domId]) => (
          <div id={domId} key={domId}>
            <p>big!</p>
          </div>
        ))}
      </ul>
    </div>
  ),
});

/** The middle nested view (`id: :appbar`). */
export const AppBarLive = defineView({
  render: () => (
    <div>
      <LiveView module={NotificationsLive} session={{}} id="notifications" />
    </div>
  ),
});

export const HomeLive = defineView({
  render: () => <LiveView module={AppBarLive} session={{}} id="appbar" />,
});
