/**
 * The todo demo without a browser: live components (phx-target={myself}) in a stream, shared by
 * two windows over PubSub.
 */
import { expect, test } from "vitest";
import { mount, type TestView } from "@livetsx/server/testing";
import Todos from "../../src/views/todos.tsx";

const titles = (view: TestView) => view.find("#todo-list .todo-title").texts;

test("two windows share the todo list: add, toggle, edit, delete", async () => {
  const a = await mount(Todos, { url: "/todos" });
  const b = await mount(Todos, { url: "/todos" });
  const initial = titles(a);
  expect(initial.length).toBeGreaterThan(0);
  expect(b.find("#todo-list [data-phx-component]").count).toBe(initial.length);

  await a.change("#new-todo", { title: "buy milk" });
  await a.submit("#new-todo", { title: "buy milk" });
  await a.settled();
  await b.settled();
  expect(titles(a)).toEqual([...initial, "buy milk"]);
  expect(titles(b)).toEqual([...initial, "buy milk"]);
  // The submit cleared the draft.
  expect(a.find("#new-todo input[name=title]").attr("value")).toBe("");

  const milk = b.find("#todo-list > li", "buy milk").attr("id")!;
  await a.click(`#${milk} input[type=checkbox]`);
  await b.settled();
  expect(b.find(`#${milk} .todo`).attr("class")).toBe("todo done");

  await b.click(`#${milk} .todo-title`);
  expect(b.has(`#${milk} form.todo-edit`)).toBe(true);
  expect(a.has(`#${milk} form.todo-edit`)).toBe(false);
  await b.submit(`#${milk} form.todo-edit`, { title: "buy oat milk" });
  await a.settled();
  expect(a.find(`#${milk} .todo-title`).text).toBe("buy oat milk");

  await a.click(`#${milk} .todo-delete`);
  await b.settled();
  expect(titles(b)).toEqual(initial);
  expect(a.find("#todo-count").text).toBe(String(initial.length));
});
