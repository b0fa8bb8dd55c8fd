import { defineView, JS } from "@livetsx/server";

interface Assigns {
  open: boolean;
  tab: string;
  saved: string;
}

/** JS commands rendered in bindings and pushed in an event's payload. */
export default defineView({
  mount: (_params, _session, socket) => socket.assign({ open: false, tab: "", saved: "" }),
  handleParams: (params, _url, socket) => {
    socket.assign({ tab: typeof params.tab === "string" ? params.tab : "" });
  },
  events: {
    flip: (_payload, socket) => {
      socket.update("open", (open: boolean) => !open).pushEvent("run", { js: JS.hide({ to: "#panel" }) });
    },
    save: (payload: Record<string, unknown>, socket) => {
      socket.assign({ saved: JSON.stringify(Object.entries(payload).sort()) });
    },
  },
  render: ({ open, tab, saved }: Assigns) => (
    <div>
      <button id="flip" phx-click={JS.push("flip", { value: { open } }).toggle({ to: "#panel" })}>flip</button>
      <div id="panel" data-js={JS.show().push("save", { value: { from: "exec" } })}>panel</div>
      <button id="exec" phx-value-a="1" phx-click={JS.exec("data-js", { to: "#panel" })}>exec</button>
      <button id="patch" phx-click={JS.hide().patch("/?tab=two")}>patch</button>
      <button id="navigate" phx-click={JS.navigate("/elsewhere", { replace: true })}>navigate</button>
      <form id="form" phx-submit={JS.push("save", { value: { extra: "x" } })}>
        <input name="name" value="Ada" />
      </form>
      <p id="tab">{tab}</p>
      <p id="saved">{saved}</p>
    </div>
  ),
});
