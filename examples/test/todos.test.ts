/**
 * The todo demo in Chromium: live components (phx-target={myself}) in a stream, shared by two
 * windows over PubSub.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useDemo } from "./browser.js";

const demo = useDemo({ beforeAll, afterAll });

async function open(): Promise<{ page: Page; errors: string[] }> {
  const page = await demo.browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(demo.url("/todos"));
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
  return { page, errors };
}

const titles = (page: Page) => page.locator("#todo-list .todo-title").allInnerTexts();

test("two windows share the todo list: add, toggle, edit, delete", async () => {
  const a = await open();
  const b = await open();
  const initial = await titles(a.page);
  expect(initial.length).toBeGreaterThan(0);
  expect(await b.page.locator("#todo-list [data-phx-component]").count()).toBe(initial.length);

  await a.page.fill("#new-todo input[name=title]", "buy milk");
  await a.page.press("#new-todo input[name=title]", "Enter");
  await b.page.waitForFunction(() => document.body.textContent?.includes("buy milk"), null, { timeout: 5000 });
  await a.page.waitForFunction(() => (document.querySelector("#new-todo input") as HTMLInputElement).value === "");
  expect(await titles(a.page)).toEqual([...initial, "buy milk"]);

  const row = (page: Page) => page.locator("#todo-list > li", { hasText: "buy milk" });
  await row(a.page).locator("input[type=checkbox]").click();
  await b.page.waitForFunction(() => [...document.querySelectorAll("#todo-list .todo.done")].some((el) => el.textContent?.includes("buy milk")));

  await row(b.page).locator(".todo-title").click();
  const edit = b.page.locator("#todo-list form.todo-edit input[name=title]");
  await edit.fill("buy oat milk");
  await edit.press("Enter");
  await a.page.waitForFunction(() => document.body.textContent?.includes("buy oat milk"), null, { timeout: 5000 });

  await a.page.locator("#todo-list > li", { hasText: "buy oat milk" }).locator(".todo-delete").click();
  await b.page.waitForFunction(() => !document.body.textContent?.includes("buy oat milk"), null, { timeout: 5000 });
  expect(await titles(b.page)).toEqual(initial);
  expect(a.errors.concat(b.errors)).toEqual([]);
  await a.page.close();
  await b.page.close();
});
