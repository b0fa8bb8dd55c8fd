import { defineView, JS } from "@livetsx/server";

interface Assigns {
  count: number;
  last: string;
  tick: number;
  tab: string;
  gone: boolean;
  form: string;
}

const showModal = JS.show({ to: "#modal", transition: ["fade-in", "o-0", "o-100"], time: 300 });

/** JS commands on every binding kind they serve, and a server patch to the elements they touched. */
export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0, last: "", tick: 0, tab: "none", gone: false, form: "" }).pageTitle("JS commands");
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ tab: typeof params.tab === "string" ? params.tab : "none" });
  },
  events: {
    inc: (payload: Record<string, unknown>, socket) => {
      socket.update("count", (c: number) => c + 1).assign({ last: JSON.stringify(Object.entries(payload).sort()) });
    },
    tick: (_payload, socket) => {
      socket.update("tick", (t: number) => t + 1);
    },
    remove: (_payload, socket) => {
      socket.assign({ gone: true });
    },
    changed: (payload: Record<string, unknown>, socket) => {
      socket.assign({ form: `changed ${JSON.stringify(Object.entries(payload).sort())}` });
    },
    submitted: (payload: Record<string, unknown>, socket) => {
      socket.assign({ form: `submitted ${JSON.stringify(Object.entries(payload).sort())}` });
    },
  },
  render: ({ count, last, tick, tab, gone, form }: Assigns) => (
    <section>
      <p id="count">{count}</p>
      <p id="last">{last}</p>
      <p id="tab">{tab}</p>
      <button id="push" phx-value-room="kitchen" phx-value-by="1" phx-click={JS.push("inc", { value: { by: 2 }, loading: "#box", pageLoading: true })}>push</button>
      <div id="modal" class="modal" style="display: none" data-open={JS.show().addClass("opened").push("inc", { value: { via: "exec" } })}>
        <p>Modal {tick}</p>
      </div>
      <button id="show" phx-click={showModal}>show</button>
      <button id="hide" phx-click={JS.hide({ to: "#modal", transition: "fade-out", time: 300 })}>hide</button>
      <button id="toggle" phx-click={JS.toggle({ to: "#modal" })}>toggle</button>
      <button id="exec" phx-click={JS.exec("data-open", { to: "#modal" })}>exec</button>
      <div id="box" class={`box tick-${tick}`} data-x="server" title={`box ${tick}`}>Box {tick}</div>
      <div id="ign" data-state={`s${tick}`}>ignored</div>
      <button id="decorate" phx-click={JS.addClass("marked", { to: "#box" }).setAttribute(["aria-label", "decorated"], { to: "#box" }).removeAttribute("data-x", { to: "#box" })}>decorate</button>
      <button id="ignore" phx-click={JS.ignoreAttributes("data-*", { to: "#ign" })}>ignore</button>
      <button id="tick" phx-click="tick">tick</button>
      <button id="flip" phx-click={JS.toggleClass("flipped", { to: "#box" }).toggleAttribute(["aria-pressed", "true", "false"], { to: "#box" })}>flip</button>
      <button id="unbox" phx-click={JS.removeClass("box", { to: "#box" }).toggleAttribute(["hidden", ""], { to: "#ign" })}>unbox</button>
      <button id="shake" phx-click={JS.transition("shake", { to: "#box", time: 300 })}>shake</button>
      <form id="f" phx-change={JS.push("changed", { value: { src: "js" } })} phx-submit={JS.push("submitted", { value: { extra: "x" } }).hide({ to: "#f" })}>
        <input id="f-name" name="name" />
        <button id="f-save">save</button>
      </form>
      <p id="form">{form}</p>
      <button id="dispatch" phx-click={JS.dispatch("app:ping", { to: "#box", detail: { n: 1 } })}>dispatch</button>
      <input id="field" />
      <div id="menu">
        <span>no focus</span>
        <a href="#top" id="first-link">first</a>
      </div>
      <button id="focus" phx-click={JS.focus({ to: "#field" })}>focus</button>
      <button id="focus-first" phx-click={JS.focusFirst({ to: "#menu" })}>focus first</button>
      <button id="push-focus" phx-click={JS.pushFocus().focus({ to: "#field" })}>push focus</button>
      <button id="pop-focus" phx-click={JS.popFocus()}>pop focus</button>
      <button id="patch" phx-click={JS.patch("/js?tab=two")}>patch</button>
      <button id="navigate" phx-click={JS.navigate("/keyed")}>navigate</button>
      {gone ? null : (
        <div id="leaving" phx-remove={JS.hide({ transition: "fade-away", time: 300 })}>
          bye
        </div>
      )}
      <button id="remove" phx-click="remove">remove</button>
    </section>
  ),
});
