/**
 * Port of support/navigation.ex, the `navigation` live session: its layout (a sidebar of links
 * around the view, a navigation-preventing toggle, and the client with reload jitter), ALive
 * (`/navigation/a`), BLive (`/navigation/b` and `/navigation/b/:id`, upstream's :index and :show
 * live actions), RedirectLoopLive (`/navigation/redirectloop`) and the Dead controller page
 * (`/navigation/dead`).
 */
import { defineView, escapeHTML, Link, type LayoutPage, type LiveSocket, type LiveStream, type PlainPage } from "@livetsx/server";
import { csrfMeta, type LayoutContext } from "../layouts.js";

const NAV_LINK = `style="background-color: #f1f5f9; padding: 0.5rem;" data-phx-link="redirect" data-phx-link-state="push"`;

/** Upstream's Navigation.Layout live.html: its scripts, then the sidebar around the view. */
export function navigationLayout(page: LayoutPage, _ctx: LayoutContext): string {
  return (
    csrfMeta(page) +
    `<script src="/assets/phoenix/phoenix.min.js"></script>
<script type="module">
  import { LiveSocket } from "/assets/phoenix_live_view/phoenix_live_view.esm.js";
  let csrfToken = document.querySelector("meta[name='csrf-token']").getAttribute("content");
  let liveSocket = new LiveSocket("/live", window.Phoenix.Socket, {
    params: { _csrf_token: csrfToken },
    reloadJitterMin: 50,
    reloadJitterMax: 500,
  });
  liveSocket.connect();
  window.liveSocket = liveSocket;
  window.liveNavigationPreventEnabled = false;
  window.addEventListener("phx:before-navigate", (e) => {
    console.log("before navigate event", JSON.stringify(e.detail));
    if (window.liveNavigationPreventEnabled) {
      e.preventDefault();
    }
  });
  window.addEventListener("phx:navigate", (e) => {
    console.log("navigate event", JSON.stringify(e.detail));
  });
  window.addEventListener("change", (e) => {
    if (e.target && e.target.id === "prevent-navigation-toggle") {
      window.liveNavigationPreventEnabled = e.target.checked;
    }
  });
</script>
<style>
  html, body {
    margin: 0;
    padding: 0;
    font-family: system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Ubuntu, "Helvetica Neue", sans-serif;
    font-size: 1rem;
  }
</style>
<div style="display: flex; width: 100%; height: 100vh;">
  <div style="position: fixed; height: 100vh; background-color: #f8fafc; border-right: 1px solid; width: 20rem; display: flex; flex-direction: column; padding: 1rem; gap: 0.5rem;">
    <h1 style="margin-bottom: 1rem; font-size: 1.125rem; line-height: 1.75rem;">Navigation</h1>
    <label style="display: flex; align-items: center; gap: 0.5rem; background-color: #e2e8f0; padding: 0.5rem; cursor: pointer;">
      <input id="prevent-navigation-toggle" type="checkbox" />
      <span>Prevent navigation</span>
    </label>
    <a href="/navigation/a" ${NAV_LINK}>LiveView A</a>
    <a href="/navigation/b" ${NAV_LINK}>LiveView B</a>
    <a href="/stream" ${NAV_LINK}>LiveView (other session)</a>
    <a href="/navigation/dead" ${NAV_LINK}>Dead View</a>
  </div>
  <div style="margin-left: 22rem; flex: 1; padding: 2rem;">
    ${page.view}
  </div>
</div>`
  );
}

const LINK_STYLE =
  "padding-left: 1rem; padding-right: 1rem; padding-top: 0.5rem; padding-bottom: 0.5rem; background-color: #e2e8f0; display: inline-flex; align-items: center; border-radius: 0.375rem; cursor: pointer;";

let unique = 0;

type AAssigns = { param_current: string | null; param_next: number };

export const ALive = defineView({
  mount: (_params, _session, socket: LiveSocket<AAssigns>) => socket.assign({ param_current: null, param_next: 0 }),
  handleParams: (params, _url, socket: LiveSocket<AAssigns>) =>
    socket.assign({ param_current: typeof params.param === "string" ? params.param : null, param_next: -576460752303423000 + ++unique }),
  events: {
    server_navigate: (_p, socket: LiveSocket<AAssigns>) => socket.pushNavigate("/navigation/b"),
  },
  render: ({ param_current, param_next }: AAssigns) => (
    <>
      <h1>This is page A</h1>
      <p>Current param: {param_current}</p>
      <Link style={LINK_STYLE} patch={`/navigation/a?param=${param_next}`}>
        Patch this LiveView
      </Link>
      <Link style={LINK_STYLE} patch={`/navigation/a?param=${param_next}`} replace>
        Patch (Replace)
      </Link>
      <Link style={LINK_STYLE} navigate="/navigation/b#items-item-42">
        Navigate to 42
      </Link>
      <button type="button" phx-click="server_navigate" style={LINK_STYLE}>
        Server Navigate
      </button>
    </>
  ),
});

type BAssigns = { container: boolean; live_action: "index" | "show"; id: string; streams: { items: LiveStream<{ id: string; name: number }> } };

export const BLive = defineView({
  mount: (_params, _session, socket: LiveSocket<BAssigns>) => socket.assign({ container: false, live_action: "index", id: "" }).stream("items", []),
  handleParams: (params, _url, socket: LiveSocket<BAssigns>) => {
    socket.assign("container", params.container !== undefined);
    if (typeof params.id === "string") socket.assign({ live_action: "show", id: params.id });
    else {
      socket.assign("live_action", "index");
      socket.stream("items", Array.from({ length: 100 }, (_, i) => ({ id: `item-${i + 1}`, name: i + 1 })));
    }
  },
  render: ({ container, live_action, id, streams }: BAssigns) => (
    <>
      <h1>This is page B</h1>
      <a href="#items-item-42" style={`margin-bottom: 8px; ${LINK_STYLE}`}>
        Go to 42.
      </a>
      {live_action === "index" && (
        <div
          id="my-scroll-container"
          style={`${container ? "height: 85vh; overflow-y: scroll; " : ""}width: 100%; border: 1px solid #e2e8f0; border-radius: 0.375rem; position: relative;`}
        >
          <ul id="items" style="padding: 1rem; list-style: none;" phx-update="stream">
            {streams.items.map(([domId, item]) => (
              <li key={domId} id={domId} style="padding: 0.5rem; border-bottom: 1px solid #e2e8f0;">
                <Link patch={`/navigation/b/${item.id}`} style="display: inline-flex; align-items: center; gap: 0.5rem;">
                  Item {item.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {live_action === "show" && (
        <div>
          <p>Item {id}</p>
        </div>
      )}
    </>
  ),
});

type LoopAssigns = { message: string | null; loop: boolean };

export const RedirectLoopLive = defineView({
  mount: (params, _session, socket: LiveSocket<LoopAssigns>) =>
    params.loop ? socket.assign({ message: "Too many redirects", loop: false }) : socket.assign({ message: null, loop: true }),
  handleParams: (params, _url, socket: LiveSocket<LoopAssigns>) => {
    if (params.loop && socket.assigns.loop) socket.pushPatch("/navigation/redirectloop?loop=true");
  },
  render: ({ message }: LoopAssigns) => (
    <>
      {message && <div id="message">{message}</div>}
      <Link patch="/navigation/redirectloop?loop=true">Redirect Loop</Link>
    </>
  ),
});

/** Navigation.Dead's index: a page that is no live view, in the navigation layout. */
export function deadPage(): PlainPage {
  return { title: "Dead view", content: `<h1>${escapeHTML("Dead view")}</h1>` };
}
