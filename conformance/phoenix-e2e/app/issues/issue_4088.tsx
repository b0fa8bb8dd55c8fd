/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4088: a hook pushes to its live
 * component while the component's container is locked. The hook is colocated in Phoenix
 * (`<script :type={ColocatedHook} name=".MyHook">`); LiveTSX has no colocated hooks, so the
 * component registers the same code under the name Phoenix gives it, in `window.hooks`, from an
 * inline script that runs in the HTTP render before the LiveSocket starts.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";
import { InlineScript } from "./shared.tsx";

const HOOK = "Phoenix.LiveViewTest.E2E.Issue4088Live.LC.MyHook";

const SCRIPT = `
window.hooks[${JSON.stringify(HOOK)}] = {
  mounted() {
    this.pushEventTo(this.el, "my_update", {});
    this.pushEventTo(this.el, "my_update", {});
    this.pushEventTo(this.el, "my_update", {});
  },
};
`;

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

export default defineView({
  render: () => (
    <>
      <InlineScript code={SCRIPT} />
      <LiveComponent module={LC} id="lc" />
    </>
  ),
});
