/** https://github.com/phoenixframework/phoenix_live_view/issues/3026: a live component re-rendered while its destroy races. */
import { defineComponent, defineView, LiveComponent, type EventPayload } from "@livetsx/server";

type Status = "connecting" | "loading" | "connected" | "loaded";

const STATUSES: readonly Status[] = ["connecting", "loading", "connected", "loaded"];

export const Form = defineComponent<{ name: string; email: string }>({
  render: ({ name, email }) => (
    <div>
      Example form
      <form phx-change="validate" phx-submit="submit">
        <input {...{ label: "Name" }} name="name" type="text" value={name} />
        <input {...{ label: "Email" }} name="email" type="text" value={email} />
        <button type="submit">Submit</button>
      </form>
    </div>
  ),
});

function StatusBox({ status }: { status: Status }) {
  return <div class="p-8 bg-gray-200 mb-4">{status}</div>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default defineView({
  mount: (_params, _session, socket) => {
    if (socket.connected) socket.sendInfo("load");
    socket.assign({ status: socket.connected ? "loading" : "connecting", name: "", email: "" });
  },
  handleInfo: async (message, socket) => {
    if (message !== "load") return;
    await sleep(200);
    socket.assign({ status: "loaded", name: "John", email: "" });
  },
  events: {
    change_status: (payload: { status?: string }, socket) => {
      const status = STATUSES.find((s) => s === payload.status);
      if (!status) throw new Error(`unknown status ${String(payload.status)}`);
      socket.assign({ status });
    },
    validate: (payload: EventPayload, socket) => socket.assign({ name: String(payload["name"] ?? ""), email: String(payload["email"] ?? "") }),
    submit: (_payload, socket) => {
      socket.sendInfo("load");
      socket.assign({ status: "loading" });
    },
  },
  render: ({ status, name, email }: { status: Status; name: string; email: string }) => (
    <>
      <form phx-change="change_status">
        <select name="status" {...{ type: "select" }}>
          {STATUSES.map((s) => (
            <option key={s} value={s} selected={s === status}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </form>
      {status === "loaded" ? <LiveComponent module={Form} id="my-form" name={name} email={email} /> : <StatusBox status={status} />}
    </>
  ),
});
