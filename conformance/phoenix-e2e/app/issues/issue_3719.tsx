/** https://github.com/phoenixframework/phoenix_live_view/issues/3719: `_target` of nested field names is decoded. */
import { defineView } from "@livetsx/server";
import { inspect } from "./shared.tsx";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ target: null as unknown });
  },
  events: {
    inc: (payload: { _target?: unknown }, socket) => socket.assign({ target: payload._target ?? null }),
  },
  render: ({ target }: { target: unknown }) => (
    <>
      <form phx-change="inc">
        <input id="a" type="text" name="foo" />
        <input id="b" type="text" name="foo[bar]" />
      </form>
      <span id="target">{inspect(target)}</span>
    </>
  ),
});
