/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3658: phx-remove elements of a
 * sticky nested view stay when the parent navigates. The sticky view (`live_render(…, sticky:
 * true)`) needs nested live views, which LiveTSX lacks: it is defined below, not rendered.
 */
import { defineView, JS, Link } from "@livetsx/server";

/** The sticky nested view (`id: "sticky"`). */
export const Sticky = defineView({
  render: () => (
    <div>
      <div id="foo" phx-remove={JS.dispatch("my-event")}>Hi</div>
    </div>
  ),
});

export default defineView({
  render: () => (
    <>
      <Link navigate="/issues/3658?navigated=true">Link 1</Link>
    </>
  ),
});
