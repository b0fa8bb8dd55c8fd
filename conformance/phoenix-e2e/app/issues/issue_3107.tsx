/** https://github.com/phoenixframework/phoenix_live_view/issues/3107: a select keeps its value when the form updates. */
import { defineView } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ disabled: true });
  },
  events: {
    validate: (_payload, socket) => socket.assign({ disabled: false }),
  },
  render: ({ disabled }: { disabled: boolean }) => (
    <form phx-change="validate" style="display: flex;">
      <select>
        <option value="ONE">ONE</option>
        <option value="TWO">TWO</option>
      </select>
      <button disabled={disabled}>OK</button>
    </form>
  ),
});
