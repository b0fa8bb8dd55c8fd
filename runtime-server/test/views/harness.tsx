import { defineComponent, defineView, Link, LiveComponent, type EventPayload, type LiveStream } from "@livetsx/server";

/** A live component with its own click, form and key events (phx-target={myself}). */
export const Panel = defineComponent<{ label: string; hits: number }>({
  mount: (socket) => {
    socket.assign({ hits: 0 });
  },
  events: {
    hit: (_payload, socket) => socket.update("hits", (h) => h + 1),
  },
  render: ({ label, hits, myself }) => (
    <div class="panel" id={`panel-${label}`}>
      <button class="hit" phx-click="hit" phx-target={myself}>{label}: {hits}</button>
    </div>
  ),
});

/**
 * Every binding the harness sends, each recording what arrived: the last event's name and
 * payload (as JSON) and, for navigation, where it went.
 */
export default defineView<{ last: string; payload: string; tab: string; ticks: number; greeting: string }>({
  mount: (_params, session, socket) => {
    socket.assign({ last: "", payload: "", tab: "", ticks: 0, greeting: `${String(session.user ?? "nobody")} ${String(socket.connectParams.tz ?? "")}`.trim() });
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ tab: String(params.tab ?? "") });
  },
  events: {
    record: (payload, socket) => socket.assign({ last: "record", payload: JSON.stringify(payload) }),
    validate: (payload: EventPayload, socket) => socket.assign({ last: "validate", payload: JSON.stringify({ ...payload, used: undefined }) }),
    save: (payload, socket) => socket.assign({ last: "save", payload: JSON.stringify(payload) }),
    key: (payload, socket) => socket.assign({ last: "key", payload: JSON.stringify(payload) }),
    hooked: (payload, socket) => socket.assign({ last: "hooked", payload: JSON.stringify(payload) }),
    later: (payload: EventPayload, socket) => {
      socket.sendAfter("tick", Number(payload.ms ?? 100));
    },
    go: (_payload, socket) => socket.putFlash("info", "Moved").pushNavigate("/other"),
    away: (_payload, socket) => socket.redirect("/other"),
    tab: (payload: EventPayload, socket) => socket.pushPatch(`/?tab=${String(payload.to)}`),
    boom: () => {
      throw new Error("boom in record");
    },
  },
  handleInfo: (message, socket) => {
    if (message === "tick") socket.update("ticks", (t) => t + 1);
    else if (message === "wander") socket.pushNavigate("/other");
    else socket.assign({ last: "info", payload: JSON.stringify(message) });
  },
  render: ({ last, payload, tab, ticks, greeting }) => (
    <main>
      <p id="last">{last}</p>
      <pre id="payload">{payload}</pre>
      <p id="tab">{tab}</p>
      <p id="ticks">{ticks}</p>
      <p id="greeting">{greeting}</p>
      <button id="plain" phx-click="record">Plain</button>
      <button id="valued" phx-click="record" phx-value-id="7" phx-value-kind="x" value="v">Valued</button>
      <div id="outer" phx-click="record" phx-value-from="outer"><span id="inner">inside</span></div>
      <span id="inert">no binding</span>
      <span class="twin">a</span><span class="twin">b</span>
      <form id="profile" phx-change="validate" phx-submit="save" phx-value-form="profile">
        <input name="user[name]" value="Ada" />
        <input name="user[email]" value="" />
        <input type="checkbox" name="user[admin]" value="yes" />
        <select name="user[role]"><option value="a">A</option><option value="b" selected>B</option></select>
        <textarea name="user[bio]">hi</textarea>
        <input type="hidden" name="user[id]" value="9" />
        <button name="intent" value="publish">Publish</button>
      </form>
      <form id="bare"><input name="q" /></form>
      <input id="search" phx-keydown="key" phx-key="Enter" phx-value-scope="all" value="typed" />
      <div id="anykey" phx-keyup="key"></div>
      <input id="focusme" phx-focus="record" phx-blur="key" value="f" />
      <div id="hooked" phx-hook="Chart"></div>
      <Link id="patch-link" patch="/?tab=links">Patch</Link>
      <Link id="nav-link" navigate="/other">Navigate</Link>
      <a id="plain-link" href="/elsewhere">Elsewhere</a>
      <button id="go" phx-click="go">Go</button>
      <button id="away" phx-click="away">Away</button>
      <button id="tabber" phx-click="tab" phx-value-to="two">Tab</button>
      <button id="later" phx-click="later" phx-value-ms="100">Later</button>
      <button id="boom" phx-click="boom">Boom</button>
      <button id="js" phx-click='[["push",{"event":"record"}]]'>JS</button>
      <LiveComponent module={Panel} id="a" label="a" />
      <LiveComponent module={Panel} id="b" label="b" />
    </main>
  ),
});

/** Where navigation lands: shows the flash it brought. */
export const Other = defineView<{ flash: Record<string, string> }>({
  render: ({ flash }) => (
    <section>
      <h1>Other</h1>
      <p id="flash">{flash.info ?? ""}</p>
    </section>
  ),
});

/** A stream with inserts at the top kept to three, a reset, and a container the client owns. */
export const Feed = defineView<{ streams: { items: LiveStream<{ id: number }> }; next: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ next: 3 }).stream("items", [{ id: 1 }, { id: 2 }]);
  },
  events: {
    top: (_payload, socket) => {
      socket.streamInsert("items", { id: socket.assigns.next }, { at: 0, limit: 3 });
      socket.update("next", (n) => n + 1);
    },
    reset: (_payload, socket) => socket.stream("items", [{ id: 100 }], { reset: true }),
  },
  render: ({ streams, next }) => (
    <div>
      <ul id="items" phx-update="stream">
        {streams.items.map(([domId, item]) => (
          <li id={domId} key={domId}>item {item.id}</li>
        ))}
      </ul>
      <div id="owned" phx-update="ignore">rendered with next {next}</div>
      <button id="top" phx-click="top">Top</button>
      <button id="reset" phx-click="reset">Reset</button>
    </div>
  ),
});
