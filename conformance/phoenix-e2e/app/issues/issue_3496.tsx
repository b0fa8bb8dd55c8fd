/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3496: a hook is initialized when
 * its id moves between a sticky and a non-sticky view. Page A's layout renders a sticky nested
 * view (`live_render(…, sticky: true)`), which LiveTSX lacks: StickyLive is defined below and
 * page A's layout renders none. Both layouts start a LiveSocket with the MyHook hook.
 */
import { defineView, Link } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";

const HOOKS = `hooks: { MyHook: { mounted() { console.log("Hook mounted!"); } } }`;

function MyComponent() {
  return <div id="my-component" phx-hook="MyHook"></div>;
}


/** The sticky nested view (`id: "sticky"`). */
export const StickyLive = defineView({
  render: () => (
    <div>
      <MyComponent />
    </div>
  ),
});

const base = { options: HOOKS, global: true, style: "* { font-size: 1.1em; }" };

/** Layout `with_sticky`: `base`, the page in a `<div>`, then the sticky view (none here yet). */
export const withSticky = ownLiveLayout({ ...base, wrap: (view) => `<div>${view}</div>` });

/** Layout `without_sticky`: `base`, the page in a `<div>`. */
export const withoutSticky = ownLiveLayout({ ...base, wrap: (view) => `<div>${view}</div>` });

export const ALive = defineView({
  render: () => (
    <>
      <h1>Page A</h1>
      <Link navigate="/issues/3496/b">Go to page B</Link>
    </>
  ),
});

export const BLive = defineView({
  render: () => (
    <>
      <h1>Page B</h1>
      <MyComponent />
    </>
  ),
});
