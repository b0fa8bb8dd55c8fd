/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4095: events of elements that
 * left the page are ignored. The button sits in `<.portal target="#portal_target">` in Phoenix;
 * LiveTSX has no portals, so it stays in the form, inside an element with the portal's id.
 */
import { defineView, type EventPayload } from "@livetsx/server";

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
        <div id="portal">
          <div>{show !== null && show !== undefined && show !== false ? <Button>Show?</Button> : null}</div>
        </div>
      </form>
      <div id="portal_target"></div>
    </>
  ),
});
