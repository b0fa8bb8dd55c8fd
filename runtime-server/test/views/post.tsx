import { defineView } from "@livetsx/server";

/** Path params, handleParams on patches, navigation from handlers, connect params. */
export default defineView<{ id: string; tab: string; theme: string; visits: number }>({
  mount: (params, session, socket) => {
    socket.assign({ id: String(params.id), theme: String(socket.connectParams.theme ?? "none"), tab: "", visits: 0 });
    socket.assignNew("visits", () => 99);
    if (session.user) socket.pageTitle(`Post for ${String(session.user)}`);
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ tab: String(params.tab ?? "body") });
  },
  events: {
    comments: (_payload, socket) => socket.pushPatch(`/posts/${socket.assigns.id}?tab=comments`),
    away: (_payload, socket) => socket.pushNavigate("/"),
    leave: (_payload, socket) => socket.redirect({ external: "https://example.com/bye" }),
  },
  render: ({ id, tab, theme, visits }) => (
    <article id={`post-${id}`}>
      <nav>{tab}</nav>
      <p>{theme}</p>
      <small>{visits}</small>
    </article>
  ),
});
