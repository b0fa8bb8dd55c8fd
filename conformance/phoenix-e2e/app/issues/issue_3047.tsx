/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3047: a sticky nested view with a
 * stream survives navigation between pages of a shared layout. The layout is the standard live
 * layout, two links and the sticky view (`live_render(…, sticky: true)`): LiveTSX's layouts are
 * strings around the container, so the standard one is the page's layout and both pages render
 * the rest.
 */
import { defineView, Link, LiveView, type LiveStream } from "@livetsx/server";

interface Item {
  id: number;
  name: string;
}

const items = (from: number, to: number): Item[] => Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, name: `item-${from + i}` }));

/** The sticky nested view (`id: "test"`). */
export const Sticky = defineView({
  mount: (_params, _session, socket) => {
    socket.stream("items", items(1, 10));
  },
  events: {
    reset: (_payload, socket) => socket.stream("items", items(5, 15), { reset: true }),
  },
  render: ({ streams }: { streams: { items: LiveStream<Item> } }) => (
    <div style="border: 2px solid black;">
      <h1>This is the sticky liveview</h1>
      <div id="items" phx-update="stream" style="display: flex; flex-direction: column; gap: 4px;">
        {streams.items.map(([domId, item]) => (
          <span id={domId} key={domId}>
            {item.name}
          </span>
        ))}
      </div>
      <button phx-click="reset">Reset</button>
    </div>
  ),
});

const LINK = "border rounded bg-blue-700 w-fit px-2 text-white";

/** The rest of Issue3047ALive's `live.html`: two links, the page, the sticky view. */
function Layout({ children }: { children?: unknown }) {
  return (
    <div class="flex flex-col items-center justify-center">
      <div class="flex flex-row gap-3">
        <Link class={LINK} navigate="/issues/3047/a">
          Page A
        </Link>
        <Link class={LINK} navigate="/issues/3047/b">
          Page B
        </Link>
      </div>
      {children}
      <LiveView module={Sticky} id="test" sticky />
    </div>
  );
}

export const Issue3047ALive = defineView({
  render: () => (
    <Layout>
      <span id="page">Page A</span>
    </Layout>
  ),
});

export const Issue3047BLive = defineView({
  render: () => (
    <Layout>
      <span id="page">Page B</span>
    </Layout>
  ),
});
