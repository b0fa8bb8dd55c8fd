/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/2787: selects are cleared on
 * submit. The inputs are core_components' `<.input>` for the form `demo`.
 */
import { defineView, type EventPayload } from "@livetsx/server";

const GREETINGS = ["hello", "hallo", "hei"];
const GOODBYES = ["goodbye", "auf wiedersehen", "ha det bra"];

interface Demo {
  select1?: string;
  select2?: string;
  dummy?: string;
}

function Label({ for: htmlFor, children }: { for: string; children?: unknown }) {
  return (
    <label for={htmlFor} class="block text-sm font-semibold leading-6 text-zinc-800">
      {children}
    </label>
  );
}

function Select({ field, label, prompt, options, value }: { field: string; label: string; prompt: string; options: readonly string[]; value: string | undefined }) {
  return (
    <div>
      <Label for={`demo_${field}`}>{label}</Label>
      <select
        id={`demo_${field}`}
        name={`demo[${field}]`}
        class="mt-2 block w-full rounded-md border border-gray-300 bg-white shadow-sm focus:border-zinc-400 focus:ring-0 sm:text-sm"
      >
        <option value="">{prompt}</option>
        {options.map((o) => (
          <option key={o} value={o} selected={o === value}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextInput({ field, label, value }: { field: string; label: string; value: string | undefined }) {
  return (
    <div>
      <Label for={`demo_${field}`}>{label}</Label>
      <input
        type="text"
        name={`demo[${field}]`}
        id={`demo_${field}`}
        value={value}
        class={["mt-2 px-2 block w-full rounded-lg text-zinc-900 border focus:ring-0 sm:text-sm sm:leading-6", "border-zinc-300 focus:border-zinc-400"]}
      />
    </div>
  );
}

function demoParams(payload: EventPayload): Demo {
  const demo = payload["demo"];
  if (!demo || typeof demo !== "object") return {};
  const pick = (k: keyof Demo) => {
    const v = (demo as Record<string, unknown>)[k];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  return { select1: pick("select1"), select2: pick("select2"), dummy: pick("dummy") };
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ demo: {} as Demo, select1Opts: ["greetings", "goodbyes"], select2Opts: [] as string[] });
  },
  events: {
    updated: (payload: EventPayload, socket) => {
      const demo = demoParams(payload);
      const select2Opts = demo.select1 === "greetings" ? GREETINGS : demo.select1 === "goodbyes" ? GOODBYES : [];
      socket.assign({ demo, select2Opts });
    },
    submitted: (_payload, socket) => socket.assign({ demo: {}, select2Opts: [] }),
  },
  render: ({ demo, select1Opts, select2Opts }: { demo: Demo; select1Opts: string[]; select2Opts: string[] }) => (
    <>
      <script src="https://cdn.tailwindcss.com/3.4.3"></script>
      <div class="p-20">
        <form phx-change="updated" phx-submit="submitted" class="space-y-4">
          <Select field="select1" label="select1" prompt="Select" options={select1Opts} value={demo.select1} />
          <Select field="select2" label="select2" prompt="Select" options={select2Opts} value={demo.select2} />
          <TextInput field="dummy" label="Some text" value={demo.dummy} />
          <button class="text-sm border bg-zinc-200" type="submit">
            Submit
          </button>
        </form>
      </div>
    </>
  ),
});
