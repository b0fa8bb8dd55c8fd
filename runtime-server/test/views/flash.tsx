import { defineView } from "@livetsx/server";

/** Flash messages: set, shown, cleared, and carried across a navigation or a redirect. */
export default defineView<{ flash: Record<string, string>; page: string }>({
  mount: (params, _session, socket) => {
    socket.assign({ page: String(params.page ?? "one") });
  },
  events: {
    save: (_payload, socket) => socket.putFlash("info", "Saved!"),
    saveAndGo: (_payload, socket) => socket.putFlash("info", "Saved, moved on").pushNavigate("/flash?page=two"),
    saveAndLeave: (_payload, socket) => socket.putFlash("info", "Saved, reloaded").redirect("/flash?page=three"),
  },
  render: ({ flash, page }) => (
    <div>
      <p id="flash-info" phx-click="lv:clear-flash" phx-value-key="info">{flash.info ?? ""}</p>
      <h1>{page}</h1>
    </div>
  ),
});
