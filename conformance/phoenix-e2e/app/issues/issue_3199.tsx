/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3199: phx-remove transitions of
 * stream items and of the view's container on live navigation. The route's container carries
 * `phx-remove={removeView()}` in Phoenix (`live "/issues/3199", container: {:div, [phx-remove:
 * …]}`); LiveTSX's routes take no container attributes, so the page's layout adds the attribute
 * to the container's tag (see MISSING.md).
 */
import { defineView, escapeHTML, JS, Link, type LiveStream } from "@livetsx/server";
import { liveLayout } from "../layouts.js";

/** The JS commands Phoenix puts on the view's container. */
export function removeView() {
  return JS.transition("view-removing", { time: 100 });
}

const standard = liveLayout();

/** The standard live layout, the container's opening tag given `phx-remove={removeView()}`. */
export const layout = (page: Parameters<typeof standard>[0], ctx: Parameters<typeof standard>[1]) =>
  standard({ ...page, view: page.view.replace(/^<(\w+)/, `<$1 phx-remove="${escapeHTML(String(removeView()))}"`) }, ctx);

interface Item {
  id: number;
  name: string;
}

export const Away = defineView({
  render: () => <h1>Away</h1>,
});

export default defineView({
  mount: (_params, _session, socket) => {
    socket.stream("items", [
      { id: 1, name: "Item 1" },
      { id: 2, name: "Item 2" },
    ]);
  },
  events: {
    delete: (payload: { id?: string }, socket) => socket.streamDeleteByDomId("items", String(payload.id)),
  },
  render: ({ streams }: { streams: { items: LiveStream<Item> } }) => (
    <>
      <h1>Items</h1>
      <Link navigate="/issues/3199/away">Navigate away</Link>
      <ul id="items" phx-update="stream">
        {streams.items.map(([domId, item]) => (
          <li id={domId} key={domId} phx-remove={JS.transition("item-removing", { time: 1000 })}>
            {item.name}
            <button phx-click="delete" phx-value-id={domId}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </>
  ),
});
