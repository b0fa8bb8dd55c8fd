/**
 * Navigation targets, as Phoenix checks them: `redirect`, `pushNavigate` and `pushPatch` take a
 * path of this site; another site is `redirect({ external })` with an http(s) URL. Anything else
 * (a `javascript:` URL the client would run, `//evil.example`) fails the handler, naming the call.
 */
import { describe, expect, test } from "vitest";
import { viewInstance } from "./support.js";
import Navigator from "./views/navigator.tsx";
import ComponentNavigator from "./views/component-navigator.tsx";
import { ViewInstance } from "../src/instance.js";
import { LocalPubSub } from "../src/pubsub.js";
import type { ViewDefinition } from "../src/view.js";

async function joined() {
  const view = viewInstance("n", Navigator, undefined, { dev: false, verify: false });
  await view.join({}, {});
  return view;
}

describe("refused targets fail the handler with a message naming the call", () => {
  test.each([
    ["redirect", "javascript:alert(1)", 'redirect expects a path of this site starting with "/", got "javascript:alert(1)"'],
    ["redirect", "https://evil.example/", "for another site use redirect({ external"],
    ["redirect", "//evil.example/x", "redirect expects a path of this site"],
    ["redirect", "/\\evil.example/x", "redirect expects a path of this site"],
    ["navigate", "javascript:alert(1)", "pushNavigate expects a path of this site"],
    ["navigate", "evil", "pushNavigate expects a path of this site"],
    ["patch", "https://evil.example/", "pushPatch expects a path of this site"],
    ["external", "javascript:alert(1)", 'redirect({ external }) expects an absolute http or https URL, got "javascript:alert(1)"'],
    ["external", " JAVASCRIPT:alert(1)", "redirect({ external }) expects an absolute http or https URL"],
    ["external", "data:text/html,<script>alert(1)</script>", "redirect({ external }) expects an absolute http or https URL"],
    ["external", "/relative", "redirect({ external }) expects an absolute http or https URL"],
  ])("%s to %j", async (event, to, message) => {
    const view = await joined();
    await expect(view.event(event, { to })).rejects.toThrow(message);
  });
});

describe("accepted targets", () => {
  test("a local path redirects, navigates or patches", async () => {
    expect(await (await joined()).event("redirect", { to: "/posts?page=2" })).toEqual({ redirect: { to: "/posts?page=2" } });
    expect(await (await joined()).event("navigate", { to: "/posts" })).toEqual({ live_redirect: { kind: "push", to: "/posts" } });
  });

  test("an external http(s) URL redirects, normalised by the URL parser", async () => {
    expect(await (await joined()).event("external", { to: "https://example.com/bye" })).toEqual({ redirect: { to: "https://example.com/bye" } });
    expect(await (await joined()).event("external", { to: "HTTP://Example.com" })).toEqual({ redirect: { to: "http://example.com/" } });
  });
});

describe("a live component's navigation is its view's, as Phoenix's", () => {
  async function withComponent() {
    const view = new ViewInstance("c", ComponentNavigator as ViewDefinition<Record<string, unknown>>, new URL("http://localhost/"), {}, {
      pubsub: new LocalPubSub(),
      dev: false,
      verify: false,
      push: () => undefined,
      crashed: (error) => {
        throw error;
      },
      paramsFor: (url) => Object.fromEntries(url.searchParams),
    });
    await view.join({}, {});
    return view;
  }

  test("a patch runs the view's handleParams and patches the page", async () => {
    const response = await (await withComponent()).event("patch", { to: "/?page=2" }, 1);
    expect(response.live_patch).toEqual({ kind: "push", to: "/?page=2" });
    expect(response.diff).toEqual({ 0: "2" });
  });

  test("a live navigation and a redirect leave the view", async () => {
    expect(await (await withComponent()).event("navigate", { to: "/posts" }, 1)).toEqual({ live_redirect: { kind: "push", to: "/posts" } });
    expect(await (await withComponent()).event("redirect", { to: "/posts" }, 1)).toEqual({ redirect: { to: "/posts" } });
  });
});
