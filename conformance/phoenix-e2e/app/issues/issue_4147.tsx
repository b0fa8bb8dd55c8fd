/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4147: a colocated hook on an
 * element the root layout renders outside the LiveView (`render_in_root`). LiveTSX has neither
 * colocated hooks nor a root layout that reads a view's assigns: the view renders its own part.
 */
import { defineView } from "@livetsx/server";

export default defineView({
  render: () => <h1>Inside</h1>,
});
