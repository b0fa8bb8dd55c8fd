/**
 * One element per binding under test; the view logs every event it gets in `#log`. `save` waits
 * on a gate the test opens (kept on globalThis, which the test and the dev server share).
 */
import { defineView, JS, Link, type EventPayload } from "@livetsx/server";

type Entry = [string, Record<string, unknown>];
const gates = ((globalThis as { bindingGates?: (() => void)[] }).bindingGates ??= []);

const fade = JS.hide({ transition: ["fade-out", "opacity-100", "opacity-0"], time: 400 });

export default defineView<{ log: Entry[]; extra: boolean; leaving: boolean; saved: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ log: [], extra: false, leaving: true, saved: 0 });
  },
  handleParams: (_params, _url, socket) => socket,
  events: {
    away: (p: EventPayload, s) => record(s, "away", p),
    seen: (p: EventPayload, s) => record(s, "seen", p),
    typed: (p: EventPayload, s) => record(s, "typed", p),
    wkey: (p: EventPayload, s) => record(s, "wkey", p),
    wkeyup: (p: EventPayload, s) => record(s, "wkeyup", p),
    loaded: (p: EventPayload, s) => record(s, "loaded", p),
    ping: (p: EventPayload, s) => record(s, "ping", p),
    throttled: (p: EventPayload, s) => record(s, "throttled", p),
    show: (_p, s) => s.assign({ extra: true }),
    remove: (_p, s) => s.assign({ leaving: false }),
    save: async (_p, s) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      s.update("saved", (n) => n + 1);
    },
    crash: () => {
      throw new Error("crashed on purpose");
    },
  },
  render: ({ log, extra, leaving, saved }) => (
    <main>
      <div id="menu" phx-click-away="away" phx-value-which="menu">
        <button id="inside">inside</button>
        <button id="ping" phx-click="ping">ping</button>
      </div>
      <button id="outside">outside</button>
      <p id="m1" phx-mounted={JS.push("seen", { value: { id: "m1" } }).addClass("mounted")}>first</p>
      {extra && <p id="m2" phx-mounted={JS.push("seen", { value: { id: "m2" } })}>extra</p>}
      <button id="show" phx-click="show">show</button>
      {leaving && <div id="leaving" phx-remove={fade}>leaving</div>}
      <button id="remove" phx-click="remove">remove</button>
      <div id="farewell" phx-remove={fade}>farewell</div>
      <button id="save" phx-click="save" phx-disable-with="Saving…">Save {saved}</button>
      <form id="save-form" phx-submit="save">
        <button id="submit" phx-disable-with="Sending…">Send {saved}</button>
      </form>
      <button id="throttled" phx-click="throttled" phx-throttle="400">throttled</button>
      <form phx-change="typed">
        <input id="debounced" name="q" phx-debounce />
      </form>
      <div phx-window-keydown="wkey" phx-key="k" phx-value-from="window"></div>
      <div phx-window-keyup="wkeyup" phx-key="Escape"></div>
      <button id="page-loading" phx-click={JS.push("loaded", { pageLoading: true })}>load</button>
      <button id="push-focus" phx-click={JS.pushFocus({ to: "#outer" })}>push focus</button>
      <button id="crash" phx-click="crash">crash</button>
      <p id="status" phx-connected={JS.addClass("online").removeClass("offline")} phx-disconnected={JS.addClass("offline").removeClass("online")}>
        status
      </p>
      <Link patch="/bindings?tab=2" id="patch">patch</Link>
      <Link navigate="/scroll" id="navigate">scroll</Link>
      <pre id="log">{JSON.stringify(log)}</pre>
    </main>
  ),
});

function record<S extends { update: (k: "log", f: (l: Entry[]) => Entry[]) => S }>(socket: S, name: string, payload: Record<string, unknown>): S {
  return socket.update("log", (log) => [...log, [name, payload]]);
}
