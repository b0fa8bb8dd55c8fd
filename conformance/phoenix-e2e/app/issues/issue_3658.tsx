/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3658: phx-remove elements of a
 * sticky nested view stay when the parent navigates.
 */
import { defineView, JS, Link } from "@livetsx/server";
import { registerSticky, StickyChild } from "./sticky.tsx";

/** The sticky nested view (`id: "sticky"`). */
export const Sticky = registerSticky("3658", defineView({
  render: () => (
    <div>
      <div id="foo" phx-remove={JS.dispatch("my-event")}>Hi</div>
    </div>
  ),
}));

export default defineView({
  render: () => (
    <>
      <Link navigate="/issues/3658?navigated=true">Link 1</Link>
      <StickyChild name="3658" />
    </>
  ),
});
