/** https://github.com/phoenixframework/phoenix_live_view/issues/3636: focus_wrap focuses its first element when entered from outside. */
import { defineView } from "@livetsx/server";
import { FocusWrap, InlineStyle } from "./shared.tsx";

const CSS = `
  .space-x-8 > :not([hidden]) ~ :not([hidden]) {
    margin-left: 2rem;
  }
`;

export default defineView({
  render: () => (
    <>
      <InlineStyle css={CSS} />
      <div class="container mx-auto p-8">
        <button>Outside 1</button>
        <FocusWrap id="focus-wrap" class="space-x-8">
          <button id="first" class="border rounded py-2 px-4">One</button>
          <button id="second" class="border rounded py-2 px-4">Two</button>
          <button id="third" class="border rounded py-2 px-4">Three</button>
        </FocusWrap>
        <button>Outside 2</button>
      </div>
    </>
  ),
});
