/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3200: a form in a live component
 * targeted by selector, across live patches between two tabs. Phoenix routes both URLs to one
 * view with a live action (`:messages_tab`, `:settings_tab`); LiveTSX's routes have no live
 * action, so both routes take the same view, which reads the action from the URL.
 */
import { defineComponent, defineView, JS, LiveComponent, type ViewDefinition } from "@livetsx/server";

type LiveAction = "messages_tab" | "settings_tab";

export const MessageComponent = defineComponent<{ message: string }>({
  render: ({ message }) => <div>{message}</div>,
});

function Input({ id, name, value }: { id: string; name: string; value: string }) {
  return (
    <div {...{ "phx-feedback-for": name }}>
      <input name={name} id={id} value={value} />
    </div>
  );
}

export const MessagesTab = defineComponent<{ value: string }>({
  update: (_props, socket) => {
    socket.assign({ value: "" });
  },
  events: {
    add_message_change: (payload: { new_message?: string }, socket) => socket.assign({ value: String(payload.new_message ?? "") }),
  },
  render: ({ value }) => (
    <div>
      <LiveComponent module={MessageComponent} id="some_unique_message_id" message="Example message" />
      <form id="full_add_message_form" phx-change="add_message_change" phx-submit="add_message" phx-target="#full_add_message_form">
        <Input id="new_message_input" name="new_message" value={value} />
      </form>
    </div>
  ),
});

export const SettingsTab = defineComponent({
  render: () => <div>Settings</div>,
});

function TabButton({ text, route }: { text: string; route: string }) {
  return (
    <button type="button" phx-click={JS.patch(route)}>
      {text}
    </button>
  );
}

function actionOf(url: URL): LiveAction {
  return url.pathname.endsWith("/settings") ? "settings_tab" : "messages_tab";
}

/** PanelLive: the live action comes from the URL, on mount and on every patch. */
export const PanelLive: ViewDefinition<{ live_action: LiveAction }> = defineView({
  handleParams: (_params, url, socket) => {
    socket.assign({ live_action: actionOf(url) });
  },
  render: ({ live_action }: { live_action: LiveAction }) => (
    <div>
      <div>
        <div>
          <TabButton text="Messages tab" route="/issues/3200/messages" />
          <TabButton text="Settings tab" route="/issues/3200/settings" />
        </div>
        <aside>
          <div>
            {live_action === "messages_tab" ? (
              <div>
                <LiveComponent module={MessagesTab} id="messages_tab" />
              </div>
            ) : null}
            {live_action === "settings_tab" ? (
              <div>
                <LiveComponent module={SettingsTab} id="settings_tab" />
              </div>
            ) : null}
          </div>
        </aside>
      </div>
    </div>
  ),
});
