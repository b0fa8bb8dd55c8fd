/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3047: a sticky nested view with a
 * stream survives navigation between pages of a shared layout. The layout is the standard live
 * layout, two links and the sticky view (`live_render(…, sticky: true)`); LiveTSX has no nested
 * live views, so the sticky view is defined below and the layout renders none.
 */
import { defineView, type LiveStream } from "@livetsx/server";
import { aroundStandard, navigateLink } from "./layouts.ts";

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

const LINK = `class="border rounded bg-blue-700 w-fit px-2 text-white"`;

/**
 * Issue3047ALive's `live.html`, shared by both pages: the standard live layout, two links, the
 * page, and the sticky view (`live_render(Sticky, id: "test", sticky: true)`, none here yet).
 */
export const layout = aroundStandard(
  (view) =>
    `<div class="flex flex-col items-center justify-center"><div class="flex flex-row gap-3">` +
    navigateLink("/issues/3047/a", "Page A", LINK) +
    navigateLink("/issues/3047/b", "Page B", LINK) +
    `</div>${view}</div>`,
);

export const Issue3047ALive = defineView({
  render: () => <span id="page">Page A</span>,
});

export const Issue3047BLive = defineView({
  render: () => <span id="page">Page B</span>,
});
