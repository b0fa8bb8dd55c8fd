import { escapeHTML, type Safe } from "./escape.js";
import { KIND, type ComponentCall, type Comprehension, type Rendered } from "./template.js";
import type { LiveComponentCall } from "./component.js";
import { ViewSocket } from "./socket.js";
import { componentCallback } from "./callback.js";

/**
 * Renders any slot value to HTML: the dead render and the fixture tests use it, and the diff
 * engine uses it for values it sends as strings. A list whose entries come with an HTML function
 * (see `EntryHTMLFunction`) renders through it, building no `Rendered` per entry.
 */
export function renderToString(value: unknown): string {
  return toHTML(value, true);
}

/**
 * @internal The same HTML as {@link renderToString}, every list entry built as a `Rendered` and
 * walked: the reference the compiled entry HTML functions are tested against.
 */
export function renderTreeToString(value: unknown): string {
  return toHTML(value, false);
}

function toHTML(value: unknown, entryHTML: boolean): string {
  switch (typeof value) {
    case "string":
      return escapeHTML(value);
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
    case "undefined":
      return "";
    case "function":
      throw new TypeError("A function cannot be rendered; did you mean to call it?");
    case "symbol":
      throw new TypeError("A symbol cannot be rendered.");
  }
  if (value === null) return "";
  // One read of the brand instead of an `instanceof` per class: each class's `instanceof` reads
  // the same brand (see `brand` in template.ts), so the two tell the same classes apart.
  switch ((value as Record<symbol, unknown>)[KIND]) {
    case "rendered":
      return renderRendered(value as Rendered, entryHTML);
    case "safe":
      return (value as Safe).html;
    case "comprehension":
      return renderComprehension(value as Comprehension, entryHTML);
    case "component":
      return toHTML((value as ComponentCall).fn((value as ComponentCall).props), entryHTML);
    case "live-component":
      return renderLiveComponent(value as LiveComponentCall, entryHTML);
  }
  if (Array.isArray(value)) {
    let html = "";
    for (const item of value) html += toHTML(item, entryHTML);
    return html;
  }
  return escapeHTML(String(value));
}

function renderRendered(value: Rendered, entryHTML: boolean): string {
  const { statics } = value.template;
  const { dynamics } = value;
  let html = statics[0]!;
  for (let i = 1; i < statics.length; i++) {
    const dynamic = dynamics[i - 1];
    html += toHTML(typeof dynamic === "function" ? (dynamic as () => unknown)() : dynamic, entryHTML) + statics[i]!;
  }
  return html;
}

function renderComprehension(list: Comprehension, entryHTML: boolean): string {
  let html = "";
  const { items } = list;
  const entry = entryHTML ? list.html : null;
  if (entry) {
    for (let i = 0; i < items.length; i++) html += entry(undefined, items[i], i, items);
  } else {
    for (let i = 0; i < items.length; i++) html += renderRendered(list.entry(undefined, items[i], i, items), entryHTML);
  }
  return html;
}

let deadRenderCid = 0;

/** The HTTP render of a live component: mounted and rendered once, nothing kept. */
function renderLiveComponent(call: LiveComponentCall, entryHTML: boolean): string {
  const socket = new ViewSocket<Record<string, unknown>>("dead", false, {}, null, false);
  socket.assign({ myself: ++deadRenderCid });
  const { module } = call;
  const name = `live component ${String(call.id)}`;
  if (module.mount) componentCallback(`mount of ${name}`, () => module.mount!(socket as never));
  if (module.update) componentCallback(`update of ${name}`, () => module.update!(call.props, socket as never));
  else socket.assign(call.props);
  return toHTML(call.module.render(socket.assigns as never), entryHTML);
}
