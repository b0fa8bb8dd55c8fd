/**
 * `JS` encodes each command as Phoenix LiveView 1.2's `Phoenix.LiveView.JS` does: a list of
 * `[kind, args]` pairs; args hold only the options given (nil ones are left out), with keys in
 * sorted order (an Elixir map's, as its JSON encoder writes them); class names are split on
 * spaces; a transition is three class lists (a string is `[names, [], []]`); `to` is a selector
 * or `{inner}`/`{closest}` (`{document}` is the plain selector); navigation always says
 * `replace`. The expected strings are written from those rules.
 */
import { describe, expect, test } from "vitest";
import { JS, JSCommands } from "../src/index.js";
import { attr, attributeHTML } from "../src/attributes.js";
import { eventValue } from "../src/channel.js";

const json = (js: JSCommands<string>) => String(js);

describe("encoding", () => {
  test("push, with each option", () => {
    expect(json(JS.push("inc"))).toBe('[["push",{"event":"inc"}]]');
    expect(json(JS.push("inc", { value: { id: 1 }, target: 3, loading: ".thermo", pageLoading: true }))).toBe(
      '[["push",{"event":"inc","loading":".thermo","page_loading":true,"target":3,"value":{"id":1}}]]',
    );
    expect(json(JS.push("inc", { target: "#counter" }))).toBe('[["push",{"event":"inc","target":"#counter"}]]');
  });

  test("show, hide and toggle", () => {
    expect(json(JS.show())).toBe('[["show",{}]]');
    expect(json(JS.hide({ to: "#modal" }))).toBe('[["hide",{"to":"#modal"}]]');
    expect(json(JS.show({ to: "#modal", transition: "fade-in", time: 300, display: "flex", blocking: false }))).toBe(
      '[["show",{"blocking":false,"display":"flex","time":300,"to":"#modal","transition":[["fade-in"],[],[]]}]]',
    );
    expect(json(JS.hide({ transition: ["ease-out duration-300", "opacity-100", "opacity-0"] }))).toBe(
      '[["hide",{"transition":[["ease-out","duration-300"],["opacity-100"],["opacity-0"]]}]]',
    );
    expect(json(JS.toggle({ to: "#menu", in: "fade-in", out: "fade-out", display: "inline" }))).toBe(
      '[["toggle",{"display":"inline","ins":[["fade-in"],[],[]],"outs":[["fade-out"],[],[]],"to":"#menu"}]]',
    );
  });

  test("classes, with transitions", () => {
    expect(json(JS.addClass("a  b", { to: ".x" }))).toBe('[["add_class",{"names":["a","b"],"to":".x"}]]');
    expect(json(JS.removeClass("a", { transition: "fade", time: 100 }))).toBe(
      '[["remove_class",{"names":["a"],"time":100,"transition":[["fade"],[],[]]}]]',
    );
    expect(json(JS.toggleClass("open", { blocking: true }))).toBe('[["toggle_class",{"blocking":true,"names":["open"]}]]');
    expect(json(JS.transition("shake", { to: "#item", time: 500 }))).toBe('[["transition",{"time":500,"to":"#item","transition":[["shake"],[],[]]}]]');
  });

  test("attributes", () => {
    expect(json(JS.setAttribute(["aria-expanded", "true"], { to: "#dropdown" }))).toBe('[["set_attr",{"attr":["aria-expanded","true"],"to":"#dropdown"}]]');
    expect(json(JS.removeAttribute("aria-expanded"))).toBe('[["remove_attr",{"attr":"aria-expanded"}]]');
    expect(json(JS.toggleAttribute(["open", "true"]))).toBe('[["toggle_attr",{"attr":["open","true"]}]]');
    expect(json(JS.toggleAttribute(["aria-expanded", "true", "false"], { to: "#d" }))).toBe('[["toggle_attr",{"attr":["aria-expanded","true","false"],"to":"#d"}]]');
    expect(json(JS.ignoreAttributes("open"))).toBe('[["ignore_attrs",{"attrs":["open"]}]]');
    expect(json(JS.ignoreAttributes(["open", "data-*"], { to: "#dialog" }))).toBe('[["ignore_attrs",{"attrs":["open","data-*"],"to":"#dialog"}]]');
  });

  test("dispatch", () => {
    expect(json(JS.dispatch("click", { to: ".nav" }))).toBe('[["dispatch",{"event":"click","to":".nav"}]]');
    expect(json(JS.dispatch("app:copy", { detail: { text: "hi" }, bubbles: false, blocking: true }))).toBe(
      '[["dispatch",{"blocking":true,"bubbles":false,"detail":{"text":"hi"},"event":"app:copy"}]]',
    );
    // blocking: false is the default and is left out, as Phoenix leaves it.
    expect(json(JS.dispatch("app:x", { blocking: false }))).toBe('[["dispatch",{"event":"app:x"}]]');
  });

  test("navigation, focus and exec", () => {
    expect(json(JS.navigate("/posts"))).toBe('[["navigate",{"href":"/posts","replace":false}]]');
    expect(json(JS.patch("/posts?page=2", { replace: true }))).toBe('[["patch",{"href":"/posts?page=2","replace":true}]]');
    expect(json(JS.focus({ to: "main" }))).toBe('[["focus",{"to":"main"}]]');
    expect(json(JS.focusFirst({ to: "#modal" }))).toBe('[["focus_first",{"to":"#modal"}]]');
    expect(json(JS.pushFocus())).toBe('[["push_focus",{}]]');
    expect(json(JS.popFocus())).toBe('[["pop_focus",{}]]');
    expect(json(JS.exec("phx-remove", { to: "#modal" }))).toBe('[["exec",{"attr":"phx-remove","to":"#modal"}]]');
  });

  test("scoped targets", () => {
    expect(json(JS.show({ to: { inner: ".menu" } }))).toBe('[["show",{"to":{"inner":".menu"}}]]');
    expect(json(JS.hide({ to: { closest: ".card" } }))).toBe('[["hide",{"to":{"closest":".card"}}]]');
    expect(json(JS.hide({ to: { document: "#modal" } }))).toBe('[["hide",{"to":"#modal"}]]');
  });

  test("chains and concat keep the order of the calls", () => {
    const js = JS.push("modal-closed").removeClass("show", { to: "#modal", transition: "fade-out" });
    expect(json(js)).toBe('[["push",{"event":"modal-closed"}],["remove_class",{"names":["show"],"to":"#modal","transition":[["fade-out"],[],[]]}]]');
    expect(json(JS.hide({ to: "#a" }).concat(JS.show({ to: "#b" })))).toBe('[["hide",{"to":"#a"}],["show",{"to":"#b"}]]');
    expect(json(JS)).toBe("[]");
  });
});

describe("values", () => {
  test("no method changes the list it is called on, and lists are frozen", () => {
    const base = JS.push("a");
    const before = json(base);
    const one = base.hide({ to: "#x" });
    const two = base.show({ to: "#y" });
    expect(json(base)).toBe(before);
    expect(json(one)).toBe('[["push",{"event":"a"}],["hide",{"to":"#x"}]]');
    expect(json(two)).toBe('[["push",{"event":"a"}],["show",{"to":"#y"}]]');
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.ops)).toBe(true);
    expect(Object.isFrozen(base.ops[0]![1])).toBe(true);
    expect(json(JS)).toBe("[]");
  });

  test("values and details are copied: changing the object given changes no list", () => {
    const value = { id: 1, tags: ["a"] };
    const detail = { n: 1 };
    const js = JS.push("a", { value }).dispatch("x", { detail });
    value.id = 2;
    value.tags.push("b");
    detail.n = 2;
    expect(json(js)).toBe('[["push",{"event":"a","value":{"id":1,"tags":["a"]}}],["dispatch",{"detail":{"n":1},"event":"x"}]]');
    const args = js.ops[0]![1] as { value: { tags: string[] } };
    expect(() => args.value.tags.push("c")).toThrow(TypeError);
  });

  test("JSON.stringify gives the list (a pushEvent payload)", () => {
    expect(JSON.stringify({ js: JS.show({ to: "#a" }) })).toBe('{"js":[["show",{"to":"#a"}]]}');
  });

  test("in an attribute it is the list's JSON, escaped", () => {
    expect(attributeHTML("phx-click", JS.push("x", { value: { q: `a'b"<c>&` } }))).toBe(
      ' phx-click="[[&quot;push&quot;,{&quot;event&quot;:&quot;x&quot;,&quot;value&quot;:{&quot;q&quot;:&quot;a&#39;b\\&quot;&lt;c&gt;&amp;&quot;}}]]"',
    );
    expect(attr("phx-click", JS.hide({ to: "#m" })).html).toBe(' phx-click="[[&quot;hide&quot;,{&quot;to&quot;:&quot;#m&quot;}]]"');
  });
});

describe("refusals, as Phoenix raises", () => {
  test("an unknown option", () => {
    expect(() => JS.hide({ display: "flex" } as never)).toThrow('JS.hide has no option "display"');
    expect(() => JS.push("x", { values: {} } as never)).toThrow('JS.push has no option "values"');
  });
  test("a push value that is no object", () => {
    expect(() => JS.push("x", { value: "1" as never })).toThrow("JS.push's value must be an object");
  });
  test("a click dispatched with a detail, a blocking detail with done", () => {
    expect(() => JS.dispatch("click", { detail: { a: 1 } })).toThrow('cannot give a "click" a detail');
    expect(() => JS.dispatch("x", { detail: { done: 1 }, blocking: true })).toThrow("`done`");
    expect(() => JS.dispatch("x", { bubbles: "no" as never })).toThrow("bubbles must be a boolean");
  });
  test("navigation off the site", () => {
    expect(() => JS.navigate("https://evil.example")).toThrow('JS.navigate expects a path of this site starting with "/"');
    expect(() => JS.patch("//evil.example")).toThrow("JS.patch expects a path of this site");
  });
  test("a bad target or transition", () => {
    expect(() => JS.show({ to: { outer: "x" } as never })).toThrow("A JS target is a selector");
    expect(() => JS.show({ transition: ["a", "b"] as never })).toThrow("A JS transition is a string or three strings");
  });
});

describe("a push in a form binding", () => {
  test("its values arrive in meta and go over the form's fields, as Phoenix merges them", () => {
    const payload = JSON.parse('{"type":"form","event":"save","value":"name=Ada&src=form","meta":{"_target":"name","src":"js","__proto__":{"polluted":true}}}');
    const params = eventValue(payload);
    expect(params).toEqual({ name: "Ada", src: "js", _target: ["name"], ["__proto__"]: { polluted: true } });
    // A `__proto__` key is a key, never the payload's prototype.
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect((params as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("in a view", () => {
  test("a binding's commands follow its assigns, and a pushEvent payload carries commands as their list", async () => {
    const { mount } = await import("../src/testing/index.js");
    const { default: View } = await import("./views/js-commands.tsx");
    const view = await mount(View);
    const click = () => JSON.parse(view.find("#flip").attr("phx-click")!);
    expect(click()).toEqual([["push", { event: "flip", value: { open: false } }], ["toggle", { to: "#panel" }]]);
    await view.click("#flip");
    expect(click()).toEqual([["push", { event: "flip", value: { open: true } }], ["toggle", { to: "#panel" }]]);
    expect(view.pushedEvents.at(-1)).toEqual(["run", { js: [["hide", { to: "#panel" }]] }]);
  });

  test("the harness sends what commands send: pushes (also through exec and in forms), patches, navigation", async () => {
    const { mount } = await import("../src/testing/index.js");
    const { default: View } = await import("./views/js-commands.tsx");
    const view = await mount(View);
    await view.click("#exec");
    // exec runs the panel's commands for the panel: its values, not the button's.
    expect(view.find("#saved").text).toBe(JSON.stringify([["from", "exec"]]));
    await view.submit("#form");
    expect(view.find("#saved").text).toBe(JSON.stringify([["extra", "x"], ["name", "Ada"]]));
    await view.click("#patch");
    expect(view.find("#tab").text).toBe("two");
    expect(view.url.search).toBe("?tab=two");
    expect(await view.click("#navigate")).toMatchObject({ navigate: "/elsewhere", replace: true });
  });
});
