/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3496: a hook is initialized when
 * its id moves between a sticky and a non-sticky view. Page A's layout renders a sticky nested
 * view (`live_render(…, sticky: true)`), which LiveTSX lacks: StickyLive is defined below and
 * page A's layout renders none. Both layouts start a LiveSocket with the MyHook hook.
 */
import { defineView, Link } from "@livetsx/server";
import { InlineStyle, LayoutHead, LiveSocketScript } from "./shared.tsx";

const HOOKS = `hooks: { MyHook: { mounted() { console.log("Hook mounted!"); } } }`;

function MyComponent() {
  return <div id="my-component" phx-hook="MyHook"></div>;
}

function Base({ csrfToken }: { csrfToken: string }) {
  return (
    <>
      <LayoutHead csrfToken={csrfToken} />
      <LiveSocketScript options={HOOKS} global />
      <InlineStyle css="* { font-size: 1.1em; }" />
    </>
  );
}

/** The sticky nested view (`id: "sticky"`). */
export const StickyLive = defineView({
  render: () => (
    <div>
      <MyComponent />
    </div>
  ),
});

/** Layout `with_sticky`. */
function WithSticky({ csrfToken, children }: { csrfToken: string; children?: unknown }) {
  return (
    <>
      <Base csrfToken={csrfToken} />
      <div>{children}</div>
      {/* live_render(StickyLive, id: "sticky", sticky: true) once LiveTSX has nested live views */}
    </>
  );
}

/** Layout `without_sticky`. */
function WithoutSticky({ csrfToken, children }: { csrfToken: string; children?: unknown }) {
  return (
    <>
      <Base csrfToken={csrfToken} />
      <div>{children}</div>
    </>
  );
}

export const ALive = defineView({
  render: ({ csrfToken }: { csrfToken: string }) => (
    <WithSticky csrfToken={csrfToken}>
      <h1>Page A</h1>
      <Link navigate="/issues/3496/b">Go to page B</Link>
    </WithSticky>
  ),
});

export const BLive = defineView({
  render: ({ csrfToken }: { csrfToken: string }) => (
    <WithoutSticky csrfToken={csrfToken}>
      <h1>Page B</h1>
      <MyComponent />
    </WithoutSticky>
  ),
});
