import { defineView } from "@livetsx/server";

/** A view whose mount navigates to itself again: a redirect loop the client must stop. */
export default defineView<{ n: number }>({
  mount: (params, _session, socket) => {
    const n = Number(params.n ?? 0);
    socket.assign({ n });
    if (socket.connected) socket.pushNavigate(`/loop?n=${n + 1}`);
  },
  events: {},
  render: ({ n }) => <p id="n">{n}</p>,
});
