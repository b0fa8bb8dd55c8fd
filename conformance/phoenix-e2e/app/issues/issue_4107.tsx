/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4107: a form teleported to
 * `body` by a portal is submitted by a button outside it (the button's `form` attribute).
 */
import { defineView, Portal } from "@livetsx/server";

export default defineView({
  render: ({ csrfToken }: { csrfToken: string }) => (
    <div>
      <Portal id="test-form-portal" target="body">
        <form id="test-form" action="/api/test" method="post">
          <input name="_csrf_token" type="hidden" hidden value={csrfToken} />
          <input type="hidden" name="test_input" value="test_value" />
        </form>
      </Portal>
      <button type="submit" form="test-form">Submit</button>
    </div>
  ),
});
