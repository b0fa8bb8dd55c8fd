/**
 * The views without a browser: `mount` runs the real server in memory (the HTTP render, then the
 * WebSocket join) and keeps the page a browser would show. Vitest compiles the views with the
 * Vite config's LiveTSX plugin.
 */
import { expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import Counter from "../src/views/counter.tsx";
import List from "../src/views/list.tsx";

test("the counter counts up and down", async () => {
  const view = await mount(Counter);
  await view.click("button[phx-click=inc]");
  await view.click("button[phx-click=inc]");
  await view.click("button[phx-click=dec]");
  expect(view.find("#count").text).toBe("1");
  expect(view.title).toBe("Counter");
});

test("the list adds an entry and removes one", async () => {
  const view = await mount(List, { url: "/list" });
  await view.submit("form", { text: "Milk" });
  expect(view.find("#items li").count).toBe(2);
  await view.click("#items li:first-child button");
  expect(view.find("#items li").texts).toEqual(["Milk ×"]);
});
