/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4334: a live component whose root
 * id changes remounts its hook and keeps its new children. The live layout renders the hook's
 * script before the LiveSocket starts (`pre_script`).
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";
import { withPreScript } from "./layouts.ts";

const PRE_SCRIPT = `
  window.hooks.RootChange = {
    mounted() {
      console.log("MyHook mounted");
    },
    updated() {
      console.log("MyHook updated");
    },
  };
`;

export const RootChangingComponent = defineComponent<{ changed: boolean }>({
  mount: (socket) => {
    socket.assign({ changed: false });
  },
  events: {
    "change-root-id": (_payload, socket) => socket.assign({ changed: true }),
  },
  render: ({ changed, myself }) => (
    <section
      id={changed ? "new-root" : "old-root"}
      data-testid="component-root"
      phx-hook="RootChange"
      style="min-height: 10rem; margin-top: 2rem; padding: 1.5rem; border: 4px solid #dc2626;"
    >
      <button id="change-root" phx-click="change-root-id" phx-target={myself} style="padding: 0.75rem 1rem; background: #111827; color: white;">
        Change component root ID
      </button>
      <p id={changed ? "new-child" : "old-child"} style="font-size: 1.25rem;">
        {changed ? "NEW CHILD SHOULD REMAIN VISIBLE" : "Old child is visible"}
      </p>
    </section>
  ),
});

/** The standard live layout with the page's `pre_script`. */
export const layout = withPreScript(PRE_SCRIPT);

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0 });
  },
  render: () => (
    <>
      <main style="max-width: 48rem; margin: 4rem auto; font-family: system-ui;">
        <h1>LiveComponent root ID corruption repro</h1>
        <p id="instructions">
          Click the button. The component root changes from <code>old-root</code>
          to <code>new-root</code>. On affected LiveView versions, the replacement root remains but all of its new children disappear.
        </p>
        <LiveComponent module={RootChangingComponent} id="demo-component" />
      </main>
    </>
  ),
});
