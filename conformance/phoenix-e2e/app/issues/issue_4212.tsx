/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/4212: `streamInsert(…, { at })`
 * moves custom elements with moveBefore. The root layout renders the custom element's script
 * (`render_in_root`).
 */
import { defineView, type HTMLAttributes, type LiveStream } from "@livetsx/server";
import { inRoot } from "./layouts.ts";

declare module "@livetsx/server" {
  interface CustomElements {
    "lv-custom-el": HTMLAttributes;
  }
}

interface Item {
  id: string;
  name: string;
}

const ITEMS: readonly Item[] = [
  { id: "a", name: "A" },
  { id: "b", name: "B" },
  { id: "c", name: "C" },
];

const SCRIPT = `
  window.__lvCustomElLog = [];
  class LvCustomEl extends HTMLElement {
    connectedCallback() {
      window.__lvCustomElLog.push({ type: "connected", id: this.id });
    }
    disconnectedCallback() {
      window.__lvCustomElLog.push({ type: "disconnected", id: this.id });
    }
    connectedMoveCallback() {
      window.__lvCustomElLog.push({ type: "moved", id: this.id });
    }
  }
  customElements.define("lv-custom-el", LvCustomEl);
`;

/** `render_in_root`: the root layout renders the script before the live layout. */
export const layout = inRoot(`<script>${SCRIPT}</script>`);

export default defineView({
  mount: (_params, _session, socket) => {
    socket.stream("items", ITEMS).assign({ counter: 0 });
  },
  events: {
    insert_at_1: (_payload, socket) => {
      const n = socket.assigns.counter + 1;
      socket.assign({ counter: n }).streamInsert("items", { id: `new${n}`, name: `New ${n}` }, { at: 1 });
    },
  },
  render: ({ streams }: { counter: number; streams: { items: LiveStream<Item> } }) => (
    <>
      <button id="insert-at-1" phx-click="insert_at_1">Insert at 1</button>
      <ul id="items" phx-update="stream">
        {streams.items.map(([domId, item]) => (
          <li id={domId} key={domId}>
            <lv-custom-el id={`el-${item.id}`}>{item.name}</lv-custom-el>
          </li>
        ))}
      </ul>
    </>
  ),
});
