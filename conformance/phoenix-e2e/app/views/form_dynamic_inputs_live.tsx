/**
 * Port of support/form_dynamic_inputs_live.ex (`/form/dynamic-inputs`): a form whose nested
 * users are added and removed through Ecto's sort_param/drop_param convention
 * (`my_form[users_sort][]`, `my_form[users_drop][]`), with buttons or (`?checkboxes=1`)
 * checkboxes. The nested inputs are named and identified as `inputs_for` names them
 * (`my_form[users][0][name]`, `my-form_users_0_name`).
 */
import { defineView, JS, type LiveSocket } from "@livetsx/server";

type User = { name: string | null };
type Assigns = { name: string; users: User[]; checkboxes: boolean; submitted: boolean };
type FormParams = { name?: unknown; users?: unknown; users_sort?: unknown; users_drop?: unknown };

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Elixir's `a -- b`: each element of b removes the first equal element of a. */
function without(a: string[], b: string[]): string[] {
  const out = [...a];
  for (const x of b) {
    const at = out.indexOf(x);
    if (at >= 0) out.splice(at, 1);
  }
  return out;
}

function buildUsers(value: Record<string, unknown>, sort: unknown, drop: string[]): User[] {
  const pending = new Map(Object.entries(value));
  const sorted: User[] = [];
  if (Array.isArray(sort)) {
    for (const key of without(list(sort), drop)) {
      const entry = pending.get(key) as { name?: unknown } | undefined;
      pending.delete(key);
      sorted.push({ name: typeof entry?.name === "string" ? entry.name : null });
    }
  }
  for (const key of drop) pending.delete(key);
  const rest = [...pending.entries()]
    .map(([key, v]) => [/^\d+$/.test(key) ? Number(key) : key, v] as const)
    .sort(([a], [b]) => (typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === "number" ? -1 : 1))
    .map(([, v]) => ({ name: typeof (v as { name?: unknown })?.name === "string" ? ((v as { name: string }).name) : null }));
  return [...sorted, ...rest];
}

function assignForm(socket: LiveSocket<Assigns>, params: FormParams): void {
  const users = typeof params.users === "object" && params.users !== null && !Array.isArray(params.users) ? (params.users as Record<string, unknown>) : {};
  socket.assign({ name: typeof params.name === "string" ? params.name : "", users: buildUsers(users, params.users_sort ?? [], list(params.users_drop)) });
}

export default defineView({
  mount: (params, _session, socket: LiveSocket<Assigns>) => {
    assignForm(socket, {});
    socket.assign({ checkboxes: params.checkboxes === "1", submitted: false });
  },
  events: {
    validate: (payload: { my_form?: FormParams }, socket: LiveSocket<Assigns>) => assignForm(socket, payload.my_form ?? {}),
    save: (payload: { my_form?: FormParams }, socket: LiveSocket<Assigns>) => {
      assignForm(socket, payload.my_form ?? {});
      socket.assign("submitted", true);
    },
  },
  render: ({ name, users, checkboxes, submitted }: Assigns) => (
    <>
      <form id="my-form" phx-change="validate" phx-submit="save" style="display: flex; flex-direction: column; gap: 4px; max-width: 500px;">
        <fieldset>
          <input type="text" id="my-form_name" name="my_form[name]" value={name} placeholder="name" />
          {users.map((user, index) => (
              <div key={index} style="padding: 4px; border: 1px solid gray;">
                <input type="hidden" name="my_form[users_sort][]" value={String(index)} />
                <input
                  type="text"
                  id={`my-form_users_${index}_name`}
                  name={`my_form[users][${index}][name]`}
                  value={user.name ?? undefined}
                  placeholder="name"
                />
                {!checkboxes && (
                  <button type="button" name="my_form[users_drop][]" value={String(index)} phx-click={JS.dispatch("change")}>
                    Remove
                  </button>
                )}
                {checkboxes && (
                  <label>
                    <input type="checkbox" name="my_form[users_drop][]" value={String(index)} /> Remove
                  </label>
                )}
              </div>
          ))}
        </fieldset>
        <input type="hidden" name="my_form[users_drop][]" />
        {!checkboxes && (
          <button type="button" name="my_form[users_sort][]" value="new" phx-click={JS.dispatch("change")}>
            add more
          </button>
        )}
        {checkboxes && (
          <label>
            <input type="checkbox" name="my_form[users_sort][]" /> add more
          </label>
        )}
      </form>
      {submitted && <p>Form was submitted!</p>}
    </>
  ),
});
