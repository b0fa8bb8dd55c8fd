import { defineComponent, defineView, LiveComponent, type EventPayload } from "@livetsx/server";

/** A live component that navigates wherever its event says. */
const Nav = defineComponent<{ n: number }>({
  events: {
    patch: (payload: EventPayload, socket) => socket.pushPatch(payload.to as string),
    navigate: (payload: EventPayload, socket) => socket.pushNavigate(payload.to as string),
    redirect: (payload: EventPayload, socket) => socket.redirect(payload.to as string),
  },
  render: ({ myself }) => <button phx-click="patch" phx-target={myself} />,
});

/** Its view shows the params its handleParams last read. */
export default defineView<{ page: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ page: "" });
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ page: String(params.page ?? "") });
  },
  render: ({ page }) => (
    <>
      <p>{page}</p>
      <LiveComponent module={Nav} id="nav" />
    </>
  ),
});
