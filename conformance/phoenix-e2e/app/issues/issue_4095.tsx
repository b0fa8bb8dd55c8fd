/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4095: events of elements that
 * left the page are ignored: the form's button sits in a portal to `#portal_target`, outside the
 * form.
 */
import { defineView, Portal, type EventPayload } from "@livetsx/server";

function Button({ children, ...rest }: { children?: unknown; [attribute: string]: unknown }) {
  return <button {...rest}>{children}</button>;
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ show: "true" as unknown });
  },
  events: {
    validate: (payload: EventPayload, socket) => socket.assign({ show: payload["show?"] }),
  },
  render: ({ show }: { show: unknown }) => (
    <>
      <form phx-change="validate">
        <input type="text" name="show?" id="show?" value={show == null ? undefined : String(show)} />
        <Portal id="portal" target="#portal_target">
          <div>{show !== null && show !== undefined && show !== false ? <Button>Show?</Button> : null}</div>
        </Portal>
      </form>
      <div id="portal_target"></div>
    </>
  ),
});
