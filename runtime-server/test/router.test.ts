import { describe, expect, test } from "vitest";
import { createRouter } from "../src/router.js";

describe("createRouter", () => {
  test("matches static routes and the root", () => {
    const router = createRouter({ "/": "home", "/about": "about", "/posts/all": "all" });
    expect(router.match("/")).toEqual({ view: "home", pattern: "/", params: {}, path: "/" });
    expect(router.match("/about")?.view).toBe("about");
    expect(router.match("/posts/all")?.view).toBe("all");
    expect(router.match("/posts")).toBeNull();
    expect(router.match("/about/more")).toBeNull();
    expect(router.match("/nope")).toBeNull();
  });

  test("static segments win over params whatever the declaration order", () => {
    const forward = createRouter({ "/posts/new": "new", "/posts/:id": "show", "/:section/:id": "any" });
    const backward = createRouter({ "/:section/:id": "any", "/posts/:id": "show", "/posts/new": "new" });
    for (const router of [forward, backward]) {
      expect(router.match("/posts/new")?.view).toBe("new");
      expect(router.match("/posts/42")).toMatchObject({ view: "show", pattern: "/posts/:id", params: { id: "42" } });
      expect(router.match("/users/7")).toMatchObject({ view: "any", params: { section: "users", id: "7" } });
    }
  });

  test("an exact route wins over a glob that could match nothing", () => {
    const router = createRouter({ "/files/*path": "glob", "/files": "index" });
    expect(router.match("/files")?.view).toBe("index");
    expect(router.match("/files/a")?.view).toBe("glob");
  });

  test("path params are percent-decoded", () => {
    const router = createRouter({ "/users/:name": "user", "/café": "cafe" });
    expect(router.match("/users/J%C3%BCrgen%20M%2FX")?.params).toEqual({ name: "Jürgen M/X" });
    expect(router.match("/users/a+b")?.params).toEqual({ name: "a+b" });
    expect(router.match("/users/Jürgen")?.params).toEqual({ name: "Jürgen" });
    expect(router.match("/caf%C3%A9")?.view).toBe("cafe");
  });

  test("a malformed escape makes that route not match instead of throwing", () => {
    const router = createRouter({ "/users/:name": "user", "/users/:name/edit": "edit" });
    expect(() => router.match("/users/%E0%A4%A")).not.toThrow();
    expect(router.match("/users/%E0%A4%A")).toBeNull();
    expect(router.match("/users/%zz/edit")).toBeNull();
    expect(router.match("/users/ok")?.view).toBe("user");
  });

  test("a trailing glob takes the remaining segments, decoded and joined", () => {
    const router = createRouter({ "/files/*path": "files", "/docs/:lang/*page": "docs" });
    expect(router.match("/files/a/b%20c/d.txt")?.params).toEqual({ path: "a/b c/d.txt" });
    expect(router.match("/files/")?.params).toEqual({ path: "" });
    expect(router.match("/docs/en/guide/intro")?.params).toEqual({ lang: "en", page: "guide/intro" });
    expect(router.match("/files/ok/%E0%A4%A")).toBeNull();
  });

  test("params must be non-empty segments", () => {
    const router = createRouter({ "/posts/:id/comments": "comments" });
    expect(router.match("/posts//comments")).toBeNull();
  });

  test("a trailing slash is ignored", () => {
    const router = createRouter({ "/posts": "index", "/posts/:id/": "show" });
    expect(router.match("/posts/")?.view).toBe("index");
    expect(router.match("/posts/3")?.view).toBe("show");
    expect(router.match("/posts/3/")).toMatchObject({ view: "show", params: { id: "3" }, path: "/posts/3/" });
  });

  test("query params merge with path params, path params winning", () => {
    const router = createRouter({ "/posts/:id": "show" });
    const match = router.match("/posts/9?sort=new&id=evil&q=a+b%26c");
    expect(match?.params).toEqual({ id: "9", sort: "new", q: "a b&c" });
    expect(match?.path).toBe("/posts/9");
  });

  test("repeated query keys and keys ending in [] become arrays", () => {
    const router = createRouter({ "/search": "search" });
    expect(router.match("/search?tag=a&tag=b&one=1")?.params).toEqual({ tag: ["a", "b"], one: "1" });
    expect(router.match("/search?ids[]=1")?.params).toEqual({ ids: ["1"] });
    expect(router.match("/search?ids%5B%5D=1&ids[]=2")?.params).toEqual({ ids: ["1", "2"] });
    expect(router.match("/search?x=1&x[]=2")?.params).toEqual({ x: ["1", "2"] });
  });

  test("a query key named __proto__ stays an ordinary param", () => {
    const params = createRouter({ "/": "home" }).match("/?__proto__=x")!.params;
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, "__proto__")).toBe(true);
  });

  test("accepts full URLs and URL objects, and ignores the hash", () => {
    const router = createRouter({ "/posts/:id": "show" });
    const expected = { view: "show", pattern: "/posts/:id", params: { id: "5", a: "1" }, path: "/posts/5" };
    expect(router.match("http://localhost:5173/posts/5?a=1#top")).toEqual(expected);
    expect(router.match(new URL("https://example.com/posts/5?a=1#x"))).toEqual(expected);
    expect(router.match("/posts/5?a=1#top")).toEqual(expected);
    expect(router.match("/posts/5#top?b=2")?.params).toEqual({ id: "5" });
  });

  test("a path starting with // is still a path, not another host", () => {
    const router = createRouter({ "/x": "x", "/*rest": "rest" });
    expect(router.match("//evil.com/x")?.view).toBe("rest");
    expect(router.match("//evil.com/x")?.params).toEqual({ rest: "/evil.com/x" });
  });

  test("invalid patterns throw an error naming the pattern", () => {
    expect(() => createRouter({ "/a/:id/b/:id": 1 })).toThrow(/"\/a\/:id\/b\/:id".*"id" appears twice/);
    expect(() => createRouter({ "/files/*path/edit": 1 })).toThrow(/"\/files\/\*path\/edit".*must be the last segment/);
    expect(() => createRouter({ "/a/:id/*id": 1 })).toThrow(/"id" appears twice/);
    expect(() => createRouter({ "posts": 1 })).toThrow(/"posts".*must start with "\/"/);
    expect(() => createRouter({ "/a//b": 1 })).toThrow(/"\/a\/\/b".*empty segment/);
    expect(() => createRouter({ "/a/:": 1 })).toThrow(/"\/a\/:".*parameter name/);
    expect(() => createRouter({ "/a/:b-c": 1 })).toThrow(/parameter name/);
    expect(() => createRouter({ "/a?x=1": 1 })).toThrow(/"\/a\?x=1"/);
    expect(() => createRouter({ "/%E0%A4%A": 1 })).toThrow(/malformed % escape/);
  });

  test("two patterns that match the same paths are rejected", () => {
    expect(() => createRouter({ "/posts/:id": 1, "/posts/:slug": 2 })).toThrow(/"\/posts\/:slug".*same paths as "\/posts\/:id"/);
    expect(() => createRouter({ "/posts": 1, "/posts/": 2 })).toThrow(/same paths/);
  });
});
