/**
 * A portal to `body`: its content (a counter, a button, `phx-mounted`) is shown outside the view's
 * container, inside a menu with `phx-click-away` in the view; buttons outside toggle the portal.
 */
import { defineView, JS, Portal, type LiveSocket } from "@livetsx/server";

interface Assigns {
  count: number;
  aways: number;
  open: boolean;
}

export default defineView({
  mount: (_params, _session, socket: LiveSocket<Assigns>) => socket.assign({ count: 0, aways: 0, open: true }),
  events: {
    inc: (_payload, socket: LiveSocket<Assigns>) => socket.update("count", (c) => c + 1),
    away: (_payload, socket: LiveSocket<Assigns>) => socket.update("aways", (c) => c + 1),
    toggle: (_payload, socket: LiveSocket<Assigns>) => socket.update("open", (o) => !o),
  },
  render: ({ count, aways, open }: Assigns) => (
    <main>
      <div id="menu" phx-click-away="away">
        menu
        {open && (
          <Portal id="pop" target="body">
            <div id="pop-content" phx-mounted={JS.addClass("mounted")}>
              <span id="pop-count">{count}</span>
              <button id="pop-inc" phx-click="inc">
                +
              </button>
            </div>
          </Portal>
        )}
      </div>
      <p id="aways">{aways}</p>
      <button id="toggle" phx-click="toggle">
        toggle
      </button>
    </main>
  ),
});
