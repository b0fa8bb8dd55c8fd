/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3941: a component-only patch in a
 * locked tree.
 */
import { Async, defineComponent, defineView, LiveComponent, type AsyncResult } from "@livetsx/server";
import { ownLiveLayout } from "./layouts.ts";
import { inspect } from "./shared.tsx";

const ALL_ITEMS = ["Item_1", "Item_2"] as const;

/** Its own live layout: a LiveSocket with the PagePositionNotifier hook. */
export const layout = ownLiveLayout({ options: `hooks: { PagePositionNotifier: { mounted() { this.pushEvent("page_position_update", {}); } } }` });

export const ItemHeader = defineComponent<{ item: string; async_assign: AsyncResult<string> }>({
  update: (props, socket) => {
    // Phoenix's assign_async(…, reset: true): the result goes back to loading on every update.
    socket.assign({ item: String(props["item"]) }).assignAsync("async_assign", () => ({ async_assign: "assign" }));
  },
  render: ({ item, async_assign }) => (
    <div id={`header-${item}`}>
      <Async
        result={async_assign}
        loading={
          <div id={item} class="border border-y-0 bg-red-500 text-white">
            {`${item} - I AM LOADING`}
          </div>
        }
      >
        {() => (
          <div id={item} class="border border-y-0 bg-green-500 text-white">
            {`${item} - I AM LOADED!`}
          </div>
        )}
      </Async>
      {inspect(async_assign?.ok ? { ok: true, loading: false, result: async_assign.result } : { ok: false, loading: true })}
    </div>
  ),
});

export const Item = defineComponent<{ item: string; any_assign: unknown }>({
  update: (props, socket) => {
    socket.assign({ item: String(props["item"]), any_assign: true }).assignAsync("any_assign", () => ({ any_assign: true }));
  },
  render: ({ item }) => (
    <div id={`item-${item}`} phx-hook="PagePositionNotifier">
      <LiveComponent id={`item-header-${item}`} module={ItemHeader} item={item} />
    </div>
  ),
});

function MultiSelect({ items, selected }: { items: readonly string[]; selected: readonly string[] }) {
  return (
    <>
      {items.map((item) => (
        <div key={item}>
          <label for={`item-select-${item}`}>
            <input type="checkbox" phx-click="toggle_item" phx-value-clicked={item} id={`select-${item}`} name="select" value={item} checked={selected.includes(item)} />
            {item}
          </label>
        </div>
      ))}
    </>
  );
}

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ selected_items: [...ALL_ITEMS] as string[], filter_options: ALL_ITEMS });
  },
  events: {
    toggle_item: (payload: { clicked?: string; value?: string }, socket) => {
      const selected = socket.assigns.selected_items;
      const next = payload.value === undefined ? selected.filter((s) => s !== payload.clicked) : [...selected, String(payload.value)];
      socket.assign({ selected_items: next.toSorted() });
    },
    page_position_update: () => undefined,
  },
  render: ({ selected_items, filter_options }: { selected_items: string[]; filter_options: readonly string[] }) => (
    <>
      <MultiSelect items={filter_options} selected={selected_items} />
      {selected_items.map((item) => (
        <div key={item}>
          <LiveComponent module={Item} id={`item-${item}`} item={item} />
        </div>
      ))}
    </>
  ),
});
