/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3530: hooks of nested views in a
 * stream that is reset by patches. Each stream item is a nested view (`live_render`).
 */
import { defineView, Link, LiveView, type LiveStream } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";

interface Item {
  id: number;
}

/** Its own live layout: a LiveSocket with the `test` hook. */
export const layout = ownLiveLayout({ options: `hooks: { test: { mounted() { console.log(this.__view().id, "mounted hook!"); } } }`, global: true });

/** The nested view of each item (`id: dom_id`, session `%{"item_id" => id}`). */
export const NestedLive = defineView({
  mount: (_params, session, socket) => {
    socket.assign({ item_id: session["item_id"] });
  },
  render: ({ item_id }: { item_id: unknown }) => (
    <div id={`item-outer-${String(item_id)}`}>
      test hook with nested liveview
      <div id={`test-hook-${String(item_id)}`} phx-hook="test"></div>
    </div>
  ),
});

const ids = (...list: number[]): Item[] => list.map((id) => ({ id }));

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 3 }).streamConfigure("items", { domId: (item) => `item-${(item as Item).id}` });
  },
  handleParams: (params, _url, socket) => {
    const q = params["q"];
    socket.stream("items", q === "a" ? ids(1, 3) : q === "b" ? ids(2, 3) : ids(1, 2, 3), { reset: true });
  },
  events: {
    inc: (_payload, socket) => {
      const count = socket.assigns.count + 1;
      socket.assign({ count }).streamInsert("items", { id: count });
    },
  },
  render: ({ streams }: { count: number; streams: { items: LiveStream<Item> } }) => (
    <>
      <ul id="stream-list" phx-update="stream">
        {streams.items.map(([domId, item]) => (
          <LiveView key={domId} module={NestedLive} id={domId} session={{ item_id: item.id }} />
        ))}
      </ul>
      <Link patch="/issues/3530?q=a">patch a</Link>
      <Link patch="/issues/3530?q=b">patch b</Link>
      <div phx-click="inc">+</div>
    </>
  ),
});
