import { defineView, Link } from "@livetsx/server";

/**
 * The flash messages of a view (`assigns.flash`: kind → message), each with a dismiss button.
 * The button sends `lv:clear-flash` with the kind as `key`; the server clears that message.
 */
export function Flash({ flash }: { flash: Readonly<Record<string, string>> }) {
  return (
    <div class="flash-group" aria-live="polite">
      {Object.entries(flash).map(([kind, message]) => (
        <div key={kind} id={`flash-${kind}`} class={["flash", `flash-${kind}`]} role="status">
          <p>{message}</p>
          <button type="button" class="flash-close" phx-click="lv:clear-flash" phx-value-key={kind} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** Where a new account lands: the flash the registration put travels here with the navigation. */
export default defineView<{ flash: Readonly<Record<string, string>> }>({
  mount: (_params, _session, socket) => {
    socket.pageTitle("Welcome");
  },
  events: {},
  render: ({ flash }) => (
    <section class="card welcome">
      <Flash flash={flash} />
      <h1>You're in</h1>
      <p>
        This page was reached by <code>pushNavigate</code>: the registration view left, this one joined in the same
        container over the same WebSocket, and the flash message above came along in a signed token.
      </p>
      <p class="links">
        <Link navigate="/register" id="back-to-register">
          ← Register another account
        </Link>
        <Link navigate="/posts" id="to-posts">
          Read the posts →
        </Link>
      </p>
      <p class="hint">
        The × sends <code>lv:clear-flash</code>; the server clears the message and the diff removes it.
      </p>
    </section>
  ),
});
