/** https://github.com/phoenixframework/phoenix_live_view/issues/3919: an attribute's default counts as a change. */
import { defineView } from "@livetsx/server";

interface Action {
  text: string;
  attrs?: { special: boolean };
}

/**
 * HEEx renders `style=""` when the value is nil; LiveTSX drops an empty `style` (or `class`)
 * attribute, so the closest markup, a style of one space, stands in for it.
 */
function MyComponent({ special = false, children }: { special?: boolean; children?: unknown }) {
  return <div style={special ? "background-color: red;" : " "}>{children}</div>;
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ action: { text: "No red" } as Action });
  },
  events: {
    toggle_special: (_payload, socket) =>
      socket.assign({ action: socket.assigns.action.attrs ? { text: "No red" } : { text: "Red", attrs: { special: true } } }),
  },
  render: ({ action }: { action: Action }) => (
    <>
      <MyComponent {...(action.attrs ?? {})}>{action.text}</MyComponent>
      <button phx-click="toggle_special">toggle</button>
    </>
  ),
});
