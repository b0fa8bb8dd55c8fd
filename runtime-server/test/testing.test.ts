/**
 * The view test harness (`@livetsx/server/testing`): what each action sends, what the page then
 * shows, where navigation goes, and the errors a test gets for a selector or binding that is wrong.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { mount, type TestView } from "../src/testing/index.js";
import Harness, { Feed, Other } from "./views/harness.tsx";
import Counter from "./views/counter.tsx";
import Todos from "./views/todos.tsx";
import Ticker from "./views/ticker.tsx";

const open = (options: Parameters<typeof mount>[1] = {}) => mount(Harness, { routes: { "/other": Other }, ...options });
const payload = (view: TestView) => JSON.parse(view.find("#payload").text) as Record<string, unknown>;

describe("mount", () => {
  test("renders over HTTP, then joins: the page shows the joined view", async () => {
    const view = await mount(Counter);
    expect(view.deadHtml()).toBe('<div class="counter"><h1>Count: 0</h1><button phx-click="dec">-</button><button phx-click="inc">+</button></div>');
    expect(view.html()).toBe('<div class="counter"><h1>Count: 0</h1><button phx-click="dec">-</button><button phx-click="inc">+</button></div>');
    expect(view.find("h1").text).toBe("Count: 0");
    expect(view.find("button").count).toBe(2);
  });

  test("passes the session, connect params, URL params and route params to the view", async () => {
    const view = await open({ url: "/?tab=one", session: { user: "ada" }, connectParams: { tz: "UTC" } });
    expect(view.find("#greeting").text).toBe("ada UTC");
    expect(view.find("#tab").text).toBe("one");
    const viaParams = await open({ params: { tab: "two" } });
    expect(viaParams.find("#tab").text).toBe("two");
  });

  test("reads the HTTP render's container whatever the layout puts around it", async () => {
    const layout = ({ view, csrfToken }: { view: string; csrfToken: string }) =>
      `<!doctype html><html><head><meta name="csrf-token" content="${csrfToken}"><title>T</title></head><body><main>${view}</main><footer><div>foot</div></footer></body></html>`;
    const view = await mount(Counter, { server: { layout } });
    expect(view.deadHtml()).toContain("<h1>Count: 0</h1>");
    expect(view.deadHtml()).not.toContain("foot");
  });
});

describe("a view mounted before the tests", () => {
  let shared: TestView;
  beforeAll(async () => {
    shared = await mount(Counter);
  });
  afterAll(() => shared.close());

  test("stays open after the first test", async () => {
    await shared.click("button", { text: "+" });
    expect(shared.find("h1").text).toBe("Count: 1");
  });

  let inTest: TestView;
  test("and keeps its state for the next", async () => {
    await shared.click("button", { text: "+" });
    expect(shared.find("h1").text).toBe("Count: 2");
    inTest = await mount(Counter);
  });

  test("while one mounted in a test closes when that test finishes", () => {
    expect(inTest.closed).toBe(true);
    expect(shared.closed).toBe(false);
  });
});

describe("click", () => {
  test("sends phx-click with phx-value-* and the button's value; the reply's diff is merged", async () => {
    const view = await mount(Counter);
    const result = await view.click("button", { text: "+" });
    expect(result.diff).toEqual({ "0": "1" });
    expect(view.find("h1").text).toBe("Count: 1");
    expect(view.lastDiff).toEqual({ "0": "1" });
    expect(view.lastDiffBytes).toBe(Buffer.byteLength('{"0":"1"}'));

    const harness = await open();
    await harness.click("#valued");
    expect(payload(harness)).toEqual({ id: "7", kind: "x", value: "v" });
    await harness.click("#plain");
    expect(payload(harness)).toEqual({ value: "" });
    // A click inside an element bound with phx-click sends that element's event.
    await harness.click("#inner");
    expect(payload(harness)).toEqual({ from: "outer" });
  });

  test("a binding holding JS commands sends their push", async () => {
    const view = await open();
    expect((await view.click("#js")).sent).toBe(true);
    expect(payload(view)).toEqual({ value: "" });
  });

  test("names the selector when it matches nothing, several elements, or an unbound element", async () => {
    const view = await open();
    await expect(view.click("#save")).rejects.toThrow('click("#save"): no element matches');
    await expect(view.click(".twin")).rejects.toThrow('click(".twin"): 2 elements match');
    await expect(view.click("#inert")).rejects.toThrow('click("#inert"): the element has no phx-click');
    await expect(view.click("button", { text: "Nope" })).rejects.toThrow('click("button"): no element matches with text "Nope"');
    await expect(view.click("button[name=intent]")).rejects.toThrow(
      'click("button[name=intent]"): the element has no phx-click (it submits its form: use submit(form, values, { submitter: "button[name=intent]" }))',
    );
  });

  test("phx-target={myself} sends the event to that live component only", async () => {
    const view = await open();
    await view.click("#panel-b .hit");
    await view.click("#panel-b .hit");
    expect(view.find(".hit").texts).toEqual(["a: 0", "b: 2"]);
    expect(view.find("#panel-b").attr("data-phx-component")).toMatch(/^\d+$/);
  });

  test("a view that crashes fails the action with the server's log", async () => {
    const view = await open();
    await expect(view.click("#boom")).rejects.toThrow(/click\("#boom"\): the server answered with an error: view crashed[\s\S]*boom in record/);
    await view.settled();
    await expect(view.click("#plain")).rejects.toThrow('click("#plain"): the view crashed on the server');
  });
});

describe("forms", () => {
  test("change sends the form urlencoded, the typed field as _target and _unused_ markers", async () => {
    const view = await open();
    await view.change("#profile", { user: { email: "a@b.c" } });
    expect(view.find("#last").text).toBe("validate");
    // The form's phx-value-form travels in meta, which the server merges over the fields.
    expect(payload(view)).toEqual({
      user: { name: "Ada", email: "a@b.c", role: "b", bio: "hi", id: "9" },
      form: "profile",
      _target: ["user", "email"],
    });
  });

  test("the wire value is what the official client sends", async () => {
    const view = await open();
    await view.change("#profile", { user: { email: "a@b.c" } });
    const event = view.sent.at(-1)![4];
    expect(event).toMatchObject({ type: "form", event: "validate", meta: { _target: "user[email]", form: "profile" }, uploads: {} });
    expect(new URLSearchParams(event.value as string).toString()).toBe(
      "user%5Bname%5D=Ada&user%5B_unused_name%5D=&user%5Bemail%5D=a%40b.c&user%5Brole%5D=b&user%5B_unused_role%5D=" +
        "&user%5Bbio%5D=hi&user%5B_unused_bio%5D=&user%5Bid%5D=9",
    );
  });

  test("submit sends every field, checkboxes and the submitter, with no _unused_ marker", async () => {
    const view = await open();
    await view.submit("#profile", { user: { name: "Grace", admin: true } }, { submitter: "button[name=intent]" });
    expect(view.find("#last").text).toBe("save");
    expect(payload(view)).toEqual({ user: { name: "Grace", email: "", admin: "yes", role: "b", bio: "hi", id: "9" }, intent: "publish", form: "profile" });
  });

  test("names a form without the binding, and a field the form does not have", async () => {
    const view = await open();
    await expect(view.change("#bare", { q: "x" })).rejects.toThrow('change("#bare"): the form has no phx-change');
    await expect(view.submit("#bare")).rejects.toThrow('submit("#bare"): the form has no phx-submit');
    await expect(view.change("#profile", { user: { nick: "x" } })).rejects.toThrow(
      'change("#profile"): the form has no field named "user[nick]"',
    );
  });
});

describe("keys, focus, hooks, info", () => {
  test("keydown sends the key with phx-value-* and the input's value; another key than phx-key sends nothing", async () => {
    const view = await open();
    expect((await view.keydown("#search", "a")).sent).toBe(false);
    expect(view.find("#last").text).toBe("");
    await view.keydown("#search", "Enter");
    expect(payload(view)).toEqual({ key: "Enter", scope: "all", value: "typed" });
    await view.keyup("#anykey", "Escape");
    expect(payload(view)).toEqual({ key: "Escape" });
    await expect(view.keydown("#plain", "a")).rejects.toThrow('keydown("#plain", "a"): the element has no phx-keydown or phx-window-keydown');
  });

  test("focus and blur send phx-focus and phx-blur", async () => {
    const view = await open();
    await view.focus("#focusme");
    expect(view.find("#last").text).toBe("record");
    await view.blur("#focusme");
    expect(payload(view)).toEqual({ value: "f" });
    await expect(view.blur("#plain")).rejects.toThrow('blur("#plain"): the element has no phx-blur');
  });

  test("a hook's pushEvent reaches the view; an element without phx-hook is named", async () => {
    const view = await open();
    await view.hook("#hooked").pushEvent("hooked", { points: [1, 2] });
    expect(payload(view)).toEqual({ points: [1, 2] });
    expect(() => view.hook("#plain")).toThrow('hook("#plain"): the element has no phx-hook');
  });

  test("sendInfo reaches handleInfo and its pushed diff is merged", async () => {
    const view = await open();
    await view.sendInfo({ hello: "world" });
    expect(view.find("#last").text).toBe("info");
    expect(payload(view)).toEqual({ hello: "world" });
  });
});

describe("navigation", () => {
  test("pushPatch and a patch link run handleParams and change the URL", async () => {
    const view = await open();
    expect(await view.click("#tabber")).toPatch("/?tab=two");
    expect(view.find("#tab").text).toBe("two");
    expect(await view.click("#patch-link")).toPatch("/?tab=links");
    expect(view.url.search).toBe("?tab=links");
    expect(await view.patch("/?tab=three")).toPatch("/?tab=three");
    expect(view.find("#tab").text).toBe("three");
  });

  test("pushNavigate with flash is followed over the same socket, the flash shown", async () => {
    const view = await open();
    const result = await view.click("#go");
    expect(result).toNavigate("/other", { info: "Moved" });
    expect(result).toRedirect("/other");
    expect(result).not.toPatch();
    const other = await view.follow(result);
    expect(other.find("h1").text).toBe("Other");
    expect(other.find("#flash").text).toBe("Moved");
  });

  test("a redirect and a plain link load the page in full; a navigate link navigates live", async () => {
    const view = await open();
    const away = await view.click("#away");
    expect(away).toRedirect("/other");
    expect(away).not.toNavigate();
    expect((await view.follow(away)).find("h1").text).toBe("Other");

    const again = await open();
    expect(await again.click("#plain-link")).toRedirect("/elsewhere");
    expect(await again.click("#nav-link")).toNavigate("/other");
    expect(() => expect({ diff: null, sent: true }).toRedirect("/x")).toThrow("expected a redirect to /x, got no navigation");
  });

  test("navigation pushed from handleInfo is recorded and followed", async () => {
    const view = await open();
    await view.sendInfo("wander");
    expect(view.navigations.at(-1)).toNavigate("/other");
    expect((await view.follow()).find("h1").text).toBe("Other");
  });
});

describe("streams and components", () => {
  test("stream inserts, deletes and resets change the page as the client's DOM patch does", async () => {
    const view = await mount(Todos);
    expect(view.find("#todos > div").attrs("id")).toEqual(["todos-1", "todos-2"]);
    await view.click("#todos-1 button");
    await view.settled();
    expect(view.find("#todos > div").attrs("id")).toEqual(["todos-2"]);
    await view.click("#todos-2 input[type=checkbox]");
    expect(view.find("#todos-2 li").attr("class")).toBe("");
  });

  test("inserts at a position within a limit, a reset, and an ignored container", async () => {
    const view = await mount(Feed);
    const items = () => view.find("#items > li").texts;
    expect(items()).toEqual(["item 1", "item 2"]);
    await view.click("#top");
    expect(items()).toEqual(["item 3", "item 1", "item 2"]);
    await view.click("#top");
    // At the top, limited to three: the last one goes.
    expect(items()).toEqual(["item 4", "item 3", "item 1"]);
    // The client owns what is inside phx-update="ignore".
    expect(view.find("#owned").text).toBe("rendered with next 3");
    await view.click("#reset");
    expect(items()).toEqual(["item 100"]);
  });
});

describe("settled", () => {
  test("waits for sendAfter timers on real timers", async () => {
    const view = await mount(Ticker, { params: { limit: "3", every: "5" } });
    await view.settled({ timers: true });
    expect(view.find("span").text).toBe("3");
  });

  describe("on fake timers", () => {
    afterEach(() => vi.useRealTimers());

    test("the clock moves the view's timers; settled merges what they pushed", async () => {
      vi.useFakeTimers();
      const view = await open();
      await view.click("#later");
      await vi.advanceTimersByTimeAsync(99);
      await view.settled();
      expect(view.find("#ticks").text).toBe("0");
      await vi.advanceTimersByTimeAsync(1);
      await view.settled();
      expect(view.find("#ticks").text).toBe("1");
    });

    test("settled({ timers: true }) runs the view's timers on the fake clock", async () => {
      vi.useFakeTimers();
      const view = await mount(Ticker, { params: { limit: "4", every: "1000" } });
      await view.settled({ timers: true });
      expect(view.find("span").text).toBe("4");
    });
  });
});
