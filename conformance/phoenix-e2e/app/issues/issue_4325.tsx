/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4325: a hook that sets its own id
 * through JS commands is not remounted. Phoenix renders the hook's script from the live layout
 * (`pre_script`, before the LiveSocket starts); here the view renders it first, which runs in
 * the HTTP render, before the layout's module script.
 */
import { defineView } from "@livetsx/server";
import { InlineScript } from "./shared.tsx";

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

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0 });
  },
  events: {
    increment: (_payload, socket) => socket.update("count", (c: number) => c + 1),
  },
  render: ({ count }: { count: number }) => (
    <>
      <InlineScript code={PRE_SCRIPT} />
      <button phx-click="increment">Increment</button>
      <div id="hooked" phx-hook="IdPassthrough">
        count is {count}
      </div>
    </>
  ),
});
