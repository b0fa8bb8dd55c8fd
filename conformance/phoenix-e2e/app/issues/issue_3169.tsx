/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3169: components added back to
 * the page are change-tracked properly.
 */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";

/** Its own live layout: a LiveSocket without hooks. */
export const layout = ownLiveLayout({});

interface Record_ {
  id: number;
  name: string;
}

function InputTwo({ value }: { value: string }) {
  return (
    <div>
      {value}
      <input type="text" value={value} />
    </div>
  );
}

function Input({ value }: { value: string }) {
  return (
    <div>
      {value}
      <input type="text" value={value} />
      <InputTwo value={value} />
    </div>
  );
}

function Test({ v }: { v: string }) {
  return <>This is a test! {v}</>;
}

export const FormColumn = defineComponent<{ name: string }>({
  render: ({ name }) => (
    <div>
      FormColumn (c3) <input type="text" value={name} />
      <Input value={name} />
      <Test v="foo" />
    </div>
  ),
});

export const FormCore = defineComponent<{ record: Record_ | null }>({
  mount: (socket) => {
    socket.assign({ record: null });
  },
  update: (props, socket) => {
    socket.assign({ record: props["record"] as Record_ });
  },
  render: ({ record }) => (
    <div>
      FormCore (c2)
      <form>
        <LiveComponent module={FormColumn} id={`column-${record?.id ?? ""}`} name={record?.name ?? ""} />
      </form>
    </div>
  ),
});

/** LiveTSX gives a live component no `id` assign (Phoenix's `@id`), so the parent passes it again as `selfId`. */
export const FormComponent = defineComponent<{ record: Record_ | null }>({
  mount: (socket) => {
    socket.assign({ record: null });
  },
  update: (props, socket) => {
    if ("action" in props) {
      // Phoenix sleeps 50 ms here, inside the update.
      const name = String(props["action"]);
      socket.assign({ record: { id: 1 + Math.floor(Math.random() * 1_000_000), name: `Record ${name}` } });
      return;
    }
    if (props["selected"] === null || props["selected"] === undefined) return;
    socket.sendUpdate(FormComponent, String(props["selfId"]), { action: props["selected"] });
    socket.assign({ record: null });
  },
  render: ({ record }) => (
    <div>
      FormComponent (c1)
      {record ? (
        <div>
          <LiveComponent module={FormCore} id="core" record={record} />
        </div>
      ) : null}
      <hr />
    </div>
  ),
});

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ selected: null as string | null });
  },
  events: {
    select: (payload: { name?: string }, socket) => socket.assign({ selected: String(payload.name) }),
  },
  render: ({ selected }: { selected: string | null }) => (
    <>
      HomeLive <LiveComponent module={FormComponent} id="form_view" selfId="form_view" selected={selected} />
      <button id="select-a" phx-click="select" phx-value-name="a">
        Select A
      </button>
      <button id="select-b" phx-click="select" phx-value-name="b">
        Select B
      </button>
      <button id="select-z" phx-click="select" phx-value-name="z">
        Select Z
      </button>
    </>
  ),
});
