/** The example of the README's "Testing your views", as it is there. */
import { expect, test } from "vitest";
import { mount } from "@livetsx/server/testing";
import Counter from "../../src/views/counter.tsx";
import Register from "../../src/views/register.tsx";
import Welcome from "../../src/views/welcome.tsx";

test("the counter counts", async () => {
  const view = await mount(Counter, { url: "/counter" });
  await view.click("button[phx-click=inc]");
  expect(view.find("#count").text).toBe("1");
  expect(view.title).toBe("Count: 1");
  expect(view.lastDiff).toEqual({ "0": "1", t: "Count: 1" });
});

test("a valid registration lands on /welcome with a flash", async () => {
  const view = await mount(Register, { url: "/register", routes: { "/welcome": Welcome } });
  await view.change("#registration", { user: { name: "A" } });
  expect(view.find("p.error").texts).toEqual(["Name must be at least 2 characters"]);

  const user = { name: "Ada", email: "ada@example.com", password: "analytical-engine" };
  const result = await view.submit("#registration", { user });
  expect(result).toNavigate("/welcome", { info: "Welcome, Ada!" });
  const welcome = await view.follow(result);
  expect(welcome.find("#flash-info p").text).toBe("Welcome, Ada!");
});

test("the README shows this file as it is", async () => {
  const { readFile } = await import("node:fs/promises");
  const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
  const self = await readFile(new URL(import.meta.url), "utf8");
  const example = self.slice(self.indexOf("\n") + 1, self.indexOf('\ntest("the README shows'));
  expect(readme).toContain("```ts\n// examples/test/views/readme.test.ts\n" + example + "```");
});
