import { defineView } from "@livetsx/server";

/** The gates handlers wait on, opened by the test: a slow or hung handler on demand. */
export const gates: (() => void)[] = [];

function gate(): Promise<void> {
  return new Promise((resolve) => gates.push(resolve));
}

/** Opens every gate handlers wait on. */
export function openGates(): void {
  for (const open of gates.splice(0)) open();
}

/** `save`, `later` and `handleInfo` wait for a gate; so does mount with `?hang=mount`. */
export default defineView<{ n: number; seen: string[] }>({
  mount: async (params, _session, socket) => {
    socket.assign({ n: 0, seen: [] });
    if (params.hang === "mount") await gate();
  },
  events: {
    save: async (_payload, socket) => {
      await gate();
      socket.update("n", (n) => n + 1);
    },
    quick: (_payload, socket) => socket.update("n", (n) => n + 1),
    /** Waits for a gate, then starts a timer: what a callback that outlived its view would leave. */
    later: async (_payload, socket) => {
      await gate();
      socket.sendAfter("later", 60_000);
    },
  },
  handleInfo: async (message, socket) => {
    await gate();
    socket.update("seen", (seen) => [...seen, String(message)]);
  },
  render: ({ n, seen }) => (
    <div>
      <b>{n}</b>
      <i>{seen.join(",")}</i>
    </div>
  ),
});
