/**
 * The grammar of generated views: fast-check arbitraries that build small view modules as TSX
 * source text, with the event sequences that drive them.
 *
 * A program is made of pieces, each a family of code a user writes and a dependency analysis can
 * get wrong (destructuring, locals, loops, helpers, components, module state, computed members,
 * lists, aliases). Pieces read assigns through `r(name)`, which leaves a placeholder; once the
 * pieces are known, the render's parameter form (a plain parameter, a destructuring pattern in
 * the parameters or in the body, with aliases, defaults, computed keys and a rest element) decides
 * what each placeholder becomes.
 *
 * Every program is valid TSX, never throws for any reachable assigns, reads no clock and no
 * randomness, and names in `phx-click` only keys of its `events`.
 */
import fc from "fast-check";
import type { FuzzEvent, Program } from "./harness.js";

export const NAMES = ["count", "step", "title", "on", "mode", "field", "user", "items", "errors", "tick"] as const;
export type Name = (typeof NAMES)[number];

/** Strings the events write: empty, markup to escape, dots, non-ASCII. */
export const STRINGS = ["Ada", "Bob", "", "<i>&", "a.b", "Zoë"] as const;

/** Module-level declarations a piece or an event needs, printed once each, in this order. */
const MODULE: Record<string, string> = {
  item: "type Item = { id: number; label: string; n: number; done: boolean };",
  store: "const store = { n: 0 };",
  cache: "const cache = new Map();",
  counter: "function makeCounter() {\n  let n = 0;\n  return { next: () => ++n, peek: () => n };\n}\nconst counter = makeCounter();",
  fmt: "const fmt = { upper: (s) => s.toUpperCase(), lower: (s) => s.toLowerCase() };",
  colors: 'const KEY = "warm";\nconst colors = { warm: { hex: "#f80" }, cold: { hex: "#08f" } };',
  describe: 'function describe(u, suffix = "!") {\n  return u.name + " <" + u.email + ">" + suffix;\n}',
  themeOf: "const themeOf = (u) => u.prefs.theme;",
  total: 'function total(rows, key = "n") {\n  let s = 0;\n  for (const row of rows) s += row[key];\n  return s;\n}',
  Badge: 'function Badge({ label, tone = "info" }) {\n  return <b class={tone}>{label}</b>;\n}',
  UserCard: "function UserCard({ user: { name, prefs: { theme } } }) {\n  return <i>{name}/{theme}</i>;\n}",
  Ticker: "function Ticker({ label }) {\n  return <em>{label}:{store.n}</em>;\n}",
  Row: 'const Row = ({ item, mark = "" }) => <li>{item.label}{mark}</li>;',
};
const MODULE_ORDER = Object.keys(MODULE);
/** What a declaration uses of the others. */
const MODULE_USES: Record<string, string[]> = { Ticker: ["store"] };

export interface Ctx {
  /** An expression reading the top-level assign `name`. */
  r(name: Name): string;
  /** A unique suffix for this piece's locals. */
  k: number;
  need(decl: string): void;
  /** A type annotation when the program is typed (`: Item`), else nothing. */
  t(annotation: string): string;
}

export interface Piece {
  /** Statements before the `return`. */
  pre: string[];
  jsx: string;
}

type Expr = (c: Ctx) => string;
type Gen = (c: Ctx) => Piece;

const at = (c: Ctx, name: Name, path: string) => `${c.r(name)}${path}`;

const NUM: Expr[] = [
  (c) => c.r("count"),
  (c) => `${c.r("count")} + ${c.r("step")}`,
  (c) => at(c, "items", ".length"),
  (c) => at(c, "user", ".prefs.size"),
  (c) => c.r("tick"),
  (c) => `${c.r("count")} * ${c.r("step")} - ${at(c, "items", ".length")}`,
];
const STR: Expr[] = [
  (c) => c.r("title"),
  (c) => at(c, "user", ".name"),
  (c) => at(c, "user", ".email"),
  (c) => at(c, "user", ".prefs.theme"),
  (c) => at(c, "errors", '["user.email"]'),
  (c) => `${c.r("user")}[${c.r("field")}]`,
  (c) => `${c.r("on")} ? "on" : "off"`,
  (c) => `\`\${${c.r("title")}}/\${${c.r("count")}}\``,
  (c) => c.r("mode"),
];
const COND: Expr[] = [
  (c) => c.r("on"),
  (c) => `!${c.r("on")}`,
  (c) => `${c.r("count")} > 2`,
  (c) => `${at(c, "items", ".length")} > 1`,
  (c) => `${at(c, "user", ".prefs.theme")} === "dark"`,
  (c) => `${at(c, "errors", '["user.name"]')} !== ""`,
  (c) => `${c.r("mode")} === "upper"`,
];

const num = fc.constantFrom(...NUM);
const str = fc.constantFrom(...STR);
const cond = fc.constantFrom(...COND);
const value = fc.oneof(str, num);
const tag = fc.constantFrom("p", "span", "div");

/** `gens[i]` for the shrinkable index `i` given the other arbitraries' values. */
const pick = <T extends unknown[]>(gens: ((...args: T) => Gen)[], ...args: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.tuple(fc.nat(gens.length - 1), ...(args as fc.Arbitrary<unknown>[])).map(([i, ...rest]) => gens[i as number]!(...(rest as T)));

const only = (jsx: string): Piece => ({ pre: [], jsx });

const families = {
  text: pick<[Expr, Expr, string]>(
    [
      (v, _c, t) => (c) => only(`<${t}>{${v(c)}}</${t}>`),
      (v, k, t) => (c) => only(`<${t} class={${k(c)} ? "a" : "b"} data-v={${v(c)}}>x</${t}>`),
      (v, _c, t) => (c) => only(`<${t} title={${v(c)}}>{${v(c)}}!</${t}>`),
    ],
    value,
    cond,
    tag,
  ),
  conditional: pick<[Expr, Expr, Expr]>(
    [
      (k, a) => (c) => only(`{${k(c)} && <span>{${a(c)}}</span>}`),
      (k, a, b) => (c) => only(`{${k(c)} ? <b>{${a(c)}}</b> : <i>{${b(c)}}</i>}`),
      (k, a) => (c) => only(`<p>{${k(c)} ? ${a(c)} : null}</p>`),
      (k, a, b) => (c) => only(`<p>{${k(c)} ? (${k(c)} && ${a(c)}) : ${b(c)}}</p>`),
    ],
    cond,
    value,
    value,
  ),
  localConst: pick<[Expr, Expr]>(
    [
      (a) => (c) => ({ pre: [`const c${c.k} = ${a(c)};`], jsx: `<p>{c${c.k}}</p>` }),
      (a, b) => (c) => ({ pre: [`const a${c.k} = ${a(c)};`, `const b${c.k} = a${c.k} + "-" + (${b(c)});`], jsx: `<p>{b${c.k}}</p>` }),
      (a) => (c) => ({ pre: [`const o${c.k} = { v: ${a(c)}, w: 1 };`], jsx: `<p>{o${c.k}.v}</p>` }),
    ],
    value,
    value,
  ),
  letBranches: pick<[Expr, Expr, Expr]>(
    [
      (k, a, b) => (c) => ({ pre: [`let l${c.k} = ${a(c)};`, `if (${k(c)}) l${c.k} = ${b(c)};`], jsx: `<p>{l${c.k}}</p>` }),
      (k, a, b) => (c) => ({ pre: [`let l${c.k};`, `if (${k(c)}) {\n    l${c.k} = ${a(c)};\n  } else {\n    l${c.k} = ${b(c)};\n  }`], jsx: `<p>{l${c.k}}</p>` }),
      (k, a, b) => (c) => ({ pre: [`let l${c.k} = "none";`, `if (${k(c)}) l${c.k} = ${a(c)};\n  else l${c.k} = ${b(c)};`], jsx: `<p>{l${c.k}}</p>` }),
      (_k, a, b) => (c) => ({
        pre: [
          `let l${c.k} = "?";`,
          `switch (${c.r("mode")}) {\n    case "upper":\n      l${c.k} = ${a(c)};\n      break;\n    case "lower":\n      l${c.k} = ${b(c)};\n      break;\n    default:\n      l${c.k} = "none";\n  }`,
        ],
        jsx: `<p>{l${c.k}}</p>`,
      }),
    ],
    cond,
    value,
    value,
  ),
  parts: pick<[Expr, Expr, Expr, Expr]>(
    [
      (k1, a, k2, b) => (c) => ({
        pre: [`const parts${c.k} = [];`, `if (${k1(c)}) {\n    parts${c.k}.push(${a(c)});\n  }`, `if (${k2(c)}) parts${c.k}.push(${b(c)});`],
        jsx: `<p>{parts${c.k}.join(",")}</p>`,
      }),
      (k1, a, _k2, b) => (c) => ({
        pre: [`const parts${c.k} = [${b(c)}];`, `if (${k1(c)}) {\n    parts${c.k}.push(<em>{${a(c)}}</em>);\n  }`],
        jsx: `<p>{parts${c.k}}</p>`,
      }),
    ],
    cond,
    value,
    cond,
    value,
  ),
  loops: pick<[]>(
    [
      () => (c) => ({ pre: [`let sum${c.k} = 0;`, `for (const row of ${c.r("items")}) sum${c.k} += row.n;`], jsx: `<p>{sum${c.k}}</p>` }),
      () => (c) => ({
        pre: [`let sum${c.k} = 0;`, `for (const { n, done } of ${c.r("items")}) if (!done) sum${c.k} += n;`],
        jsx: `<p>{sum${c.k}}</p>`,
      }),
      () => (c) => ({
        pre: [`let sum${c.k} = 0;`, `for (const row of ${c.r("items")}) {\n    if (row.done) continue;\n    sum${c.k} += row.n * ${c.r("step")};\n  }`],
        jsx: `<p>{sum${c.k}}</p>`,
      }),
      () => (c) => ({
        pre: [`const out${c.k} = [];`, `for (let i = 0; i < ${at(c, "items", ".length")}; i++) out${c.k}.push(${c.r("items")}[i].label);`],
        jsx: `<p>{out${c.k}.join("|")}</p>`,
      }),
      () => (c) => ({
        pre: [
          `const lis${c.k} = [];`,
          `for (let i = 0; i < ${at(c, "items", ".length")}; i++) {\n    const it = ${c.r("items")}[i];\n    lis${c.k}.push(<li key={it.id}>{it.label}</li>);\n  }`,
        ],
        jsx: `<ul>{lis${c.k}}</ul>`,
      }),
      () => (c) => ({
        pre: [`let w${c.k} = ${c.r("count")};`, `let s${c.k} = 0;`, `while (w${c.k} > 0) {\n    w${c.k} = Math.floor(w${c.k} / 2);\n    s${c.k}++;\n  }`],
        jsx: `<p>{s${c.k}}</p>`,
      }),
      () => (c) => ({
        pre: [`const names${c.k} = [];`, `let i${c.k} = 0;`, `while (i${c.k} < ${at(c, "items", ".length")}) names${c.k}.push(${c.r("items")}[i${c.k}++].id);`],
        jsx: `<p>{names${c.k}.join(",")}</p>`,
      }),
    ],
  ),
  helpers: pick<[Expr, Expr]>(
    [
      () => (c) => (c.need("describe"), only(`<p>{describe(${c.r("user")})}</p>`)),
      () => (c) => (c.need("describe"), only(`<p>{describe(${c.r("user")}, "?")}</p>`)),
      () => (c) => (c.need("themeOf"), only(`<p>{themeOf(${c.r("user")})}</p>`)),
      () => (c) => (c.need("total"), only(`<p>{total(${c.r("items")})}</p>`)),
      () => (c) => (c.need("total"), only(`<p>{total(${c.r("items")}, "id")}</p>`)),
      (a) => (c) => ({ pre: [`const show${c.k} = (x, pre = ">") => pre + x;`], jsx: `<p>{show${c.k}(${a(c)})}</p>` }),
      (a) => (c) => ({ pre: [`const get${c.k} = () => ${a(c)};`], jsx: `<p>{get${c.k}()}</p>` }),
      (_a, b) => (c) => ({
        pre: [`function line${c.k}(row${c.t(": Item")}) {\n    return row.label + (${c.r("on")} ? "*" : "") + (${b(c)});\n  }`],
        jsx: `<p>{${c.r("items")}.map(line${c.k}).join(",")}</p>`,
      }),
      (a) => (c) => ({ pre: [`function wrap${c.k}(x, n = 1) {\n    return "[" + x + "]" + n;\n  }`], jsx: `<p>{wrap${c.k}(${a(c)})}</p>` }),
    ],
    value,
    value,
  ),
  components: pick<[Expr, Expr]>(
    [
      (a) => (c) => (c.need("Badge"), only(`<Badge label={${a(c)}} />`)),
      (a, k) => (c) => (c.need("Badge"), only(`<Badge label={${a(c)}} tone={${k(c)} ? "ok" : "off"} />`)),
      () => (c) => (c.need("UserCard"), only(`<UserCard user={${c.r("user")}} />`)),
      (a) => (c) => (c.need("Ticker"), only(`<Ticker label={${a(c)}} />`)),
      () => (c) => (c.need("Row"), only(`<ul>{${c.r("items")}.map((it) => <Row key={it.id} item={it} mark={${c.r("on")} ? "!" : ""} />)}</ul>`)),
      (a) => (c) => ({ pre: [`const Local${c.k} = ({ text, n = 0 }) => <u>{text}{n}</u>;`], jsx: `<Local${c.k} text={${a(c)}} n={${c.r("count")}} />` }),
    ],
    value,
    cond,
  ),
  moduleState: pick<[Expr]>(
    [
      () => (c) => (c.need("store"), only(`<p>{store.n}</p>`)),
      () => (c) => (c.need("store"), only(`<p>{store.n + ${c.r("count")}}</p>`)),
      () => (c) => (c.need("cache"), only(`<p>{cache.get("k") ?? "-"}</p>`)),
      () => (c) => (c.need("cache"), only(`<p>{[...cache.keys()].join(",")}</p>`)),
      () => (c) => (c.need("counter"), only(`<p>{counter.peek()}</p>`)),
      (a) => (c) => (c.need("store"), { pre: [`const snap${c.k} = store.n;`], jsx: `<p>{snap${c.k}}:{${a(c)}}</p>` }),
    ],
    value,
  ),
  computedMember: pick<[Expr, Expr]>(
    [
      (a) => (c) => (c.need("fmt"), only(`<p>{fmt[${c.r("mode")}](String(${a(c)}))}</p>`)),
      () => (c) => (c.need("fmt"), only(`<p>{fmt[${c.r("mode")}](${c.r("user")}.name)}</p>`)),
      () => (c) => (c.need("colors"), only(`<p>{colors[KEY].hex}</p>`)),
      (_a, k) => (c) => (c.need("colors"), only(`<p>{colors[${k(c)} ? "warm" : "cold"].hex}</p>`)),
      () => (c) => only(`<p>{${c.r("errors")}["user.email"]}</p>`),
      () => (c) => only(`<p>{${c.r("errors")}[${c.r("field")} === "name" ? "user.name" : "user.email"]}</p>`),
      () => (c) => only(`<p>{${c.r("user")}[${c.r("field")}]}</p>`),
      () => (c) => ({ pre: [`const key${c.k} = "user." + ${c.r("field")};`], jsx: `<p>{${c.r("errors")}[key${c.k}]}</p>` }),
      () => (c) => ({ pre: [`const e${c.k} = ${c.r("errors")};`], jsx: `<p>{e${c.k}.title}{e${c.k}["user.name"]}</p>` }),
    ],
    value,
    cond,
  ),
  lists: pick<[Expr, string]>(
    [
      () => (c) => only(`<ul>{${c.r("items")}.map((it${c.t(": Item")}) => <li key={it.id}>{it.label}:{it.n}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map(({ id, label, n = 0 }) => <li key={id}>{label}/{n}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map((it, i) => <li key={it.id}>{i}. {it.label}</li>)}</ul>`),
      (a) => (c) => only(`<ul>{${c.r("items")}.map((it) => <li key={it.id} class={${c.r("on")} ? "on" : "off"}>{it.label}{${a(c)}}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.filter((it) => !it.done).map((it) => <li key={it.id}>{it.label}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.toSorted((a, b) => a.n - b.n || a.id - b.id).map((it) => <li key={it.id}>{it.n}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.slice(0, 2).map((it) => <li key={it.id}>{it.label}</li>)}</ul>`),
      // Selections: an outer assign compared with an item path (the runtime renders only the
      // entries whose path holds the old or the new value), and near misses that must not be.
      () => (c) => only(`<ul>{${c.r("items")}.map((it) => <li key={it.id} class={it.id === ${c.r("count")} ? "sel" : ""}>{it.label}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map((it) => <li key={it.id}>{(${c.r("step")}) !== it.n ? <i>{it.label}</i> : <b>{it.n}</b>}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map((it) => <li key={it.id} data-a={it.n === ${c.r("count")}} data-b={it.id === ${c.r("step")}}>{it.label}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map((it) => <li key={it.id}>{it.id === ${c.r("count")} ? ${c.r("count")} + 1 : "-"}</li>)}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map((it) => {\n    const mine = ${c.r("count")};\n    return <li key={it.id}>{it.n === mine ? "m" : "o"}</li>;\n  })}</ul>`),
      () => (c) => only(`<ul>{${c.r("items")}.map((it) => <li key={it.id}>{it.n == ${c.r("count")} ? "eq" : "ne"}</li>)}</ul>`),
      () => (c) =>
        only(`<ul>{${c.r("items")}.map((it) => {\n    const up = it.label.toUpperCase();\n    return <li key={it.id}>{up}{it.done ? "+" : "-"}</li>;\n  })}</ul>`),
      () => (c) => ({ pre: [`const rows${c.k} = ${c.r("items")}.map((it) => <li key={it.id}>{it.label}</li>);`], jsx: `<ul>{rows${c.k}}</ul>` }),
      () => (c) => ({ pre: [`const shown${c.k} = ${c.r("items")}.filter((x) => x.done);`], jsx: `<ul>{shown${c.k}.map((x) => <li key={x.id}>{x.label}</li>)}</ul>` }),
      (_a, t) => (c) => ({
        pre: [`const rows${c.k} = ${c.r("items")}.map((it) => (\n    <li key={it.id}>\n      <${t}>{it.label}</${t}>{it.done && <b>done</b>}\n    </li>\n  ));`],
        jsx: `<ul>{${c.r("on")} ? rows${c.k} : null}</ul>`,
      }),
    ],
    value,
    tag,
  ),
  aliases: pick<[Expr, Expr]>(
    [
      (_a, _b) => (c) => ({ pre: [`const o${c.k} = { v: 0 };`, `const p${c.k} = o${c.k};`, `p${c.k}.v = ${NUM[0]!(c)};`], jsx: `<p>{o${c.k}.v}</p>` }),
      (a) => (c) => ({ pre: [`const a${c.k} = [];`, `const b${c.k} = a${c.k};`, `b${c.k}.push(${a(c)});`], jsx: `<p>{a${c.k}.join()}</p>` }),
      (a) => (c) => ({
        pre: [`const box${c.k} = { inner: { t: "" } };`, `const in${c.k} = box${c.k}.inner;`, `in${c.k}.t = ${a(c)};`],
        jsx: `<p>{box${c.k}.inner.t}</p>`,
      }),
      (a, b) => (c) => ({
        pre: [`const m${c.k} = { x: ${a(c)} };`, `const n${c.k} = m${c.k};`, `if (${c.r("on")}) n${c.k}.x = ${b(c)};`],
        jsx: `<p>{m${c.k}.x}</p>`,
      }),
    ],
    value,
    value,
  ),
  arrays: pick<[]>(
    [
      () => (c) => only(`<p>{${c.r("items")}.filter((x) => x.done).length}</p>`),
      () => (c) => only(`<p>{${c.r("items")}.map((x) => x.label).join("|")}</p>`),
      () => (c) => only(`<p>{${c.r("items")}.reduce((acc, x) => acc + x.n, 0)}</p>`),
      () => (c) => only(`<p>{${c.r("items")}.toSorted((a, b) => b.n - a.n || a.id - b.id).slice(0, 2).map((x) => x.label).join(",")}</p>`),
      () => (c) => only(`<p>{${c.r("items")}.some((x) => x.done) ? "some" : "none"}</p>`),
      () => (c) => only(`<p>{${c.r("items")}.find((x) => x.id === 2)?.label ?? "-"}</p>`),
      () => (c) => only(`<p>{${c.r("items")}[0]?.label ?? "-"}</p>`),
    ],
  ),
  destructuring: pick<[]>(
    [
      () => (c) => ({
        pre: [`const { name: nm${c.k} = "anon", prefs: { theme: th${c.k} }, ...restU${c.k} } = ${c.r("user")};`],
        jsx: `<p>{nm${c.k}}/{th${c.k}}/{restU${c.k}.email}</p>`,
      }),
      () => (c) => ({ pre: [`const [first${c.k}, ...others${c.k}] = ${c.r("items")};`], jsx: `<p>{first${c.k}?.label ?? "-"}:{others${c.k}.length}</p>` }),
      () => (c) => ({ pre: [`const { [${c.r("field")}]: fv${c.k} } = ${c.r("user")};`], jsx: `<p>{fv${c.k}}</p>` }),
      () => (c) => ({ pre: [`const { ["user.email"]: ee${c.k} = "" } = ${c.r("errors")};`], jsx: `<p>{ee${c.k}}</p>` }),
      () => (c) => ({ pre: [`const { prefs: pr${c.k} } = ${c.r("user")};`, `const { size: sz${c.k}, ...other${c.k} } = pr${c.k};`], jsx: `<p>{sz${c.k}}{other${c.k}.theme}</p>` }),
      () => (c) => ({ pre: [`const [, second${c.k} = { label: "none" }] = ${c.r("items")};`], jsx: `<p>{second${c.k}.label}</p>` }),
    ],
  ),
} satisfies Record<string, fc.Arbitrary<Gen>>;

export type Family = keyof typeof families;
export const FAMILIES = Object.keys(families) as Family[];

/** How the render reads one assign from a destructuring pattern. */
const MODES = ["direct", "alias", "default", "aliasDefault", "computed", "rest", "member"] as const;
type Mode = (typeof MODES)[number];

const DEFAULTS: Record<Name, string> = {
  count: "0",
  step: "1",
  title: '""',
  on: "false",
  mode: '"lower"',
  field: '"name"',
  user: '{ name: "", email: "", prefs: { theme: "light", size: 1 } }',
  items: "[]",
  errors: "{}",
  tick: "0",
};

interface EventKind {
  /** The handler's body (an expression or a block); `p` is the payload, `socket` the socket. */
  body: string;
  payload: (keyof typeof PAYLOAD)[];
  needs?: string[];
  inPlace?: boolean;
}

const PAYLOAD = {
  by: fc.integer({ min: 1, max: 3 }),
  n: fc.integer({ min: 0, max: 9 }),
  v: fc.constantFrom(...STRINGS),
  id: fc.integer({ min: 1, max: 6 }),
  key: fc.constantFrom("user.email", "user.name", "title"),
  ck: fc.constantFrom("k", "j"),
  mode: fc.constantFrom("upper", "lower"),
  field: fc.constantFrom("name", "email"),
  theme: fc.constantFrom("light", "dark"),
};

const tickUp = 'socket.update("tick", (t) => t + 1);';

export const EVENTS: Record<string, EventKind> = {
  inc: { body: 'socket.update("count", (c) => c + p.by)', payload: ["by"] },
  setCount: { body: "socket.assign({ count: p.n })", payload: ["n"] },
  setStep: { body: 'socket.assign("step", p.by)', payload: ["by"] },
  toggle: { body: 'socket.update("on", (b) => !b)', payload: [] },
  setTitle: { body: "socket.assign({ title: p.v })", payload: ["v"] },
  setMode: { body: "socket.assign({ mode: p.mode })", payload: ["mode"] },
  setField: { body: "socket.assign({ field: p.field })", payload: ["field"] },
  rename: { body: 'socket.update("user", (u) => ({ ...u, name: p.v }))', payload: ["v"] },
  setEmail: { body: 'socket.update("user", (u) => ({ ...u, email: p.v }))', payload: ["v"] },
  setTheme: { body: 'socket.update("user", (u) => ({ ...u, prefs: { ...u.prefs, theme: p.theme } }))', payload: ["theme"] },
  grow: { body: 'socket.update("user", (u) => ({ ...u, prefs: { ...u.prefs, size: u.prefs.size + 1 } }))', payload: [] },
  copyUser: { body: "socket.assign({ user: { ...socket.assigns.user } })", payload: [] },
  add: {
    body: 'socket.update("items", (xs) => [...xs, { id: Math.max(0, ...xs.map((x) => x.id)) + 1, label: p.v, n: p.n, done: false }])',
    payload: ["v", "n"],
  },
  remove: { body: 'socket.update("items", (xs) => xs.filter((x) => x.id !== p.id))', payload: ["id"] },
  relabel: { body: 'socket.update("items", (xs) => xs.map((x) => (x.id === p.id ? { ...x, label: p.v } : x)))', payload: ["id", "v"] },
  bump: { body: 'socket.update("items", (xs) => xs.map((x) => (x.id === p.id ? { ...x, n: x.n + 1 } : x)))', payload: ["id"] },
  check: { body: 'socket.update("items", (xs) => xs.map((x) => (x.id === p.id ? { ...x, done: !x.done } : x)))', payload: ["id"] },
  reverse: { body: 'socket.update("items", (xs) => [...xs].reverse())', payload: [] },
  rotate: { body: 'socket.update("items", (xs) => (xs.length ? [...xs.slice(1), xs[0]] : xs))', payload: [] },
  sort: { body: 'socket.update("items", (xs) => xs.toSorted((a, b) => a.n - b.n || a.id - b.id))', payload: [] },
  setError: { body: 'socket.update("errors", (e) => ({ ...e, [p.key]: p.v }))', payload: ["key", "v"] },
  clearErrors: { body: 'socket.assign({ errors: { "user.email": "", "user.name": "", title: "" } })', payload: [] },
  // Changed in place, then assigned again: the same reference counts as changed.
  pushInPlace: {
    body: 'socket.update("items", (i) => (i.push({ id: Math.max(0, ...i.map((x) => x.id)) + 1, label: p.v, n: 0, done: false }), i))',
    payload: ["v"],
  },
  renameInPlace: { body: 'socket.update("user", (u) => ((u.name = p.v), u))', payload: ["v"] },
  themeInPlace: { body: '{\n      socket.assigns.user.prefs.theme = p.theme;\n      socket.assign("user", socket.assigns.user);\n    }', payload: ["theme"] },
  errorInPlace: { body: 'socket.update("errors", (e) => ((e[p.key] = p.v), e))', payload: ["key", "v"] },
  sortInPlace: { body: 'socket.update("items", (xs) => xs.sort((a, b) => b.n - a.n || a.id - b.id))', payload: [] },
  // Changed in place and never assigned: development must refuse it (or the page stay fresh).
  mutateOnly: {
    body: `{\n      socket.assigns.items.push({ id: 100 + socket.assigns.items.length, label: p.v, n: 1, done: false });\n      ${tickUp}\n    }`,
    payload: ["v"],
    inPlace: true,
  },
  storeAdd: { body: `{\n      store.n += p.by;\n      ${tickUp}\n    }`, payload: ["by"], needs: ["store"] },
  cachePut: { body: `{\n      cache.set(p.ck, p.v);\n      ${tickUp}\n    }`, payload: ["ck", "v"], needs: ["cache"] },
  counterNext: { body: `{\n      counter.next();\n      ${tickUp}\n    }`, payload: [], needs: ["counter"] },
  same: { body: "socket.assign({ count: socket.assigns.count })", payload: [] },
  multi: { body: "socket.assign({ count: socket.assigns.count + p.by, title: p.v })", payload: ["by", "v"] },
};
/** The in-place events end a run (refused), so they are drawn apart and rarely. */
const EVENT_NAMES = Object.keys(EVENTS).filter((e) => !EVENTS[e]!.inPlace);
const IN_PLACE = Object.keys(EVENTS).filter((e) => EVENTS[e]!.inPlace);

const item = (id: number) =>
  fc.record({ label: fc.constantFrom(...STRINGS), n: fc.integer({ min: 0, max: 9 }), done: fc.boolean() }).map((r) => ({ id, ...r }));

const initial = fc.record({
  count: fc.integer({ min: 0, max: 4 }),
  step: fc.integer({ min: 1, max: 2 }),
  title: fc.constantFrom(...STRINGS),
  on: fc.boolean(),
  mode: fc.constantFrom("lower", "upper"),
  field: fc.constantFrom("name", "email"),
  user: fc.record({
    name: fc.constantFrom(...STRINGS),
    email: fc.constantFrom("ada@x.io", "b@y"),
    prefs: fc.record({ theme: fc.constantFrom("light", "dark"), size: fc.integer({ min: 1, max: 3 }) }),
  }),
  items: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => item(i + 1)))),
  errors: fc.record({ "user.email": fc.constantFrom("", "taken"), "user.name": fc.constantFrom("", "bad"), title: fc.constant("") }),
  tick: fc.constant(0),
});

export interface Shape {
  families?: readonly Family[];
  maxPieces?: number;
  maxEvents?: number;
}

export interface GeneratedProgram extends Program {
  families: Family[];
}

interface Spec {
  pieces: { family: Family; gen: Gen }[];
  events: string[];
  form: "member" | "pattern" | "local";
  modes: Mode[];
  typed: boolean;
  body: "arrow" | "method" | "function";
  fragment: boolean;
  buttons: boolean;
  init: Record<string, unknown>;
}

/** Prints a program; `run` are the (event index, payload) pairs of the sequence. */
function print(spec: Spec, run: { pick: number; payload: Record<string, unknown> }[]): GeneratedProgram {
  const needed = new Set<string>();
  if (spec.typed) needed.add("item");
  const used = new Set<Name>();
  const placeholder = (n: Name) => `\u0001${n}\u0001`;
  const pieces = spec.pieces.map((p, k) =>
    p.gen({
      r: (n) => (used.add(n), placeholder(n)),
      k,
      need: (d) => needed.add(d),
      t: (a) => (spec.typed ? a : ""),
    }),
  );
  for (const e of spec.events) for (const d of EVENTS[e]!.needs ?? []) needed.add(d);
  for (const d of [...needed]) for (const u of MODULE_USES[d] ?? []) needed.add(u);

  // How the render reads each assign it uses.
  const param = spec.form === "member" ? "assigns" : "props";
  const entries: string[] = [];
  const reads = new Map<Name, string>();
  let rest = false;
  const keys: string[] = [];
  for (const [i, n] of NAMES.entries()) {
    if (!used.has(n)) continue;
    let mode = spec.modes[i]!;
    if (spec.form === "member") mode = "member";
    else if (mode === "member" && spec.form === "pattern") mode = "direct";
    switch (mode) {
      case "member":
        reads.set(n, `${param}.${n}`);
        break;
      case "direct":
        entries.push(n);
        reads.set(n, n);
        break;
      case "alias":
        entries.push(`${n}: ${n}$`);
        reads.set(n, `${n}$`);
        break;
      case "default":
        entries.push(`${n} = ${DEFAULTS[n]}`);
        reads.set(n, n);
        break;
      case "aliasDefault":
        entries.push(`${n}: ${n}$ = ${DEFAULTS[n]}`);
        reads.set(n, `${n}$`);
        break;
      case "computed":
        keys.push(`const K_${n} = "${n}";`);
        entries.push(`[K_${n}]: ${n}$`);
        reads.set(n, `${n}$`);
        break;
      case "rest":
        rest = true;
        reads.set(n, `rest.${n}`);
        break;
    }
  }
  if (rest) entries.push("...rest");
  const pattern = `{ ${entries.join(", ")} }`;
  const fill = (s: string) => s.replace(/\u0001(\w+)\u0001/g, (_, n: Name) => reads.get(n)!);

  const pre = pieces.flatMap((p) => p.pre).map(fill);
  if (spec.form === "local" && entries.length > 0) pre.unshift(`const ${pattern} = props;`);
  const buttons = spec.buttons ? spec.events.map((e) => `<button phx-click="${e}">${e}</button>`) : [];
  const children = [...pieces.map((p) => fill(p.jsx)), ...buttons].map((c) => `      ${c}`).join("\n");
  const jsx = spec.fragment ? `<>\n${children}\n    </>` : `<div id="view">\n${children}\n    </div>`;
  const params = spec.form === "pattern" ? (entries.length > 0 ? pattern : "_assigns") : param;
  const stmts = pre.map((s) => `    ${s.replace(/\n/g, "\n  ")}\n`).join("");
  let render: string;
  if (spec.body === "method") render = `  render(${params}) {\n${stmts}    return (\n    ${jsx}\n    );\n  },`;
  else if (spec.body === "function") render = `  render: function (${params}) {\n${stmts}    return (\n    ${jsx}\n    );\n  },`;
  else if (stmts === "") render = `  render: (${params}) => (\n    ${jsx}\n  ),`;
  else render = `  render: (${params}) => {\n${stmts}    return (\n    ${jsx}\n    );\n  },`;

  const handlers = spec.events.map((e) => {
    const kind = EVENTS[e]!;
    const p = kind.payload.length > 0 ? "p" : "_p";
    return kind.body.startsWith("{") ? `    ${e}: (${p}, socket) => ${kind.body},` : `    ${e}: (${p}, socket) => ${kind.body},`;
  });
  const module = MODULE_ORDER.filter((d) => needed.has(d)).map((d) => MODULE[d]!);
  const source = [
    'import { defineView } from "@livetsx/server";',
    "",
    ...(module.length ? [...module, ""] : []),
    ...(keys.length ? [...keys, ""] : []),
    "export default defineView({",
    `  mount: (_params, _session, socket) =>\n    socket.assign(${JSON.stringify(spec.init)}),`,
    "  events: {",
    ...handlers,
    "  },",
    render,
    "});",
    "",
  ].join("\n");

  const events: FuzzEvent[] = run.map(({ pick, payload }) => {
    const name = spec.events[pick % spec.events.length]!;
    const wanted = EVENTS[name]!.payload;
    return { name, payload: Object.fromEntries(wanted.map((k) => [k, payload[k]])) };
  });
  return {
    source,
    events,
    inPlace: spec.events.filter((e) => EVENTS[e]!.inPlace),
    families: [...new Set(spec.pieces.map((p) => p.family))],
  };
}

/** Generated programs with their event sequences. */
export function programs(shape: Shape = {}): fc.Arbitrary<GeneratedProgram> {
  const chosen = shape.families ?? FAMILIES;
  const piece = fc.oneof(...chosen.map((f) => families[f].map((gen) => ({ family: f, gen }))));
  const spec = fc.record({
    pieces: fc.array(piece, { minLength: 1, maxLength: shape.maxPieces ?? 4 }),
    events: fc
      .tuple(fc.uniqueArray(fc.constantFrom(...EVENT_NAMES), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 9 }))
      .map(([names, r]) => (r === 9 ? [...names, ...IN_PLACE] : names)),
    form: fc.constantFrom("member", "pattern", "local"),
    modes: fc.array(fc.constantFrom(...MODES), { minLength: NAMES.length, maxLength: NAMES.length }),
    typed: fc.boolean(),
    body: fc.constantFrom("arrow", "method", "function"),
    fragment: fc.boolean(),
    buttons: fc.boolean(),
    init: initial,
  }) as fc.Arbitrary<Spec>;
  const run = fc.array(fc.record({ pick: fc.nat(), payload: fc.record(PAYLOAD) }), { minLength: 1, maxLength: shape.maxEvents ?? 6 });
  return fc.tuple(spec, run).map(([s, r]) => print(s, r));
}
