/** https://github.com/phoenixframework/phoenix_live_view/issues/3117: a live component whose function component is all statics survives live navigation. */
import { defineComponent, defineView, LiveComponent, Link, type AsyncResult } from "@livetsx/server";
import { atom, inspect } from "./shared.tsx";

function Fc() {
  return <div class="static">static content</div>;
}

/** LiveTSX gives a live component no `id` assign (Phoenix's `@id`), so the parent passes it again as `selfId`. */
export const Row = defineComponent<{ selfId: string; foo: AsyncResult<unknown> }>({
  update: (props, socket) => {
    socket.assign({ selfId: String(props["selfId"]) }).assignAsync("foo", () => ({ foo: atom("bar") }));
  },
  render: ({ selfId, foo }) => (
    <div id={selfId}>
      Example LC Row {inspect(foo?.result)}
      <Fc />
    </div>
  ),
});

export default defineView({
  render: () => (
    <>
      <Link id="navigate" navigate="/issues/3117?nav">
        Navigate
      </Link>
      {[1, 2].map((i) => (
        <div key={i}>
          <LiveComponent module={Row} id={`row-${i}`} selfId={`row-${i}`} />
        </div>
      ))}
    </>
  ),
});
