/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3681: streams of a sticky nested
 * view are not reset by a page whose stream has the same ref. The layout is the standard live
 * layout and the sticky view (`live_render(…, sticky: true)`): LiveTSX's layouts are strings
 * around the container, so the standard one is the page's layout and both pages render the rest.
 */
import { defineView, Link, type LiveStream } from "@livetsx/server";
import { registerSticky, StickyChild } from "./sticky.tsx";

interface Msg {
  id: number;
  msg: number;
}

const msg = (num: number): Msg => ({ id: num, msg: num });

function Messages({ id, messages }: { id: string; messages: LiveStream<Msg> }) {
  return (
    <div id={id} phx-update="stream">
      {messages.map(([domId, m]) => (
        <div id={domId} key={domId}>
          <div>{m.msg}</div>
        </div>
      ))}
    </div>
  );
}

/** The sticky nested view (`id: "sticky"`). */
export const StickyLive = registerSticky("3681", defineView({
  mount: (_params, _session, socket) => {
    socket.stream("messages", [msg(1), msg(2), msg(3)]);
  },
  render: ({ streams }: { streams: { messages: LiveStream<Msg> } }) => <Messages id="msgs-sticky" messages={streams.messages} />,
}));

/** The rest of Issue3681Live's `live.html`: the sticky view, then the page between rules. */
function Layout({ children }: { children?: unknown }) {
  return (
    <>
      <StickyChild name="3681" />
      <hr />
      {children}
      <hr />
    </>
  );
}

export const Issue3681Live = defineView({
  render: () => (
    <Layout>
      <h3>A LiveView that does nothing but render its layout.</h3>
      <Link navigate="/issues/3681/away">Go to a different LV with a (funcky) stream</Link>
    </Layout>
  ),
});

export const AwayLive = defineView({
  mount: (_params, _session, socket) => {
    // The stream configured twice is the root cause of the issue.
    socket.stream("messages", []).stream("messages", [msg(4)], { reset: true });
  },
  render: ({ streams }: { streams: { messages: LiveStream<Msg> } }) => (
    <Layout>
      <h3>A liveview with a stream configured twice</h3>
      <h4>This causes the nested liveview in the layout above to be reset by the client.</h4>
      <Link navigate="/issues/3681">Go back to (the now borked) LV without a stream</Link>
      <h1>Normal Stream</h1>
      <Messages id="msgs-normal" messages={streams.messages} />
    </Layout>
  ),
});
