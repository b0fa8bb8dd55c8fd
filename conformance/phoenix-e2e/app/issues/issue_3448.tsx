/** https://github.com/phoenixframework/phoenix_live_view/issues/3448: focus moved by JS commands survives the patch of a locked form. */
import { defineView, JS, type EventPayload } from "@livetsx/server";

function MyComponent({ leftContent }: { leftContent: readonly string[] }) {
  return (
    <div>
      {leftContent.map((value) => (
        <div key={value}>
          <div>{value}</div>
        </div>
      ))}
      <input id="search" type="search" name="value" phx-change="search" />
    </div>
  );
}

const CLICK = JS.dispatch("input").focus({ to: "#search" });

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assignNew("a", () => [] as string[]);
  },
  events: {
    validate: (payload: EventPayload, socket) => {
      const a = payload["a"];
      socket.assign({ a: Array.isArray(a) ? a.map(String) : [] });
    },
    search: () => undefined,
  },
  render: ({ a }: { a: string[] }) => (
    <form id="my_form" phx-change="validate" class="flex flex-col gap-2">
      <MyComponent leftContent={a} />
      <div class="flex gap-2">
        <input type="checkbox" name="a[]" value="settings" checked={a.includes("settings")} phx-click={CLICK} />
        <input type="checkbox" name="a[]" value="content" checked={a.includes("content")} phx-click={CLICK} />
      </div>
    </form>
  ),
});
