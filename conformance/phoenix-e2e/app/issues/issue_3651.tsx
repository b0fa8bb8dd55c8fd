/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3651: nested hooks leave no ghost
 * element behind. The live layout renders the hooks' script before the LiveSocket starts
 * (`pre_script`).
 */
import { defineView } from "@livetsx/server";
import { withPreScript } from "./layouts.ts";

const PRE_SCRIPT = `
  window.hooks.OuterHook = {
    mounted() {
      this.pushEvent("lol");
    },
  };
  window.hooks.InnerHook = {
    mounted() {
      console.log("MOUNTED", this.el);
      this.handleEvent("myevent", this._handleEvent(this));
    },
    destroyed() {
      document.getElementById("notice").innerHTML = "";
      console.log("DESTROYED", this.el);
    },
    _handleEvent(self) {
      return () => {
        setTimeout(() => {
          console.warn("reloading", self.el);
          self.pushEvent("reload", {});
        }, 50);
      };
    },
  };
`;

/** The standard live layout with the page's `pre_script`. */
export const layout = withPreScript(PRE_SCRIPT);

export default defineView({
  mount: (_params, _session, socket) => {
    if (socket.connected) socket.sendInfo("change_id");
    socket.assign({ id: 1, counter: 0 }).pushEvent("myevent", {});
  },
  handleInfo: (message, socket) => {
    if (message === "change_id") socket.assign({ id: 2 });
  },
  events: {
    lol: () => undefined,
    reload: (_payload, socket) => {
      const counter = socket.assigns.counter + 1;
      socket.pushEvent("myevent", {}).assign({ counter });
      if (counter > 4096) throw new Error("that's enough, bye!");
    },
  },
  render: ({ id, counter }: { id: number; counter: number }) => (
    <>
      <div id="main" phx-hook="OuterHook">
        <div phx-hook="InnerHook" id={`id-${id}`}></div>
        This is an example of nested hooks resulting in a "ghost" element that isn't on the DOM, and is never cleaned up. In this specific
        example a timeout is used to show how the number of events being sent to the server grows exponentially.
        <p>Doing any of the following things fixes it:</p>
        <ol>
          <li>Setting the `phx-hook` to use a fixed id.</li>
          <li>Removing the `pushEvent` from the OuterHook `mounted` callback.</li>
          <li>Deferring the pushEvent by wrapping it in a setTimeout.</li>
        </ol>
      </div>
      <div>To prevent blowing up your computer, the page will reload after 4096 events, which takes ~12 seconds</div>
      <div style="color: blue; font-size: 20px" id="counter">
        Total Event Calls: <span id="total">{counter}</span>
      </div>
      <div style="color: red; font-size: 72px" id="notice" phx-update="ignore">
        I will disappear if the bug is not present.
      </div>
    </>
  ),
});
