import { defineView, type EventPayload } from "@livetsx/server";

/** Navigates wherever the event says, as a view that takes `return_to` from the URL might. */
export default defineView<{ n: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ n: 0 });
  },
  events: {
    redirect: (payload: EventPayload, socket) => socket.redirect(payload.to as string),
    external: (payload: EventPayload, socket) => socket.redirect({ external: payload.to as string }),
    navigate: (payload: EventPayload, socket) => socket.pushNavigate(payload.to as string),
    patch: (payload: EventPayload, socket) => socket.pushPatch(payload.to as string),
  },
  render: ({ n }) => <p>{n}</p>,
});
