import { defineView, type TerminateReason } from "@livetsx/server";

/** Terminations, in order, for tests. */
export const terminated: TerminateReason[] = [];

export default defineView<{ log: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ log: [] });
    if (socket.connected) socket.subscribe("inbox");
  },
  events: {},
  handleInfo: (message, socket) => {
    if (message === "ping") socket.sendInfo("pong");
    else if (message === "go") socket.pushNavigate("/", { replace: true });
    socket.update("log", (log) => [...log, String(message)]);
  },
  terminate: (reason) => {
    terminated.push(reason);
  },
  render: ({ log }) => <p>{log.join(" ")}</p>,
});
