/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4325: a hook that sets its own id
 * through JS commands is not remounted. The live layout renders the hook's script before the
 * LiveSocket starts (`pre_script`).
 */
import { defineView } from "@livetsx/server";
import { withPreScript } from "./layouts.ts";

const PRE_SCRIPT = `
  window.issue4325Lifecycle = { mounted: 0, updated: 0, destroyed: 0 };
  window.hooks.IdPassthrough = {
    mounted() {
      window.issue4325Lifecycle.mounted++;
      this.js().setAttribute(this.el, "id", this.el.id);
    },
    updated() {
      window.issue4325Lifecycle.updated++;
    },
    destroyed() {
      window.issue4325Lifecycle.destroyed++;
    },
  };
`;

/** The standard live layout with the page's `pre_script`. */
export const layout = withPreScript(PRE_SCRIPT);

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0 });
  },
  events: {
    increment: (_payload, socket) => socket.update("count", (c: number) => c + 1),
  },
  render: ({ count }: { count: number }) => (
    <>
      <button phx-click="increment">Increment</button>
      <div id="hooked" phx-hook="IdPassthrough">
        count is {count}
      </div>
    </>
  ),
});
