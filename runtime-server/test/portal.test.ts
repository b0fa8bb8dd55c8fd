/** `<Portal>`: Phoenix's portal markup, kept patched and removed as the view's state changes. */
import { describe, expect, test } from "vitest";
import { Portal, renderToString } from "../src/index.js";
import { mount } from "../src/testing/index.js";
import PortalView from "./views/portal.tsx";

describe("<Portal>", () => {
  test("renders a template with the target around one wrapper that holds the children", () => {
    expect(renderToString(Portal({ id: "m", target: "#root", children: "hi" }))).toBe(
      '<template id="m" data-phx-portal="#root"><div id="_lv_portal_wrap_m">hi</div></template>',
    );
  });

  test("takes the wrapper's tag and class, and escapes what it is given", () => {
    expect(renderToString(Portal({ id: 'a"b', target: "body", container: "section", class: ["x", { y: true }], children: "<b>" }))).toBe(
      '<template id="a&quot;b" data-phx-portal="body"><section id="_lv_portal_wrap_a&quot;b" class="x y">&lt;b&gt;</section></template>',
    );
  });

  test("rejects a missing id or target and a container that is no tag name", () => {
    expect(() => Portal({ id: "", target: "body" })).toThrow(/needs an id/);
    expect(() => Portal({ id: "m", target: "" })).toThrow(/needs a target/);
    expect(() => Portal({ id: "m", target: "body", container: "div onclick=x" })).toThrow(/container must be a tag name/);
  });

  test("in a view, its content is patched and it goes away with its condition", async () => {
    const view = await mount(PortalView);
    expect(view.html()).toBe(
      '<div><template id="modal" data-phx-portal="#portal-root"><div id="_lv_portal_wrap_modal" class="contents">' +
        '<p id="in-portal">Count: 0</p><button phx-click="inc">+</button></div></template>' +
        '<button id="inc" phx-click="inc">inc</button><button id="toggle" phx-click="toggle">toggle</button></div>',
    );
    await view.click("#inc");
    expect(view.html()).toContain('<p id="in-portal">Count: 1</p>');
    await view.click("#toggle");
    expect(view.html()).not.toContain("<template");
    view.close();
  });
});
