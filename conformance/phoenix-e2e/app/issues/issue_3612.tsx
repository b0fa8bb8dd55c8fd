/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3612: a sticky nested view
 * navigates its parent with push_navigate. The sticky view needs nested live views, which
 * LiveTSX lacks: it is defined below, and the pages render no child.
 */
import { defineView } from "@livetsx/server";

/** The sticky nested view (`id: "sticky"`). Phoenix's `<.link phx-click>` is an `<a href="#">`. */
export const StickyLive = defineView({
  events: {
    navigate_to_a: (_payload, socket) => socket.pushNavigate("/issues/3612/a"),
    navigate_to_b: (_payload, socket) => socket.pushNavigate("/issues/3612/b"),
  },
  render: () => (
    <div>
      <a href="#" phx-click="navigate_to_a">
        Go to page A
      </a>
      <a href="#" phx-click="navigate_to_b">
        Go to page B
      </a>
    </div>
  ),
});

export const ALive = defineView({
  render: () => <h1>Page A</h1>,
});

export const BLive = defineView({
  render: () => <h1>Page B</h1>,
});
