/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3612: a sticky nested view
 * navigates its parent with push_navigate.
 */
import { defineView } from "@livetsx/server";
import { registerSticky, StickyChild } from "./sticky.tsx";

/** The sticky nested view (`id: "sticky"`). Phoenix's `<.link phx-click>` is an `<a href="#">`. */
export const StickyLive = registerSticky("3612", defineView({
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
}));

export const ALive = defineView({
  render: () => (
    <>
      <StickyChild name="3612" />
      <h1>Page A</h1>
    </>
  ),
});

export const BLive = defineView({
  render: () => (
    <>
      <StickyChild name="3612" />
      <h1>Page B</h1>
    </>
  ),
});
