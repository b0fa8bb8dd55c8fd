/**
 * Async work: `assignAsync` fills assigns with AsyncResult states from work that runs off the
 * view's queue, `startAsync` hands outcomes to `handleAsync`, `cancelAsync` and leaving cancel;
 * failures are failed states, not crashes. Every outcome arrives when the test opens its gate.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { Rendered as ClientRendered } from "@livetsx/client";
import { Async, AsyncResult, MAX_ASYNC_TASKS } from "../src/index.js";
import { calls, Dashboard, gates, latest } from "./views/async-views.tsx";
import { getPage, joinView, startServer, type TestServer } from "./support.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ routes: { "/": Dashboard } });
});
afterAll(() => server.close());
beforeEach(() => {
  gates.clear();
  calls.length = 0;
});

/** A joined dashboard and its page as the client merges it. */
async function dashboard() {
  const joined = await joinView(server, "/");
  const page = new ClientRendered((joined.reply.response as { rendered: Record<string, unknown> }).rendered);
  const html = () => String(page);
  // Pushes are read from every frame received, so that one that came before the test asks is kept.
  let cursor = 0;
  const isDiff = (f: unknown[]) => f[1] === null && f[2] === joined.topic && f[3] === "diff";
  /** The next pushed diff, merged. */
  const pushed = async () => {
    for (;;) {
      const frames = joined.client.frames;
      while (cursor < frames.length) {
        const frame = frames[cursor++]!;
        if (isDiff(frame)) {
          page.merge(frame[4] as Record<string, unknown>);
          return html();
        }
      }
      await joined.client.next(isDiff, 5000);
    }
  };
  const click = async (event: string) => {
    const reply = await joined.client.click(joined.page, event);
    expect(reply.status).toBe("ok");
    const diff = (reply.response as { diff?: Record<string, unknown> }).diff;
    if (diff) page.merge(diff);
    return html();
  };
  return { ...joined, html, pushed, click };
}

describe("assignAsync", () => {
  test("the HTTP render shows the loading state and runs no work", async () => {
    const page = await getPage(server, "/");
    expect(page.html).toContain("<p>org loading</p>");
    expect(page.html).toContain("<p>plan loading</p>");
    expect(calls).toEqual([]);
  });

  test("the work runs once connected, events go on meanwhile, and its result is pushed", async () => {
    const view = await dashboard();
    expect(view.html()).toContain("<p>org loading</p>");
    expect(calls).toEqual(["org"]);
    // The view's queue is free while the work runs.
    expect(await view.click("ping")).toContain("<p>pings 1</p>");
    latest("org").resolve({ name: "Acme" });
    const html = await view.pushed();
    expect(html).toContain("<h1>Acme</h1>");
    expect(html).toContain("<p>Acme plan</p>");
    view.client.close();
  });

  test("a failure is a failed state for each key, and the view lives on", async () => {
    const view = await dashboard();
    latest("org").reject(new Error("database down"));
    const html = await view.pushed();
    expect(html).toContain("<p>org failed: database down</p>");
    expect(html).toContain("<p>no plan</p>");
    expect(await view.click("ping")).toContain("<p>pings 1</p>");
    view.client.close();
  });

  test("a reload keeps the last result while it runs", async () => {
    const view = await dashboard();
    latest("org").resolve({ name: "Acme" });
    await view.pushed();
    expect(await view.click("reload")).toContain("<h1>Acme (reloading)</h1>");
    latest("org").resolve({ name: "Acme 2" });
    expect(await view.pushed()).toContain("<h1>Acme 2</h1>");
    view.client.close();
  });

  test("a value missing from the result fails that key, naming it, and keeps its last value", async () => {
    const view = await dashboard();
    latest("org").resolve({ name: "Acme" });
    await view.pushed();
    await view.click("partial");
    const html = await view.pushed();
    expect(html).toContain("<h1>half</h1>");
    expect(html).toContain("<p>plan error: assignAsync: the function&#39;s result has no value for &quot;plan&quot;</p>");
    // <Async> still shows the last value that loaded.
    expect(html).toContain("<p>Acme plan</p>");
    view.client.close();
  });

  test("cancelAsync aborts the work's signal, fails the keys at once, and the late result is dropped", async () => {
    const view = await dashboard();
    const work = latest("org");
    const html = await view.click("cancel");
    expect(html).toContain("<p>job cancelled</p>");
    expect(html).toContain("<p>org failed: stopped</p>");
    expect(work.signal?.aborted).toBe(true);
    expect(work.signal?.reason).toBe("stopped");
    work.resolve({ name: "Too late" });
    // Nothing is pushed for it: the next message's answer is the first thing to arrive.
    expect(await view.click("ping")).not.toContain("Too late");
    expect(view.client.frames.some((f) => f[3] === "diff")).toBe(false);
    expect(await view.click("cancel")).toContain("<p>job nothing</p>");
    view.client.close();
  });

  test("a new load of the same keys replaces the running one", async () => {
    const view = await dashboard();
    const first = latest("org");
    await view.click("reload");
    expect(first.signal?.aborted).toBe(true);
    first.resolve({ name: "First" });
    latest("org").resolve({ name: "Second" });
    const html = await view.pushed();
    expect(html).toContain("<h1>Second</h1>");
    expect(html).not.toContain("First");
    view.client.close();
  });

  test("a live component fills its own assigns and its diff is pushed", async () => {
    const view = await dashboard();
    expect(await view.click("card")).toContain("<i>stats loading</i>");
    latest("stats").resolve("42");
    expect(await view.pushed()).toContain("<b>stats 42</b>");
    view.client.close();
  });
});

describe("startAsync", () => {
  test("handleAsync receives the value, or the reason when the work fails", async () => {
    const view = await dashboard();
    await view.click("start");
    latest("job").resolve("built");
    expect(await view.pushed()).toContain("<p>job job done: built</p>");
    await view.click("start");
    latest("job").reject("broken");
    expect(await view.pushed()).toContain("<p>job job failed: broken</p>");
    view.client.close();
  });

  test("cancelAsync gives handleAsync the reason after the current callback", async () => {
    const view = await dashboard();
    await view.click("start");
    const work = latest("job");
    await view.click("stopJob");
    expect(await view.pushed()).toContain("<p>job job failed: cancelled</p>");
    expect(work.signal?.aborted).toBe(true);
    view.client.close();
  });

  test(`more than ${MAX_ASYNC_TASKS} tasks at once crash the view, naming the limit`, async () => {
    const view = await dashboard();
    expect(await view.client.crashing(view.topic, "event", { type: "click", event: "many", value: {} }, "1")).toEqual([]);
    expect(server.log.lines.some((l) => l.includes(`as many as it may (${MAX_ASYNC_TASKS})`))).toBe(true);
    // The work started before the limit was cancelled with the view.
    const started = [...gates.entries()].filter(([name]) => name.startsWith("job"));
    expect(started.length).toBeGreaterThan(0);
    for (const [, list] of started) expect(list.every((g) => g.signal?.aborted)).toBe(true);
    expect(gates.has(`job${MAX_ASYNC_TASKS}`)).toBe(false);
    view.client.close();
  });

  test("leaving the view aborts its work", async () => {
    const view = await dashboard();
    const work = latest("org");
    const reply = await view.client.request(view.topic, "phx_leave", {}, "1");
    expect(reply.status).toBe("ok");
    expect(work.signal?.aborted).toBe(true);
    view.client.close();
  });
});

describe("<Async>", () => {
  test("renders by state: ok (also while reloading), loading, failed", () => {
    const render = (result: AsyncResult<string> | null) =>
      Async({ result, loading: "L", failed: (why: unknown) => `F:${String(why)}`, children: (v: string) => `OK:${v}` });
    expect(render(null)).toBe("L");
    expect(render(AsyncResult.loading())).toBe("L");
    expect(render(AsyncResult.ok("a"))).toBe("OK:a");
    expect(render(AsyncResult.loading(AsyncResult.ok("a")))).toBe("OK:a");
    expect(render(AsyncResult.failed("x"))).toBe("F:x");
    expect(render(AsyncResult.failed("x", AsyncResult.ok("a")))).toBe("OK:a");
    expect(() => Async({ result: { ok: true } as never })).toThrow(/assignAsync/);
    expect(Object.isFrozen(AsyncResult.ok(1))).toBe(true);
  });
});
