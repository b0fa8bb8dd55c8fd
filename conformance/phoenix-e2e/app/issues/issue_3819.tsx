/** https://github.com/phoenixframework/phoenix_live_view/issues/3819: form recovery ends early for an empty form. */
import { defineView } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ reconnected: false });
  },
  events: {
    validate: () => undefined,
    save: () => undefined,
    reconnected: (_payload, socket) => socket.assign({ reconnected: true }),
  },
  render: ({ reconnected }: { reconnected: boolean }) => (
    <>
      <form id="recover" phx-change="validate" phx-submit="save">
        <button>Submit</button>
      </form>
      {reconnected ? <p id="reconnected">Reconnected!</p> : null}
    </>
  ),
});
