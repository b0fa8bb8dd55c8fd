/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4290: events of the old view are
 * not routed to the new one during a live navigation. B counts every event it gets; Phoenix's B
 * has a catch-all handle_event, LiveTSX's handlers are by name, so B counts the events A's page
 * sends ("validate", "navigate").
 */
import { defineView, JS, type LiveSocket } from "@livetsx/server";

export const ALive = defineView({
  events: {
    navigate: (_payload, socket) => socket.pushNavigate("/issues/4290/b"),
    validate: () => undefined,
  },
  render: () => (
    <>
      <h1>A</h1>
      {/* the phx-remove transition delays the swap of the main element until well after the new view joined */}
      <div id="slow-remove" phx-remove={JS.transition("fade-out", { time: 1500 })}>
        removed with transition
      </div>
      <form id="form" phx-change="validate">
        <input type="text" name="name" />
      </form>
      <button phx-click="navigate">Navigate</button>
    </>
  ),
});

const count = (event: string) => (_payload: unknown, socket: LiveSocket<{ events: string[] }>) => socket.update("events", (e) => [...e, event]);

export const BLive = defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ events: [] as string[] });
  },
  events: {
    validate: count("validate"),
    navigate: count("navigate"),
  },
  render: ({ events }: { events: string[] }) => (
    <>
      <h1>B</h1>
      <span id="event-count">{events.length}</span>
      {events.map((event, idx) => (
        <div id={`event-${idx}`} key={idx}>
          {event}
        </div>
      ))}
    </>
  ),
});
