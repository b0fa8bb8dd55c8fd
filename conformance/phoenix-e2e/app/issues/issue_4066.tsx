/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4066: a hook pushes to its live
 * component after the component is gone. The hook is colocated in Phoenix; LiveTSX has no
 * colocated hooks, so the page's layout registers the same code in `window.hooks` under the
 * name Phoenix gives it.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";
import { colocatedHook, withPreScript } from "./layouts.ts";

const HOOK = "Phoenix.LiveViewTest.E2E.Issue4066Live.LiveComponent.MyHook";

const SCRIPT = colocatedHook(HOOK, `{
  mounted() {
    this.el.addEventListener("input", () => {
      setTimeout(() => {
        this.pushEventTo(this.el, "do-something", { value: 100 });
        this.liveSocket.js().setAttribute(document.body, "data-pushed", "yes");
      }, parseInt(this.el.dataset.delay));
    });
  },
}`);

/** LiveTSX gives a live component no `id` assign (Phoenix's `@id`), so the parent passes it again as `selfId`. */
export const Issue4066LiveComponent = defineComponent<{ selfId: string; delay: string | number }>({
  events: {
    "do-something": () => undefined,
  },
  render: ({ selfId, delay, myself }) => <input phx-hook={HOOK} data-delay={String(delay)} {...{ target: String(myself) }} id={selfId} />,
});

/** The standard live layout, registering the colocated hook first. */
export const layout = withPreScript(SCRIPT);

export default defineView({
  mount: (params, _session, socket) => {
    const delay = params["delay"];
    socket.assign({ delay: typeof delay === "string" ? delay : 3000, renderLc: true });
  },
  events: {
    toggle: (_payload, socket) => socket.assign({ renderLc: !socket.assigns.renderLc }),
  },
  render: ({ delay, renderLc }: { delay: string | number; renderLc: boolean }) => (
    <>
      <p id="render-time">{new Date().toISOString()}</p>
      <button phx-click="toggle">Toggle</button>
      {renderLc ? <LiveComponent module={Issue4066LiveComponent} id="foo" selfId="foo" delay={delay} /> : null}
    </>
  ),
});
