import { defineView, type EventPayload, type LiveSocket } from "@livetsx/server";

type Assigns = { seen: string };

/** What a handler that copies its input into the assigns finds, as JSON. */
function report(input: Readonly<Record<string, unknown>>, socket: LiveSocket<Assigns>): string {
  const assigns = socket.assigns as Record<string, unknown>;
  return JSON.stringify({
    keys: Object.keys(input),
    name: input.name ?? null,
    inputPrototype: Object.getPrototypeOf(input) === Object.prototype,
    assignsPrototype: Object.getPrototypeOf(assigns) === Object.prototype,
    isAdmin: assigns.isAdmin ?? null,
    polluted: ({} as Record<string, unknown>).polluted ?? null,
  });
}

/** Copies the connect params, then each event's payload, into the assigns, as careless code does. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ ...(socket.connectParams as Partial<Assigns>) });
    socket.assign({ seen: report(socket.connectParams, socket) });
  },
  events: {
    save: (payload: EventPayload, socket) => {
      socket.assign({ ...(payload as Partial<Assigns>) });
      socket.assign({ seen: report(payload, socket) });
    },
  },
  render: ({ seen }) => <p id="seen">{seen}</p>,
});
