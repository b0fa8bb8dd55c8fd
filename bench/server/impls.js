import { fileURLToPath } from "node:url";
/**
 * The implementations the server benchmark (bench/server/run.js) compares, each driving the same
 * state transitions over the same markup and answering an event with the reply frame it would
 * send (a JSON string):
 *
 *  - LivetsxImpl: the compiled .tsx view (bench/server/views/*.tsx) in a real ViewInstance
 *    (runtime-server/dist/instance.js): `await instance.event(name, payload)` (handler, render of
 *    the slots whose deps changed, diff) and `JSON.stringify` of the phx_reply frame.
 *  - LvjsServerImpl: liveviewjs@0.8.1's own LiveViewManager, joined with a phx_join message and
 *    sent decoded `event` messages through `handleSubscriptions` (what its WsMessageRouter calls
 *    after decoding a frame). That path structuredClones the context, runs handleEvent, renders
 *    the `html` template, builds `partsTree(true)`, `deepDiff`s it against the last tree and
 *    JSON.stringifies the reply, which it hands to the WebSocket adaptor (captured here).
 *  - LvjsCoreImpl: the liveviewjs render + diff alone, without its socket: the same `html`
 *    template rendered from a plain state object, `partsTree(true)`, `deepDiff` against the
 *    previous tree, JSON.stringify of the same reply frame. No structuredClone of the context.
 *  - BaselineImpl: "re-render everything": the compiled LiveTSX view rendered whole with
 *    `renderToString` (no change tracking: every slot and every row is evaluated), the page
 *    string compared with the previous one, and the whole HTML sent as one string in the reply.
 */

/**
 * liveviewjs@0.8.1 downloads mime-db from a CDN when its module is evaluated (`new Mime()` calls
 * `fetch(MIME_DB_URL)`; the table is only used for uploads). This machine has no network and the
 * benchmark must not try: while the module loads, `fetch` answers locally with an empty table.
 */
export const lvjsImportFetches = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url) => {
  lvjsImportFetches.push(String(url));
  return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
};
let lvjs;
try {
  lvjs = await import("liveviewjs");
} finally {
  globalThis.fetch = realFetch;
}
const { createLiveView, deepDiff, html, LiveViewManager, safe } = lvjs;

export const TOPIC = "lv:phx-bench";
const JOIN_REF = "1";
const CSRF = "bench-csrf-token";

/** The phx_reply frame a server sends for a request, as text. */
export function replyFrame(ref, response) {
  return JSON.stringify([JOIN_REF, String(ref), TOPIC, "phx_reply", { status: "ok", response }]);
}

// ---------------------------------------------------------------------------------------------
// State transitions shared by the liveviewjs views and the baseline (the .tsx views spell out the
// same code in their `events`).

export const initialRows = (n) => Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` }));

export const rowsTransitions = {
  inc: (s) => ({ count: s.count + 1 }),
  rename: (s, p) => {
    const id = Number(p.id);
    const label = String(p.label);
    return { rows: s.rows.map((r) => (r.id === id ? { ...r, label } : r)) };
  },
  select: (_s, p) => ({ selected: Number(p.id) }),
  append: (s) => ({ rows: [...s.rows, { id: s.rows.length + 1, label: `row ${s.rows.length + 1}` }] }),
  pop: (s) => ({ rows: s.rows.slice(0, -1) }),
  swap: (s) => {
    const next = s.rows.slice();
    [next[1], next[next.length - 2]] = [next[next.length - 2], next[1]];
    return { rows: next };
  },
};

export const theyLivePeople = () => [
  { id: 1, name: "Nada", type: "human" },
  { id: 2, name: "Holly", type: "alien" },
  { id: 3, name: "Frank", type: "human" },
  { id: 4, name: "Drifter", type: "alien" },
];

export const theyLiveTransitions = {
  toggle: (s) => ({ sunglasses: !s.sunglasses }),
};

// ---------------------------------------------------------------------------------------------
// liveviewjs templates: the same markup as bench/server/views/*.tsx (run.js checks the HTML).

const lvjsRowsRender = (ctx) =>
  html`<main><p>Clicks: ${ctx.count}</p><table>${ctx.rows.map(
    (row) => html`<tr${row.id === ctx.selected ? safe(' class="selected"') : ""}><td>${row.id}</td><td>${row.label}</td></tr>`,
  )}</table></main>`;

const lvjsTheyLiveRender = (ctx) =>
  html`<div><button phx-click="toggle">${ctx.sunglasses ? "Take them off" : "Put on sunglasses"}</button><p>${
    ctx.sunglasses ? "Now you see them." : "Everyone looks normal."
  }</p><ul>${ctx.people.map(
    (person) => html`<li>${person.name} ${person.type === "alien" && ctx.sunglasses ? html`<b class="alien">👽</b>` : "🙂"}</li>`,
  )}</ul></div>`;

export const scenarios = {
  rows: {
    file: "rows.tsx",
    initial: (params) => ({ count: 0, selected: null, rows: initialRows(Number(params.n)) }),
    transitions: rowsTransitions,
    lvjsRender: lvjsRowsRender,
  },
  theyLive: {
    file: "they-live.tsx",
    path: fileURLToPath(new URL("../../runtime-server/test/views/they-live.tsx", import.meta.url)),
    initial: () => ({ sunglasses: false, people: theyLivePeople() }),
    transitions: theyLiveTransitions,
    lvjsRender: lvjsTheyLiveRender,
  },
  // LiveTSX only (bench/server/run.js's rename by parts): the rows as a stream.
  rowsStream: { file: "rows-stream.tsx" },
};

// ---------------------------------------------------------------------------------------------
// LiveTSX

export class LivetsxImpl {
  static label = "livetsx";

  /** `runtime`: { ViewInstance, LocalPubSub }; `view`: the compiled view module's default export. */
  static async create(runtime, view, params) {
    const impl = new LivetsxImpl();
    const host = {
      pubsub: new runtime.LocalPubSub(),
      dev: false,
      push: () => {},
      crashed: (error) => {
        impl.crash = error;
      },
      paramsFor: () => null,
    };
    impl.instance = new runtime.ViewInstance("phx-bench", view, new URL("http://127.0.0.1/bench"), {}, host);
    const joined = await impl.instance.join(params, {}, {}, CSRF);
    if (!joined.rendered) throw new Error("LiveTSX join did not render");
    impl.rendered = joined.rendered;
    impl.joinFrame = replyFrame(0, { rendered: joined.rendered, liveview_version: runtime.LIVEVIEW_VERSION });
    return impl;
  }

  ref = 0;
  crash = null;

  /** Returns the reply frame; `last` keeps the response for checks. */
  async event(name, payload) {
    const response = await this.instance.event(name, payload);
    this.last = response;
    return replyFrame(++this.ref, response);
  }
}

// ---------------------------------------------------------------------------------------------
// liveviewjs through its LiveViewManager

export class LvjsServerImpl {
  static label = "liveviewjs";

  static async create(scenario, params) {
    const impl = new LvjsServerImpl();
    const liveView = createLiveView({
      mount: (socket, _session, p) => {
        socket.assign(scenario.initial(p));
      },
      handleEvent: (event, socket) => {
        const { type, ...payload } = event;
        socket.assign(scenario.transitions[type](socket.context, payload));
      },
      render: (ctx) => scenario.lvjsRender(ctx),
    });
    const wsAdaptor = {
      send: (message) => {
        impl.sent = message;
      },
    };
    const serDe = { serialize: async (s) => s, deserialize: async (s) => s };
    const pubSub = { subscribe: () => "sub", broadcast: async () => {}, unsubscribe: async () => {} };
    const flash = { peekFlash: async () => undefined, popFlash: async () => undefined, putFlash: async () => {}, clearFlash: async () => {} };
    const files = {};
    impl.manager = new LiveViewManager(liveView, "bench-connection", wsAdaptor, serDe, pubSub, flash, files, {}, undefined);
    // liveviewjs logs and swallows errors; a missing reply is how a failure shows.
    impl.sent = null;
    await impl.manager.handleJoin([
      JOIN_REF,
      "0",
      TOPIC,
      "phx_join",
      { url: "http://127.0.0.1/bench", params: { _csrf_token: CSRF, _mounts: 0, ...params }, session: { _csrf_token: CSRF }, static: "" },
    ]);
    if (impl.sent === null) throw new Error("liveviewjs join sent no reply (see its console.error above)");
    impl.joinFrame = impl.sent;
    impl.rendered = JSON.parse(impl.sent)[4].response.rendered;
    return impl;
  }

  ref = 0;

  async event(name, payload) {
    this.sent = null;
    const message = [JOIN_REF, String(++this.ref), TOPIC, "event", { type: "click", event: name, value: payload }];
    await this.manager.handleSubscriptions({ type: "event", message });
    if (this.sent === null) throw new Error(`liveviewjs sent no reply to "${name}" (see its console.error above)`);
    return this.sent;
  }

  /** The state the view holds (its socket's context). */
  get state() {
    return this.manager.socket.context;
  }
}

// ---------------------------------------------------------------------------------------------
// liveviewjs render + deepDiff without its socket

export class LvjsCoreImpl {
  static label = "liveviewjs diff only";

  static create(scenario, params) {
    const impl = new LvjsCoreImpl();
    impl.scenario = scenario;
    impl.state = scenario.initial(params);
    impl.parts = scenario.lvjsRender(impl.state).partsTree(true);
    impl.rendered = impl.parts;
    impl.joinFrame = replyFrame(0, { rendered: impl.parts });
    return impl;
  }

  ref = 0;

  async event(name, payload) {
    this.state = { ...this.state, ...this.scenario.transitions[name](this.state, payload) };
    const parts = this.scenario.lvjsRender(this.state).partsTree(true);
    const diff = deepDiff(this.parts, parts);
    this.parts = parts;
    return replyFrame(++this.ref, { diff });
  }
}

// ---------------------------------------------------------------------------------------------
// Re-render everything

export class BaselineImpl {
  static label = "re-render all";

  /** `renderToString` from @livetsx/server; `view`: the compiled view (only its render is used). */
  static create(renderToString, view, scenario, params) {
    const impl = new BaselineImpl();
    impl.renderToString = renderToString;
    impl.view = view;
    impl.scenario = scenario;
    impl.state = scenario.initial(params);
    impl.html = renderToString(view.render(impl.state));
    impl.joinFrame = replyFrame(0, { rendered: { 0: impl.html } });
    return impl;
  }

  ref = 0;

  async event(name, payload) {
    this.state = { ...this.state, ...this.scenario.transitions[name](this.state, payload) };
    // A fresh assigns object: the runtime has no scope for it, so every slot is evaluated.
    const page = this.renderToString(this.view.render(this.state));
    const response = page === this.html ? {} : { diff: { 0: page } };
    this.html = page;
    return replyFrame(++this.ref, response);
  }
}

// ---------------------------------------------------------------------------------------------
// Checks: rebuilding the page from what each implementation sent

/** HTML of a liveviewjs parts tree (its 0.8 wire format: `s` statics, `d` comprehension rows). */
export function lvjsHTML(parts) {
  if (typeof parts === "string") return parts;
  if (typeof parts === "number") throw new Error("liveviewjs components are not used here");
  const s = parts.s;
  const fill = (values) => {
    let out = s[0];
    for (let i = 1; i < s.length; i++) out += lvjsHTML(values[i - 1]) + s[i];
    return out;
  };
  if (Array.isArray(parts.d)) return parts.d.map(fill).join("");
  return fill(Array.from({ length: s.length - 1 }, (_, i) => parts[i]));
}

/** Merges a liveviewjs diff into a parts tree as its client does (objects merged, the rest replaced). */
export function lvjsMerge(target, diff) {
  if (diff.s !== undefined && typeof target === "object" && diff.d === undefined && !sameKeys(target, diff)) return diff;
  const out = { ...target };
  for (const [key, value] of Object.entries(diff)) {
    const old = target?.[key];
    out[key] = isPlain(value) && isPlain(old) ? lvjsMerge(old, value) : value;
  }
  return out;
}

const isPlain = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const sameKeys = (a, b) => Object.keys(a).length === Object.keys(b).length;
