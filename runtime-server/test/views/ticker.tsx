import { defineView } from "@livetsx/server";

/** Ticks every `every` ms via sendAfter, up to `limit` ticks; `wait` answers after a delay. */
export default defineView<{ ticks: number; limit: number; every: number; log: string[] }>({
  mount: (params, _session, socket) => {
    socket.assign({ ticks: 0, limit: Number(params.limit ?? 3), every: Number(params.every ?? 20), log: [] });
    if (socket.connected) socket.sendAfter("tick", socket.assigns.every);
  },
  events: {
    wait: async (payload, socket) => {
      await new Promise((resolve) => setTimeout(resolve, Number(payload.ms)));
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
