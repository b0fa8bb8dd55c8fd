/**
 * Wire-protocol conformance for forms and navigation: the registration and posts demos driven
 * the same way through LiveTSX's client and the official Phoenix LiveView client, with the view
 * containers compared after every step (see harness.ts). Form events, `_unused_` markers,
 * `phx-disable-with`, `lv:clear-flash`, live patches, `push_navigate` with a flash and the back
 * button all have to come out the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { closeAll, compareSteps, KINDS, on, useSides, withinDebounce, type Kind } from "./harness.js";

const sides = useSides({ beforeAll, afterEach, afterAll });

async function openBoth(path: string): Promise<Record<Kind, Page[]>> {
  const pages = {} as Record<Kind, Page[]>;
  for (const kind of KINDS) pages[kind] = [await sides[kind].open("demo", path)];
  return pages;
}

/** The CSRF token is each browser context's own. */
const scrub = (html: string) => html.replace(/:value="[^"]*" name="_csrf_token" type="hidden" value="[^"]*"/g, 'name="_csrf_token" type="hidden" value="<token>"');

/** Types into an input like a user, as one burst within its 300 ms debounce (one event). */
const typeInto = (selector: string, keys: string) => async (page: Page) => {
  await page.click(selector);
  await withinDebounce(page, () => page.keyboard.type(keys, { delay: 20 }));
};

/** The error messages shown, in order. */
const errorsAre = (expected: string[]) =>
  JSON.stringify(Array.from(document.querySelectorAll("#registration p.error")).map((p) => p.textContent)) === JSON.stringify(expected);

describe("forms and navigation: the same DOM with either client", () => {
  test("register: errors for used fields only, every error on submit, then /welcome with the flash", async () => {
    const pages = await openBoth("/register");
    const at = (path: string) => location.pathname === path && document.querySelector("[data-phx-main]")?.classList.contains("phx-connected") === true;
    const history = await compareSteps(pages, [
      on("type an invalid email", typeInto("#user_email", "ada.example.com"), errorsAre, ["Enter a valid email address"]),
      on("type a one-letter name", typeInto("#user_name", "A"), errorsAre, ["Name must be at least 2 characters", "Enter a valid email address"]),
      on("submit the invalid form", (page) => page.click("button[type=submit]"), errorsAre, [
        "Name must be at least 2 characters",
        "Enter a valid email address",
        "Password must be at least 8 characters",
      ]),
      on("fix the name", typeInto("#user_name", "da"), errorsAre, ["Enter a valid email address", "Password must be at least 8 characters"]),
      on(
        "fix the email",
        (page) => withinDebounce(page, () => page.fill("#user_email", "ada@example.com")),
        errorsAre,
        ["Password must be at least 8 characters"],
      ),
      on("type a password", typeInto("#user_password", "analytical"), errorsAre, []),
      on(
        "submit: a live navigation to /welcome",
        async (page) => {
          await page.click("button[type=submit]");
          await page.waitForURL((u) => u.pathname === "/welcome", { timeout: 5000 });
        },
        at,
        "/welcome",
      ),
      on("dismiss the flash", (page) => page.click("#flash-info .flash-close"), () => document.querySelector("#flash-info") === null, null),
    ], { scrub });
    expect(history[7]![0]!.html).toContain("Welcome, Ada!");
    expect(history[7]![0]!.title).toBe("Welcome");
    expect(history[8]![0]!.html).not.toContain("Welcome, Ada!");
    await closeAll(sides);
  });

  test("posts: sort and detail by live patch, the filter by pushPatch, back, and pushNavigate with a flash", async () => {
    const pages = await openBoth("/posts");
    const state = ([path, detail]: [string, string]) =>
      location.pathname + location.search === path &&
      (document.querySelector("#post-detail h2")?.textContent ?? "") === detail &&
      document.querySelector("[data-phx-main]")?.classList.contains("phx-connected") === true;
    const click = (selector: string) => (page: Page) => page.click(selector);
    const back = async (page: Page) => void (await page.goBack());
    const history = await compareSteps(pages, [
      on("sort by title", click("#sort-title"), state, ["/posts?sort=title", ""]),
      on("open post 3", click("#post-3 .post-link"), state, ["/posts?sort=title&id=3", "A week with server-rendered forms"]),
      on("sort by author", click("#sort-author"), state, ["/posts?sort=author&id=3", "A week with server-rendered forms"]),
      on("back", back, state, ["/posts?sort=title&id=3", "A week with server-rendered forms"]),
      on("filter by Ada", (page) => page.selectOption("#filter-author", "Ada").then(() => undefined), state, ["/posts?sort=title&author=Ada", ""]),
      on("back again", back, state, ["/posts?sort=title&id=3", "A week with server-rendered forms"]),
      on(
        "comment: pushNavigate to /register with a flash",
        click("#comment"),
        () => location.pathname === "/register" && document.querySelector("#flash-info") !== null,
        null,
      ),
      on("back to the posts", back, state, ["/posts?sort=title&id=3", "A week with server-rendered forms"]),
    ], { scrub });
    expect(history[5]![0]!.html).toContain("6 posts");
    expect(history[7]![0]!.html).toContain("Create an account to comment on “A week with server-rendered forms”.");
    await closeAll(sides);
  });
});
