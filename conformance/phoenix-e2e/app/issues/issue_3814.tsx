/** https://github.com/phoenixframework/phoenix_live_view/issues/3814: the submitter is sent with phx-trigger-action. */
import { defineView } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ triggerSubmit: false });
  },
  events: {
    submit: (_payload, socket) => socket.assign({ triggerSubmit: true }),
  },
  render: ({ triggerSubmit, csrfToken }: { triggerSubmit: boolean; csrfToken: string }) => (
    <form phx-submit="submit" phx-trigger-action={triggerSubmit} action="/submit" method="post">
      <input name="_csrf_token" type="hidden" hidden value={csrfToken} />
      <input type="hidden" name="greeting" value="hello" />
      <button type="submit" name="i-am-the-submitter" value="submitter-value">Submit</button>
    </form>
  ),
});
