/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4107: a form teleported to
 * `body` by `<.portal>` is submitted by a button outside it. Without portals the form stays in
 * place (a `<template>` would hide it), so the page is the same markup, submitted the same way.
 */
import { defineView } from "@livetsx/server";

export default defineView({
  render: ({ csrfToken }: { csrfToken: string }) => (
    <div>
      <div id="test-form-portal">
        <form id="test-form" action="/api/test" method="post">
          <input name="_csrf_token" type="hidden" hidden value={csrfToken} />
          <input type="hidden" name="test_input" value="test_value" />
        </form>
      </div>
      <button type="submit" form="test-form">Submit</button>
    </div>
  ),
});
