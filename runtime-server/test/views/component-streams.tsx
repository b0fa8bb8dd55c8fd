import { defineComponent, defineView, LiveComponent, type LiveStream } from "@livetsx/server";

type Item = { id: string };

/** A live component with a stream of its own, reset by its "reset" event. */
const Inner = defineComponent<{ streams: { rows: LiveStream<Item> } }>({
  update: (props, socket) => {
    if (!socket.assigns.streams) socket.stream("rows", [{ id: `${String(props.id)}-a` }]);
  },
  events: {
    reset: (_payload, socket) => socket.stream("rows", [{ id: "z" }], { reset: true }),
  },
  render: ({ streams, myself }) => (
    <div>
      <ul id={`rows-${myself}`} phx-update="stream">
        {streams.rows.map(([domId]) => (
          <li key={domId} id={domId} />
        ))}
      </ul>
      <button phx-click="reset" phx-target={myself} />
    </div>
  ),
});

/** A view with a stream of its own and two components with one each. */
export default defineView<{ streams: { items: LiveStream<Item> } }>({
  mount: (_params, _session, socket) => {
    socket.stream("items", [{ id: "x" }]);
  },
  render: ({ streams }) => (
    <>
      <ul id="items" phx-update="stream">
        {streams.items.map(([domId]) => (
          <li key={domId} id={domId} />
        ))}
      </ul>
      <LiveComponent module={Inner} id="one" />
      <LiveComponent module={Inner} id="two" />
    </>
  ),
});
