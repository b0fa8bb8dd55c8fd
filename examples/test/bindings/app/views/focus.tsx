/**
 * A dialog wrapped as Phoenix's `focus_wrap` renders it: the built-in `Phoenix.FocusWrap` hook
 * on a container whose first and last children are focusable sentinels, with buttons outside it.
 */
import { defineView } from "@livetsx/server";

export default defineView({
  render: () => (
    <main>
      <button id="before">before</button>
      <div id="dialog" phx-hook="Phoenix.FocusWrap">
        <span id="start" tabindex="0" aria-hidden="true"></span>
        <button id="one">one</button>
        <button id="two">two</button>
        <span id="end" tabindex="0" aria-hidden="true"></span>
      </div>
      <button id="after">after</button>
    </main>
  ),
});
