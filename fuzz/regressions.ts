/**
 * One fixed program per pattern family of the grammar, run as plain tests so that a failure is
 * reported by name. Each is what the fuzzer writes, by hand and small.
 */
import type { Program } from "./harness.js";

const INIT = {
  count: 1,
  step: 2,
  title: "Ada",
  on: false,
  mode: "lower",
  field: "name",
  user: { name: "Ada", email: "ada@x.io", prefs: { theme: "light", size: 1 } },
  items: [
    { id: 1, label: "a", n: 3, done: false },
    { id: 2, label: "b", n: 1, done: true },
  ],
  errors: { "user.email": "", "user.name": "", title: "" },
  tick: 0,
};

const HANDLERS: Record<string, string> = {
  inc: '(p, socket) => socket.update("count", (c) => c + p.by)',
  toggle: '(_p, socket) => socket.update("on", (b) => !b)',
  setTitle: "(p, socket) => socket.assign({ title: p.v })",
  setMode: "(p, socket) => socket.assign({ mode: p.mode })",
  setField: "(p, socket) => socket.assign({ field: p.field })",
  rename: '(p, socket) => socket.update("user", (u) => ({ ...u, name: p.v }))',
  setTheme: '(p, socket) => socket.update("user", (u) => ({ ...u, prefs: { ...u.prefs, theme: p.theme } }))',
  add: '(p, socket) => socket.update("items", (xs) => [...xs, { id: Math.max(0, ...xs.map((x) => x.id)) + 1, label: p.v, n: p.n, done: false }])',
  remove: '(p, socket) => socket.update("items", (xs) => xs.filter((x) => x.id !== p.id))',
  relabel: '(p, socket) => socket.update("items", (xs) => xs.map((x) => (x.id === p.id ? { ...x, label: p.v } : x)))',
  bump: '(p, socket) => socket.update("items", (xs) => xs.map((x) => (x.id === p.id ? { ...x, n: x.n + 1 } : x)))',
  reverse: '(_p, socket) => socket.update("items", (xs) => [...xs].reverse())',
  setError: '(p, socket) => socket.update("errors", (e) => ({ ...e, [p.key]: p.v }))',
  storeAdd: '(p, socket) => {\n      store.n += p.by;\n      socket.update("tick", (t) => t + 1);\n    }',
  cachePut: '(p, socket) => {\n      cache.set(p.ck, p.v);\n      socket.update("tick", (t) => t + 1);\n    }',
  counterNext: '(_p, socket) => {\n      counter.next();\n      socket.update("tick", (t) => t + 1);\n    }',
  pushInPlace: '(p, socket) => socket.update("items", (i) => (i.push({ id: 100, label: p.v, n: 0, done: false }), i))',
  renameInPlace: '(p, socket) => socket.update("user", (u) => ((u.name = p.v), u))',
  errorInPlace: '(p, socket) => socket.update("errors", (e) => ((e[p.key] = p.v), e))',
  mutateOnly: '(p, socket) => {\n      socket.assigns.items.push({ id: 100, label: p.v, n: 1, done: false });\n      socket.update("tick", (t) => t + 1);\n    }',
};

type Step = [name: string, payload?: Record<string, unknown>];

function view(parts: { module?: string; render: string; steps: Step[] }): Program {
  const names = [...new Set(parts.steps.map(([name]) => name))];
  const source = [
    'import { defineView } from "@livetsx/server";',
    "",
    ...(parts.module ? [parts.module.trim(), ""] : []),
    "export default defineView({",
    `  mount: (_params, _session, socket) => socket.assign(${JSON.stringify(INIT)}),`,
    "  events: {",
    ...names.map((n) => `    ${n}: ${HANDLERS[n]},`),
    "  },",
    `  ${parts.render.trim()},`,
    "});",
    "",
  ].join("\n");
  return {
    source,
    events: parts.steps.map(([name, payload = {}]) => ({ name, payload })),
    inPlace: names.filter((n) => n === "mutateOnly"),
  };
}

export const REGRESSIONS: Record<string, Program> = {
  "text and attributes: nested paths, template literals, attribute values": view({
    render: `render: ({ count, user, title, on }) => (
    <div class={on ? "on" : "off"} data-n={count}>
      <p>{user.prefs.theme}</p>
      <p>{\`\${title}/\${count}\`}</p>
    </div>
  )`,
    steps: [["toggle"], ["setTheme", { theme: "dark" }], ["inc", { by: 2 }], ["setTitle", { v: "<b>" }]],
  }),
  "conditionals: && and ? : with elements": view({
    render: `render: (assigns) => (
    <div>
      {assigns.on && <span>{assigns.title}</span>}
      {assigns.count > 2 ? <b>{assigns.user.name}</b> : <i>{assigns.mode}</i>}
    </div>
  )`,
    steps: [["toggle"], ["setTitle", { v: "Bob" }], ["inc", { by: 3 }], ["rename", { v: "Zoë" }], ["toggle"]],
  }),
  "locals: a const computed from assigns": view({
    render: `render: ({ title, count }) => {
    const a = title + "!";
    const b = a + "-" + count;
    return <p>{b}</p>;
  }`,
    steps: [["setTitle", { v: "x" }], ["inc", { by: 1 }]],
  }),
  "let branches: if/else and switch assigning a let": view({
    render: `render: ({ on, title, user, mode }) => {
    let shown;
    if (on) {
      shown = title;
    } else {
      shown = user.name;
    }
    let label = "?";
    switch (mode) {
      case "upper":
        label = title.toUpperCase();
        break;
      default:
        label = "none";
    }
    return <p>{shown}:{label}</p>;
  }`,
    steps: [["toggle"], ["setTitle", { v: "Bob" }], ["setMode", { mode: "upper" }], ["setTitle", { v: "Cy" }]],
  }),
  "parts: braced if pushing into a local array": view({
    render: `render: ({ on, title, count }) => {
    const parts = [];
    if (on) {
      parts.push(title);
    }
    if (count > 2) parts.push("big");
    return <p>{parts.join(",")}</p>;
  }`,
    steps: [["toggle"], ["setTitle", { v: "Bob" }], ["inc", { by: 3 }]],
  }),
  "loops: accumulator for-of, index loop, while": view({
    render: `render: ({ items, count }) => {
    let sum = 0;
    for (const r of items) sum += r.n;
    const labels = [];
    for (let i = 0; i < items.length; i++) labels.push(items[i].label);
    let w = count;
    let halvings = 0;
    while (w > 0) {
      w = Math.floor(w / 2);
      halvings++;
    }
    return <p>{sum}|{labels.join(",")}|{halvings}</p>;
  }`,
    steps: [["bump", { id: 1 }], ["relabel", { id: 2, v: "z" }], ["inc", { by: 4 }], ["add", { v: "c", n: 5 }]],
  }),
  "helpers: module-level and render-local, arrow and function, with defaults": view({
    module: `
function describe(u, suffix = "!") {
  return u.name + " <" + u.email + ">" + suffix;
}
const themeOf = (u) => u.prefs.theme;`,
    render: `render: ({ user, on, items }) => {
    function line(row) {
      return row.label + (on ? "*" : "");
    }
    const wrap = (x, pre = ">") => pre + x;
    return (
      <div>
        <p>{describe(user)}</p>
        <p>{themeOf(user)}</p>
        <p>{items.map(line).join(",")}</p>
        <p>{wrap(user.name)}</p>
      </div>
    );
  }`,
    steps: [["rename", { v: "Bob" }], ["setTheme", { theme: "dark" }], ["toggle"]],
  }),
  "components: function components with defaults and destructured props": view({
    module: `
function Badge({ label, tone = "info" }) {
  return <b class={tone}>{label}</b>;
}
function UserCard({ user: { name, prefs: { theme } } }) {
  return <i>{name}/{theme}</i>;
}`,
    render: `render: ({ title, on, user }) => (
    <div>
      <Badge label={title} />
      <Badge label={user.name} tone={on ? "ok" : "off"} />
      <UserCard user={user} />
    </div>
  )`,
    steps: [["setTitle", { v: "T" }], ["toggle"], ["rename", { v: "Bob" }], ["setTheme", { theme: "dark" }]],
  }),
  "module state: an object, a Map and a closure counter mutated by handlers": view({
    module: `
const store = { n: 0 };
const cache = new Map();
function makeCounter() {
  let n = 0;
  return { next: () => ++n, peek: () => n };
}
const counter = makeCounter();`,
    render: `render: ({ count }) => (
    <div>
      <p>{store.n}</p>
      <p>{cache.get("k") ?? "-"}</p>
      <p>{counter.peek()}</p>
      <p>{count}</p>
    </div>
  )`,
    steps: [["storeAdd", { by: 2 }], ["cachePut", { ck: "k", v: "x" }], ["counterNext"], ["inc", { by: 1 }]],
  }),
  "module state: a function component reading it": view({
    module: `
const store = { n: 0 };
function Ticker({ label }) {
  return <em>{label}:{store.n}</em>;
}`,
    render: `render: ({ title }) => <div><Ticker label={title} /></div>`,
    steps: [["storeAdd", { by: 1 }], ["setTitle", { v: "x" }]],
  }),
  "computed members: fmt[mode], colors[KEY], dotted record keys, user[field]": view({
    module: `
const fmt = { upper: (s) => s.toUpperCase(), lower: (s) => s.toLowerCase() };
const KEY = "warm";
const colors = { warm: { hex: "#f80" }, cold: { hex: "#08f" } };`,
    render: `render: ({ mode, title, errors, user, field, on }) => (
    <div>
      <p>{fmt[mode](title)}</p>
      <p>{colors[KEY].hex}</p>
      <p>{colors[on ? "warm" : "cold"].hex}</p>
      <p>{errors["user.email"]}</p>
      <p>{errors[field === "name" ? "user.name" : "user.email"]}</p>
      <p>{user[field]}</p>
    </div>
  )`,
    steps: [
      ["setMode", { mode: "upper" }],
      ["setTitle", { v: "Bob" }],
      ["toggle"],
      ["setError", { key: "user.email", v: "taken" }],
      ["setField", { field: "email" }],
      ["setError", { key: "user.name", v: "bad" }],
    ],
  }),
  "lists: keyed map inline, destructured entries, captured assigns, rows built outside JSX": view({
    render: `render: ({ items, on, title }) => {
    const rows = items.map((it) => <li key={it.id}>{it.label}</li>);
    return (
      <div>
        <ul>{items.map(({ id, label, n = 0 }) => <li key={id}>{label}/{n}</li>)}</ul>
        <ul>{items.map((it) => <li key={it.id} class={on ? "on" : "off"}>{it.label}{title}</li>)}</ul>
        <ul>{items.filter((it) => !it.done).map((it) => <li key={it.id}>{it.n}</li>)}</ul>
        <ul>{rows}</ul>
      </div>
    );
  }`,
    steps: [["toggle"], ["setTitle", { v: "!" }], ["bump", { id: 1 }], ["reverse"], ["add", { v: "c", n: 0 }], ["remove", { id: 1 }]],
  }),
  "aliases: a render-local object mutated through an alias": view({
    render: `render: ({ count, title, on }) => {
    const o = { v: 0 };
    const p = o;
    p.v = count;
    const arr = [];
    const alias = arr;
    alias.push(title);
    const m = { x: "-" };
    const n = m;
    if (on) n.x = title;
    return <p>{o.v}|{arr.join()}|{m.x}</p>;
  }`,
    steps: [["inc", { by: 1 }], ["setTitle", { v: "Bob" }], ["toggle"], ["setTitle", { v: "Cy" }]],
  }),
  "array methods: filter, slice, toSorted, join, reduce": view({
    render: `render: ({ items }) => (
    <div>
      <p>{items.filter((x) => x.done).length}</p>
      <p>{items.map((x) => x.label).join("|")}</p>
      <p>{items.reduce((acc, x) => acc + x.n, 0)}</p>
      <p>{items.toSorted((a, b) => b.n - a.n).slice(0, 1).map((x) => x.label).join(",")}</p>
    </div>
  )`,
    steps: [["bump", { id: 2 }], ["bump", { id: 2 }], ["bump", { id: 2 }], ["relabel", { id: 1, v: "z" }], ["add", { v: "c", n: 9 }]],
  }),
  "destructuring: params with defaults, aliases, computed keys and rest": view({
    module: `const K = "items";`,
    render: `render: ({ count: c = 0, [K]: rows, ...rest }) => (
    <div>
      <p>{c}</p>
      <p>{rows[0]?.label ?? "-"}</p>
      <p>{rest.title}</p>
    </div>
  )`,
    steps: [["inc", { by: 1 }], ["reverse"], ["setTitle", { v: "Bob" }]],
  }),
  "destructuring: locals, nested with defaults and rest, array rest, computed key": view({
    render: `render: (props) => {
    const { user, items, field, errors } = props;
    const { name: nm = "anon", prefs: { theme }, ...others } = user;
    const [first, ...more] = items;
    const { [field]: picked } = user;
    const { ["user.email"]: emailError = "" } = errors;
    return <p>{nm}/{theme}/{others.email}|{first?.label}:{more.length}|{picked}|{emailError}</p>;
  }`,
    steps: [["rename", { v: "Bob" }], ["setTheme", { theme: "dark" }], ["reverse"], ["setField", { field: "email" }], ["setError", { key: "user.email", v: "x" }]],
  }),
  "in place: an assign changed in place then assigned again re-renders what reads it": view({
    render: `render: ({ items, user, errors }) => (
    <div>
      <ul>{items.map((it) => <li key={it.id}>{it.label}</li>)}</ul>
      <p>{items.length}</p>
      <p>{user.name}</p>
      <p>{errors["user.email"]}</p>
    </div>
  )`,
    steps: [["pushInPlace", { v: "c" }], ["renameInPlace", { v: "Bob" }], ["errorInPlace", { key: "user.email", v: "taken" }]],
  }),
  "in place: an assign changed in place and never assigned is refused in development": view({
    render: `render: ({ items, tick }) => <p>{items.length}/{tick}</p>`,
    steps: [["mutateOnly", { v: "c" }]],
  }),
};
