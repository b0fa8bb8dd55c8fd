/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4088: a hook pushes to its live
 * component while the component's container is locked. The hook is colocated in Phoenix
 * (`<script :type={ColocatedHook} name=".MyHook">`); LiveTSX has no colocated hooks, so the page's
 * layout registers the same code in `window.hooks` under the name Phoenix gives it.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";
import { colocatedHook, withPreScript } from "./layouts.ts";

const HOOK = "Phoenix.LiveViewTest.E2E.Issue4088Live.LC.MyHook";

const SCRIPT = colocatedHook(HOOK, `{
  mounted() {
    this.pushEventTo(this.el, "my_update", {});
    this.pushEventTo(this.el, "my_update", {});
    this.pushEventTo(this.el, "my_update", {});
  },
}`);

export const LC = defineComponent<{ test: unknown }>({
  mount: (socket) => {
    socket.assign({ test: "value" });
  },
  events: {
    my_update: (_payload, socket) => socket.assign({ test: Math.random() }),
  },
  render: ({ test, myself }) => (
    <div id="foo" phx-hook={HOOK} phx-target={myself}>
      {String(test)}
    </div>
  ),
});

/** The standard live layout, registering the colocated hook first. */
export const layout = withPreScript(SCRIPT);

export default defineView({
  render: () => (
    <>
      <LiveComponent module={LC} id="lc" />
    </>
  ),
});
