/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4147: a colocated hook on an
 * element the root layout renders outside the LiveView (`render_in_root`). LiveTSX has no
 * colocated hooks: the layout registers the hook's code in `window.hooks` under the name Phoenix
 * gives it.
 */
import { defineView } from "@livetsx/server";
import { colocatedHook, inRoot, withPreScript } from "./layouts.ts";

const HOOK = "Phoenix.LiveViewTest.E2E.Issue4147Live.HookOutside";

const SCRIPT = colocatedHook(HOOK, `{ mounted() { console.log("HookOutside mounted"); } }`);

/** The element outside the view, then the standard live layout registering its hook. */
export const layout = inRoot(`<div id="foobar" phx-hook="${HOOK}"></div>`, withPreScript(SCRIPT));

export default defineView({
  render: () => <h1>Inside</h1>,
});
