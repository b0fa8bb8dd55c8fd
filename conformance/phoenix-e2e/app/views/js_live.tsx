/** Port of support/js_live.ex (`/js`): JS commands on a modal and ignore_attributes on details. */
import { defineView, JS } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => socket.assign({ count: 0 }),
  events: {
    increment: (_payload, socket) => socket.update("count", (c: number) => c + 1),
  },
  render: ({ count }: { count: number }) => (
    <>
      <div id="my-modal" aria-expanded="false" style="display: none;">Test</div>

      <button
        phx-click={JS.show({ to: "#my-modal", transition: "fade-in", time: 50 })
          .setAttribute(["aria-expanded", "true"], { to: "#my-modal" })
          .setAttribute(["open", "true"], { to: "#my-modal" })}
      >
        show modal
      </button>

      <button
        phx-click={JS.hide({ to: "#my-modal", transition: "fade-out", time: 50 })
          .setAttribute(["aria-expanded", "false"], { to: "#my-modal" })
          .removeAttribute("open", { to: "#my-modal" })}
      >
        hide modal
      </button>

      <button
        phx-click={JS.toggle({ to: "#my-modal", in: "fade-in", out: "fade-out", time: 50 })
          .toggleAttribute(["aria-expanded", "true", "false"], { to: "#my-modal" })
          .toggleAttribute(["open", "true"], { to: "#my-modal" })}
      >
        toggle modal
      </button>

      <details phx-mounted={JS.ignoreAttributes(["open"])}>
        <summary>Details</summary>
        <button phx-click="increment">{count}</button>
      </details>
    </>
  ),
});
