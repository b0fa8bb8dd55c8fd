/** https://github.com/phoenixframework/phoenix_live_view/issues/3194: a blur-debounced input's change is sent before the submit navigates away. */
import { defineView } from "@livetsx/server";

export const OtherLive = defineView({
  render: () => <h2>Another LiveView</h2>,
});

export default defineView({
  events: {
    submit: (_payload, socket) => socket.pushNavigate("/issues/3194/other"),
    validate: () => undefined,
  },
  render: () => (
    <form phx-change="validate" phx-submit="submit">
      <input id="foo_store_number" name="foo[store_number]" type="text" phx-debounce="blur" />
    </form>
  ),
});
