/** https://github.com/phoenixframework/phoenix_live_view/issues/3684: nested clones of a locked form are applied. */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

type RadioType = "huey" | "dewey";

const TYPES: readonly RadioType[] = ["huey", "dewey"];

function Radios({ type, myself }: { type: RadioType; myself: unknown }) {
  return (
    <fieldset>
      <legend>Radio example:</legend>
      {TYPES.map((t) => (
        <div key={t} phx-click="change-type" phx-value-type={t} phx-target={myself as never}>
          <input type="radio" id={t} name="type" value={t} checked={type === t} />
          <label for={t}>{t}</label>
        </div>
      ))}
    </fieldset>
  );
}

export const BadgeForm = defineComponent<{ type: RadioType }>({
  mount: (socket) => {
    socket.assign({ type: "huey" });
  },
  update: () => undefined,
  events: {
    "change-type": (payload: { type?: string }, socket) => {
      const type = TYPES.find((t) => t === payload.type);
      if (!type) throw new Error(`unknown type ${String(payload.type)}`);
      socket.assign({ type });
    },
  },
  render: ({ type, myself }) => (
    <div>
      <form id="foo" class="max-w-lg p-8 flex flex-col gap-4" phx-change="change" phx-submit="submit">
        <Radios type={type} myself={myself} />
      </form>
    </div>
  ),
});

export default defineView({
  events: {
    change: () => undefined,
    submit: () => undefined,
  },
  render: () => <LiveComponent id="badge_form" module={BadgeForm} />,
});
