import { describe, expect, test } from "vitest";
import { raw, renderToString } from "../src/index.js";
import { attr, component, comprehension, rendered, template } from "../src/template-runtime.js";

const para = template(["<p>", "</p>"], "p", [["x"]], { root: true });

describe("renderToString", () => {
  test("escapes strings, prints numbers, drops booleans and nullish values", () => {
    expect(renderToString("<b>&'\"")).toBe("&lt;b&gt;&amp;&#39;&quot;");
    expect(renderToString(42)).toBe("42");
    expect(renderToString(10n)).toBe("10");
    for (const v of [true, false, null, undefined]) expect(renderToString(v)).toBe("");
    expect(renderToString(["a", 1, null, raw("<i>")])).toBe("a1<i>");
  });

  test("evaluates slots: closures and precomputed values", () => {
    expect(renderToString(rendered(para, [() => "<x>"], undefined))).toBe("<p>&lt;x&gt;</p>");
    expect(renderToString(rendered(para, ["y"], undefined))).toBe("<p>y</p>");
    expect(renderToString(rendered(para, [() => rendered(para, [() => 1], undefined)], undefined))).toBe("<p><p>1</p></p>");
  });

  test("attribute slots are not escaped twice", () => {
    const t = template(["<a", ">x</a>"], "a", [["h"]]);
    expect(renderToString(rendered(t, [() => attr("href", "/?a=1&b=2")], undefined))).toBe('<a href="/?a=1&amp;b=2">x</a>');
  });

  test("comprehensions render each entry with its arguments", () => {
    const li = template(["<li>", "</li>"], "li", [["@x"]], { bindings: { x: [0] } });
    const list = comprehension(li, new Set(["a", "b"]), (x) => x, (_scope, x, i) => rendered(li, [() => `${i}:${x}`], undefined), undefined);
    expect(renderToString(list)).toBe("<li>0:a</li><li>1:b</li>");
  });

  test("components are called with their props", () => {
    const Badge = (props: Record<string, unknown>) => rendered(para, [() => props.x], undefined);
    expect(renderToString(component(Badge, { x: "ok" }))).toBe("<p>ok</p>");
    expect(() => component(null as never, {})).toThrow(/must be a function, got null/);
  });

  test("functions and symbols cannot be rendered", () => {
    expect(() => renderToString(() => 1)).toThrow(/did you mean to call it/);
    expect(() => renderToString(Symbol("s"))).toThrow(/symbol/);
  });

  test("a template refuses statics that do not fit its slots", () => {
    expect(() => template(["a"], "f", [["x"]])).toThrow(/1 statics cannot surround 1 slots/);
  });
});
