/**
 * Port of support/select_live.ex (`/select`): selects whose page is patched (ticking), whose
 * options or value change on a timer, and one with an error class while its value is 5 or less.
 */
import { defineView, usedFields, type LiveSocket, type TimerRef } from "@livetsx/server";

type Opt = string | number;

interface Assigns {
  tick_timer: TimerRef | null;
  select2_timer: TimerRef | null;
  select2_countdown: number;
  select4_timer: TimerRef | null;
  select4_countdown: number;
  tick: number;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  select1_opts: Opt[];
  select2_opts: number[];
  select3_opts: number[];
  select4_opts: number[];
  select4_value: string;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Ecto's cast of the form's params, with `validate_number(:select3, greater_than: 5)`. */
function validate(params: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const key of ["select2", "select3", "select4"]) {
    const raw = params[key];
    if (typeof raw === "string" && raw !== "" && !/^-?\d+$/.test(raw)) errors[key] = ["is invalid"];
  }
  const select3 = Number(params.select3);
  if (!errors.select3 && typeof params.select3 === "string" && params.select3 !== "" && !(select3 > 5)) errors.select3 = ["must be greater than 5"];
  return errors;
}

function Select(props: { form: string; field: string; label: string; options: Opt[]; value: string | undefined; errors: string[] }) {
  const id = `${props.form}_${props.field}`;
  return (
    <div>
      <select id={id} name={`${props.form}[${props.field}]`} class={props.errors.length > 0 ? "has-error" : undefined}>
        {props.options.map((o) => (
          <option key={String(o)} value={String(o)} selected={String(o) === props.value}>
            {String(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

function countdown(socket: LiveSocket<Assigns>, which: "select2" | "select4", message: string): void {
  const key = `${which}_countdown` as const;
  if (socket.assigns[key] === 0) {
    socket.sendInfo(which === "select2" ? "update_select2_opts" : "change_select4_value");
    socket.assign(`${which}_timer` as "select2_timer", null);
  } else {
    socket.assign(`${which}_timer` as "select2_timer", socket.sendAfter(message, 1000));
    socket.update(key, (n) => n - 1);
  }
}

export default defineView({
  mount: (_params, _session, socket: LiveSocket<Assigns>) =>
    socket.assign({
      tick_timer: null,
      select2_timer: null,
      select2_countdown: 5,
      select4_timer: null,
      select4_countdown: 5,
      tick: 0,
      values: { select3: "2" },
      errors: {},
      select1_opts: ["these options", "are fixed"],
      select2_opts: range(1, 10),
      select3_opts: range(1, 10),
      select4_opts: range(1, 10),
      select4_value: "1",
    }),
  handleInfo: (message: unknown, socket: LiveSocket<Assigns>) => {
    if (message === "tick") {
      socket.update("tick", (t) => t + 1);
      if (socket.assigns.tick_timer) socket.assign("tick_timer", socket.sendAfter("tick", 1000));
    } else if (message === "update_select2_opts") socket.update("select2_opts", (o) => [...o, Math.max(...o) + 1]);
    else if (message === "select2_countdown") countdown(socket, "select2", "select2_countdown");
    else if (message === "select4_countdown") countdown(socket, "select4", "select4_countdown");
    else if (message === "change_select4_value") socket.assign("select4_value", String(1 + Math.floor(Math.random() * 10)));
  },
  events: {
    validate: (payload: { select_form?: Record<string, unknown> }, socket: LiveSocket<Assigns>) => {
      const params = payload.select_form ?? {};
      const used = usedFields(payload);
      const errors = validate(params);
      for (const key of Object.keys(errors)) if (!used.has(["select_form", key])) delete errors[key];
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(params)) if (typeof v === "string") values[k] = v;
      socket.assign({ values, errors });
    },
    "toggle-tick": (_payload, socket: LiveSocket<Assigns>) => {
      const timer = socket.assigns.tick_timer;
      if (timer) {
        timer.cancel();
        socket.assign("tick_timer", null);
      } else socket.assign("tick_timer", socket.sendAfter("tick", 1000));
    },
    "schedule-select2-update": (_payload, socket: LiveSocket<Assigns>) =>
      socket.assign({ select2_countdown: 5, select2_timer: socket.sendAfter("select2_countdown", 1000) }),
    "schedule-select4-update": (_payload, socket: LiveSocket<Assigns>) =>
      socket.assign({ select4_countdown: 5, select4_timer: socket.sendAfter("select4_countdown", 1000) }),
  },
  render: (a: Assigns) => (
    <>
      <style>{`
      * { font-size: unset; }
      body { padding: 20px; max-width: 500px; font-family: sans-serif; }
      .has-error { border: 5px solid red; }
      select { border: 1px solid black; }
    `}</style>
      <h1>Select Playgroud</h1>
      <p>
        This page contains multiple select inputs to test various behaviors. Sadly, we cannot test all of them automatically, as there is no way to
        assert the state of an open select's native UI.
      </p>
      Tick: {a.tick}
      <div style="display: flex; flex-direction: column; gap: 8px">
        <button phx-click="toggle-tick">{a.tick_timer ? "Disable" : "Enable"} ticking</button>
        {!a.select2_timer && <button phx-click="schedule-select2-update">Schedule select2 update</button>}
        {a.select2_timer && <span>Select 2 will update in {a.select2_countdown}s</span>}
        {!a.select4_timer && <button phx-click="schedule-select4-update">Schedule select4 update</button>}
        {a.select4_timer && <span>Select 4 will update in {a.select4_countdown}s</span>}
      </div>
      <form phx-change="validate">
        <h2>Select 1</h2>
        <p>The select should not close when the page is patched while it is open. You can simulate patching by enabling ticking above.</p>
        <Select form="select_form" field="select1" label="Select 1" options={a.select1_opts} value={a.values.select1} errors={a.errors.select1 ?? []} />
        <hr />
        <h2>Select 2</h2>
        <p>The second select's options will be updated after a 5s timeout (button on top).</p>
        <Select form="select_form" field="select2" label="Select 2" options={a.select2_opts} value={a.values.select2} errors={a.errors.select2 ?? []} />
        <hr />
        <h2>Select 3</h2>
        <p>Error classes are correctly applied to the third select. It should have a red border for all values from 1 to 5.</p>
        <Select form="select_form" field="select3" label="Select 3" options={a.select3_opts} value={a.values.select3} errors={a.errors.select3 ?? []} />
        <hr />
        <h2>Select 4</h2>
        <p>The selected value of this field changes after a 5s timeout (button on top).</p>
        <Select form="select_form" field="select4" label="Select 4" options={a.select4_opts} value={a.select4_value} errors={a.errors.select4 ?? []} />
        <hr />
      </form>
    </>
  ),
});
