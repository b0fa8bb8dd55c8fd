/**
 * The registration demo without a browser: validation as you type with errors only for the
 * fields the user used, a submit that shows every error, and a valid one that navigates live to
 * another view with a flash message.
 */
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { mount, type TestView } from "@livetsx/server/testing";
import Register from "../../src/views/register.tsx";
import Welcome from "../../src/views/welcome.tsx";

const errors = (view: TestView) => view.find("#registration p.error").texts;
const open = () => mount(Register, { url: "/register", routes: { "/welcome": Welcome } });

// Saving takes 300 ms on the server (a setTimeout): the fake clock moves past it at once.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Submits and moves the server's clock past the save's delay. */
async function submit(view: TestView, values: Record<string, unknown> = {}) {
  const reply = view.submit("#registration", values);
  await vi.advanceTimersByTimeAsync(300);
  return reply;
}

test("validation shows errors only for the fields the user used", async () => {
  const view = await open();
  expect(view.title).toBe("Register");
  await view.change("#registration", { user: { name: "A" } });
  expect(errors(view)).toEqual(["Name must be at least 2 characters"]);
  await view.change("#registration", { user: { name: "Ada", email: "nope" } });
  expect(errors(view)).toEqual(["Enter a valid email address"]);
  expect(view.find("#user_email").attr("value")).toBe("nope");
});

test("an invalid submit shows every error; a valid one lands on /welcome with the flash", async () => {
  const view = await open();
  expect(await submit(view)).not.toRedirect();
  expect(errors(view)).toEqual([
    "Name must be at least 2 characters",
    "Enter a valid email address",
    "Password must be at least 8 characters",
  ]);

  const user = { name: "Ada Lovelace", email: "ada@example.com", password: "analytical-engine" };
  await view.change("#registration", { user });
  expect(errors(view)).toEqual([]);
  const result = await submit(view, { user });
  expect(result).toNavigate("/welcome", { info: "Welcome, Ada Lovelace!" });

  const welcome = await view.follow(result);
  expect(welcome.title).toBe("Welcome");
  expect(welcome.find("h1").text).toBe("You're in");
  expect(welcome.find("#flash-info p").text).toBe("Welcome, Ada Lovelace!");
  await welcome.click("#flash-info .flash-close");
  expect(welcome.has("#flash-info")).toBe(false);
});
