/**
 * Dependency analysis, one rule per test: each compiles a small view and asserts the deps the
 * compiler decided for its slots.
 */
import { describe, expect, test } from "vitest";
import { compile, type SlotMetadata, type TemplateMetadata } from "@livetsx/compiler";

function templates(source: string): TemplateMetadata[] {
  return compile(source, { filename: "view.tsx" }).metadata.templates;
}

/** The deps of every slot of the first template. */
function deps(source: string): (string[] | "*")[] {
  return templates(source)[0]!.slots.map((s) => s.deps);
}

function slots(source: string, template = 0): SlotMetadata[] {
  return templates(source)[template]!.slots;
}

const view = (render: string, prelude = "") =>
  `import { defineView } from "@livetsx/server";\n${prelude}\nexport default defineView({ render: ${render} });`;

describe("render parameters", () => {
  test("destructured names are assign paths", () => {
    expect(deps(view(`({ count, user }) => <p>{count} {user.name}</p>`))).toEqual([["count"], ["user.name"]]);
  });

  test("nested, renamed and defaulted destructuring", () => {
    const src = view(`({ user: { name }, count: n, items = [] }) => <p>{name}{n}{items.length}</p>`);
    // A default makes the name a function of the whole value (and of the default).
    expect(deps(src)).toEqual([["user.name"], ["count"], ["items"]]);
  });

  test("members of the assigns object", () => {
    expect(deps(view(`(assigns) => <p>{assigns.user.name}{assigns["count"]}</p>`))).toEqual([["user.name"], ["count"]]);
  });

  test("a rest element reads through to the assigns", () => {
    expect(deps(view(`({ count, ...rest }) => <p>{rest.title}</p>`))).toEqual([["title"]]);
  });

  test("passing the whole assigns object on is always evaluated, with the reason", () => {
    const [slot] = slots(view(`(assigns) => <p>{format(assigns)}</p>`, "function format(a: any) { return a.x; }"));
    expect(slot!.deps).toBe("*");
    expect(slot!.reason).toMatch(/whole assigns object `assigns`/);
  });

  test("passing a rest object on is always evaluated", () => {
    expect(deps(view(`({ a, ...rest }) => <p>{JSON.stringify(rest)}</p>`))).toEqual(["*"]);
  });
});

describe("locals", () => {
  test("consts carry the deps of their initializers, transitively", () => {
    const src = view(`(assigns) => { const { x, y } = assigns; const a = x * 2; const b = a + y; return <p>{b}</p>; }`);
    expect(deps(src)).toEqual([["x", "y"]]);
  });

  test("an alias of an assign path stays precise", () => {
    expect(deps(view(`(assigns) => { const user = assigns.user; return <p>{user.name}</p>; }`))).toEqual([["user.name"]]);
  });

  test("a reassigned let takes the deps of every write and its conditions, and is evaluated eagerly", () => {
    const src = view(`({ n }) => { let label = "none"; if (n > 0) label = "some"; return <p>{label}</p>; }`);
    const [slot] = slots(src);
    expect(slot!.deps).toEqual(["n"]);
    expect(compile(src, { filename: "v.tsx" }).code).toMatch(/_\$rendered\(_tmpl\$0, \[label\]/);
  });

  test("a local changed by a statement takes that statement's deps", () => {
    const src = view(`({ items, sep }) => { const names: string[] = []; for (const i of items) names.push(i.name); return <p>{names.join(sep)}</p>; }`);
    expect(deps(src)).toEqual([["items", "sep"]]);
  });

  test("a local changed inside a nested function is always evaluated", () => {
    const src = view(`({ items }) => { const names: string[] = []; items.forEach((i: any) => names.push(i)); return <p>{names.length}</p>; }`);
    expect(deps(src)).toEqual(["*"]);
  });

  test("local functions read their free variables", () => {
    const src = view(`({ suffix, n }) => { const label = (x: number) => x + suffix; return <p>{label(n)}</p>; }`);
    expect(deps(src)).toEqual([["n", "suffix"]]);
  });
});

describe("calls and globals", () => {
  test("module-level helpers depend on their arguments", () => {
    expect(deps(view(`({ price }) => <p>{fmt(price)}</p>`, "function fmt(c: number) { return (c / 100).toFixed(2); }"))).toEqual([["price"]]);
  });

  test("a method call reads its receiver", () => {
    expect(deps(view(`({ user }) => <p>{user.name.toUpperCase()}</p>`))).toEqual([["user.name"]]);
  });

  test("callbacks read their free variables", () => {
    expect(deps(view(`({ items, tag }) => <p>{items.filter((i: any) => i.tag === tag).length}</p>`))).toEqual([["items", "tag"]]);
  });

  test("pure globals are pure, clocks and randomness are not", () => {
    const src = view(`({ a, b, ts }) => <p>{Math.max(a, b)}|{new Date(ts).getFullYear()}|{Date.now()}|{Math.random()}|{new Date().getDay()}</p>`);
    const [max, date, now, random, today] = slots(src);
    expect(max!.deps).toEqual(["a", "b"]);
    expect(date!.deps).toEqual(["ts"]);
    for (const s of [now, random, today]) expect(s!.deps).toBe("*");
    expect(now!.reason).toMatch(/Date\.now/);
  });

  test("unknown globals are always evaluated", () => {
    expect(deps(view(`() => <p>{(globalThis as any).counter}</p>`))).toEqual(["*"]);
  });

  test("computed members read the key too", () => {
    expect(deps(view(`({ labels, kind }) => <p>{labels[kind]}</p>`))).toEqual([["kind", "labels"]]);
  });

  test("a reassigned module-level let is always evaluated; a const is static", () => {
    const src = view(`({ n }) => <p>{hits}{LIMIT}{n}</p>`, "let hits = 0; export function hit() { hits++; }\nconst LIMIT = 3;");
    expect(deps(src)).toEqual(["*", [], ["n"]]);
  });

  test("bindings of an enclosing plain function are fixed for the view", () => {
    const src = `import { defineView } from "@livetsx/server";
      export function make(label: string) { return defineView({ render: ({ n }: any) => <p>{label}: {n}</p> }); }`;
    expect(deps(src)).toEqual([[], ["n"]]);
  });
});

describe("lists", () => {
  const list = view(`({ items, suffix }) => <ul>{items.map((item) => <li key={item.id}>{item.name}{suffix}</li>)}</ul>`);

  test("entries depend on their binding's paths and on outer assigns", () => {
    const [outer, entry] = templates(list);
    expect(outer!.slots[0]).toMatchObject({ kind: "list", deps: ["items", "suffix"] });
    expect(entry!.bindings).toEqual({ item: [0] });
    expect(entry!.slots.map((s) => s.deps)).toEqual([["@item.name"], ["suffix"]]);
  });

  test("index and destructured parameters", () => {
    const src = view(`({ rows }) => <ul>{rows.map(({ id, name }, i) => <li key={id}>{i}: {name}</li>)}</ul>`);
    const entry = templates(src)[1]!;
    expect(entry.bindings).toEqual({ id: [0, "id"], name: [0, "name"], i: [1] });
    expect(entry.slots.map((s) => s.deps)).toEqual([["@i"], ["@name"]]);
  });

  test("Object.entries", () => {
    const src = view(`({ prices }) => <dl>{Object.entries(prices).map(([k, v]) => <dd key={k}>{v}</dd>)}</dl>`);
    const [outer, entry] = templates(src);
    expect(outer!.slots[0]!.deps).toEqual(["prices"]);
    expect(entry!.bindings).toEqual({ k: [0, 0], v: [0, 1] });
  });

  test("nested maps read the outer entry through its binding", () => {
    const src = view(`({ rows }) => <table>{rows.map((row) => <tr key={row.id}>{row.cells.map((c) => <td key={c}>{row.id}-{c}</td>)}</tr>)}</table>`);
    const [, rowT, cellT] = templates(src);
    expect(rowT!.slots[0]!.deps).toEqual(["@row.cells", "@row.id"]);
    expect(cellT!.slots.map((s) => s.deps)).toEqual([["@row.id"], ["@c"]]);
  });

  test("the key function and entry function are emitted", () => {
    const { code } = compile(list, { filename: "v.tsx" });
    expect(code).toContain("_$comprehension(_tmpl$1, items, item => item.id, (_entry$, item) => _$rendered(_tmpl$1");
  });

  test("a callback returning different templates gets a wrapper entry template", () => {
    const src = view(`({ todos }) => <ul>{todos.map((t) => t.done ? <li key={t.id} class="done">{t.title}</li> : <li key={t.id}>{t.title}</li>)}</ul>`);
    const [, wrapper, done, open] = templates(src);
    expect(wrapper!.statics).toEqual(["", ""]);
    expect(wrapper!.slots[0]!.deps).toEqual(["@t.done", "@t.title"]);
    expect(done!.fingerprint).not.toBe(open!.fingerprint);
    expect(compile(src, { filename: "v.tsx" }).code).toContain("t => t.done ? t.id : t.id");
  });
});

describe("conditionals and components", () => {
  test("branches are nested templates; the slot carries their deps", () => {
    const src = view(`({ on, a, b }) => <div>{on ? <b>{a}</b> : <i>{b}</i>}</div>`);
    const [outer, yes, no] = templates(src);
    expect(outer!.slots[0]!.deps).toEqual(["a", "b", "on"]);
    expect(yes!.slots[0]!.deps).toEqual(["a"]);
    expect(no!.slots[0]!.deps).toEqual(["b"]);
    expect(yes!.fingerprint).not.toBe(no!.fingerprint);
  });

  test("component props carry the deps of their expressions", () => {
    const src = view(`({ user, n }) => <div><Badge status={user.status} label="x">{n}</Badge></div>`, "function Badge(p: any) { return <span>{p.status}</span>; }");
    const outer = templates(src).find((t) => t.slots.some((s) => s.kind === "component"))!;
    expect(outer.slots[0]).toMatchObject({ kind: "component", deps: ["n", "user.status"], props: { status: ["user.status"], label: [], children: ["n"] } });
  });

  test("a component's own slots depend on its props", () => {
    const src = `export function Badge({ status, label }: any) { return <span class={status}>{label}</span>; }`;
    expect(deps(src)).toEqual([["status"], ["label"]]);
  });

  test("a component defined inside render that reads render's state is always evaluated", () => {
    const src = view(`({ count }) => { const Row = ({ x }: any) => <li>{x}{count}</li>; return <ul><Row x={1} /></ul>; }`);
    const row = templates(src).find((t) => t.statics[0] === "<li>")!;
    expect(row.slots[0]!.deps).toEqual(["x"]);
    expect(row.slots[1]!.deps).toBe("*");
    expect(row.slots[1]!.reason).toMatch(/enclosing render/);
  });

  test("spread attributes depend on the spread value", () => {
    expect(deps(view(`({ attrs }) => <div {...attrs} id="x" />`))).toEqual([["attrs"]]);
  });
});

describe("templates", () => {
  test("fingerprints are stable and follow the statics", () => {
    const a = templates(view(`({ x }) => <p class="a">{x}</p>`))[0]!;
    const b = templates(view(`({ y }) => <p class="a">{y}</p>`))[0]!;
    const c = templates(view(`({ x }) => <p class="b">{x}</p>`))[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });

  test("static text, literals and static attributes fold into the statics", () => {
    const t = templates(view(`({ x }) => <p class="a" data-n={3} hidden style={{ color: "red", fontSize: 12 }}>Hi {"there"} {x}!</p>`))[0]!;
    expect(t.statics).toEqual(['<p class="a" data-n="3" hidden style="color:red;font-size:12px">Hi there ', "!</p>"]);
    expect(t.root).toBe(true);
  });
});

describe("functions of other modules", () => {
  test("an imported component's slot holds its deps only if its module marked it pure", () => {
    const src = `import { defineView } from "@livetsx/server";
      import { Flash } from "./flash.tsx";
      import { format } from "some-package";
      export default defineView({ render: ({ flash, n }: any) => <div><Flash flash={flash} /><p>{format(n)}</p></div> });`;
    const [flash, format] = slots(src);
    expect(flash!.deps).toEqual(["flash"]);
    expect(flash!.requires).toEqual(["Flash"]);
    expect(format!.deps).toBe("*");
    expect(format!.reason).toMatch(/imported from "some-package"/);
    expect(compile(src, { filename: "v.tsx" }).code).toContain(`_$pureDeps([() => Flash], ["flash"])`);
  });

  test("a module marks the exported functions it proves pure, and only those", () => {
    const src = `const store = { n: 0 };
      export function Badge({ label }: { label: string }) { return <b>{label}</b>; }
      export const Count = () => <i>{store.n}</i>;
      export function bump() { store.n++; }`;
    const code = compile(src, { filename: "c.tsx" }).code;
    expect(code).toContain("_$pure(Badge);");
    expect(code).not.toContain("_$pure(Count)");
    expect(code).not.toContain("_$pure(bump)");
  });
});

describe("lists built outside the JSX", () => {
  test("a local list and a named entry function stay keyed comprehensions", () => {
    const src = `import { defineView } from "@livetsx/server";
      function renderItem(item: { id: number; name: string }) { return <li key={item.id}>{item.name}</li>; }
      export default defineView({ render: ({ items }: any) => { const rows = items.map((i: any) => <li key={i.id}>{i.name}</li>); return <div><ul>{rows}</ul><ul>{items.map(renderItem)}</ul></div>; } });`;
    const code = compile(src, { filename: "v.tsx" }).code;
    expect(code.match(/_\$comprehension\(/g)).toHaveLength(2);
    expect(templates(src).filter((t) => t.bindings).map((t) => t.slots[0]!.deps)).toEqual([["@i.name"], ["@item.name"]]);
  });

  test("a named entry function is not copied where one of its names means something else", () => {
    const src = `import { defineView } from "@livetsx/server";
      const label = "x";
      function renderItem(item: { id: number }) { return <li key={item.id}>{label}</li>; }
      export default defineView({ render: ({ items }: any) => { const label = 1; return <ul>{label}{items.map(renderItem)}</ul>; } });`;
    expect(compile(src, { filename: "v.tsx" }).code).not.toContain("_$comprehension(");
  });
});
