/**
 * Wire-protocol conformance: the demo app (and a small app of extra views) served twice, once to
 * LiveTSX's own client and once to the official Phoenix LiveView client (phoenix_live_view 1.2 on
 * phoenix 1.8). The same interactions run on both in Chromium, and after every step the view
 * containers must show the same DOM. The official client must not log a single error or
 * warning (it checks, among other things, the server's `liveview_version`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { closeAll, compareSteps, KINDS, OFFICIAL_VERSION, on, useSides, withinDebounce, type Kind, type Step } from "./conformance/harness.js";
import { INITIAL, ops, type Item } from "./conformance/app/list-ops.ts";

const sides = useSides({ beforeAll, afterEach, afterAll }, { app: true });

/** Opens each of `paths` on both clients, in order. */
async function openBoth(app: "demo" | "app", paths: string[]): Promise<Record<Kind, Page[]>> {
  const pages = {} as Record<Kind, Page[]>;
  for (const kind of KINDS) {
    pages[kind] = [];
    for (const path of paths) pages[kind].push(await sides[kind].open(app, path));
  }
  return pages;
}

describe("the official Phoenix LiveView client against a LiveTSX server", () => {
  test("connects with the CSRF token in the socket URL and the join params; the versions match", async () => {
    const sockets: string[] = [];
    const sent: unknown[][] = [];
    const received: unknown[][] = [];
    const page = await sides.official.open("demo", "/counter", (p) =>
      p.on("websocket", (ws) => {
        if (!ws.url().includes("/live/websocket")) return;
        sockets.push(ws.url());
        ws.on("framesent", (f) => sent.push(JSON.parse(String(f.payload))));
        ws.on("framereceived", (f) => received.push(JSON.parse(String(f.payload))));
      }),
    );
    const token = await page.evaluate(() => document.querySelector("meta[name='csrf-token']")!.getAttribute("content"));
    expect(sockets).toHaveLength(1);
    const url = new URL(sockets[0]!);
    expect(url.pathname).toBe("/live/websocket");
    expect(url.searchParams.get("vsn")).toBe("2.0.0");
    expect(token).toBeTruthy();
    expect(url.searchParams.get("_csrf_token")).toBe(token);
    const join = sent.find((f) => f[3] === "phx_join");
    expect(join).toBeDefined();
    const payload = join![4] as { params: Record<string, unknown>; session: string; static: string | null; url: string };
    expect(payload.params._csrf_token).toBe(token);
    expect(payload.params._mounts).toBe(0);
    expect(typeof payload.session).toBe("string");
    expect(new URL(payload.url).pathname).toBe("/counter");
    const reply = received.find((f) => f[1] === join![1] && f[3] === "phx_reply") as [string, string, string, string, { status: string; response: { liveview_version: string } }];
    expect(reply[4].status).toBe("ok");
    expect(reply[4].response.liveview_version).toBe(OFFICIAL_VERSION);
    await closeAll(sides);
  });
});

describe("the same DOM with either client", () => {
  test("counter: clicks, and the page title", async () => {
    const pages = await openBoth("demo", ["/counter"]);
    // The official client sets the title in an animation frame after the patch: wait for both.
    const count = (expected: string) =>
      document.querySelector("#count")?.textContent?.trim() === expected && document.title === `Count: ${expected}`;
    const click = (selector: string) => (page: Page) => page.click(selector);
    const history = await compareSteps(pages, [
      on("+", click("button[phx-click=inc]"), count, "1"),
      on("+", click("button[phx-click=inc]"), count, "2"),
      on("+", click("button[phx-click=inc]"), count, "3"),
      on("−", click("button[phx-click=dec]"), count, "2"),
      on("reset", click("button[phx-click=reset]"), count, "0"),
      on("−", click("button[phx-click=dec]"), count, "-1"),
    ]);
    expect(history.map((shots) => shots[0]!.title)).toEqual(["Count: 0", "Count: 1", "Count: 2", "Count: 3", "Count: 2", "Count: 0", "Count: -1"]);
    await closeAll(sides);
  });

  test("They Live: the sunglasses on and off again", async () => {
    const pages = await openBoth("demo", ["/sunglasses"]);
    const aliens = (shown: boolean) => (document.body.textContent?.includes("👽") ?? false) === shown;
    const toggle = (page: Page) => page.click("[phx-click=toggle]");
    const history = await compareSteps(pages, [on("on", toggle, aliens, true), on("off", toggle, aliens, false)]);
    const faces = history.map((shots) => (shots[0]!.html.match(/👽/g) ?? []).length);
    expect(faces).toEqual([0, 4, 0]);
    expect(history[0]![0]!.html).toBe(history[2]![0]!.html);
    await closeAll(sides);
  });

  test("search: typing into the debounced input", async () => {
    const pages = await openBoth("demo", ["/search"]);
    const searches = (n: string) => document.querySelector("#searches")?.textContent?.trim() === n;
    // Each burst of keys is one event (see withinDebounce): the counter says how many arrived.
    const type = (keys: string) => async (page: Page) => {
      await page.click("input[name=q]");
      await withinDebounce(page, () => page.keyboard.type(keys, { delay: 30 }));
    };
    const erase = (n: number) => async (page: Page) => {
      await page.click("input[name=q]");
      await withinDebounce(page, async () => {
        for (let i = 0; i < n; i++) await page.keyboard.press("Backspace", { delay: 30 });
      });
    };
    const history = await compareSteps(pages, [
      on("type “land”", type("land"), searches, "1"),
      on("type “x”: no results", type("x"), searches, "2"),
      on("erase it all", erase(5), searches, "3"),
    ]);
    const counts = history.map((shots) => /id="result-count">(\d+)</.exec(shots[0]!.html)?.[1]);
    expect(counts).toEqual(["42", "8", "0", "42"]);
    expect(history[2]![0]!.html).toContain('id="no-results"');
    await closeAll(sides);
  });

  test("chat: two pages per client; each sees the other's messages", async () => {
    const pages = await openBoth("demo", ["/chat?name=alice", "/chat?name=bob"]);
    const say = (from: 0 | 1, text: string): Step => ({
      name: `${from === 0 ? "alice" : "bob"} says ${text}`,
      act: async (both) => {
        const page = both[from]!;
        await page.click("input[name=text]");
        await page.keyboard.type(text, { delay: 5 });
        await page.keyboard.press("Enter");
      },
      ready: async (both) => {
        for (const page of both) {
          await page.waitForFunction(
            (t) => Array.from(document.querySelectorAll("#messages .text")).some((el) => el.textContent === t),
            text,
            { timeout: 5000 },
          );
        }
        await both[from]!.waitForFunction(() => (document.querySelector("input[name=text]") as HTMLInputElement).value === "", null, { timeout: 5000 });
      },
    });
    // Message ids are random UUIDs and the times are the server's clock: neither is the client's.
    const scrub = (html: string) =>
      html
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
        .replace(/(<time[^>]*>)\d\d:\d\d(<\/time>)/g, "$1hh:mm$2");
    const history = await compareSteps(pages, [say(0, "hello bob"), say(1, "hi alice"), say(0, "<b>not bold</b> & 'quotes'")], { scrub });
    const last = history.at(-1)!;
    for (const shot of last) {
      expect(shot.html.match(/class="bubble[^"]*"/g)).toHaveLength(3);
      expect(shot.html).toContain("&lt;b&gt;not bold&lt;/b&gt; &amp; 'quotes'");
    }
    await closeAll(sides);
  });

  test("keyed list: shuffle, reverse, remove, append, edit and move", async () => {
    const pages = await openBoth("app", ["/keyed"]);
    let model: Item[] = [...INITIAL];
    let nextId = INITIAL.length + 1;
    const steps: Step[] = [];
    const listIs = (expected: [string, string][]) =>
      JSON.stringify(Array.from(document.querySelectorAll("#items > li")).map((li) => [li.id, li.querySelector(".label")?.textContent ?? ""])) ===
      JSON.stringify(expected);
    const add = (button: string, next: Item[]) => {
      model = next;
      const expected = model.map((item): [string, string] => [`item-${item.id}`, item.label]);
      steps.push(on(button, (page) => page.click(`#${button}`), listIs, expected));
    };
    add("shuffle", ops.shuffle(model));
    add("reverse", ops.reverse(model));
    add("edit-move", ops.editMove(model));
    add("remove-first", ops.removeFirst(model));
    add("append", ops.append(model, nextId++));
    add("shuffle", ops.shuffle(model));
    add("edit-move", ops.editMove(model));
    add("append", ops.append(model, nextId++));
    add("append", ops.append(model, nextId++));
    add("shuffle", ops.shuffle(model));
    add("reverse", ops.reverse(model));
    add("edit-move", ops.editMove(model));
    while (model.length > 0) add("remove-first", ops.removeFirst(model));
    add("append", ops.append(model, nextId++));
    add("append", ops.append(model, nextId++));
    add("shuffle", ops.shuffle(model));

    /**
     * Which DOM nodes survived the step: each row is tagged with its id before the step, so a row
     * that moved is the same node ("kept"), a recreated one is "new", and a node that now shows
     * another item is "reused". Both clients must keep the same nodes.
     */
    const nodes = async (page: Page) =>
      page.evaluate(() => {
        const rows = Array.from(document.querySelectorAll("#items > li")) as (HTMLElement & { __was?: string })[];
        const fates = rows.map((li) => (li.__was === undefined ? "new" : li.__was === li.id ? "kept" : `reused:${li.__was}`));
        for (const li of rows) li.__was = li.id;
        return fates;
      });
    const history = await compareSteps(pages, steps, { extra: nodes });
    expect(history).toHaveLength(steps.length + 1);
    const final = history.at(-1)![0]!.html;
    expect(final.match(/<li /g)).toHaveLength(2);
    await closeAll(sides);
  });

  test("live components: phx-target events, props, sendUpdate, add, reorder, remove", async () => {
    const pages = await openBoth("app", ["/components"]);
    const textIs = ([selector, text]: [string, string]) => document.querySelector(selector)?.textContent?.trim() === text;
    const order = (ids: string[]) =>
      JSON.stringify(Array.from(document.querySelectorAll("#cards > li")).map((li) => li.id)) === JSON.stringify(ids);
    const gone = (selector: string) => document.querySelector(selector) === null;
    const click = (selector: string) => (page: Page) => page.click(selector);
    const rename = (card: string, name: string) => async (page: Page) => {
      await page.fill(`#${card} .rename input`, name);
      await page.press(`#${card} .rename input`, "Enter");
    };
    const cards = (page: Page) =>
      page.evaluate(() => {
        const rows = Array.from(document.querySelectorAll("#cards > li")) as (HTMLElement & { __was?: string })[];
        const fates = rows.map((li) => (li.__was === undefined ? "new" : li.__was === li.id ? "kept" : `reused:${li.__was}`));
        for (const li of rows) li.__was = li.id;
        return fates;
      });
    const history = await compareSteps(
      pages,
      [
        on("+1 on card 1", click("#card-1 .inc"), textIs, ["#card-1 .count", "1"]),
        on("+3 on card 2", click("#card-2 .inc3"), textIs, ["#card-2 .count", "3"]),
        on("rename card 3", rename("card-3", "Cleo <3"), textIs, ["#card-3 .name", "Cleo <3"]),
        on("add a card", click("#add"), order, ["card-1", "card-2", "card-3", "card-4"]),
        on("reverse", click("#reverse"), order, ["card-4", "card-3", "card-2", "card-1"]),
        on("theme: a prop of every card", click("#theme-toggle"), textIs, ["#cards > li:last-child .name", "ant"]),
        on("sendUpdate to the first card", click("#note"), textIs, ["#card-4 .note", "noted by the parent"]),
        on("card 2 asks the parent to remove it", click("#card-2 .remove"), gone, "#card-2"),
        on("+1 on card 1 again", click("#card-1 .inc"), textIs, ["#card-1 .count", "2"]),
        on("add another", click("#add"), order, ["card-4", "card-3", "card-1", "card-5"]),
        on("remove the first", click("#card-4 .remove"), order, ["card-3", "card-1", "card-5"]),
        on("+3 on the new card", click("#card-5 .inc3"), textIs, ["#card-5 .count", "3"]),
      ],
      { extra: cards },
    );
    const html = history.at(-1)![0]!.html;
    expect(html).toContain("theme-dark");
    expect(html).not.toContain("theme-light");
    expect(html).toContain("Cleo &lt;3");
    expect(html.match(/class="card /g)).toHaveLength(3);
    await closeAll(sides);
  });

  /** The stream view's steps, each with the entries (DOM id, label) it must leave, in order. */
  function streamSteps(start: number[]) {
    type Entry = { id: number; label: string };
    const entry = (id: number): Entry => ({ id, label: `entry ${id}` });
    const state = { model: start.map(entry), next: Math.max(...start) + 1 };
    const steps: Step[] = [];
    const rowsAre = (expected: [string, string][]) =>
      JSON.stringify(Array.from(document.querySelectorAll("#entries > li")).map((li) => [li.id, li.querySelector(".label")?.textContent ?? ""])) ===
      JSON.stringify(expected);
    const add = (name: string, selector: () => string, change: (model: Entry[], fresh: () => Entry) => Entry[]) => {
      const target = selector();
      state.model = change(state.model, () => entry(state.next++));
      const expected = state.model.map((e): [string, string] => [`entries-${e.id}`, e.label]);
      steps.push(on(name, (page) => page.click(target), rowsAre, expected));
    };
    const renamed = (model: Entry[], id: number) => model.map((e) => (e.id === id ? { id, label: `${e.label}!` } : e));
    return { state, steps, add, renamed };
  }

  const streamRows = (page: Page) =>
    page.evaluate(() => {
      const lis = Array.from(document.querySelectorAll("#entries > li")) as (HTMLElement & { __was?: string })[];
      const fates = lis.map((li) => (li.__was === undefined ? "new" : li.__was === li.id ? "kept" : `reused:${li.__was}`));
      for (const li of lis) li.__was = li.id;
      return fates;
    });

  test("streams: inserts at either end and in the middle, limits, updates in place, deletes", async () => {
    const pages = await openBoth("app", ["/stream"]);
    const { state, steps, add, renamed } = streamSteps([1, 2, 3]);
    add("append", () => "#append", (m, fresh) => [...m, fresh()]);
    add("prepend", () => "#prepend", (m, fresh) => [fresh(), ...m]);
    add("insert at 1", () => "#insert-at-1", (m, fresh) => [m[0]!, fresh(), ...m.slice(1)]);
    add("rename entry 2 (an update in place)", () => "#entries-2 .rename", (m) => renamed(m, 2));
    add("delete entry 1", () => "#entries-1 .delete", (m) => m.filter((e) => e.id !== 1));
    add("prepend, keep the first 4", () => "#prepend-limited", (m, fresh) => [fresh(), ...m].slice(0, 4));
    add("append, keep the last 4", () => "#append-limited", (m, fresh) => [...m, fresh()].slice(-4));
    add("append three at once", () => "#batch", (m, fresh) => [...m, fresh(), fresh(), fresh()]);
    add("rename the first", () => `#entries-${state.model[0]!.id} .rename`, (m) => renamed(m, m[0]!.id));
    add("delete the last", () => `#entries-${state.model.at(-1)!.id} .delete`, (m) => m.slice(0, -1));
    add("prepend, keep the first 4 again", () => "#prepend-limited", (m, fresh) => [fresh(), ...m].slice(0, 4));
    const history = await compareSteps(pages, steps, { extra: streamRows });
    expect(history).toHaveLength(steps.length + 1);
    expect(state.model.map((e) => e.label)).toEqual(["entry 12", "entry 5!", "entry 6", "entry 2!"]);
    await closeAll(sides);
  });

  test("streams: a reset removes every element of the stream, the dead-rendered and the updated ones too", async () => {
    const pages = await openBoth("app", ["/stream"]);
    const { state, steps, add, renamed } = streamSteps([1, 2, 3]);
    add("rename entry 2", () => "#entries-2 .rename", (m) => renamed(m, 2));
    add("append", () => "#append", (m, fresh) => [...m, fresh()]);
    add("reset", () => "#reset", (_m, fresh) => [fresh(), fresh()]);
    add("append after the reset", () => "#append", (m, fresh) => [...m, fresh()]);
    add("delete the first after the reset", () => `#entries-${state.model[0]!.id} .delete`, (m) => m.slice(1));
    add("reset again", () => "#reset", (_m, fresh) => [fresh(), fresh()]);
    const history = await compareSteps(pages, steps, { extra: streamRows });
    expect(history).toHaveLength(steps.length + 1);
    expect(state.model.map((e) => e.id)).toEqual([8, 9]);
    await closeAll(sides);
  });
});
