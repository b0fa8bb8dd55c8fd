/**
 * Live navigation without a browser, on the posts demo: sorting, filtering and the open post are
 * live patches (handleParams runs, the URL changes), and `<Link navigate>` / `pushNavigate` mount
 * another view over the same socket, flash included.
 */
import { describe, expect, test } from "vitest";
import { mount, type TestView } from "@livetsx/server/testing";
import Posts from "../../src/views/posts.tsx";
import Register from "../../src/views/register.tsx";
import Welcome from "../../src/views/welcome.tsx";

const routes = { "/register": Register, "/welcome": Welcome };
const open = (url = "/posts") => mount(Posts, { url, route: "/posts", routes });
const titles = (view: TestView) => view.find("#post-list .post-link").texts;
const authors = (view: TestView) => view.find("#post-list .post-meta").texts.map((t) => t.split(" · ")[0]!);
const byTitle = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));

describe("live patches on /posts", () => {
  test("sort links and the detail panel patch the URL; the back button's patch restores the state", async () => {
    const view = await open();
    const newest = titles(view);
    expect(newest).toHaveLength(30);
    expect(view.has("#post-detail h2")).toBe(false);

    expect(await view.click("#sort-title")).toPatch("/posts?sort=title");
    const alphabetical = titles(view);
    expect(alphabetical).toEqual(byTitle(newest));
    expect(alphabetical).not.toEqual(newest);
    expect(view.find("#sort-title").attr("aria-current")).toBe("true");

    expect(await view.click("#post-3 .post-link")).toPatch("/posts?sort=title&id=3");
    expect(view.find("#post-detail h2").text).toBe("A week with server-rendered forms");
    expect(view.find("#post-3").attr("class")).toContain("selected");
    expect(view.find("#post-detail .post-body").text).toContain("Post 3 of 30");

    await view.click("#sort-author");
    expect(view.url.search).toBe("?sort=author&id=3");
    expect(authors(view)).toEqual([...authors(view)].sort((a, b) => a.localeCompare(b)));
    expect(view.find("#post-detail h2").text).toBe("A week with server-rendered forms");

    // Back: the client patches to the previous URL.
    await view.patch("/posts?sort=title&id=3");
    expect(titles(view)).toEqual(alphabetical);
    await view.patch("/posts?sort=title");
    expect(view.has("#post-detail h2")).toBe(false);
    // One join, every step a patch.
    expect(view.sent.filter((f) => f[3] === "phx_join")).toHaveLength(1);
    expect(view.sent.filter((f) => f[3] === "live_patch")).toHaveLength(5);
  });

  test("the author filter pushes a patch from the server", async () => {
    const view = await open("/posts?sort=title");
    const all = titles(view);
    expect(await view.change("#post-filter", { author: "Ada" })).toPatch("/posts?sort=title&author=Ada");
    const ada = authors(view);
    expect(ada.length).toBeGreaterThan(0);
    expect(ada.length).toBeLessThan(all.length);
    expect(new Set(ada)).toEqual(new Set(["Ada"]));
    expect(titles(view)).toEqual(byTitle(titles(view)));
    expect(view.find("#post-count").text).toBe(`${ada.length} posts`);
    expect(view.sent.filter((f) => f[3] === "live_patch")).toHaveLength(0);
  });
});

describe("live navigation", () => {
  test("<Link navigate> mounts another view over the same socket", async () => {
    const view = await open();
    const result = await view.click("#to-register");
    expect(result).toNavigate("/register");
    const register = await view.follow(result);
    expect(register.find("h1").text).toBe("Create an account");
    expect(register.url.pathname).toBe("/register");
  });

  test("pushNavigate carries the flash to the next view", async () => {
    const view = await open("/posts?id=3");
    const result = await view.click("#comment");
    expect(result).toNavigate("/register", { info: "Create an account to comment on “A week with server-rendered forms”." });
    const register = await view.follow(result);
    expect(register.find("#flash-info p").text).toBe("Create an account to comment on “A week with server-rendered forms”.");
  });
});
