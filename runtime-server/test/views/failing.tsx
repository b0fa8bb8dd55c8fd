import { defineComponent, defineView, LiveComponent, type EventPayload } from "@livetsx/server";

/**
 * A view whose callbacks fail on demand, sync or async: `?mode=` picks a failing mount or
 * terminate; events make handlers, messages, timers and live components fail.
 */

/** Gates the `held` handler waits on, opened by the test. */
export const gates: (() => void)[] = [];

/** An async update: live components' mount and update must be synchronous. */
const AsyncUpdate = defineComponent<{ label: string }>({
  update: async (props, socket) => {
    socket.assign({ label: String(props.label) });
    throw new Error("component update rejected");
  },
  render: ({ label }) => <p>{label}</p>,
});

const AsyncMount = defineComponent<{ label: string }>({
  mount: async () => {
    throw new Error("component mount rejected");
  },
  render: ({ label }) => <p>{label}</p>,
});

const ThrowingUpdate = defineComponent<{ label: string }>({
  update: () => {
    throw new Error("component update threw");
  },
  render: ({ label }) => <p>{label}</p>,
});

const Counter = defineComponent<{ clicks: number }>({
  mount: (socket) => socket.assign({ clicks: 0 }),
  events: {
    reject: async () => {
      throw new Error("component handler rejected");
    },
  },
  render: ({ clicks }) => <p>{clicks}</p>,
});

export default defineView<{ mode: string; show: string; n: number }>({
  mount: async (params, _session, socket) => {
    socket.assign({ mode: String(params.mode ?? ""), show: String(params.show ?? ""), n: 0 });
    if (socket.connected && params.mode === "mount-rejects") throw new Error("mount rejected");
  },
  handleParams: async (params) => {
    if (params.fail === "params") throw new Error("handleParams rejected");
  },
  events: {
    inc: (_payload, socket) => socket.update("n", (n) => n + 1),
    reject: async () => {
      throw new Error("handler rejected");
    },
    held: async () => {
      await new Promise<void>((resolve) => gates.push(resolve));
      throw new Error("held handler rejected");
    },
    info: (_payload, socket) => socket.sendInfo("reject"),
    later: (_payload, socket) => {
      socket.sendAfter("reject", 0);
    },
    broadcast: async (_payload, socket) => {
      socket.subscribe("failing");
      await socket.broadcast("failing", "reject");
    },
    show: (payload: EventPayload, socket) => socket.assign({ show: String(payload.which) }),
  },
  handleInfo: async (message) => {
    if (message === "reject") throw new Error("handleInfo rejected");
  },
  terminate: (_reason, socket) => {
    if (socket.assigns.mode === "terminate-throws") throw new Error("terminate threw");
    if (socket.assigns.mode === "terminate-rejects") return Promise.reject(new Error("terminate rejected"));
    return undefined;
  },
  render: ({ n, show }) => (
    <div>
      <span>{n}</span>
      {show === "async-update" ? <LiveComponent module={AsyncUpdate} id="u" label="x" /> : null}
      {show === "async-mount" ? <LiveComponent module={AsyncMount} id="m" label="x" /> : null}
      {show === "throwing-update" ? <LiveComponent module={ThrowingUpdate} id="t" label="x" /> : null}
      {show === "counter" ? <LiveComponent module={Counter} id="k" /> : null}
    </div>
  ),
});
