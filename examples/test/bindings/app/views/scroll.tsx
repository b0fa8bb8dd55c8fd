/**
 * A stream of tall items whose container asks for more when its last item scrolls into view, and
 * says when its first one does (and when scrolling up overran its top).
 */
import { defineView, JS, type LiveStream } from "@livetsx/server";

type Item = { id: number };
const items = (from: number, to: number): Item[] => Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i }));

export default defineView<{ streams: { items: LiveStream<Item> }; count: number; asked: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 30, asked: [] }).stream("items", items(1, 30));
  },
  events: {
    more: (payload: { id?: string }, socket) => {
      const count = socket.assigns.count;
      for (const item of items(count + 1, count + 10)) socket.streamInsert("items", item);
      socket.assign({ count: count + 10, asked: [...socket.assigns.asked, String(payload.id)] });
    },
    top: (payload: { id?: string; _overran?: boolean }, socket) => {
      socket.assign({ asked: [...socket.assigns.asked, `top:${String(payload.id)}${payload._overran ? ":overran" : ""}`] });
    },
  },
  render: ({ streams, count, asked }) => (
    <main>
      <p id="count">{count}</p>
      <p id="asked">{asked.join(" ")}</p>
      <button id="pop-focus" phx-click={JS.popFocus()}>pop focus</button>
      <ul id="items" phx-update="stream" phx-viewport-bottom="more" phx-viewport-top="top">
        {streams.items.map(([domId, item]) => (
          <li id={domId} style="height: 100px">item {item.id}</li>
        ))}
      </ul>
    </main>
  ),
});
