import { defineView, type EventPayload } from "@livetsx/server";

type Entry = [string, Record<string, unknown>];

/** Logs every event it receives, so the test can compare what the browser sent. */
export default defineView<{ log: Entry[]; count: number; echo: string; draft: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ log: [], count: 0, echo: "", draft: "" });
  },
  events: {
    clicked: (p: EventPayload, s) => record(s, "clicked", p),
    changed: (p: EventPayload, s) => record(s, "changed", p),
    submitted: (p: EventPayload, s) => record(s, "submitted", p).assign({ draft: "" }),
    key: (p: EventPayload, s) => record(s, "key", p),
    blurred: (p: EventPayload, s) => record(s, "blurred", p),
    focused: (p: EventPayload, s) => record(s, "focused", p),
    winkey: (p: EventPayload, s) => record(s, "winkey", p),
    throttled: (p: EventPayload, s) => record(s, "throttled", p),
    lazy: (p: EventPayload, s) => record(s, "lazy", p),
    echo: (p: { echo?: string }, s) => record(s, "echo", p).assign({ echo: String(p.echo ?? "").toUpperCase() }),
    slow: async (p: EventPayload, s) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      record(s, "slow", p);
    },
    push: (_p, s) => s.pushEvent("hello", { n: 1 }),
    bump: (_p, s) => s.update("count", (c) => c + 1),
    typing: (p: { draft?: string }, s) => s.assign({ draft: String(p.draft ?? "") }),
  },
  render: ({ log, count, echo, draft }) => (
    <div>
      <button id="click" phx-click="clicked" phx-value-id="7" phx-value-kind="x">click</button>
      <input id="check" type="checkbox" phx-click="clicked" value="yes" />
      <form id="form" phx-change="changed" phx-submit="submitted">
        <input id="name" name="user[name]" />
        <select id="color" name="color">
          <option value="red">red</option>
          <option value="blue">blue</option>
        </select>
        <input id="draft" name="draft" value={draft} phx-change="typing" />
        <button id="send" type="submit" name="action" value="send">send</button>
      </form>
      <input id="key" name="k" phx-keydown="key" phx-key="Enter" />
      <input id="focus" name="f" phx-blur="blurred" phx-focus="focused" phx-value-where="focus" />
      <div phx-window-keyup="winkey" phx-key="Escape"></div>
      <button id="throttled" phx-click="throttled" phx-throttle="400">throttled</button>
      <form phx-change="lazy">
        <input id="lazy" name="lazy" phx-debounce="blur" />
      </form>
      <form phx-change="echo">
        <input id="echo" name="echo" value={echo} />
      </form>
      <button id="slow" phx-click="slow">slow</button>
      <button id="push" phx-click="push">push</button>
      <button id="bump" phx-click="bump">bump</button>
      <span id="count">{count}</span>
      <div id="ignored" phx-update="ignore">
        <span>{count}</span>
      </div>
      <section id="still">
        <p>unchanged</p>
      </section>
      <pre id="log">{JSON.stringify(log)}</pre>
    </div>
  ),
});

function record<S extends { update: (k: "log", f: (l: Entry[]) => Entry[]) => S }>(socket: S, name: string, payload: Record<string, unknown>): S {
  return socket.update("log", (log) => [...log, [name, payload]]);
}
