import { defineView } from "@livetsx/server";

/** phx-trigger-action and form recovery options. */
export default defineView<{ trigger: boolean; email: string; note: string; recovered: string[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ trigger: false, email: "", note: "", recovered: [] });
  },
  events: {
    login: (payload: { email?: string }, socket) => socket.assign({ email: String(payload.email ?? ""), trigger: true }),
    typing: (payload: { email?: string }, socket) =>
      socket.assign({ email: String(payload.email ?? "") }).update("recovered", (r) => [...r, `typing:${String(payload.email ?? "")}`]),
    restore: (payload: { note?: string }, socket) =>
      socket.assign({ note: String(payload.note ?? "") }).update("recovered", (r) => [...r, `restore:${String(payload.note ?? "")}`]),
    skipped: (_payload, socket) => socket.update("recovered", (r) => [...r, "skipped"]),
  },
  render: ({ trigger, email, note, recovered }) => (
    <div>
      <form id="login" action="/session" method="post" phx-change="typing" phx-submit="login" phx-trigger-action={trigger}>
        <input id="email" name="email" value={email} />
        <button id="go" type="submit" name="via" value="go">Sign in</button>
      </form>
      <form id="notes" phx-change="skipped" phx-auto-recover="restore">
        <input id="note" name="note" value={note} />
      </form>
      <form id="ignored" phx-change="skipped" phx-auto-recover="ignore">
        <input id="other" name="other" />
      </form>
      <pre id="recovered">{recovered.join("|")}</pre>
    </div>
  ),
});
