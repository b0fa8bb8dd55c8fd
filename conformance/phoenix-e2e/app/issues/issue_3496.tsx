/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3496: a hook is initialized when
 * its id moves between a sticky and a non-sticky view. Page A's layout renders a sticky nested
 * view (`live_render(…, sticky: true)`) after the page; LiveTSX's layouts are strings around the
 * container, so page A renders it. Both layouts start a LiveSocket with the MyHook hook.
 */
import { defineView, Link } from "@livetsx/server";
import { registerSticky, StickyChild } from "./sticky.tsx";
import { ownLiveLayout } from "./layouts.ts";

const HOOKS = `hooks: { MyHook: { mounted() { console.log("Hook mounted!"); } } }`;

function MyComponent() {
  return <div id="my-component" phx-hook="MyHook"></div>;
}


/** The sticky nested view (`id: "sticky"`). */
export const StickyLive = registerSticky("3496", defineView({
  render: () => (
    <div>
      <MyComponent />
    </div>
  ),
}));

/**
 * Layouts `with_sticky` and `without_sticky`: `base`, then the page in a `<div>` (and, for page
 * A, the sticky view), which the pages render themselves.
 */
export const layout = ownLiveLayout({ options: HOOKS, global: true, style: "* { font-size: 1.1em; }" });

export const ALive = defineView({
  render: () => (
    <>
      <div>
        <h1>Page A</h1>
        <Link navigate="/issues/3496/b">Go to page B</Link>
      </div>
      <StickyChild name="3496" />
    </>
  ),
});

export const BLive = defineView({
  render: () => (
    <div>
      <h1>Page B</h1>
      <MyComponent />
    </div>
  ),
});
