import { defineView, type EventPayload } from "@livetsx/server";

/** Gates `hold` events wait on, by tag, opened by the test with {@link release}. */
const gates = new Map<string, { opened: Promise<void>; open: () => void }>();

function gate(tag: string) {
  let entry = gates.get(tag);
  if (!entry) {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    gates.set(tag, (entry = { opened, open }));
  }
  return entry;
}

/** Lets the `hold` event tagged `tag` finish (before or after it arrived). */
export function release(tag: string): void {
  gate(tag).open();
}

/**
 * Ticks every `every` ms via sendAfter, up to `limit` ticks; `wait` answers after a delay, `hold`
 * once the test releases its tag.
 */
export default defineView<{ ticks: number; limit: number; every: number; log: string[] }>({
  mount: (params, _session, socket) => {
    socket.assign({ ticks: 0, limit: Number(params.limit ?? 3), every: Number(params.every ?? 20), log: [] });
    if (socket.connected) socket.sendAfter("tick", socket.assigns.every);
  },
  events: {
    wait: async (payload: EventPayload, socket) => {
      await new Promise((resolve) => setTimeout(resolve, Number(payload.ms)));
      socket.update("log", (log) => [...log, String(payload.tag)]);
    },
    hold: async (payload: EventPayload, socket) => {
      await gate(String(payload.tag)).opened;
      gates.delete(String(payload.tag));
      socket.update("log", (log) => [...log, String(payload.tag)]);
    },
    boom: () => {
      throw new Error("boom in a handler");
    },
    subscribe: (_payload, socket) => socket.subscribe("ticker:news"),
  },
  handleInfo: (message, socket) => {
    if (message === "tick") {
      socket.update("ticks", (t) => t + 1);
      if (socket.assigns.ticks < socket.assigns.limit) socket.sendAfter("tick", socket.assigns.every);
    }
  },
  render: ({ ticks, log }) => (
    <div>
      <span>{ticks}</span>
      <i>{log.join(",")}</i>
    </div>
  ),
});
