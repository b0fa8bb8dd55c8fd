/**
 * `JS` commands in bindings: the event names their pushes send are checked against the view's
 * events, and a slot that builds commands is tracked like any other expression (the builder's
 * methods are pure in their receiver and arguments; runtime-server/test/js.test.ts checks that
 * they change neither and copy what they keep).
 */
import { describe, expect, test } from "vitest";
import { compile, CompileError } from "@livetsx/compiler";

function errorOf(source: string): CompileError {
  try {
    compile(source, { filename: "views/bad.tsx" });
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("expected a CompileError");
}

const view = (events: string, body: string, prelude = "") =>
  `import { defineView, JS } from "@livetsx/server";\n${prelude}\nexport default defineView({\n  events: { ${events} },\n  render: ({ open, item, items }: any) => (\n    ${body}\n  ),\n});\n`;

function slots(source: string) {
  return compile(source, { filename: "view.tsx" }).metadata.templates[0]!.slots;
}

describe("event names in JS.push", () => {
  test("an unknown name fails at the literal, naming the push", () => {
    const e = errorOf(view("inc: () => {}", `<button phx-click={JS.push("inx").hide({ to: "#m" })}>+</button>`));
    expect(e.code).toBe("unknown-event");
    expect(e.message).toContain(`views/bad.tsx:6:32: error [unknown-event] JS.push("inx") in phx-click names an event this view does not handle`);
    expect(e.message).toContain(`Did you mean "inc"?`);
  });

  test("a push later in a chain, in a conditional, and in a JS-only binding", () => {
    expect(errorOf(view("a: () => {}", `<button phx-click={JS.hide().push("b")}>x</button>`)).message).toContain(`JS.push("b")`);
    expect(errorOf(view("a: () => {}", `<button phx-click={open ? JS.push("a") : JS.push("c")}>x</button>`)).message).toContain(`JS.push("c")`);
    expect(errorOf(view("a: () => {}", `<div phx-mounted={JS.push(open ? "a" : "d")}>x</div>`)).message).toContain(`JS.push("d") in phx-mounted`);
    expect(errorOf(view("a: () => {}", `<div phx-remove={JS.push("e")}>x</div>`)).message).toContain(`JS.push("e") in phx-remove`);
  });

  test("known names pass; a push with a target, or an element with phx-target, is not checked", () => {
    expect(() => compile(view("inc: () => {}", `<button phx-click={JS.push("inc", { value: { by: 2 } })}>+</button>`), { filename: "v.tsx" })).not.toThrow();
    expect(() => compile(view("inc: () => {}", `<button phx-click={JS.push("other", { target: 1 })}>+</button>`), { filename: "v.tsx" })).not.toThrow();
    expect(() => compile(view("inc: () => {}", `<button phx-target="#c" phx-click={JS.push("other")}>+</button>`), { filename: "v.tsx" })).not.toThrow();
  });

  test("a push method of something else is not taken for JS.push", () => {
    const src = view("a: () => {}", `<button phx-click={Cmds.push("zzz")}>x</button>`, `const Cmds = { push: (e: string) => e };`);
    expect(() => compile(src, { filename: "v.tsx" })).not.toThrow();
  });
});

describe("change tracking", () => {
  test("a chain with literal arguments depends on nothing", () => {
    const [slot] = slots(view("a: () => {}", `<button phx-click={JS.push("a").hide({ to: "#modal", transition: ["ease", "o-0", "o-1"] }).focus()}>x</button>`));
    expect(slot!.deps).toEqual([]);
  });

  test("arguments read assigns: the slot depends on what they read", () => {
    const [slot] = slots(view("a: () => {}", `<button phx-click={JS.push("a", { value: { id: item.id } }).addClass(open ? "on" : "off")}>x</button>`));
    expect(slot!.deps).toEqual(["item.id", "open"]);
  });

  test("in a list entry, each entry's command is tracked by what the entry reads", () => {
    const src = view("a: () => {}", `<ul>{items.map((i: any) => <li key={i.id} phx-click={JS.push("a", { value: { id: i.id } })}>{i.name}</li>)}</ul>`);
    const meta = compile(src, { filename: "view.tsx" }).metadata.templates;
    const entry = meta.find((t) => t.slots.some((s) => s.code.startsWith("phx-click")))!;
    const slot = entry.slots.find((s) => s.code.startsWith("phx-click"))!;
    expect(slot.deps).toEqual(["@i.id"]);
  });

  test("a module constant built of constants is a constant; one built of module state is not", () => {
    const constant = view("a: () => {}", `<button phx-click={close}>x</button>`, `const close = JS.push("a").hide({ to: "#m" });`);
    expect(slots(constant)[0]!.deps).toEqual([]);
    const state = view("a: () => {}", `<button phx-click={close}>x</button>`, `let target = "#m"; export function retarget(t: string) { target = t; }\nconst close = JS.hide({ to: target });`);
    expect(slots(state)[0]!.deps).toBe("*");
  });

  test("a helper that builds commands is analysed like any function", () => {
    const src = view("a: () => {}", `<button phx-click={hideModal(item.sel)}>x</button>`, `function hideModal(sel: string) { return JS.hide({ to: sel, transition: "fade-out" }); }`);
    expect(slots(src)[0]!.deps).toEqual(["item.sel"]);
  });

  test("JS imported from elsewhere is not trusted", () => {
    const src = `import { defineView } from "@livetsx/server";\nimport { JS } from "other-lib";\nexport default defineView({ render: ({ a }: any) => <button phx-click={JS.push(a)}>x</button> });`;
    const [slot] = slots(src);
    expect(slot!.deps).toBe("*");
  });
});
