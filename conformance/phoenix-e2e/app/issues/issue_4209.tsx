/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4209: a locked ancestor keeps
 * nested component patches private until it unlocks. The hook is colocated in Phoenix (here the
 * page's layout registers it in `window.hooks` under Phoenix's name), and the slow target is a
 * nested view (`live_render`), which LiveTSX lacks: it is defined below, not rendered, so the
 * hook's push finds no target.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";
import { colocatedHook, withPreScript } from "./layouts.ts";

const HOOK = "Phoenix.LiveViewTest.E2E.Issue4209Live.LockedPanel";

const SCRIPT = colocatedHook(HOOK, `{
  mounted() {
    this.el.querySelector("#start-locked-update").addEventListener("click", () => {
      this.pushEventTo("#slow-target-child", "hold-lock", {});
    });
  },
}`);

export const ChildComponent = defineComponent<{ label: string }>({
  render: ({ label }) => (
    <div id="locked-child-content">
      <span id="locked-child-label">{label}</span>
    </div>
  ),
});

function LockedPanel() {
  return (
    <div id="locked-panel" phx-hook={HOOK}>
      <LiveComponent module={ChildComponent} id="locked-child" label="child 0" />
      <button id="start-locked-update" type="button">
        Start locked update
      </button>
    </div>
  );
}

/** The nested view (`id: "slow-target-live"`), whose session names its parent. */
export const SlowTargetLive = defineView({
  events: {
    "hold-lock": async () => {
      // Phoenix: send(parent, :bump_outside); send(parent, :update_child); Process.sleep(800)
      await new Promise((resolve) => setTimeout(resolve, 800));
    },
  },
  render: () => <div id="slow-target-child">slow target</div>,
});

/** The standard live layout, registering the colocated hook first. */
export const layout = withPreScript(SCRIPT);

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ outside_count: 0 });
  },
  handleInfo: (message, socket) => {
    if (message === "bump_outside") socket.update("outside_count", (n: number) => n + 1);
    if (message === "update_child") socket.sendUpdate(ChildComponent, "locked-child", { label: "child 1" });
  },
  render: ({ outside_count }: { outside_count: number }) => (
    <>
      <div id="outside-count">{outside_count}</div>
      <LockedPanel />
      {/* live_render(SlowTargetLive, id: "slow-target-live") once LiveTSX has nested live views */}
      <div id="slow-target"></div>
    </>
  ),
});
