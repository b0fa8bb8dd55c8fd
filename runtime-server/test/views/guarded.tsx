/**
 * Views for the live-session and hook tests: a guard that redirects, hooks on every stage, a
 * live component with hooks of its own, and one that reads `socket.connectInfo`.
 */
import { defineComponent, defineView, LiveComponent, reply, type LiveSocket, type OnMount } from "../../src/index.js";

/** What the hooks saw, in order, for the tests to read. */
export const seen: string[] = [];

/** Lets a signed-in user through, sharing `user`; anyone else goes to /login. */
export const requireUser: OnMount = (_params, session, socket) => {
  if (typeof session.user !== "string") {
    socket.redirect("/login");
    return "halt";
  }
  socket.assign({ user: session.user });
  return "cont";
};

/** Sends a user other than root back to the dashboard over the socket. */
export const requireRoot: OnMount = (params, session, socket) => {
  if (params.section === "vault" && session.user !== "root") {
    socket.pushNavigate("/admin");
    return "halt";
  }
  return "cont";
};

/** A nav bar's current path, tracked across live patches, and an event the hook answers. */
export const navigation: OnMount = (_params, _session, socket) => {
  socket.assign({ path: "", pings: 0 });
  socket.attachHook("path", "handleParams", (_p, url, s) => {
    s.assign({ path: url.pathname + url.search });
    return "cont";
  });
  socket.attachHook("ping", "handleEvent", (event, _payload, s) => {
    if (event !== "ping") return "cont";
    s.update("pings", (n: number) => n + 1);
    return reply({ pong: s.assigns.pings });
  });
  socket.attachHook("swallow", "handleEvent", (event) => (event === "secret" ? "halt" : "cont"));
  return "cont";
};

export const Dashboard = defineView<{ user: string; path: string; pings: number; clicks: number; section: string }>({
  mount: (params, _session, socket) => {
    seen.push(`mount dashboard connected=${socket.connected}`);
    socket.assign({ clicks: 0, section: typeof params.section === "string" ? params.section : "" });
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ section: typeof params.section === "string" ? params.section : "" });
  },
  events: {
    secret: (_p, socket) => socket.update("clicks", (n) => n + 1),
    click: (_p, socket) => socket.update("clicks", (n) => n + 1),
  },
  render: ({ user, path, pings, clicks, section }) => (
    <main>
      <p id="user">{user}</p>
      <p id="path">{path}</p>
      <p id="pings">{pings}</p>
      <p id="clicks">{clicks}</p>
      <p id="section">{section}</p>
      <button id="click" phx-click="click">click</button>
      <button id="secret" phx-click="secret">secret</button>
      <div id="probe" phx-hook="Probe"></div>
    </main>
  ),
});

/** The view's own onMount runs after the live session's. */
export const Ordered = defineView<{ order: string }>({
  onMount: [
    (_p, _s, socket) => {
      socket.assign({ order: `${String(socket.assigns.order ?? "")} view` });
      return "cont";
    },
  ],
  mount: (_p, _s, socket) => {
    socket.assign({ order: `${socket.assigns.order} mount` });
  },
  render: ({ order }) => <p id="order">{order}</p>,
});

export const first: OnMount = (_p, _s, socket) => {
  socket.assign({ order: "session" });
  return "cont";
};

/** Every stage's hooks, which halt what the `halt` assign names. */
export const Stages = defineView<{ log: string[]; halt: string; outcome: string; rendered: number }>({
  mount: (_p, _s, socket) => {
    socket.assign({ log: [], halt: "", outcome: "", rendered: 0 });
    const note = (s: LiveSocket<any>, entry: string) => s.assign({ log: [...(s.assigns.log as string[]), entry] });
    socket.attachHook("info", "handleInfo", (message, s) => {
      note(s, `hook info ${String(message)}`);
      return s.assigns.halt === "info" ? "halt" : "cont";
    });
    socket.attachHook("async", "handleAsync", (name, outcome, s) => {
      note(s, `hook async ${name} ${outcome.ok ? String(outcome.value) : "failed"}`);
      return s.assigns.halt === "async" ? "halt" : "cont";
    });
    socket.attachHook("params", "handleParams", (params, _url, s) => {
      note(s, `hook params ${String(params.q ?? "")}`);
      return s.assigns.halt === "params" ? "halt" : "cont";
    });
    socket.attachHook("rendered", "afterRender", (s) => {
      // Counted without changing what renders: `rendered` is not in the template.
      s.assign({ rendered: (s.assigns.rendered as number) + 1 });
    });
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ log: [...socket.assigns.log, `view params ${String(params.q ?? "")}`] });
  },
  handleInfo: (message, socket) => {
    socket.assign({ log: [...socket.assigns.log, `view info ${String(message)}`] });
  },
  handleAsync: (name, outcome, socket) => {
    socket.assign({ log: [...socket.assigns.log, `view async ${name}`], outcome: outcome.ok ? String(outcome.value) : "failed" });
  },
  events: {
    halt: (payload, socket) => socket.assign({ halt: String((payload as { stage?: unknown }).stage ?? "") }),
    work: (_p, socket) => socket.startAsync("job", () => "done"),
    detach: (payload, socket) => socket.detachHook(String((payload as { name?: unknown }).name), (payload as { stage: "handleInfo" }).stage),
    again: (_p, socket) => socket.attachHook("info", "handleInfo", () => "cont"),
    bad: (_p, socket) => socket.attachHook("bad", "handleEvent", () => "maybe" as never),
    component: (_p, socket) => socket.attachHook("nope", "mount" as "handleInfo", () => "cont"),
    throwing: (_p, socket) =>
      socket.attachHook("throws", "handleEvent", () => {
        throw new Error("hook exploded");
      }),
    readInfo: (_p, socket) => socket.assign({ outcome: String(socket.connectInfo.userAgent) }),
  },
  render: ({ log, outcome }) => (
    <div>
      <ol id="log">{log.map((entry) => <li>{entry}</li>)}</ol>
      <p id="outcome">{outcome}</p>
      <div id="hook" phx-hook="Probe"></div>
    </div>
  ),
});

/** A live component whose event hook answers for it, and whose renders a hook counts. */
const Knob = defineComponent({
  mount: (socket) => {
    socket.assign({ turns: 0 });
    socket.attachHook("knob", "handleEvent", (event, _payload, s) => {
      if (event !== "spin") return "cont";
      s.update("turns", (n: number) => n + 10);
      return reply({ spun: true });
    });
    socket.attachHook("count", "afterRender", (s) => {
      seen.push(`knob rendered turns=${String(s.assigns.turns)}`);
    });
  },
  events: {
    turn: (_p, socket) => socket.update("turns", (n: number) => n + 1),
  },
  render: ({ turns, myself }: { turns: number; myself: number }) => (
    <div id="knob">
      <span id="turns">{turns}</span>
      <button id="turn" phx-click="turn" phx-target={myself}>turn</button>
      <button id="spin" phx-click="spin" phx-target={myself}>spin</button>
    </div>
  ),
});

/** A component may not attach a handleParams hook (as in Phoenix). */
const Wrong = defineComponent({
  mount: (socket) => {
    socket.attachHook("params", "handleParams", () => "cont");
  },
  render: () => <div>wrong</div>,
});

export const WithKnob = defineView<{ wrong: boolean }>({
  mount: (_p, _s, socket) => {
    socket.assign({ wrong: false });
  },
  events: { wrong: (_p, socket) => socket.assign({ wrong: true }) },
  render: ({ wrong }) => (
    <section>
      <LiveComponent module={Knob} id="knob" />
      {wrong ? <LiveComponent module={Wrong} id="wrong" /> : null}
      <button id="wrong" phx-click="wrong">wrong</button>
    </section>
  ),
});

/** What `socket.connectInfo` held in mount. */
export const Info = defineView<{ info: string }>({
  mount: (_p, _s, socket) => {
    const { peerData, userAgent, xHeaders, uri } = socket.connectInfo;
    socket.assign({
      info: JSON.stringify({ connected: socket.connected, address: peerData?.address ?? null, userAgent: userAgent ?? null, xHeaders: xHeaders ?? null, uri: uri ? uri.pathname : null }),
    });
  },
  render: ({ info }) => <pre id="info">{info}</pre>,
});

export const Login = defineView({ render: () => <p>login</p> });

/** Guards that break Phoenix's rules: halting without navigating, navigating and going on. */
export const haltsWithoutNavigating: OnMount = () => "halt";
export const navigatesAndContinues: OnMount = (_p, _s, socket) => {
  socket.redirect("/login");
  return "cont";
};
export const returnsNothing = (() => undefined) as unknown as OnMount;

/** A hook that attaches another on its own stage: the new one runs from the next message on. */
export const Growing = defineView<{ log: string[] }>({
  mount: (_p, _s, socket) => {
    socket.assign({ log: [] });
    socket.attachHook("first", "handleInfo", (message, s) => {
      s.assign({ log: [...(s.assigns.log as string[]), `first ${String(message)}`] });
      if (message === "grow") {
        s.attachHook("second", "handleInfo", (m, s2) => {
          s2.assign({ log: [...(s2.assigns.log as string[]), `second ${String(m)}`] });
          return "halt";
        });
      }
      return "cont";
    });
  },
  handleInfo: (message, socket) => {
    socket.assign({ log: [...socket.assigns.log, `view ${String(message)}`] });
  },
  render: ({ log }) => <ol id="log">{log.map((entry) => <li>{entry}</li>)}</ol>,
});
