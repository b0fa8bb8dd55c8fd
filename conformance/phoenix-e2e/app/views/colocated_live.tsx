/**
 * Port of support/colocated_live.ex (`/colocated`, outside any live session, with a live layout
 * of its own). Phoenix extracts the view's `<script :type={ColocatedHook}>` and
 * `<script :type={ColocatedJS}>` tags at compile time into the `/assets/colocated/index.js`
 * module; here that module is client/colocated.js, written by hand with the same two scripts
 * (the `.PhoneNumber` hook under its full name, and `js_exec`). Not ported: the runtime hook
 * (`.Runtime`, inlined by Phoenix at render), the macro component (makeup syntax highlighting)
 * and colocated global and scoped CSS: LiveTSX has none of them (expected-failures.js).
 */
import { defineView, JS, type LayoutPage, type LiveSocket } from "@livetsx/server";
import { csrfMeta } from "../layouts.js";

/** ColocatedLive's own live.html. */
export function colocatedLayout(page: LayoutPage): string {
  return (
    csrfMeta(page) +
    `<script src="/assets/phoenix/phoenix.min.js"></script>
<script type="module">
  import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
  import { default as colocated, hooks } from "/assets/colocated/index.js";
  let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
  let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
    params: { _csrf_token: csrfToken },
    reloadJitterMin: 50,
    reloadJitterMax: 500,
    hooks,
  });
  liveSocket.connect();
  window.liveSocket = liveSocket;
  // initialize js exec handler from colocated js
  colocated.js_exec(liveSocket);
</script>` +
    page.view
  );
}

const HOOK = "Phoenix.LiveViewTest.E2E.ColocatedLive.PhoneNumber";

export default defineView({
  mount: (_params, _session, socket: LiveSocket<{ phone: string | null }>) => socket.assign("phone", null),
  events: {
    "submit-phone": (payload: { user?: { phone_number?: string } }, socket: LiveSocket<{ phone: string | null }>) =>
      socket.assign("phone", payload.user?.phone_number ?? null),
    // push_js_cmd: the commands' JSON in a "js:exec" event, which the colocated js_exec runs.
    "push-js": (_payload, socket: LiveSocket<{ phone: string | null }>) => socket.pushEvent("js:exec", { cmd: JS.toggle({ to: "#hello" }).toString() }),
  },
  render: ({ phone }: { phone: string | null }) => (
    <>
      <form phx-submit="submit-phone">
        <input type="text" name="user[phone_number]" id="user-phone-number" phx-hook={HOOK} />
      </form>
      <p id="phone">{phone}</p>
      <div id="runtime" phx-hook="Phoenix.LiveViewTest.E2E.ColocatedLive.Runtime" style="display: none;">
        Runtime hook works!
      </div>
      <hr />
      <button phx-click="push-js">Push JS from server</button>
      <h1 id="hello">Hello!</h1>
      <hr />
      <p data-test="global" class="test-global-css">
        Should have red background
      </p>
      <p data-test="scoped" class="test-scoped-css">
        Should have no background (out of scope)
      </p>
    </>
  ),
});
