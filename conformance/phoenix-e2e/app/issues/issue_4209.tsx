/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4209: a locked ancestor keeps
 * nested component patches private until it unlocks. The hook is colocated in Phoenix (here the
 * page's layout registers it in `window.hooks` under Phoenix's name). The slow target is a
 * nested view; it messages its parent (Phoenix: `send(parent_pid, …)`) through a PubSub topic
 * of the parent's, named in its session.
 */
import { defineComponent, defineView, LiveComponent, LiveView } from "@livetsx/server";
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

/** The nested view (`id: "slow-target-live"`), whose session names its parent's topic. */
export const SlowTargetLive = defineView({
  mount: (_params, session, socket) => {
    socket.assign({ parent: String(session["parent"]) });
  },
  events: {
    "hold-lock": async (_payload, socket) => {
      await socket.broadcast(socket.assigns.parent, "bump_outside");
      await socket.broadcast(socket.assigns.parent, "update_child");
      await new Promise((resolve) => setTimeout(resolve, 800));
    },
  },
  render: (_assigns: { parent: string }) => <div id="slow-target-child">slow target</div>,
});

/** The standard live layout, registering the colocated hook first. */
export const layout = withPreScript(SCRIPT);

export default defineView({
  mount: (_params, _session, socket) => {
    const parent = `issue-4209:${socket.id}`;
    socket.assign({ outside_count: 0, parent });
    if (socket.connected) socket.subscribe(parent);
  },
  handleInfo: (message, socket) => {
    if (message === "bump_outside") socket.update("outside_count", (n: number) => n + 1);
    if (message === "update_child") socket.sendUpdate(ChildComponent, "locked-child", { label: "child 1" });
  },
  render: ({ outside_count, parent }: { outside_count: number; parent: string }) => (
    <>
      <div id="outside-count">{outside_count}</div>
      <LockedPanel />
      <div id="slow-target">
        <LiveView module={SlowTargetLive} id="slow-target-live" session={{ parent }} />
      </div>
    </>
  ),
});
