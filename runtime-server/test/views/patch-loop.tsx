import { defineView, type EventPayload } from "@livetsx/server";

/**
 * Patches from handleParams: `?n=3` patches to `?n=2` and so on down to 0; `?forever` patches
 * to itself for ever; `?away` navigates away from the patch's handleParams.
 */
export default defineView<{ n: number; calls: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ n: -1, calls: 0 });
  },
  handleParams: (params, _url, socket) => {
    const n = Number(params.n ?? 0);
    socket.assign({ n, calls: socket.assigns.calls + 1 });
    if (params.forever !== undefined) socket.pushPatch("/?forever");
    else if (params.away !== undefined) socket.pushNavigate("/elsewhere");
    else if (n > 0) socket.pushPatch(`/?n=${n - 1}`);
  },
  events: {
    patch: (payload: EventPayload, socket) => socket.pushPatch(payload.to as string),
  },
  render: ({ n, calls }) => (
    <p>
      {n} after {calls}
    </p>
  ),
});
