/** https://github.com/phoenixframework/phoenix_live_view/issues/3529: navigate and patch to the page itself. */
import { defineView, Link } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ mounted: new Date().toISOString() });
  },
  handleParams: (_params, _url, socket) => {
    socket.assign({ next: Math.random() });
  },
  render: ({ mounted, next }: { mounted: string; next: number }) => (
    <>
      <h1>Mounted at {mounted}</h1>
      <Link navigate={`/issues/3529?param=${next}`}>Navigate</Link>
      <Link patch={`/issues/3529?param=${next}`}>Patch</Link>
    </>
  ),
});
