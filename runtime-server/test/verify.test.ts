/**
 * The development verifier: after each diff render, a fresh render of the same assigns must
 * equal what the client holds; a slot with wrong deps is reported with its source and values.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { comprehension, component, rendered, template, track } from "../src/template-runtime.js";
import { defineComponent, defineView, LiveComponent, VerifyError } from "../src/index.js";
import { joinedView, startServer, viewInstance, type TestServer } from "./support.js";
import Rows from "./views/rows.tsx";
import Widgets from "./views/widgets.tsx";

interface AB {
  a: number;
  b: number;
  items: number[];
}

// A compiled shape written by hand: slot 1 reads `b` but declares deps ["a"].
const wrong = template(["<p>", " ", "</p>"], "wrong1", [["a"], ["a"]], {
  root: true,
  source: { file: "views/wrong.tsx", slots: [[4, 10, "a"], [4, 16, "b"]] },
});
const bare = template(["<p>", " ", "</p>"], "bare1", [["a"], ["a"]], { root: true });
// A list entry reading the outer `b` with deps that name only its item.
const entry = template(["<li>", "</li>"], "entry1", [["@n"]], { bindings: { n: [0] } });
const list = template(["<ul>", "</ul>"], "list1", [["items", "b"]], { root: true });
// A slot the compiler could not analyse (deps null): a new value on every evaluation.
const clock = template(["<p>", " ", "</p>"], "clock1", [null, ["a"]], { root: true });
let ticks = 0;

const handlers = {
  a: (_p: unknown, socket: { update(k: "a", f: (v: number) => number): unknown }) => socket.update("a", (v) => v + 1),
  b: (_p: unknown, socket: { update(k: "b", f: (v: number) => number): unknown }) => socket.update("b", (v) => v + 1),
};

function view(render: (assigns: AB) => unknown) {
  return defineView<AB>({
    mount: (_params, _session, socket) => socket.assign({ a: 1, b: 1, items: [1, 2] }),
    events: handlers as never,
    render,
  });
}

const Wrong = view((assigns) => rendered(wrong, [() => String(assigns.a), () => String(assigns.b)], track(assigns)));
const Bare = view((assigns) => rendered(bare, [() => String(assigns.a), () => String(assigns.b)], track(assigns)));
const WrongEntry = view((assigns) => {
  const scope = track(assigns);
  return rendered(
    list,
    [() => comprehension(entry, assigns.items, (n) => n, (s, n) => rendered(entry, [() => `${String(n)}:${assigns.b}`], s), scope)],
    scope,
  );
});
const Clock = view((assigns) => rendered(clock, [() => String(ticks++), () => String(assigns.a)], track(assigns)));

describe("the verifier", () => {
  test("a slot whose deps miss a read is reported with its location, code, deps and both values", async () => {
    const instance = viewInstance("v", Wrong);
    await instance.join({}, {});
    // A change the deps see is verified and fine.
    expect((await instance.event("a", {})).diff).toEqual({ 0: "2" });
    const error = await instance.event("b", {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VerifyError);
    const message = (error as VerifyError).message;
    expect(message).toContain("views/wrong.tsx:4:16 `b`, slot 1 of template wrong1");
    expect(message).toContain('deps: ["a"]');
    expect(message).toContain('expected: "2"');
    expect(message).toContain('sent:     "1"');
    expect((error as VerifyError).mismatches).toEqual([
      { template: "wrong1", slot: 1, location: "views/wrong.tsx:4:16", code: "b", deps: ["a"], path: "", expected: '"2"', sent: '"1"' },
    ]);
    expect(instance.isAlive).toBe(false);
  });

  test("without a source, the fingerprint and slot index", async () => {
    const instance = viewInstance("v", Bare);
    await instance.join({}, {});
    await expect(instance.event("b", {})).rejects.toThrow(/slot 1 of template bare1\n {4}deps: \["a"\]\n {4}expected: "2"\n {4}sent: {5}"1"/);
  });

  test("a stale list entry is named by its place in the tree", async () => {
    const instance = viewInstance("v", WrongEntry);
    await instance.join({}, {});
    const error = (await instance.event("b", {}).catch((e: unknown) => e)) as VerifyError;
    expect(error.mismatches.map((m) => [m.path, m.slot, m.expected, m.sent])).toEqual([
      ["slot 0 › entry 0", 0, '"1:2"', '"1:1"'],
      ["slot 0 › entry 1", 0, '"2:2"', '"2:1"'],
    ]);
  });

  test("a slot always evaluated is not compared with itself (a clock in render is no report)", async () => {
    const instance = viewInstance("v", Clock);
    await instance.join({}, {});
    await instance.event("a", {});
    await instance.event("a", {});
    expect(instance.isAlive).toBe(true);
  });

  test("correct views stay quiet across events", async () => {
    const rows = viewInstance("r", Rows);
    await rows.join({ n: "5" }, {});
    for (const [event, value] of [
      ["inc", {}],
      ["select", { id: 2 }],
      ["rename", { id: 3, label: "three" }],
      ["append", {}],
      ["swap", {}],
      ["select", { id: 4 }],
      ["clear", {}],
    ] as const) {
      await rows.event(event, value);
    }
    const widgets = viewInstance("w", Widgets);
    await widgets.join({}, {});
    for (const event of ["open", "other", "cell", "open"]) await widgets.event(event, {});
    await widgets.event("status", { to: "warn" });
    expect(rows.isAlive && widgets.isAlive).toBe(true);
  });

  test("verify: false turns it off", async () => {
    const instance = viewInstance("v", Wrong, undefined, { verify: false });
    await instance.join({}, {});
    // Stale, unreported: what the verifier is for.
    expect(await instance.event("b", {})).toEqual({});
    expect(instance.isAlive).toBe(true);
  });

  test("a function component's slot with wrong deps", async () => {
    const inner = template(["<b>", "</b>"], "inner1", [["x"]], { root: true });
    const outer = template(["<div>", "</div>"], "outer1", [["b"]], { root: true });
    // The component reads props.y, but its slot declares ["x"].
    const Badge = (props: Record<string, unknown>) => rendered(inner, [() => String(props.y)], track(props));
    const Host = view((assigns) => rendered(outer, [() => component(Badge, { x: 1, y: assigns.b })], track(assigns)));
    const instance = viewInstance("v", Host);
    await instance.join({}, {});
    const error = (await instance.event("b", {}).catch((e: unknown) => e)) as VerifyError;
    expect(error.mismatches).toMatchObject([{ template: "inner1", slot: 0, path: "slot 0 › component Badge", expected: '"2"', sent: '"1"' }]);
  });

  test("a live component's own render is verified after its event", async () => {
    const card = template(["<div>", " ", "</div>"], "card1", [["n"], ["n"]], { root: true });
    const Card = defineComponent<{ n: number; m: number }>({
      mount: (socket) => socket.assign({ n: 0, m: 0 }),
      events: { bump: (_p, socket) => socket.update("m", (m) => m + 1) },
      render: (assigns) => rendered(card, [() => String(assigns.n), () => String(assigns.m)], track(assigns)),
    });
    const page = template(["<main>", "</main>"], "page1", [[]], { root: true });
    const Page = view((assigns) => rendered(page, [() => LiveComponent({ module: Card, id: "c" })], track(assigns)));
    const instance = viewInstance("v", Page);
    await instance.join({}, {});
    const error = (await instance.event("bump", {}, 1).catch((e: unknown) => e)) as VerifyError;
    expect(error).toBeInstanceOf(VerifyError);
    expect(error.message).toContain("live component c (cid 1)");
    expect(error.mismatches).toMatchObject([{ template: "card1", slot: 1, expected: '"1"', sent: '"0"' }]);
  });
});

describe("the verifier in a server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ routes: { "/wrong": Wrong } });
  });
  afterAll(() => server.close());

  test("crashes the view and logs the full message", async () => {
    const { client, page, topic } = await joinedView(server, "/wrong");
    const error = client.nextPush(topic, "phx_error");
    client.sendRaw(JSON.stringify(["1", "9", topic, "event", { type: "click", event: "b", value: {} }]));
    await error;
    const line = server.log.lines.find((l) => l.startsWith(`error view lv:${page.id}`))!;
    expect(line).toContain("views/wrong.tsx:4:16 `b`");
    expect(line).toContain('deps: ["a"]');
    client.close();
  });
});
