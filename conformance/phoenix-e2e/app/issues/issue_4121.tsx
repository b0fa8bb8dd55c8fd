/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4121: a stream inside a portal is
 * reset (the portal's target is `body`).
 */
import { defineView, Portal, type LiveStream } from "@livetsx/server";

interface Item {
  id: number;
  name: string;
}

let unique = 0;

export default defineView({
  mount: (_params, _session, socket) => {
    socket.stream("items", [
      { id: 1, name: "Item 1" },
      { id: 2, name: "Item 2" },
    ]);
  },
  events: {
    "reset-stream": (_payload, socket) => {
      const id = -++unique;
      socket.stream("items", [{ id, name: `Item ${id}` }], { reset: true });
    },
  },
  render: ({ streams }: { streams: { items: LiveStream<Item> } }) => (
    <>
      <button phx-click="reset-stream">Reset teleported stream</button>
      <Portal id="teleported-stream" target="body">
        <ul id="stream-in-lv" phx-update="stream">
          {streams.items.map(([id, item]) => (
            <li id={id} key={id}>
              {item.name}
            </li>
          ))}
        </ul>
      </Portal>
    </>
  ),
});
