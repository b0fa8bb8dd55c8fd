/**
 * Port of support/form_live.ex: FormLive (`/form`), its FormComponent, FormLiveNested (the same
 * view, which upstream renders nested inside NestedFormLive at `/form/nested`) and FormStreamLive
 * (`/form/stream`), and NestedFormLive (`/form/nested`). The form's attributes come from the URL's params (`?phx-change=validate`,
 * `?no-id`, `?js-change=1`, `?live-component=1`, `?disabled-fieldset=true`, …); every change
 * event merges its params in. The `?portal` variant puts the form (or its component) in a
 * `<Portal target="body">`, as upstream's `<.portal>`.
 */
import { defineComponent, defineView, JS, LiveComponent, LiveView, Portal, reply, type JSCommands, type LiveSocket, type LiveStream } from "@livetsx/server";

import { sandboxed } from "../sandbox.js";

type Params = Record<string, unknown>;
type FormAssigns = { params: Params; submitted: boolean };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
/** A HEEx attribute given nil is left out; a query param without a value (`?flag`) is "". */
const flag = (v: unknown): true | undefined => (typeof v === "string" ? true : undefined);

function MyForm(props: { params: Params; target?: number }) {
  const p = props.params;
  const id = str(p.id);
  return (
    <>
      <form
        id={id}
        phx-submit="save"
        phx-change={p["phx-change"] as string | JSCommands | undefined}
        phx-auto-recover={str(p["phx-auto-recover"])}
        phx-no-unused-field={flag(p["phx-no-unused-field-form"])}
        phx-target={props.target}
        class="myformclass"
      >
        <fieldset disabled={p["disabled-fieldset"] !== undefined && p["disabled-fieldset"] !== "false" && p["disabled-fieldset"] !== ""}>
          <input type="text" name="a" readonly value={str(p.a)} />
          <input type="text" name="b" value={str(p.b)} />
        </fieldset>
        <input type="text" name="c" value={str(p.c)} phx-no-unused-field={flag(p["phx-no-unused-field-input"])} />
        <select name="d">
          {["foo", "bar", "baz"].map((o) => (
            <option key={o} value={o} selected={p.d === o}>
              {o}
            </option>
          ))}
        </select>
        {id && <input type="text" name="e" form={id} value={str(p.e)} />}
        <button type="submit" phx-disable-with="Submitting" phx-click={JS.dispatch("test")}>
          Submit with JS
        </button>
        <button id="submit" type="submit" phx-disable-with="Submitting">
          Submit
        </button>
        <button type="button" phx-click="button-test" phx-disable-with="Loading">
          Non-form Button
        </button>
      </form>
      {id && <input type="text" name="f" form={id} value={str(p.f)} />}
    </>
  );
}

const FormComponent = defineComponent<FormAssigns>({
  mount: (socket) => {
    socket.assign({ submitted: false });
  },
  events: {
    validate: (payload: Params, socket) => socket.assign("params", { ...socket.assigns.params, ...payload }),
    save: (_p, socket) => socket.assign("submitted", true),
    "custom-recovery": (_p, socket) => socket.assign("params", { ...socket.assigns.params, b: "custom value from server" }),
    "patch-recovery": (_p, socket) => socket.pushPatch("/form?patched=true"),
  },
  render: ({ params, submitted, myself }) => (
    <div>
      <MyForm params={params} target={myself} />
      {submitted && <p>LC Form was submitted!</p>}
    </div>
  ),
});

function initialParams(params: Params): Params {
  const merged: Params = { a: "foo", b: "bar", c: "baz", id: "test-form", "phx-change": "validate", ...params };
  if ("no-id" in params) delete merged.id;
  if ("no-change-event" in params) delete merged["phx-change"];
  if ("js-change" in params) merged["phx-change"] = JS.push("validate");
  return merged;
}

/** The form, or with `?live-component` the component that renders it. */
function FormOrComponent({ params }: { params: Params }) {
  return (
    <>
      {params["live-component"] === undefined && <MyForm params={params} />}
      {params["live-component"] !== undefined && <LiveComponent id="form-component" module={FormComponent} params={params} />}
    </>
  );
}

function formView(nested: boolean) {
  return defineView({
    mount: (params, session, socket: LiveSocket<FormAssigns>) => socket.assign({ params: initialParams(nested ? session : params), submitted: false }),
    ...(nested ? {} : { handleParams: () => {} }),
    events: {
      validate: (payload: Params, socket: LiveSocket<FormAssigns>) => socket.assign("params", { ...socket.assigns.params, ...payload }),
      save: (_p, socket: LiveSocket<FormAssigns>) => socket.assign("submitted", true),
      "custom-recovery": (_p, socket: LiveSocket<FormAssigns>) => socket.assign("params", { ...socket.assigns.params, b: "custom value from server" }),
      "patch-recovery": (_p, socket: LiveSocket<FormAssigns>) => socket.pushPatch("/form?patched=true"),
      "button-test": () => {},
    },
    render: ({ params, submitted }: FormAssigns) => (
      <>
        {params.portal !== undefined && <h1>Form</h1>}
        {params.portal !== undefined ? (
          <Portal id="form-portal" target="body">
            <FormOrComponent params={params} />
          </Portal>
        ) : (
          <FormOrComponent params={params} />
        )}
        {submitted && <p>Form was submitted!</p>}
      </>
    ),
  });
}

export const FormLive = formView(false);
/**
 * Upstream renders it inside NestedFormLive (`/form/nested`), with the session as its params;
 * nested, it gets the default session's eval hook by hand, as upstream's mount does.
 */
export const FormLiveNested = sandboxed(formView(true));

/** Renders FormLiveNested as a nested live view, its session the page's params. */
export const NestedFormLive = defineView({
  mount: (params, _session, socket: LiveSocket<{ params: Params }>) => socket.assign("params", { ...params }),
  render: ({ params }: { params: Params }) => <LiveView module={FormLiveNested} id="nested" session={params} />,
});

type StreamFormAssigns = { count: number; stream_count: number; streams: { items: LiveStream<{ id: number }> } };
type StreamFormSocket = LiveSocket<StreamFormAssigns>;

const bump = (socket: StreamFormSocket) => {
  const next = socket.assigns.stream_count + 1;
  socket.assign({ count: socket.assigns.count + 1, stream_count: next }).streamInsert("items", { id: next });
};

export const FormStreamLive = defineView({
  mount: (_params, _session, socket: StreamFormSocket) => {
    if (socket.connected) socket.sendAfter("tick", 100);
    socket.assign({ count: 0, stream_count: 3 }).stream("items", [{ id: 1 }, { id: 2 }, { id: 3 }]);
  },
  handleInfo: (message, socket: StreamFormSocket) => {
    if (message !== "tick") return;
    socket.sendAfter("tick", 100);
    socket.assign("count", socket.assigns.count + 1);
  },
  events: {
    ping: () => reply({}),
    validate: (_p, socket: StreamFormSocket) => bump(socket),
    save: (_p, socket: StreamFormSocket) => bump(socket),
  },
  render: ({ count, streams }: StreamFormAssigns) => (
    <>
      {count}
      <form id="test-form" phx-change="validate" phx-submit="save">
        <input name="myname" value={String(count)} />
        <input id="other" name="other" value={String(count)} />
        <div id="form-stream-hook" phx-hook="FormHook" phx-update="ignore"></div>
        <ul id="form-stream" phx-update="stream">
          {streams.items.map(([id, item]) => (
            <li key={id} id={id} phx-hook="FormStreamHook">
              {`*%{id: ${item.id}}`}
            </li>
          ))}
        </ul>
        <button id="submit" phx-disable-with="Saving...">
          Submit
        </button>
      </form>
    </>
  ),
});
