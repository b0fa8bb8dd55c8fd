/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4323: focused form-associated
 * custom elements and phx-patch-focused. The root layout renders the custom elements' script
 * (`render_in_root`).
 */
import { defineView, type HTMLAttributes } from "@livetsx/server";
import { inRoot } from "./layouts.ts";

declare module "@livetsx/server" {
  interface CustomElements {
    "issue-4323-face": HTMLAttributes & { "phx-patch-focused"?: boolean };
    "issue-4323-delegates-face": HTMLAttributes & { "phx-patch-focused"?: boolean };
  }
}

const SCRIPT = `
  class Issue4323Face extends HTMLElement {
    static formAssociated = true;
    constructor() {
      super();
      this.attachInternals();
    }
  }
  customElements.define("issue-4323-face", Issue4323Face);

  class Issue4323DelegatesFace extends HTMLElement {
    static formAssociated = true;
    constructor() {
      super();
      this.attachInternals();
      this.attachShadow({ mode: "open", delegatesFocus: true });
      this.shadowRoot.innerHTML = '<input type="text"><slot></slot>';
    }
  }
  customElements.define("issue-4323-delegates-face", Issue4323DelegatesFace);
`;

/** `render_in_root`: the root layout renders the script before the live layout. */
export const layout = inRoot(`<script>${SCRIPT}</script>`);

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ counter: 0 });
  },
  render: ({ counter }: { counter: number }) => (
    <>
      <form id="test-form">
        <issue-4323-face id="face-default" tabindex="0">
          <span id="face-default-child">count:{counter}</span>
        </issue-4323-face>
        <issue-4323-face id="face-opt-in" tabindex="0" phx-patch-focused>
          <span id="face-opt-in-child">count:{counter}</span>
        </issue-4323-face>
        <issue-4323-delegates-face id="face-delegates" phx-patch-focused>
          <span id="face-delegates-child">count:{counter}</span>
        </issue-4323-delegates-face>
        <input id="native-default" value={counter} />
        <input id="native-opt-in" value={counter} phx-patch-focused />
      </form>
    </>
  ),
});
