/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3083: a multiple select's options
 * are updated while it is focused. `evalLV(page, "send(self(), {:select, [1,2]}); nil")` sends the
 * tuple `{:select, values}`, which arrives here as `["select", values]` (or `{ select: values }`).
 */
import { defineView } from "@livetsx/server";

const OPTIONS = [1, 2, 3, 4, 5] as const;

function selectMessage(message: unknown): unknown[] | null {
  if (Array.isArray(message) && message[0] === "select" && Array.isArray(message[1])) return message[1];
  if (message && typeof message === "object" && Array.isArray((message as { select?: unknown }).select)) return (message as { select: unknown[] }).select;
  return null;
}

function pickTwo(): number[] {
  const pool = [...OPTIONS];
  const first = pool.splice(Math.floor(Math.random() * pool.length), 1)[0]!;
  const second = pool[Math.floor(Math.random() * pool.length)]!;
  return [first, second];
}

export default defineView({
  mount: (params, _session, socket) => {
    socket.assign({ ids: [] as string[] });
    if (socket.connected && params["auto"] !== "false") {
      socket.sendAfter("tick", 1000);
    }
  },
  handleInfo: (message, socket) => {
    if (message === "tick") {
      socket.assign({ ids: pickTwo().map(String) });
      socket.sendAfter("tick", 1000);
      return;
    }
    const values = selectMessage(message);
    if (values) socket.assign({ ids: values.map(String) });
  },
  events: {
    validate: () => undefined,
  },
  render: ({ ids }: { ids: string[] }) => (
    <form id="form" phx-change="validate">
      <select id="ids" name="ids[]" multiple>
        {OPTIONS.map((o) => (
          <option key={o} value={String(o)} selected={ids.includes(String(o))}>
            {o}
          </option>
        ))}
      </select>
      <input type="text" placeholder="focus me!" />
    </form>
  ),
});
