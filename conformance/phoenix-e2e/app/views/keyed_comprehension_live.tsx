/**
 * Port of support/keyed_comprehension_live.ex (`/keyed-comprehension`): two tables of random
 * rows (keyed on every level, on the rows only, or not at all) whose cells render slot content.
 * Upstream's daisyUI and Tailwind CDN styles are left out (the page is tested offline).
 */
import { defineView, Link, type LiveSocket } from "@livetsx/server";

const COUNT = 10;
const TABS = ["all_keyed", "rows_keyed", "no_keyed"] as const;

interface Item {
  id: number;
  entry: { other: string; foo: { bar: string } };
}
interface Assigns {
  count: number;
  items: Item[];
  size: number;
  active_tab: string;
}

let unique = 0;

function randomItems(size: number): Item[] {
  const pool = Array.from({ length: size * 2 }, (_, i) => i + 1);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, size).map((n) => ({ id: n, entry: { other: "hey", foo: { bar: `New${n + 1}` } } }));
}

const TH = "py-3.5 first:pr-3 first:pl-4 px-3 text-left text-sm font-semibold text-gray-900 first:sm:pl-0";
const TD = "py-4 first:pr-3 first:pl-4 px-3 text-sm first:font-medium whitespace-nowrap first:text-gray-900 text-gray-500 first:sm:pl-0";

function Table(props: { rows: Item[]; count: number; i: number }) {
  return (
    <div class="mt-8 flow-root">
      <div class="-mx-4 -my-2 overflow-x-auto sm:-mx-6 lg:-mx-8">
        <div class="inline-block min-w-full py-2 align-middle sm:px-6 lg:px-8">
          <table class="min-w-full divide-y divide-gray-300">
            <thead>
              <tr>
                <th scope="col" class={TH}>
                  Foo
                </th>
                <th scope="col" class={TH}>
                  Count
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-200">
              {props.rows.map((row) => (
                <tr key={row.id}>
                  <td class={TD}>
                    {" "}
                    <span> Count: {props.count} Name: {row.entry.foo.bar} </span> {props.i}
                  </td>
                  <td class={TD}> {props.count} </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

export default defineView({
  mount: (_params, _session, socket: LiveSocket<Assigns>) => socket.assign({ count: 0, items: randomItems(COUNT), size: COUNT, active_tab: "all_keyed" }),
  handleParams: (params, _url, socket: LiveSocket<Assigns>) => {
    const tab = typeof params.tab === "string" && (TABS as readonly string[]).includes(params.tab) ? params.tab : "all_keyed";
    socket.assign("active_tab", tab);
  },
  events: {
    randomize: (_payload, socket: LiveSocket<Assigns>) => socket.assign("items", randomItems(socket.assigns.size)).update("count", (c) => c + 1),
    change_size: (payload: { size?: string }, socket: LiveSocket<Assigns>) => {
      const size = !payload.size ? 0 : Number.parseInt(payload.size, 10) || 0;
      socket.assign({ items: randomItems(size), size }).update("count", (c) => c + 1);
    },
    change_0: (_payload, socket: LiveSocket<Assigns>) =>
      socket.assign("items", [{ id: 2000, entry: { other: "hey", foo: { bar: String(-++unique) } } }, ...socket.assigns.items.slice(1, socket.assigns.size + 2)]),
    change_other: (_payload, socket: LiveSocket<Assigns>) =>
      socket.assign(
        "items",
        socket.assigns.items.map((item) => ({ ...item, entry: { ...item.entry, other: `hey ${-++unique}` } })),
      ),
  },
  render: ({ count, items, size, active_tab }: Assigns) => (
    <div class="p-8">
      <div class="border-b border-gray-200 mb-6">
        <nav role="tablist" class="tabs tabs-border">
          <Link role="tab" class={`tab ${active_tab === "all_keyed" ? "tab-active" : ""}`} patch="/keyed-comprehension?tab=all_keyed">
            All keyed
          </Link>
          <Link role="tab" class={`tab ${active_tab === "rows_keyed" ? "tab-active" : ""}`} patch="/keyed-comprehension?tab=rows_keyed">
            Rows keyed
          </Link>
          <Link role="tab" class={`tab ${active_tab === "no_keyed" ? "tab-active" : ""}`} patch="/keyed-comprehension?tab=no_keyed">
            No keyed
          </Link>
        </nav>
      </div>

      <button class="btn" phx-click="randomize">
        randomize
      </button>
      <button class="btn" phx-click="change_0">
        change first
      </button>
      <button class="btn" phx-click="change_other">
        change other
      </button>

      <form>
        <input phx-change="change_size" name="size" value={String(size)} />
      </form>

      {[1, 2].map((i) => (
        <div key={i}>
          <Table rows={items} count={count} i={i} />
        </div>
      ))}
    </div>
  ),
});
