/** https://github.com/phoenixframework/phoenix_live_view/issues/4102: phx-debounce on an input outside its form. */
import { defineView } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ name: "Test" });
  },
  events: {
    validate: (payload: { name?: string }, socket) => socket.assign({ name: String(payload.name ?? "") }),
    submit: (payload: { name?: string }, socket) => socket.assign({ name: String(payload.name ?? "") }),
  },
  render: ({ name }: { name: string }) => (
    <div>
      <input form="my-form" phx-debounce="500" name="name" id="name" value={name} type="text" />
      <form id="my-form" phx-change="validate" phx-submit="submit">
        <button type="submit" phx-disable-with="Submitting...">Submit</button>
      </form>
    </div>
  ),
});
