/** The menus demo in the view harness: the events its JS commands send. */
import { expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import Menus from "../../src/views/menus.tsx";

test("picking a flavor sends it; opening the menu sends nothing", async () => {
  const view = await mount(Menus, { url: "/menus" });
  expect((await view.click("#flavor-button")).sent).toBe(false);
  await view.click("#flavor-menu button", { text: "Mango" });
  expect(view.find("#flavor-button strong").text).toBe("Mango");
  expect(view.find("#flavor-menu button.picked").text).toBe("Mango");
});

test("the modal's form saves a note", async () => {
  const view = await mount(Menus, { url: "/menus" });
  expect((await view.click("#open-note")).sent).toBe(false);
  await view.submit("#note-form", { note: "Buy milk" });
  expect(view.find(".notes li").texts).toEqual(["Buy milk"]);
});
